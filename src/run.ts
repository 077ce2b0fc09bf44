// Run the checks once and render the one results array: shared by doctor, setup --verify and the
// bundle replay (src/bundle/replay.ts), so none of them imports another's command module.
import { CHECKS } from './checks/index.js';
import { runChecks, type RunOutput, type RunSelection } from './checks/runner.js';
import type { Check, DoctorOptions } from './checks/types.js';
import type { NodeVersionData } from './checks/data.js';
import type { Environment } from './lib/environment.js';
import { currentSecrets } from './lib/secrets.js';
import { out, outPieces } from './lib/output.js';
import { terminalOf } from './lib/stdio.js';
import { UsageError } from './lib/exit.js';
import { colorEnabled, painter } from './lib/color.js';
import { effectiveProxy } from './lib/proxy.js';
import { buildReport, type Report } from './report/model.js';
import { toolVersion } from './version.js';

export type Format = 'table' | 'json' | 'markdown';

/** --format, with --json as its shorthand; the two may not disagree. */
export function formatOf(args: { json?: boolean; format?: string }): Format {
  if (args.json && args.format && args.format !== 'json') throw new UsageError(`--json and --format ${args.format} disagree: use one of them`);
  return args.json ? 'json' : ((args.format as Format | undefined) ?? 'table');
}

/**
 * A spinner only on a real terminal: not with --json, not under CI, and not on a terminal that
 * reports no width (ora's line clearing never ends there: `script` and some CI ptys do that).
 */
export function spinnerWanted(json: boolean, stream: { isTTY?: boolean; columns?: number } = terminalOf(2), env = process.env): boolean {
  return !json && Boolean(stream.isTTY) && (stream.columns ?? 0) > 0 && !env.CI;
}

export interface RunAndRender {
  options: DoctorOptions;
  env: Environment;
  json: boolean;
  /** default: json when `json`, else table */
  format?: Format;
  selection?: RunSelection;
  /** the checks to run (default: all; a replay swaps some for recorded ones) */
  checks?: readonly Check[];
  /** a replay: environment facts as recorded on the customer's machine */
  recorded?: { pathNode: string | null; proxy: string | null };
}

/** Run the checks once (spinner on a TTY only) and build the report; nothing is printed. */
export async function runReport({ options, env, json, selection, checks, recorded }: Omit<RunAndRender, 'format'>): Promise<{ report: Report; run: RunOutput }> {
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
    checks: checks ?? CHECKS,
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
    pathNode: recorded ? recorded.pathNode : (nodeData?.node?.version ?? null),
    proxy: recorded ? recorded.proxy : effectiveProxy(env.vars),
    strict: options.strict,
    durationMs: run.durationMs,
    directProbe: options.urls.length > 0,
  });
  return { report, run };
}

/** Print a report as table, JSON or markdown. */
export async function render(report: Report, format: Format, o: { verbose: boolean; strict: boolean }): Promise<void> {
  if (format === 'json') {
    const { renderJsonPieces } = await import('./report/json.js');
    outPieces(renderJsonPieces(report));
  } else if (format === 'markdown') {
    const { renderMarkdown } = await import('./report/markdown.js');
    out(renderMarkdown(report, o));
  } else {
    const [{ renderTable }, { terminalWidth }] = await Promise.all([import('./report/table.js'), import('./report/layout.js')]);
    const paint = painter(colorEnabled(terminalOf(1)));
    out(renderTable(report, { paint, verbose: o.verbose, strict: o.strict, width: terminalWidth(terminalOf(1)) }));
  }
}

/** Run the checks once, build the report, print it. */
export async function runAndRender(input: RunAndRender): Promise<Report> {
  const { report } = await runReport(input);
  await render(report, input.format ?? (input.json ? 'json' : 'table'), input.options);
  return report;
}
