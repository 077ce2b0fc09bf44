// `tray-mcp list`: every Tray entry across clients and scopes — client, name, workspace, token
// fingerprint, file:line, and whether the client loads it. Data on stdout (a table, or --json).
import { CLIENTS, type ClientId } from '../clients/catalog.js';
import type { TrayServerEntry } from '../checks/data.js';
import type { Environment } from '../lib/environment.js';
import { fingerprint } from '../lib/redact.js';
import { capText, escapeControls } from '../lib/sanitize.js';
import { hanging } from '../report/layout.js';
import { findTrayEntries } from './find.js';

export interface ListRequest {
  env: Environment;
  clients: ClientId[];
  json: boolean;
  /** columns to wrap the problem lines at (default 80) */
  width?: number;
}

export interface ListedEntry {
  client: ClientId;
  clientName: string;
  name: string;
  scope: string;
  file: string;
  line: number | null;
  where: string;
  url: string;
  workspaceId: string | null;
  tokenFingerprint: string | null;
  /** the client loads it as it stands */
  loaded: boolean;
  status: string;
  problems: string[];
}

export function listed(e: TrayServerEntry): ListedEntry {
  return {
    client: e.client,
    clientName: CLIENTS[e.client].name,
    name: e.name,
    scope: e.scope ?? e.ref.scope,
    file: e.ref.display,
    line: e.line ?? null,
    where: e.where,
    url: e.url,
    workspaceId: e.workspaceId ?? null,
    tokenFingerprint: e.token ? fingerprint(e.token) : null,
    loaded: e.loaded ?? e.usable,
    status: e.status ?? (e.usable ? 'pass' : 'fail'),
    problems: e.problems ?? [],
  };
}

export async function runList(req: ListRequest): Promise<{ text: string; count: number; unread: { file: string; why: string }[] }> {
  const found = await findTrayEntries(req.env, req.clients);
  const entries = found.entries.map(listed);
  const unread = found.unread;
  if (req.json) return { text: JSON.stringify({ schemaVersion: 1, entries, unreadable: unread }, null, 2), count: entries.length, unread };
  if (entries.length === 0) {
    const scope = req.clients.length ? ` for ${req.clients.map((c) => CLIENTS[c].name).join(', ')}` : '';
    const text = unread.length
      ? `No Tray entry${scope} in the files that could be read; ${unread.map((u) => u.file).join(', ')} could not be (\`tray-mcp doctor\` says why), so an entry there cannot be seen.`
      : `No Tray entry${scope}. Add one with \`tray-mcp setup\`.`;
    return { text, count: 0, unread };
  }
  // One block per entry: the URL and file:line on lines of their own (copyable whole), problems
  // wrapped to the terminal; names, URLs and paths from a file are shown escaped and cut.
  const width = Math.max(40, req.width ?? 80);
  const shown = (s: string) => escapeControls(capText(s, 300));
  const blocks = entries.map((e) => {
    const loaded = e.loaded ? (e.status === 'pass' ? 'loaded' : 'loaded, with problems') : 'NOT loaded';
    const token = e.tokenFingerprint ? `token ${e.tokenFingerprint}` : 'no token';
    const lines = [`${shown(e.clientName)} › ${shown(e.name)} (${e.scope}) — ${loaded}`, `  ${shown(e.url) || '(no URL)'} · ${token}`, `  ${shown(e.line ? `${e.file}:${e.line}` : e.file)}`];
    for (const p of e.problems.slice(0, 3)) lines.push(...hanging('  ! ', '    ', shown(p), width));
    if (e.problems.length > 3) lines.push(`  … ${e.problems.length - 3} more (tray-mcp doctor shows them)`);
    return lines.join('\n');
  });
  const loadedCount = entries.filter((e) => e.loaded).length;
  return { unread, text: `${blocks.join('\n\n')}\n\n${entries.length} Tray entr${entries.length === 1 ? 'y' : 'ies'} · ${loadedCount} loaded · tray-mcp doctor checks them`, count: entries.length };
}
