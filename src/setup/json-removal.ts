// Taking one member out of a JSON or JSONC object the way a careful person would in a text editor:
// the member's own text goes, with the one comma that separated it from its neighbours, and every
// other byte stays — the spacing of the other members, comments, blank lines, trailing commas, line
// ends (\n, \r\n or \r) and indentation. Nothing is laid out again (jsonc-parser's modify() runs its
// formatter over the lines it touches, which re-laid out the member before the removed one).
//
// The rules, on the text of the object that holds the member (from its `{` to its `}`):
//
// 1. Whole lines. When the member starts its line (only spaces or tabs before its key) and ends its
//    line (after its value only its comma, if any, then spaces, tabs or comments up to the line
//    end), those whole lines go, line end included: its key's line through its last line.
//    - Comment lines directly above it (a `//` or `/* */` comment alone on its line(s), with no
//      blank line between it and the member) are part of it and go too. A comment after the
//      previous member on that member's line belongs to the previous member and stays; so does a
//      comment separated from the member by a blank line, and one after the member's last line.
//    - When it was the last member, the comma after the member before it is now a trailing comma.
//      It goes (with any spaces or tabs before it), so strict JSON stays strict — unless the client
//      reads JSONC and the file already has a trailing comma somewhere (the removed member's own
//      included): then that is the file's style, and the comma stays.
//    - Blank lines around the member stay as they were.
// 2. Sharing a line (`{"a": 1, "tray": {…}, "b": 2}`, or a member on the line of the `{` or `}`):
//    the member goes with one adjacent comma and the white space between them, so the line reads
//    naturally — the comma before it when that comma is on the member's line (`{"a": 1, "b": 2}`),
//    else the comma after it with the spaces that follow (`{"b": 2}`), else (the last member, the
//    comma before it on an earlier line) the comma before it. Always one comma, whatever the file's
//    trailing-comma style: a comma the object ended with stays (`{"a": 1, "tray": 2,}` → `{"a": 1,}`).
// 3. The only member: when nothing but white space is left between the braces, the object becomes
//    `{}` (e.g. `"mcpServers": {}`), whatever line its braces were on. Comments left inside it (not
//    part of the member by rule 1) keep it as it was, braces on their lines.
//
// The result is checked: its tokens must be the old ones without the member's, at most one comma and
// comments (no token split or joined), and it must parse (with the client's rules: strict JSON stays
// strict) to the object it was, without that member, in the same order.
import { createScanner, parse, type ParseError, type ParseOptions } from 'jsonc-parser';

/** A piece of the object's text to delete: [from, to). */
export type Cut = readonly [from: number, to: number];

export type MemberCuts =
  /** the pieces to delete, in order, not overlapping */
  | { cuts: Cut[] }
  /** the object has no member of that name */
  | { missing: true }
  /** the name is written more than once (the caller says where; it does not guess which) */
  | { twice: true };

// jsonc-parser's SyntaxKind
const OPEN_BRACE = 1;
const CLOSE_BRACE = 2;
const OPEN_BRACKET = 3;
const CLOSE_BRACKET = 4;
const COMMA = 5;
const COLON = 6;
const STRING = 10;
const LINE_COMMENT = 12;
const BLOCK_COMMENT = 13;
const LINE_BREAK = 14;
const TRIVIA = 15;
const UNKNOWN = 16;
const EOF = 17;

interface Member {
  name: string;
  /** offset of the key's opening quote */
  key: number;
  /** end of the value */
  end: number;
  /** offset of the comma after the value, if any */
  comma?: number;
}

interface Shape {
  members: Member[];
  /** comments directly inside the object (not inside a member's value): [start, end) */
  comments: [number, number][];
}

/** The members and comments of an object's text (`{` … `}`, nothing after); undefined when it is not one. */
function shapeOf(text: string): Shape | undefined {
  const s = createScanner(text, false);
  const members: Member[] = [];
  const comments: [number, number][] = [];
  let depth = 0;
  let closed = false;
  let expectKey = false;
  let current: Member | undefined;
  for (;;) {
    const k = s.scan();
    if (k === EOF) break;
    if (k === LINE_BREAK || k === TRIVIA) continue;
    const at = s.getTokenOffset();
    const end = at + s.getTokenLength();
    if (k === LINE_COMMENT || k === BLOCK_COMMENT) {
      if (s.getTokenError() !== 0) return undefined;
      if (depth === 1) comments.push([at, end]);
      continue;
    }
    if (closed || k === UNKNOWN || s.getTokenError() !== 0) return undefined;
    if (depth === 0) {
      if (k !== OPEN_BRACE || at !== 0) return undefined;
      depth = 1;
      expectKey = true;
      continue;
    }
    if (depth > 1) {
      if (k === OPEN_BRACE || k === OPEN_BRACKET) depth++;
      else if (k === CLOSE_BRACE || k === CLOSE_BRACKET) {
        depth--;
        if (depth === 1) current!.end = end;
      }
      continue;
    }
    // depth 1: the object's own keys, colons, commas and values
    if (k === STRING && expectKey) {
      current = { name: s.getTokenValue(), key: at, end: -1 };
      members.push(current);
      expectKey = false;
    } else if (k === COMMA) {
      if (!current || current.end < 0 || current.comma !== undefined) return undefined;
      current.comma = at;
      expectKey = true;
    } else if (k === CLOSE_BRACE) {
      if (end !== text.length) return undefined;
      depth = 0;
      closed = true;
    } else if (k === COLON || !current) {
      if (!current) return undefined;
    } else if (k === OPEN_BRACE || k === OPEN_BRACKET) depth++;
    else if (k !== CLOSE_BRACKET) current.end = end;
    else return undefined;
  }
  if (!closed || members.some((m) => m.end < 0)) return undefined;
  return { members, comments };
}

const isBlank = (s: string): boolean => /^[ \t]*$/.test(s);
const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t';
const isWhite = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/**
 * Where to cut `text` (an object's text, from its `{` to its `}`) to take its member `name` out, by
 * the rules above. `keepTrailingComma` is asked only when the last of several members goes on lines
 * of its own: whether the file's style keeps the comma now at the end of the object (JSONC with a
 * trailing comma already in the file). `options`: how the client reads the file; the cut text is
 * parsed with them and must be the object without the member. Undefined when the text is not an
 * object or the cut does not read back so (the caller refuses, or leaves it to another way).
 */
export function memberCuts(text: string, name: string, keepTrailingComma: () => boolean, options: ParseOptions): MemberCuts | undefined {
  const shape = shapeOf(text);
  if (!shape) return undefined;
  const { members, comments } = shape;
  const i = members.findIndex((m) => m.name === name);
  if (i === -1) return { missing: true };
  if (members.findIndex((m, j) => j > i && m.name === name) !== -1) return { twice: true };
  const m = members[i]!;
  const prev = members[i - 1];
  const next = members[i + 1];

  const lineStart = (at: number) => Math.max(text.lastIndexOf('\n', at - 1), text.lastIndexOf('\r', at - 1)) + 1;
  const lineBreak = (at: number) => (text[at] === '\r' ? (text[at + 1] === '\n' ? 2 : 1) : text[at] === '\n' ? 1 : 0);
  const commentAt = (at: number) => comments.find(([start]) => start === at);
  /** past spaces, tabs and comments that stay on the line */
  const skipOnLine = (at: number) => {
    for (;;) {
      if (isSpace(text[at])) at++;
      else {
        const c = commentAt(at);
        if (!c || /[\r\n]/.test(text.slice(c[0], c[1]))) return at;
        at = c[1];
      }
    }
  };
  /** the comma at `at`, with the spaces and tabs before it */
  const comma = (at: number): Cut => {
    let from = at;
    while (isSpace(text[from - 1])) from--;
    return [from, at + 1];
  };

  let cuts: Cut[] | undefined;
  // 1. whole lines
  let start = lineStart(m.key);
  if (isBlank(text.slice(start, m.key))) {
    let t = skipOnLine(m.end);
    if (m.comma === undefined || t === m.comma) {
      if (m.comma !== undefined) t = skipOnLine(m.comma + 1);
      const eol = lineBreak(t);
      if (eol > 0) {
        // comment lines directly above (after the comma before it, or the `{`)
        const floor = prev ? prev.comma! : 0;
        for (let c = comments.length - 1; c >= 0; c--) {
          const [from, to] = comments[c]!;
          if (to > start) continue;
          if (from <= floor || !/^[ \t]*(?:\r\n|\r|\n)$/.test(text.slice(to, start))) break;
          const ls = lineStart(from);
          if (!isBlank(text.slice(ls, from))) break;
          start = ls;
        }
        cuts = [[start, t + eol]];
        if (!next && prev && !keepTrailingComma()) cuts.unshift(comma(prev.comma!));
      }
    }
  }
  // 2. sharing a line: the member and one adjacent comma
  if (!cuts) {
    const between = prev ? text.slice(prev.comma! + 1, m.key) : '';
    if (prev && (!/[\r\n]/.test(between) || (!next && m.comma === undefined && /^\s*$/.test(between)))) {
      // the comma before it (on its line; or the last member's, with only white space between)
      let from = prev.comma!;
      while (isWhite(text[from - 1])) from--;
      cuts = [[from, m.end]];
    } else if (m.comma !== undefined) {
      // the comma after it, and the spaces up to what follows; at a line end, the spaces before it too
      let to = m.comma + 1;
      while (isSpace(text[to])) to++;
      let from = m.key;
      if (lineBreak(to) > 0) while (isSpace(text[from - 1]) && from > lineStart(m.key)) from--;
      cuts = [[from, to]];
    } else if (prev) {
      // the last member, comments between it and the comma before it: that comma, and the member
      let from = m.key;
      while (isSpace(text[from - 1])) from--;
      cuts = [comma(prev.comma!), [from, m.end]];
    } else cuts = [[m.key, m.end]];
  }
  // 3. nothing but white space left between the braces: `{}`
  let rest = '';
  let at = 1;
  for (const [from, to] of cuts) {
    rest += text.slice(at, from);
    at = to;
  }
  rest += text.slice(at, text.length - 1);
  if (/^[ \t\r\n]*$/.test(rest) && text.length > 2) cuts = [[1, text.length - 1]];

  // read back: the tokens are the old ones but the member's, at most one comma and comments (no cut
  // splits a token, nor joins two); and it is the object without the member, as the client reads it
  const out = cutText(text, cuts);
  const old = tokensOf(text);
  const inCut = (t: Token) => cuts.some(([from, to]) => from <= t.start && t.end <= to);
  if (old.some((t) => !inCut(t) && cuts.some(([from, to]) => (t.start < from && from < t.end) || (t.start < to && to < t.end)))) return undefined;
  const gone = old.filter(inCut);
  const other = gone.filter((t) => (t.start < m.key || t.end > m.end) && t.kind !== LINE_COMMENT && t.kind !== BLOCK_COMMENT);
  const own = old.filter((t) => t.start >= m.key && t.end <= m.end);
  if (other.length > 1 || other.some((t) => t.kind !== COMMA) || own.some((t) => !inCut(t))) return undefined;
  const kept = old.filter((t) => !inCut(t));
  const now = tokensOf(out);
  if (now.length !== kept.length || now.some((t, k) => t.kind !== kept[k]!.kind || t.value !== kept[k]!.value)) return undefined;
  const errors: ParseError[] = [];
  const before = parse(text, [], options) as Record<string, unknown>;
  const after = parse(out, errors, options) as unknown;
  delete before[name];
  if (errors.length > 0 || JSON.stringify(after) !== JSON.stringify(before)) return undefined;
  return { cuts };
}

interface Token {
  kind: number;
  value: string;
  start: number;
  end: number;
}

/** The tokens of a text but white space and line ends (comments included), with their values. */
function tokensOf(text: string): Token[] {
  const s = createScanner(text, false);
  const out: Token[] = [];
  for (let k = s.scan(); k !== EOF; k = s.scan()) {
    if (k === LINE_BREAK || k === TRIVIA) continue;
    const start = s.getTokenOffset();
    out.push({ kind: k, value: k === LINE_COMMENT || k === BLOCK_COMMENT ? text.slice(start, start + s.getTokenLength()) : s.getTokenValue(), start, end: start + s.getTokenLength() });
  }
  return out;
}

/** `text` without the pieces `cuts` (in order, not overlapping). */
export function cutText(text: string, cuts: readonly Cut[]): string {
  let out = '';
  let at = 0;
  for (const [from, to] of cuts) {
    out += text.slice(at, from);
    at = to;
  }
  return out + text.slice(at);
}

/** Whether a JSONC text has a trailing comma (a `,` followed, past white space and comments, by `}` or `]`). */
export function hasTrailingComma(text: string): boolean {
  const s = createScanner(text, true);
  let last = 0;
  for (let k = s.scan(); k !== EOF; k = s.scan()) {
    if ((k === CLOSE_BRACE || k === CLOSE_BRACKET) && last === COMMA) return true;
    last = k;
  }
  return false;
}
