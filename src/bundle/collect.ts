// What goes into a support bundle, gathered from one doctor run: the config files the config-files
// check found (its data, not a second list of locations), the log files the client-logs check reads
// (same sources, same age and count limits, same "is this about Tray" rule), the environment and
// versions that matter. Everything that could carry a credential is redacted here (see redact.ts).
import os from 'node:os';
import path from 'node:path';
import type { RunOutput } from '../checks/runner.js';
import type { ConfigFileRef, ConfigFilesData, ConfigJsonData, NodeVersionData, TrayServersData } from '../checks/data.js';
import { CLAUDE_STATE_MAX_BYTES, isClaudeStateFile } from '../checks/config-json.js';
import { LOG_TAIL_BYTES, MAX_AGE_DAYS, MAX_FILES } from '../checks/client-logs.js';
import { DARWIN_GUI_PATH } from '../checks/node-version.js';
import { CLIENTS, type ClientId } from '../clients/catalog.js';
import { findLogFiles, LOG_SOURCES, readTail, serverOfLine, type LogFile } from '../clients/logs.js';
import { displayPath, hostPlatformAsTarget, type Environment } from '../lib/environment.js';
import { maskSecrets, parseConfig } from '../lib/jsonc.js';
import type { Scope } from '../clients/types.js';
import { describeProxy } from '../lib/proxy.js';
import { LARGE_JSON_BYTES } from '../config/document.js';
import { checkBytes, decode, MAX_CONFIG_BYTES, readConfigBytes } from '../lib/read-config.js';
import { envVar, pathDirs } from '../lib/which.js';
import { REMEDIES } from '../remedies/catalog.js';
import { explainText, splitText } from '../remedies/match.js';
import { redactConfigBytes, redactConfigText, redactFree, redactValue, secretForms, standIn } from './redact.js';
import type { Base, BundleFile, BundleLog, ReferencedVar } from './types.js';

const GATEWAY = '.mcp.tray.ai';

/** The folder a path hangs off, as the client catalog's templates name them, and the rest of it. */
export function baseOf(p: string, env: Environment, scope: Scope = 'user'): { base: Base; rel: string } {
  const rel = (root: string) => {
    const r = path.relative(root, p);
    return r && !r.startsWith('..') && !path.isAbsolute(r) ? r.split(path.sep).join('/') : null;
  };
  const tries: [Base, string][] = [
    ...(scope === 'project' ? ([['.', env.cwd]] as [Base, string][]) : []),
    ...(env.platform === 'win32' ? ([['%LOCALAPPDATA%', env.localAppData], ['%APPDATA%', env.appData]] as [Base, string][]) : []),
    ['~', env.home],
    ['.', env.cwd],
  ];
  for (const [base, root] of tries) {
    const r = rel(root);
    if (r !== null) return { base, rel: r };
  }
  return { base: 'abs', rel: p.split(path.sep).join('/') };
}

const mode = (m: number | undefined) => (m === undefined ? undefined : `0${(m & 0o777).toString(8).padStart(3, '0')}`);

/** Every existing config file the config-files check found, once per path, redacted. */
export async function collectFiles(run: RunOutput, env: Environment, secrets: readonly string[]): Promise<BundleFile[]> {
  const refs = ((run.data['config-files'] as ConfigFilesData | undefined)?.refs ?? []).filter((r) => r.kind !== 'missing');
  const byPath = new Map<string, ConfigFileRef[]>();
  for (const r of refs) byPath.set(r.path, [...(byPath.get(r.path) ?? []), r]);
  const out: BundleFile[] = [];
  for (const group of byPath.values()) {
    const ref = group.find((r) => !r.stale) ?? group[0]!;
    const where = baseOf(ref.path, env, ref.scope);
    const file: BundleFile = {
      path: ref.display,
      ...where,
      clients: [...new Set(group.map((r) => r.client))],
      scope: ref.scope,
      stale: group.every((r) => r.stale),
      kind: ref.kind as BundleFile['kind'],
      ...(ref.size !== undefined ? { size: ref.size } : {}),
      ...(ref.mode !== undefined ? { mode: mode(ref.mode) } : {}),
    };
    if (ref.kind === 'file') {
      const claudeState = group.some((r) => isClaudeStateFile(r));
      const maxBytes = claudeState ? CLAUDE_STATE_MAX_BYTES : MAX_CONFIG_BYTES;
      // A large strict-JSON file (~/.claude.json: tens of MB of history) is redacted from its bytes,
      // with the same result and no string, token list or tree of the whole (redactConfigBytes).
      // (the bytes doctor read it from, when it read it in pieces: a large file is not read twice)
      const held = ((run.data['config-json'] as ConfigJsonData | undefined)?.parsed ?? []).find((p) => p.ref.path === ref.path && p.bytes)?.bytes;
      const raw = held ? ({ ok: true, bytes: held, size: held.length } as const) : await readConfigBytes(ref.path, { maxBytes });
      const checked = raw.ok && raw.size >= LARGE_JSON_BYTES ? checkBytes(raw.bytes) : undefined;
      const red = checked?.ok ? redactConfigBytes(checked.body, { secrets, trim: claudeState }) : undefined;
      if (red && checked?.ok) {
        file.text = red.text;
        if (red.masks.length) file.masks = red.masks;
        if (checked.bom) file.bom = true;
        if (claudeState) file.trimmed = true;
        file.size = checked.size;
        out.push(file);
        continue;
      }
      const read = raw.ok ? decode(raw.bytes) : raw;
      if (read.ok) {
        const jsonc = group.some((r) => CLIENTS[r.client].format === 'jsonc');
        const trim = claudeState && parseConfig(read.text, { jsonc }).ok;
        const red = redactConfigText(read.text, { secrets, trim });
        // The redaction reads JSON; a file that is not JSON (TOML, YAML) or does not parse may hold a token
        // nothing has registered (a value under a key it cannot judge): mask every token-shaped run in it,
        // its last 4 characters kept and its length unchanged (lines and columns stay right).
        file.text = parseConfig(read.text, { jsonc: true }).ok ? red.text : maskSecrets(red.text);
        if (red.masks.length) file.masks = red.masks;
        if (read.bom) file.bom = true;
        if (trim) file.trimmed = true;
        file.size = read.size;
      } else {
        const f = read as { reason: string; offset?: number; bom?: string; code?: string; size?: number };
        file.unreadable = {
          reason: f.reason,
          ...(f.offset !== undefined ? { offset: f.offset } : {}),
          ...(f.bom !== undefined ? { encoding: f.bom } : {}),
          ...(f.code !== undefined ? { code: f.code } : {}),
        };
        if (f.size !== undefined) file.size = f.size;
      }
    }
    out.push(file);
  }
  return out;
}

/** A matched line's matcher, when it looks at the lines after it for more facts. */
function lookaheadOf(id: string, label: string | undefined): { left: number; extract: readonly RegExp[] } | null {
  const m = REMEDIES.find((r) => r.id === id)?.matchers.find((x) => x.label === label);
  return m?.lookahead && m.extract?.length ? { left: m.lookahead, extract: m.extract } : null;
}

/**
 * The log tails client-logs reads, as it reads them: the same files (age, count, Tray only), and of
 * each only the lines that match a known problem (and the lines after one that may complete it),
 * redacted; the others are left out, their line numbers kept.
 */
export async function collectLogs(run: RunOutput, env: Environment, secrets: readonly string[], clock: number): Promise<BundleLog[]> {
  const names = new Set(((run.data['tray-servers'] as TrayServersData | undefined)?.entries ?? []).map((e) => e.name.toLowerCase()));
  const isTray = (name: string) => names.has(name.toLowerCase()) || /tray/i.test(name);
  const forms = secretForms(secrets);
  const files = await findLogFiles(env, { maxAgeMs: MAX_AGE_DAYS * 86_400_000, maxFilesPerSource: MAX_FILES, sources: LOG_SOURCES, now: clock });
  const out: BundleLog[] = [];
  for (const file of files) {
    if (file.server && !isTray(file.server)) continue;
    let text: string;
    try {
      text = (await readTail(file.path, LOG_TAIL_BYTES)).text;
    } catch {
      continue;
    }
    if (file.source.requiresGatewayMention && !text.includes(GATEWAY)) continue;
    out.push(logEntry(file, text, isTray, forms, secrets, env));
  }
  return out;
}

function logEntry(file: LogFile, text: string, isTray: (n: string) => boolean, forms: readonly string[], secrets: readonly string[], env: Environment): BundleLog {
  const lines: { n: number; text: string }[] = [];
  let n = 0;
  let pending: { left: number; extract: readonly RegExp[] }[] = [];
  let mentioned = false;
  for (const line of splitText(text)) {
    n++;
    if (!file.server) {
      const server = serverOfLine(line);
      if (server && !isTray(server) && !line.includes(GATEWAY)) continue;
    }
    if (line.trim() === '') continue;
    // a line after a match that the matcher reads more facts from (e.g. the limit on the next line)
    const completes = pending.some((p) => p.extract.some((re) => new RegExp(re.source, re.flags.replace('g', '')).test(line)));
    pending = pending.map((p) => ({ ...p, left: p.left - 1 })).filter((p) => p.left > 0);
    const matches = explainText(line);
    for (const m of matches) {
      const la = lookaheadOf(m.id, m.matchedBy);
      if (la) pending.push(la);
    }
    // mcp-remote's logs count only when they mention the gateway: keep the first line that does
    const mention = !mentioned && file.source.requiresGatewayMention === true && line.includes(GATEWAY);
    if (matches.length > 0 || completes || mention) {
      lines.push({ n, text: redactFree(line, forms, secrets) });
      mentioned ||= line.includes(GATEWAY);
    }
  }
  return {
    source: file.source.id,
    client: file.source.client,
    path: displayPath(file.path, env),
    ...baseOf(file.path, env),
    mtimeMs: Math.floor(file.mtimeMs),
    lineCount: n,
    lines,
  };
}

/** Variables the configs refer to (${NAME}, ${env:NAME}, ${NAME:-default}, OpenCode's {env:NAME}): set or not, and their value redacted. */
export function referencedVars(files: readonly BundleFile[], env: Environment, secrets: readonly string[]): ReferencedVar[] {
  const forms = secretForms(secrets);
  const names = new Set<string>();
  for (const f of files) {
    for (const m of (f.text ?? '').matchAll(/\$\{(?:env:)?([A-Za-z_][A-Za-z0-9_]*)(?::-[^}]*)?\}|(?<!\$)\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g)) names.add((m[1] ?? m[2])!);
  }
  return [...names].sort().map((name) => {
    const value = envVar(env.vars, name, env.hostPlatform);
    if (value === undefined) return { name, set: false };
    const shown = redactValue(value, { key: name }, forms);
    return { name, set: true, value: shown, ...(shown !== value ? { replay: standIn(value, shown) } : {}) };
  });
}

/** Proxy settings without credentials, the PATH clients see, and other variables that change what clients do. */
export function environmentFacts(env: Environment, secrets: readonly string[]): { proxy: Record<string, string | null>; path: { dirs: string[]; guiPath?: string[]; note?: string }; vars: Record<string, string | null> } {
  const forms = secretForms(secrets);
  const get = (n: string) => envVar(env.vars, n, env.hostPlatform);
  const proxy: Record<string, string | null> = {};
  for (const n of ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy']) if (get(n) !== undefined) proxy[n] = describeProxy(get(n));
  for (const n of ['NO_PROXY', 'no_proxy']) if (get(n) !== undefined) proxy[n] = redactFree(get(n)!, forms, secrets);
  const vars: Record<string, string | null> = {};
  for (const n of ['NODE_EXTRA_CA_CERTS', 'NODE_TLS_REJECT_UNAUTHORIZED', 'SSL_CERT_FILE', 'SSL_CERT_DIR', 'NODE_OPTIONS', 'MCP_REMOTE_CONFIG_DIR', 'SHELL', 'LANG']) {
    const v = get(n);
    if (v !== undefined) vars[n] = redactFree(n === 'NODE_EXTRA_CA_CERTS' || n === 'MCP_REMOTE_CONFIG_DIR' ? displayPath(v, env) : v, forms, secrets);
  }
  const token = get('TRAY_MCP_API_TOKEN');
  if (token !== undefined) vars.TRAY_MCP_API_TOKEN = token ? `set (${redactValue(token, { key: 'TRAY_MCP_API_TOKEN' }, forms)})` : 'set, empty';
  const here = env.platform === hostPlatformAsTarget(env.hostPlatform);
  const dirs = pathDirs(get('PATH'), env.hostPlatform).map((d) => redactFree(displayPath(d, env), forms, secrets));
  const pathFacts = here
    ? {
        dirs,
        ...(env.platform === 'darwin'
          ? { guiPath: [...DARWIN_GUI_PATH], note: 'apps opened from the Dock or Finder (Claude Desktop, Cursor…) get guiPath, not the shell PATH' }
          : {}),
      }
    : { dirs: [], note: `not this machine's: --platform ${env.platform} on a ${hostPlatformAsTarget(env.hostPlatform)} machine` };
  return { proxy, path: pathFacts, vars };
}

/** Node, npx, OS and client versions (on this machine only; nothing for another --platform). */
export async function versionFacts(run: RunOutput, env: Environment): Promise<{
  node: string;
  clientsNode: { path: string | null; version: string | null };
  npx: { path: string | null; version: string | null };
  os: { platform: string; type?: string; release?: string; arch?: string; version?: string } | null;
  clients: Partial<Record<ClientId, string | null>>;
}> {
  const data = run.data['node-version'] as NodeVersionData | undefined;
  const here = env.platform === hostPlatformAsTarget(env.hostPlatform);
  const { clientVersions, commandVersion } = await import('./versions.js');
  const npxVersion = here && data?.npx ? await commandVersion(data.npx.path, env) : null;
  return {
    node: process.version,
    clientsNode: { path: data?.node ? displayPath(data.node.path, env) : null, version: data?.node?.version ?? null },
    npx: { path: data?.npx ? displayPath(data.npx.path, env) : null, version: npxVersion },
    os: here ? { platform: process.platform, type: os.type(), release: os.release(), arch: os.arch(), ...(typeof os.version === 'function' ? { version: os.version() } : {}) } : null,
    clients: here ? await clientVersions(env) : {},
  };
}
