// `tray-mcp report`: options and help only; the bundle is built when the command runs (src/bundle/).
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import type { ReportRequest } from '../bundle/command.js';
import type { Platform } from '../lib/environment.js';
import { examples, platformOption } from './options.js';

export interface ReportArgs {
  out?: string;
  serverUrl?: string;
  tool?: string;
  error?: string[];
  executionId?: string[];
  offline: boolean;
  timeout: number;
  home?: string;
  platform?: string;
}

export const command: CommandModule<object, ReportArgs> = {
  command: 'report',
  describe: 'Write one redacted support bundle (JSON) to attach to a support ticket',
  builder: (y: Argv) =>
    examples(y, [
      ['$0 report', 'asks what the ticket needs, writes ./tray-mcp-report-<date>.json'],
      ['$0 report --tool create_ticket --error "HTTP 403"', 'no questions for what is given'],
      ['$0 report --out - > bundle.json', 'the bundle on standard output'],
      ['$0 doctor --bundle bundle.json', "support: replay a customer's bundle"],
    ])
      .option('out', { type: 'string', requiresArg: true, describe: 'where to write it (- for standard output) [default: ./tray-mcp-report-<date>.json]' })
      .option('server-url', { type: 'string', requiresArg: true, describe: 'the MCP server URL the ticket is about' })
      .option('tool', { type: 'string', requiresArg: true, describe: 'the tool name the problem is with' })
      .option('error', { type: 'string', array: true, requiresArg: true, describe: 'an error message you saw (repeatable; tokens are redacted)' })
      .option('execution-id', { type: 'string', array: true, requiresArg: true, describe: 'an execution id from the workflow logs (repeatable)' })
      .option('offline', { type: 'boolean', default: false, describe: 'do not probe the servers (network checks report skip)' })
      .option('timeout', { type: 'number', default: 10000, requiresArg: true, describe: 'bound for each network step, in ms' })
      .option('home', { type: 'string', requiresArg: true, describe: "act as if DIR were the user's home" })
      .option('platform', platformOption('resolve client locations as on that OS'))
      .epilogue(
        'The bundle holds: the doctor report; every client config found, each token replaced by its fingerprint (…last4) ' +
          'with structure and line numbers kept; the recent client log lines about Tray (redacted); Node, npx, OS and client ' +
          'versions; proxy settings (no credentials) and the PATH clients see; and what a ticket needs (server URL, tool, ' +
          'errors, execution ids), from the options or asked on a terminal. The file is readable only by you (0600).\n\n' +
          'Exit codes: 0 written · 1 could not be written · 2 bad usage.',
      ) as unknown as Argv<ReportArgs>,
  handler: async (args: ArgumentsCamelCase<ReportArgs>) => {
    const { runReportCommand } = await import('../bundle/command.js');
    await runReportCommand(reportRequest(args));
  },
};

/** argv (as yargs validated it) → the typed request report works from. */
export function reportRequest(args: ReportArgs): ReportRequest {
  return {
    out: args.out,
    serverUrl: args.serverUrl,
    tool: args.tool,
    errors: args.error ?? [],
    executionIds: args.executionId ?? [],
    offline: args.offline,
    timeout: args.timeout,
    home: args.home,
    platform: args.platform as Platform | undefined,
  };
}
