// Agent Gateway entries inside a parsed client config: which entries are Tray's, what URL and token
// they carry once the client's own variable syntax is resolved, whether the entry's shape is one its
// client accepts, and the entry setup writes. Pure logic over the client specs (src/clients/): the
// tray-servers and config-schema checks, setup and list all use it.
//
// A token is registered with registerSecret() the moment it is resolved, and is never put into a
// finding's text: findings say what is wrong ("a placeholder", "whitespace inside"), never the value.
import { CLIENTS, isPlainObject, serverMaps, type ClientId } from '../clients/catalog.js';
import type { ClientSpec, CommandSpec, RemoteForm, VariableSyntax } from '../clients/types.js';
import { registerSecret } from '../lib/secrets.js';
import { isUuid } from '../lib/uuid.js';
import { isKnownPlaceholder, placeholderText, splitAuthorization, tokenProblem } from './token.js';
import type { Platform } from '../lib/environment.js';
import type { RemedyId } from '../remedies/catalog.js';
import { displayUrl, gatewayUrl, isHeadlessUrl, isLoopbackHost, urlLooksTray, workspaceLabelOf } from './url.js';

export type FindingStatus = 'warn' | 'fail' | 'skip';

/** One thing wrong (or noteworthy) with an entry. `code` is stable (details.problems); `text` is for people. */
export interface Finding {
  status: FindingStatus;
  code: string;
  text: string;
  /** remedy id from the catalog, if one fits */
  remedy?: RemedyId;
}

/** Every key a client uses for a remote server's URL. */
export const URL_KEYS = ['url', 'serverUrl', 'httpUrl', 'uri'] as const;
export type UrlKey = (typeof URL_KEYS)[number];

/** A server entry that targets Tray (by URL, or by name with a URL-ish shape). */
export interface Candidate {
  client: ClientId;
  name: string;
  /** human path of the server map inside the document, e.g. "mcpServers" or "projects[/dir].mcpServers" */
  where: string;
  /** the project folder of a per-project map (Claude Code's local scope) */
  project?: string;
  /** JSON path of the entry inside the document (for line numbers) */
  jsonPath: (string | number)[];
  raw: Record<string, unknown>;
  /** `remote`: a URL entry the client connects to itself; `command`: a local bridge process */
  form: 'remote' | 'command';
  /** which key carries the URL of a remote entry */
  urlKey?: UrlKey;
  /** the bridge a command entry runs */
  bridge?: 'mcp-remote' | 'other';
  /** the URL as written (may contain ${…}); undefined when the entry has none */
  rawUrl?: string;
  /** a command entry's command and arguments (Zed's older { command: { path, args } } form too) */
  argv?: string[];
  /** a command entry's environment block */
  env?: Record<string, unknown>;
}

// ── finding entries ──────────────────────────────────────────────────────────────────────────────

const MCP_REMOTE = /(?:^|[\\/@])mcp-remote(?:@[^\\/]*)?$|mcp-remote[\\/](?:dist[\\/])?proxy\.[cm]?js$/i;

/** A name that says "Tray": tray-workspace, Tray, prod_tray, trayio; not ashtray or stray. */
export function nameLooksTray(name: string): boolean {
  // "tray" as a word of the name (tray, tray-workspace, prod_tray, trayio, TrayAI), not a prefix of another word (traymond, ashtray)
  return /(?:^|[^a-z0-9])tray(?:io|ai|\.io|\.ai)?(?![a-z])/i.test(name);
}

const strings = (x: unknown): string[] => (Array.isArray(x) ? x.filter((a): a is string => typeof a === 'string') : []);

/** Index in [command, ...args] of the mcp-remote package/script, or -1. */
export function mcpRemoteIndex(argv: readonly string[]): number {
  return argv.findIndex((a) => MCP_REMOTE.test(a.trim()));
}

const COMMAND_DEFAULT: CommandSpec = { commandKey: 'command', argsKey: 'args', envKey: 'env' };

/**
 * A command entry's argv and env, read the way the client's spec says: { command, args, env };
 * Goose's { cmd, args, envs }; OpenCode's { command: [program, ...args], environment }; or Zed's
 * older { command: { path, args, env } }. undefined when the entry runs no command.
 */
export function commandOf(value: Record<string, unknown>, spec: CommandSpec = COMMAND_DEFAULT): { argv: string[]; env?: Record<string, unknown> } | undefined {
  const cmd = value[spec.commandKey];
  const env = isPlainObject(value[spec.envKey]) ? (value[spec.envKey] as Record<string, unknown>) : undefined;
  if (spec.argv && Array.isArray(cmd)) {
    const argv = strings(cmd);
    return argv.length ? { argv, env } : undefined;
  }
  if (typeof cmd === 'string') return { argv: [cmd, ...(spec.argsKey ? strings(value[spec.argsKey]) : [])], env };
  if (isPlainObject(cmd) && typeof cmd.path === 'string') {
    return { argv: [cmd.path, ...strings(cmd.args)], env: isPlainObject(cmd.env) ? cmd.env : undefined };
  }
  return undefined;
}

/**
 * The entry with its argv (and env, when given) written back in the shape it was read from by
 * commandOf: every other key of the entry stays.
 */
export function withCommand(value: Record<string, unknown>, spec: CommandSpec, argv: readonly string[], env?: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...value };
  const cmd = value[spec.commandKey];
  if (isPlainObject(cmd) && typeof cmd.path === 'string') {
    out[spec.commandKey] = { ...cmd, path: argv[0], args: argv.slice(1), ...(env ? { env } : {}) };
    return out;
  }
  if (spec.argv) out[spec.commandKey] = [...argv];
  else {
    out[spec.commandKey] = argv[0];
    out[spec.argsKey ?? 'args'] = argv.slice(1);
  }
  if (env) out[spec.envKey] = env;
  return out;
}

/** The mcp-remote version tray-mcp pins when it writes or fixes a bridge entry (checked: claude.ts). */
export const BRIDGE_VERSION = '0.1.38';

/** Whether an entry is a command entry for its client (its command key is there, in any form). */
export function isCommandEntry(client: ClientId, value: Record<string, unknown>): boolean {
  return value[CLIENTS[client].command.commandKey] !== undefined;
}

/** Whether an entry's `type` is one the client has for things that are neither a command nor a URL (Goose: builtin). */
export function isOtherType(client: ClientId, value: Record<string, unknown>): boolean {
  const other = CLIENTS[client].otherTypes;
  return other !== undefined && typeof value.type === 'string' && other.includes(value.type);
}

/** The object under a (possibly dotted) key: headersAt(raw, 'requestOptions.headers'). */
export function valueAt(raw: Record<string, unknown>, key: string): unknown {
  let v: unknown = raw;
  for (const k of key.split('.')) {
    if (!isPlainObject(v)) return undefined;
    v = v[k];
  }
  return v;
}

/** Classify one server-map value; undefined when it is not a Tray entry. */
export function classify(
  client: ClientId,
  name: string,
  where: string,
  jsonPath: (string | number)[],
  value: unknown,
  project?: string,
): Candidate | undefined {
  if (!isPlainObject(value) || isOtherType(client, value)) return undefined;
  const base = { client, name, where, jsonPath, raw: value, ...(project !== undefined ? { project } : {}) };
  const cmd = commandOf(value, CLIENTS[client].command);
  if (cmd) {
    const { argv, env } = cmd;
    const at = mcpRemoteIndex(argv);
    if (at >= 0) {
      // mcp-remote's first positional argument is the server URL.
      const rawUrl = argv.slice(at + 1).find((a) => !a.startsWith('-'));
      if (urlLooksTray(rawUrl) || nameLooksTray(name)) return { ...base, form: 'command', bridge: 'mcp-remote', rawUrl, argv, env };
      return undefined;
    }
    // Another bridge (supergateway, mcp-proxy, …) pointed at Tray.
    const trayArg = argv.find((a) => urlLooksTray(a) && /^[a-z][a-z0-9+.-]*:\/\//i.test(a.trim()));
    if (trayArg) return { ...base, form: 'command', bridge: 'other', rawUrl: trayArg, argv, env };
    return undefined;
  }
  const urlKey = URL_KEYS.find((k) => typeof value[k] === 'string');
  const rawUrl = urlKey ? (value[urlKey] as string) : undefined;
  if (urlLooksTray(rawUrl) || nameLooksTray(name)) return { ...base, form: 'remote', urlKey, rawUrl };
  return undefined;
}

/** Every Tray entry in a parsed config of `client`, in every server map (projects[dir] too). */
export function findCandidates(client: ClientId, doc: unknown): Candidate[] {
  const out: Candidate[] = [];
  for (const map of serverMaps(client, doc)) {
    for (const [name, value] of Object.entries(map.servers)) {
      const c = classify(client, name, map.where, map.entryPath(name), value, map.project);
      if (c) out.push(c);
    }
  }
  return out;
}

// ── variables ────────────────────────────────────────────────────────────────────────────────────

export type Resolution =
  | { kind: 'value'; value: string; /** a value came from the process environment, not the file */ fromEnvironment: boolean }
  | { kind: 'unset'; /** the references as written, e.g. "${TRAY_TOKEN}" or "${env:TRAY_TOKEN}" */ vars: string[] }
  /** a value the client fills in from elsewhere, which cannot be checked here: a prompt, a file, a secret store */
  | { kind: 'input'; ids: string[]; syntax: '${input:ID}' | '{file:PATH}' | '${{ secrets.NAME }}' }
  | { kind: 'unsupported'; /** the reference as written and the syntax the client would need */ written: string; want?: string };

/**
 * Every variable reference a client might mean: Continue's ${{ secrets.NAME }}, ${…} (all forms),
 * OpenCode's {env:NAME} and {file:PATH}, and bare $NAME.
 */
const REF = /\$\{\{\s*secrets\.([A-Za-z0-9_.-]+)\s*\}\}|\$\{([^}]*)\}|\{(env|file):([^}]+)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

/** The syntax of one reference as written (groups of REF). */
function syntaxOf(secret: string | undefined, inner: string | undefined, braced: string | undefined, bare: string | undefined): VariableSyntax {
  if (secret !== undefined) return '${{ secrets.NAME }}';
  if (braced === 'env') return '{env:VAR}';
  if (braced === 'file') return '{file:PATH}';
  if (bare !== undefined) return '$VAR';
  if (inner!.startsWith('env:')) return '${env:VAR}';
  if (inner!.startsWith('input:')) return '${input:ID}';
  if (inner!.includes(':-')) return '${VAR:-default}';
  return '${VAR}';
}

/** How to write a reference to `name` in a client's own syntax (for messages), if it has one. */
function preferredSyntax(syntaxes: readonly VariableSyntax[], name: string): string | undefined {
  if (syntaxes.includes('${env:VAR}')) return `\${env:${name}}`;
  if (syntaxes.includes('${VAR}')) return `\${${name}}`;
  if (syntaxes.includes('{env:VAR}')) return `{env:${name}}`;
  if (syntaxes.includes('$VAR')) return `$${name}`;
  if (syntaxes.includes('${{ secrets.NAME }}')) return `\${{ secrets.${name} }}`;
  return undefined;
}

/**
 * Resolve the variable references in `text` the way `syntaxes` says a program expands them: the
 * entry's own `env` block first (mcp-remote sees it as its environment; it is not a client syntax),
 * then `vars` (the environment). A reference in a syntax the program does not expand is reported
 * (`unsupported`): the program would use it literally. A bare `$NAME` is only a reference where the
 * program expands that syntax; elsewhere it is plain text.
 */
export function resolveRefs(
  text: string,
  syntaxes: readonly VariableSyntax[],
  entryEnv: Readonly<Record<string, unknown>> | undefined,
  vars: Readonly<Record<string, string | undefined>>,
  depth = 0,
): Resolution {
  const unset: string[] = [];
  const inputs: string[] = [];
  let inputSyntax: Extract<Resolution, { kind: 'input' }>['syntax'] | undefined;
  let unsupported: { written: string; want?: string } | undefined;
  let fromEnvironment = false;
  const value = text.replace(REF, (whole, secret: string | undefined, inner: string | undefined, braced: string | undefined, bracedName: string | undefined, bare: string | undefined) => {
    const syntax = syntaxOf(secret, inner, braced, bare);
    if (syntax === '$VAR' && !syntaxes.includes('$VAR')) return whole; // plain text to this program
    const name =
      secret ??
      bracedName?.trim() ??
      bare ??
      (syntax === '${env:VAR}' ? inner!.slice(4) : syntax === '${VAR:-default}' ? inner!.slice(0, inner!.indexOf(':-')) : syntax === '${input:ID}' ? inner!.slice(6) : inner!);
    if (!syntaxes.includes(syntax)) {
      // {…} without a dollar is plain text to a program that does not know it, unless it reads like {env:NAME}
      if (syntax === '{file:PATH}') return whole;
      const fromElsewhere = syntax === '${input:ID}' || syntax === '${{ secrets.NAME }}';
      unsupported ??= { written: whole, want: fromElsewhere ? undefined : preferredSyntax(syntaxes, name) };
      return whole;
    }
    if (syntax === '${input:ID}' || syntax === '{file:PATH}' || syntax === '${{ secrets.NAME }}') {
      inputs.push(name);
      inputSyntax ??= syntax;
      return whole;
    }
    const fallback = syntax === '${VAR:-default}' ? inner!.slice(inner!.indexOf(':-') + 2) : undefined;
    const own = syntax !== '${env:VAR}' && syntax !== '{env:VAR}' && entryEnv && typeof entryEnv[name] === 'string' ? (entryEnv[name] as string) : undefined;
    if (own !== undefined) {
      if (depth < 1 && /\$\{[^}]*\}/.test(own)) {
        const again = resolveRefs(own, syntaxes, entryEnv, vars, depth + 1);
        if (again.kind === 'value') {
          fromEnvironment ||= again.fromEnvironment;
          return again.value;
        }
        if (again.kind === 'unset') unset.push(...again.vars);
        else if (again.kind === 'input') {
          inputs.push(...again.ids);
          inputSyntax ??= again.syntax;
        } else unsupported ??= again;
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
    unset.push(whole); // as written, so the user finds it in the file
    return whole;
  });
  if (unsupported) return { kind: 'unsupported', ...(unsupported as { written: string; want?: string }) };
  if (inputs.length) return { kind: 'input', ids: inputs, syntax: inputSyntax! };
  if (unset.length) return { kind: 'unset', vars: unset };
  return { kind: 'value', value, fromEnvironment };
}

/**
 * Whether a client would change a literal token in its Authorization header: it contains a
 * variable reference in a syntax the client expands there (Gemini CLI replaces $NAME and ${NAME}).
 */
export function clientWouldExpand(client: ClientId, token: string): boolean {
  const spec = CLIENTS[client];
  const syntaxes = spec.remote && spec.setup.entry === 'remote' ? (spec.variables.places.includes('headers') ? spec.variables.syntaxes : []) : commandSyntaxes(spec);
  const r = resolveRefs(`Bearer ${token}`, syntaxes, undefined, {});
  return r.kind !== 'value' || r.value !== `Bearer ${token}`;
}

/** Whether text holds a reference in any syntax (so it is not a literal value). */
export function hasReference(text: string): boolean {
  return /\$\{[^}]*\}|\{(?:env|file):[^}]+\}/.test(text);
}

/** What a reference the client fills in from elsewhere (see Resolution 'input') is, in words. */
export function inputWords(r: Extract<Resolution, { kind: 'input' }>, client: string): string {
  const id = r.ids[0];
  switch (r.syntax) {
    case '${input:ID}':
      return `\${input:${id}}: ${client} asks for it when the server starts`;
    case '{file:PATH}':
      return `{file:${id}}: ${client} reads it from that file when it loads its config`;
    case '${{ secrets.NAME }}':
      return `\${{ secrets.${id} }}: ${client} reads it from its .env files (~/.continue/.env, the workspace's .env)`;
  }
}

// ── tokens ───────────────────────────────────────────────────────────────────────────────────────

/** Register a value that may be a token (exact known placeholders are not secrets and stay readable). */
function remember(value: string | undefined): void {
  if (!value || isKnownPlaceholder(value)) return;
  registerSecret(value);
  registerSecret(value.trim());
  for (const piece of value.split(/\s+/)) if (piece.length >= 8 && !/^bearer$/i.test(piece) && !isKnownPlaceholder(piece)) registerSecret(piece);
}

const SCHEME_WORDS = /^(?:basic|token|digest|apikey|api-key|bearer:|bearer)$/i;

const tokenFail = (code: string, text: string): Finding => ({ status: 'fail', code, text, remedy: 'token-missing' });

/** The finding for a bare token that setup would refuse (the one rule: gateway/token.ts). */
function tokenFinding(token: string): Finding | undefined {
  switch (tokenProblem(token)) {
    case undefined:
      return undefined;
    case 'empty':
      return tokenFail('token-empty', 'the Authorization header says "Bearer" but has no token after it');
    case 'placeholder':
      return tokenFail('token-placeholder', `the token ${placeholderText(token)}`);
    case 'unset-reference':
      return tokenFail('token-unset', 'the token still contains an unexpanded ${…} reference');
    case 'unexpanded':
      return tokenFail(
        'token-unexpanded',
        'the token is the name of an environment variable ($NAME or %NAME%), not expanded: clients do not expand that syntax in their config; write the token itself (or a ${…} reference where the client supports one)',
      );
    case 'whitespace':
    case 'control':
      return tokenFail('token-whitespace', 'the token has whitespace inside it (a copy-paste accident?); a token is one unbroken string');
    case 'quoted':
      return tokenFail('token-quotes', 'the token contains quote characters; remove the extra quotes around it');
    case 'double-bearer':
      return tokenFail('token-double-bearer', 'the Authorization header says "Bearer" twice ("Bearer Bearer …"); keep one');
  }
}

/**
 * Judge a resolved Authorization header value. Returns the token when there is a usable one (or one
 * whose only problem is its form, so that it is still registered and fingerprinted).
 */
export function judgeAuthorization(value: string): { token?: string; findings: Finding[] } {
  remember(value);
  const v = value.trim();
  if (v === '') return { findings: [tokenFail('token-empty', 'the Authorization header is empty')] };
  const { scheme, token } = splitAuthorization(v);
  if (scheme === undefined) {
    if (/^bearer:?$/i.test(v)) return { findings: [tokenFail('token-empty', 'the Authorization header says "Bearer" but has no token after it')] };
    const f = tokenFinding(v);
    if (f && f.code !== 'token-quotes') return { findings: [f] };
    return { token: v, findings: [tokenFail('token-no-scheme', 'the Authorization header has no "Bearer " in front of the token; write it as "Bearer <token>"')] };
  }
  if (!/^bearer$/i.test(scheme)) {
    const f = tokenFinding(v);
    if (f?.code === 'token-placeholder') return { findings: [f] };
    const named = SCHEME_WORDS.test(scheme) ? `uses "${scheme}"` : 'does not start with "Bearer "';
    return { findings: [tokenFail('token-wrong-scheme', `the Authorization header ${named}; Agent Gateway expects "Bearer <token>"`)] };
  }
  if (tokenProblem(token) === 'double-bearer') {
    remember(token.replace(/^bearer\s*/i, ''));
    return { findings: [tokenFail('token-double-bearer', 'the Authorization header says "Bearer" twice ("Bearer Bearer …"); keep one')] };
  }
  const f = tokenFinding(token);
  if (!f) return { token, findings: [] };
  // A token whose only fault is its form is still a token (fingerprinted, registered).
  const formOnly = f.code === 'token-whitespace' || f.code === 'token-quotes';
  return formOnly ? { token, findings: [f] } : { findings: [f] };
}

/** Judge a bare token (no "Bearer "), e.g. from Codex's bearer_token_env_var. */
export function judgeBareToken(value: string): { token?: string; findings: Finding[] } {
  remember(value);
  if (/^bearer\s/i.test(value.trim())) {
    return { findings: [tokenFail('token-double-bearer', 'the variable holds "Bearer <token>", but the client adds "Bearer " itself; put only the token in it')] };
  }
  const f = tokenFinding(value);
  if (!f) return { token: value.trim(), findings: [] };
  const formOnly = f.code === 'token-whitespace' || f.code === 'token-quotes';
  return formOnly ? { token: value.trim(), findings: [f] } : { findings: [f] };
}

// ── URLs ─────────────────────────────────────────────────────────────────────────────────────────

export interface UrlVerdict {
  /** normalized https://{uuid}.mcp.tray.ai when valid, else the URL as shown to the user */
  url: string;
  workspaceId?: string;
  /** Tray's Headless MCP server (OAuth2) rather than the Agent Gateway */
  headless?: boolean;
  findings: Finding[];
  /** the client could connect somewhere with it (valid, or a loopback test server) and it is safe to probe */
  reachable: boolean;
}

const bad = (code: string, text: string): Finding => ({ status: 'fail', code, text, remedy: 'workspace-id-invalid' });

/**
 * Judge the URL of a Tray entry: exactly https://{uuid}.mcp.tray.ai (a trailing slash is fine), or
 * Tray's Headless MCP server. Variables are never filled into a URL (a cloned project's config could
 * otherwise make doctor put the user's secrets into a request or a report): a URL with a reference
 * is reported, not resolved.
 */
export function judgeUrl(
  rawUrl: string | undefined,
  spec: Pick<ClientSpec, 'variables' | 'name'>,
  form: 'remote' | 'command',
  vars: Readonly<Record<string, string | undefined>>,
): UrlVerdict {
  if (rawUrl === undefined || rawUrl.trim() === '') {
    const where = form === 'command' ? 'no server URL after mcp-remote in args' : 'no "url"';
    return { url: '', findings: [bad('url-missing', `the entry has ${where}; expected https://<workspace-id>.mcp.tray.ai`)], reachable: false };
  }
  if (hasReference(rawUrl)) {
    const syntaxes = form === 'command' ? commandSyntaxes(spec) : spec.variables.syntaxes;
    const r = resolveRefs(rawUrl, syntaxes, undefined, vars);
    const shown = displayUrl(rawUrl);
    if (r.kind === 'input') {
      return { url: shown, findings: [{ status: 'warn', code: 'url-input', text: `the URL comes from ${inputWords(r, spec.name)}; it cannot be checked here` }], reachable: false };
    }
    if (r.kind === 'unsupported') return { url: shown, findings: [unsupportedVariable(spec.name, r, 'URL')], reachable: false };
    if (r.kind === 'unset') return { url: shown, findings: [bad('url-unset', `the URL uses ${r.vars[0]}, which is not set`)], reachable: false };
    return {
      url: shown,
      findings: [{ status: 'warn', code: 'url-variable', text: 'the URL is built from an environment variable; tray-mcp never fills variables into a URL, so it was neither checked nor probed: write the URL itself (https://<workspace-id>.mcp.tray.ai) to have it checked' }],
      reachable: false,
    };
  }
  const text = rawUrl.trim();
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return { url: displayUrl(text), findings: [bad('url-invalid', `"${displayUrl(text)}" is not a valid URL; expected https://<workspace-id>.mcp.tray.ai`)], reachable: false };
  }
  const shown = displayUrl(u);
  const host = u.hostname.toLowerCase().replace(/\.$/, '');
  if (u.protocol !== 'https:' && u.protocol !== 'http:') {
    return { url: shown, findings: [bad('url-scheme', `the URL uses ${u.protocol}; expected https://<workspace-id>.mcp.tray.ai`)], reachable: false };
  }
  if (isLoopbackHost(host)) {
    return {
      url: u.toString(),
      findings: [{ status: 'warn', code: 'url-loopback', text: `the URL points at this machine (${shown}), not at Tray's Agent Gateway; fine for a local proxy or a test server`, remedy: 'workspace-id-invalid' }],
      reachable: true,
    };
  }
  if (u.protocol === 'http:') {
    return {
      url: shown,
      workspaceId: workspaceLabelOf(host),
      findings: [{ status: 'fail', code: 'insecure-url', text: `the URL is plain http (${shown}): the token would travel unencrypted; use https://`, remedy: 'insecure-url' }],
      reachable: false,
    };
  }
  if (isHeadlessUrl(u)) return { url: `https://${host}/mcp`, headless: true, findings: [], reachable: true };
  const findings: Finding[] = [];
  const label = workspaceLabelOf(host);
  if (label === undefined) {
    if (/(?:^|\.)tray\.(?:ai|io)$/.test(host)) findings.push(bad('url-host', `the host is ${host}; the Agent Gateway host is <workspace-id>.mcp.tray.ai`));
    else findings.push(bad('url-not-tray', `the URL (${shown}) does not point at Tray's Agent Gateway (https://<workspace-id>.mcp.tray.ai)`));
  } else if (!isUuid(label)) {
    findings.push(bad('workspace-id-not-uuid', `the workspace id "${label}" is not a UUID (like 12345678-abcd-1234-ef56-0123456789ab)`));
  }
  if (u.username || u.password) findings.push(bad('url-userinfo', 'the URL has a user name or password in it; remove it'));
  if (u.port) findings.push(bad('url-port', `the URL has a port (:${u.port}); use https://<workspace-id>.mcp.tray.ai without one`));
  if (u.pathname !== '/' && u.pathname !== '') findings.push(bad('url-path', `the URL has a path (${u.pathname}); the server URL is exactly https://<workspace-id>.mcp.tray.ai`));
  if (u.search || u.hash) findings.push(bad('url-query', 'the URL has a query or fragment; the server URL is exactly https://<workspace-id>.mcp.tray.ai'));
  const valid = findings.length === 0 && label !== undefined;
  return {
    url: valid ? gatewayUrl(label!) : shown,
    workspaceId: label && isUuid(label) ? label.toLowerCase() : label,
    findings,
    reachable: valid,
  };
}

function unsupportedVariable(client: string, r: { written: string; want?: string }, place: string): Finding {
  const fix = r.want ? `; write ${r.want} instead` : '; write the value itself';
  return {
    status: 'fail',
    code: 'variable-unsupported',
    text: `the ${place} uses ${r.written}, which ${client} does not expand (it would use the text as written)${fix}`,
    remedy: 'token-missing',
  };
}

/**
 * The syntaxes that reach a command entry's arguments: the client's own (in args), then mcp-remote
 * expands ${VAR} in its --header values from its environment (the client's plus the entry's env).
 */
function commandSyntaxes(spec: Pick<ClientSpec, 'variables'>): VariableSyntax[] {
  const own = spec.variables.places.includes('args') ? spec.variables.syntaxes : [];
  return [...new Set<VariableSyntax>([...own, '${VAR}'])];
}

// ── shapes each client accepts ──────────────────────────────────────────────────────────────────

const unsupported = (code: string, text: string, status: FindingStatus = 'fail'): Finding => ({ status, code, text, remedy: 'client-entry-unsupported' });

/** The remote form an entry matches, by its URL key and `type`. */
export function matchForm(spec: ClientSpec, raw: Record<string, unknown>, urlKey: UrlKey | undefined): RemoteForm | undefined {
  if (!spec.remote || !urlKey) return undefined;
  const type = raw.type;
  return spec.remote.forms.find(
    (f) => f.urlKey === urlKey && (f.type === undefined || (f.type === null ? type === undefined : f.type === type)),
  );
}

/**
 * Is a remote entry's shape one its client uses? Derived from the client's spec: the URL key, the
 * `type`, the headers key. Applies to every remote entry, Tray's or not (config-schema judges the
 * others with it). `status` of a problem with a Tray entry; neighbours get warnings.
 */
export function judgeRemoteShape(client: ClientId, raw: Record<string, unknown>, urlKey: UrlKey | undefined): Finding[] {
  const spec = CLIENTS[client];
  const out: Finding[] = [];
  if (!spec.remote) {
    out.push(unsupported('shape-remote-refused', `${spec.remoteRefused ?? `${spec.name} does not accept url entries in this file`}; use the npx mcp-remote form`));
    return out;
  }
  const r = spec.remote;
  const keys = [...new Set(r.forms.map((f) => f.urlKey))];
  const quoted = (xs: readonly string[]) => xs.map((k) => `"${k}"`).join(' or ');
  if (urlKey && !keys.includes(urlKey)) {
    out.push(unsupported(`shape-${urlKey.toLowerCase()}`, `${spec.name} reads ${quoted(keys)}, not "${urlKey}"`));
  } else if (urlKey) {
    const form = matchForm(spec, raw, urlKey);
    const type = raw.type;
    const preferred = r.forms[0]!;
    const want = preferred.type ? `"type": "${preferred.type}"` : `"${preferred.urlKey}"`;
    if (form?.legacy) {
      out.push(unsupported('shape-legacy', `the entry uses ${type === undefined ? `"${urlKey}" without a type` : `"type": ${JSON.stringify(type)}`}, ${spec.name}'s legacy SSE transport; use ${want}`, 'warn'));
    } else if (!form) {
      const typed = r.forms.filter((f) => f.urlKey === urlKey && typeof f.type === 'string').map((f) => f.type as string);
      if (type === undefined) {
        const why = r.missingTypeWhy ? ` (${r.missingTypeWhy})` : '';
        out.push(unsupported('shape-no-type', `the entry has no "type"; ${spec.name} needs "type": "${typed[0] ?? preferred.type}" for a URL server${why}`, r.missingType ?? 'fail'));
      } else {
        const known = r.knownTypes ?? typed;
        out.push(unsupported('shape-type', `"type": ${JSON.stringify(type)} is not one ${spec.name} knows${known.length ? ` (${known.join(', ')})` : ''}; use ${want}`));
      }
    }
  }
  // An SSE endpoint (…/sse) for a client that speaks only Streamable HTTP.
  const raw_url = urlKey ? raw[urlKey] : undefined;
  if (typeof raw_url === 'string' && /\/sse\/?(?:[?#].*)?$/i.test(raw_url.trim()) && !r.forms.some((f) => f.transport === 'sse')) {
    out.push(unsupported('shape-sse-endpoint', `the URL ends in /sse, an SSE endpoint, but ${spec.name} speaks only Streamable HTTP: use the server's Streamable HTTP URL (often …/mcp)`, 'warn'));
  }
  // Headers under a key the client does not read are not sent (only a warning when the token goes under tokenKey anyway).
  for (const k of ['headers', 'http_headers', 'requestInit'] as const) {
    if (k !== r.headersKey && raw[k] !== undefined && valueAt(raw, r.headersKey) === undefined) {
      const tokenElsewhere = r.tokenKey !== undefined && raw[r.tokenKey] !== undefined;
      out.push(unsupported('shape-headers-key', `${spec.name} reads its HTTP headers from "${r.headersKey}", not "${k}": ${tokenElsewhere ? 'those headers are not sent' : 'the Authorization header is not sent'}`, tokenElsewhere ? 'warn' : 'fail'));
    }
  }
  return out;
}

/** Keys the client requires in every entry (Goose: type, name, enabled) that this one lacks. */
export function missingKeys(client: ClientId, raw: Record<string, unknown>): Finding[] {
  const spec = CLIENTS[client];
  return (spec.requiredKeys ?? [])
    .filter((k) => raw[k] === undefined || raw[k] === null)
    .map((k) => unsupported('shape-missing-key', `the entry has no "${k}", which ${spec.name} requires: it skips the entry`));
}

/** Shape findings of a candidate (remote: derived from the spec; command: the bridge). */
export function judgeShape(c: Candidate): Finding[] {
  return [...missingKeys(c.client, c.raw), ...judgeFormShape(c)];
}

function judgeFormShape(c: Candidate): Finding[] {
  if (c.form === 'command') {
    if (c.bridge === 'other') {
      const cmd = String(c.argv?.[0] ?? '').split(/[\\/]/).pop();
      return [{ status: 'warn', code: 'bridge-unknown', text: `the entry runs ${cmd}, not mcp-remote; tray-mcp cannot tell how it sends the token` }];
    }
    return [];
  }
  return judgeRemoteShape(c.client, c.raw, c.urlKey);
}

// ── the whole entry ──────────────────────────────────────────────────────────────────────────────

export interface Inspection {
  candidate: Candidate;
  url: string;
  workspaceId?: string;
  /** Tray's Headless MCP server (OAuth2): no token expected */
  headless?: boolean;
  token?: string;
  /** the token is written in the file itself (not read from the environment) */
  tokenInFile: boolean;
  disabled: boolean;
  /** the client would use the entry as it stands (shape, URL) and it is safe to probe */
  usable: boolean;
  /** the client loads the entry (a form it uses, switched on), whether or not the URL or token is right */
  loadable: boolean;
  /** the transport the client would use, when known */
  transport?: 'streamable-http' | 'sse' | 'stdio';
  findings: Finding[];
}

/** Where the Authorization of an entry comes from, as written (before variables are resolved). */
export function rawAuthorization(c: Candidate): { value?: string; bareEnvVar?: string; findings: Finding[] } {
  const spec = CLIENTS[c.client];
  if (c.form === 'remote') {
    const r = spec.remote;
    if (r?.bearerEnvKey && c.raw[r.bearerEnvKey] !== undefined) {
      const v = c.raw[r.bearerEnvKey];
      if (typeof v !== 'string' || v.trim() === '') return { findings: [tokenFail('token-not-string', `"${r.bearerEnvKey}" must name an environment variable`)] };
      return { bareEnvVar: v.trim(), findings: [] };
    }
    // Continue: apiKey is sent as "Authorization: Bearer <apiKey>" and wins over the headers
    if (r?.tokenKey && c.raw[r.tokenKey] !== undefined) {
      const v = c.raw[r.tokenKey];
      if (typeof v !== 'string') return { findings: [tokenFail('token-not-string', `"${r.tokenKey}" is not a string`)] };
      if (/^\s*bearer\s/i.test(v)) {
        remember(v.trim().replace(/^bearer\s+/i, ''));
        return { findings: [tokenFail('token-double-bearer', `"${r.tokenKey}" holds "Bearer <token>", but ${spec.name} adds "Bearer " itself; put only the token in it`)] };
      }
      return { value: `Bearer ${v}`, findings: [] };
    }
    const key = r?.headersKey ?? 'headers';
    const headers = valueAt(c.raw, key);
    if (headers === undefined) {
      // Codex: env_http_headers maps a header to the environment variable holding its value.
      const envHeaders = c.raw.env_http_headers;
      if (c.client === 'codex' && isPlainObject(envHeaders)) {
        const k = Object.keys(envHeaders).find((n) => n.trim().toLowerCase() === 'authorization');
        if (k && typeof envHeaders[k] === 'string') return { value: `\${${envHeaders[k] as string}}`, findings: [] };
      }
      return { findings: [] };
    }
    if (!isPlainObject(headers)) return { findings: [tokenFail('headers-not-object', `"${key}" is not an object of header names to values`)] };
    const name = Object.keys(headers).find((k) => k.trim().toLowerCase() === 'authorization');
    if (name === undefined) return { findings: [] };
    const v = headers[name];
    if (typeof v !== 'string') return { findings: [tokenFail('token-not-string', 'the Authorization header value is not a string')] };
    return { value: v, findings: [] };
  }
  if (c.bridge !== 'mcp-remote' || !c.argv) return { findings: [] };
  const argv = c.argv;
  const findings: Finding[] = [];
  let value: string | undefined;
  for (let i = mcpRemoteIndex(argv) + 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a !== '--header' || i + 1 >= argv.length) continue;
    const h = argv[++i]!;
    // mcp-remote splits "Name:value" at the first colon; a name with a space is ignored.
    const m = /^([A-Za-z0-9_-]+):([\s\S]*)$/.exec(h);
    if (!m) {
      if (/^\s*authorization\s*:/i.test(h)) findings.push(tokenFail('header-malformed', 'the --header argument has a space before the colon; mcp-remote ignores it (write Authorization:${AUTH_HEADER})'));
      continue;
    }
    if (m[1]!.toLowerCase() !== 'authorization') continue;
    value = m[2]!;
  }
  return { value, findings };
}

/** Is the entry switched off in its file (the client's own switch, else "disabled": true)? */
export function isDisabled(client: ClientId, raw: Record<string, unknown>): { disabled: boolean; text: string } {
  const k = CLIENTS[client].disabledKey;
  if (k?.key === 'enabled') return { disabled: raw.enabled === false, text: 'the entry is switched off ("enabled": false), so the client does not start it; set it to true to use it' };
  return { disabled: raw.disabled === true, text: 'the entry is switched off ("disabled": true), so the client does not start it; set it to false to use it' };
}

/**
 * How a command entry runs on the client's OS: bare `npx` on Windows needs a shell (`cmd /c`) when
 * the client starts commands without one; an argument with a space is split apart on Windows; the
 * mcp-remote bridge needs `-y` (npx otherwise asks, and nobody answers) and `--enable-proxy` to use a
 * proxy. `proxy` says whether a proxy is configured for the client (its entry's env or this one).
 */
export function judgeCommand(c: Candidate, platform: Platform | undefined, proxy: boolean): Finding[] {
  if (c.form !== 'command' || !c.argv) return [];
  const out: Finding[] = [];
  const spec = CLIENTS[c.client];
  const [cmd, ...args] = c.argv;
  const base = (cmd ?? '').split(/[\\/]/).pop()!.toLowerCase();
  if (platform === 'win32') {
    if (spec.command.windowsShell === false && /^(?:npx|npm|pnpm|yarn|bunx)(?:\.cmd)?$/.test(base)) {
      out.push({
        status: 'fail',
        code: 'windows-npx-needs-cmd',
        text: `${spec.name} starts commands on Windows without a shell, so "${cmd}" (a .cmd script) cannot be started ("spawn EINVAL" or "spawn npx ENOENT"): write "command": "cmd" and put "/c", "npx" in front of the args`,
        remedy: 'windows-npx-needs-cmd',
      });
    }
    const spaced = args.find((a) => /\s/.test(a.trim()) && !/^--header$/.test(a));
    if (spaced !== undefined) {
      const header = /^[A-Za-z0-9_-]+:/.test(spaced);
      out.push({
        status: 'fail',
        code: 'windows-args-split',
        text: header
          ? 'on Windows an argument with spaces is split apart, so the --header value ("Authorization: Bearer …") reaches mcp-remote in pieces: write "Authorization:${AUTH_HEADER}" and put "Bearer <token>" in env.AUTH_HEADER'
          : `on Windows an argument with spaces is split apart ("${spaced.length > 40 ? spaced.slice(0, 37) + '…' : spaced}" becomes several): move the value into "env", or use a path without spaces`,
        remedy: 'windows-args-split',
      });
    }
  }
  const spacedHeader = args.some((a, i) => args[i - 1] === '--header' && /\s/.test(a));
  if (platform !== 'win32' && spacedHeader) {
    out.push({
      status: 'warn',
      code: 'header-space',
      text: 'the --header argument contains spaces ("Authorization: Bearer …"): it works here, but clients on Windows split it apart. Write "Authorization:${AUTH_HEADER}" and put "Bearer <token>" in env.AUTH_HEADER',
      remedy: 'windows-args-split',
    });
  }
  if (c.bridge === 'mcp-remote') {
    const at = mcpRemoteIndex(c.argv);
    const viaNpx = at > 0 && /^npx(?:\.cmd)?$/.test(base) || (base === 'cmd' && c.argv.slice(0, at).some((a) => /^npx(?:\.cmd)?$/i.test(a)));
    if (viaNpx && !c.argv.slice(0, at).some((a) => a === '-y' || a === '--yes')) {
      out.push({ status: 'warn', code: 'bridge-no-y', text: 'npx runs mcp-remote without -y: the first time (and after each update) npx asks "Ok to proceed?" and nobody answers, so the client waits and gives up; add "-y" before "mcp-remote"', remedy: 'server-exited-early' });
    }
    if (proxy && !c.argv.includes('--enable-proxy')) {
      out.push({ status: 'warn', code: 'bridge-no-proxy', text: 'a proxy is configured (HTTPS_PROXY), but mcp-remote ignores proxy variables unless "--enable-proxy" is among its arguments: add it after the URL', remedy: 'proxy-misconfigured' });
    }
  }
  return out;
}

/** Everything about one candidate: URL, token, shape. Duplicates, scopes and stale files are judged by the caller. */
export function inspect(c: Candidate, vars: Readonly<Record<string, string | undefined>>, platform?: Platform): Inspection {
  const spec = CLIENTS[c.client];
  const findings: Finding[] = [];
  const shape = judgeShape(c);
  const urlV = judgeUrl(c.rawUrl, spec, c.form, vars);
  findings.push(...urlV.findings);

  let token: string | undefined;
  let tokenInFile = false;
  const auth = rawAuthorization(c);
  findings.push(...auth.findings);
  const syntaxes = c.form === 'command' ? commandSyntaxes(spec) : spec.variables.places.includes('headers') ? spec.variables.syntaxes : [];
  if (auth.bareEnvVar !== undefined) {
    const v = vars[auth.bareEnvVar];
    if (v === undefined) {
      findings.push(tokenFail('token-unset', `the token comes from the environment variable ${auth.bareEnvVar} ("${spec.remote?.bearerEnvKey}"), which is not set in this environment`));
    } else {
      const j = judgeBareToken(v);
      findings.push(...j.findings);
      token = j.token;
    }
  } else if (auth.value === undefined) {
    if (!auth.findings.some((f) => f.remedy === 'token-missing') && c.bridge !== 'other' && !urlV.headless) {
      const how = c.form === 'command' ? 'no --header Authorization:… argument (mcp-remote would try an OAuth sign-in instead)' : 'no Authorization header';
      findings.push(tokenFail('token-absent', `the entry has ${how}`));
    }
  } else {
    const r = resolveRefs(auth.value, syntaxes, c.form === 'command' ? c.env : undefined, vars);
    if (r.kind === 'input') {
      findings.push({ status: 'warn', code: 'token-input', text: `the token comes from ${inputWords(r, spec.name)}, so it cannot be checked here` });
    } else if (r.kind === 'unsupported') {
      findings.push(unsupportedVariable(spec.name, r, 'Authorization header'));
    } else if (r.kind === 'unset') {
      findings.push(tokenFail('token-unset', `the token comes from ${r.vars[0]}, which is not set (neither in the entry's "env" nor in this environment)`));
    } else {
      const j = judgeAuthorization(r.value);
      findings.push(...j.findings);
      token = j.token;
      tokenInFile = token !== undefined && !r.fromEnvironment;
    }
    if (urlV.headless) {
      findings.push({ status: 'warn', code: 'headless-authorization', text: "Tray's Headless MCP server signs in with OAuth2: the Authorization header is not needed there and the token would be sent for nothing; remove it", remedy: 'oauth-authorization-failed' });
    }
  }
  findings.push(...shape);
  const proxied = [vars, c.env ?? {}].some((v) => ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'].some((k) => typeof v[k] === 'string' && (v[k] as string).trim() !== ''));
  const run = judgeCommand(c, platform, proxied);
  findings.push(...run);

  const off = isDisabled(c.client, c.raw);
  if (off.disabled) findings.push({ status: 'warn', code: 'disabled', text: off.text });

  const shapeBlocks = shape.some((f) => f.status === 'fail') || run.some((f) => f.code === 'windows-npx-needs-cmd');
  const form = c.form === 'remote' ? matchForm(spec, c.raw, c.urlKey) : undefined;
  return {
    candidate: c,
    url: urlV.url,
    workspaceId: urlV.workspaceId,
    ...(urlV.headless ? { headless: true } : {}),
    token,
    tokenInFile,
    disabled: off.disabled,
    usable: urlV.reachable && !shapeBlocks && !off.disabled,
    loadable: !shapeBlocks && !off.disabled,
    ...(c.form === 'command' ? { transport: 'stdio' as const } : form ? { transport: form.transport } : {}),
    findings,
  };
}

// ── what setup writes ────────────────────────────────────────────────────────────────────────────

/** Environment variable name Claude Desktop entries use to carry the header (survives spaces on Windows). */
export const BRIDGE_HEADER_VAR = 'AUTH_HEADER';

/** `{ a: { b: value } }` for the key "a.b". */
function nested(key: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = key.split('.');
  return { [head!]: rest.length ? nested(rest.join('.'), value) : value };
}

/**
 * The entry setup writes for a client (the shape tray-servers accepts as correct), from its spec:
 * the first remote form with the token in an Authorization header (or under the client's tokenKey),
 * plus the keys the client requires (its name under nameKey, setup.extra). `name` is the server's
 * name; a client whose servers are a list of named items (Continue) gets it under that list's name key.
 */
export function makeEntry(client: ClientId, url: string, token: string, name = 'tray-workspace'): Record<string, unknown> {
  const spec = CLIENTS[client];
  const named = spec.serverList ? { [spec.serverList.nameKey]: name } : spec.setup.nameKey ? { [spec.setup.nameKey]: name } : {};
  if (spec.setup.entry === 'bridge' || !spec.remote) {
    return {
      ...named,
      command: 'npx',
      args: ['-y', 'mcp-remote', url, '--header', `Authorization:\${${BRIDGE_HEADER_VAR}}`],
      env: { [BRIDGE_HEADER_VAR]: `Bearer ${token}` },
    };
  }
  const form = spec.remote.forms[0]!;
  return {
    ...named,
    ...(typeof form.type === 'string' ? { type: form.type } : {}),
    [form.urlKey]: url,
    ...(spec.remote.tokenKey ? { [spec.remote.tokenKey]: token } : nested(spec.remote.headersKey, { Authorization: `Bearer ${token}` })),
    ...(spec.setup.extra ?? {}),
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
  /** not loaded by the client at all (stale location, another project's map, shadowed): never a clash */
  ignored?: boolean;
  /**
   * Which installation of the client loads the entry; entries of different instances are never
   * loaded together, so never clash. Default: one instance per client (its user and project
   * files together). Cline is one instance per editor it runs in: see clientInstance().
   */
  instance?: string;
}

/** The installation of `client` that reads the file at `file`: for Cline, that file's editor; else the client. */
export function clientInstance(client: ClientId, file: string): string {
  return client === 'cline' ? `cline:${file}` : client;
}

/**
 * Clashes inside one client instance: the same server name in two places (one hides the other), or the
 * same workspace under two names (its tools appear twice). Entries the client does not load are
 * never part of a clash. Returns, per index of `keys`, the findings to add.
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
  const place = (k: DupKey) => (k.where && k.where !== CLIENTS[k.client].rootKey ? `${k.file} (${k.where})` : k.file);
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
export function remediesOf(findings: readonly Finding[]): RemedyId[] {
  const sorted = [...findings].sort((a, b) => RANK[b.status]! - RANK[a.status]!);
  return [...new Set(sorted.map((f) => f.remedy).filter((r): r is RemedyId => Boolean(r)))];
}
