// The Tray entries on this machine, as doctor's local checks see them (config-files, config-json,
// tray-servers, run once, offline): what `list` shows and what `remove` acts on.
import { CHECKS } from '../checks/index.js';
import { runChecks } from '../checks/runner.js';
import type { ConfigJsonData, TrayServerEntry, TrayServersData } from '../checks/data.js';
import type { DoctorOptions } from '../checks/types.js';
import type { ClientId } from '../clients/catalog.js';
import type { Environment } from '../lib/environment.js';
import type { CheckedBytes } from '../lib/read-config.js';
import { knownSecrets } from '../lib/secrets.js';

export interface Found {
  entries: TrayServerEntry[];
  /** config files that exist but could not be read or parsed: an entry there cannot be seen (never claim there is none) */
  unread: { file: string; why: string }[];
  /** of those, the files that are not UTF-8 text (remove refuses them, naming the first bad byte) */
  notText: { file: string; failure: Exclude<CheckedBytes, { ok: true }> }[];
}

export async function findTrayEntries(env: Environment, clients: readonly ClientId[]): Promise<Found> {
  const options: DoctorOptions = { clients: [...clients], configPaths: [], urls: [], offline: true, timeoutMs: 10_000, verbose: false, strict: false };
  const run = await runChecks({ checks: CHECKS, options, env, selection: { only: ['tray-servers'] }, secrets: knownSecrets() });
  const entries = (run.data['tray-servers'] as TrayServersData | undefined)?.entries ?? [];
  const unread = new Map<string, string>();
  for (const r of run.results) {
    if (r.check !== 'tray-servers' || r.details?.blockedBy !== 'config-json' || typeof r.details.file !== 'string') continue;
    const why = /\(([^)]*)\)/.exec(r.message)?.[1] ?? 'it could not be read';
    unread.set(r.details.file, why);
  }
  const notText = new Map<string, Exclude<CheckedBytes, { ok: true }>>();
  for (const u of (run.data['config-json'] as ConfigJsonData | undefined)?.unparsed ?? []) {
    const f = u.failure;
    if (!f || (clients.length && !clients.includes(u.ref.client))) continue;
    if (f.reason === 'utf16' || f.reason === 'binary' || f.reason === 'invalid-utf8') notText.set(u.ref.display, f);
  }
  return { entries, unread: [...unread].map(([file, why]) => ({ file, why })), notText: [...notText].map(([file, failure]) => ({ file, failure })) };
}
