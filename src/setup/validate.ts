// Validation of what setup is given, on the command line or at a prompt. Each function returns the
// cleaned value or a plain-words reason; callers decide whether that is a usage error or a re-ask.
import { CLIENT_IDS, CLIENTS, clientFromName, type ClientId } from '../clients/catalog.js';
import { tokenProblem, UNEXPANDED_VARIABLE } from '../gateway/token.js';
import { clientWouldExpand } from '../gateway/entry.js';
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

export { UNEXPANDED_VARIABLE };

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
  // The one token rule (src/gateway/token.ts): what doctor fails, setup refuses.
  switch (tokenProblem(s)) {
    case 'empty':
      return { ok: false, reason: 'the API token is empty' };
    case 'unexpanded':
    case 'unset-reference':
      return { ok: false, reason: unexpandedReason(source) };
    case 'quoted':
      return { ok: false, reason: quotedReason(source) };
    case 'placeholder':
      return { ok: false, reason: 'that is a placeholder, not an API token: create one in Tray (Settings → Service accounts or your user’s API tokens) and paste it' };
    case 'whitespace':
      return { ok: false, reason: 'the API token contains spaces or line breaks: paste only the token itself' };
    case 'control':
      return { ok: false, reason: 'the API token contains control characters: paste only the token itself' };
    case 'double-bearer':
      return { ok: false, reason: 'the token starts with "Bearer" twice: paste only the token itself (setup adds "Bearer " once)' };
    case undefined:
      break;
  }
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
  const id = clientFromName(s);
  if (id) return { ok: true, value: id };
  return { ok: false, reason: `${JSON.stringify(shorten(s))} is not a supported client: use one of ${CLIENT_IDS.join(', ')}` };
}

function shorten(s: string): string {
  return s.length > 60 ? s.slice(0, 57) + '…' : s;
}

/** A token the chosen client would change: it contains a variable reference in the client's own syntax. */
export function checkTokenFor(client: ClientId, token: string): Checked<string> {
  if (!clientWouldExpand(client, token)) return { ok: true, value: token };
  return {
    ok: false,
    reason: `the token contains "$" followed by a name, which ${CLIENTS[client].name} would replace with an environment variable: that is not a Tray API token (paste the token itself)`,
  };
}
