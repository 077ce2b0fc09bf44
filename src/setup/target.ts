// Where setup writes for a client: the catalog location marked setupTarget for the platform.
import { CLIENTS, type ClientId, type ConfigLocation } from '../clients/catalog.js';
import { displayPath, resolveTemplate, type Environment } from '../lib/environment.js';

export interface SetupTarget {
  client: ClientId;
  /** real path on this host */
  path: string;
  /** as shown to the user (home as ~) */
  display: string;
  location: ConfigLocation;
  /** with --home: every write must stay inside this folder (symlinks are not followed out of it) */
  root?: string;
}

export function setupTarget(client: ClientId, env: Environment): SetupTarget {
  const location = CLIENTS[client].locations.find((l) => l.setupTarget && l.paths[env.platform]);
  if (!location) throw new Error(`the client catalog has no setup location for ${client} on ${env.platform}`);
  const p = resolveTemplate(location.paths[env.platform]!, env);
  return { client, path: p, display: displayPath(p, env), location, ...(env.homeOverridden ? { root: env.home } : {}) };
}
