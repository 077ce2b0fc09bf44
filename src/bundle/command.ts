// `tray-mcp report`: run doctor once, ask (on a terminal) what a support ticket needs, and write one
// redacted JSON bundle (0600, atomically) — or print it with `--out -`. Before anything leaves, the
// whole bundle is checked for every known secret in every encoding.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { DoctorOptions } from '../checks/types.js';
import type { TrayServersData } from '../checks/data.js';
import { runReport } from '../doctor.js';
import { environmentFromArgs, type Platform } from '../lib/environment.js';
import { EXIT, ProblemError, UsageError } from '../lib/exit.js';
import { err } from '../lib/output.js';
import { terminalOf, writeStd } from '../lib/stdio.js';
import { fingerprint } from '../lib/redact.js';
import { FormFinder, replaceForms } from '../lib/form-finder.js';
import { knownSecrets } from '../lib/secrets.js';
import { toolVersion } from '../version.js';
import { jsonDocument } from '../report/json.js';
import type { Report } from '../report/model.js';
import { collectFiles, collectLogs, environmentFacts, referencedVars, versionFacts } from './collect.js';
import { redactFree, secretForms } from './redact.js';
import { BUNDLE_KIND, BUNDLE_VERSION, type Bundle } from './types.js';

/** `tray-mcp-report-20250603-072352.json`: sortable, and safe in every file system. */
export function defaultName(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `tray-mcp-report-${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}.json`;
}

/** A URL as a ticket shows it: no user name or password; credentials in the query masked. */
function ticketUrl(raw: string, forms: readonly string[], secrets: readonly string[]): string {
  try {
    const u = new URL(raw.trim());
    if (!u.username && !u.password) return redactFree(raw.trim(), forms, secrets);
    u.username = '';
    u.password = '';
    return redactFree(u.toString(), forms, secrets);
  } catch {
    return redactFree(raw.trim(), forms, secrets);
  }
}

/** What `tray-mcp report` was asked, as the command read it from the command line. */
export interface ReportRequest {
  /** where to write the bundle (`-`: standard output) */
  out?: string;
  serverUrl?: string;
  tool?: string;
  errors: string[];
  executionIds: string[];
  offline: boolean;
  /** --timeout in ms */
  timeout: number;
  home?: string;
  platform?: Platform;
}

interface TicketInput {
  serverUrl?: string;
  tool?: string;
  errors: string[];
  executionIds: string[];
  asked: boolean;
}

/** Ask for what the flags did not give, on a terminal only; Enter skips a question. */
async function askTicket(args: ReportRequest, suggestion: string | undefined): Promise<TicketInput> {
  const given: TicketInput = { serverUrl: args.serverUrl, tool: args.tool, errors: [...args.errors], executionIds: [...args.executionIds], asked: false };
  const missing = given.serverUrl === undefined || given.tool === undefined || given.errors.length === 0 || given.executionIds.length === 0;
  if (!missing || !terminalOf(2).isTTY || !process.stdin.isTTY) return given;
  const { terminalPrompter, PromptCancelled } = await import('../setup/prompts.js');
  const p = terminalPrompter();
  try {
    p.say('What the support ticket needs (the product docs ask for these); press Enter to skip one.');
    if (given.serverUrl === undefined) {
      const a = (await p.ask(`MCP server URL${suggestion ? ` [${suggestion}]` : ''}: `)).trim();
      given.serverUrl = a || undefined;
    }
    if (given.tool === undefined) given.tool = (await p.ask('Tool name: ')).trim() || undefined;
    if (given.errors.length === 0) {
      const a = (await p.ask('Error message you saw (paste one line): ')).trim();
      if (a) given.errors.push(a);
    }
    if (given.executionIds.length === 0) {
      const a = (await p.ask('Execution id from the workflow logs: ')).trim();
      if (a) given.executionIds.push(a);
    }
    given.asked = true;
    return given;
  } catch (e) {
    if (e instanceof PromptCancelled) {
      writeStd(2, '\ntray-mcp: cancelled, nothing written\n');
      process.exit(130);
    }
    throw e;
  } finally {
    p.close();
  }
}

/**
 * Every known secret, in every encoding, is absent from `text` (else: which fingerprints are
 * present). `text` may be pieces (bundleJson): a form split between two pieces is found too.
 * All forms are looked for in one pass (FormFinder): a ~/.claude.json of tens of MB holds a secret
 * per project, and a pass per form of each was most of report's time (12 s on 36 MB).
 */
export function leaks(text: string | Iterable<string>, secrets: readonly string[]): string[] {
  const found = new Set<string>();
  const owner = new Map<string, string>(); // form → fingerprint of its secret
  for (const s of secrets) if (s.length >= 8) for (const f of secretForms([s])) if (!owner.has(f)) owner.set(f, fingerprint(s));
  if (!owner.size) return [];
  const finder = new FormFinder([...owner.keys()]);
  let longest = 0; // (a loop: tens of thousands of forms are too many arguments for Math.max)
  for (const f of owner.keys()) if (f.length > longest) longest = f.length;
  let tail = '';
  for (const piece of typeof text === 'string' ? [text] : text) {
    // the end of the piece before, so that a form across the seam is seen whole
    const seen = tail + piece;
    finder.each(seen, (form) => void found.add(owner.get(form)!));
    tail = seen.slice(Math.max(0, seen.length - longest + 1));
  }
  return [...found];
}

/** Characters of a config file's text escaped at a time, when the bundle is written in pieces. */
const TEXT_PIECE = 1 << 20;

/**
 * JSON.stringify(bundle, null, 2) + '\n', as pieces made one at a time: the bundle without the
 * files' texts, and each text escaped a megabyte at a time where it goes (a redacted ~/.claude.json
 * is tens of MB: its JSON is never made whole). Joined, the pieces are exactly that one string.
 * Each pieces() makes them anew (the leak check reads them, then the write); `length()` is their
 * length in UTF-16 units, known once they were made.
 */
export function bundleJson(bundle: Bundle): { pieces: () => Generator<string>; length: () => number } {
  const nonce = `${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
  const mark = (i: number) => `\u0000${nonce}:${i}`;
  const texts: string[] = [];
  const skeleton = { ...bundle, files: bundle.files.map((f) => (f.text === undefined ? f : { ...f, text: mark(texts.push(f.text) - 1) })) };
  const json = JSON.stringify(skeleton, null, 2) + '\n';
  const cuts = texts.map((text, i) => {
    const m = JSON.stringify(mark(i));
    return { at: json.indexOf(m), skip: m.length, text };
  });
  let length = 0;
  function* pieces(): Generator<string> {
    let made = 0;
    const out = (piece: string) => {
      made += piece.length;
      return piece;
    };
    let from = 0;
    for (const c of cuts) {
      yield out(json.slice(from, c.at) + '"');
      for (let i = 0; i < c.text.length; ) {
        let end = Math.min(c.text.length, i + TEXT_PIECE);
        // never between the two halves of a surrogate pair (each half alone would be escaped)
        const last = c.text.charCodeAt(end - 1);
        if (end < c.text.length && last >= 0xd800 && last <= 0xdbff) end--;
        yield out(JSON.stringify(c.text.slice(i, end)).slice(1, -1));
        i = end;
      }
      yield out('"');
      from = c.at + c.skip;
    }
    yield out(json.slice(from));
    length = made;
  }
  return { pieces, length: () => length };
}

export async function buildBundle(args: ReportRequest): Promise<Bundle> {
  const env = environmentFromArgs(args, (m) => new UsageError(m));
  if (!Number.isFinite(args.timeout) || args.timeout <= 0 || args.timeout > 600_000) throw new UsageError(`--timeout must be a number of milliseconds between 1 and 600000`);
  const clock = Date.now();
  const options: DoctorOptions = {
    clients: [],
    configPaths: [],
    urls: [],
    offline: args.offline,
    timeoutMs: Math.round(args.timeout),
    verbose: false,
    strict: false,
    now: clock,
  };
  const { report, run } = await runReport({ options, env, json: args.out === '-' });
  const entries = (run.data['tray-servers'] as TrayServersData | undefined)?.entries ?? [];
  const urls = [...new Set(entries.map((e) => e.url).filter(Boolean))];
  const ticket = await askTicket(args, urls.length === 1 ? urls[0] : undefined);
  // Everything the run (and the answers) registered: config tokens, --token, TRAY_MCP_API_TOKEN.
  const secrets = knownSecrets();
  const forms = secretForms(secrets);
  const files = await collectFiles(run, env, secrets);
  const logs = await collectLogs(run, env, secrets, clock);
  const serverUrl = ticket.serverUrl ?? (urls.length === 1 ? urls[0] : undefined);
  const cwdRel = path.relative(env.home, env.cwd);
  const inHome = !cwdRel ? '' : !cwdRel.startsWith('..') && !path.isAbsolute(cwdRel) ? cwdRel.split(path.sep).join('/') : null;
  const notes: string[] = [];
  if (env.homeOverridden) notes.push('written with --home: the files are a reproduction, not this user’s own');
  for (const f of files) {
    if (f.base === 'abs') notes.push(`${f.path} is outside the home and the working folder: a replay cannot place it`);
    if (f.trimmed) notes.push(`${f.path}: Claude Code's own history and account details are left out ("…"); its server maps are complete`);
  }
  return {
    kind: BUNDLE_KIND,
    bundleVersion: BUNDLE_VERSION,
    tool: { name: 'tray-mcp', version: toolVersion() },
    createdAt: new Date(clock).toISOString(),
    clock,
    platform: env.platform,
    hostPlatform: process.platform,
    cwd: { path: inHome === null ? env.cwd : inHome ? `~/${inHome}` : '~', inHome },
    ticket: {
      serverUrl: serverUrl ? ticketUrl(serverUrl, forms, secrets) : null,
      ...(serverUrl ? { serverUrlFrom: ticket.serverUrl === undefined ? 'config' : args.serverUrl !== undefined ? 'option' : 'asked' } : {}),
      tool: ticket.tool ? redactFree(ticket.tool, forms, secrets) : null,
      errors: ticket.errors.map((e) => redactFree(e, forms, secrets)),
      executionIds: ticket.executionIds.map((e) => redactFree(e.trim(), forms, secrets)),
    },
    // the report is scrubbed of known secrets already; this also catches their encodings (base64, %-encoded)
    // the report as `doctor --json` gives it (the contract's shape: added checks in additionalResults)
    doctor: deepRedact(jsonDocument(report) as unknown as Report, forms),
    files,
    logs,
    versions: { tray_mcp: toolVersion(), ...(await versionFacts(run, env)) },
    environment: { ...environmentFacts(env, secrets), referenced: referencedVars(files, env, secrets) },
    notes,
  };
}

export async function runReportCommand(args: ReportRequest): Promise<void> {
  if (args.out !== undefined && args.out.trim() === '') throw new UsageError('--out needs a file name (or - for standard output)');
  const bundle = await buildBundle(args);
  // (in pieces: the JSON of a bundle holding a large ~/.claude.json is never one string)
  const text = bundleJson(bundle);
  const leaked = leaks(text.pieces(), knownSecrets());
  if (leaked.length) throw new ProblemError(`the bundle would contain a token (${leaked.join(', ')}); nothing was written. Please report this as a bug.`);
  // Written as is, not through the output scrubber: the bundle is checked above, and scrubbing would
  // rewrite the replay stand-ins (see Mask) that only look like tokens.
  if (args.out === '-') {
    for (const piece of text.pieces()) writeStd(1, piece);
  } else {
    const file = path.resolve(args.out ?? uniqueName(process.cwd()));
    const { writeFileAtomic } = await import('../setup/atomic.js');
    try {
      writeFileAtomic(file, text.pieces(), { mode: 0o600 });
    } catch (e) {
      throw new ProblemError(`could not write ${file}: ${e instanceof Error ? e.message : String(e)}`);
    }
    writeStd(1, file + '\n');
    err(`Wrote the support bundle (${Math.ceil(text.length() / 1024)} KB, readable only by you): ${path.relative(process.cwd(), file) || file}`);
  }
  const p = bundle.doctor.summary;
  err(`${p.headline}`);
  err(`Tokens appear only as fingerprints (…last4). Attach the file to your support ticket; support replays it with \`tray-mcp doctor --bundle FILE\`.`);
  process.exitCode = EXIT.OK;
}

function deepRedact<T>(value: T, forms: readonly string[]): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return replaceForms(v, forms, fingerprint);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}

function uniqueName(dir: string): string {
  const base = defaultName(new Date());
  let name = path.join(dir, base);
  for (let i = 2; existsSync(name); i++) name = path.join(dir, base.replace(/\.json$/, `-${i}.json`));
  return name;
}
