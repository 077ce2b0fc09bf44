// `tray-mcp doctor`: options and validation only; the work is loaded when the command runs.
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { CLIENT_IDS } from '../clients/catalog.js';
import { CHECK_IDS } from '../checks/types.js';
import { PLATFORMS } from '../lib/environment.js';

export interface DoctorArgs {
  json: boolean;
  client?: string[];
  config?: string[];
  url?: string[];
  workspaceId?: string[];
  token?: string;
  offline: boolean;
  timeout: number;
  only?: string[];
  skip?: string[];
  strict: boolean;
  home?: string;
  platform?: string;
  verbose: boolean;
  probeProject: boolean;
}

export const command: CommandModule<object, DoctorArgs> = {
  command: 'doctor',
  describe: 'Run the checks and show what is wrong, each problem with its remedy',
  builder: (y: Argv) =>
    y
      .option('json', { type: 'boolean', default: false, describe: 'one JSON document on stdout (doctor-report.schema.json)' })
      .option('client', { type: 'string', array: true, requiresArg: true, choices: CLIENT_IDS, describe: 'only these clients' })
      .option('config', { type: 'string', array: true, requiresArg: true, describe: 'check this config file (client inferred, or named with --client)' })
      .option('url', { type: 'string', array: true, requiresArg: true, describe: 'probe this MCP server as well (repeatable)' })
      .option('workspace-id', { type: 'string', array: true, requiresArg: true, describe: 'shorthand for --url https://UUID.mcp.tray.ai' })
      .option('token', { type: 'string', requiresArg: true, describe: 'API token for --url servers (default: $TRAY_MCP_API_TOKEN)' })
      .option('offline', { type: 'boolean', default: false, describe: 'no network: network checks report skip' })
      .option('timeout', { type: 'number', default: 10000, requiresArg: true, describe: 'bound for each network step, in ms' })
      .option('only', { type: 'string', array: true, requiresArg: true, choices: CHECK_IDS, describe: 'run only these checks (and what they need)' })
      .option('skip', { type: 'string', array: true, requiresArg: true, choices: CHECK_IDS, describe: 'do not run these checks' })
      .option('strict', { type: 'boolean', default: false, describe: 'warnings count as problems' })
      .option('home', { type: 'string', requiresArg: true, describe: "act as if DIR were the user's home (reproduce a customer's layout)" })
      .option('platform', { type: 'string', choices: PLATFORMS, describe: 'resolve client locations as on that OS' })
      .option('verbose', { type: 'boolean', default: false, describe: 'details and timings of passing checks too' })
      .option('probe-project', {
        type: 'boolean',
        default: false,
        describe: "also probe the servers of this folder's project configs (./.mcp.json, ./.cursor/mcp.json, ./.vscode/mcp.json); they came with the folder, so by default they are only checked",
      })
      .example('$0 doctor', 'check every client config on this machine and probe the servers found')
      .example('$0 doctor --offline', 'only the local checks, no network')
      .example('$0 doctor --client cursor --verbose', 'only Cursor, with details')
      .example('$0 doctor --workspace-id 12345678-abcd-1234-ef56-0123456789ab', 'probe a workspace with $TRAY_MCP_API_TOKEN')
      .example('$0 doctor --json --strict', 'for CI: a JSON report, exit 1 on any warning')
      .example('$0 doctor --home ./customer-home --platform win32', "reproduce a customer's Windows layout")
      .example('$0 doctor --probe-project', "also contact the servers of this folder's .mcp.json (you trust it)")
      .epilogue('Exit codes: 0 no problems · 1 a check failed or errored (or warned, with --strict) · 2 bad usage.') as unknown as Argv<DoctorArgs>,
  handler: async (args: ArgumentsCamelCase<DoctorArgs>) => {
    const { runDoctor } = await import('../doctor.js');
    await runDoctor(args);
  },
};
