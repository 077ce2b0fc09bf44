// Every command of the CLI, loaded as main() builds its parser (src/cli.ts). The bundle made for some
// commands only (scripts/bundle.mjs ENTRIES: explain's, and doctor's with the commands that run its
// checks) has this module replaced by one that loads just those, so it holds no other command's code.
export const loadCommands = () =>
  Promise.all([
    import('./setup.js'),
    import('./doctor.js'),
    import('./explain.js'),
    import('./report.js'),
    import('./list.js'),
    import('./remove.js'),
    import('./undo.js'),
  ]);
