// Tray Agent Gateway entries inside a parsed client config: which entries are Tray's, what URL and
// token they carry once `${VAR}` / `${env:VAR}` / `${input:…}` are resolved, and what is wrong with
// them. Pure logic (no file access): the tray-servers check feeds it parsed documents.
//
// A token is registered with registerSecret() the moment it is resolved, and is never put into a
// finding's text: findings say what is wrong ("a placeholder", "whitespace inside"), never the value.
import { CLIENTS, isPlainObject, serverMaps, type ClientId } from '../clients/catalog.js';
import { registerSecret } from './secrets.js';
import { isUuid } from './uuid.js';

export type FindingStatus = 'warn' | 'fail' | 'skip';

/** One thing wrong (or noteworthy) with an entry. `code` is stable (details.problems); `text` is for people. */
export interface Finding {
  status: FindingStatus;
  code: string;
  text: string;
  /** remedy id from the catalog, if one fits */
  remedy?: string;
}

/** A server entry that targets Tray (by URL, or by name with a URL-ish shape). */
export interface Candidate {
  client: ClientId;
  name: string;
  /** human path of the server map inside the document, e.g. "mcpServers" or "projects[/dir].mcpServers" */
  where: string;
  /** JSON path of the entry inside the document (for line numbers) */
  jsonPath: (string | number)[];
  raw: Record<string, unknown>;
  /** `remote`: a url/serverUrl entry the client connects to itself; `command`: a local bridge process */
  form: 'remote' | 'command';
  /** which key carries the URL of a remote entry */
  urlKey?: 'url' | 'serverUrl';
  /** the bridge a command entry runs */
  bridge?: 'mcp-remote' | 'other';
  /** the URL as written (may contain ${…}); undefined when the entry has none */
  rawUrl?: string;
}

// ── finding entries ──────────────────────────────────────────────────────────────────────────────

const MCP_REMOTE = /(?:^|[\\/@])mcp-remote(?:@[^\\/]*)?$|mcp-remote[\\/](?:dist[\\/])?proxy\.[cm]?js$/i;

/** A name that says "Tray": tray-workspace, Tray, prod_tray, trayio; not ashtray or stray. */
export function nameLooksTray(name: string): boolean {
  return /(?:^|[^a-z0-9])tray/i.test(name);
}

/** A URL (or URL-ish text) that points at a tray.ai / tray.io host. */
export function urlLooksTray(raw: string | undefined): boolean {
  if (!raw) return false;
  const host = hostOf(raw);
  if (host !== undefined) return /(?:^|\.)tray\.(?:ai|io)$/.test(host);
  return /(?:^|[./@])tray\.(?:ai|io)\b/i.test(raw);
}

function hostOf(raw: string): string | undefined {
  try {
    return new URL(raw.trim()).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return undefined;
  }
}

const strings = (x: unknown): string[] => (Array.isArray(x) ? x.filter((a): a is string => typeof a === 'string') : []);

/** Index in [command, ...args] of the mcp-remote package/script, or -1. */
function mcpRemoteIndex(argv: string[]): number {
  return argv.findIndex((a) => MCP_REMOTE.test(a.trim()));
}

/** Classify one server-map value; undefined when it is not a Tray entry. */
export function classify(client: ClientId, name: string, where: string, jsonPath: (string | number)[], value: unknown): Candidate | undefined {
  if (!isPlainObject(value)) return undefined;
  const base = { client, name, where, jsonPath, raw: value };
  const command = typeof value.command === 'string' ? value.command : undefined;
  if (command !== undefined) {
    const argv = [command, ...strings(value.args)];
    const at = mcpRemoteIndex(argv);
    if (at >= 0) {
      // mcp-remote's first positional argument is the server URL.
      const rawUrl = argv.slice(at + 1).find((a) => !a.startsWith('-'));
      if (urlLooksTray(rawUrl) || nameLooksTray(name)) return { ...base, form: 'command', bridge: 'mcp-remote', rawUrl };
      return undefined;
    }
    // Another bridge (supergateway, mcp-proxy, …) pointed at Tray.
    const trayArg = argv.find((a) => urlLooksTray(a) && /^[a-z][a-z0-9+.-]*:\/\//i.test(a.trim()));
    if (trayArg) return { ...base, form: 'command', bridge: 'other', rawUrl: trayArg };
    return undefined;
  }
  const urlKey = typeof value.url === 'string' ? 'url' : typeof value.serverUrl === 'string' ? 'serverUrl' : undefined;
  const rawUrl = urlKey ? (value[urlKey] as string) : undefined;
  if (urlLooksTray(rawUrl) || nameLooksTray(name)) return { ...base, form: 'remote', urlKey, rawUrl };
  return undefined;
}

/** Every Tray entry in a parsed config of `client`, in every server map (projects[dir] too). */
export function findCandidates(client: ClientId, doc: unknown): Candidate[] {
  const out: Candidate[] = [];
  for (const map of serverMaps(client, doc)) {
    const prefix = jsonPathOfMap(client, map.where);
    for (const [name, value] of Object.entries(map.servers)) {
      const c = classify(client, name, map.where, [...prefix, name], value);
      if (c) out.push(c);
    }
  }
  return out;
}

function jsonPathOfMap(client: ClientId, where: string): string[] {
  const m = /^projects\[(.*)\]\.mcpServers$/s.exec(where);
  if (m) return ['projects', m[1]!, 'mcpServers'];
  return [CLIENTS[client].rootKey];
}

// ── resolving ${…} ───────────────────────────────────────────────────────────────────────────────

export type Resolution =
  | { kind: 'value'; value: string; /** a value came from the process environment, not the file */ fromEnvironment: boolean }
  | { kind: 'unset'; /** the references as written inside ${…}, e.g. "TRAY_TOKEN" or "env:TRAY_TOKEN" */ vars: string[] }
  | { kind: 'input'; ids: string[] };

const REF = /\$\{([^}]*)\}/g;

/**
 * Resolve `${VAR}` (the entry's own `env` first, then the environment; `${VAR:-default}` as Claude
 * Code allows), `${env:VAR}` (VS Code, Cursor, Windsurf: the environment) and report `${input:id}`
 * (VS Code asks for it at start-up) as unresolvable. A value taken from the entry's env is resolved
 * once more (it may itself say `Bearer ${TOKEN}`).
 */
export function resolveRefs(
  text: string,
  entryEnv: Readonly<Record<string, unknown>> | undefined,
  vars: Readonly<Record<string, string | undefined>>,
  depth = 0,
): Resolution {
  const unset: string[] = [];
  const inputs: string[] = [];
  let fromEnvironment = false;
  const value = text.replace(REF, (whole, inner: string) => {
    if (inner.startsWith('input:')) {
      inputs.push(inner.slice('input:'.length));
      return whole;
    }
    let name = inner;
    let fallback: string | undefined;
    let envOnly = false;
    if (inner.startsWith('env:')) {
      name = inner.slice(4);
      envOnly = true;
    } else {
      const dash = inner.indexOf(':-');
      if (dash >= 0) {
        name = inner.slice(0, dash);
        fallback = inner.slice(dash + 2);
      }
    }
    const own = !envOnly && entryEnv && typeof entryEnv[name] === 'string' ? (entryEnv[name] as string) : undefined;
    if (own !== undefined) {
      if (depth < 1 && own.includes('${')) {
        const inner2 = resolveRefs(own, entryEnv, vars, depth + 1);
        if (inner2.kind === 'unset') unset.push(...inner2.vars);
        else if (inner2.kind === 'input') inputs.push(...inner2.ids);
        else {
          fromEnvironment ||= inner2.fromEnvironment;
          return inner2.value;
        }
        return whole;
      }
      return own;
    }
    const fromVars = vars[name];
    if (fromVars !== undefined) {
      fromEnvironment = true;
      return fromVars;
    }
    if (fallback !== undefined) return fallback;
    unset.push(inner); // as written, so the user finds it in the file
    return whole;
  });
  if (inputs.length) return { kind: 'input', ids: inputs };
  if (unset.length) return { kind: 'unset', vars: unset };
  return { kind: 'value', value, fromEnvironment };
}

// ── tokens ───────────────────────────────────────────────────────────────────────────────────────

/** Placeholders seen in docs and READMEs; an exact match may be quoted back to the user. */
const KNOWN_PLACEHOLDERS = new Set([
  'your-api-token-here',
  'your-api-token',
  'your-token-here',
  'your-token',
  'your_api_token',
  'YOUR_API_TOKEN',
  'YOUR_TOKEN',
  '<TOKEN>',
  '<token>',
  '<api-token>',
  '<API_TOKEN>',
  '<your-api-token>',
  '<auth-token>',
  'TOKEN',
  'API_TOKEN',
]);

const PLACEHOLDER_PATTERNS = [
  /^<[^>]*>$/, // <TOKEN>
  /^\[[^\]]*\]$/, // [TOKEN]
  /^\{[^}]*\}$/, // {token}
  /^[x*.…-]{3,}$/i, // xxxx, ****, ..., xxx-xxx
  /^x{3,}[.…]*$/i,
  /^your[\s_-]?.*(?:token|key|secret)/i, // your-api-token-here, YOUR_TRAY_TOKEN
  /^(?:insert|paste|put|add|enter)[\s_-].*(?:token|key)/i,
  /token[\s_-]?here$/i,
  /^(?:token|api[-_]?token|apitoken|changeme|change[-_]me|placeholder|secret|todo|tbd|null|undefined|none|n\/a)$/i,
];

export function isPlaceholder(token: string): boolean {
  const t = token.trim();
  return t === '' || KNOWN_PLACEHOLDERS.has(t) || PLACEHOLDER_PATTERNS.some((re) => re.test(t));
}

function placeholderText(t: string): string {
  return KNOWN_PLACEHOLDERS.has(t.trim()) ? `is the placeholder "${t.trim()}", not a real token` : 'is a placeholder, not a real token';
}

/** Register a value that may be a token (exact known placeholders are not secrets and stay readable). */
function remember(value: string | undefined): void {
  if (!value) return;
  const known = (s: string) => KNOWN_PLACEHOLDERS.has(s.trim()) || KNOWN_PLACEHOLDERS.has(s.trim().replace(/^bearer\s+/i, ''));
  if (known(value)) return;
  registerSecret(value);
  registerSecret(value.trim());
  for (const piece of value.split(/\s+/)) if (piece.length >= 8 && !/^bearer$/i.test(piece) && !known(piece)) registerSecret(piece);
}

/** `$NAME`, `%NAME%`, `$env:NAME`: shell syntax for a variable, which no client expands in its config file. */
const UNEXPANDED_NAME = /^(?:\$[A-Za-z_][A-Za-z0-9_]*|%[^%\s]+%|\$env:[A-Za-z_][A-Za-z0-9_]*)$/i;

const SCHEME_WORDS = /^(?:basic|token|digest|apikey|api-key|bearer:|bearer)$/i;

/**
 * Judge a resolved Authorization header value. Returns the token when there is a usable one.
 * `what` names where the value sits, for messages ("the Authorization header").
 */
export function judgeAuthorization(value: string): { token?: string; findings: Finding[] } {
  remember(value);
  const v = value.trim();
  const tokenMissing = (text: string, code: string): { token?: string; findings: Finding[] } => ({
    findings: [{ status: 'fail', code, text, remedy: 'token-missing' }],
  });
  if (v === '') return tokenMissing('the Authorization header is empty', 'token-empty');
  const m = /^(\S+)(\s+)([\s\S]*)$/.exec(v);
  if (!m) {
    if (/^bearer:?$/i.test(v)) return tokenMissing('the Authorization header says "Bearer" but has no token after it', 'token-empty');
    if (isPlaceholder(v)) return tokenMissing(`the token ${placeholderText(v)}`, 'token-placeholder');
    return {
      token: v,
      findings: [{
        status: 'fail',
        code: 'token-no-scheme',
        text: 'the Authorization header has no "Bearer " in front of the token; write it as "Bearer <token>"',
        remedy: 'token-missing',
      }],
    };
  }
  const [, scheme, , rest] = m as unknown as [string, string, string, string];
  if (!/^bearer$/i.test(scheme)) {
    if (isPlaceholder(v)) return tokenMissing(`the token ${placeholderText(v)}`, 'token-placeholder');
    const named = SCHEME_WORDS.test(scheme) ? `uses "${scheme}"` : 'does not start with "Bearer "';
    return {
      findings: [{
        status: 'fail',
        code: 'token-wrong-scheme',
        text: `the Authorization header ${named}; Agent Gateway expects "Bearer <token>"`,
        remedy: 'token-missing',
      }],
    };
  }
  const token = rest;
  if (/^bearer\b/i.test(token)) {
    remember(token.replace(/^bearer\s*/i, ''));
    return {
      findings: [{
        status: 'fail',
        code: 'token-double-bearer',
        text: 'the Authorization header says "Bearer" twice ("Bearer Bearer …"); keep one',
        remedy: 'token-missing',
      }],
    };
  }
  if (isPlaceholder(token)) return tokenMissing(`the token ${placeholderText(token)}`, 'token-placeholder');
  if (/\$\{[^}]*\}/.test(token)) return tokenMissing('the token still contains an unexpanded ${…} reference', 'token-unset');
  if (UNEXPANDED_NAME.test(token)) {
    return tokenMissing(
      'the token is the name of an environment variable ($NAME or %NAME%), not expanded: clients do not expand that syntax in their config; write the token itself (or a ${…} reference where the client supports one)',
      'token-unexpanded',
    );
  }
  if (/\s/.test(token)) {
    return {
      token,
      findings: [{ status: 'fail', code: 'token-whitespace', text: 'the token has whitespace inside it (a copy-paste accident?); a token is one unbroken string', remedy: 'token-missing' }],
    };
  }
  if (/["'`]/.test(token)) {
    return {
      token,
      findings: [{ status: 'fail', code: 'token-quotes', text: 'the token contains quote characters; remove the extra quotes around it', remedy: 'token-missing' }],
    };
  }
  return { token, findings: [] };
}

// ── URLs ─────────────────────────────────────────────────────────────────────────────────────────

export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h) || h === '0:0:0:0:0:0:0:1';
}

/** A URL safe to show: no user:password, query and fragment abbreviated. */
export function displayUrl(raw: string): string {
  try {
    const u = new URL(raw.trim());
    u.username = '';
    u.password = '';
    const s = `${u.protocol}//${u.host}${u.pathname === '/' ? '' : u.pathname}`;
    return s + (u.search ? '?…' : '') + (u.hash ? '#…' : '');
  } catch {
    const t = raw.trim();
    return t.length > 80 ? `${t.slice(0, 77)}…` : t;
  }
}

export interface UrlVerdict {
  /** normalized https://{uuid}.mcp.tray.ai when valid, else the URL as shown to the user */
  url: string;
  workspaceId?: string;
  findings: Finding[];
  /** the client could connect somewhere with it (valid, or a loopback test server) and it is safe to probe */
  reachable: boolean;
}

const bad = (code: string, text: string): Finding => ({ status: 'fail', code, text, remedy: 'workspace-id-invalid' });

/** Judge the URL of a Tray entry: exactly https://{uuid}.mcp.tray.ai (a trailing slash is fine). */
export function judgeUrl(
  rawUrl: string | undefined,
  entryEnv: Readonly<Record<string, unknown>> | undefined,
  vars: Readonly<Record<string, string | undefined>>,
  form: 'remote' | 'command',
): UrlVerdict {
  if (rawUrl === undefined || rawUrl.trim() === '') {
    const where = form === 'command' ? 'no server URL after mcp-remote in args' : 'no "url"';
    return { url: '', findings: [bad('url-missing', `the entry has ${where}; expected https://<workspace-id>.mcp.tray.ai`)], reachable: false };
  }
  const r = resolveRefs(rawUrl, entryEnv, vars);
  if (r.kind === 'input') {
    return { url: displayUrl(rawUrl), findings: [{ status: 'warn', code: 'url-input', text: `the URL comes from \${input:${r.ids[0]}}, which VS Code asks for at start-up; it cannot be checked here` }], reachable: false };
  }
  if (r.kind === 'unset') {
    return { url: displayUrl(rawUrl), findings: [bad('url-unset', `the URL uses \${${r.vars[0]}}, which is not set`)], reachable: false };
  }
  const text = r.value.trim();
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return { url: displayUrl(text), findings: [bad('url-invalid', `"${displayUrl(text)}" is not a valid URL; expected https://<workspace-id>.mcp.tray.ai`)], reachable: false };
  }
  const shown = displayUrl(text);
  const host = u.hostname.toLowerCase().replace(/\.$/, '');
  if (u.protocol !== 'https:' && u.protocol !== 'http:') {
    return { url: shown, findings: [bad('url-scheme', `the URL uses ${u.protocol}; expected https://<workspace-id>.mcp.tray.ai`)], reachable: false };
  }
  if (isLoopbackHost(host)) {
    return {
      url: u.toString(),
      findings: [{
        status: 'warn',
        code: 'url-loopback',
        text: `the URL points at this machine (${shown}), not at Tray's Agent Gateway; fine for a local proxy or a test server`,
        remedy: 'workspace-id-invalid',
      }],
      reachable: true,
    };
  }
  if (u.protocol === 'http:') {
    return {
      url: shown,
      workspaceId: workspaceOf(host),
      findings: [{ status: 'fail', code: 'insecure-url', text: `the URL is plain http (${shown}): the token would travel unencrypted; use https://`, remedy: 'insecure-url' }],
      reachable: false,
    };
  }
  const findings: Finding[] = [];
  const m = /^([^.]+)\.mcp\.tray\.ai$/.exec(host);
  let workspaceId: string | undefined;
  if (!m) {
    if (/(?:^|\.)tray\.(?:ai|io)$/.test(host)) findings.push(bad('url-host', `the host is ${host}; the Agent Gateway host is <workspace-id>.mcp.tray.ai`));
    else findings.push(bad('url-not-tray', `the URL (${shown}) does not point at Tray's Agent Gateway (https://<workspace-id>.mcp.tray.ai)`));
  } else {
    workspaceId = m[1]!;
    if (!isUuid(workspaceId)) findings.push(bad('workspace-id-not-uuid', `the workspace id "${workspaceId}" is not a UUID (like 12345678-abcd-1234-ef56-0123456789ab)`));
  }
  if (u.username || u.password) findings.push(bad('url-userinfo', 'the URL has a user name or password in it; remove it'));
  if (u.port) findings.push(bad('url-port', `the URL has a port (:${u.port}); use https://<workspace-id>.mcp.tray.ai without one`));
  if (u.pathname !== '/' && u.pathname !== '') findings.push(bad('url-path', `the URL has a path (${u.pathname}); the server URL is exactly https://<workspace-id>.mcp.tray.ai`));
  if (u.search || u.hash) findings.push(bad('url-query', 'the URL has a query or fragment; the server URL is exactly https://<workspace-id>.mcp.tray.ai'));
  const valid = findings.length === 0 && workspaceId !== undefined;
  return {
    url: valid ? `https://${workspaceId!.toLowerCase()}.mcp.tray.ai` : shown,
    workspaceId: workspaceId && isUuid(workspaceId) ? workspaceId.toLowerCase() : workspaceId,
    findings,
    reachable: valid,
  };
}

function workspaceOf(host: string): string | undefined {
  const m = /^([^.]+)\.mcp\.tray\.ai$/.exec(host);
  return m ? m[1] : undefined;
}

// ── shapes each client accepts ──────────────────────────────────────────────────────────────────

const unsupported = (code: string, text: string, status: FindingStatus = 'fail'): Finding => ({
  status,
  code,
  text,
  remedy: 'client-entry-unsupported',
});

/**
 * Is this entry's shape one its client uses? Sources (docs/checks.md lists them):
 * Claude Desktop's file runs only command servers (it skips url entries as "not valid MCP server
 * configurations"); Claude Code rejects url entries without "type"; Cursor reads `url`; Windsurf
 * reads `serverUrl` or `url`; VS Code documents `type` as required; Cline treats a url entry without
 * "type" as legacy SSE and knows only stdio, sse and streamableHttp.
 */
export function judgeShape(c: Candidate): Finding[] {
  const out: Finding[] = [];
  if (c.form === 'command') {
    if (c.bridge === 'other') {
      const cmd = String(c.raw.command ?? '').split(/[\\/]/).pop();
      out.push({ status: 'warn', code: 'bridge-unknown', text: `the entry runs ${cmd}, not mcp-remote; tray-mcp cannot tell how it sends the token` });
    }
    return out;
  }
  const type = typeof c.raw.type === 'string' ? c.raw.type : undefined;
  const hasType = c.raw.type !== undefined;
  switch (c.client) {
    case 'claude':
      out.push(unsupported('shape-claude-url', `Claude Desktop's config file takes only command-based servers and skips "${c.urlKey ?? 'url'}" entries; use the npx mcp-remote form`));
      break;
    case 'claude-code':
      if (c.urlKey === 'serverUrl') out.push(unsupported('shape-serverurl', 'Claude Code reads "url", not "serverUrl"'));
      if (!hasType) out.push(unsupported('shape-no-type', 'the entry has no "type": "http"; Claude Code rejects url entries without it'));
      else if (type === 'sse') out.push(unsupported('shape-sse', 'the entry uses the legacy "type": "sse"; use "type": "http"', 'warn'));
      else if (type !== 'http' && type !== 'streamable-http') out.push(unsupported('shape-type', `"type": ${JSON.stringify(c.raw.type)} is not one Claude Code knows; use "type": "http"`));
      break;
    case 'cursor':
      if (c.urlKey === 'serverUrl') out.push(unsupported('shape-serverurl', 'Cursor reads "url", not "serverUrl"'));
      break;
    case 'windsurf':
      break;
    case 'vscode':
      if (c.urlKey === 'serverUrl') out.push(unsupported('shape-serverurl', 'VS Code reads "url", not "serverUrl"'));
      if (!hasType) out.push(unsupported('shape-no-type', 'the entry has no "type"; VS Code documents "type": "http" as required for url servers', 'warn'));
      else if (type === 'sse') out.push(unsupported('shape-sse', 'the entry uses the legacy "type": "sse"; use "type": "http"', 'warn'));
      else if (type !== 'http') out.push(unsupported('shape-type', `"type": ${JSON.stringify(c.raw.type)} is not one VS Code knows; use "type": "http"`));
      break;
    case 'cline':
      if (c.urlKey === 'serverUrl') out.push(unsupported('shape-serverurl', 'Cline reads "url", not "serverUrl"'));
      if (!hasType || type === 'sse') {
        out.push(unsupported('shape-cline-sse', `the entry has ${hasType ? '"type": "sse"' : 'no "type"'}, so Cline uses the legacy SSE transport; set "type": "streamableHttp"`));
      } else if (type !== 'streamableHttp') {
        out.push(unsupported('shape-type', `"type": ${JSON.stringify(c.raw.type)} is not one Cline knows (stdio, sse, streamableHttp); use "type": "streamableHttp"`));
      }
      break;
  }
  return out;
}

// ── the whole entry ──────────────────────────────────────────────────────────────────────────────

export interface Inspection {
  candidate: Candidate;
  url: string;
  workspaceId?: string;
  token?: string;
  /** the token is written in the file itself (not read from the environment) */
  tokenInFile: boolean;
  disabled: boolean;
  /** the client would use the entry as it stands (shape, URL) and it is safe to probe */
  usable: boolean;
  findings: Finding[];
}

/** Where the Authorization header of an entry comes from, as written (before ${…} resolution). */
export function rawAuthorization(c: Candidate): { value?: string; findings: Finding[] } {
  if (c.form === 'remote') {
    const headers = c.raw.headers;
    if (headers === undefined) return { findings: [] };
    if (!isPlainObject(headers)) return { findings: [{ status: 'fail', code: 'headers-not-object', text: '"headers" is not an object of header names to values', remedy: 'token-missing' }] };
    const key = Object.keys(headers).find((k) => k.trim().toLowerCase() === 'authorization');
    if (key === undefined) return { findings: [] };
    const v = headers[key];
    if (typeof v !== 'string') return { findings: [{ status: 'fail', code: 'token-not-string', text: 'the Authorization header value is not a string', remedy: 'token-missing' }] };
    return { value: v, findings: [] };
  }
  if (c.bridge !== 'mcp-remote') return { findings: [] };
  const argv = [String(c.raw.command), ...strings(c.raw.args)];
  const findings: Finding[] = [];
  let value: string | undefined;
  for (let i = mcpRemoteIndex(argv) + 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a !== '--header' || i + 1 >= argv.length) continue;
    const h = argv[++i]!;
    // mcp-remote splits "Name:value" at the first colon; a name with a space is ignored.
    const m = /^([A-Za-z0-9_-]+):([\s\S]*)$/.exec(h);
    if (!m) {
      if (/^\s*authorization\s*:/i.test(h)) findings.push({ status: 'fail', code: 'header-malformed', text: 'the --header argument has a space before the colon; mcp-remote ignores it (write Authorization:${AUTH_HEADER})', remedy: 'token-missing' });
      continue;
    }
    if (m[1]!.toLowerCase() !== 'authorization') continue;
    value = m[2]!;
    if (/\s/.test(h)) {
      findings.push({
        status: 'warn',
        code: 'header-space',
        text: 'the --header argument contains spaces ("Authorization: Bearer …"); Cursor and Claude Desktop on Windows split it apart. Write "Authorization:${AUTH_HEADER}" and put "Bearer <token>" in env.AUTH_HEADER',
        remedy: 'client-entry-unsupported',
      });
    }
  }
  return { value, findings };
}

/** Everything about one candidate: URL, token, shape. Duplicates and stale files are judged by the caller. */
export function inspect(c: Candidate, vars: Readonly<Record<string, string | undefined>>): Inspection {
  const entryEnv = isPlainObject(c.raw.env) ? c.raw.env : undefined;
  const findings: Finding[] = [];
  const shape = judgeShape(c);
  const urlV = judgeUrl(c.rawUrl, entryEnv, vars, c.form);
  findings.push(...urlV.findings);

  let token: string | undefined;
  let tokenInFile = false;
  const auth = rawAuthorization(c);
  findings.push(...auth.findings);
  if (auth.value === undefined) {
    if (!auth.findings.some((f) => f.remedy === 'token-missing') && c.bridge !== 'other') {
      const how = c.form === 'command' ? 'no --header Authorization:… argument (mcp-remote would try an OAuth sign-in instead)' : 'no Authorization header';
      findings.push({ status: 'fail', code: 'token-absent', text: `the entry has ${how}`, remedy: 'token-missing' });
    }
  } else {
    const r = resolveRefs(auth.value, entryEnv, vars);
    if (r.kind === 'input') {
      if (c.client === 'vscode') {
        findings.push({ status: 'warn', code: 'token-input', text: `the token comes from \${input:${r.ids[0]}}: VS Code asks for it when the server starts, so it cannot be checked here` });
      } else {
        findings.push({ status: 'fail', code: 'token-input-unsupported', text: `the token uses \${input:${r.ids[0]}}, which only VS Code understands`, remedy: 'token-missing' });
      }
    } else if (r.kind === 'unset') {
      findings.push({ status: 'fail', code: 'token-unset', text: `the token comes from \${${r.vars[0]}}, which is not set (neither in the entry's "env" nor in this environment)`, remedy: 'token-missing' });
    } else {
      const j = judgeAuthorization(r.value);
      findings.push(...j.findings);
      token = j.token;
      tokenInFile = token !== undefined && !r.fromEnvironment;
    }
  }
  findings.push(...shape);

  const disabled = c.raw.disabled === true;
  if (disabled) findings.push({ status: 'warn', code: 'disabled', text: 'the entry is switched off ("disabled": true), so the client does not start it; set it to false to use it' });

  const shapeBlocks = shape.some((f) => f.status === 'fail');
  return {
    candidate: c,
    url: urlV.url,
    workspaceId: urlV.workspaceId,
    token,
    tokenInFile,
    disabled,
    usable: urlV.reachable && !shapeBlocks && !disabled,
    findings,
  };
}

// ── across entries ───────────────────────────────────────────────────────────────────────────────

/** The minimum the duplicate check needs to know about an entry. */
export interface DupKey {
  client: ClientId;
  name: string;
  workspaceId?: string;
  /** file shown to the user */
  file: string;
  where: string;
  /** not loaded by the client at all (stale location): never a clash */
  ignored?: boolean;
  /**
   * Which installation of the client loads the entry; entries of different instances are never
   * loaded together, so never clash. Default: one instance per client (its user and project
   * files together). Cline is one instance per editor it runs in (its settings file in VS Code's,
   * in Cursor's profile): see clientInstance().
   */
  instance?: string;
}

/** The installation of `client` that reads the file at `file`: for Cline, that file's editor; else the client. */
export function clientInstance(client: ClientId, file: string): string {
  return client === 'cline' ? `cline:${file}` : client;
}

/**
 * Clashes inside one client instance: the same server name in two places (one hides the other), or the
 * same workspace under two names (its tools appear twice). Claude Code's projects[dir] maps of
 * different directories are never loaded together, so they do not clash with each other.
 * Returns, per index of `keys`, the findings to add.
 */
export function duplicateFindings(keys: readonly DupKey[]): Finding[][] {
  // Linear in the number of entries (a hostile file may hold 10,000): entries are grouped by client
  // instance, then by name and by workspace; counts come from tallies, and each message names at
  // most DUP_SHOWN other places ("and N more"), found by a bounded scan.
  const DUP_SHOWN = 5;
  const SCAN = 64;
  const out: Finding[][] = keys.map(() => []);
  const proj = (k: DupKey) => (k.where.startsWith('projects[') ? k.where : undefined);
  // Claude Code's projects[dir] maps of different directories are never loaded together.
  const apart = (a: DupKey, b: DupKey) => proj(a) !== undefined && proj(b) !== undefined && proj(a) !== proj(b);
  const place = (k: DupKey) => (k.where && k.where !== 'mcpServers' && k.where !== 'servers' ? `${k.file} (${k.where})` : k.file);
  const list = (xs: string[], more: number) =>
    xs.length === 0 ? `${more} other place${more === 1 ? '' : 's'}` : [...new Set(xs)].join(', ') + (more > 0 ? ` and ${more} more` : '');
  interface Bucket { members: number[]; inProjects: number; perProject: Map<string, number> }
  const bucket = (m: Map<string, Bucket>, key: string, i: number) => {
    let b = m.get(key);
    if (!b) m.set(key, (b = { members: [], inProjects: 0, perProject: new Map() }));
    b.members.push(i);
    const p = proj(keys[i]!);
    if (p !== undefined) {
      b.inProjects++;
      b.perProject.set(p, (b.perProject.get(p) ?? 0) + 1);
    }
  };
  /** members of `b` loaded together with `a` (not in another project map) */
  const together = (b: Bucket, a: DupKey) => b.members.length - (proj(a) === undefined ? 0 : b.inProjects - (b.perProject.get(proj(a)!) ?? 0));
  const byName = new Map<string, Bucket>();
  const byWorkspace = new Map<string, Bucket>();
  const byWorkspaceName = new Map<string, Bucket>();
  keys.forEach((k, i) => {
    if (k.ignored) return;
    const group = `${k.client}\u0000${k.instance ?? k.client}`;
    bucket(byName, `${group}\u0000${k.name}`, i);
    if (k.workspaceId) {
      const ws = `${group}\u0000${k.workspaceId.toLowerCase()}`;
      bucket(byWorkspace, ws, i);
      bucket(byWorkspaceName, `${ws}\u0000${k.name}`, i);
    }
  });
  keys.forEach((a, i) => {
    if (a.ignored) return;
    const group = `${a.client}\u0000${a.instance ?? a.client}`;
    // Same name elsewhere (the same file and map cannot hold one name twice: that is the entry itself).
    const named = byName.get(`${group}\u0000${a.name}`)!;
    const sameNameCount = together(named, a) - 1; // not itself
    if (sameNameCount > 0) {
      const shown: string[] = [];
      for (const j of named.members.slice(0, SCAN)) {
        const b = keys[j]!;
        if (j === i || apart(a, b) || (b.file === a.file && b.where === a.where)) continue;
        if (shown.length < DUP_SHOWN) shown.push(place(b));
      }
      const text = sameNameCount === 1 && shown.length === 1
        ? `another entry named "${a.name}" is in ${shown[0]}; one hides the other`
        : `other entries named "${a.name}" are in ${list(shown, sameNameCount - shown.length)}; one hides the other`;
      out[i]!.push({ status: 'warn', code: 'duplicate-name', text, remedy: 'multiple-workspaces' });
    }
    // The same workspace under another name.
    if (a.workspaceId) {
      const ws = `${group}\u0000${a.workspaceId.toLowerCase()}`;
      const all = byWorkspace.get(ws)!;
      const sameNameHere = byWorkspaceName.get(`${ws}\u0000${a.name}`)!;
      const count = together(all, a) - together(sameNameHere, a);
      if (count > 0) {
        const shown: string[] = [];
        let scanned = 0;
        for (const j of all.members) {
          if (shown.length >= DUP_SHOWN || scanned++ >= SCAN) break;
          const b = keys[j]!;
          if (b.name === a.name || apart(a, b)) continue;
          shown.push(`"${b.name}" in ${place(b)}`);
        }
        out[i]!.push({ status: 'warn', code: 'duplicate-workspace', text: `the same workspace is also configured as ${list(shown, count - shown.length)}; its tools will appear ${count === 1 ? 'twice' : 'several times'}`, remedy: 'multiple-workspaces' });
      }
    }
  });
  return out;
}

// ── results ──────────────────────────────────────────────────────────────────────────────────────

const RANK: Record<string, number> = { pass: 0, skip: 1, warn: 2, fail: 3 };

/** The worst status among findings (pass when none). */
export function worst(findings: readonly Finding[]): 'pass' | FindingStatus {
  let s: 'pass' | FindingStatus = 'pass';
  for (const f of findings) if (RANK[f.status]! > RANK[s]!) s = f.status;
  return s;
}

/** Remedy ids of the findings, most severe first, each once. */
export function remediesOf(findings: readonly Finding[]): string[] {
  const sorted = [...findings].sort((a, b) => RANK[b.status]! - RANK[a.status]!);
  return [...new Set(sorted.map((f) => f.remedy).filter((r): r is string => Boolean(r)))];
}
