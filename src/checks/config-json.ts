// config-json: every existing config file parses — strict JSON for every client but VS Code
// (JSONC: comments and trailing commas). Each path is read once, with a size cap, and its nesting
// measured before parsing, so binary, huge or hostile files give a clear result, never a crash.
import path from 'node:path';
import type { Check, CheckOutput, Result } from './types.js';
import type { ConfigFileRef, ConfigFilesData, ConfigJsonData, ParsedConfig } from './data.js';
import { CLIENTS, isPlainObject, type ClientId } from '../clients/catalog.js';
import { MAX_CONFIG_BYTES, readConfigText, type ReadFailure } from '../lib/read-config.js';
import { MAX_NESTING, parseConfig, protoKeys, type ParseOutcome, type SpecialKey } from '../lib/jsonc.js';
import { shq } from '../lib/shell.js';

type Row = Omit<Result, 'check'>;

/**
 * Claude Code keeps its history in ~/.claude.json, which grows to tens of MB
 * (anthropics/claude-code#6394): that one file gets a larger cap.
 */
export const CLAUDE_STATE_MAX_BYTES = 128 * 1024 * 1024;

const check: Check<ConfigJsonData> = {
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
      const { row, parsed, reason } = await examine(primary);
      rows.push(row);
      if (parsed) {
        ctx.secrets.addFromConfig(parsed.doc); // every credential in the file is a secret of this run
        for (const r of group) data.parsed.push({ ref: r === primary ? parsed.ref : r, doc: parsed.doc });
      } else {
        for (const r of group) data.unparsed.push({ ref: r, reason: reason ?? row.message });
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

export function isClaudeStateFile(ref: Pick<ConfigFileRef, 'client' | 'path'>): boolean {
  return ref.client === 'claude-code' && path.basename(ref.path) === '.claude.json';
}

export interface Examined {
  row: Row;
  parsed?: ParsedConfig;
  reason?: string;
}

async function examine(ref: ConfigFileRef): Promise<Examined> {
  const limit = isClaudeStateFile(ref) ? CLAUDE_STATE_MAX_BYTES : MAX_CONFIG_BYTES;
  const read = await readConfigText(ref.path, { maxBytes: limit });
  if (!read.ok) return readFailure(ref, read);

  // The client decides the dialect; a --config file of unknown client is told by its content.
  let client = ref.client;
  let clientFrom = ref.clientFrom;
  let outcome: ParseOutcome;
  if (ref.clientFrom === 'default') {
    const lenient = parseConfig(read.text, { jsonc: true });
    const inferred = lenient.ok ? clientFromShape(lenient.doc) : null;
    if (inferred) {
      client = inferred;
      clientFrom = 'shape';
    }
    outcome = lenient.ok && CLIENTS[client].jsonc ? lenient : parseConfig(read.text, { jsonc: CLIENTS[client].jsonc, clientName: CLIENTS[client].name });
  } else {
    outcome = parseConfig(read.text, { jsonc: CLIENTS[client].jsonc, clientName: CLIENTS[client].name });
  }
  const finalRef: ConfigFileRef = { ...ref, client, clientFrom };
  const name = CLIENTS[client].name;
  const dialect = CLIENTS[client].jsonc ? 'JSONC (comments and trailing commas allowed)' : 'JSON';
  const shown = clientFrom === 'default' ? null : client;

  if (!outcome.ok) {
    const p = outcome.problem;
    const tooDeep = p.code === 'TooDeep';
    const message = tooDeep
      ? `${p.what} at line ${p.line}, column ${p.column}: ${p.hint}. Restore the file from a backup or recreate it with \`tray-mcp setup\`.`
      : `${p.what} at line ${p.line}, column ${p.column}${p.hint ? ` — ${p.hint}` : ''}. ${name} cannot load this file until it is fixed.`;
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
          dialect: CLIENTS[client].jsonc ? 'jsonc' : 'json',
          ...(tooDeep ? { maxNesting: MAX_NESTING } : {}),
          ...(read.bom ? { bom: true } : {}),
        },
        remedies: ['config-json-invalid'],
      },
    };
  }

  const notes: string[] = [];
  if (clientFrom === 'shape') notes.push(`looks like a ${name} config (told from its content; name the client with --client if not)`);
  if (clientFrom === 'default') notes.push(`its client could not be told from its content; checked as ${name}'s (name it with --client)`);
  if (read.bom) notes.push(`it starts with a UTF-8 byte-order mark (BOM), tolerated here; if ${name} still ignores the file, save it as UTF-8 without BOM`);
  if (read.size > MAX_CONFIG_BYTES) notes.push(`it is ${(read.size / 1024 / 1024).toFixed(1)} MB, mostly ${name}'s own history`);
  const special = protoKeys(read.text, { jsonc: CLIENTS[client].jsonc });
  const problems = special.map((k) => specialKeyText(k, client));
  return {
    parsed: { ref: finalRef, doc: outcome.doc },
    row: {
      subject: ref.display,
      client: clientFrom === 'default' ? null : client,
      status: special.length ? 'warn' : 'pass',
      message: special.length
        ? `valid ${dialect}, but ${[...new Set(problems)].join('; ')}${notes.length ? `; ${notes.join('; ')}` : ''}`
        : `valid ${dialect}${notes.length ? `; ${notes.join('; ')}` : ''}`,
      details: {
        dialect: CLIENTS[client].jsonc ? 'jsonc' : 'json',
        size: read.size,
        ...(read.bom ? { bom: true } : {}),
        ...(clientFrom === 'shape' ? { clientFrom } : {}),
        ...(special.length ? { specialKeys: special.map((k) => ({ key: k.key, line: k.line, path: wherePath(k.path) })) } : {}),
      },
      remedies: special.length ? ['config-schema-invalid'] : [],
    },
  };
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

/** A server map of the client: its root key, or Claude Code's projects[dir].mcpServers. */
function isServerMap(p: (string | number)[], client: ClientId): boolean {
  if (p.length === 1 && p[0] === CLIENTS[client].rootKey) return true;
  return client === 'claude-code' && p.length === 3 && p[0] === 'projects' && p[2] === 'mcpServers';
}

function specialKeyText(k: SpecialKey, client: ClientId): string {
  return isServerMap(k.path, client)
    ? `line ${k.line} has a server named "__proto__" (in ${wherePath(k.path)}): JavaScript treats that name specially, so ${CLIENTS[client].name} (and this doctor) cannot see or use that server; rename it (e.g. tray-workspace)`
    : `line ${k.line} has a key named "__proto__" (in ${wherePath(k.path)}): JavaScript treats that name specially and programs reading the file lose it; rename or remove it`;
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** The result for a file that could not be read as text (exported for tests). */
export function readFailure(ref: ConfigFileRef, f: ReadFailure): Examined {
  const name = ref.clientFrom === 'default' ? 'the client' : CLIENTS[ref.client].name;
  const recreate = 'Restore it from a backup (setup keeps one beside it, e.g. ending in .bak) or recreate it with `tray-mcp setup`.';
  const row = (message: string, remedy: string, details: Record<string, unknown>, reason: string): Examined => ({
    reason,
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

/**
 * The client a parsed config belongs to, from its shape (for --config files whose name does not
 * tell): a `servers` map → vscode · a `projects` map → claude-code · among mcpServers entries:
 * `serverUrl` → windsurf · type "streamableHttp" → cline · type "http"/"sse" → claude-code ·
 * `url` → cursor · only `command` entries → claude. Null when nothing tells.
 */
export function clientFromShape(doc: unknown): ClientId | null {
  if (!isPlainObject(doc)) return null;
  if (isPlainObject(doc.servers) && !isPlainObject(doc.mcpServers)) return 'vscode';
  if (isPlainObject(doc.projects)) return 'claude-code';
  if (!isPlainObject(doc.mcpServers)) return null;
  const entries = Object.values(doc.mcpServers).filter(isPlainObject);
  if (entries.some((e) => 'serverUrl' in e)) return 'windsurf';
  if (entries.some((e) => e.type === 'streamableHttp')) return 'cline';
  if (entries.some((e) => e.type === 'http' || e.type === 'sse')) return 'claude-code';
  if (entries.some((e) => 'url' in e)) return 'cursor';
  if (entries.length > 0 && entries.every((e) => 'command' in e)) return 'claude';
  return null;
}
