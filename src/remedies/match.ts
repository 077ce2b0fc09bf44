// The one matching engine: text (an error message, a pasted log, a client's log file) → remedies.
// Used by `tray-mcp explain` and the doctor's client-logs check; the matchers themselves are data in
// the catalog. Input is taken one line at a time, each line cut to MAX_LINE characters, so the work
// is linear in the input and memory stays bounded however large a log is.
import { StringDecoder } from 'node:string_decoder';
import { REMEDIES, getRemedy, type Facts, type Matcher, type Remedy } from './catalog.js';
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
const NUMERIC = new Set(['httpStatus', 'jsonRpcCode', 'limit', 'observed', 'position', 'line', 'column', 'toolCount', 'timeoutMs']);

export interface ExplainMatch {
  id: string;
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

export interface ScanOptions {
  /** known secret values to redact from evidence and facts (patterns are always redacted) */
  secrets?: SecretSource;
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

const COMPILED: readonly Compiled[] = REMEDIES.flatMap((remedy) => remedy.matchers.map((m) => ({ remedy, m })));
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// One pass of one regex per line finds every needle (the literals matchers require) the line holds;
// only the matchers wanting one of them run. Most log lines hold none and cost one regex scan.
const NEEDLES = [...new Set(COMPILED.flatMap((c) => c.m.any))].sort((a, b) => b.length - a.length);
const NEEDLE_RE = new RegExp(NEEDLES.map(escapeRe).join('|'), 'gi');
/** needle → the needles it contains (a longer needle found at a position hides the shorter ones there) */
const CONTAINED = new Map(NEEDLES.map((n) => [n, NEEDLES.filter((m) => n.includes(m))] as const));
/** needle → indices into COMPILED of the matchers that want it */
const WANTED_BY = new Map<string, number[]>();
COMPILED.forEach((c, i) => {
  for (const n of c.m.any) WANTED_BY.set(n, [...(WANTED_BY.get(n) ?? []), i]);
});

/** Indices (ascending) of the matchers worth trying on this line. */
function candidatesFor(line: string): number[] {
  let found: Set<number> | undefined;
  NEEDLE_RE.lastIndex = 0;
  for (let m = NEEDLE_RE.exec(line); m; m = NEEDLE_RE.exec(line)) {
    for (const n of CONTAINED.get(m[0].toLowerCase()) ?? []) for (const i of WANTED_BY.get(n) ?? []) (found ??= new Set()).add(i);
    NEEDLE_RE.lastIndex = m.index + 1; // every start position: overlapping needles are all seen
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

/** What every match shows of its remedy. */
function remedyFields(r: Remedy): Pick<ExplainMatch, 'id' | 'title' | 'cause' | 'steps' | 'docs'> {
  return { id: r.id, title: r.title, cause: r.cause, steps: [...r.steps], ...(r.docs ? { docs: r.docs } : {}) };
}

function toMatch(a: Aggregate, secrets: SecretSource): ExplainMatch {
  const facts: Facts = {};
  for (const [k, v] of Object.entries(a.facts)) facts[k] = typeof v === 'string' ? redactText(v, secrets) : v;
  return {
    ...remedyFields(a.remedy),
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

/** A remedy shown as the answer to its own id. */
export function remedyAsMatch(id: string): ExplainMatch | undefined {
  const r = getRemedy(id);
  if (!r) return undefined;
  return {
    ...remedyFields(r),
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

  constructor(opts: ScanOptions = {}) {
    this.secrets = opts.secrets ?? [];
  }

  get lines(): number {
    return this.n;
  }

  push(rawLine: string): void {
    const lineNumber = ++this.n;
    const line = cap(rawLine);
    if (this.pending.length) this.feedPending(line);
    const trimmed = line.trim();
    if (!trimmed) return;
    if (trimmed.length <= 48) {
      const bare = trimmed.replace(/^[`'"]+|[`'"]+$/g, '').toLowerCase();
      if (getRemedy(bare)) {
        if (!this.ids.has(bare)) this.ids.set(bare, lineNumber);
        return;
      }
    }
    const candidates = candidatesFor(line);
    if (!candidates.length) return;
    const found = new Map<string, Candidate>();
    for (const i of candidates) {
      const c = COMPILED[i]!;
      const m = c.m.whole ? (c.m.re.exec(trimmed) ?? null) : c.m.re.exec(line);
      if (!m) continue;
      const facts: Facts = { ...(c.m.facts ?? {}) };
      groupsToFacts(m.groups, facts, true);
      extract(c.m.extract, line, facts);
      if (c.m.accept && !c.m.accept(facts, line)) continue;
      for (const [k, v] of Object.entries(c.m.defaults ?? {})) if (facts[k] === undefined) facts[k] = v;
      const prev = found.get(c.remedy.id);
      const cand: Candidate = { remedy: c.remedy, m: c.m, facts, weight: c.m.weight, fragment: m[0], line, lineNumber };
      if (!prev || cand.weight > prev.weight) {
        if (prev) for (const [k, v] of Object.entries(prev.facts)) if (cand.facts[k] === undefined) cand.facts[k] = v;
        found.set(c.remedy.id, cand);
      } else {
        for (const [k, v] of Object.entries(facts)) if (prev.facts[k] === undefined) prev.facts[k] = v;
      }
    }
    if (!found.size) return;
    const top = Math.max(...[...found.values()].map((c) => c.weight));
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
    const prev = this.best.get(cand.remedy.id);
    if (!prev) {
      this.best.set(cand.remedy.id, { ...cand, count: 1 });
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
    const out: ExplainMatch[] = [];
    for (const [id, lineNumber] of this.ids) {
      const m = remedyAsMatch(id)!;
      out.push({ ...m, lineNumber });
    }
    const rest = [...this.best.values()]
      .filter((a) => !this.ids.has(a.remedy.id))
      .sort((a, b) => b.weight - a.weight || b.count - a.count || b.lineNumber - a.lineNumber)
      .map((a) => toMatch(a, this.secrets));
    return [...out, ...rest];
  }
}

/** Explain a string (one message or many lines). */
export function explainText(text: string, opts: ScanOptions = {}): ExplainMatch[] {
  const s = new Scanner(opts);
  for (const line of splitText(text)) s.push(line);
  return s.results();
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
}

/** Explain a stream (stdin, a file) in one pass. */
export async function explainStream(stream: AsyncIterable<string | Uint8Array>, opts: ScanOptions & { maxBytes?: number } = {}): Promise<StreamResult> {
  const s = new Scanner(opts);
  let truncated = false;
  for await (const line of streamLines(stream, { maxBytes: opts.maxBytes, onLimit: () => (truncated = true) })) s.push(line);
  return { matches: s.results(), lines: s.lines, truncated };
}
