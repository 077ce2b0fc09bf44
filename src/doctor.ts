// doctor: turn validated arguments into options, run the checks once, render the one results array.
import type { ArgumentsCamelCase } from 'yargs';
import type { DoctorArgs } from './commands/doctor.js';
import { CHECKS } from './checks/index.js';
import { runChecks, type RunSelection } from './checks/runner.js';
import type { CheckId, DoctorOptions } from './checks/types.js';
import type { NodeVersionData } from './checks/data.js';
import { gatewayUrl, isClientId, type ClientId } from './clients/catalog.js';
import { environmentFromArgs, type Environment } from './lib/environment.js';
import { EXIT, UsageError } from './lib/exit.js';
import { currentSecrets, registerSecret } from './lib/secrets.js';
import { out, err, outPieces } from './lib/output.js';
import { colorEnabled, painter } from './lib/color.js';
import { effectiveProxy } from './lib/proxy.js';
import { isUuid } from './lib/uuid.js';
import { buildReport, type Report } from './report/model.js';
import { toolVersion } from './version.js';

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
    probeProject: Boolean(args.probeProject),
  };
}

export async function runDoctor(args: ArgumentsCamelCase<DoctorArgs>): Promise<void> {
  if (args.token) registerSecret(args.token);
  const options = doctorOptions(args);
  const env = environmentFromArgs(args, (m) => new UsageError(m));
  const selection = { only: (args.only ?? []) as CheckId[], skip: (args.skip ?? []) as CheckId[] };
  const shown = (selection.only.length ? selection.only : CHECKS.map((c) => c.id)).filter((id) => !selection.skip.includes(id));
  if (shown.length === 0) throw new UsageError('--only and --skip leave no check to run');
  const report = await runAndRender({ options, env, json: args.json, selection });
  if (!args.json && env.homeOverridden) err(`(resolved as ${env.platform} with home ${env.home})`);
  process.exitCode = report.summary.ok ? EXIT.OK : EXIT.PROBLEM;
}

/**
 * A spinner only on a real terminal: not with --json, not under CI, and not on a terminal that
 * reports no width (ora's line clearing never ends there: `script` and some CI ptys do that).
 */
export function spinnerWanted(json: boolean, stream: { isTTY?: boolean; columns?: number } = process.stderr, env = process.env): boolean {
  return !json && Boolean(stream.isTTY) && (stream.columns ?? 0) > 0 && !env.CI;
}

export interface RunAndRender {
  options: DoctorOptions;
  env: Environment;
  json: boolean;
  selection?: RunSelection;
}

/** Run the checks once (spinner on a TTY only), build the report, print it as table or JSON. */
export async function runAndRender({ options, env, json, selection }: RunAndRender): Promise<Report> {
  let spinner: { text: string; stop(): void } | undefined;
  let done = 0;
  if (spinnerWanted(json)) {
    const { default: ora } = await import('ora');
    spinner = ora({
      text: 'Running checks…',
      stream: process.stderr,
      // ora's default raw-mode stdin swallows Ctrl-C while checks wait on the network.
      discardStdin: false,
      color: colorEnabled(process.stderr) ? 'cyan' : false,
    }).start();
  }
  const run = await runChecks({
    checks: CHECKS,
    options,
    env,
    selection,
    secrets: currentSecrets(),
    onFinish: (id) => {
      done++;
      if (spinner) spinner.text = `Running checks… ${done} done (last: ${id})`;
    },
  }).finally(() => spinner?.stop());

  const nodeData = run.data['node-version'] as NodeVersionData | undefined;
  const report = buildReport(run.results, {
    version: toolVersion(),
    platform: env.platform,
    pathNode: nodeData?.node?.version ?? null,
    proxy: effectiveProxy(env.vars),
    strict: options.strict,
    durationMs: run.durationMs,
  });
  if (json) {
    const { renderJsonPieces } = await import('./report/json.js');
    outPieces(renderJsonPieces(report));
  } else {
    const { renderTable } = await import('./report/table.js');
    const paint = painter(colorEnabled(process.stdout));
    out(renderTable(report, { paint, verbose: options.verbose, strict: options.strict, width: process.stdout.columns ?? 120 }));
  }
  return report;
}
