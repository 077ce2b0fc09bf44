// Reading and editing a client's config text. jsonc-parser parses with offsets (so errors name a
// line and column) and edits in place: only the one server's value changes; formatting, comments
// and every other key stay as they were.
import { applyEdits, modify, parse, printParseErrorCode, type FormattingOptions, type ParseError } from 'jsonc-parser';
import { CLIENTS, isPlainObject, type ClientId } from '../clients/catalog.js';

/** The existing file cannot be edited safely: setup leaves it untouched. */
export class ConfigUnusableError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
    this.name = 'ConfigUnusableError';
  }
}

export interface ParsedText {
  /** the parsed document; {} for an empty file */
  doc: Record<string, unknown>;
  /** the file held only whitespace */
  empty: boolean;
}

/** Parse a client's config as that client would (JSONC only where the client accepts it). */
export function parseConfigText(text: string, client: ClientId): ParsedText {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return { doc: {}, empty: true };
  const jsonc = CLIENTS[client].jsonc;
  const errors: ParseError[] = [];
  const doc = parse(body, errors, { allowTrailingComma: jsonc, disallowComments: !jsonc, allowEmptyContent: false });
  if (errors.length > 0) {
    const e = errors[0]!;
    const { line, column } = lineColumn(body, e.offset);
    throw new ConfigUnusableError(
      `it is not valid ${jsonc ? 'JSON (comments allowed)' : 'JSON'}: ${describeParseError(printParseErrorCode(e.error))} at line ${line}, column ${column}`,
      line,
      column,
    );
  }
  if (!isPlainObject(doc)) throw new ConfigUnusableError('its top level is not a JSON object ({ … })');
  const rootKey = CLIENTS[client].rootKey;
  if (rootKey in doc && !isPlainObject(doc[rootKey])) {
    throw new ConfigUnusableError(`its "${rootKey}" is not an object of servers ({ "name": { … } })`);
  }
  return { doc, empty: false };
}

/** The existing entry of that name in the client's user-scope server map, if any. */
export function existingServer(parsed: ParsedText, client: ClientId, name: string): unknown {
  const map = parsed.doc[CLIENTS[client].rootKey];
  if (!isPlainObject(map)) return undefined;
  return Object.prototype.hasOwnProperty.call(map, name) ? map[name] : undefined;
}

/**
 * The new file text with `entry` under rootKey/name: inserted, or replacing the old value. Text
 * that is missing or empty becomes a fresh two-space document.
 */
export function withServer(text: string | null, client: ClientId, name: string, entry: Record<string, unknown>): string {
  const rootKey = CLIENTS[client].rootKey;
  if (text === null || text.replace(/^\uFEFF/, '').trim() === '') {
    return JSON.stringify({ [rootKey]: { [name]: entry } }, null, 2) + '\n';
  }
  parseConfigText(text, client); // throws on anything unusable
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const body = text.slice(bom.length);
  const edits = modify(body, [rootKey, name], entry, { formattingOptions: detectFormatting(body) });
  const out = applyEdits(body, edits);
  // Refuse to write what would not read back as intended (defence in depth).
  const back = parseConfigText(out, client);
  if (JSON.stringify(existingServer(back, client, name)) !== JSON.stringify(entry)) {
    throw new ConfigUnusableError('editing it in place did not produce the expected entry');
  }
  return bom + out;
}

/** Indentation and line ends as the file already uses them (default: two spaces, \n). */
export function detectFormatting(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indented = /^([ \t]+)\S/m.exec(text);
  if (indented && indented[1]!.startsWith('\t')) return { insertSpaces: false, tabSize: 1, eol };
  const size = indented ? Math.min(indented[1]!.length, 8) : 2;
  return { insertSpaces: true, tabSize: size, eol };
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, column: offset - last };
}

function describeParseError(code: string): string {
  const words: Record<string, string> = {
    InvalidSymbol: 'unexpected character',
    InvalidNumberFormat: 'malformed number',
    PropertyNameExpected: 'a property name in double quotes was expected',
    ValueExpected: 'a value was expected',
    ColonExpected: 'a ":" was expected',
    CommaExpected: 'a "," was expected',
    CloseBraceExpected: 'a closing "}" was expected',
    CloseBracketExpected: 'a closing "]" was expected',
    EndOfFileExpected: 'unexpected text after the end',
    InvalidCommentToken: 'comments are not allowed in this file',
    UnexpectedEndOfComment: 'unterminated comment',
    UnexpectedEndOfString: 'unterminated string',
    UnexpectedEndOfNumber: 'unterminated number',
    InvalidUnicode: 'invalid unicode escape',
    InvalidEscapeCharacter: 'invalid escape character',
    InvalidCharacter: 'invalid character in a string',
  };
  return words[code] ?? code;
}
