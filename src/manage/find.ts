// The Tray entries on this machine, as doctor's local checks see them (config-files, config-json,
// tray-servers, run once, offline): what `list` shows and what `remove` acts on.
import { CHECKS } from '../checks/index.js';
import { runChecks } from '../checks/runner.js';
import type { TrayServerEntry, TrayServersData } from '../checks/data.js';
import type { DoctorOptions } from '../checks/types.js';
import type { ClientId } from '../clients/catalog.js';
import type { Environment } from '../lib/environment.js';
import { knownSecrets } from '../lib/secrets.js';

export async function findTrayEntries(env: Environment, clients: readonly ClientId[]): Promise<TrayServerEntry[]> {
  const options: DoctorOptions = { clients: [...clients], configPaths: [], urls: [], offline: true, timeoutMs: 10_000, verbose: false, strict: false };
  const run = await runChecks({ checks: CHECKS, options, env, selection: { only: ['tray-servers'] }, secrets: knownSecrets() });
  return (run.data['tray-servers'] as TrayServersData | undefined)?.entries ?? [];
}
