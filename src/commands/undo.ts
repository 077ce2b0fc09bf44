// `tray-mcp undo`: options and help only; the work is loaded when the command runs (src/fix/undo.ts).
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { examples, platformOption } from './options.js';

export interface UndoArgs {
  force: boolean;
  home?: string;
  platform?: string;
}

export const command: CommandModule<object, UndoArgs> = {
  command: 'undo',
  describe: 'Put back the files the last `doctor --fix` changed',
  builder: (y: Argv) =>
    examples(y, [
      ['$0 undo', 'restore each file (content and mode) as it was before the last --fix'],
      ['$0 undo --force', 'restore even files that changed after the fix'],
    ])
      .option('force', { type: 'boolean', default: false, describe: 'also restore a file that changed after the fix (that later change is lost)' })
      .option('home', { type: 'string', requiresArg: true, describe: "act as if DIR were the user's home (undo a fix made with --home DIR)" })
      .option('platform', platformOption('resolve locations as on that OS'))
      .epilogue(
        'The last fix is recorded in ~/.tray-mcp/undo (copies of the files as they were, 0600). A file that changed after the fix is kept unless --force.\n\n' +
          'Exit codes: 0 restored · 1 nothing to undo, or a file was kept because it changed · 2 bad usage.',
      ) as unknown as Argv<UndoArgs>,
  handler: async (args: ArgumentsCamelCase<UndoArgs>) => {
    const [{ runUndo }, { environmentFromArgs }, { UsageError, EXIT }, { err }] = await Promise.all([
      import('../fix/undo.js'),
      import('../lib/environment.js'),
      import('../lib/exit.js'),
      import('../lib/output.js'),
    ]);
    const env = environmentFromArgs(args, (m) => new UsageError(m));
    const { kept } = await runUndo({ env, force: args.force, say: err });
    if (kept.length) process.exitCode = EXIT.PROBLEM;
  },
};
