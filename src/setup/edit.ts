// Reading and editing a client's config text. jsonc-parser reads with offsets (so errors name a
// line and column) and edits in place: only the one server's value changes; formatting, comments
// and every other key stay as they were.
//
// Files can be large (Claude Code keeps its history in ~/.claude.json: 100 MB and more), so the
// whole text is never turned into objects or a syntax tree: strict JSON is checked piece by piece
// with JSON.parse while one walk finds where the top-level members sit (src/config/json-members.ts);
// JSONC, or a file that is not strict JSON, takes one pass of jsonc-parser's visitor, which checks
// it (and words the error) and finds the same places. Only the server map is parsed, and `modify`
// (which builds a tree of whatever text it is given) runs on the server map's text alone.
// setup reads the file as bytes and writes the new one as pieces (parseConfigBytes, withServerBytes):
// the original bytes around the edited server map, never a string of the whole file.
// Removing a server (remove, doctor --fix) cuts the member out of its server map's text and lays
// nothing out again (src/setup/json-removal.ts has the rules); remove does it on the file's bytes
// (withoutServersBytes), byte for byte as on its text (withoutServer).
import { applyEdits, modify, parse, parseTree, printParseErrorCode, visit, type FormattingOptions, type Node as JsonNode, type ParseError, type ParseOptions } from 'jsonc-parser';
import { CLIENTS, isJsonc, isPlainObject, serverDocument, type ClientId } from '../clients/catalog.js';
import { describeProblem } from '../config/document.js';
import { membersAt, scanJson } from '../config/json-members.js';
import { MAX_NESTING, parseConfig } from '../lib/jsonc.js';
import { checkBytes, notTextReason } from '../lib/read-config.js';
import { cutText, hasTrailingComma, memberCuts } from './json-removal.js';
import { parseTomlConfig, withoutTomlServer, withTomlServer } from './toml.js';
import { parseYamlConfig, withoutYamlServer, withYamlServer } from './yaml.js';
import { ConfigUnusableError, type Layout, type ParsedText } from './parsed.js';

export { ConfigUnusableError };

export type { Layout, ParsedText };

const parseOptions = (client: ClientId): ParseOptions => {
  const jsonc = isJsonc(client);
  return { allowTrailingComma: jsonc, disallowComments: !jsonc, allowEmptyContent: false };
};

/**
 * Check a client's config as that client would read it (JSONC only where the client accepts it)
 * and find its server map, in one pass over the text. Throws ConfigUnusableError when setup must
 * not touch the file.
 */
export function parseConfigText(text: string, client: ClientId): ParsedText {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return { empty: true, servers: {}, layout: {} };
  if (CLIENTS[client].format === 'toml') return parseTomlConfig(body, client);
  if (CLIENTS[client].format === 'yaml') return parseYamlConfig(body, client);
  const fast = strictJsonLayout(body, client);
  if (fast) return fast;
  const jsonc = isJsonc(client);
  const rootKey = CLIENTS[client].rootKey;
  const options = parseOptions(client);

  let depth = 0;
  let root: 'object' | 'other' | undefined;
  let firstError: { code: number; offset: number } | undefined;
  // the top-level property being read, and where its value started
  let topName: string | undefined;
  let topOffset = 0;
  let valueStart = 0;
  let valueIsObject = false;
  let map: { start: number; end: number; isObject: boolean } | undefined;
  let lastValueEnd: number | undefined;
  let lastPropertyOffset = 0;

  const begin = (offset: number, isObject: boolean) => {
    if (depth === 0 && root === undefined) root = isObject ? 'object' : 'other';
    else if (depth === 1 && root === 'object') {
      valueStart = offset;
      valueIsObject = isObject;
    }
  };
  const end = (valueEnd: number) => {
    if (depth !== 1 || root !== 'object' || topName === undefined) return;
    // A key given twice: the last one counts, as in JSON.parse (and so in the clients).
    if (topName === rootKey) map = { start: valueStart, end: valueEnd, isObject: valueIsObject };
    lastValueEnd = valueEnd;
    lastPropertyOffset = topOffset;
    topName = undefined;
  };
  try {
    visit(
      body,
      {
        onObjectBegin: (offset) => {
          begin(offset, true);
          depth++;
        },
        onObjectEnd: (offset, length) => {
          depth--;
          end(offset + length);
        },
        onArrayBegin: (offset) => {
          begin(offset, false);
          depth++;
        },
        onArrayEnd: (offset, length) => {
          depth--;
          end(offset + length);
        },
        onLiteralValue: (_value, offset, length) => {
          begin(offset, false);
          end(offset + length);
        },
        onObjectProperty: (name, offset) => {
          if (depth === 1 && root === 'object') {
            topName = name;
            topOffset = offset;
          }
        },
        onError: (code, offset) => {
          firstError ??= { code, offset };
        },
      },
      options,
    );
  } catch (e) {
    if (e instanceof RangeError) throw new ConfigUnusableError('it is nested too deeply to be a config file');
    throw e;
  }
  if (firstError) {
    // The same words doctor uses for the same mistake (src/config/document.ts).
    const r = parseConfig(body, { jsonc, clientName: CLIENTS[client].name });
    if (!r.ok) throw new ConfigUnusableError(`it is not valid ${jsonc ? 'JSONC' : 'JSON'}: ${describeProblem(r.problem)}`, r.problem.line, r.problem.column);
    const { line, column } = lineColumn(body, firstError.offset);
    throw new ConfigUnusableError(`it is not valid ${jsonc ? 'JSONC' : 'JSON'}: ${describeParseError(printParseErrorCode(firstError.code))} at line ${line}, column ${column}`, line, column);
  }
  if (root !== 'object') throw new ConfigUnusableError('its top level is not a JSON object ({ … })');
  return layoutOf(stringSource(body), client, map, lastValueEnd === undefined ? undefined : { end: lastValueEnd, keyOffset: lastPropertyOffset });
}

/**
 * Strict JSON (what every JSON client's file and most JSONC files are): checked as JSON.parse would,
 * piece by piece, and its top-level members found in the same walk (src/config/json-members.ts):
 * faster than the visitor on a large ~/.claude.json, and no tree of the whole. Undefined when the
 * text is not strict JSON or nests deeper than a config does: the visitor then reads it as before
 * (and words the error).
 */
function strictJsonLayout(body: string, client: ClientId): ParsedText | undefined {
  // (text with a lone surrogate has no UTF-8 of its own: the visitor reads it)
  if (!(body as string & { isWellFormed(): boolean }).isWellFormed()) return undefined;
  const b = Buffer.from(body, 'utf8');
  const r = strictJsonLayoutOf(b, client);
  if (!r || b.length === body.length) return r;
  // the layout in the text's UTF-16 units
  const { map, lastValueEnd } = r.layout;
  const [start, end, last] = utf16Offsets(b, [map?.start ?? 0, map?.end ?? 0, lastValueEnd ?? 0]);
  return { ...r, layout: { ...r.layout, ...(map ? { map: { start: start!, end: end! } } : {}), ...(lastValueEnd !== undefined ? { lastValueEnd: last } : {}) } };
}

/** strictJsonLayout over bytes (without a BOM): its offsets are bytes. */
function strictJsonLayoutOf(b: Buffer, client: ClientId): ParsedText | undefined {
  let top;
  try {
    top = scanJson(b, { maxDepth: MAX_NESTING });
  } catch (e) {
    if (e instanceof SyntaxError) return undefined;
    throw e;
  }
  if (top.root === 'too-deep') return undefined;
  if (top.root === 'other') throw new ConfigUnusableError('its top level is not a JSON object ({ … })');
  const rootKey = CLIENTS[client].rootKey;
  // A key given twice: the last one counts, as in JSON.parse (and so in the clients).
  const map = top.members.findLast((m) => m.name === rootKey);
  const last = top.members.at(-1);
  return layoutOf(
    {
      slice: (start, end) => b.toString('utf8', start, end),
      lineStart: (offset) => (offset > 0 ? b.lastIndexOf(10, offset - 1) + 1 : 0),
    },
    client,
    map && { ...map, isObject: b[map.start] === 123 },
    last && { end: last.end, keyOffset: last.keyOffset },
  );
}

/** UTF-16 offsets in a text of offsets in its UTF-8 bytes (each at a character's start). */
function utf16Offsets(b: Buffer, offsets: readonly number[]): number[] {
  const out: number[] = [];
  const order = offsets.map((o, i) => [o, i] as const).sort((x, y) => x[0] - y[0]);
  let units = 0;
  let pos = 0;
  for (const [o, i] of order) {
    for (; pos < o; pos++) {
      const c = b[pos]!;
      if ((c & 0xc0) !== 0x80) units += c >= 0xf0 ? 2 : 1;
    }
    out[i] = units;
  }
  return out;
}

/** The text of a document, as layoutOf reads it (a string, or bytes). */
interface Source {
  slice(start: number, end: number): string;
  /** offset of the start of the line holding `offset` */
  lineStart(offset: number): number;
}

const stringSource = (body: string): Source => ({ slice: (start, end) => body.slice(start, end), lineStart: (offset) => body.lastIndexOf('\n', offset - 1) + 1 });

/** The server map (only its text is parsed) and where a new last property goes. */
function layoutOf(
  body: Source,
  client: ClientId,
  map: { start: number; end: number; isObject: boolean } | undefined,
  last: { end: number; keyOffset: number } | undefined,
): ParsedText {
  const rootKey = CLIENTS[client].rootKey;
  if (map && !map.isObject) throw new ConfigUnusableError(`its "${rootKey}" is not an object of servers ({ "name": { … } })`);
  const layout: Layout = {};
  let servers: Record<string, unknown> = {};
  if (map) {
    layout.map = { start: map.start, end: map.end };
    const parsed = parse(body.slice(map.start, map.end), [], parseOptions(client));
    if (isPlainObject(parsed)) servers = parsed;
  }
  if (last !== undefined) {
    layout.lastValueEnd = last.end;
    const lineStart = body.lineStart(last.keyOffset);
    const before = body.slice(lineStart, last.keyOffset);
    if (/^[ \t]*$/.test(before)) layout.lastIndent = before;
  }
  return { empty: false, servers, layout };
}

/** A UTF-8 byte-order mark's length at the start of `b` (3 or 0). */
function bomLength(b: Buffer): number {
  return b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
}

/**
 * parseConfigText for a file read as bytes (setup): strict JSON is located in the bytes, and only
 * its server map is decoded (the layout's offsets are then bytes after the BOM: `layout.bytes`);
 * anything else (JSONC, TOML, YAML, a broken or blank file) is decoded and read by parseConfigText.
 * Bytes that are not UTF-8 text (UTF-16, a NUL byte, invalid sequences) are refused
 * (ConfigUnusableError): any text made of them would write back other bytes.
 */
export function parseConfigBytes(bytes: Buffer, client: ClientId): ParsedText {
  // Bytes that are not UTF-8 text would be decoded with U+FFFD in their place, and written back so:
  // the file is refused instead (setup says so before it gets here: src/setup/existing.ts).
  const text = checkBytes(bytes);
  if (!text.ok) throw new ConfigUnusableError(`it ${notTextReason(text)}, and writing it back would change the bytes that are not UTF-8 text`);
  if (CLIENTS[client].format === 'json' || CLIENTS[client].format === 'jsonc') {
    const fast = strictJsonLayoutOf(text.body, client);
    if (fast) return { ...fast, layout: { ...fast.layout, bytes: true } };
  }
  return parseConfigText(text.body.toString('utf8'), client);
}

/** The existing entry of that name in the client's user-scope server map, if any. */
export function existingServer(parsed: ParsedText, name: string): unknown {
  return Object.prototype.hasOwnProperty.call(parsed.servers, name) ? parsed.servers[name] : undefined;
}

/**
 * Keys that say how the client reaches a server. Setup writes its own and drops the old ones (a
 * `command` left next to a new `url` would make a broken entry); every other key of an entry it
 * replaces (autoApprove, alwaysAllow, timeout, disabledTools, …) is kept, except "disabled".
 */
export const CONNECTION_KEYS: ReadonlySet<string> = new Set([
  'type',
  'transport',
  'transportType',
  'url',
  'serverUrl',
  'httpUrl',
  'uri',
  'headers',
  'apiKey',
  'command',
  'cmd',
  'args',
  'env',
  'envs',
  'environment',
  'envFile',
  'cwd',
  // other clients' ways to reach a server and send its token (Codex, Gemini CLI, Goose): a kept one would fight setup's
  'http_headers',
  'env_http_headers',
  'bearer_token_env_var',
  'bearer_token',
  'uri',
]);

export interface Merged {
  entry: Record<string, unknown>;
  /** keys of the old entry that were kept */
  kept: string[];
  /** the old entry said "disabled": true; the new one is switched on */
  reenabled: boolean;
}

/**
 * The entry to write in place of `previous` (the same-name entry already in the file): setup's
 * entry, plus the old entry's keys setup does not control. Other headers (not Authorization) and
 * other environment variables of the old entry are kept too, under setup's own. The client's own
 * switch-off key (`disabled`, or `enabled` for OpenCode and Goose) is not kept when it says off.
 */
export function mergeEntry(previous: unknown, entry: Record<string, unknown>, offKey: { key: string; off: boolean } = { key: 'disabled', off: true }): Merged {
  if (!isPlainObject(previous)) return { entry, kept: [], reenabled: false };
  const merged: Record<string, unknown> = { ...entry };
  const kept: string[] = [];
  const wasOff = previous[offKey.key] === offKey.off;
  for (const [k, v] of Object.entries(previous)) {
    if ((k === offKey.key && wasOff) || k === 'disabled' || CONNECTION_KEYS.has(k) || Object.prototype.hasOwnProperty.call(entry, k)) continue;
    merged[k] = v;
    kept.push(k);
  }
  const mergeMap = (key: 'headers' | 'env', drop: (name: string) => boolean) => {
    const old = previous[key];
    const mine = entry[key];
    if (!isPlainObject(old) || !isPlainObject(mine)) return;
    const extra = Object.entries(old).filter(([n]) => !drop(n) && !Object.prototype.hasOwnProperty.call(mine, n));
    if (extra.length === 0) return;
    merged[key] = { ...mine, ...Object.fromEntries(extra) };
    kept.push(...extra.map(([n]) => `${key}.${n}`));
  };
  mergeMap('headers', (n) => n.trim().toLowerCase() === 'authorization');
  mergeMap('env', () => false);
  return { entry: merged, kept, reenabled: wasOff || previous.disabled === true };
}

/**
 * The new file text with `entry` under rootKey/name: inserted, or replacing the old value. Text
 * that is missing or empty becomes a fresh two-space document. `parsed` may be passed when the
 * caller has parsed `text` already.
 */
export function withServer(text: string | null, client: ClientId, name: string, entry: Record<string, unknown>, parsed?: ParsedText): string {
  const rootKey = CLIENTS[client].rootKey;
  if (CLIENTS[client].format === 'toml') return withTomlServer(text, client, name, entry, parsed);
  if (CLIENTS[client].format === 'yaml') return withYamlServer(text, client, name, entry);
  if (text === null || text.replace(/^\uFEFF/, '').trim() === '') {
    return JSON.stringify(serverDocument(client, { [name]: entry }), null, 2) + '\n';
  }
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const body = text.slice(bom.length);
  const { layout } = parsed && !parsed.layout.bytes ? parsed : parseConfigText(text, client); // throws on anything unusable
  if (layout.map) refuseDuplicate(body.slice(layout.map.start, layout.map.end), (at) => lineColumn(body, layout.map!.start + at).line, name, client);
  const formattingOptions = detectFormatting(body);
  const eol = formattingOptions.eol!;
  let out: string;
  if (layout.map) {
    const { start, end } = layout.map;
    const lineStart = body.lastIndexOf('\n', start - 1) + 1;
    const indent = /^[ \t]*/.exec(body.slice(lineStart, start))![0];
    out = body.slice(0, start) + editedMap(indent, body.slice(start, end), name, entry, formattingOptions) + body.slice(end);
  } else if (layout.lastValueEnd !== undefined && layout.lastIndent !== undefined) {
    out = body.slice(0, layout.lastValueEnd) + ',' + eol + newMap(client, name, entry, formattingOptions, layout.lastIndent) + body.slice(layout.lastValueEnd);
  } else {
    // An empty root object, or a one-line file: the formatter lays out the whole (small) document.
    out = applyEdits(body, modify(body, [rootKey, name], entry, { formattingOptions }));
  }
  // Refuse to write what would not read back as intended (defence in depth; one more visitor pass).
  const back = parseConfigText(out, client);
  if (JSON.stringify(existingServer(back, name)) !== JSON.stringify(entry)) {
    throw new ConfigUnusableError('editing it in place did not produce the expected entry');
  }
  return bom + out;
}

/**
 * The server map's new text (`map`, its value as it stands) with `entry` under `name`. Edited on its
 * own, with the indentation of its line (`indent`) in front, so that the formatter indents the new
 * entry as it would in the whole file.
 */
function editedMap(indent: string, map: string, name: string, entry: Record<string, unknown>, formattingOptions: FormattingOptions): string {
  const sub = indent + map;
  const edited = applyEdits(sub, modify(sub, [name], entry, { formattingOptions }));
  if (!edited.startsWith(indent)) throw new ConfigUnusableError('editing it in place did not produce the expected entry');
  return edited.slice(indent.length);
}

/**
 * No server map yet: the lines of a new last property, laid out by the formatter in a small
 * document and indented like the file's last top-level property (`indent`).
 */
function newMap(client: ClientId, name: string, entry: Record<string, unknown>, formattingOptions: FormattingOptions, indent: string): string {
  const block = applyEdits('{}', modify('{}', [CLIENTS[client].rootKey], { [name]: entry }, { formattingOptions }));
  const unit = formattingOptions.insertSpaces ? ' '.repeat(formattingOptions.tabSize ?? 2) : '\t';
  return block
    .split(/\r?\n/)
    .slice(1, -1)
    .map((l) => (l.startsWith(unit) ? indent + l.slice(unit.length) : l))
    .join(formattingOptions.eol!);
}

/**
 * withServer for a file read as bytes (setup, after parseConfigBytes): the new file as pieces to
 * write one after the other (src/setup/atomic.ts) — the original bytes before and after the server
 * map (or before and after the new last property) and the edited text between them — byte for byte
 * what withServer writes, with no string or copy of the whole file. Read back as withServer does,
 * on the part that changed: the bytes around it were checked as strict JSON and are written as they
 * were, and one JSON value is replaced by another (or one member added after the last). A file
 * setup read as text (JSONC, TOML, YAML, a broken or blank one) or a one-line file without a server
 * map goes through withServer.
 */
export function withServerBytes(bytes: Buffer | null, client: ClientId, name: string, entry: Record<string, unknown>, parsed?: ParsedText): Buffer[] {
  const p = bytes === null ? undefined : (parsed ?? parseConfigBytes(bytes, client));
  const layout = p?.layout;
  if (bytes === null || !layout?.bytes || (!layout.map && (layout.lastValueEnd === undefined || layout.lastIndent === undefined))) {
    return [Buffer.from(withServer(bytes === null ? null : bytes.toString('utf8'), client, name, entry, p), 'utf8')];
  }
  const bom = bytes.subarray(0, bomLength(bytes));
  const body = bytes.subarray(bom.length);
  const formattingOptions = detectFormatting(body);
  const options = parseOptions(client);
  const errors: ParseError[] = [];
  if (layout.map) {
    const { start, end } = layout.map;
    const map = body.toString('utf8', start, end);
    const before = lines(body, 0, start);
    refuseDuplicate(map, (at) => before + lineColumn(map, at).line, name, client);
    const lineStart = start > 0 ? body.lastIndexOf(10, start - 1) + 1 : 0;
    let k = lineStart;
    while (k < start && (body[k] === 32 || body[k] === 9)) k++;
    const value = editedMap(body.toString('latin1', lineStart, k), map, name, entry, formattingOptions);
    const back = parse(value, errors, options) as unknown;
    if (errors.length || !isPlainObject(back) || JSON.stringify(existingServer({ empty: false, servers: back, layout: {} }, name)) !== JSON.stringify(entry)) {
      throw new ConfigUnusableError('editing it in place did not produce the expected entry');
    }
    return [bom, body.subarray(0, start), Buffer.from(value, 'utf8'), body.subarray(end)];
  }
  const block = newMap(client, name, entry, formattingOptions, layout.lastIndent!);
  const back = parse(`{${block}}`, errors, options) as unknown;
  const servers = isPlainObject(back) ? back[CLIENTS[client].rootKey] : undefined;
  if (errors.length || !isPlainObject(servers) || JSON.stringify(servers[name]) !== JSON.stringify(entry)) {
    throw new ConfigUnusableError('editing it in place did not produce the expected entry');
  }
  const at = layout.lastValueEnd!;
  return [bom, body.subarray(0, at), Buffer.from(`,${formattingOptions.eol!}${block}`, 'utf8'), body.subarray(at)];
}

/** Line ends (\n) in b[from, to). */
function lines(b: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = b.indexOf(10, from); i !== -1 && i < to; i = b.indexOf(10, i + 1)) n++;
  return n;
}

/**
 * A server name written twice in the server map (`map`, its text; `lineOf`: the file's line of an
 * offset in it): the client uses the last one, and an edit in place could change either. Refused,
 * naming both lines, so the person decides which one stays.
 */
function refuseDuplicate(map: string, lineOf: (offset: number) => number, name: string, client: ClientId): void {
  const lines: number[] = [];
  let depth = 0;
  visit(
    map,
    {
      onObjectBegin: () => void depth++,
      onObjectEnd: () => void depth--,
      onArrayBegin: () => void depth++,
      onArrayEnd: () => void depth--,
      onObjectProperty: (key, offset) => {
        if (depth === 1 && key === name) lines.push(lineOf(offset));
      },
    },
    parseOptions(client),
  );
  if (lines.length > 1) {
    throw new ConfigUnusableError(`the server "${name}" is written ${lines.length} times in it (lines ${lines.join(' and ')}; ${CLIENTS[client].name} uses the last one): delete the one you do not want, then try again`);
  }
}

/** Indentation and line ends as the file already uses them (default: two spaces, \n); `text` may be a file's bytes. */
export function detectFormatting(text: string | Buffer): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = typeof text === 'string' ? /^([ \t]+)\S/m.exec(text)?.[1] : firstIndent(text);
  if (indent && indent.startsWith('\t')) return { insertSpaces: false, tabSize: 1, eol };
  const size = indent ? Math.min(indent.length, 8) : 2;
  return { insertSpaces: true, tabSize: size, eol };
}

/**
 * What /^([ \t]+)\S/m finds first in the text of UTF-8 bytes, without decoding them: spaces and
 * tabs that start a line (at 0, or after \n, \r, U+2028 or U+2029, as ^ reads lines) followed by
 * a character that is not white space.
 */
function firstIndent(b: Buffer): string | undefined {
  return firstIndentOf(b)?.indent;
}

/** firstIndent, and the offset just past the match (its first character that is not white space). */
function firstIndentOf(b: Buffer): { indent: string; end: number } | undefined {
  let lineStart = true;
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    if (lineStart && (c === 32 || c === 9)) {
      let j = i;
      while (b[j] === 32 || b[j] === 9) j++;
      if (j < b.length) {
        const lead = b[j]!;
        const len = lead < 0x80 ? 1 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
        const char = b.toString('utf8', j, j + len);
        if (!/\s/.test(char)) return { indent: b.toString('latin1', i, j), end: j + len };
      }
      i = j - 1;
      lineStart = false;
      continue;
    }
    if (c === 0xe2 && b[i + 1] === 0x80 && (b[i + 2] === 0xa8 || b[i + 2] === 0xa9)) {
      i += 2;
      lineStart = true;
    } else lineStart = c === 10 || c === 13;
  }
  return undefined;
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    last = i;
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

/**
 * The file text without the server at `jsonPath` (e.g. ["mcpServers", "tray"] or
 * ["projects", "/dir", "mcpServers", "tray"]); every other byte as it was. The member is cut out of
 * its server map's text by the rules in src/setup/json-removal.ts (whole lines, or the member and
 * one comma; comment lines directly above it go with it; an emptied map becomes `{}`); nothing is
 * laid out again. A top-level server map is found without a tree of the file (a large
 * ~/.claude.json); a nested one with jsonc-parser's tree, the last of a key written twice at each
 * level (as the client reads it). TOML and YAML files go through their own editors (a YAML list
 * item is checked to still be `name`).
 */
export function withoutServer(text: string, client: ClientId, jsonPath: readonly (string | number)[], name?: string): string {
  if (CLIENTS[client].format === 'toml') return withoutTomlServer(text, client, jsonPath);
  if (CLIENTS[client].format === 'yaml') return withoutYamlServer(text, client, jsonPath, name);
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const body = text.slice(bom.length);
  const parsed = parseConfigText(text, client); // throws on anything unusable
  const options = parseOptions(client);
  const key = String(jsonPath[jsonPath.length - 1]);
  const map = serverMapAt(body, client, jsonPath.slice(0, -1), parsed);
  if (!map) throw new ConfigUnusableError('the entry is no longer there; run the command again');
  const { start, end } = map;
  const mapText = body.slice(start, end);
  const r = memberCuts(mapText, key, () => isJsonc(client) && hasTrailingComma(body), options);
  if (r && 'twice' in r) refuseDuplicate(mapText, (at) => lineColumn(body, start + at).line, key, client);
  if (r && 'missing' in r) throw new ConfigUnusableError('the entry is no longer there; run the command again');
  if (!r || !('cuts' in r)) throw new ConfigUnusableError('removing the entry in place did not work');
  const out = body.slice(0, start) + cutText(mapText, r.cuts) + body.slice(end);
  // read back: the entry is gone, the file still parses for its client
  const back = parse(out, [], options) as unknown;
  let at: unknown = back;
  for (const k of jsonPath.slice(0, -1)) at = isPlainObject(at) ? at[String(k)] : undefined;
  if (!isPlainObject(at) || Object.prototype.hasOwnProperty.call(at, key)) throw new ConfigUnusableError('removing the entry in place did not work');
  parseConfigText(out, client);
  return bom + out;
}

/**
 * Where the object at `path` sits in `body` (its `{` to its `}`): the top-level server map as
 * parseConfigText found it; a nested one by jsonc-parser's tree, taking the last of a key written
 * twice at each level. Undefined when it is not there or not an object.
 */
function serverMapAt(body: string, client: ClientId, path: readonly (string | number)[], parsed: ParsedText): { start: number; end: number } | undefined {
  if (path.length === 1 && path[0] === CLIENTS[client].rootKey) return parsed.layout.map;
  let node: JsonNode | undefined = parseTree(body, [], parseOptions(client));
  for (const seg of path) {
    if (node?.type !== 'object' || typeof seg !== 'string') return undefined;
    node = node.children?.findLast((p) => p.children?.[0]?.value === seg && p.children.length === 2)?.children![1];
  }
  return node?.type === 'object' ? { start: node.offset, end: node.offset + node.length } : undefined;
}

/**
 * Removals of distinct members, in their order: two clients that read one file (./.mcp.json:
 * Claude Code and Copilot CLI) list the same member, which is taken out once.
 */
export function distinctRemovals<R extends { jsonPath?: readonly (string | number)[] }>(removals: readonly R[]): R[] {
  const seen = new Set<string>();
  return removals.filter((r) => {
    const key = JSON.stringify(r.jsonPath);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A server to take out of a file (as remove finds it: the client that reads the file, the entry's path). */
export interface Removal {
  client: ClientId;
  jsonPath: readonly (string | number)[];
}

/**
 * withoutServer, for every removal in turn, on a file read as bytes (remove): the new file as
 * pieces to write one after the other (src/setup/atomic.ts) — the original bytes without the
 * pieces each removal cuts out — byte for byte what withoutServer writes, without a string or a
 * tree of the whole file (a large ~/.claude.json holds a server map in every project).
 *
 * The file is strict JSON (checked piece by piece), so it has no trailing comma for a removal to
 * keep; each server map is found by its keys, decoded alone, and cut by the same rules as
 * withoutServer (memberCuts, which reads its result back: the map without the member). A cut never
 * leaves its server map, so removals from different maps do not see each other: each is worked out
 * on the original bytes.
 *
 * Undefined when the file is not one this can do exactly so, and the caller then uses
 * withoutServer: a client whose file is not JSON, bytes that are not strict JSON (JSONC with
 * comments, a broken file) or nest deeper than a config does, a key of the path written twice (or
 * missing), a server name written twice (or missing), two removals in one map (or one map inside
 * another), or a cut that does not read back.
 */
export function withoutServersBytes(bytes: Buffer, all: readonly Removal[]): Buffer[] | undefined {
  const removals = distinctRemovals(all);
  if (removals.length === 0) return undefined;
  for (const r of removals) {
    const kind = CLIENTS[r.client].format;
    if ((kind !== 'json' && kind !== 'jsonc') || r.jsonPath.length < 2 || r.jsonPath.some((k) => typeof k !== 'string')) return undefined;
  }
  const text = checkBytes(bytes);
  if (!text.ok) throw new ConfigUnusableError(`it ${notTextReason(text)}, and writing it back would change the bytes that are not UTF-8 text`);
  const bom = bytes.subarray(0, bytes.length - text.body.length);
  const body = text.body;
  let top;
  try {
    top = scanJson(body, { maxDepth: MAX_NESTING });
  } catch (e) {
    if (e instanceof SyntaxError) return undefined;
    throw e;
  }
  if (top.root !== 'object') return undefined;
  const maps: { start: number; end: number }[] = [];
  const cuts: [number, number][] = [];
  for (const r of removals) {
    const path = r.jsonPath as readonly string[];
    // what withoutServer refuses before it edits (parseConfigText): a server map that is not an object
    const rootMap = top.members.findLast((m) => m.name === CLIENTS[r.client].rootKey);
    if (rootMap && body[rootMap.start] !== 123) return undefined;
    // the server map: each key of the path written once, each value an object
    let members = top.members;
    let map: { start: number; end: number } | undefined;
    for (const seg of path.slice(0, -1)) {
      const found = members.filter((m) => m.name === seg);
      if (found.length !== 1 || body[found[0]!.start] !== 123) return undefined;
      map = found[0]!;
      members = membersAt(body, map.start);
    }
    const { start, end } = map!;
    if (maps.some((m) => m.start < end && start < m.end)) return undefined;
    maps.push({ start, end });
    const mapText = body.toString('utf8', start, end);
    const c = memberCuts(mapText, path[path.length - 1]!, () => false, parseOptions(r.client));
    if (!c || !('cuts' in c)) return undefined;
    // (the map's offsets in UTF-16 units, as bytes)
    for (const [from, to] of c.cuts) cuts.push([start + Buffer.byteLength(mapText.slice(0, from)), start + Buffer.byteLength(mapText.slice(0, to))]);
  }
  cuts.sort((a, b) => a[0] - b[0]);
  const pieces: Buffer[] = [bom];
  let at = 0;
  for (const [from, to] of cuts) {
    pieces.push(body.subarray(at, from));
    at = to;
  }
  pieces.push(body.subarray(at));
  return pieces;
}
