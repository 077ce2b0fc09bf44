// One config document: read a client's config file once, parse it once (JSON.parse first; jsonc-parser
// for JSONC clients and to describe a JSON error; a TOML library for TOML; the yaml library for YAML),
// and answer line lookups from that one text. One wording for every parse error, used by doctor and
// setup alike.
import { visit } from 'jsonc-parser';
import type { ConfigFormat } from '../clients/types.js';
import { MAX_CONFIG_BYTES, readConfigText, type ReadFailure } from '../lib/read-config.js';
import { codeFrame, MAX_NESTING, parseConfig, positionAt, protoKeys, type JsonProblem, type SpecialKey } from '../lib/jsonc.js';

export type { JsonProblem, SpecialKey } from '../lib/jsonc.js';
export type { ReadFailure } from '../lib/read-config.js';

/** Claude Code keeps its history in ~/.claude.json, which grows to tens of MB (anthropics/claude-code#6394). */
export const LARGE_CONFIG_MAX_BYTES = 128 * 1024 * 1024;

export type JsonPath = readonly (string | number)[];

export interface ParsedDocument {
  ok: true;
  format: ConfigFormat;
  doc: unknown;
  /** the text without its BOM */
  text: string;
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

function jsonLines(text: string, paths: readonly JsonPath[], jsonc: boolean): (number | undefined)[] {
  const lines: (number | undefined)[] = paths.map(() => undefined);
  const unknown: number[] = [];
  // Each key is looked up once (10,000 entries share "url"), and every offset becomes a line in one
  // sweep over the text: a config with 10,000 entries stays linear.
  const offsets = new Map<string, number | undefined>();
  const found: [offset: number, index: number][] = [];
  paths.forEach((p, i) => {
    const key = p[p.length - 1];
    if (key === undefined) return;
    const k = String(key);
    // Past a few dozen distinct keys, one visitor pass is cheaper than a scan of the text per key.
    if (!offsets.has(k)) offsets.set(k, offsets.size < INDEXOF_KEYS ? uniqueKeyOffset(text, k) : undefined);
    const at = offsets.get(k);
    if (at === undefined) unknown.push(i);
    else found.push([at, i]);
  });
  found.sort((a, b) => a[0] - b[0]);
  let line = 1;
  let pos = 0;
  for (const [at, i] of found) {
    for (; pos < at; pos++) {
      const c = text.charCodeAt(pos);
      if (c === 10 || (c === 13 && text.charCodeAt(pos + 1) !== 10)) line++;
    }
    lines[i] = line;
  }
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
