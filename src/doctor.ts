// doctor: turn validated arguments into options, run the checks once, render the one results array.
import type { ArgumentsCamelCase } from 'yargs';
import type { DoctorArgs } from './commands/doctor.js';
import { CHECKS } from './checks/index.js';
import type { CheckId, DoctorOptions } from './checks/types.js';
import { isClientId, type ClientId } from './clients/catalog.js';
import { gatewayUrl } from './gateway/url.js';
import { environmentFromArgs } from './lib/environment.js';
import { EXIT, UsageError } from './lib/exit.js';
import { registerSecret } from './lib/secrets.js';
import { err } from './lib/output.js';
import { isUuid } from './lib/uuid.js';

export function doctorOptions(args: ArgumentsCamelCase<DoctorArgs>, vars = process.env): DoctorOptions {
  const urls: string[] = [];
  for (const raw of args.url ?? []) {
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
  for (const id of args.workspaceId ?? []) {
    if (!isUuid(id)) throw new UsageError(`--workspace-id ${JSON.stringify(id)} is not a UUID (the id in your Tray workspace URL, like 12345678-abcd-1234-ef56-0123456789ab)`);
    urls.push(gatewayUrl(id));
  }
  if (!Number.isFinite(args.timeout) || args.timeout <= 0 || args.timeout > 600_000) {
    const given = process.argv.slice(2).find((a, i, all) => all[i - 1] === '--timeout') ?? String(args.timeout);
    throw new UsageError(`--timeout must be a number of milliseconds between 1 and 600000, got ${JSON.stringify(given)}`);
  }
  const clients = (args.client ?? []).filter(isClientId);
  const configPaths = (args.config ?? []).map((path) => {
    if (!path) throw new UsageError('--config needs a path');
    return { path, client: clients.length === 1 ? clients[0] : undefined };
  });
  const token = args.token ?? vars.TRAY_MCP_API_TOKEN ?? undefined;
  if (args.token !== undefined && args.token.trim() === '') throw new UsageError('--token is empty');
  registerSecret(token);
  return {
    clients: clients as ClientId[],
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

export async function runDoctor(args: ArgumentsCamelCase<DoctorArgs>): Promise<void> {
  if (args.token) registerSecret(args.token);
  const format = formatOf(args);
  const selection = { only: (args.only ?? []) as CheckId[], skip: (args.skip ?? []) as CheckId[] };
  const shown = (selection.only.length ? selection.only : CHECKS.map((c) => c.id)).filter((id) => !selection.skip.includes(id));
  if (shown.length === 0) throw new UsageError('--only and --skip leave no check to run');
  if (args.fix && args.bundle !== undefined) throw new UsageError('--fix changes the files on this machine; a --bundle replay has none to change');
  if (args.bundle !== undefined) {
    const { replayBundle } = await import('./bundle/replay.js');
    const report = await replayBundle(args, { format, selection });
    process.exitCode = report.summary.ok ? EXIT.OK : EXIT.PROBLEM;
    return;
  }
  const options = doctorOptions(args);
  const env = environmentFromArgs(args, (m) => new UsageError(m));
  if (args.yes && !args.fix) throw new UsageError('--yes goes with --fix (it applies the fixes without asking)');
  if (args.fix && format !== 'table') throw new UsageError(`--fix shows diffs and asks on a terminal: it does not go with --${args.json ? 'json' : `format ${format}`} (run \`tray-mcp doctor --json\` after it)`);
  if (args.fix) {
    const { fixAndRender } = await import('./fix/command.js');
    const report = await fixAndRender({ options, env, selection, yes: args.yes });
    if (env.homeOverridden) err(`(resolved as ${env.platform} with home ${env.home})`);
    process.exitCode = report.summary.ok ? EXIT.OK : EXIT.PROBLEM;
    return;
  }
  const report = await runAndRender({ options, env, json: format === 'json', format, selection });
  if (format !== 'json' && env.homeOverridden) err(`(resolved as ${env.platform} with home ${env.home})`);
  process.exitCode = report.summary.ok ? EXIT.OK : EXIT.PROBLEM;
}
