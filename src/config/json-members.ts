// Strict JSON checked, and where its top-level members sit, without a tree of the whole document:
// JSON.parse checks every piece of up to 64 KB (the pieces' objects die young), and the brackets,
// keys, colons and commas between larger pieces are checked here. Strings are skipped with indexOf
// (a quote not escaped ends them), nested values by counting brackets outside strings. On a 120 MB
// ~/.claude.json this is faster than JSON.parse of the whole text or jsonc-parser's visitor, and
// needs no memory beyond the text. Anything it refuses (JSONC, a broken file) is read by
// jsonc-parser's visitor (src/setup/edit.ts), which words the error.

export interface TopMember {
  /** the key, unescaped */
  name: string;
  /** offset of the key's opening quote */
  keyOffset: number;
  /** the value: [start, end) */
  start: number;
  end: number;
  /** the value is an object ({ … }) */
  isObject: boolean;
}

export type TopLevel = { root: 'object'; members: TopMember[] } | { root: 'other' } | { root: 'too-deep' };

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const COMMA = 44;

/** A value longer than this is checked member by member; a shorter one by JSON.parse whole. */
const PIECE = 64 * 1024;

/**
 * Check that `text` (no BOM) is strict JSON, as JSON.parse would, and say where its top-level
 * members sit. JSON.parse sees every value of up to 64 KB whole; a longer object or array is walked
 * member by member (its brackets, keys, colons and commas checked here), so no tree of the whole
 * document is ever built: the pieces' objects die young, and memory stays at the text's size.
 * Throws a SyntaxError where the text is not JSON (callers then describe the error their own way);
 * 'too-deep' when the walk would go deeper than `maxDepth`.
 */
export function checkedTopLevel(text: string, maxDepth = Infinity, piece = PIECE): TopLevel {
  const w = new Walker(text, maxDepth, piece);
  let i = skipSpace(text, 0);
  const root = text.charCodeAt(i);
  let end: number;
  let members: TopMember[] | undefined;
  try {
    if (root === OPEN_BRACE) {
      members = [];
      end = w.container(i, 1, members);
    } else end = w.value(i, 0);
  } catch (e) {
    if (e === TOO_DEEP) return { root: 'too-deep' };
    throw e;
  }
  if (skipSpace(text, end) !== text.length) fail(end, 'unexpected text after the end');
  return members ? { root: 'object', members } : { root: 'other' };
}

const TOO_DEEP = Symbol('too deep');
const DEEPER = -1;
const TOO_LONG = -2;

function fail(at: number, what: string): never {
  throw new SyntaxError(`not valid JSON at offset ${at}: ${what}`);
}

class Walker {
  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
    private readonly piece: number,
  ) {}

  /** Check the value at `i` (depth: of the container holding it); its end. */
  value(i: number, depth: number): number {
    const text = this.text;
    const c = text.charCodeAt(i);
    let end: number;
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      end = valueEnd(text, i, this.maxDepth - depth, i + this.piece);
      if (end === TOO_LONG) return this.container(i, depth + 1);
      if (end === DEEPER) throw TOO_DEEP;
    } else if (c === QUOTE) end = stringEnd(text, i);
    else end = literalEnd(text, i);
    if (end === i) fail(i, 'a value was expected');
    JSON.parse(text.slice(i, end));
    return end;
  }

  /** Check the object or array at `i`, member by member; its end. Top-level members go to `out`. */
  container(i: number, depth: number, out?: TopMember[]): number {
    if (depth > this.maxDepth) throw TOO_DEEP;
    const text = this.text;
    const isObject = text.charCodeAt(i) === OPEN_BRACE;
    const close = isObject ? CLOSE_BRACE : CLOSE_BRACKET;
    i = skipSpace(text, i + 1);
    if (text.charCodeAt(i) === close) return i + 1;
    for (;;) {
      let keyOffset = -1;
      let name = '';
      if (isObject) {
        if (text.charCodeAt(i) !== QUOTE) fail(i, 'a property name was expected');
        keyOffset = i;
        const keyEnd = stringEnd(text, i);
        name = JSON.parse(text.slice(i, keyEnd)) as string;
        i = skipSpace(text, keyEnd);
        if (text.charCodeAt(i) !== 58 /* : */) fail(i, '":" was expected');
        i = skipSpace(text, i + 1);
      }
      const start = i;
      const end = this.value(start, depth);
      out?.push({ name, keyOffset, start, end, isObject: text.charCodeAt(start) === OPEN_BRACE });
      i = skipSpace(text, end);
      const c = text.charCodeAt(i);
      if (c === close) return i + 1;
      if (c !== COMMA) fail(i, `"," or "${isObject ? '}' : ']'}" was expected`);
      i = skipSpace(text, i + 1);
    }
  }
}

function skipSpace(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 13 || c === 9) i++;
    else return i;
  }
}

/** The offset just past the string whose opening quote is at `i`. */
function stringEnd(text: string, i: number): number {
  let q = i;
  for (;;) {
    q = text.indexOf('"', q + 1);
    if (q === -1) fail(i, 'unterminated string');
    // escaped when an odd number of backslashes stands before it
    let b = q - 1;
    while (text.charCodeAt(b) === BACKSLASH) b--;
    if ((q - 1 - b) % 2 === 0) return q + 1;
  }
}

/** A number, true, false or null: up to the next delimiter. */
function literalEnd(text: string, i: number): number {
  for (let j = i; ; j++) {
    const d = text.charCodeAt(j);
    if (d !== d || d === COMMA || d === CLOSE_BRACE || d === CLOSE_BRACKET || d === 32 || d === 10 || d === 13 || d === 9) return j;
  }
}

/**
 * The offset just past the object or array at `i`, found by counting brackets outside strings;
 * DEEPER when it nests deeper than maxDepth, TOO_LONG when it does not end before `limit`.
 */
function valueEnd(text: string, i: number, maxDepth: number, limit = Infinity): number {
  let depth = 0;
  const next = /["{}[\]]/g;
  next.lastIndex = i;
  for (let m = next.exec(text); m !== null && m.index < limit; m = next.exec(text)) {
    const j = m.index;
    const d = text.charCodeAt(j);
    if (d === QUOTE) next.lastIndex = stringEnd(text, j);
    else if (d === OPEN_BRACE || d === OPEN_BRACKET) {
      if (++depth > maxDepth) return DEEPER;
    } else if (--depth === 0) return j + 1;
  }
  if (limit !== Infinity) return TOO_LONG;
  fail(i, `unterminated ${text.charCodeAt(i) === OPEN_BRACE ? 'object' : 'array'}`);
}
