// The one matching engine: text (an error message, a pasted log, a client's log file) → remedies.
// Used by `tray-mcp explain` and the doctor's client-logs check; the matchers themselves are data in
// the catalog. Input is taken one line at a time, each line cut to MAX_LINE characters, so the work
// is linear in the input and memory stays bounded however large a log is.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { REMEDIES, getRemedy, matcherApplies, stepsFor, type Facts, type Matcher, type Remedy, type RemedyContext, type RemedyId } from './catalog.js';
import { ContextHints, HINT_ALL, HINT_CLIENT, HINT_LITERALS, resolveContext, type ResolvedContext } from './context.js';
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
const NUMERIC = new Set(['httpStatus', 'jsonRpcCode', 'limit', 'observed', 'position', 'line', 'column', 'toolCount', 'timeoutMs', 'timeoutS', 'exitCode', 'port']);

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
// UTF-8 bytes, ASCII letters case-folded). Besides the matchers' literals it knows the remedy ids (a
// line that is only an id) and the literals of the context hints (src/remedies/context.ts), so a log
// scan tells from the bytes alone which lines can matter (see ByteLines). Built on first use (a few ms).

/** What a line holding a literal may be besides a matcher's candidate: a bare remedy id (beyond the HINT_ bits). */
const HOLDS_ID = 8;
/** Everything a line may hold: given to push(), every hint's regex is tried on the line (the tests'
 *  reference path), whatever literals it holds. */
export const HOLDS_ALL = HINT_ALL | HOLDS_ID;

const REMEDY_IDS: ReadonlySet<string> = new Set(REMEDIES.map((r) => r.id));

/** The literals: the matchers' `any` strings, the remedy ids, the context hints' literals. */
export const LITERALS: readonly string[] = [...new Set([...COMPILED.flatMap((c) => c.m.any), ...REMEDY_IDS, ...HINT_LITERALS.keys()])];

interface Automaton {
  /** (state << 8) | byte → next state (one row of 256 per state: no class look-up in the walk); state
   *  0 is the start */
  delta: Uint16Array;
  /** states from `out` to `nl - 1` end one or more literals; from `hintOut` on, literals that only
   *  tell a client (a client's log format, on every line of its logs) */
  out: number;
  hintOut: number;
  /** the state after a newline (a line starts: it moves like the start); the highest state */
  nl: number;
  /** per literal-ending state (index state - out): indices into COMPILED of the matchers it wakes, ascending */
  wakes: readonly (readonly number[])[];
  /** per literal-ending state: what else its literals tell (HINT_ bits, HOLDS_ID) */
  holds: Uint8Array;
  /** per literal-ending state: 1 when it wakes a matcher */
  wakesAny: Uint8Array;
  /** per literal-ending state: the matchers it wakes when a digit follows (wakes less those of its
   *  number literals that want whole numbers, Matcher.wholeNumbers), and 1 when there is one */
  loose: readonly (readonly number[])[];
  looseAny: Uint8Array;
  /** the four-part walk over whole lines (see scanParts), this automaton's table built in */
  scan: ScanParts;
}

/** Added to a literal-ending state a digit follows (ByteLines): only its `loose` matchers wake. */
const DIGIT_NEXT = 0x10000;

let automatonCache: Automaton | undefined;
function automaton(): Automaton {
  if (!automatonCache) {
    automatonCache = buildAutomaton();
    // Every path of the walk taken, on a few lines of unequal length, before a large input makes the
    // engine optimise it mid-loop: optimised without feedback for its end (the engine records none
    // for a function's first few calls), it would be thrown away at its end, chunk after chunk.
    const warm = Buffer.from('401 sse\nx\n'.repeat(2) + 'HTTP 401 x\n'.repeat(3) + '-rw sse 401\n'.repeat(4));
    const cut = [0, 8, 16, 16 + 3 * 11, warm.length];
    for (let i = 0; i < 16; i++) automatonCache.scan(warm, cut, new Int32Array(3 * warm.length), new Int32Array(12), automatonCache.nl);
  }
  return automatonCache;
}

function buildAutomaton(): Automaton {
  // (char codes for ASCII, a Buffer only for the few others: this runs before the code is optimised)
  const bytes = LITERALS.map((literal) => {
    const ascii = /^[\x00-\x7f]*$/.test(literal);
    const b = ascii ? Array.from(literal, (ch) => ch.charCodeAt(0)) : [...Buffer.from(literal, 'utf8')];
    return b.map((x) => (x >= 0x41 && x <= 0x5a ? x + 0x20 : x));
  });
  // The trie over the literals' lower-cased bytes (edges as linked lists in typed arrays: no object
  // per state, built in a few ms before the code is optimised); `own` lists the literals ending at a state.
  let room = 1;
  for (const literal of bytes) room += literal.length;
  const firstEdge = new Int32Array(room).fill(-1);
  const edgeByte = new Uint8Array(room);
  const edgeTo = new Int32Array(room);
  const nextEdge = new Int32Array(room);
  /** the byte on the edge into each state */
  const inByte = new Uint8Array(room);
  // (arrays filled up front: written out of order, a growing one would turn into a slow dictionary)
  const own: (number[] | undefined)[] = new Array<undefined>(room).fill(undefined);
  let n = 1;
  bytes.forEach((literal, li) => {
    let s = 0;
    for (const b of literal) {
      let e = firstEdge[s]!;
      while (e >= 0 && edgeByte[e] !== b) e = nextEdge[e]!;
      if (e < 0) {
        e = n - 1;
        edgeByte[e] = b;
        inByte[n] = b;
        edgeTo[e] = n++;
        nextEdge[e] = firstEdge[s]!;
        firstEdge[s] = e;
      }
      s = edgeTo[e]!;
    }
    (own[s] ??= []).push(li);
  });
  if (n >= 0xffff) throw new Error('remedy literals: too many automaton states');
  const childOf = (s: number, b: number) => {
    for (let e = firstEdge[s]!; e >= 0; e = nextEdge[e]!) if (edgeByte[e] === b) return edgeTo[e]!;
    return -1;
  };
  // Failure links, breadth first (standard Aho-Corasick, on the trie), and what each state's literals
  // (its own, and its failure state's) wake and tell.
  const fail = new Uint16Array(n);
  const order = new Uint16Array(n);
  const wakesOf: (readonly number[] | undefined)[] = new Array<undefined>(n).fill(undefined);
  const looseOf: (readonly number[] | undefined)[] = new Array<undefined>(n).fill(undefined);
  const holdsOf = new Uint8Array(n);
  let plainCount = 1;
  let clientOnlyCount = 0;
  for (let q = 0, found = 1; q < found; q++) {
    const s = order[q]!;
    for (let e = firstEdge[s]!; e >= 0; e = nextEdge[e]!) {
      const t = edgeTo[e]!;
      let f = 0;
      if (s !== 0) {
        for (let g = fail[s]!; ; g = fail[g]!) {
          const c = childOf(g, edgeByte[e]!);
          if (c >= 0 || g === 0) {
            f = Math.max(c, 0);
            break;
          }
        }
      }
      fail[t] = f;
      let wakes = wakesOf[f];
      let loose = looseOf[f];
      let holds = holdsOf[f]!;
      if (own[t]) {
        const set = new Set(wakes);
        const looseSet = new Set(loose);
        for (const li of own[t]!) {
          const literal = LITERALS[li]!;
          const number = /^-?\d+$/.test(literal);
          for (const i of WANTED_BY.get(literal) ?? []) {
            set.add(i);
            if (!number || !COMPILED[i]!.m.wholeNumbers) looseSet.add(i);
          }
          holds |= (REMEDY_IDS.has(literal) ? HOLDS_ID : 0) | (HINT_LITERALS.get(literal) ?? 0);
        }
        wakes = [...set].sort((x, y) => x - y);
        loose = [...looseSet].sort((x, y) => x - y);
      }
      wakesOf[t] = wakes;
      looseOf[t] = loose;
      holdsOf[t] = holds;
      if (!wakes) plainCount++;
      else if (!wakes.length && holds === HINT_CLIENT) clientOnlyCount++;
      order[found++] = t;
    }
  }
  // Numbered breadth first: plain states from 0 (the start), then those that end a literal, those
  // that only tell a client last (a walk passes them by once the client is known: Automaton.hintOut),
  // then the line-start state.
  const out = plainCount;
  const nl = n;
  const hintOut = nl - clientOnlyCount;
  const id = new Uint16Array(n);
  const trieOf = new Uint16Array(n);
  for (let q = 0, p = 0, o = out, c = hintOut; q < n; q++) {
    const s = order[q]!;
    const k = !wakesOf[s] ? p++ : !wakesOf[s]!.length && holdsOf[s] === HINT_CLIENT ? c++ : o++;
    id[s] = k;
    trieOf[k] = s;
  }
  // The DFA: a state's row is its failure state's row with its own edges over it (both cases of a
  // letter), that is the start's row (copied to every row at once) with the edges of its failure chain
  // and its own over it; a newline always goes to the line-start state.
  const delta = new Uint16Array((n + 1) << 8);
  const edgesOf = (s: number, row: number) => {
    for (let e = firstEdge[s]!; e >= 0; e = nextEdge[e]!) {
      const b = edgeByte[e]!;
      delta[row | b] = id[edgeTo[e]!]!;
      if (b >= 0x61 && b <= 0x7a) delta[row | (b - 0x20)] = id[edgeTo[e]!]!;
    }
  };
  edgesOf(0, 0);
  delta[0x0a] = nl;
  // (doubling: a dozen copies; one a row costs microseconds each while this code is still cold)
  for (let done = 256; done < delta.length; done *= 2) delta.copyWithin(done, 0, Math.min(done, delta.length - done));
  const chain = new Uint16Array(n);
  for (let s = 1; s < n; s++) {
    const row = id[s]! << 8;
    let depth = 0;
    for (let f = fail[s]!; f !== 0; f = fail[f]!) chain[depth++] = f;
    while (depth > 0) edgesOf(chain[--depth]!, row);
    edgesOf(s, row);
  }
  // Whitespace as the matchers' regexes read it (`\s+`): a tab is a space, and a run of them is one
  // (a state reached by a space stays there on the next ones), so "HTTP\t401" and "HTTP  401" wake
  // what "HTTP 401" wakes. (The literals hold single spaces: a test keeps them so.)
  for (let row = 0; row < delta.length; row += 256) delta[row | 0x09] = delta[row | 0x20]!;
  for (let s = 1; s < n; s++) {
    if (inByte[s] !== 0x20) continue;
    const row = id[s]! << 8;
    delta[row | 0x20] = delta[row | 0x09] = id[s]!;
  }
  const wakes = Array.from({ length: n - out }, (_, k) => wakesOf[trieOf[out + k]!]!);
  const loose = Array.from({ length: n - out }, (_, k) => looseOf[trieOf[out + k]!]!);
  const holds = Uint8Array.from(wakes, (_, k) => holdsOf[trieOf[out + k]!]!);
  const any = (lists: readonly (readonly number[])[]) => Uint8Array.from(lists, (w) => (w.length ? 1 : 0));
  return { delta, out, hintOut, nl, wakes, holds, wakesAny: any(wakes), loose, looseAny: any(loose), scan: scanParts(delta, out, nl) };
}

/** literal → indices into COMPILED of the matchers that want it */
const WANTED_BY = new Map<string, number[]>();
COMPILED.forEach((c, i) => {
  for (const n of c.m.any) WANTED_BY.set(n, [...(WANTED_BY.get(n) ?? []), i]);
});

/** Up to this many UTF-16 units, a line is searched literal by literal (no automaton to build). */
const SHORT_LINE = 256;
const foldAscii = (text: string) => text.replace(/[A-Z]+/g, (s) => s.toLowerCase());
/** Every literal, folded, with the matchers it wakes and what else it tells (HINT_ bits, HOLDS_ID). */
let byLiteral: [literal: string, matchers: readonly number[], holds: number][] | undefined;

/** Indices (ascending) of the matchers worth trying on this line: those wanting a literal it holds. */
export function candidatesFor(line: string): number[] {
  return literalsOf(line).candidates;
}

/**
 * What a line's literals say: the matchers worth trying on it (candidatesFor) and what else it may
 * hold (HINT_ bits, HOLDS_ID), as a log scan finds both in its bytes: a line holding no hint literal
 * needs none of the hints' regexes.
 */
function literalsOf(line: string): { candidates: number[]; holds: number } {
  if (line.length > SHORT_LINE) {
    const bytes = Buffer.from(line, 'utf8');
    return literalsIn(bytes, 0, bytes.length);
  }
  // Short text (an argument, a pasted message): ASCII letters folded and runs of spaces and tabs
  // read as one space, as the automaton does.
  byLiteral ??= LITERALS.map((l) => [foldAscii(l), WANTED_BY.get(l) ?? [], (REMEDY_IDS.has(l) ? HOLDS_ID : 0) | (HINT_LITERALS.get(l) ?? 0)]);
  const text = foldAscii(line).replace(/[ \t]{2,}|\t/g, ' ');
  let found: Set<number> | undefined;
  let holds = 0;
  for (const [literal, matchers, bits] of byLiteral) {
    if (!text.includes(literal)) continue;
    for (const m of matchers) (found ??= new Set()).add(m);
    holds |= bits;
  }
  return { candidates: found ? [...found].sort((a, b) => a - b) : [], holds };
}

/** literalsOf, on the UTF-8 bytes buf[from, to) of a line. */
function literalsIn(buf: Uint8Array, from: number, to: number): { candidates: number[]; holds: number } {
  const a = automaton();
  const { delta, out, nl, wakes } = a;
  let s = 0;
  let found: Set<number> | undefined;
  let holds = 0;
  for (let i = from; i < to; i++) {
    s = delta[(s << 8) | buf[i]!]!;
    if (s >= out && s < nl) {
      for (const m of wakes[s - out]!) (found ??= new Set()).add(m);
      holds |= a.holds[s - out]!;
    }
  }
  return { candidates: found ? [...found].sort((a, b) => a - b) : [], holds };
}

/** Marks for wokenBy: which matchers the current call found already. */
const seen = new Uint32Array(COMPILED.length);
let seenRound = 0;

/** The matchers (ascending, each once) the literal-ending states states[0, n) wake, into `into` (a
 *  state plus DIGIT_NEXT is one a digit follows: its `loose` matchers only). */
function wokenBy(a: Automaton, states: ArrayLike<number>, n: number, into: number[]): number[] {
  if (seenRound === 0xffffffff) seen.fill((seenRound = 0));
  const round = ++seenRound;
  into.length = 0;
  for (let k = 0; k < n; k++) {
    const s = states[k]!;
    const wakes = (s & DIGIT_NEXT ? a.loose : a.wakes)[(s & 0xffff) - a.out]!;
    for (let w = 0; w < wakes.length; w++) {
      const m = wakes[w]!;
      if (seen[m] === round) continue;
      seen[m] = round;
      // insertion in order (a line wakes few matchers)
      let at = into.length;
      into.push(m);
      while (at > 0 && into[at - 1]! > m) {
        into[at] = into[at - 1]!;
        at--;
      }
      into[at] = m;
    }
  }
  return into;
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

/** The fact names a matcher's `extract` regexes give (found once per matcher). */
const namesOf = new Map<Matcher, readonly string[]>();
function wantedNames(m: Matcher): readonly string[] {
  let names = namesOf.get(m);
  if (!names) namesOf.set(m, (names = extractNames(m.extract)));
  return names;
}

function extractNames(regexes: readonly RegExp[] | undefined): string[] {
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

  /** What a line holding no matcher's literal must hold to be worth reading now (HINT_ bits, HOLDS_ID):
   *  fewer bits as the context settles, never more. */
  get wanted(): number {
    return HOLDS_ID | this.hints.wanted;
  }

  /** Whether a line holding no matcher's literal but these (HINT_ bits, HOLDS_ID) can change the results. */
  wants(holds: number): boolean {
    return this.pending.length > 0 || (holds & this.wanted) !== 0;
  }

  /**
   * One line. From a log scan (ByteLines), `candidates` are the matchers candidatesFor(line) would give
   * and `holds` what else the line's literals tell (HINT_ bits, HOLDS_ID), both found in its bytes
   * already: a hint's regexes are tried only on a line holding one of its literals, the remedy ids
   * looked up only on a line holding one. A line given alone has its literals found here (explain's
   * text); `holds` given with it (HOLDS_ALL: every hint's regex tried) is kept.
   */
  push(rawLine: string, candidates?: readonly number[], holds?: number): void {
    const lineNumber = ++this.n;
    const line = cap(rawLine);
    if (this.pending.length) this.feedPending(line);
    const trimmed = line.trim();
    if (!trimmed) return;
    if (!candidates) {
      // (a line given alone: its literals say which matchers to try and what else it may tell)
      // (a remedy id is looked up on every short line: toLowerCase folds more than the literals' ASCII,
      // K KELVIN SIGN to k)
      const found = literalsOf(line);
      candidates = found.candidates;
      holds ??= found.holds | HOLDS_ID;
    }
    holds ??= HOLDS_ALL;
    if (holds & HINT_ALL) this.hints.observe(line, holds);
    if (holds & HOLDS_ID && trimmed.length <= 48) {
      const bare = trimmed.replace(/^[`'"]+|[`'"]+$/g, '').toLowerCase();
      if (getRemedy(bare)) {
        if (!this.ids.has(bare)) this.ids.set(bare, lineNumber);
        return;
      }
    }
    if (!candidates.length) return;
    let found: Map<string, Candidate> | undefined;
    for (let k = 0; k < candidates.length; k++) {
      const c = COMPILED[candidates[k]!]!;
      // A matcher bound to a context (Matcher.when) is kept apart and judged in results(), once the
      // whole text has told what it can; one the caller's own context already rules out is not tried.
      if (c.m.when && (!c.m.when.platform || this.given.platform) && (!c.m.when.client || this.given.client) && !matcherApplies(c.m, this.given)) continue;
      const m = c.m.whole ? (c.m.re.exec(trimmed) ?? null) : c.m.re.exec(line);
      if (!m) continue;
      const facts: Facts = { ...(c.m.facts ?? {}) };
      groupsToFacts(m.groups, facts, true);
      extract(c.m.extract, line, facts);
      if (c.m.accept && !c.m.accept(facts, line)) continue;
      if (c.m.defaults) for (const [k, v] of Object.entries(c.m.defaults)) if (facts[k] === undefined) facts[k] = v;
      const key = keyOf(c.remedy, c.m);
      found ??= new Map();
      const prev = found.get(key);
      const cand: Candidate = { remedy: c.remedy, m: c.m, facts, weight: c.m.weight, fragment: m[0], line, lineNumber };
      if (!prev || cand.weight > prev.weight) {
        if (prev) for (const [k, v] of Object.entries(prev.facts)) if (cand.facts[k] === undefined) cand.facts[k] = v;
        found.set(key, cand);
      } else {
        for (const [k, v] of Object.entries(facts)) if (prev.facts[k] === undefined) prev.facts[k] = v;
      }
    }
    if (!found) return;
    // Only matchers that hold in any context may hide the much less specific ones on a line.
    let top = 0;
    for (const c of found.values()) if (!c.m.when && c.weight > top) top = c.weight;
    for (const cand of found.values()) {
      if (cand.weight < top - OUTRANKED_BY) continue;
      this.record(cand);
    }
  }

  private record(cand: Candidate): void {
    if (cand.m.lookahead) {
      const missing = wantedNames(cand.m).filter((n) => cand.facts[n] === undefined);
      if (missing.length) this.pending.push({ facts: cand.facts, extract: cand.m.extract ?? [], missing, left: cand.m.lookahead });
    }
    const key = keyOf(cand.remedy, cand.m);
    const prev = this.best.get(key);
    if (!prev) {
      this.best.set(key, { ...cand, count: 1 });
      return;
    }
    const count = prev.count + 1;
    // Most specific evidence wins; at equal specificity the latest line (the current state of a log).
    if (cand.weight >= prev.weight) Object.assign(prev, cand);
    prev.count = count;
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
    lines.write(buf);
    if (bytes >= maxBytes) {
      truncated = true;
      break;
    }
  }
  lines.end();
  return { matches: s.results(), lines: s.lines, truncated, context: s.context };
}

/**
 * A file's bytes, up to 256 KiB at a time, read into one buffer that every chunk reuses (explainStream
 * copies what it keeps): no stream machinery, no garbage per chunk. Closes the file at the end, or
 * when the reader stops early. (256 KiB: the chunk is still in the CPU's cache when the automaton walks
 * it, and the walk's records for a chunk, room for one a byte, stay small.) (One thread: a helper thread scanning every other chunk was tried; on
 * a machine whose other core is busy it saved no time and cost 40% more CPU and 20 MB.)
 */
export async function* fileChunks(path: string, size = 256 * 1024): AsyncGenerator<Buffer> {
  // Non-blocking, and a regular file only: a FIFO or a device (never-ending /dev/zero) is refused.
  const fd = openSync(path, process.platform === 'win32' ? constants.O_RDONLY : constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    if (!fstatSync(fd).isFile()) throw Object.assign(new Error(`${path} is not a regular file`), { code: 'ENOTREG' });
    const buf = Buffer.allocUnsafe(size);
    for (;;) {
      const n = readSync(fd, buf, 0, size, null);
      if (n === 0) return;
      yield buf.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}

/** Bytes of a line kept to decode it: MAX_LINE UTF-16 units never come from more (3 per unit, plus
 *  an incomplete character cut at the end). */
const LINE_BYTES = 3 * MAX_LINE + 3;
const NONE: readonly number[] = [];

/**
 * Feeds a Scanner from UTF-8 bytes the way streamLines + push would, but builds a string only for
 * the lines that can matter: those holding a literal the automaton knows (a matcher's, a remedy id, a
 * context hint's while the context is not settled) and the lines a look-ahead waits for. Every other
 * line is counted and left. A line is cut at its newline; it is decoded alone (a newline always ends
 * a UTF-8 sequence, so this is the stream's own decoding) and capped at MAX_LINE. Holds one chunk and
 * at most LINE_BYTES of a line that continues into the next chunk.
 *
 * A chunk's whole lines are scanned in four parts at once (scanParts): the automaton's table look-ups
 * are the whole cost of a log in which few lines matter. Its answer, the literals found (where each
 * ends, its state, its line), is then read in order.
 */
class ByteLines {
  private readonly a = automaton();
  /** automaton state at the end of the partial line */
  private state = 0;
  /** the literal-ending states met in the partial line (not ended by a newline yet) */
  private met = new Set<number>();
  /** its first bytes (up to LINE_BYTES) and its whole length */
  private carry: Buffer[] = [];
  private carried = 0;
  private partial = 0;
  /** scanParts' answer for one chunk (reused) */
  private hits = new Int32Array(0);
  private readonly meta = new Int32Array(12);
  /** the next line of the chunk's whole lines not given to the scanner yet: its index, its first byte */
  private line = 0;
  private at = 0;
  /** the literal-ending states of one line (scratch), and the matchers they wake (scratch) */
  private states = new Int32Array(0);
  private readonly woken: number[] = [];

  constructor(private readonly scanner: Scanner) {}

  write(buf: Buffer): void {
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
    if (last > first) this.lines(buf, first + 1, last + 1);
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
    for (let i = from; i < to; i++) {
      s = delta[(s << 8) | buf[i]!]!;
      if (s >= out && s < nl) this.met.add(s); // (no newline here: never nl)
    }
    this.state = s;
    this.partial += to - from;
    if (this.carried < LINE_BYTES) {
      const piece = buf.subarray(from, Math.min(to, from + LINE_BYTES - this.carried));
      this.carry.push(Buffer.from(piece)); // a copy: the chunk may be reused by its stream
      this.carried += piece.length;
    }
  }

  private endPartial(): void {
    const met = [...this.met];
    let holds = 0;
    for (const s of met) holds |= this.a.holds[s - this.a.out]!;
    const wakes = wokenBy(this.a, met, met.length, this.woken);
    if (wakes.length || this.scanner.wants(holds)) {
      // A line of at most MAX_LINE bytes is not capped: its literals are those of its bytes.
      this.scanner.push(decodeLine(Buffer.concat(this.carry, this.carried), 0, this.carried), this.partial <= MAX_LINE ? wakes : undefined, holds);
    } else this.scanner.skip(1);
    this.state = 0;
    this.met = new Set();
    this.carry = [];
    this.carried = 0;
    this.partial = 0;
  }

  /** buf[from, to) is whole lines (it ends with a newline): find their literals, then go through them in order. */
  private lines(buf: Buffer, from: number, to: number): void {
    const cut = partsOf(buf, from, to);
    if (this.hits.length < 3 * (to - from)) {
      // room for a literal ending on every byte (no check in the walk), for chunks of this size (a
      // file's are all alike), and for the literals of one line
      this.hits = new Int32Array(3 * Math.max(buf.length, 64 * 1024));
      this.states = new Int32Array(Math.max(buf.length, 64 * 1024));
    }
    const { hits, meta, states } = this;
    // (once the client is known, the literals that only tell one are not even recorded)
    this.a.scan(buf, cut, hits, meta, this.scanner.wanted & HINT_CLIENT ? this.a.nl : this.a.hintOut);
    const { out, wakesAny, looseAny, holds } = this.a;
    let wanted = this.scanner.wanted;
    this.line = 0;
    this.at = from;
    let base = 0; // index of the part's first line among the chunk's whole lines
    for (let q = 0; q < 4; q++) {
      const end = meta[4 + q]!;
      for (let j = meta[q]!; j < end; ) {
        const pos = hits[j]!;
        let state = hits[j + 1]!;
        const line = base + hits[j + 2]!;
        j += 3;
        // A literal that wakes no matcher and tells nothing still wanted (a client's log format, once
        // the client is known; a status code inside a longer number: a literal a digit follows wakes
        // only its `loose` matchers, its state gets DIGIT_NEXT) is passed over: its line is counted
        // with the others.
        const k = state - out;
        if (wakesAny[k]) state |= digitAt(buf, pos + 1);
        if (!(state & DIGIT_NEXT ? looseAny : wakesAny)[k] && !(holds[k]! & wanted)) continue;
        // Its line, and every other literal that ends on it.
        states[0] = state;
        let n = 1;
        for (; j < end && hits[j + 2]! + base === line; j += 3) states[n++] = hits[j + 1]! | digitAt(buf, hits[j]! + 1);
        const sol = buf.lastIndexOf(0x0a, pos) + 1;
        this.reach(buf, line, sol);
        const eol = buf.indexOf(0x0a, pos);
        this.hit(buf, sol, eol, n);
        this.line = line + 1;
        this.at = eol + 1;
        wanted = this.scanner.wanted;
      }
      base += meta[8 + q]!;
    }
    this.reach(buf, base, to);
  }

  /** The line buf[sol, eol) holds the literals ending in states[0, n). */
  private hit(buf: Buffer, sol: number, eol: number, n: number): void {
    const { a, scanner, states } = this;
    let holds = 0;
    for (let k = 0; k < n; k++) holds |= a.holds[(states[k]! & 0xffff) - a.out]!;
    const wakes = n === 1 ? (states[0]! & DIGIT_NEXT ? a.loose : a.wakes)[(states[0]! & 0xffff) - a.out]! : wokenBy(a, states, n, this.woken);
    if (!wakes.length && !scanner.wants(holds)) scanner.skip(1);
    // A line of at most MAX_LINE bytes is not capped: its literals are those of its bytes.
    else scanner.push(decodeLine(buf, sol, eol), eol - sol <= MAX_LINE ? wakes : undefined, holds);
  }

  /** Up to line `target` (starting at byte targetAt): read the lines a look-ahead waits for, count the rest. */
  private reach(buf: Buffer, target: number, targetAt: number): void {
    while (this.line < target && this.scanner.waiting) {
      const end = buf.indexOf(0x0a, this.at);
      this.scanner.push(decodeLine(buf, this.at, end), NONE, 0);
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

/** The four-part walk: see scanParts. */
type ScanParts = (buf: Uint8Array, cut: readonly number[], hits: Int32Array, meta: Int32Array, hi: number) => void;

/**
 * The walk over four parts of buf (cut[0..4], each whole lines), for the automaton `delta`, `out`,
 * `nl` (built into the function: the engine then holds them as constants, and the four walks' states
 * and positions keep to the CPU's registers). The parts are walked together: independent table look-ups
 * keep the CPU busy while each waits for memory. Each part is read a 32-bit word at a time, and the
 * sixteen states of the four words are tested at once: a word where no part ends a literal or a line
 * (most) costs sixteen look-ups and one comparison (~30% less than a test a byte). Part q's literals go to hits from meta[q] =
 * 3 * (cut[q] - cut[0]) on (room for one a byte: no check in the loop) as triples (position of the
 * literal's last byte, the state it ends in, its line's index in the part), in order, up to
 * meta[4 + q]; meta[8 + q] is how many lines the part has. Literal-ending states from `hi` on are not
 * recorded (`nl`: all are). This loop is the scan's whole cost.
 */
function scanParts(delta: Uint16Array, out: number, nl: number): ScanParts {
  let top = 1; // the highest power of two not over `out`
  while (top * 2 <= out) top *= 2;
  // Bytes are read four at a time (one 32-bit load, then its bytes low to high: little-endian, as
  // every platform Node runs on; another would walk byte by byte).
  const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
  /** each part's next free place in `hits` and its lines so far */
  const H = new Int32Array(4);
  const N = new Int32Array(4);
  /** One state of part q, after the byte at `pos`: a literal's end or a newline is recorded. */
  const one = (hits: Int32Array, q: number, pos: number, s: number, hi: number): void => {
    if (s < out) return;
    if (s === nl) N[q]++;
    else if (s < hi) {
      let h = H[q]!;
      hits[h++] = pos;
      hits[h++] = s;
      hits[h++] = N[q]!;
      H[q] = h;
    }
  };
  /** Part q's bytes buf[from, to) one at a time from state s, each state recorded as one() does: the state after. */
  const bytes = (buf: Uint8Array, hits: Int32Array, q: number, s: number, from: number, to: number, hi: number): number => {
    for (let i = from; i < to; i++) {
      s = delta[(s << 8) | buf[i]!]!;
      if (s >= out) one(hits, q, i, s, hi);
    }
    return s;
  };
  /** The states of part q after the four bytes from `pos` on. */
  const four = (hits: Int32Array, q: number, pos: number, b: number, c: number, d: number, e: number, hi: number): void => {
    one(hits, q, pos, b, hi);
    one(hits, q, pos + 1, c, hi);
    one(hits, q, pos + 2, d, hi);
    one(hits, q, pos + 3, e, hi);
  };
  return (buf, cut, hits, meta, hi) => {
    for (let q = 0; q < 4; q++) {
      H[q] = meta[q] = 3 * (cut[q]! - cut[0]!);
      N[q] = 0;
    }
    // Each part's first bytes, up to a multiple of four in memory; then the parts' words together (the
    // number the shortest part has); then the rest of each part.
    const mem = buf.byteOffset;
    const headOf = (q: number) => (littleEndian ? Math.min((4 - ((mem + cut[q]!) % 4)) % 4, cut[q + 1]! - cut[q]!) : cut[q + 1]! - cut[q]!);
    let s0 = bytes(buf, hits, 0, 0, cut[0]!, cut[0]! + headOf(0), hi);
    let s1 = bytes(buf, hits, 1, 0, cut[1]!, cut[1]! + headOf(1), hi);
    let s2 = bytes(buf, hits, 2, 0, cut[2]!, cut[2]! + headOf(2), hi);
    let s3 = bytes(buf, hits, 3, 0, cut[3]!, cut[3]! + headOf(3), hi);
    const a0 = cut[0]! + headOf(0);
    const a1 = cut[1]! + headOf(1);
    const a2 = cut[2]! + headOf(2);
    const a3 = cut[3]! + headOf(3);
    const words = Math.min((cut[1]! - a0) >> 2, (cut[2]! - a1) >> 2, (cut[3]! - a2) >> 2, (cut[4]! - a3) >> 2);
    if (words > 0) {
      // a view from the word buf starts in, over buf alone (any size of memory behind it)
      const lead = mem % 4;
      const w = new Int32Array(buf.buffer, mem - lead, Math.floor((lead + buf.length) / 4));
      // (word indices as small integers: the engine then keeps the loop's arithmetic in registers)
      const big = lead + buf.length >= 0x80000000;
      const w0 = big ? Math.floor((lead + a0) / 4) : (lead + a0) >> 2;
      const w1 = big ? Math.floor((lead + a1) / 4) : (lead + a1) >> 2;
      const w2 = big ? Math.floor((lead + a2) / 4) : (lead + a2) >> 2;
      const w3 = big ? Math.floor((lead + a3) / 4) : (lead + a3) >> 2;
      for (let k = 0; k < words; k++) {
        const x0 = w[w0 + k]!;
        const x1 = w[w1 + k]!;
        const x2 = w[w2 + k]!;
        const x3 = w[w3 + k]!;
        const b0 = delta[(s0 << 8) | (x0 & 255)]!;
        const b1 = delta[(s1 << 8) | (x1 & 255)]!;
        const b2 = delta[(s2 << 8) | (x2 & 255)]!;
        const b3 = delta[(s3 << 8) | (x3 & 255)]!;
        const c0 = delta[(b0 << 8) | ((x0 >>> 8) & 255)]!;
        const c1 = delta[(b1 << 8) | ((x1 >>> 8) & 255)]!;
        const c2 = delta[(b2 << 8) | ((x2 >>> 8) & 255)]!;
        const c3 = delta[(b3 << 8) | ((x3 >>> 8) & 255)]!;
        const d0 = delta[(c0 << 8) | ((x0 >>> 16) & 255)]!;
        const d1 = delta[(c1 << 8) | ((x1 >>> 16) & 255)]!;
        const d2 = delta[(c2 << 8) | ((x2 >>> 16) & 255)]!;
        const d3 = delta[(c3 << 8) | ((x3 >>> 16) & 255)]!;
        s0 = delta[(d0 << 8) | (x0 >>> 24)]!;
        s1 = delta[(d1 << 8) | (x1 >>> 24)]!;
        s2 = delta[(d2 << 8) | (x2 >>> 24)]!;
        s3 = delta[(d3 << 8) | (x3 >>> 24)]!;
        // one test for the sixteen states (one from `out` on has a bit `top` or higher): most words end
        // no literal and no line; those that do are recorded, part by part, in order
        if ((b0 | b1 | b2 | b3 | c0 | c1 | c2 | c3 | d0 | d1 | d2 | d3 | s0 | s1 | s2 | s3) < top) continue;
        const o = 4 * k;
        if ((b0 | c0 | d0 | s0) >= top) four(hits, 0, a0 + o, b0, c0, d0, s0, hi);
        if ((b1 | c1 | d1 | s1) >= top) four(hits, 1, a1 + o, b1, c1, d1, s1, hi);
        if ((b2 | c2 | d2 | s2) >= top) four(hits, 2, a2 + o, b2, c2, d2, s2, hi);
        if ((b3 | c3 | d3 | s3) >= top) four(hits, 3, a3 + o, b3, c3, d3, s3, hi);
      }
    }
    const done = 4 * Math.max(words, 0);
    bytes(buf, hits, 0, s0, a0 + done, cut[1]!, hi);
    bytes(buf, hits, 1, s1, a1 + done, cut[2]!, hi);
    bytes(buf, hits, 2, s2, a2 + done, cut[3]!, hi);
    bytes(buf, hits, 3, s3, a3 + done, cut[4]!, hi);
    for (let q = 0; q < 4; q++) {
      meta[4 + q] = H[q]!;
      meta[8 + q] = N[q]!;
    }
  };
}

/** DIGIT_NEXT when buf[at] is a digit, else 0. */
function digitAt(buf: Uint8Array, at: number): number {
  const c = buf[at];
  return c !== undefined && c >= 0x30 && c <= 0x39 ? DIGIT_NEXT : 0;
}

/** buf[from, end) as one line: decoded (invalid bytes → U+FFFD), at most MAX_LINE UTF-16 units. */
function decodeLine(buf: Buffer, from: number, end: number): string {
  const text = buf.toString('utf8', from, Math.min(end, from + LINE_BYTES));
  return text.length > MAX_LINE ? text.slice(0, MAX_LINE) : text;
}
