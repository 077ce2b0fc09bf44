// One config document: read a client's config file once, parse it once (JSON.parse first; jsonc-parser
// for JSONC clients and to describe a JSON error; a TOML library for TOML; the yaml library for YAML),
// and answer line lookups from that one text. One wording for every parse error, used by doctor and
// setup alike. A large JSON file (~/.claude.json grows past 100 MB) is read from its bytes instead
// (parseLargeJson): checked piece by piece, only the parts the caller reads kept; whatever that way
// does not read exactly as the whole text would is read the whole-text way.
import { visit } from 'jsonc-parser';
import type { ConfigFormat } from '../clients/types.js';
import { MAX_CONFIG_BYTES, readConfigText, type ReadFailure } from '../lib/read-config.js';
import { codeFrame, mayHoldProtoKey, MAX_NESTING, parseConfig, positionAt, protoKeys, type JsonProblem, type SpecialKey } from '../lib/jsonc.js';
import { ConfigSecrets } from '../lib/redact.js';
import { membersAt, scanJson, type Keep, type Member, type ScanResult } from './json-members.js';

export type { Keep } from './json-members.js';

export type { JsonProblem, SpecialKey } from '../lib/jsonc.js';
export type { ReadFailure } from '../lib/read-config.js';

/** Claude Code keeps its history in ~/.claude.json, which grows to tens of MB (anthropics/claude-code#6394). */
export const LARGE_CONFIG_MAX_BYTES = 128 * 1024 * 1024;

export type JsonPath = readonly (string | number)[];

export interface ParsedDocument {
  ok: true;
  format: ConfigFormat;
  doc: unknown;
  /** the text without its BOM (none for a large JSON file read from its bytes: parseLargeJson) */
  text?: string;
  /** 1-based line of the property at each path (undefined where it cannot be told); one pass for all paths */
  linesOf(paths: readonly JsonPath[]): (number | undefined)[];
  /** keys a JavaScript parser loses ("__proto__") */
  specialKeys(): SpecialKey[];
}

export interface DocumentProblem {
  ok: false;
  problem: JsonProblem;
  errorCount: number;
}

export type ParseResult = ParsedDocument | DocumentProblem;

export interface ParseOptions {
  /** e.g. "Claude Desktop", for hints ("Claude Desktop reads strict JSON") */
  clientName?: string;
}

/** Parse a config text in its client's format. Never throws; never recurses deeper than MAX_NESTING. */
export function parseDocument(input: string, format: ConfigFormat, o: ParseOptions = {}): ParseResult {
  const text = input.replace(/^\uFEFF/, '');
  if (format === 'toml') return parseToml(text);
  if (format === 'yaml') return parseYaml(text);
  let doc: unknown;
  let parsed = false;
  if (format === 'json') {
    try {
      doc = JSON.parse(text);
      // V8 parses any depth; what reads the document later need not: deeper than a config nests is refused (below, with its place)
      parsed = !deeperThan(doc, MAX_NESTING);
    } catch {
      /* described below, with line and column */
    }
  }
  if (!parsed) {
    const r = parseConfig(text, { jsonc: format === 'jsonc', clientName: o.clientName });
    if (!r.ok) return { ok: false, problem: r.problem, errorCount: r.errorCount };
    doc = r.doc;
  }
  return {
    ok: true,
    format,
    doc,
    text,
    linesOf: (paths) => jsonLines(text, paths, format === 'jsonc'),
    specialKeys: () => protoKeys(text, { jsonc: format === 'jsonc' }),
  };
}

/** Whether a parsed value nests deeper than `limit` (iterative: any depth is safe to measure). */
export function deeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (d > limit) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) if (typeof child === 'object' && child !== null) stack.push([child, d + 1]);
  }
  return false;
}

/** From this size on, doctor reads a JSON file from its bytes (parseLargeJson). */
export const LARGE_JSON_BYTES = 1024 * 1024;

export interface LargeJsonOptions {
  /** the parts of the document the caller reads (the rest is checked, not kept) */
  keep: Keep;
  /** the Gateway's placeholder rule, for the credential walk (src/lib/redact.ts secretsInConfig) */
  isPlaceholder: (value: string) => boolean;
  /** values longer than this many bytes are walked member by member (default 64 KB; tests walk small documents with small pieces) */
  piece?: number;
}

/**
 * A large strict-JSON document read from its bytes (`body`: UTF-8 already checked, without its BOM),
 * exactly as parseDocument(text, 'json') would read the text, but with no string of the whole
 * file and no tree of it: every piece is checked by JSON.parse (src/config/json-members.ts), `doc`
 * holds only what `keep` asks for, `secrets` are secretsInConfig(the whole document) collected
 * piece by piece, and lines come from the bytes. Undefined when the document is not plain enough
 * for that to give the same answers: the caller then reads it whole (parseDocument), which also
 * words every error. That is: not strict JSON, a root that is not an object, nested deeper than
 * MAX_NESTING, a "__proto__" key (or one that could be, written with \u escapes), a key written
 * twice in an object too large to be parsed whole, or more credentials than the walk collects.
 */
export function parseLargeJson(body: Buffer, o: LargeJsonOptions): (ParsedDocument & { secrets: string[] }) | undefined {
  // protoKeys' own test: such a key is reported by walking the text
  if (mayHoldProtoKey(body)) return undefined;
  const secrets = new ConfigSecrets(o.isPlaceholder);
  let r: ScanResult;
  try {
    r = scanJson(body, {
      maxDepth: MAX_NESTING,
      keep: o.keep,
      piece: o.piece,
      hooks: {
        whole: (v, depth, key) => secrets.walk(v, depth, key),
        member: (name, v, parentKey, depth) => secrets.member(name, v, parentKey, depth),
        item: (v, prev, depth) => secrets.item(v, prev, depth),
      },
    });
  } catch (e) {
    if (e instanceof SyntaxError) return undefined;
    throw e;
  }
  if (r.root !== 'object' || r.duplicateKey || secrets.full) return undefined;
  const { walked, at } = r;
  return {
    ok: true,
    format: 'json',
    doc: r.kept,
    linesOf: (paths) => byteLines(body, paths, walked, at),
    specialKeys: () => [],
    secrets: secrets.found,
  };
}

/** One sentence for a parse problem, the same in doctor and setup: "Trailing comma … at line 7, column 4 — remove the last comma (…)". */
export function describeProblem(p: JsonProblem): string {
  return `${p.what} at line ${p.line}, column ${p.column}${p.hint ? ` — ${p.hint}` : ''}`;
}

export type ReadDocumentResult = (ParsedDocument & { size: number; bom: boolean }) | (DocumentProblem & { size: number; bom: boolean }) | ReadFailure;

/** Read (bounded, never blocking on a FIFO) and parse a config file once. */
export async function readDocument(file: string, format: ConfigFormat, o: ParseOptions & { maxBytes?: number } = {}): Promise<ReadDocumentResult> {
  const read = await readConfigText(file, { maxBytes: o.maxBytes ?? MAX_CONFIG_BYTES });
  if (!read.ok) return read;
  return { ...parseDocument(read.text, format, o), size: read.size, bom: read.bom };
}

/**
 * Lines of properties by JSON path. A key written once in the whole text is found with indexOf
 * (a quoted key followed by a colon cannot be anything else); anything else takes one visitor pass
 * for all the paths still unknown. A key written twice counts where it was written last (as
 * JSON.parse, and so the client, reads it).
 */
const INDEXOF_KEYS = 64;

/**
 * The first step of a line lookup: each path's last key, where it is written once (its offset), or
 * the paths still unknown. Each key is looked up once (10,000 entries share "url"); past a few
 * dozen distinct keys, one walk for the rest is cheaper than a scan of the text per key.
 */
function uniqueKeys(paths: readonly JsonPath[], find: (key: string) => number | undefined): { at: (number | undefined)[]; unknown: number[] } {
  const offsets = new Map<string, number | undefined>();
  const at: (number | undefined)[] = paths.map(() => undefined);
  const unknown: number[] = [];
  paths.forEach((p, i) => {
    const key = p[p.length - 1];
    if (key === undefined) return;
    const k = String(key);
    if (!offsets.has(k)) offsets.set(k, offsets.size < INDEXOF_KEYS ? find(k) : undefined);
    at[i] = offsets.get(k);
    if (at[i] === undefined) unknown.push(i);
  });
  return { at, unknown };
}

/** 1-based lines of offsets, in one sweep (`breaks(from, to)`: the line ends in [from, to)). */
function linesAt(at: readonly (number | undefined)[], breaks: (from: number, to: number) => number): (number | undefined)[] {
  const lines: (number | undefined)[] = at.map(() => undefined);
  const order = at.flatMap((o, i) => (o === undefined ? [] : [[o, i] as const])).sort((a, b) => a[0] - b[0]);
  let line = 1;
  let pos = 0;
  for (const [o, i] of order) {
    line += breaks(pos, o);
    pos = o;
    lines[i] = line;
  }
  return lines;
}

function jsonLines(text: string, paths: readonly JsonPath[], jsonc: boolean): (number | undefined)[] {
  const { at, unknown } = uniqueKeys(paths, (k) => uniqueKeyOffset(text, k));
  const lines = linesAt(at, (from, to) => {
    let n = 0;
    for (let pos = from; pos < to; pos++) {
      const c = text.charCodeAt(pos);
      if (c === 10 || (c === 13 && text.charCodeAt(pos + 1) !== 10)) n++;
    }
    return n;
  });
  if (unknown.length === 0) return lines;
  const wanted = new Map(unknown.map((i) => [JSON.stringify(paths[i]), i] as const));
  const names = new Set(unknown.map((i) => String(paths[i]![paths[i]!.length - 1])));
  try {
    visit(
      text,
      {
        onObjectProperty: (name, _offset, _length, startLine, _startCharacter, pathSupplier) => {
          if (!names.has(name)) return;
          const i = wanted.get(JSON.stringify([...pathSupplier(), name]));
          if (i !== undefined) lines[i] = startLine + 1;
        },
      },
      { allowTrailingComma: jsonc, disallowComments: !jsonc },
    );
  } catch {
    /* too deep for the visitor: lines stay unknown */
  }
  return lines;
}

/** Offset of `"key"` followed by a colon when it occurs exactly once in the text, else undefined. */
function uniqueKeyOffset(text: string, key: string): number | undefined {
  const quoted = JSON.stringify(key);
  let found: number | undefined;
  for (let i = text.indexOf(quoted); i !== -1; i = text.indexOf(quoted, i + quoted.length)) {
    let j = i + quoted.length;
    while (j < text.length && (text[j] === ' ' || text[j] === '\t' || text[j] === '\n' || text[j] === '\r')) j++;
    if (text[j] !== ':') continue;
    // a quote preceded by a backslash is inside a string, not a key
    if (i > 0 && text[i - 1] === '\\') continue;
    if (found !== undefined) return undefined;
    found = i;
  }
  return found;
}

/**
 * jsonLines over the bytes of a document parseLargeJson checked: the same first step on the bytes
 * (UTF-8 matches where the text matches), then, for the paths still unknown, the key where the
 * visitor would find it: the last one of that name at each step of the path (the members of the
 * objects walked member by member are known; others are found when asked).
 */
function byteLines(b: Buffer, paths: readonly JsonPath[], walked: Map<number, Member[]>, root: number): (number | undefined)[] {
  const { at, unknown } = uniqueKeys(paths, (k) => uniqueKeyOffsetIn(b, k));
  // as the visitor's pass: one answer per distinct path (the last index asking for it)
  for (const i of new Map(unknown.map((i) => [JSON.stringify(paths[i]), i] as const)).values()) at[i] = keyOffsetAt(b, walked, root, paths[i]!);
  const lone = b.includes(13);
  return linesAt(at, (from, to) => {
    let n = 0;
    if (!lone) {
      for (let pos = b.indexOf(10, from); pos !== -1 && pos < to; pos = b.indexOf(10, pos + 1)) n++;
      return n;
    }
    for (let pos = from; pos < to; pos++) {
      const c = b[pos];
      if (c === 10 || (c === 13 && b[pos + 1] !== 10)) n++;
    }
    return n;
  });
}

function uniqueKeyOffsetIn(b: Buffer, key: string): number | undefined {
  const quoted = Buffer.from(JSON.stringify(key));
  let found: number | undefined;
  for (let i = b.indexOf(quoted); i !== -1; i = b.indexOf(quoted, i + quoted.length)) {
    let j = i + quoted.length;
    while (j < b.length && (b[j] === 32 || b[j] === 9 || b[j] === 10 || b[j] === 13)) j++;
    if (b[j] !== 58) continue;
    if (i > 0 && b[i - 1] === 92) continue;
    if (found !== undefined) return undefined;
    found = i;
  }
  return found;
}

/** Offset of the key at path `p` (the last of that name at each step), or undefined. */
function keyOffsetAt(b: Buffer, walked: Map<number, Member[]>, root: number, p: JsonPath): number | undefined {
  let at = root;
  for (let j = 0; j < p.length; j++) {
    const seg = p[j]!;
    const isObject = b[at] === 123;
    if (isObject ? typeof seg !== 'string' : typeof seg !== 'number' || b[at] !== 91) return undefined;
    let members = walked.get(at);
    if (!members) walked.set(at, (members = membersAt(b, at)));
    const m = isObject ? members.findLast((x) => x.name === seg) : members[seg as number];
    if (!m) return undefined;
    if (j === p.length - 1) return isObject ? m.keyOffset : undefined;
    at = m.start;
  }
  return undefined;
}

// ── TOML ─────────────────────────────────────────────────────────────────────────────────────────

interface TomlLib {
  parse(text: string): unknown;
}
let toml: TomlLib | undefined;

/** The TOML library, loaded on first use (only Codex's file is TOML). */
export async function loadToml(): Promise<void> {
  toml ??= (await import('@decimalturn/toml-patch')) as unknown as TomlLib;
}

function parseToml(text: string): ParseResult {
  if (!toml) throw new Error('loadToml() must be awaited before parsing TOML');
  try {
    const doc = toml.parse(text);
    return {
      ok: true,
      format: 'toml',
      doc,
      text,
      linesOf: (paths) => paths.map((p) => tomlLine(text, p)),
      specialKeys: () => [],
    };
  } catch (e) {
    const err = e as { message?: string; line?: number; column?: number };
    const line = typeof err.line === 'number' ? err.line : 1;
    const column = typeof err.column === 'number' ? err.column + 1 : 1;
    const offset = offsetOf(text, line, column);
    const detail = String(err.message ?? 'not valid TOML').split('\n').pop()!.trim();
    return {
      ok: false,
      errorCount: 1,
      problem: { line, column, offset, code: 'TomlError', what: `Not valid TOML (${detail.toLowerCase()})`, hint: 'check the line for a missing quote, = or ]', frame: codeFrame(text, offset) },
    };
  }
}

/** Line of a table `[a.b.NAME]` (or a key `NAME =` under `[a.b]`) in TOML text. */
function tomlLine(text: string, p: JsonPath): number | undefined {
  const parts = p.map(String);
  const key = (s: string) => (/^[A-Za-z0-9_-]+$/.test(s) ? s : JSON.stringify(s));
  const header = `[${parts.map(key).join('.')}]`;
  const lines = text.split(/\r?\n/);
  const i = lines.findIndex((l) => l.trim().replace(/\s*#.*$/, '').replace(/\s*\.\s*/g, '.') === header);
  if (i >= 0) return i + 1;
  const parent = `[${parts.slice(0, -1).map(key).join('.')}]`;
  const start = lines.findIndex((l) => l.trim() === parent);
  const last = key(parts[parts.length - 1]!);
  for (let j = Math.max(0, start + 1); j < lines.length; j++) {
    if (start >= 0 && /^\s*\[/.test(lines[j]!)) break;
    if (new RegExp(`^\\s*${last.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*=`).test(lines[j]!)) return j + 1;
  }
  return undefined;
}

function offsetOf(text: string, line: number, column: number): number {
  let off = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', off);
    if (nl === -1) return text.length;
    off = nl + 1;
  }
  return Math.min(text.length, off + column - 1);
}

// ── YAML ─────────────────────────────────────────────────────────────────────────────────────────

type YamlLib = typeof import('yaml');
let yaml: YamlLib | undefined;

/** The YAML library, loaded on first use (only Continue's and Goose's files are YAML). */
export async function loadYaml(): Promise<YamlLib> {
  yaml ??= await import('yaml');
  return yaml;
}

/** A YAML problem in the words of every other parse problem (line, column, frame). */
export function yamlProblem(text: string, e: { code?: string; message?: string; pos?: [number, number] } | undefined, fallback = 'not valid YAML'): JsonProblem {
  const offset = Math.min(text.length, Math.max(0, e?.pos?.[0] ?? 0));
  const { line, column } = positionAt(text, offset);
  const first = String(e?.message ?? fallback).split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').trim();
  const hints: Record<string, string> = {
    DUPLICATE_KEY: 'a key is written twice in the same block; keep one',
    BAD_INDENT: 'check the indentation: items of one block line up, with spaces (not tabs)',
    TAB_AS_INDENT: 'YAML indents with spaces, not tabs',
    MISSING_CHAR: 'a closing quote or bracket is missing',
    BLOCK_AS_IMPLICIT_KEY: 'a "key: value" line is indented wrongly or lacks its colon',
  };
  return {
    line,
    column,
    offset,
    code: e?.code ?? 'YamlError',
    what: `Not valid YAML (${first.charAt(0).toLowerCase()}${first.slice(1)})`,
    hint: hints[e?.code ?? ''] ?? 'check the line for a missing colon, quote or wrong indentation',
    frame: codeFrame(text, offset),
  };
}

function parseYaml(text: string): ParseResult {
  if (!yaml) throw new Error('loadYaml() must be awaited before parsing YAML');
  const lineCounter = new yaml.LineCounter();
  let parsed: ReturnType<YamlLib['parseDocument']>;
  let doc: unknown;
  try {
    parsed = yaml.parseDocument(text, { lineCounter, prettyErrors: false });
    const first = parsed.errors[0];
    // the library reports its own stack overflow (a hostile, deeply nested file) as an error
    if (first && /call stack/i.test(first.message)) throw new RangeError(first.message);
    if (first) return { ok: false, problem: yamlProblem(text, first), errorCount: parsed.errors.length };
    // aliases that multiply (a "billion laughs" file) are refused by maxAliasCount
    doc = parsed.toJS({ maxAliasCount: 100 });
  } catch (e) {
    const tooDeep = e instanceof RangeError && /call stack/i.test(e.message);
    const problem = yamlProblem(text, undefined, tooDeep ? 'nested too deeply' : (e as Error).message);
    if (tooDeep) return { ok: false, errorCount: 1, problem: { ...problem, code: 'TooDeep', what: `Nested more than ${MAX_NESTING} levels deep`, hint: 'a config file nests a handful of levels; this one is damaged or is not a config file' } };
    if (/alias count/i.test((e as Error).message)) {
      return { ok: false, errorCount: 1, problem: { ...problem, code: 'YamlAliases', what: 'YAML aliases (*name) that multiply far beyond a config file\'s size', hint: 'a config file repeats a block a few times at most; this one is damaged or hostile' } };
    }
    return { ok: false, errorCount: 1, problem };
  }
  if (deeperThan(doc, MAX_NESTING)) {
    return { ok: false, errorCount: 1, problem: { ...yamlProblem(text, undefined), code: 'TooDeep', what: `Nested more than ${MAX_NESTING} levels deep`, hint: 'a config file nests a handful of levels; this one is damaged or is not a config file' } };
  }
  const document = parsed;
  return {
    ok: true,
    format: 'yaml',
    // an empty file is an empty document (null): no servers
    doc: doc ?? {},
    text,
    linesOf: (paths) => paths.map((p) => yamlLine(document, lineCounter, p)),
    specialKeys: () => [],
  };
}

/** 1-based line of the key (or list item) at a path in a YAML document. */
function yamlLine(doc: ReturnType<YamlLib['parseDocument']>, lc: InstanceType<YamlLib['LineCounter']>, p: JsonPath): number | undefined {
  if (!yaml || p.length === 0) return undefined;
  const parent = p.length === 1 ? doc.contents : doc.getIn(p.slice(0, -1), true);
  const last = p[p.length - 1]!;
  let offset: number | undefined;
  if (yaml.isMap(parent)) {
    const pair = parent.items.find((it) => (yaml!.isScalar(it.key) ? String(it.key.value) : String(it.key)) === String(last));
    const key = pair?.key as { range?: [number, number, number] } | undefined;
    offset = key?.range?.[0];
  } else if (yaml.isSeq(parent) && typeof last === 'number') {
    const item = parent.items[last] as { range?: [number, number, number] } | undefined;
    offset = item?.range?.[0];
  }
  return offset === undefined ? undefined : lc.linePos(offset).line;
}

export { MAX_NESTING };
