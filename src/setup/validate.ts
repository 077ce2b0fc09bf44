// Validation of what setup is given, on the command line or at a prompt. Each function returns the
// cleaned value or a plain-words reason; callers decide whether that is a usage error or a re-ask.
import { CLIENT_IDS, isClientId, type ClientId } from '../clients/catalog.js';
import { isUuid } from '../lib/uuid.js';

export type Checked<T> = { ok: true; value: T; note?: string } | { ok: false; reason: string };

export const DEFAULT_CLIENT: ClientId = 'claude';
export const DEFAULT_NAME = 'tray-workspace';

const UUID_IN_TEXT = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** A workspace id: a UUID, or a pasted URL that contains exactly one (e.g. the workspace URL). */
export function checkWorkspaceId(raw: string): Checked<string> {
  const s = raw.trim();
  if (s === '') return { ok: false, reason: 'the workspace id is empty' };
  if (isUuid(`${s}`)) return { ok: true, value: s.toLowerCase() };
  const found = [...new Set((s.match(UUID_IN_TEXT) ?? []).map((u) => u.toLowerCase()))];
  if (/^https?:\/\//i.test(s) && found.length === 1) {
    return { ok: true, value: found[0]!, note: `using workspace id ${found[0]} from the URL` };
  }
  return {
    ok: false,
    reason: `${JSON.stringify(shorten(s))} is not a workspace id: expected a UUID like 12345678-abcd-1234-ef56-0123456789ab (the id in your Tray workspace URL)`,
  };
}

const PLACEHOLDERS = /^(<.*>|\{.*\}|your[-_ ]?api[-_ ]?token[-_ ]?here|your[-_ ]?token|token|api[-_ ]?token|xxx+|changeme|\.\.\.)$/i;

/**
 * A reference to an environment variable that reached setup unexpanded: `$NAME` (cmd.exe passes
 * `"$NAME"` as is; bash passes `'$NAME'` as is), `${NAME}`, `%NAME%` (cmd.exe keeps it when NAME is
 * not set; PowerShell and bash never expand it) and `$env:NAME` (PowerShell syntax elsewhere).
 */
export const UNEXPANDED_VARIABLE = /^(?:\$[A-Za-z_][A-Za-z0-9_]*|\$\{[^}]*\}|%[^%\s]+%|\$env:[A-Za-z_][A-Za-z0-9_]*)$/i;

const QUOTES = /^["'`\u2018\u2019\u201c\u201d]|["'`\u2018\u2019\u201c\u201d]$/;

/** Where a token came from: the messages differ (a prompt expands nothing; a flag went through a shell). */
export type TokenSource = 'flag' | 'env' | 'prompt';

function unexpandedReason(source: TokenSource): string {
  const how =
    'In bash/zsh write -t "$NAME"; in PowerShell -t $env:NAME; in cmd.exe -t %NAME%; and check that the variable is set ' +
    '(or set TRAY_MCP_API_TOKEN, which setup reads itself)';
  switch (source) {
    case 'prompt':
      return 'that is the name of an environment variable, not the token (nothing expands variables at this prompt): paste the token itself';
    case 'env':
      return 'it holds the name of an environment variable ($NAME, ${NAME} or %NAME%), not a token: whatever set it did not expand the variable. Put the token itself in TRAY_MCP_API_TOKEN';
    default:
      return `the value is the name of an environment variable ($NAME, \${NAME}, %NAME% or $env:NAME), not a token: your shell did not expand it (e.g. cmd.exe passes "$NAME" as is, and keeps %NAME% when NAME is not set). ${how}`;
  }
}

function quotedReason(source: TokenSource): string {
  if (source === 'prompt') return 'the token starts or ends with a quote character: paste only the token itself, without quotes';
  if (source === 'env') return 'it starts or ends with a quote character: put the token in TRAY_MCP_API_TOKEN without quotes';
  return 'the token starts or ends with a quote character: the shell passed the quotes along (cmd.exe does not remove single quotes). Give the token without quotes, or in cmd.exe in double quotes';
}

/**
 * An API token: non-empty, no spaces, not a placeholder, not an unexpanded variable, not wrapped
 * in quotes. A pasted "Bearer " prefix is dropped. Reasons never contain the value.
 */
export function checkToken(raw: string, source: TokenSource = 'flag'): Checked<string> {
  let s = raw.trim();
  let note: string | undefined;
  const bearer = /^Bearer(\s+|$)/i.exec(s);
  if (bearer) {
    s = s.slice(bearer[0].length).trim();
    note = 'dropped the "Bearer " prefix: setup adds it itself';
  }
  if (s === '') return { ok: false, reason: 'the API token is empty' };
  if (UNEXPANDED_VARIABLE.test(s)) return { ok: false, reason: unexpandedReason(source) };
  if (QUOTES.test(s)) return { ok: false, reason: quotedReason(source) };
  if (PLACEHOLDERS.test(s)) return { ok: false, reason: 'that is a placeholder, not an API token: create one in Tray (Settings → Service accounts or your user’s API tokens) and paste it' };
  if (/\s/.test(s)) return { ok: false, reason: 'the API token contains spaces or line breaks: paste only the token itself' };
  if (/[\u0000-\u001f\u007f]/.test(s)) return { ok: false, reason: 'the API token contains control characters: paste only the token itself' };
  return note ? { ok: true, value: s, note } : { ok: true, value: s };
}

/** Names JavaScript gives a meaning to on every object: a server map key named so is lost or misread. */
const RESERVED_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

/** A server name: the key under the client's server map. */
export function checkName(raw: string): Checked<string> {
  const s = raw.trim();
  if (s === '') return { ok: false, reason: 'the server name is empty' };
  if (/[\u0000-\u001f\u007f]/.test(s)) return { ok: false, reason: 'the server name contains control characters' };
  if (s.length > 100) return { ok: false, reason: 'the server name is longer than 100 characters' };
  if (RESERVED_NAMES.has(s)) {
    return { ok: false, reason: `"${s}" is a special name in JavaScript: clients (and tray-mcp doctor) cannot see a server called that. Choose another name, e.g. ${DEFAULT_NAME}` };
  }
  return { ok: true, value: s };
}

export function checkClient(raw: string): Checked<ClientId> {
  const s = raw.trim().toLowerCase();
  if (isClientId(s)) return { ok: true, value: s };
  const alias: Record<string, ClientId> = { 'claude-desktop': 'claude', code: 'vscode', 'vs-code': 'vscode', claudecode: 'claude-code' };
  if (alias[s]) return { ok: true, value: alias[s]! };
  return { ok: false, reason: `${JSON.stringify(shorten(s))} is not a supported client: use one of ${CLIENT_IDS.join(', ')}` };
}

function shorten(s: string): string {
  return s.length > 60 ? s.slice(0, 57) + '…' : s;
}
