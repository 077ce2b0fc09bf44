// The fix for one problem, for the client it is about: a sentence, and the commands to run (shown on
// their own lines so they can be copied whole). Commands come from what the checks found (the entry's
// client, workspace id and name; a chmod the check worked out); otherwise the remedy's first step,
// with its `<client>` placeholder filled in when the client is known.
import { CLIENTS, type ClientId } from '../clients/catalog.js';
import { shq } from '../lib/shell.js';
import type { ReportResult } from './model.js';
import { entryOf, entryRow, usersOf } from './rows.js';

export interface Fix {
  /** what to do, in a sentence (ends with ':' when commands follow) */
  text: string;
  /** shell commands, each complete on one line */
  commands: string[];
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** `tray-mcp setup` for an entry: writes it where and how the client reads it, and asks for the token (hidden). */
export function setupCommand(client: ClientId | null | undefined, workspaceId?: string, name?: string): string {
  const parts = ['tray-mcp setup'];
  if (client) parts.push(`-c ${client}`);
  if (workspaceId) parts.push(`-w ${workspaceId}`);
  if (name) parts.push(`-n ${shq(name)}`);
  return parts.join(' ');
}

const PLACEHOLDER = /<(?:client|your client|[a-z-]+(?:\|[a-z-]+)+)>/g;

/** A remedy step with its client placeholder filled in; a backquoted command becomes a command line. */
function fromStep(step: string | undefined, client: ClientId | null): Fix {
  if (!step) return { text: '', commands: [] };
  const text = client ? step.replace(PLACEHOLDER, client) : step;
  const commands: string[] = [];
  for (const m of text.matchAll(/`((?:tray-mcp|chmod|git|npx|node|code) [^`]+)`/g)) {
    if (!/<[^>]+>/.test(m[1]!)) commands.push(m[1]!);
  }
  return { text, commands };
}

function entryFix(root: ReportResult, client: ClientId | null): Fix | undefined {
  const entry = entryOf(root);
  if (!entry || !client) return undefined;
  const d = root.details ?? {};
  const codes = Array.isArray(d.problems) ? (d.problems as string[]) : [];
  const ws = str(d.workspaceId);
  const cmd = setupCommand(client, ws && /^[0-9a-f-]{36}$/i.test(ws) ? ws : '<workspace-id>', entry.name);
  const name = CLIENTS[client].name;
  const file = str(d.file);
  const at = file && typeof d.line === 'number' ? `${file}:${d.line}` : file;
  if (str(d.readsInstead)) {
    return { text: `Write the entry where ${name} reads it (${d.readsInstead}); setup asks for the token. Then delete it from ${file}:`, commands: [cmd] };
  }
  if (codes.length && codes.every((c) => c === 'duplicate-name' || c === 'duplicate-workspace')) {
    return { text: `Keep one entry per workspace: remove or rename the other one (see above), or give each its own name with setup -n.`, commands: [] };
  }
  if (codes.length && codes.every((c) => c === 'disabled')) {
    return { text: `Switch the entry on: set "disabled": false${at ? ` at ${at}` : ''}, then restart ${name}.`, commands: [] };
  }
  if (codes.some((c) => c.startsWith('url-') || c === 'workspace-id-not-uuid' || c === 'insecure-url')) {
    return { text: `Let setup rewrite the entry with the right URL (give the workspace id from your Tray workspace URL; it asks for the token):`, commands: [cmd] };
  }
  return { text: `Let setup rewrite the entry the way ${name} reads it (it asks for the token, hidden):`, commands: [cmd] };
}

/** The fix for a problem (see the file comment). */
export function fixFor(root: ReportResult, client: ClientId | null, results: readonly ReportResult[]): Fix {
  const d = root.details ?? {};
  const step = root.remedies[0]?.steps[0];

  if (str(d.fix)) return { text: 'Make the file readable only by you:', commands: [d.fix as string] };
  const entry = entryFix(root, client);
  if (entry) return entry;

  switch (root.check) {
    case 'config-files':
    case 'tray-servers':
      if (root.subject === 'all clients') {
        return { text: 'Add your Tray workspace to a client: setup asks for the client, the workspace id and the token.', commands: [setupCommand(client)] };
      }
      break;
    case 'config-json':
      if (typeof d.line === 'number') {
        return { text: `Fix line ${d.line}${typeof d.column === 'number' ? `, column ${d.column}` : ''} of the file (shown above), or restore the file from its .bak copy if setup made one.`, commands: [] };
      }
      break;
    case 'reachability':
    case 'authentication':
    case 'mcp-handshake':
    case 'tool-visibility': {
      const ids = root.remedies.map((m) => m.id);
      if (ids[0] === 'token-invalid-or-expired' || ids[0] === 'token-missing') {
        const users = usersOf(results, root.subject).filter((u) => u.client);
        if (users.length === 1) {
          const row = entryRow(results, users[0]!);
          const ws = str(row?.details?.workspaceId);
          return {
            text: `Create a new API token in Tray, then put it into the ${CLIENTS[users[0]!.client!].name} entry (setup asks for it, hidden):`,
            commands: [setupCommand(users[0]!.client, ws, users[0]!.name)],
          };
        }
        if (users.length === 0) {
          const url = str(d.url) ?? root.subject;
          return { text: 'Create a new API token in Tray, set TRAY_MCP_API_TOKEN to it, and probe again:', commands: [`tray-mcp doctor --url ${shq(url)}`] };
        }
      }
      break;
    }
  }
  return fromStep(step, client);
}
