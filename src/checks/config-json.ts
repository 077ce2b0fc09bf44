// config-json: every existing config file parses in its client's format — strict JSON, JSONC
// (comments and trailing commas: VS Code, Zed, OpenCode, …), TOML (Codex) or YAML (Continue, Goose). Each path is read once, with a size cap, and its nesting
// measured before parsing, so binary, huge or hostile files give a clear result, never a crash.
import path from 'node:path';
import type { Check, CheckOutput, Result } from './types.js';
import type { ConfigFileRef, ConfigFilesData, ConfigJsonData, ParsedConfig } from './data.js';
import { CLIENTS, clientFromShape as shapeClient, isServerMapPath, type ClientId } from '../clients/catalog.js';
import type { ConfigFormat } from '../clients/types.js';
import { describeProblem, LARGE_CONFIG_MAX_BYTES, LARGE_JSON_BYTES, loadToml, loadYaml, MAX_NESTING, parseDocument, parseLargeJson, type Keep, type ParseResult, type SpecialKey } from '../config/document.js';
import { matchForm, URL_KEYS } from '../gateway/entry.js';
import { isPlaceholder } from '../gateway/token.js';
import { checkBytes, decode, MAX_CONFIG_BYTES, readConfigBytes, type ReadFailure } from '../lib/read-config.js';
import { shq } from '../lib/shell.js';
import type { RemedyId } from '../remedies/catalog.js';

type Row = Omit<Result, 'check'>;

/** Claude Code keeps its history in ~/.claude.json, which grows to tens of MB: that file gets a larger cap. */
export const CLAUDE_STATE_MAX_BYTES = LARGE_CONFIG_MAX_BYTES;

const check: Check<ConfigJsonData, 'config-json'> = {
  id: 'config-json',
  title: 'Config files parse',
  needs: ['config-files'],
  async run(ctx): Promise<CheckOutput<ConfigJsonData>> {
    const files = await ctx.need<ConfigFilesData>('config-files');
    const refs = files.data?.refs ?? [];
    const rows: Row[] = [];
    const data: Required<ConfigJsonData> = { parsed: [], unparsed: [] };

    for (const group of groupByPath(refs)) {
      const primary = group.find((r) => !r.stale) ?? group[0]!;
      if (primary.kind === 'missing') continue;
      if (primary.kind !== 'file') {
        if (!primary.stale || primary.explicit) {
          rows.push({
            subject: primary.display,
            client: clientOf(primary),
            status: 'skip',
            message: 'not parsed: there is no readable file here (see config-files)',
            details: { blockedBy: 'config-files', kind: primary.kind },
            remedies: [],
          });
        }
        continue;
      }
      const { row, parsed, reason, secrets, failure } = await examine(primary);
      rows.push(row);
      if (parsed) {
        // every credential in the file is a secret of this run (placeholders are not)
        if (secrets) for (const v of secrets) ctx.secrets.add(v);
        else ctx.secrets.addFromConfig(parsed.doc, isPlaceholder);
        for (const r of group) data.parsed.push({ ...parsed, ref: r === primary ? parsed.ref : r });
      } else {
        for (const r of group) data.unparsed.push({ ref: r, reason: reason ?? row.message, ...(failure ? { failure } : {}) });
      }
    }
    if (rows.length === 0) {
      rows.push({ subject: 'all clients', client: null, status: 'skip', message: 'no config file to parse (see config-files)', details: { blockedBy: 'config-files' }, remedies: [] });
    }
    return { results: rows, data };
  },
};
export default check;

function groupByPath(refs: readonly ConfigFileRef[]): ConfigFileRef[][] {
  const m = new Map<string, ConfigFileRef[]>();
  for (const r of refs) m.set(r.path, [...(m.get(r.path) ?? []), r]);
  return [...m.values()];
}

const clientOf = (r: ConfigFileRef): ClientId | null => (r.clientFrom === 'default' ? null : r.client);

/** A location the client also keeps its own state in, which may be large (Claude Code's ~/.claude.json). */
export function isLargeStateFile(ref: Pick<ConfigFileRef, 'client' | 'path'>): boolean {
  return CLIENTS[ref.client].locations.some((l) => l.large && Object.values(l.paths).some((t) => path.basename(t!) === path.basename(ref.path)));
}

/** @deprecated kept for tests: the large-file rule as it applies to ~/.claude.json */
export const isClaudeStateFile = isLargeStateFile;

export interface Examined {
  row: Row;
  parsed?: ParsedConfig;
  reason?: string;
  /** the file's credentials, when its document was read in pieces (parsed.doc is then partial) */
  secrets?: string[];
  /** why the file could not be read (readFailure) */
  failure?: ReadFailure;
}

/**
 * What doctor's checks read of a client's JSON document: config-schema (the root, every top-level
 * key, the server map, projects[dir].mcpServers), tray-servers (the server maps, and the approval
 * keys of projects[dir] in the user file), list, remove and --fix (through tray-servers' entries).
 * A large file (Claude Code's ~/.claude.json, mostly project history) is read keeping only these;
 * the rest is checked, and its credentials collected, but not kept (parseLargeJson).
 */
export function keepFor(client: ClientId): Keep {
  const spec = CLIENTS[client];
  const pm = spec.projectMaps;
  if (!pm) return 'all';
  const a = spec.projectApproval;
  const project: Keep = { members: new Map([pm.rootKey, ...(a ? [a.enabledKey, a.disabledKey, a.allKey] : [])].map((k) => [k, 'all'] as const)), others: 'none' };
  return { members: new Map([[pm.key, { members: new Map(), others: project }]]), others: 'all' };
}

async function examine(ref: ConfigFileRef): Promise<Examined> {
  const limit = isLargeStateFile(ref) ? LARGE_CONFIG_MAX_BYTES : MAX_CONFIG_BYTES;
  const raw = await readConfigBytes(ref.path, { maxBytes: limit });
  if (!raw.ok) return readFailure(ref, raw);
  // A large JSON file of a known client is read from its bytes, without a string or a tree of the
  // whole (~/.claude.json grows past 100 MB); with exactly the results the text would give.
  const bytes = checkBytes(raw.bytes);
  if (!bytes.ok) return readFailure(ref, bytes);
  const large = ref.clientFrom !== 'default' && CLIENTS[ref.client].format === 'json' && raw.size >= LARGE_JSON_BYTES ? parseLargeJson(bytes.body, { keep: keepFor(ref.client), isPlaceholder }) : undefined;
  if (large) {
    const judged = judge(ref, large, { size: raw.size, bom: bytes.bom }, large.secrets);
    if (judged.parsed) judged.parsed.bytes = raw.bytes;
    return judged;
  }
  const read = decode(raw.bytes);
  if (!read.ok) return readFailure(ref, read);

  // The client decides the dialect; a --config file of unknown client is told by its content.
  let client = ref.client;
  let clientFrom = ref.clientFrom;
  if (ref.clientFrom === 'default') {
    // JSON(C) first; a .yaml/.yml file by its YAML (Continue's list, Goose's extensions)
    const isYaml = /\.ya?ml$/i.test(ref.path);
    if (isYaml) await loadYaml();
    const lenient = parseDocument(read.text, isYaml ? 'yaml' : 'jsonc');
    const inferred = lenient.ok ? clientFromShape(lenient.doc) : null;
    if (inferred) {
      client = inferred;
      clientFrom = 'shape';
    }
  }
  const spec = CLIENTS[client];
  if (spec.format === 'toml') await loadToml();
  if (spec.format === 'yaml') await loadYaml();
  const outcome = parseDocument(read.text, spec.format, { clientName: spec.name });
  return judge({ ...ref, client, clientFrom }, outcome, read);
}

/** The row for a file read (`read`: its size and whether it has a BOM) and parsed as its client reads it. */
function judge(finalRef: ConfigFileRef, outcome: ParseResult, read: { size: number; bom: boolean }, secrets?: string[]): Examined {
  const ref = finalRef;
  const { client, clientFrom } = finalRef;
  const spec = CLIENTS[client];
  const name = spec.name;
  const dialect = DIALECT[spec.format];
  const shown = clientFrom === 'default' ? null : client;

  if (!outcome.ok) {
    const p = outcome.problem;
    const tooDeep = p.code === 'TooDeep';
    const message = tooDeep
      ? `${p.what} at line ${p.line}, column ${p.column}: ${p.hint}. Restore the file from a backup or recreate it with \`tray-mcp setup\`.`
      : `${describeProblem(p)}. ${name} cannot load this file until it is fixed.`;
    return {
      reason: `${p.what} at line ${p.line}, column ${p.column}`,
      row: {
        subject: ref.display,
        client: shown,
        status: 'fail',
        message,
        details: {
          line: p.line,
          column: p.column,
          frame: p.frame,
          code: p.code,
          errorCount: outcome.errorCount,
          dialect: spec.format,
          ...(tooDeep ? { maxNesting: MAX_NESTING } : {}),
          ...(read.bom ? { bom: true } : {}),
        },
        remedies: ['config-json-invalid'],
      },
    };
  }

  if (read.bom && spec.format === 'json') {
    // JSON.parse (what these clients read their file with) fails on a byte-order mark.
    return {
      reason: 'starts with a UTF-8 byte-order mark',
      row: {
        subject: ref.display,
        client: shown,
        status: 'fail',
        message: `The file starts with a UTF-8 byte-order mark (BOM, often added by Notepad or PowerShell's Out-File). ${name} reads it as strict JSON, which fails on that mark ("Unexpected token"), so it loads none of its servers. Save the file as "UTF-8" (not "UTF-8 with BOM").`,
        details: { bom: true, dialect: spec.format, line: 1, column: 1 },
        remedies: ['config-json-invalid'],
      },
    };
  }
  const notes: string[] = [];
  if (clientFrom === 'shape') notes.push(`looks like a ${name} config (told from its content; name the client with --client if not)`);
  if (clientFrom === 'default') notes.push(`its client could not be told from its content; checked as ${name}'s (name it with --client)`);
  if (read.bom) notes.push(`it starts with a UTF-8 byte-order mark (BOM), which ${name}'s ${spec.format.toUpperCase()} reader tolerates; saving it as UTF-8 without BOM is safer`);
  if (read.size > MAX_CONFIG_BYTES) notes.push(`it is ${(read.size / 1024 / 1024).toFixed(1)} MB, mostly ${name}'s own history`);
  const special = outcome.specialKeys();
  const problems = special.map((k) => specialKeyText(k, client));
  return {
    parsed: { ref: finalRef, doc: outcome.doc, linesOf: outcome.linesOf, ...(secrets ? { partial: true } : {}) },
    ...(secrets ? { secrets } : {}),
    row: {
      subject: ref.display,
      client: clientFrom === 'default' ? null : client,
      status: special.length ? 'warn' : 'pass',
      message: special.length
        ? `valid ${dialect}, but ${[...new Set(problems)].join('; ')}${notes.length ? `; ${notes.join('; ')}` : ''}`
        : `valid ${dialect}${notes.length ? `; ${notes.join('; ')}` : ''}`,
      details: {
        dialect: spec.format,
        size: read.size,
        ...(read.bom ? { bom: true } : {}),
        ...(clientFrom === 'shape' ? { clientFrom } : {}),
        ...(special.length ? { specialKeys: special.map((k) => ({ key: k.key, line: k.line, path: wherePath(k.path) })) } : {}),
      },
      remedies: special.length ? ['config-schema-invalid'] : [],
    },
  };
}

const DIALECT: Record<ConfigFormat, string> = { json: 'JSON', jsonc: 'JSONC (comments and trailing commas allowed)', toml: 'TOML', yaml: 'YAML' };

/**
 * The client a parsed config belongs to, from its shape (for --config files whose name does not
 * tell): its root key, a per-project map, and which client's remote forms its entries fit best
 * (a client's own typed form beats one that ignores type); only command entries → Claude Desktop.
 */
export function clientFromShape(doc: unknown): ClientId | null {
  return shapeClient(doc, formScore);
}

/** How well a remote entry fits a client: 2 its own typed form, 1 a form that ignores type, 0 none (for clientFromShape). */
function formScore(client: ClientId, entry: Record<string, unknown>): 0 | 1 | 2 {
  const urlKey = URL_KEYS.find((k) => typeof entry[k] === 'string');
  const form = matchForm(CLIENTS[client], entry, urlKey);
  if (!form || form.legacy) return 0;
  return typeof form.type === 'string' ? 2 : 1;
}

/** A JSON path as people read it: mcpServers, projects[/dir].mcpServers, a.b[2]; '' is the top level. */
function wherePath(p: (string | number)[]): string {
  let out = '';
  p.forEach((seg, i) => {
    if (typeof seg === 'number' || (i > 0 && p[i - 1] === 'projects')) out += `[${seg}]`;
    else out += out ? `.${seg}` : seg;
  });
  return out || '(top level)';
}

function specialKeyText(k: SpecialKey, client: ClientId): string {
  return isServerMapPath(client, k.path)
    ? `line ${k.line} has a server named "__proto__" (in ${wherePath(k.path)}): JavaScript treats that name specially, so ${CLIENTS[client].name} (and this doctor) cannot see or use that server; rename it (e.g. tray-workspace)`
    : `line ${k.line} has a key named "__proto__" (in ${wherePath(k.path)}): JavaScript treats that name specially and programs reading the file lose it; rename or remove it`;
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** The result for a file that could not be read as text (exported for tests). */
export function readFailure(ref: ConfigFileRef, f: ReadFailure): Examined {
  const name = ref.clientFrom === 'default' ? 'the client' : CLIENTS[ref.client].name;
  const recreate = 'Restore it from a backup (setup keeps one beside it, e.g. ending in .bak) or recreate it with `tray-mcp setup`.';
  const row = (message: string, remedy: RemedyId, details: Record<string, unknown>, reason: string): Examined => ({
    reason,
    failure: f,
    row: { subject: ref.display, client: clientOf(ref), status: 'fail', message, details: { reason: f.reason, ...details }, remedies: [remedy] },
  });
  switch (f.reason) {
    case 'too-large':
      return row(
        `The file is ${mb(f.size)}: too large to be a config file (the limit is ${mb(f.limit)}; config files are a few KB). It is damaged or not a config file. ${recreate}`,
        'config-json-invalid', { size: f.size, limit: f.limit }, 'too large to be a config file');
    case 'empty':
      return row(
        `The file is empty, and ${name} cannot load an empty config. Put {} in it (or your servers), or run \`tray-mcp setup\`.`,
        'config-json-invalid', { size: f.size }, 'empty file');
    case 'binary':
      return row(
        `The file holds binary data (a NUL byte at byte ${f.offset}), not JSON text: it is damaged or not a config file. ${recreate}`,
        'config-json-invalid', { offset: f.offset }, 'binary content');
    case 'utf16':
      return row(
        `The file is saved as UTF-16 ("Unicode" in Notepad), but ${name} reads UTF-8. Open it and save it again with UTF-8 encoding.`,
        'config-json-invalid', { encoding: f.bom }, 'saved as UTF-16');
    case 'invalid-utf8':
      return row(
        `The file is not valid UTF-8 text (bad byte at offset ${f.offset}): it was saved in another encoding or is damaged. Save it again with UTF-8 encoding.`,
        'config-json-invalid', { offset: f.offset }, 'not UTF-8 text');
    case 'unreadable': {
      const denied = f.code === 'EACCES' || f.code === 'EPERM';
      return row(
        denied
          ? `Cannot read the file: permission denied. ${name} runs as you and cannot read it either. Fix its permissions: \`chmod u+rw ${shq(ref.display)}\` (on Windows: Properties → Security → give yourself Read and Write).`
          : `Cannot read the file (${f.code}). Check that the disk is healthy and the file is not locked, then try again.`,
        'config-file-unreadable', { error: f.code }, denied ? 'permission denied' : `cannot read (${f.code})`);
    }
    case 'missing':
    case 'directory':
    case 'not-a-file':
      return row(
        `The file changed while it was being read (it is now ${f.reason === 'missing' ? 'gone' : 'not a regular file'}). Run doctor again.`,
        'config-not-found', {}, 'changed while reading');
  }
}
