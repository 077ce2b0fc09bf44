// doctor: turn the command's request into options, run the checks once, render the one results array.
// The request comes from src/commands/doctor.ts (argv → DoctorRequest); nothing here reads argv.
import { CHECKS } from './checks/index.js';
import type { CheckId, DoctorOptions } from './checks/types.js';
import type { ClientId } from './clients/catalog.js';
import { gatewayUrl } from './gateway/url.js';
import { environmentFromArgs, type Platform } from './lib/environment.js';
import { EXIT, UsageError } from './lib/exit.js';
import { registerSecret } from './lib/secrets.js';
import { err } from './lib/output.js';
import { isUuid } from './lib/uuid.js';

/** What `tray-mcp doctor` was asked to do, as the command read it from the command line. */
export interface DoctorRequest {
  /** --json (the shorthand for --format json) */
  json: boolean;
  format?: 'table' | 'json' | 'markdown';
  /** --bundle: replay this support bundle instead of looking at this machine */
  bundle?: string;
  clients: ClientId[];
  /** --config paths */
  configs: string[];
  urls: string[];
  workspaceIds: string[];
  token?: string;
  offline: boolean;
  /** --timeout in ms (NaN when it was not a number) */
  timeout: number;
  /** --timeout as typed, quoted back when it is wrong */
  timeoutText?: string;
  only: CheckId[];
  skip: CheckId[];
  strict: boolean;
  home?: string;
  platform?: Platform;
  verbose: boolean;
  oauth: boolean;
  probeProject: boolean;
  /** --fix: offer the safe fixes (src/fix/) */
  fix: boolean;
  /** --yes: with --fix, apply them without asking */
  yes: boolean;
}

export function doctorOptions(args: DoctorRequest, vars = process.env): DoctorOptions {
  const urls: string[] = [];
  for (const raw of args.urls) {
    let u: URL;
    try {
      u = new URL(raw);
    } catch {
      throw new UsageError(`--url ${JSON.stringify(raw)} is not a URL (expected e.g. https://<workspace-id>.mcp.tray.ai)`);
    }
    if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new UsageError(`--url must be http(s), got ${u.protocol}`);
    if (u.username || u.password) {
      throw new UsageError('--url must not carry credentials (user:password@): pass the API token with --token or TRAY_MCP_API_TOKEN');
    }
    urls.push(u.toString());
  }
  for (const id of args.workspaceIds) {
    if (!isUuid(id)) throw new UsageError(`--workspace-id ${JSON.stringify(id)} is not a UUID (the id in your Tray workspace URL, like 12345678-abcd-1234-ef56-0123456789ab)`);
    urls.push(gatewayUrl(id));
  }
  if (!Number.isFinite(args.timeout) || args.timeout <= 0 || args.timeout > 600_000) {
    const given = args.timeoutText ?? String(args.timeout);
    throw new UsageError(`--timeout must be a number of milliseconds between 1 and 600000, got ${JSON.stringify(given)}`);
  }
  const clients = args.clients;
  const configPaths = args.configs.map((path) => {
    if (!path) throw new UsageError('--config needs a path');
    return { path, client: clients.length === 1 ? clients[0] : undefined };
  });
  const token = args.token ?? vars.TRAY_MCP_API_TOKEN ?? undefined;
  if (args.token !== undefined && args.token.trim() === '') throw new UsageError('--token is empty');
  registerSecret(token);
  return {
    clients: [...clients],
    configPaths,
    urls: [...new Set(urls)],
    token: token || undefined,
    offline: args.offline,
    timeoutMs: Math.round(args.timeout),
    verbose: args.verbose,
    strict: args.strict,
    oauth: Boolean(args.oauth),
    probeProject: Boolean(args.probeProject),
  };
}

import { formatOf, runAndRender } from './run.js';

export { formatOf, render, runAndRender, runReport, spinnerWanted, type Format, type RunAndRender } from './run.js';

export async function runDoctor(args: DoctorRequest): Promise<void> {
  if (args.token) registerSecret(args.token);
  const format = formatOf(args);
  const selection = { only: args.only, skip: args.skip };
  const shown = (selection.only.length ? selection.only : CHECKS.map((c) => c.id)).filter((id) => !selection.skip.includes(id));
  if (shown.length === 0) throw new UsageError('--only and --skip leave no check to run');
  if (args.fix && args.bundle !== undefined) throw new UsageError('--fix changes the files on this machine; a --bundle replay has none to change');
  if (args.bundle !== undefined) {
    const { replayBundle } = await import('./bundle/replay.js');
    const report = await replayBundle({ ...args, bundle: args.bundle }, { format, selection });
    process.exitCode = report.summary.ok ? EXIT.OK : EXIT.PROBLEM;
    return;
  }
  const options = doctorOptions(args);
  const env = environmentFromArgs(args, (m) => new UsageError(m));
  if (args.yes && !args.fix) throw new UsageError('--yes goes with --fix (it applies the fixes without asking)');
  if (args.fix && format !== 'table') throw new UsageError(`--fix shows diffs and asks on a terminal: it does not go with --${args.json ? 'json' : `format ${format}`} (run \`tray-mcp doctor --json\` after it)`);
  if (args.fix) {
    const { fixAndRender } = await import('./fix/command.js');
    const { report, failed } = await fixAndRender({ options, env, selection, yes: args.yes });
    if (env.homeOverridden) err(`(resolved as ${env.platform} with home ${env.home})`);
    process.exitCode = report.summary.ok && failed === 0 ? EXIT.OK : EXIT.PROBLEM;
    return;
  }
  const report = await runAndRender({ options, env, json: format === 'json', format, selection });
  if (format !== 'json' && env.homeOverridden) err(`(resolved as ${env.platform} with home ${env.home})`);
  process.exitCode = report.summary.ok ? EXIT.OK : EXIT.PROBLEM;
}
