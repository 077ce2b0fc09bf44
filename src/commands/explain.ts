// `tray-mcp explain`: options and validation only; the matching engine is loaded when the command runs.
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { examples, platformOption } from './options.js';
import { CLIENT_IDS, type ClientId } from '../clients/catalog.js';
import type { ExplainRequest } from '../explain.js';
import type { Platform } from '../lib/environment.js';

export interface ExplainArgs {
  text?: (string | number)[];
  file?: string;
  list: boolean;
  json: boolean;
  client?: string;
  platform?: string;
}

export const command: CommandModule<object, ExplainArgs> = {
  command: 'explain [text..]',
  describe: 'Map an error message, status code or remedy id to its cause and remedy',
  builder: (y: Argv) =>
    examples(y, [
      ['$0 explain 401', 'what a 401 from the Agent Gateway means'],
      ['$0 explain "spawn npx ENOENT"', 'a line from a client log'],
      ['$0 explain -32042', 'a JSON-RPC error code'],
      ['$0 explain --file mcp.log', 'scan a whole client log'],
      ['pbpaste | $0 explain', 'what is on the clipboard (macOS)'],
      ['$0 explain - < error.txt', '`-` reads standard input'],
      ['$0 explain callable-depth-exceeded', 'one remedy by its id'],
      ['$0 explain --list', 'every problem explain knows, by id'],
      ['$0 explain --json "HTTP 403"', 'machine-readable, for scripts'],
      ['$0 explain --platform windows "spawn npx ENOENT"', "a customer's error, fixed for their OS"],
    ])
      .positional('text', {
        type: 'string',
        array: true,
        describe: 'the error text, a status or error code, or a remedy id; `-` reads standard input',
      })
      .option('file', { type: 'string', requiresArg: true, describe: 'read a log file (any size; scanned in one pass)' })
      .option('list', { type: 'boolean', default: false, describe: 'list every known problem: id and title' })
      .option('json', { type: 'boolean', default: false, describe: 'one JSON document on stdout (explain-result.schema.json)' })
      .option('client', { type: 'string', requiresArg: true, choices: CLIENT_IDS, describe: 'the client the error came from (default: told by the text, if it does)' })
      .option('platform', platformOption('the OS the error came from (default: told by the text, else this one)'))
      .epilogue(
        'Exit codes: 0 explained · 1 nothing matched · 2 bad usage (no input without a terminal, unreadable --file).\n' +
          'Tokens in the input (Bearer …, Authorization: …, token=…) are redacted in every output.',
      ) as unknown as Argv<ExplainArgs>,
  handler: async (args: ArgumentsCamelCase<ExplainArgs>) => {
    const { runExplain } = await import('../explain.js');
    await runExplain(explainRequest(args));
  },
};

/** argv (as yargs validated it) → the typed request explain works from. */
export function explainRequest(args: ExplainArgs): ExplainRequest {
  return {
    text: (args.text ?? []).map(String),
    file: args.file,
    list: args.list,
    json: args.json,
    client: args.client as ClientId | undefined,
    platform: args.platform as Platform | undefined,
  };
}
