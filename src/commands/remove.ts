// `tray-mcp remove NAME`: options and help only; the work is loaded when the command runs (src/manage/remove.ts).
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { CLIENT_IDS } from '../clients/catalog.js';
import { examples, platformOption } from './options.js';

export interface RemoveArgs {
  name: string;
  client?: string[];
  yes: boolean;
  home?: string;
  platform?: string;
}

export const command: CommandModule<object, RemoveArgs> = {
  command: 'remove <name>',
  describe: 'Remove a Tray entry from client configs (atomic, with a .bak backup)',
  builder: (y: Argv) =>
    examples(y, [
      ['$0 remove tray-workspace -c cursor', "remove Cursor's entry named tray-workspace"],
      ['$0 remove tray-workspace --yes', 'remove it from every client that has it, without asking'],
    ])
      .positional('name', { type: 'string', describe: 'the server name (as `tray-mcp list` shows it)' })
      .option('client', { alias: 'c', type: 'string', array: true, requiresArg: true, choices: CLIENT_IDS as unknown as string[], describe: 'only from these clients' })
      .option('yes', { alias: 'y', type: 'boolean', default: false, describe: 'do not ask (needed without a terminal when the name is in several places)' })
      .option('home', { type: 'string', requiresArg: true, describe: "act as if DIR were the user's home" })
      .option('platform', platformOption('resolve client locations as on that OS'))
      .epilogue(
        'Only Tray entries are removed; every other server, key and comment stays. The previous file is kept as <file>.bak (0600).\n\n' +
          'Exit codes: 0 removed (or you kept it) · 1 no Tray entry of that name, or a file that cannot be changed · 2 bad usage, or the name is in several places without -c or --yes and no terminal to ask on.',
      ) as unknown as Argv<RemoveArgs>,
  handler: async (args: ArgumentsCamelCase<RemoveArgs>) => {
    const [{ runRemove }, { environmentFromArgs }, { UsageError }, { err }] = await Promise.all([
      import('../manage/remove.js'),
      import('../lib/environment.js'),
      import('../lib/exit.js'),
      import('../lib/output.js'),
    ]);
    const env = environmentFromArgs(args, (m) => new UsageError(m));
    let confirm: ((q: string) => Promise<boolean>) | null = null;
    let close = () => {};
    if (process.stdin.isTTY && !args.yes) {
      const { terminalPrompter } = await import('../setup/prompts.js');
      const p = terminalPrompter();
      close = () => p.close();
      confirm = async (q) => /^y(es)?$/i.test((await p.ask(q)).trim());
    }
    try {
      await runRemove({ env, name: String(args.name), clients: (args.client ?? []) as never, yes: args.yes, confirm, say: err });
    } finally {
      close();
    }
  },
};
