// `tray-mcp list`: options and help only; the work is loaded when the command runs (src/manage/list.ts).
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { CLIENT_IDS } from '../clients/catalog.js';
import { examples, platformOption } from './options.js';
import { terminalOf } from '../lib/stdio.js';

export interface ListArgs {
  client?: string[];
  json: boolean;
  home?: string;
  platform?: string;
}

export const command: CommandModule<object, ListArgs> = {
  command: 'list',
  describe: 'Every Tray entry across clients and scopes, and whether each client loads it',
  builder: (y: Argv) =>
    examples(y, [
      ['$0 list', 'every Tray entry: client, name, workspace, token …last4, file:line, loaded or not'],
      ['$0 list --client claude-code', 'one client (all its scopes: user, local, project)'],
      ['$0 list --json', 'the same as one JSON document'],
    ])
      .option('client', { alias: 'c', type: 'string', array: true, requiresArg: true, choices: CLIENT_IDS as unknown as string[], describe: 'only these clients' })
      .option('json', { type: 'boolean', default: false, describe: 'one JSON document on stdout' })
      .option('home', { type: 'string', requiresArg: true, describe: "act as if DIR were the user's home" })
      .option('platform', platformOption('resolve client locations as on that OS'))
      .epilogue('Reads only. Tokens are shown as their last 4 characters. Exit codes: 0 listed (also when there is none) · 2 bad usage.') as unknown as Argv<ListArgs>,
  handler: async (args: ArgumentsCamelCase<ListArgs>) => {
    const [{ runList }, { environmentFromArgs }, { UsageError }, { out, err }, { terminalWidth }] = await Promise.all([
      import('../manage/list.js'),
      import('../lib/environment.js'),
      import('../lib/exit.js'),
      import('../lib/output.js'),
      import('../report/layout.js'),
    ]);
    const env = environmentFromArgs(args, (m) => new UsageError(m));
    const r = await runList({ env, clients: (args.client ?? []) as never, json: args.json, width: terminalWidth(terminalOf(1)) });
    out(r.text);
    if (!args.json && r.count > 0) for (const u of r.unread) err(`! ${u.file} could not be read (${u.why}): an entry there is not listed; \`tray-mcp doctor\` says why.`);
  },
};
