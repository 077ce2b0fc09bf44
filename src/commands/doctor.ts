// `tray-mcp doctor`: options and validation only; the work is loaded when the command runs.
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { CLIENT_IDS, isClientId } from '../clients/catalog.js';
import type { CheckId } from '../checks/types.js';
import type { DoctorRequest } from '../doctor.js';
import type { Platform } from '../lib/environment.js';
import { examples, platformOption, typed } from './options.js';

export interface DoctorArgs {
  json: boolean;
  format?: string;
  bundle?: string;
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
  oauth: boolean;
  probeProject: boolean;
  fix: boolean;
  yes: boolean;
}

const checkIds = async () => (await import('../checks/index.js')).CHECK_IDS as string[];

export const command: CommandModule<object, DoctorArgs> = {
  command: 'doctor',
  describe: 'Run the checks and show what is wrong, each problem with its remedy',
  // The check ids come from the registry, loaded only for `doctor` (never for --help or --version).
  builder: async (y: Argv) =>
    examples(
      y,
      [
        ['$0 doctor', 'every client config here, and the servers they name'],
        ['$0 doctor --offline', 'only the local checks, no network'],
        ['$0 doctor --client cursor --verbose', 'only Cursor, every result'],
        ['$0 doctor --workspace-id <uuid>', 'probe a workspace ($TRAY_MCP_API_TOKEN)'],
        ['$0 doctor --format markdown', 'a report to paste into a ticket'],
        ['$0 doctor --json --strict', 'for CI: JSON, exit 1 on any warning'],
        ['$0 doctor --fix', 'show each safe fix as a diff and ask before applying it'],
        ['$0 doctor --fix --yes --offline', 'apply them all without asking (scripts); `tray-mcp undo` reverts'],
        ['$0 doctor --oauth --url https://api.tray.io/mcp', 'the OAuth2 sign-in chain, no credentials'],
        ['$0 doctor --bundle tray-mcp-report.json', "replay a customer's support bundle"],
        ['$0 doctor --home ./case --platform windows', 'resolve a copied home as on Windows'],
      ],
    )
      .epilogue(
        'Without --fix doctor only reads. With --fix the report printed at the end is the machine after the fixes.\n\n' +
          'Exit codes: 0 no problems · 1 a check failed or errored (or warned, with --strict) · 2 bad usage (or --fix without --yes and no terminal to confirm on).',
      )
      .option('format', { type: 'string', requiresArg: true, choices: ['table', 'json', 'markdown'], describe: 'table (default), json, or markdown to paste into a ticket' })
      .option('json', { type: 'boolean', default: false, describe: 'same as --format json: one JSON document on stdout (doctor-report.schema.json)' })
      .option('client', { type: 'string', array: true, requiresArg: true, choices: CLIENT_IDS, describe: 'only these clients' })
      .option('config', { type: 'string', array: true, requiresArg: true, describe: 'check this config file (client inferred, or named with --client)' })
      .option('url', { type: 'string', array: true, requiresArg: true, describe: 'probe this MCP server as well (repeatable)' })
      .option('workspace-id', { type: 'string', array: true, requiresArg: true, describe: 'shorthand for --url https://UUID.mcp.tray.ai' })
      .option('token', { type: 'string', requiresArg: true, describe: 'API token for --url servers (default: $TRAY_MCP_API_TOKEN)' })
      .option('offline', { type: 'boolean', default: false, describe: 'no network: network checks report skip' })
      .option('timeout', { type: 'number', default: 10000, requiresArg: true, describe: 'bound for each network step, in ms' })
      .option('only', { type: 'string', array: true, requiresArg: true, choices: await checkIds(), describe: 'run only these checks (and what they need)' })
      .option('skip', { type: 'string', array: true, requiresArg: true, choices: await checkIds(), describe: 'do not run these checks' })
      .option('strict', { type: 'boolean', default: false, describe: 'warnings count as problems' })
      .option('home', { type: 'string', requiresArg: true, describe: "act as if DIR were the user's home (reproduce a customer's layout)" })
      .option('platform', platformOption('resolve client locations as on that OS'))
      .option('bundle', { type: 'string', requiresArg: true, describe: 'replay a support bundle (from `tray-mcp report`): its offline checks and log findings' })
      .option('verbose', { type: 'boolean', default: false, describe: 'every result, with details and timings' })
      .option('oauth', { type: 'boolean', default: false, describe: 'also check the OAuth2 discovery chain of servers that have a token (never sends one)' })
      .option('probe-project', {
        type: 'boolean',
        default: false,
        describe: "also probe the servers of this folder's project configs (./.mcp.json, ./.cursor/mcp.json, ./.vscode/mcp.json); they came with the folder, so by default they are only checked",
      })
      .option('fix', {
        type: 'boolean',
        default: false,
        describe: 'offer the safe fixes for what doctor finds: each shown as a diff and confirmed, written atomically with a .bak backup (`tray-mcp undo` reverts them)',
      })
      .option('yes', { alias: 'y', type: 'boolean', default: false, describe: 'with --fix: apply every fix without asking (needed without a terminal)' })
      .conflicts('bundle', ['home', 'platform', 'config', 'url', 'workspace-id', 'token']) as unknown as Argv<DoctorArgs>,
  handler: async (args: ArgumentsCamelCase<DoctorArgs>) => {
    const { runDoctor } = await import('../doctor.js');
    await runDoctor(doctorRequest(args, process.argv.slice(2)));
  },
};

/** argv (as yargs validated it) → the typed request doctor works from; `raw` is the command line as typed. */
export function doctorRequest(args: DoctorArgs, raw: readonly string[] = []): DoctorRequest {
  return {
    json: args.json,
    format: args.format as DoctorRequest['format'],
    bundle: args.bundle,
    clients: (args.client ?? []).filter(isClientId),
    configs: args.config ?? [],
    urls: args.url ?? [],
    workspaceIds: args.workspaceId ?? [],
    token: args.token,
    offline: args.offline,
    timeout: args.timeout,
    timeoutText: typed(raw, '--timeout'),
    only: (args.only ?? []) as CheckId[],
    skip: (args.skip ?? []) as CheckId[],
    strict: args.strict,
    home: args.home,
    platform: args.platform as Platform | undefined,
    verbose: args.verbose,
    oauth: Boolean(args.oauth),
    probeProject: Boolean(args.probeProject),
    fix: Boolean(args.fix),
    yes: Boolean(args.yes),
  };
}
