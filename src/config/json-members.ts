// Strict JSON checked, and where its members sit, from its bytes: no string of the whole file and
// no tree of the whole document. A locator, not a parser: JSON.parse checks (and reads) every piece
// of up to 64 KB; only the brackets, keys, colons and commas between larger pieces are checked here.
// Strings are skipped with indexOf of the quote byte (a quote preceded by an even number of
// backslashes ends them; UTF-8 never puts a byte below 0x80 inside a multi-byte character), nested
// values by counting brackets outside strings. On a 120 MB ~/.claude.json this needs no memory
// beyond the file's bytes and the pieces' short-lived objects.
//
// Used by setup (src/setup/edit.ts: the top-level members, then only the server map is parsed) and
// by doctor for a large JSON file (src/config/document.ts: the parts its checks read, plus every
// piece shown to the credential walk). Anything it refuses (JSONC, a broken file, deeper than the
// limit) is read the usual way, by JSON.parse or jsonc-parser over the whole text, which words the
// error. test/unit/json-members.test.ts holds it to JSON.parse and to jsonc-parser's visitor.

export interface Member {
  /** the key, unescaped ('' for an array's item) */
  name: string;
  /** offset of the key's opening quote (-1 for an array's item) */
  keyOffset: number;
  /** the value: [start, end) */
  start: number;
  end: number;
}

/**
 * What to keep of a value while it is checked: all of it (parsed), nothing (checked only), or, of
 * an object, some members: each by its name, any other by `others`. A value that is not an object
 * where members are asked for is kept whole.
 */
export type Keep = 'all' | 'none' | { readonly members: ReadonlyMap<string, Keep>; readonly others: Keep };

/** Told about every value as it is checked (depth: how many objects and arrays hold it; 0 for the root). */
export interface ScanHooks {
  /** a value checked whole by JSON.parse; `key` is the key it sits under (an array's own key for its items, '' at the root) */
  whole?(value: unknown, depth: number, key: string): void;
  /** a member of an object walked member by member (the object at `depth`, under `parentKey`); `value` when checked whole, else undefined */
  member?(name: string, value: unknown, parentKey: string, depth: number): void;
  /** an item of an array walked item by item (the array at `depth`); `prev`: the item before it, as `value` */
  item?(value: unknown, prev: unknown, depth: number): void;
}

export interface ScanOptions {
  /** deeper nesting (objects and arrays, the root counting 1) → 'too-deep' */
  maxDepth?: number;
  /** a container longer than this many bytes is walked member by member (default 64 KB) */
  piece?: number;
  keep?: Keep;
  hooks?: ScanHooks;
}

export interface ScannedObject {
  root: 'object';
  /** offset of the root's opening brace */
  at: number;
  /** the root's members, in order (a key written twice is listed twice) */
  members: Member[];
  /** what `keep` asked for, as JSON.parse gives it */
  kept: unknown;
  /** the members of every object or array walked member by member, by the offset of its bracket */
  walked: Map<number, Member[]>;
  /** some object walked member by member has a key written twice */
  duplicateKey: boolean;
}

export type ScanResult = ScannedObject | { root: 'other' } | { root: 'too-deep' };

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const COMMA = 44;
const COLON = 58;

/** A value longer than this is checked member by member; a shorter one by JSON.parse whole. */
const PIECE = 64 * 1024;

/**
 * Check that `b` (UTF-8, no BOM) is strict JSON, as JSON.parse would, and, when its root is an
 * object, say where its members sit and keep what `keep` asks for. The root object is always walked
 * member by member. Throws a SyntaxError where the bytes are not JSON (callers then read the text
 * their own way, which words the error); 'too-deep' when the nesting passes `maxDepth`.
 */
export function scanJson(b: Buffer, o: ScanOptions = {}): ScanResult {
  const s = new Scan(b, o.maxDepth ?? Infinity, o.piece ?? PIECE, o.hooks ?? {}, true);
  const i = skipSpace(b, 0);
  let end: number;
  let members: Member[] | undefined;
  try {
    if (b[i] === OPEN_BRACE) {
      end = s.container(i, 0, '', o.keep ?? 'none');
      members = s.walked.get(i)!;
    } else end = s.value(i, 0, '', 'none');
  } catch (e) {
    if (e === TOO_DEEP) return { root: 'too-deep' };
    throw e;
  }
  if (skipSpace(b, end) !== b.length) fail(end, 'unexpected text after the end');
  return members ? { root: 'object', at: i, members, kept: s.kept, walked: s.walked, duplicateKey: s.duplicateKey } : { root: 'other' };
}

/**
 * The members of the object or array whose bracket is at `at`, in bytes already checked by
 * scanJson (nothing is parsed but the keys).
 */
export function membersAt(b: Buffer, at: number): Member[] {
  const s = new Scan(b, Infinity, PIECE, {}, false);
  s.container(at, 0, '', 'none');
  return s.walked.get(at)!;
}

const TOO_DEEP = Symbol('too deep');
const EVERY_MEMBER: Exclude<Keep, string> = { members: new Map(), others: 'all' };
const DEEPER = -1;
const TOO_LONG = -2;

function fail(at: number, what: string): never {
  throw new SyntaxError(`not valid JSON at byte ${at}: ${what}`);
}

class Scan {
  /** what the last value() or container() kept (undefined: nothing) */
  kept: unknown;
  /** the last value() as parsed, when it was checked whole */
  parsed: unknown;
  readonly walked = new Map<number, Member[]>();
  duplicateKey = false;

  constructor(
    private readonly b: Buffer,
    private readonly maxDepth: number,
    private readonly piece: number,
    private readonly hooks: ScanHooks,
    /** false: the bytes were checked already; only find the structure */
    private readonly checking: boolean,
  ) {}

  private parse(start: number, end: number): unknown {
    return JSON.parse(this.b.toString('utf8', start, end));
  }

  /** Check the value at `i` (held by `depth` containers, under `key`); its end. */
  value(i: number, depth: number, key: string, keep: Keep): number {
    const b = this.b;
    const c = b[i];
    let end: number;
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      // members of an array are never asked for: it is kept whole
      if (keep !== 'all' && typeof keep !== 'string' && c === OPEN_BRACKET) keep = 'all';
      end = valueEnd(b, i, this.maxDepth - depth, keep === 'all' || !this.checking ? Infinity : i + this.piece);
      if (end === TOO_LONG) return this.container(i, depth, key, keep);
      if (end === DEEPER) throw TOO_DEEP;
    } else if (c === QUOTE) end = stringEnd(b, i);
    else end = literalEnd(b, i);
    if (end === i) fail(i, 'a value was expected');
    if (!this.checking) {
      this.parsed = this.kept = undefined;
      return end;
    }
    const v = this.parse(i, end);
    if (c === OPEN_BRACE || c === OPEN_BRACKET) this.hooks.whole?.(v, depth, key);
    this.parsed = v;
    this.kept = pick(v, keep);
    return end;
  }

  /** Check the object or array at `i` member by member (recording where they sit); its end. */
  container(i: number, depth: number, key: string, keep: Keep): number {
    if (depth + 1 > this.maxDepth) throw TOO_DEEP;
    const b = this.b;
    const at = i;
    const isObject = b[i] === OPEN_BRACE;
    const close = isObject ? CLOSE_BRACE : CLOSE_BRACKET;
    // (an object kept whole but walked member by member: the root)
    const wanted = keep === 'all' ? EVERY_MEMBER : keep === 'none' ? undefined : keep;
    const kept: Record<string, unknown> | undefined = wanted && isObject ? {} : undefined;
    const members: Member[] = [];
    const names = isObject && this.checking ? new Set<string>() : undefined;
    this.walked.set(at, members);
    let prev: unknown;
    i = skipSpace(b, i + 1);
    if (b[i] !== close) {
      for (;;) {
        let name = '';
        let keyOffset = -1;
        if (isObject) {
          if (b[i] !== QUOTE) fail(i, 'a property name was expected');
          keyOffset = i;
          const keyEnd = stringEnd(b, i);
          name = this.parse(i, keyEnd) as string;
          i = skipSpace(b, keyEnd);
          if (b[i] !== COLON) fail(i, '":" was expected');
          i = skipSpace(b, i + 1);
        }
        const start = i;
        const childKeep = wanted && isObject ? (wanted.members.get(name) ?? wanted.others) : 'none';
        const end = this.value(start, depth + 1, isObject ? name : key, childKeep);
        members.push({ name, keyOffset, start, end });
        // (undefined for a container walked member by member: it was not parsed whole)
        const v = this.parsed;
        if (isObject) {
          if (names) {
            if (names.has(name)) this.duplicateKey = true;
            names.add(name);
          }
          this.hooks.member?.(name, v, key, depth);
          // as JSON.parse defines it (a "__proto__" key is a property, not the prototype)
          if (kept && this.kept !== undefined) Object.defineProperty(kept, name, { value: this.kept, writable: true, enumerable: true, configurable: true });
        } else {
          this.hooks.item?.(v, prev, depth);
          prev = v;
        }
        i = skipSpace(b, end);
        const c = b[i];
        if (c === close) break;
        if (c !== COMMA) fail(i, `"," or "${isObject ? '}' : ']'}" was expected`);
        i = skipSpace(b, i + 1);
      }
    }
    this.parsed = undefined;
    this.kept = kept;
    return i + 1;
  }
}

/** What `keep` asks for of a parsed value. */
function pick(v: unknown, keep: Keep): unknown {
  if (keep === 'all') return v;
  if (keep === 'none') return undefined;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) {
    const p = pick((v as Record<string, unknown>)[k], keep.members.get(k) ?? keep.others);
    if (p !== undefined) Object.defineProperty(out, k, { value: p, writable: true, enumerable: true, configurable: true });
  }
  return out;
}

function skipSpace(b: Buffer, i: number): number {
  for (;;) {
    const c = b[i];
    if (c === 32 || c === 10 || c === 13 || c === 9) i++;
    else return i;
  }
}

/** The offset just past the string whose opening quote is at `i`. */
function stringEnd(b: Buffer, i: number): number {
  let q = i;
  for (;;) {
    q = b.indexOf(QUOTE, q + 1);
    if (q === -1) fail(i, 'unterminated string');
    // escaped when an odd number of backslashes stands before it
    let k = q - 1;
    while (b[k] === BACKSLASH) k--;
    if ((q - 1 - k) % 2 === 0) return q + 1;
  }
}

/** A number, true, false or null: up to the next delimiter. */
function literalEnd(b: Buffer, i: number): number {
  for (let j = i; ; j++) {
    const d = b[j];
    if (d === undefined || d === COMMA || d === CLOSE_BRACE || d === CLOSE_BRACKET || d === 32 || d === 10 || d === 13 || d === 9) return j;
  }
}

/**
 * The offset just past the object or array at `i`, found by counting brackets outside strings;
 * DEEPER when it nests deeper than `maxDepth`, TOO_LONG when it does not end before `limit`.
 */
function valueEnd(b: Buffer, i: number, maxDepth: number, limit: number): number {
  let depth = 0;
  const stop = Math.min(b.length, limit);
  for (let j = i; j < stop; j++) {
    const c = b[j]!;
    if (c === QUOTE) j = stringEnd(b, j) - 1;
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > maxDepth) return DEEPER;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      if (--depth === 0) return j + 1;
    }
  }
  if (stop < b.length) return TOO_LONG;
  fail(i, `unterminated ${b[i] === OPEN_BRACE ? 'object' : 'array'}`);
}
