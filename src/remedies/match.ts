// The one matching engine: text (an error message, a pasted log, a client's log file) → remedies.
// Used by `tray-mcp explain` and the doctor's client-logs check; the matchers themselves are data in
// the catalog. Input is taken one line at a time, each line cut to MAX_LINE characters, so the work
// is linear in the input and memory stays bounded however large a log is.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { StringDecoder } from 'node:string_decoder';
import { REMEDIES, getRemedy, matcherApplies, stepsFor, type Facts, type Matcher, type Remedy, type RemedyContext, type RemedyId } from './catalog.js';
import { ContextHints, resolveContext, type ResolvedContext } from './context.js';
import type { Platform } from '../lib/environment.js';
import { redactText, type SecretSource } from '../lib/redact.js';

/** Longest line considered; the rest of a longer line is ignored. */
export const MAX_LINE = 8192;
/** Longest evidence excerpt shown. */
export const EVIDENCE_MAX = 400;
/** explain stops reading after this much input (and says so). */
export const MAX_SCAN_BYTES = 256 * 1024 * 1024;
/** On one line, matches more than this much less specific than the best one there are dropped
 *  (a "Tool execution failed: callable depth … exceeded" line is about callables, not a generic failure). */
const OUTRANKED_BY = 30;

/** Fact names whose values are numbers. */
const NUMERIC = new Set(['httpStatus', 'jsonRpcCode', 'limit', 'observed', 'position', 'line', 'column', 'toolCount', 'timeoutMs', 'exitCode', 'port']);

export interface ExplainMatch {
  id: RemedyId;
  title: string;
  cause: string;
  steps: string[];
  docs?: string;
  /** the line (or fragment) that matched, secrets redacted */
  evidence: string;
  facts?: Facts;
  /** what recognised it (the matcher's label) */
  matchedBy: string;
  /** 1-based line of the input the evidence comes from */
  lineNumber?: number;
  /** how many lines matched this remedy */
  count: number;
  /** specificity used for ranking */
  weight: number;
}

export interface ScanOptions extends RemedyContext {
  /** known secret values to redact from evidence and facts (patterns are always redacted) */
  secrets?: SecretSource;
  // `client` / `platform` (RemedyContext): named by the user; they override what the text says.
  /** the platform when neither the caller nor the text tells (explain: this machine's) */
  defaultPlatform?: Platform;
}

interface Compiled {
  remedy: Remedy;
  m: Matcher;
}

interface Candidate {
  remedy: Remedy;
  m: Matcher;
  facts: Facts;
  weight: number;
  fragment: string;
  line: string;
  lineNumber: number;
}

interface Aggregate extends Candidate {
  count: number;
}

/** Aggregates are kept per remedy, and apart for each context-bound matcher (judged at the end). */
const keyOf = (r: Remedy, m: Matcher) => (m.when ? `${r.id}\u0000${m.label}` : r.id);

const COMPILED: readonly Compiled[] = REMEDIES.flatMap((remedy) => remedy.matchers.map((m) => ({ remedy, m })));

// Which matchers are worth trying on a line: those wanting a literal (`any`) the line holds. All the
// literals are found in one pass by a multi-pattern automaton (Aho-Corasick, as a table-driven DFA over
// UTF-8 bytes, ASCII letters case-folded); it also knows the remedy ids, so a log scan can tell from
// the bytes alone which lines can matter (see ByteLines). Built on first use (a few ms).

/** The literals: the matchers' `any` strings, then the remedy ids (wanted by no matcher). */
export const LITERALS: readonly string[] = [...new Set([...COMPILED.flatMap((c) => c.m.any), ...REMEDIES.map((r) => r.id)])];

interface Automaton {
  /** (state << 8) | byte → next state (one row of 256 per state: no class look-up in the scan loop) */
  delta: Uint16Array;
  /** states from `out` to `nl - 1` end one or more literals */
  out: number;
  /** the state after a newline: a line starts (moves like the root); the highest state */
  nl: number;
  /** per literal-ending state (index state - out): indices into COMPILED of the matchers it wakes, ascending */
  wakes: readonly (readonly number[])[];
}

let automatonCache: Automaton | undefined;
function automaton(): Automaton {
  return (automatonCache ??= buildAutomaton());
}

function buildAutomaton(): Automaton {
  const lower = (b: number) => (b >= 0x41 && b <= 0x5a ? b + 0x20 : b);
  // The trie over the literals' lower-cased bytes, then failure links breadth first (standard
  // Aho-Corasick); `ends` collects the literals ending at a state, its own and its failure chain's.
  const next: Map<number, number>[] = [new Map()];
  const ends: number[][] = [[]];
  LITERALS.forEach((literal, li) => {
    let s = 0;
    for (const byte of Buffer.from(literal, 'utf8')) {
      const b = lower(byte);
      let t = next[s]!.get(b);
      if (t === undefined) {
        t = next.length;
        next.push(new Map());
        ends.push([]);
        next[s]!.set(b, t);
      }
      s = t;
    }
    ends[s]!.push(li);
  });
  const n = next.length;
  const fail = new Int32Array(n);
  const order: number[] = [0];
  for (let q = 0; q < order.length; q++) {
    const s = order[q]!;
    for (const [b, t] of next[s]!) {
      if (s !== 0) {
        let f = fail[s]!;
        while (f !== 0 && !next[f]!.has(b)) f = fail[f]!;
        fail[t] = next[f]!.get(b) ?? 0;
        ends[t]!.push(...ends[fail[t]!]!);
      }
      order.push(t);
    }
  }
  // Number the states: plain ones first, then those that end a literal, then the line-start state.
  const id = new Int32Array(n);
  let k = 0;
  for (let s = 0; s < n; s++) if (!ends[s]!.length) id[s] = k++;
  const out = k;
  const wakes: number[][] = [];
  for (let s = 0; s < n; s++) {
    if (!ends[s]!.length) continue;
    id[s] = k++;
    const set = new Set<number>();
    for (const li of ends[s]!) for (const i of WANTED_BY.get(LITERALS[li]!) ?? []) set.add(i);
    wakes.push([...set].sort((a, b) => a - b));
  }
  const nl = k++;
  if (k > 0xffff) throw new Error('remedy literals: too many automaton states');
  // One row of 256 per state, breadth first: a state's row starts as its failure state's row (already
  // built), then its own edges (both cases of a letter); a newline always goes to the line start.
  const delta = new Uint16Array(k << 8);
  for (const s of order) {
    const row = id[s]! << 8;
    if (s === 0) delta.fill(id[0]!, row, row + 256);
    else delta.copyWithin(row, id[fail[s]!]! << 8, (id[fail[s]!]! << 8) + 256);
    for (const [b, t] of next[s]!) {
      delta[row | b] = id[t]!;
      if (b >= 0x61 && b <= 0x7a) delta[row | (b - 0x20)] = id[t]!;
    }
    delta[row | 0x0a] = nl;
  }
  delta.copyWithin(nl << 8, id[0]! << 8, (id[0]! << 8) + 256);
  return { delta, out, nl, wakes };
}

/** literal → indices into COMPILED of the matchers that want it */
const WANTED_BY = new Map<string, number[]>();
COMPILED.forEach((c, i) => {
  for (const n of c.m.any) WANTED_BY.set(n, [...(WANTED_BY.get(n) ?? []), i]);
});

/** Up to this many UTF-16 units, a line is searched literal by literal (no automaton to build). */
const SHORT_LINE = 256;
const foldAscii = (text: string) => text.replace(/[A-Z]+/g, (s) => s.toLowerCase());
let byLiteral: [literal: string, matchers: readonly number[]][] | undefined;

/** Indices (ascending) of the matchers worth trying on this line: those wanting a literal it holds. */
export function candidatesFor(line: string): number[] {
  if (line.length > SHORT_LINE) {
    const bytes = Buffer.from(line, 'utf8');
    return candidatesIn(bytes, 0, bytes.length);
  }
  // Short text (an argument, a pasted message): ASCII letters folded, as the automaton does.
  byLiteral ??= [...WANTED_BY].map(([literal, matchers]) => [foldAscii(literal), matchers]);
  const text = foldAscii(line);
  let found: Set<number> | undefined;
  for (const [literal, matchers] of byLiteral) if (text.includes(literal)) for (const m of matchers) (found ??= new Set()).add(m);
  return found ? [...found].sort((a, b) => a - b) : [];
}

/** candidatesFor, on the UTF-8 bytes buf[from, to) of a line. */
function candidatesIn(buf: Uint8Array, from: number, to: number): number[] {
  const { delta, out, nl, wakes } = automaton();
  let s = nl;
  let found: Set<number> | undefined;
  for (let i = from; i < to; i++) {
    s = delta[(s << 8) | buf[i]!]!;
    if (s >= out && s < nl) for (const m of wakes[s - out]!) (found ??= new Set()).add(m);
  }
  return found ? [...found].sort((a, b) => a - b) : [];
}

/** Tidy a line as a user would paste it: no trailing CR, no surrounding quotes/backticks for ids. */
function cap(line: string): string {
  let s = line.length > MAX_LINE ? line.slice(0, MAX_LINE) : line;
  if (s.endsWith('\r')) s = s.slice(0, -1);
  return s;
}

function groupsToFacts(groups: Record<string, string | undefined> | undefined, into: Facts, overwrite: boolean): void {
  if (!groups) return;
  for (const [rawName, value] of Object.entries(groups)) {
    if (value === undefined || value === '') continue;
    const name = rawName.replace(/\d+$/, '');
    if (!overwrite && into[name] !== undefined) continue;
    if (NUMERIC.has(name) && /^-?\d{1,12}$/.test(value)) into[name] = Number(value);
    else into[name] = value;
  }
}

function extract(regexes: readonly RegExp[] | undefined, line: string, into: Facts): void {
  if (!regexes) return;
  for (const re of regexes) {
    const m = re.exec(line);
    if (m) groupsToFacts(m.groups, into, false);
  }
}

function wantedNames(regexes: readonly RegExp[] | undefined): string[] {
  if (!regexes) return [];
  const names = new Set<string>();
  for (const re of regexes) for (const g of re.source.matchAll(/\(\?<([A-Za-z]\w*)>/g)) names.add(g[1]!.replace(/\d+$/, ''));
  return [...names];
}

/** What every match shows of its remedy: the steps that fit the context. */
function remedyFields(r: Remedy, ctx: RemedyContext = {}): Pick<ExplainMatch, 'id' | 'title' | 'cause' | 'steps' | 'docs'> {
  return { id: r.id, title: r.title, cause: r.cause, steps: stepsFor(r, ctx), ...(r.docs ? { docs: r.docs } : {}) };
}

function toMatch(a: Aggregate, secrets: SecretSource, ctx: RemedyContext): ExplainMatch {
  const facts: Facts = {};
  for (const [k, v] of Object.entries(a.facts)) facts[k] = typeof v === 'string' ? redactText(v, secrets) : v;
  return {
    ...remedyFields(a.remedy, ctx),
    evidence: evidenceOf(a.line, a.fragment, secrets),
    ...(Object.keys(facts).length ? { facts } : {}),
    matchedBy: a.m.label,
    lineNumber: a.lineNumber,
    count: a.count,
    weight: a.weight,
  };
}

/** The matched line, redacted, trimmed, and cut around the match when it is long (control characters
 *  are kept: JSON output keeps the data; text renderers escape them). */
export function evidenceOf(line: string, fragment: string, secrets: SecretSource = []): string {
  const red = redactText(line.trim(), secrets);
  if (red.length <= EVIDENCE_MAX) return red;
  const frag = redactText(fragment, secrets);
  let at = red.indexOf(frag);
  if (at < 0) at = 0;
  const start = Math.max(0, Math.min(at - 120, red.length - EVIDENCE_MAX));
  const piece = red.slice(start, start + EVIDENCE_MAX);
  // Re-redact the cut piece: cutting may have split a credential from the word that marked it.
  const cut = redactText(piece, secrets).slice(0, EVIDENCE_MAX);
  return (start > 0 ? '…' : '') + cut + (start + EVIDENCE_MAX < red.length ? '…' : '');
}

/** A remedy shown as the answer to its own id (with the steps for `ctx`, when known). */
export function remedyAsMatch(id: string, ctx: RemedyContext = {}): ExplainMatch | undefined {
  const r = getRemedy(id);
  if (!r) return undefined;
  return {
    ...remedyFields(r, ctx),
    evidence: r.id,
    matchedBy: 'remedy id',
    count: 1,
    weight: 100,
  };
}

/**
 * Feed lines one at a time with push(); results() gives one match per remedy, most specific first.
 * Memory: one aggregate per remedy plus a few pending look-aheads, whatever the input size.
 */
export class Scanner {
  private readonly best = new Map<string, Aggregate>();
  private readonly ids = new Map<string, number>();
  private pending: { facts: Facts; extract: readonly RegExp[]; missing: string[]; left: number }[] = [];
  private n = 0;
  private readonly secrets: SecretSource;
  private readonly given: RemedyContext;
  private readonly defaultPlatform?: Platform;
  private readonly hints = new ContextHints();

  constructor(opts: ScanOptions = {}) {
    this.secrets = opts.secrets ?? [];
    this.given = { ...(opts.client ? { client: opts.client } : {}), ...(opts.platform ? { platform: opts.platform } : {}) };
    this.defaultPlatform = opts.defaultPlatform;
  }

  /** The client and platform the results are for: named by the caller, else told by the text, else the default platform. */
  get context(): ResolvedContext {
    return resolveContext(this.given, this.hints.found, this.defaultPlatform);
  }

  get lines(): number {
    return this.n;
  }

  /** true while a match looks ahead for facts on the next lines: every line must be pushed */
  get waiting(): boolean {
    return this.pending.length > 0;
  }

  /** Count `count` lines that hold no literal without reading them (only while not waiting). */
  skip(count: number): void {
    if (this.pending.length) throw new Error('Scanner.skip while looking ahead');
    this.n += count;
  }

  /**
   * One line. `candidates` (ByteLines) are the matchers candidatesFor(line) would give, found in
   * the line's bytes already.
   */
  push(rawLine: string, candidates?: readonly number[]): void {
    const lineNumber = ++this.n;
    const line = cap(rawLine);
    if (this.pending.length) this.feedPending(line);
    const trimmed = line.trim();
    if (!trimmed) return;
    this.hints.observe(line);
    if (trimmed.length <= 48) {
      const bare = trimmed.replace(/^[`'"]+|[`'"]+$/g, '').toLowerCase();
      if (getRemedy(bare)) {
        if (!this.ids.has(bare)) this.ids.set(bare, lineNumber);
        return;
      }
    }
    candidates ??= candidatesFor(line);
    if (!candidates.length) return;
    const found = new Map<string, Candidate>();
    for (const i of candidates) {
      const c = COMPILED[i]!;
      // A matcher bound to a context (Matcher.when) is kept apart and judged in results(), once the
      // whole text has told what it can; one the caller's own context already rules out is not tried.
      if (c.m.when && (!c.m.when.platform || this.given.platform) && (!c.m.when.client || this.given.client) && !matcherApplies(c.m, this.given)) continue;
      const m = c.m.whole ? (c.m.re.exec(trimmed) ?? null) : c.m.re.exec(line);
      if (!m) continue;
      const facts: Facts = { ...(c.m.facts ?? {}) };
      groupsToFacts(m.groups, facts, true);
      extract(c.m.extract, line, facts);
      if (c.m.accept && !c.m.accept(facts, line)) continue;
      for (const [k, v] of Object.entries(c.m.defaults ?? {})) if (facts[k] === undefined) facts[k] = v;
      const key = keyOf(c.remedy, c.m);
      const prev = found.get(key);
      const cand: Candidate = { remedy: c.remedy, m: c.m, facts, weight: c.m.weight, fragment: m[0], line, lineNumber };
      if (!prev || cand.weight > prev.weight) {
        if (prev) for (const [k, v] of Object.entries(prev.facts)) if (cand.facts[k] === undefined) cand.facts[k] = v;
        found.set(key, cand);
      } else {
        for (const [k, v] of Object.entries(facts)) if (prev.facts[k] === undefined) prev.facts[k] = v;
      }
    }
    if (!found.size) return;
    // Only matchers that hold in any context may hide the much less specific ones on a line.
    const top = Math.max(0, ...[...found.values()].filter((c) => !c.m.when).map((c) => c.weight));
    for (const cand of found.values()) {
      if (cand.weight < top - OUTRANKED_BY) continue;
      this.record(cand);
    }
  }

  private record(cand: Candidate): void {
    const missing = wantedNames(cand.m.extract).filter((n) => cand.facts[n] === undefined);
    if (cand.m.lookahead && missing.length) {
      this.pending.push({ facts: cand.facts, extract: cand.m.extract ?? [], missing, left: cand.m.lookahead });
    }
    const key = keyOf(cand.remedy, cand.m);
    const prev = this.best.get(key);
    if (!prev) {
      this.best.set(key, { ...cand, count: 1 });
      return;
    }
    prev.count++;
    // Most specific evidence wins; at equal specificity the latest line (the current state of a log).
    if (cand.weight >= prev.weight) Object.assign(prev, cand, { count: prev.count });
  }

  private feedPending(line: string): void {
    for (const p of this.pending) {
      const got: Facts = {};
      extract(p.extract, line, got);
      for (const name of p.missing) if (got[name] !== undefined && p.facts[name] === undefined) p.facts[name] = got[name]!;
      p.missing = p.missing.filter((n) => p.facts[n] === undefined);
      p.left--;
    }
    this.pending = this.pending.filter((p) => p.left > 0 && p.missing.length > 0);
  }

  /** One match per remedy: most specific first, then most frequent, then most recent. */
  results(): ExplainMatch[] {
    const ctx = this.context;
    const out: ExplainMatch[] = [];
    for (const [id, lineNumber] of this.ids) {
      const m = remedyAsMatch(id, ctx)!;
      out.push({ ...m, lineNumber });
    }
    // Per remedy, its best aggregate among those that hold in this context.
    const perRemedy = new Map<string, Aggregate>();
    for (const a of this.best.values()) {
      if (this.ids.has(a.remedy.id) || !matcherApplies(a.m, ctx)) continue;
      const prev = perRemedy.get(a.remedy.id);
      if (!prev || a.weight > prev.weight) perRemedy.set(a.remedy.id, prev ? { ...a, count: Math.max(a.count, prev.count) } : a);
      else prev.count = Math.max(prev.count, a.count);
    }
    const rest = [...perRemedy.values()]
      .sort((a, b) => b.weight - a.weight || b.count - a.count || b.lineNumber - a.lineNumber)
      .map((a) => toMatch(a, this.secrets, ctx));
    return [...out, ...rest];
  }
}

/** Explain a string (one message or many lines). */
export function explainText(text: string, opts: ScanOptions = {}): ExplainMatch[] {
  return scanText(text, opts).matches;
}

/** Explain a string, and say which client and platform the steps were chosen for. */
export function scanText(text: string, opts: ScanOptions = {}): StreamResult {
  const s = new Scanner(opts);
  for (const line of splitText(text)) s.push(line);
  return { matches: s.results(), lines: s.lines, truncated: false, context: s.context };
}

/** Lines of a string, each cut to MAX_LINE, without building a huge array of a huge line. */
export function* splitText(text: string): Generator<string> {
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    yield text.slice(start, Math.min(end, start + MAX_LINE));
    start = end + 1;
  }
}

/**
 * Lines of a byte/text stream, decoded as UTF-8 (invalid bytes become U+FFFD), each cut to MAX_LINE.
 * Holds at most one chunk and one MAX_LINE partial line in memory.
 */
export async function* streamLines(
  stream: AsyncIterable<string | Uint8Array>,
  opts: { maxBytes?: number; onLimit?: () => void } = {},
): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  const maxBytes = opts.maxBytes ?? MAX_SCAN_BYTES;
  let bytes = 0;
  let partial = '';
  let overflow = false;
  const take = function* (text: string): Generator<string> {
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      const end = nl < 0 ? text.length : nl;
      if (!overflow) {
        const room = MAX_LINE - partial.length;
        partial += text.slice(start, start + Math.max(0, Math.min(room, end - start)));
        if (end - start > room) overflow = true;
      }
      if (nl < 0) return;
      yield partial;
      partial = '';
      overflow = false;
      start = nl + 1;
    }
  };
  for await (const chunk of stream) {
    const size = typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
    bytes += size;
    yield* take(typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer));
    if (bytes >= maxBytes) {
      opts.onLimit?.();
      break;
    }
  }
  yield* take(decoder.end());
  if (partial) yield partial;
}

export interface StreamResult {
  matches: ExplainMatch[];
  lines: number;
  /** true when the input was longer than MAX_SCAN_BYTES and the rest was not read */
  truncated: boolean;
  /** the client and platform the steps were chosen for */
  context: ResolvedContext;
}

/** Explain a stream (stdin, a file) in one pass. Byte chunks take the fast path (ByteLines). */
export async function explainStream(stream: AsyncIterable<string | Uint8Array>, opts: ScanOptions & { maxBytes?: number } = {}): Promise<StreamResult> {
  const s = new Scanner(opts);
  const maxBytes = opts.maxBytes ?? MAX_SCAN_BYTES;
  let truncated = false;
  const it = stream[Symbol.asyncIterator]();
  const first = await it.next();
  async function* chunks(): AsyncGenerator<string | Uint8Array> {
    try {
      for (let r = first; !r.done; r = await it.next()) yield r.value;
    } finally {
      await it.return?.();
    }
  }
  if (!first.done && typeof first.value === 'string') {
    // Text chunks (an already decoded stream): line by line.
    for await (const line of streamLines(chunks(), { maxBytes, onLimit: () => (truncated = true) })) s.push(line);
    return { matches: s.results(), lines: s.lines, truncated, context: s.context };
  }
  const lines = new ByteLines(s);
  let bytes = 0;
  for await (const chunk of chunks()) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    bytes += buf.length;
    lines.write(buf, (chunk as Chunk)[FOUND]);
    if (bytes >= maxBytes) {
      truncated = true;
      break;
    }
  }
  lines.end();
  return { matches: s.results(), lines: s.lines, truncated, context: s.context };
}

/** Files at least this large (and at most MAX_SCAN_BYTES) are scanned by two threads. */
const PARALLEL_MIN = 32 * 1024 * 1024;
const FOUND = Symbol('found');
type Chunk = Buffer & { [FOUND]?: Found };

/**
 * A file's bytes, up to 1 MiB at a time, read into one buffer that every chunk reuses (explainStream
 * copies what it keeps): no stream machinery, no garbage per chunk. Closes the file at the end, or
 * when the reader stops early.
 *
 * A large regular file is scanned by two threads: while this one reads and scans the first half, a
 * worker runs the same automaton over the second half (from a line start, in the same 1 MiB chunks)
 * and hands back, per chunk, the lines holding a literal; the second half's chunks then come with
 * that answer attached and are not scanned again. Matching stays here, in order.
 */
export async function* fileChunks(path: string, size = 1024 * 1024, parallelMin = PARALLEL_MIN): AsyncGenerator<Buffer> {
  // Non-blocking, and a regular file only: a FIFO or a device (never-ending /dev/zero) is refused.
  const fd = openSync(path, process.platform === 'win32' ? constants.O_RDONLY : constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw Object.assign(new Error(`${path} is not a regular file`), { code: 'ENOTREG' });
    const buf = Buffer.allocUnsafe(size);
    const total = st.size;
    if (total >= parallelMin && total <= MAX_SCAN_BYTES && availableParallelism() > 1) {
      const split = lineStartAfter(fd, total >> 1, total);
      const second = split < total ? scanInWorker(path, split, total, size) : undefined;
      let pos = 0;
      while (pos < split) {
        const n = readSync(fd, buf, 0, Math.min(size, split - pos), pos);
        if (n === 0) return;
        pos += n;
        yield buf.subarray(0, n);
      }
      const found = await second?.catch(() => undefined);
      for (let i = 0; ; i++) {
        const n = readSync(fd, buf, 0, size, pos);
        if (n === 0) return;
        pos += n;
        const chunk: Chunk = buf.subarray(0, n);
        // The worker's answer fits only the very bytes it read (a file that changed meanwhile: scan here).
        if (found?.[i]?.length === n && found[i]!.found) chunk[FOUND] = found[i]!.found!;
        yield chunk;
      }
    }
    for (;;) {
      const n = readSync(fd, buf, 0, size, null);
      if (n === 0) return;
      yield buf.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}

/** The first line start at or after `at` (total when the rest is one line). */
function lineStartAfter(fd: number, at: number, total: number): number {
  const probe = Buffer.allocUnsafe(64 * 1024);
  for (let pos = at; pos < total; pos += probe.length) {
    const n = readSync(fd, probe, 0, probe.length, pos);
    const nl = probe.subarray(0, n).indexOf(0x0a);
    if (nl >= 0) return pos + nl + 1;
    if (n === 0) break;
  }
  return total;
}

/** Per chunk of path[from, to), read `size` bytes at a time: its length and findLiteralLines' answer (null: no whole line). */
/** Line and hit positions a worker reports for one chunk at most (more: the chunk is scanned here). */
const WORKER_FOUND_MAX = 16_384;

async function scanInWorker(path: string, from: number, to: number, size: number): Promise<{ length: number; found: Found | null }[]> {
  const { Worker } = await import('node:worker_threads');
  const { delta, out, nl } = automaton();
  const table = new Uint16Array(new SharedArrayBuffer(delta.byteLength));
  table.set(delta);
  // The worker runs these very functions (their source), so its cuts and answers are this thread's.
  const code = `'use strict';
const { parentPort, workerData: w } = require('node:worker_threads');
const { openSync, readSync, closeSync } = require('node:fs');
${wholeLines.toString()}
${partsOf.toString()}
${findLiteralLines.toString()}
const a = { delta: w.delta, out: w.out, nl: w.nl };
const fd = openSync(w.path, 'r');
const buf = Buffer.allocUnsafe(w.size);
const chunks = [];
for (let pos = w.from; pos < w.to; ) {
  const n = readSync(fd, buf, 0, w.size, pos);
  if (n === 0) break;
  pos += n;
  const chunk = buf.subarray(0, n);
  const whole = ${wholeLines.name}(chunk);
  const f = whole ? ${findLiteralLines.name}(a, chunk, ${partsOf.name}(chunk, whole[0], whole[1])) : null;
  // A hostile chunk (a literal every few bytes) is left for the main thread to scan: its answer
  // would cost more memory than the text (the run stays under its memory ceiling).
  chunks.push({ length: n, found: f && f.lines.length + f.hits.length <= ${WORKER_FOUND_MAX} ? f : null });
}
closeSync(fd);
parentPort.postMessage(chunks);`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true, workerData: { path, from, to, size, delta: table, out, nl } });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (c) => reject(new Error(`literal scan worker exited with ${c}`)));
  });
}

/** Bytes of a line kept to decode it: MAX_LINE UTF-16 units never come from more (3 per unit, plus
 *  an incomplete character cut at the end). */
const LINE_BYTES = 3 * MAX_LINE + 3;

/**
 * Feeds a Scanner from UTF-8 bytes the way streamLines + push would, but decodes only the lines the
 * automaton finds a literal in (or the lines a look-ahead waits for): every other line is counted and
 * left. A line is cut at its newline; it is decoded alone (a newline always ends a UTF-8 sequence, so
 * this is the stream's own decoding) and capped at MAX_LINE. Holds one chunk and at most LINE_BYTES of
 * a line that continues into the next chunk.
 */
class ByteLines {
  private readonly a = automaton();
  /** automaton state at the end of the partial line */
  private state: number;
  /** the partial line (not ended by a newline yet) holds a literal */
  private hit = false;
  /** its first bytes (up to LINE_BYTES) and its whole length */
  private carry: Buffer[] = [];
  private carried = 0;
  private partial = 0;

  constructor(private readonly scanner: Scanner) {
    this.state = this.a.nl;
  }

  /** `found`: what findLiteralLines gives for this chunk's wholeLines(), computed elsewhere (fileChunks' worker). */
  write(buf: Buffer, found?: Found): void {
    const first = buf.indexOf(0x0a);
    if (first < 0) {
      this.extend(buf, 0, buf.length);
      return;
    }
    // The partial line ends at the first newline.
    this.extend(buf, 0, first);
    this.endPartial();
    // Whole lines up to the last newline, then the start of the next partial line.
    const last = buf.lastIndexOf(0x0a);
    if (last > first) this.lines(buf, first + 1, last + 1, found);
    this.state = this.a.nl;
    this.extend(buf, last + 1, buf.length);
  }

  end(): void {
    if (this.partial > 0) this.endPartial();
  }

  /** Scan buf[from, to) (no newline in it) as the continuation of the partial line. */
  private extend(buf: Buffer, from: number, to: number): void {
    if (to <= from) return;
    const { delta, out, nl } = this.a;
    let s = this.state;
    let hit = this.hit;
    for (let i = from; i < to; i++) {
      s = delta[(s << 8) | buf[i]!]!;
      if (s >= out && s < nl) hit = true;
    }
    this.state = s;
    this.hit = hit;
    this.partial += to - from;
    if (this.carried < LINE_BYTES) {
      const piece = buf.subarray(from, Math.min(to, from + LINE_BYTES - this.carried));
      this.carry.push(Buffer.from(piece)); // a copy: the chunk may be reused by its stream
      this.carried += piece.length;
    }
  }

  private endPartial(): void {
    if (this.hit || this.scanner.waiting) this.scanner.push(decodeLine(Buffer.concat(this.carry, this.carried), 0, this.carried));
    else this.scanner.skip(1);
    this.carry = [];
    this.carried = 0;
    this.partial = 0;
    this.hit = false;
  }

  /**
   * buf[from, to) is whole lines (it ends with a newline). Find the lines holding a literal (in four
   * parts when it is large), then push those lines in order and count the others.
   */
  private lines(buf: Buffer, from: number, to: number, precomputed?: Found): void {
    const found = precomputed ?? findLiteralLines(this.a, buf, partsOf(buf, from, to));

    // In order (by part, each part's hits in order): skip to each line holding a literal.
    const { lines: counts, hits } = found;
    const base = [0, counts[0]!, counts[0]! + counts[1]!, counts[0]! + counts[1]! + counts[2]!];
    this.line = 0;
    this.at = from;
    let done = -1; // the last line pushed
    for (let q = 0; q < 4; q++) {
      for (let j = 0; j < hits.length; j += 3) {
        if (hits[j] !== q) continue;
        const target = base[q]! + hits[j + 1]!;
        if (target === done) continue;
        const pos = hits[j + 2]!;
        this.skipTo(buf, target, buf.lastIndexOf(0x0a, pos) + 1);
        const at = this.at;
        const end = buf.indexOf(0x0a, pos);
        // A line of at most MAX_LINE bytes is not capped: its literals are those of its bytes.
        this.scanner.push(decodeLine(buf, at, end), end - at <= MAX_LINE ? candidatesIn(buf, at, end) : undefined);
        this.at = end + 1;
        this.line++;
        done = target;
      }
    }
    this.skipTo(buf, base[3]! + counts[3]!, to);
  }

  /** Index (in the whole lines being pushed) of the next line not given to the scanner yet, and its first byte. */
  private line = 0;
  private at = 0;

  /** Up to line `target` (starting at byte targetAt): read the lines a look-ahead waits for, count the rest. */
  private skipTo(buf: Buffer, target: number, targetAt: number): void {
    while (this.line < target && this.scanner.waiting) {
      const end = buf.indexOf(0x0a, this.at);
      this.scanner.push(decodeLine(buf, this.at, end));
      this.at = end + 1;
      this.line++;
    }
    if (this.line < target) {
      this.scanner.skip(target - this.line);
      this.line = target;
      this.at = targetAt;
    }
  }
}

/** What findLiteralLines finds in a chunk's whole lines. */
type Found = { lines: number[]; hits: number[] };

/** Where a chunk's whole lines are: from after its first newline to after its last, or null. */
function wholeLines(buf: Uint8Array): [from: number, to: number] | null {
  const first = buf.indexOf(0x0a);
  const last = buf.lastIndexOf(0x0a);
  return last > first ? [first + 1, last + 1] : null;
}

/** buf[from, to) (whole lines) cut in four parts at line starts (one part when it is under splitMin bytes). */
function partsOf(buf: Uint8Array, from: number, to: number, splitMin = 16 * 1024): number[] {
  const cut = [from];
  const parts = to - from >= splitMin ? 4 : 1;
  for (let q = 1; q < parts; q++) {
    const at = buf.indexOf(0x0a, from + Math.floor(((to - from) * q) / parts));
    cut.push(at < 0 || at + 1 > to ? to : Math.max(at + 1, cut[q - 1]!));
  }
  while (cut.length < 5) cut.push(to);
  return cut;
}

/**
 * The lines of four parts of buf (cut[0..4], each whole lines) that hold a literal, scanned together
 * (independent table look-ups keep the CPU busy while each waits for memory). Returns each part's
 * line count, and the literals found as triples (part, line index in the part, position of the
 * literal's last byte), in order within each part; a line may appear more than once.
 * A plain function of locals only: this loop is the scan's whole cost.
 */
function findLiteralLines(a: Pick<Automaton, 'delta' | 'out' | 'nl'>, buf: Uint8Array, cut: readonly number[]): Found {
  const { delta, out, nl } = a;
  const hits: number[] = [];
  let n0 = 0;
  let n1 = 0;
  let n2 = 0;
  let n3 = 0;
  let s0 = nl;
  let s1 = nl;
  let s2 = nl;
  let s3 = nl;
  const p0 = cut[0]!;
  const p1 = cut[1]!;
  const p2 = cut[2]!;
  const p3 = cut[3]!;
  const p4 = cut[4]!;
  const common = Math.min(p1 - p0, p2 - p1, p3 - p2, p4 - p3);
  for (let k = 0; k < common; k++) {
    s0 = delta[(s0 << 8) | buf[p0 + k]!]!;
    s1 = delta[(s1 << 8) | buf[p1 + k]!]!;
    s2 = delta[(s2 << 8) | buf[p2 + k]!]!;
    s3 = delta[(s3 << 8) | buf[p3 + k]!]!;
    if (s0 >= out) {
      if (s0 === nl) n0++;
      else hits.push(0, n0, p0 + k);
    }
    if (s1 >= out) {
      if (s1 === nl) n1++;
      else hits.push(1, n1, p1 + k);
    }
    if (s2 >= out) {
      if (s2 === nl) n2++;
      else hits.push(2, n2, p2 + k);
    }
    if (s3 >= out) {
      if (s3 === nl) n3++;
      else hits.push(3, n3, p3 + k);
    }
  }
  const rest = [s0, s1, s2, s3];
  const lines = [n0, n1, n2, n3];
  for (let q = 0; q < 4; q++) {
    let s = rest[q]!;
    let n = lines[q]!;
    for (let i = cut[q]! + common, end = cut[q + 1]!; i < end; i++) {
      s = delta[(s << 8) | buf[i]!]!;
      if (s >= out) {
        if (s === nl) n++;
        else hits.push(q, n, i);
      }
    }
    lines[q] = n;
  }
  return { lines, hits };
}

/** buf[from, end) as one line: decoded (invalid bytes → U+FFFD), at most MAX_LINE UTF-16 units. */
function decodeLine(buf: Buffer, from: number, end: number): string {
  const text = buf.toString('utf8', from, Math.min(end, from + LINE_BYTES));
  return text.length > MAX_LINE ? text.slice(0, MAX_LINE) : text;
}
