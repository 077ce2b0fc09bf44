// JSON / JSONC parsing with jsonc-parser, for people: the first problem as a plain sentence with
// line and column (1-based) and a short code frame; nesting measured iteratively (with the
// scanner) before the recursive parse, so a hostile file cannot blow the stack.
import { createScanner, parse, visit, ParseErrorCode, SyntaxKind, type ParseError } from 'jsonc-parser';

/** Deeper than this is not a config file (real ones nest 4–6 levels). */
export const MAX_NESTING = 512;

export interface Position {
  /** 1-based */
  line: number;
  /** 1-based, in characters of that line */
  column: number;
}

export interface JsonProblem extends Position {
  /** plain sentence without the position, e.g. "Expected a comma or closing brace" */
  what: string;
  /** a hint on how to fix it, or '' */
  hint: string;
  /** jsonc-parser's error code name, e.g. "CommaExpected", or "TooDeep" */
  code: string;
  offset: number;
  /** the offending line and a caret under the column; long lines are windowed, secrets masked */
  frame: string;
}

export type ParseOutcome =
  | { ok: true; doc: unknown }
  | { ok: false; problem: JsonProblem; errorCount: number; depth?: number };

export interface ParseConfigOptions {
  /** comments and trailing commas allowed (VS Code) */
  jsonc: boolean;
  /** e.g. "Claude Desktop", for hints ("Claude Desktop reads strict JSON") */
  clientName?: string;
  maxNesting?: number;
}

/** Parse a config document; never throws, never recurses deeper than maxNesting. */
export function parseConfig(text: string, o: ParseConfigOptions): ParseOutcome {
  const limit = o.maxNesting ?? MAX_NESTING;
  const depth = measureDepth(text, limit);
  if (depth.exceededAt !== undefined) {
    const pos = positionAt(text, depth.exceededAt);
    return {
      ok: false,
      errorCount: 1,
      depth: depth.depth,
      problem: {
        ...pos,
        what: `Nested more than ${limit} levels deep`,
        hint: 'a config file nests a handful of levels; this one is damaged or is not a config file',
        code: 'TooDeep',
        offset: depth.exceededAt,
        frame: codeFrame(text, depth.exceededAt),
      },
    };
  }
  const errors: ParseError[] = [];
  const options = { disallowComments: !o.jsonc, allowTrailingComma: o.jsonc, allowEmptyContent: false };
  const doc = parse(text, errors, options);
  if (errors.length === 0) return { ok: true, doc };
  return { ok: false, errorCount: errors.length, problem: describe(text, errors[0]!, options, o) };
}

/** A key the parser cannot keep (see protoKeys). */
export interface SpecialKey {
  key: '__proto__';
  /** JSON path of the object holding the key */
  path: (string | number)[];
  /** 1-based */
  line: number;
  column: number;
}

/** A \u escape of a character of "__proto__" (_ p r o t), in any letter case of its hex digits. */
const PROTO_ESCAPE = /\\u00(?:5[fF]|6[fF]|7[024])/;
const PROTO_HEX = new Set(['5f', '6f', '70', '72', '74']);

/**
 * Whether a JSON text may hold a key that reads as "__proto__": it is written in it as is, or the
 * text holds a \u escape of one of its characters ("\u005f_proto__", "__pr\u006fto__": JSON.parse
 * decodes them to the same key). Never false for a text that holds one; `text` may be UTF-8 bytes.
 */
export function mayHoldProtoKey(text: string | Buffer): boolean {
  if (text.includes('__proto__')) return true;
  if (typeof text === 'string') return PROTO_ESCAPE.test(text);
  for (let i = text.indexOf('\\u00'); i !== -1; i = text.indexOf('\\u00', i + 1)) {
    if (PROTO_HEX.has(text.toString('latin1', i + 4, i + 6).toLowerCase())) return true;
  }
  return false;
}

/**
 * Keys named "__proto__" (also when written with \u escapes). jsonc-parser's parse, like any
 * JavaScript code that does `obj[key] = value`, makes such a value the object's prototype: the key
 * vanishes from the parsed document, and a client built that way cannot see it either. A cheap
 * text test first (mayHoldProtoKey); the visitor (no tree, depth already bounded by the caller)
 * only when it hits.
 */
export function protoKeys(text: string, o: { jsonc: boolean }, max = 10): SpecialKey[] {
  if (!mayHoldProtoKey(text)) return [];
  const found: SpecialKey[] = [];
  visit(
    text,
    {
      onObjectProperty: (name, _offset, _length, startLine, startCharacter, pathSupplier) => {
        if (name === '__proto__' && found.length < max) found.push({ key: '__proto__', path: pathSupplier(), line: startLine + 1, column: startCharacter + 1 });
      },
    },
    { disallowComments: !o.jsonc, allowTrailingComma: o.jsonc, allowEmptyContent: false },
  );
  return found;
}

/** Deepest nesting of {…}/[…], stopping as soon as it passes `limit` (iterative: the scanner). */
export function measureDepth(text: string, limit = MAX_NESTING): { depth: number; exceededAt?: number } {
  const scanner = createScanner(text, true);
  let depth = 0;
  let max = 0;
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    if (kind === SyntaxKind.OpenBraceToken || kind === SyntaxKind.OpenBracketToken) {
      depth++;
      if (depth > max) max = depth;
      if (depth > limit) return { depth, exceededAt: scanner.getTokenOffset() };
    } else if (kind === SyntaxKind.CloseBraceToken || kind === SyntaxKind.CloseBracketToken) {
      depth = Math.max(0, depth - 1);
    }
  }
  return { depth: max };
}

/** 1-based line and column of an offset (\n, \r\n and \r end lines). */
export function positionAt(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

const FRAME_WIDTH = 80;

/** The line holding `offset`, numbered, with a caret under it; windowed to ~80 chars; secrets masked. */
export function codeFrame(text: string, offset: number): string {
  const { line, column } = positionAt(text, offset);
  const start = lineStartBefore(text, Math.min(offset, text.length));
  let stop = start;
  while (stop < text.length && text[stop] !== '\n' && text[stop] !== '\r') stop++;
  // Mask before windowing: a window can cut a token to a few characters, too short to be recognised.
  let src = maskSecrets(text.slice(start, stop).replace(/\t/g, ' '));
  let caret = column - 1;
  if (src.length > FRAME_WIDTH) {
    const from = Math.max(0, Math.min(caret - FRAME_WIDTH / 2, src.length - FRAME_WIDTH));
    const to = Math.min(src.length, from + FRAME_WIDTH);
    src = (from > 0 ? '…' : '') + src.slice(from, to) + (to < src.length ? '…' : '');
    caret = caret - from + (from > 0 ? 1 : 0);
  }
  const num = String(line);
  const gutter = ' '.repeat(num.length);
  return `${num} | ${src}\n${gutter} | ${' '.repeat(Math.max(0, caret))}^`;
}

function lineStartBefore(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Mask credential-looking runs (16+ chars of token alphabet with letters and digits) keeping the
 * last 4 characters, at the same length so the caret still points at the right column.
 * Workspace ids (UUIDs) stay visible.
 */
export function maskSecrets(line: string): string {
  return line.replace(/[A-Za-z0-9_\-~+=]{16,}/g, (run) => {
    if (UUID.test(run) || !/[0-9]/.test(run) || !/[A-Za-z]/.test(run)) return run;
    return '*'.repeat(run.length - 4) + run.slice(-4);
  });
}

type Opts = { disallowComments: boolean; allowTrailingComma: boolean; allowEmptyContent: boolean };

function describe(text: string, err: ParseError, options: Opts, o: ParseConfigOptions): JsonProblem {
  let offset = err.offset;
  let what: string;
  let hint = '';
  const code = codeName(err.error);
  const strictWho = o.clientName ? `${o.clientName} reads strict JSON` : 'this file must be strict JSON';
  const at = text[offset] ?? '';
  switch (err.error) {
    case ParseErrorCode.CommaExpected: {
      const inArray = containerAt(text, err.offset, options) === 'array';
      what = inArray ? 'Expected a comma or closing bracket' : 'Expected a comma or closing brace';
      const prev = previousSignificant(text, err.offset);
      const prevLine = prev === null ? null : positionAt(text, prev).line;
      const where = prevLine !== null && prevLine < positionAt(text, err.offset).line
        ? `a comma is probably missing at the end of line ${prevLine}`
        : 'a comma is probably missing just before this point';
      hint = `${inArray ? 'items in a list are separated by commas: [ "a", "b" ]' : 'entries are separated by commas: { "a": 1, "b": 2 }'}; ${where}`;
      break;
    }
    case ParseErrorCode.PropertyNameExpected:
    case ParseErrorCode.ValueExpected: {
      const comma = trailingCommaBefore(text, offset);
      if (comma !== null && (at === '}' || at === ']')) {
        offset = comma;
        what = `Trailing comma before the closing ${at === '}' ? 'brace' : 'bracket'}`;
        hint = `remove the last comma (${strictWho}: no comma after the last entry)`;
      } else if (comma !== null && at === ',') {
        what = 'Two commas in a row';
        hint = 'remove one of them';
      } else if (offset >= text.length) {
        what = 'The file ends where a value was expected';
        hint = 'the file is cut off: something is missing at the end';
      } else if (err.error === ParseErrorCode.PropertyNameExpected) {
        what = 'Expected a property name in double quotes';
        hint = 'names are written "name": value';
      } else {
        what = 'Expected a value';
        hint = 'a value is a "string" in double quotes, a number, true, false, null, an object {…} or a list […]';
      }
      break;
    }
    case ParseErrorCode.InvalidSymbol: {
      const sym = text.slice(err.offset, err.offset + Math.min(err.length, 20));
      if (sym.startsWith("'")) {
        what = 'Single quotes are not allowed';
        hint = 'JSON strings and names need double quotes: "like this"';
      } else if (/^[\u2018\u2019\u201c\u201d]/.test(sym)) {
        what = 'Curly quotes are not allowed';
        hint = 'replace “ ” with straight double quotes " (a word processor or chat app changed them)';
      } else if (/^[A-Za-z_$]/.test(sym)) {
        // mask the whole word before cutting it to 20 characters (a cut token is no longer token-shaped)
        what = `Unexpected word "${maskSecrets(text.slice(err.offset, err.offset + Math.min(err.length, 4096))).slice(0, 20)}"`;
        hint = 'names and text must be in double quotes; only true, false and null are bare words';
      } else {
        what = `Unexpected character "${sym[0] ?? ''}"`;
      }
      break;
    }
    case ParseErrorCode.ColonExpected:
      what = 'Expected a colon after the property name';
      hint = 'write "name": value';
      break;
    case ParseErrorCode.CloseBraceExpected:
      what = 'Expected a closing brace';
      hint = 'an object opened with { is not closed with }';
      break;
    case ParseErrorCode.CloseBracketExpected:
      what = 'Expected a closing bracket';
      hint = 'a list opened with [ is not closed with ]';
      break;
    case ParseErrorCode.EndOfFileExpected:
      what = 'Unexpected text after the end of the JSON document';
      hint = 'the file holds more than one value, or has an extra } or ]: a JSON file is one { … } object';
      break;
    case ParseErrorCode.InvalidCommentToken:
      what = 'Comments are not allowed';
      hint = `${strictWho}: remove the // or /* */ comment`;
      break;
    case ParseErrorCode.UnexpectedEndOfComment:
      what = 'A /* comment is not closed';
      hint = 'end it with */';
      break;
    case ParseErrorCode.UnexpectedEndOfString:
      what = 'A string is not closed';
      hint = 'a closing " is missing, or the string runs over a line break (write \\n instead)';
      break;
    case ParseErrorCode.UnexpectedEndOfNumber:
    case ParseErrorCode.InvalidNumberFormat:
      what = 'Invalid number';
      hint = 'numbers have no leading zeros, + signs or trailing dots';
      break;
    case ParseErrorCode.InvalidUnicode:
      what = 'Invalid \\u escape in a string';
      hint = '\\u must be followed by four hex digits';
      break;
    case ParseErrorCode.InvalidEscapeCharacter: {
      offset = badEscapeIn(text, err.offset, err.length) ?? err.offset;
      what = 'Invalid backslash escape in a string';
      hint = 'a Windows path needs each \\ doubled (C:\\\\Users\\\\me) or written with / (C:/Users/me)';
      break;
    }
    case ParseErrorCode.InvalidCharacter:
      what = 'A control character (a tab or line break) inside a string';
      hint = 'write it as \\t or \\n';
      break;
    default:
      what = 'Not valid JSON';
  }
  return { ...positionAt(text, offset), what, hint, code, offset, frame: codeFrame(text, offset) };
}

function codeName(code: ParseErrorCode): string {
  const names: Record<number, string> = {
    1: 'InvalidSymbol', 2: 'InvalidNumberFormat', 3: 'PropertyNameExpected', 4: 'ValueExpected', 5: 'ColonExpected',
    6: 'CommaExpected', 7: 'CloseBraceExpected', 8: 'CloseBracketExpected', 9: 'EndOfFileExpected', 10: 'InvalidCommentToken',
    11: 'UnexpectedEndOfComment', 12: 'UnexpectedEndOfString', 13: 'UnexpectedEndOfNumber', 14: 'InvalidUnicode',
    15: 'InvalidEscapeCharacter', 16: 'InvalidCharacter',
  };
  return names[code] ?? 'ParseError';
}

/** Offset of the last non-whitespace character before `offset`, or null. */
function previousSignificant(text: string, offset: number): number | null {
  let i = offset - 1;
  while (i >= 0 && /\s/.test(text[i]!)) i--;
  return i >= 0 ? i : null;
}

/** Offset of a comma just before `offset` (only whitespace between), or null. */
function trailingCommaBefore(text: string, offset: number): number | null {
  let i = offset - 1;
  while (i >= 0 && /\s/.test(text[i]!)) i--;
  return i >= 0 && text[i] === ',' ? i : null;
}

/** The first backslash in a string token that does not start a valid escape. */
function badEscapeIn(text: string, offset: number, length: number): number | null {
  const end = Math.min(text.length, offset + length);
  for (let i = offset + 1; i < end; i++) {
    if (text[i] === '\\') {
      if (!'"\\/bfnrtu'.includes(text[i + 1] ?? '')) return i;
      i++;
    }
  }
  return null;
}

/** Whether the first syntax error sits inside an object or an array (visitor, depth already bounded). */
function containerAt(text: string, errorOffset: number, options: Opts): 'object' | 'array' | null {
  const stack: ('object' | 'array')[] = [];
  let found: 'object' | 'array' | null | undefined;
  visit(
    text,
    {
      onObjectBegin: () => void stack.push('object'),
      onObjectEnd: () => void stack.pop(),
      onArrayBegin: () => void stack.push('array'),
      onArrayEnd: () => void stack.pop(),
      onError: (_e, offset) => {
        if (found === undefined && offset === errorOffset) found = stack[stack.length - 1] ?? null;
      },
    },
    options,
  );
  return found ?? null;
}
