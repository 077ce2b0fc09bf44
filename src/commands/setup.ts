// `tray-mcp setup` (and bare `tray-mcp`): options, examples and help only; the work is loaded
// when the command runs (src/setup/run.ts).
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { CLIENT_IDS } from '../clients/catalog.js';
import { examples, platformOption } from './options.js';
import { registerSecret } from '../lib/secrets.js';
import { UsageError } from '../lib/exit.js';
import type { Platform } from '../lib/environment.js';
import type { SetupRequest } from '../setup/run.js';

/** A flag given twice: the last one counts (as in most command-line tools), never a list. */
const last = (v: unknown): unknown => (Array.isArray(v) ? v[v.length - 1] : v);

export interface SetupCommandArgs {
  workspaceId?: string;
  apiToken?: string;
  name?: string;
  client?: string;
  home?: string;
  platform?: string;
  verify: boolean;
  json: boolean;
  /** false with --no-code-cli (kept for old scripts: setup always writes VS Code's mcp.json itself) */
  codeCli: boolean;
  /**
   * Internal, for this project's tests (hidden from --help; docs/setup.md): write and --verify this
   * loopback URL instead of https://UUID.mcp.tray.ai. Only http(s) to 127.0.0.1, [::1] or
   * localhost, without user name, password, query or fragment.
   */
  testGatewayUrl?: string;
}

/** The --test-gateway-url value, checked (a usage error otherwise). */
export function checkTestGatewayUrl(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new UsageError('--test-gateway-url is not a URL');
  }
  const loopback = ['127.0.0.1', '[::1]', 'localhost'].includes(u.hostname);
  if ((u.protocol !== 'http:' && u.protocol !== 'https:') || !loopback || u.username || u.password || u.search || u.hash) {
    throw new UsageError('--test-gateway-url takes only http(s)://127.0.0.1:PORT/PATH (or [::1], localhost), without credentials, query or fragment');
  }
  return u.toString();
}

export const command: CommandModule<object, SetupCommandArgs> = {
  command: 'setup',
  describe: 'Add your Tray workspace to an AI client (interactive, or CLI mode with -w and -t)',
  builder: (y: Argv) =>
    examples(y, [
      ['$0 setup', 'asks for client, workspace id, token (hidden), name'],
      ['$0 setup -w <uuid> -t <token>', 'CLI mode: Claude Desktop, no questions'],
      ['$0 setup -w <uuid> -t <token> -c cursor -n prod', 'Cursor, server name "prod" (overwrites it)'],
      ['$0 setup -w <uuid> -c claude-code --verify', 'token from $TRAY_MCP_API_TOKEN; then check it'],
      ['$0 setup -w <uuid> -t <token> --home ./case --platform windows', "write a customer's Windows layout"],
    ])
      .option('workspace-id', { alias: 'w', type: 'string', coerce: last, requiresArg: true, describe: 'Tray.ai workspace id (the UUID in your workspace URL)' })
      .option('api-token', { alias: ['t', 'token'], type: 'string', coerce: last, requiresArg: true, describe: 'Tray.ai API token (default: $TRAY_MCP_API_TOKEN); never printed' })
      .option('name', { alias: 'n', type: 'string', coerce: last, requiresArg: true, describe: 'MCP server name in the client config [default: tray-workspace]' })
      .option('client', { alias: 'c', type: 'string', coerce: last, requiresArg: true, describe: `client to configure: ${CLIENT_IDS.join(', ')} [default: claude]` })
      .option('verify', { type: 'boolean', default: false, describe: 'after writing, check the server answers (reachability, token, MCP handshake, tools)' })
      .option('json', { type: 'boolean', default: false, describe: 'with --verify: the check report as JSON on stdout (doctor-report schema)' })
      .option('code-cli', { type: 'boolean', default: true, hidden: true, describe: 'accepted for old scripts; VS Code’s mcp.json is always written directly (the token never goes on a command line)' })
      .option('test-gateway-url', { type: 'string', coerce: last, requiresArg: true, hidden: true, describe: 'internal, for tests: a loopback URL to write and verify' })
      .option('home', { type: 'string', coerce: last, requiresArg: true, describe: "act as if DIR were the user's home (write a customer's layout elsewhere)" })
      .option('platform', platformOption('write where the client reads on that OS'))
      .epilogue(
        'Writes where each client reads, keeps every other server and setting, replaces the file atomically, keeps the ' +
          'previous one as <file>.bak, and leaves it readable only by you (0600). A file that does not parse is left untouched.\n\n' +
          'Exit codes: 0 written (or you declined to overwrite) · 1 could not write, or --verify found a problem · ' +
          '2 bad usage, or no terminal to ask on and -w/-t missing (nothing is written).',
      ) as unknown as Argv<SetupCommandArgs>,
  handler: async (args: ArgumentsCamelCase<SetupCommandArgs>) => {
    registerSecret(args.apiToken);
    const { runSetup } = await import('../setup/run.js');
    await runSetup(setupRequest(args));
  },
};

/** argv (as yargs validated it) → the typed request setup works from; --test-gateway-url checked here. */
export function setupRequest(args: SetupCommandArgs): SetupRequest {
  return {
    workspaceId: args.workspaceId,
    apiToken: args.apiToken,
    name: args.name,
    client: args.client,
    home: args.home,
    platform: args.platform as Platform | undefined,
    verify: args.verify,
    json: args.json,
    ...(args.testGatewayUrl !== undefined ? { testGatewayUrl: checkTestGatewayUrl(args.testGatewayUrl) } : {}),
  };
}
