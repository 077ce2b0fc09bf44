// One results array → the report document (doctor-report.schema.json, schemaVersion 1).
// Every renderer starts from this document: "run once, render many".
import type { Result, Status } from '../checks/types.js';
import { getRemedy, stepsFor, type RemedyContext } from '../remedies/catalog.js';
import { scrubDeep } from '../lib/secrets.js';
import type { Platform } from '../lib/environment.js';
import { triage } from './triage.js';

export interface RemedyRef {
  id: string;
  title: string;
  steps: string[];
  docs?: string;
}

export interface ReportResult extends Omit<Result, 'remedies'> {
  remedies: RemedyRef[];
}

export interface Report {
  schemaVersion: 1;
  tool: { name: 'tray-mcp'; version: string };
  generatedAt: string;
  environment: {
    platform: Platform;
    doctorNode: string;
    pathNode: string | null;
    proxy: string | null;
    home?: string;
  };
  summary: Record<Status, number> & {
    ok: boolean;
    durationMs: number;
    checks: number;
    problems: number;
    /** the answer in one sentence: the worst problem and who it stops, or that all is well */
    headline: string;
  };
  results: ReportResult[];
}

export interface ReportMeta {
  version: string;
  platform: Platform;
  pathNode: string | null;
  proxy: string | null;
  strict: boolean;
  durationMs: number;
  home?: string;
  /**
   * Servers were named with --url/--workspace-id: the user is probing them directly, so no client
   * config (or no Tray entry) on this machine is information, not a problem (see relaxForDirectProbe).
   */
  directProbe?: boolean;
}

/** The remedies a result names, with the steps for its client on the run's platform. */
export function resolveRemedies(ids: readonly string[], ctx: RemedyContext = {}): RemedyRef[] {
  const out: RemedyRef[] = [];
  for (const id of ids) {
    const r = getRemedy(id);
    if (!r) throw new Error(`result names remedy "${id}", which is not in the catalog`);
    out.push({ id: r.id, title: r.title, steps: stepsFor(r, ctx), ...(r.docs ? { docs: r.docs } : {}) });
  }
  return out;
}

export function isProblem(status: Status, strict: boolean): boolean {
  return status === 'fail' || status === 'error' || (strict && status === 'warn');
}

/**
 * With --url/--workspace-id the exit code comes from the probe: "no client config file" and "no
 * Tray entry in any config" become skips that say so. Problems found in files that do exist stay.
 */
export function relaxForDirectProbe(results: readonly Result[]): Result[] {
  return results.map((r) => {
    if (r.subject !== 'all clients' || r.status !== 'fail') return r;
    if (r.check === 'config-files' && r.remedies.includes('config-not-found')) {
      return {
        ...r,
        status: 'skip',
        message: 'No client config file on this machine: fine, the servers given with --url/--workspace-id are probed directly.',
        details: { ...r.details, reason: 'direct-probe' },
        remedies: [],
      };
    }
    if (r.check === 'tray-servers' && r.remedies.includes('tray-server-missing')) {
      return {
        ...r,
        status: 'skip',
        message: 'No Tray entry in any client config: fine, the servers given with --url/--workspace-id are probed directly.',
        details: { ...r.details, reason: 'direct-probe' },
        remedies: [],
      };
    }
    return r;
  });
}

export function buildReport(input: readonly Result[], meta: ReportMeta): Report {
  const results = meta.directProbe ? relaxForDirectProbe(input) : input;
  const summary = { pass: 0, warn: 0, fail: 0, skip: 0, error: 0 } as Record<Status, number>;
  for (const r of results) summary[r.status]++;
  const problems = results.filter((r) => isProblem(r.status, meta.strict)).length;
  const doc: Report = {
    schemaVersion: 1,
    tool: { name: 'tray-mcp', version: meta.version },
    generatedAt: new Date().toISOString(),
    environment: {
      platform: meta.platform,
      doctorNode: process.version,
      pathNode: meta.pathNode,
      proxy: meta.proxy,
      ...(meta.home ? { home: meta.home } : {}),
    },
    summary: {
      ...summary,
      ok: problems === 0,
      problems,
      checks: new Set(results.map((r) => r.check)).size,
      durationMs: meta.durationMs,
      headline: '',
    },
    results: results.map((r) => ({
      ...r,
      client: r.client ?? null,
      remedies: resolveRemedies(r.remedies, { ...(r.client ? { client: r.client } : {}), platform: meta.platform }),
    })),
  };
  const scrubbed = scrubDeep(doc);
  scrubbed.summary.headline = triage(scrubbed.results).headline;
  return scrubbed;
}
