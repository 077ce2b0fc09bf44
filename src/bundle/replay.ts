// `doctor --bundle FILE`: replay a support bundle. Its files and log tails are written into a fresh
// temporary home laid out for the recorded platform (each token as a same-shaped stand-in, modes and
// log times as recorded), and the offline checks run against it with the customer's clock: the same
// results as on the customer's machine. What no file can carry — which Node is on their PATH, who may
// read a file, git, npx's cache and mcp-remote's state — is replayed from the recorded results; network checks are not repeated (a skip
// that says what they found there). The temporary home is removed afterwards; nothing else is written.
import { chmodSync, closeSync, mkdirSync, mkdtempSync, openSync, ftruncateSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CHECKS } from '../checks/index.js';
import type { RunSelection } from '../checks/runner.js';
import type { Check, CheckId, DoctorOptions, Result } from '../checks/types.js';
import type { ClientId } from '../clients/catalog.js';
import { makeEnvironment, PLATFORMS, type Platform } from '../lib/environment.js';
import { UsageError } from '../lib/exit.js';
import { err } from '../lib/output.js';
import { isRemedyId } from '../remedies/catalog.js';
import type { Report, ReportResult } from '../report/model.js';
import { render, runReport, type Format } from '../run.js';
import { applyMasks } from './redact.js';
import { BUNDLE_KIND, BUNDLE_VERSION, type Base, type Bundle, type BundleFile, type BundleLog } from './types.js';

/** Checks whose facts are not in any file: replayed from the recorded results. */
export const RECORDED: readonly CheckId[] = ['node-version', 'bridge', 'file-permissions'];
/** Bundles are JSON of a few MB (a large ~/.claude.json is trimmed); refuse what cannot be one. */
export const MAX_BUNDLE_BYTES = 256 * 1024 * 1024;

const bad = (file: string, why: string) => new UsageError(`--bundle ${JSON.stringify(file)} is not a tray-mcp support bundle: ${why}`);

/** Read and check a bundle; anything that is not one is a usage error naming why. */
export async function readBundle(file: string): Promise<Bundle> {
  let size: number;
  try {
    const st = await stat(file);
    if (!st.isFile()) throw bad(file, 'not a file');
    size = st.size;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`--bundle ${JSON.stringify(file)}: cannot read it (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (size > MAX_BUNDLE_BYTES) throw bad(file, `it is ${(size / 1024 / 1024).toFixed(0)} MB`);
  let doc: unknown;
  try {
    doc = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw bad(file, e instanceof RangeError ? 'nested too deeply' : 'not valid JSON');
  }
  const b = doc as Partial<Bundle>;
  if (!b || typeof b !== 'object' || b.kind !== BUNDLE_KIND) throw bad(file, `no "kind": "${BUNDLE_KIND}"`);
  if (b.bundleVersion !== BUNDLE_VERSION) throw bad(file, `bundle version ${JSON.stringify(b.bundleVersion)}, this tray-mcp reads ${BUNDLE_VERSION}`);
  if (!PLATFORMS.includes(b.platform as Platform)) throw bad(file, 'no platform');
  if (!Array.isArray(b.files) || !Array.isArray(b.logs) || !b.doctor || !Array.isArray(b.doctor.results) || typeof b.clock !== 'number') {
    throw bad(file, 'files, logs, doctor or clock missing');
  }
  for (const f of [...b.files, ...b.logs] as (BundleFile | BundleLog)[]) {
    if (!f || typeof f.rel !== 'string' || typeof f.base !== 'string') throw bad(file, 'an entry without a place');
  }
  return b as Bundle;
}

/** `rel` under `root`, or null when it would leave it (a hostile bundle: `../`, absolute, NUL). */
export function placeUnder(root: string, rel: string): string | null {
  if (!rel || rel.includes('\0') || /^[/\\]|^[A-Za-z]:/.test(rel)) return null;
  const parts = rel.split(/[/\\]+/);
  if (parts.some((p) => p === '..' || p === '')) return null;
  const full = path.resolve(root, ...parts);
  return full.startsWith(root + path.sep) ? full : null;
}

interface Layout {
  root: string;
  home: string;
  cwd: string;
  appData: string;
  localAppData: string;
}

function rootOf(base: Base, l: Layout): string | null {
  switch (base) {
    case '~':
      return l.home;
    case '%APPDATA%':
      return l.appData;
    case '%LOCALAPPDATA%':
      return l.localAppData;
    case '.':
      return l.cwd;
    default:
      return null;
  }
}

/** A file that reproduces config-json's finding for content that was not text. */
function synthesize(f: BundleFile, target: string): void {
  const size = f.size ?? 0;
  const u = f.unreadable!;
  if (u.reason === 'too-large') {
    const fd = openSync(target, 'w', 0o600);
    try {
      ftruncateSync(fd, size);
    } finally {
      closeSync(fd);
    }
    return;
  }
  const bytes = Buffer.alloc(Math.min(size, 64 * 1024 * 1024), 0x20);
  if (u.reason === 'binary' && u.offset !== undefined && u.offset < bytes.length) bytes[u.offset] = 0;
  if (u.reason === 'invalid-utf8' && u.offset !== undefined && u.offset < bytes.length) bytes[u.offset] = 0xff;
  if (u.reason === 'utf16') (u.encoding === 'utf16be' ? Buffer.from([0xfe, 0xff]) : Buffer.from([0xff, 0xfe])).copy(bytes);
  writeFileSync(target, bytes);
  if (u.reason === 'unreadable') chmodSync(target, 0);
}

/** Write the bundle's files and log tails into `l`; returns what could not be placed. */
export function materialize(b: Bundle, l: Layout): string[] {
  const skipped: string[] = [];
  const posix = process.platform !== 'win32';
  for (const f of b.files) {
    const root = rootOf(f.base, l);
    const target = root && placeUnder(root, f.rel);
    if (!target) {
      skipped.push(`${f.path} (outside the home and the working folder)`);
      continue;
    }
    mkdirSync(path.dirname(target), { recursive: true });
    if (f.kind === 'directory') {
      mkdirSync(target, { recursive: true });
      continue;
    }
    if (f.kind !== 'file') {
      skipped.push(`${f.path} (${f.kind === 'other' ? 'not a regular file' : 'not accessible'} on the customer's machine)`);
      continue;
    }
    if (typeof f.text === 'string') {
      let body = Buffer.from(applyMasks(f.text, Array.isArray(f.masks) ? f.masks : []), 'utf8');
      if (f.bom) body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]);
      // ~/.claude.json without its history: as large as it was, so its size reads the same
      if (f.trimmed && typeof f.size === 'number' && body.length < f.size) body = Buffer.concat([body, Buffer.alloc(Math.min(f.size - body.length, 256 * 1024 * 1024), 0x20)]);
      writeFileSync(target, body);
    } else if (f.unreadable) {
      synthesize(f, target);
    } else {
      writeFileSync(target, '');
    }
    if (posix && typeof f.mode === 'string' && /^0?[0-7]{3}$/.test(f.mode) && f.unreadable?.reason !== 'unreadable') chmodSync(target, Number.parseInt(f.mode, 8));
  }
  for (const log of b.logs) {
    const root = rootOf(log.base, l);
    const target = root && placeUnder(root, log.rel);
    if (!target || !Number.isInteger(log.lineCount) || log.lineCount < 0 || log.lineCount > 10_000_000) {
      skipped.push(`${log.path} (log)`);
      continue;
    }
    const lines: string[] = new Array(log.lineCount).fill('');
    for (const { n, text } of log.lines ?? []) if (Number.isInteger(n) && n >= 1 && n <= log.lineCount && typeof text === 'string') lines[n - 1] = text;
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, lines.join('\n'));
    // as recorded, to the millisecond (+0.5 ms so the file system's rounding cannot move it back)
    const t = (log.mtimeMs + 0.5) / 1000;
    utimesSync(target, t, t);
  }
  return skipped;
}

/** The recorded rows of one check, as check output (remedy ids this version does not know dropped). */
function recordedRows(b: Bundle, id: CheckId, clients: readonly ClientId[]): Omit<Result, 'check'>[] {
  // `doctor --json`'s shape: the added checks' rows in additionalResults, an added client in clientId
  const rows = [...b.doctor.results, ...((b.doctor as { additionalResults?: ReportResult[] }).additionalResults ?? [])].map((r) => {
    const id = (r as { clientId?: ClientId }).clientId;
    return id ? { ...r, client: id } : r;
  });
  return rows
    .filter((r) => r.check === id && (clients.length === 0 || !r.client || clients.includes(r.client)))
    .map((r: ReportResult) => ({
      subject: r.subject,
      client: r.client ?? null,
      status: r.status,
      message: r.message,
      ...(r.details ? { details: r.details } : {}),
      remedies: (r.remedies ?? []).map((m) => m.id).filter(isRemedyId),
    }));
}

/** The checks of a replay: files re-examined; machine facts as recorded; the network as a note. */
export function replayChecks(b: Bundle, clients: readonly ClientId[]): Check[] {
  return CHECKS.map((c): Check => {
    if (RECORDED.includes(c.id)) {
      return {
        id: c.id,
        title: c.title,
        needs: [],
        async run() {
          const results = recordedRows(b, c.id, clients);
          if (c.id === 'node-version') {
            const d = results[0]?.details ?? {};
            const nodePath = typeof d.nodePath === 'string' ? d.nodePath : null;
            return {
              results,
              data: { node: nodePath ? { path: nodePath, version: typeof d.version === 'string' ? d.version : null } : null, npx: typeof d.npxPath === 'string' ? { path: d.npxPath } : null },
            };
          }
          return { results };
        },
      };
    }
    if (c.network) {
      return {
        id: c.id,
        title: c.title,
        needs: [],
        async run() {
          const recorded = recordedRows(b, c.id, clients);
          const rows = recorded.length ? recorded : [{ subject: 'network', status: 'skip' as const, message: 'not run', remedies: [] }];
          return {
            results: rows.map((r) => ({
              subject: r.subject,
              client: r.client ?? null,
              status: 'skip' as const,
              message: `not repeated from a bundle; on the customer's machine: ${r.status}: ${r.message}`,
              details: { reason: 'bundle', recorded: r.status },
              remedies: [],
            })),
          };
        },
      };
    }
    return c;
  });
}

/** Replace every occurrence of `from` in the strings of `value` (paths of the replay → the customer's). */
function translate<T>(value: T, from: string, to: string): T {
  if (!from || from === to) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return v.split(from).join(to);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}

export interface ReplayOptions {
  format: Format;
  selection: RunSelection;
}

/** Run a bundle's checks in a temporary home; returns the report (not printed). */
export async function replay(b: Bundle, o: { clients: ClientId[]; selection: RunSelection; verbose: boolean; strict: boolean }): Promise<{ report: Report; skipped: string[] }> {
  const root = mkdtempSync(path.join(tmpdir(), 'tray-mcp-replay-'));
  try {
    const home = path.join(root, 'home');
    const inHome = typeof b.cwd?.inHome === 'string' ? b.cwd.inHome : null;
    const cwdInHome = inHome !== null ? (inHome === '' ? home : placeUnder(home, inHome)) : null;
    const cwd = cwdInHome ?? path.join(root, 'cwd');
    mkdirSync(home, { recursive: true });
    mkdirSync(cwd, { recursive: true });
    const vars: Record<string, string> = {};
    for (const v of b.environment?.referenced ?? []) {
      if (v && typeof v.name === 'string' && v.set && typeof (v.replay ?? v.value) === 'string') vars[v.name] = (v.replay ?? v.value)!;
    }
    const env = makeEnvironment({ home, platform: b.platform, cwd, vars });
    const skipped = materialize(b, { root, home, cwd, appData: env.appData, localAppData: env.localAppData });
    const options: DoctorOptions = {
      clients: o.clients,
      configPaths: [],
      urls: [],
      offline: false,
      timeoutMs: 10_000,
      verbose: o.verbose,
      strict: o.strict,
      now: b.clock,
    };
    const { report } = await runReport({
      options,
      env,
      json: true,
      selection: o.selection,
      checks: replayChecks(b, o.clients),
      recorded: { pathNode: b.doctor.environment?.pathNode ?? null, proxy: b.doctor.environment?.proxy ?? null },
    });
    const shown = cwdInHome ? report : translate(report, cwd, typeof b.cwd?.path === 'string' ? b.cwd.path : cwd);
    return { report: shown, skipped };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export async function replayBundle(args: { bundle: string; clients: readonly ClientId[]; verbose: boolean; strict: boolean }, o: ReplayOptions): Promise<Report> {
  const file = args.bundle;
  if (!file.trim()) throw new UsageError('--bundle needs a file');
  const b = await readBundle(file);
  const { report, skipped } = await replay(b, { clients: [...args.clients], selection: o.selection, verbose: args.verbose, strict: args.strict });
  await render(report, o.format, { verbose: args.verbose, strict: args.strict });
  if (o.format !== 'json') {
    const t = b.ticket ?? { serverUrl: null, tool: null, errors: [], executionIds: [] };
    err(`(replayed ${path.basename(file)}: written ${b.createdAt} by tray-mcp ${b.tool?.version ?? '?'} on ${b.platform}; network checks are the customer's, not repeated)`);
    const facts = [
      t.serverUrl ? `server ${t.serverUrl}` : null,
      t.tool ? `tool ${t.tool}` : null,
      ...(t.errors ?? []).map((e) => `error: ${e}`),
      ...(t.executionIds ?? []).map((e) => `execution ${e}`),
    ].filter(Boolean);
    if (facts.length) err(`(ticket: ${facts.join(' · ')})`);
    if (skipped.length) err(`(not reproduced: ${skipped.join('; ')})`);
  }
  return report;
}


