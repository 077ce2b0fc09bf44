// The registry: every check, in contract display order. Adding a check = one file + one line here.
// It is the one list of check ids: CheckId and CHECK_IDS derive from the modules listed (each
// exports its Check with its id). Loading it loads every check module, so the command line reads it
// only when `doctor` runs or shows its help (src/commands/doctor.ts), never for --help or --version.
import type { Check } from './types.js';
import nodeVersion from './node-version.js';
import configFiles from './config-files.js';
import configJson from './config-json.js';
import configSchema from './config-schema.js';
import trayServers from './tray-servers.js';
import bridge from './bridge.js';
import filePermissions from './file-permissions.js';
import reachability from './reachability.js';
import authentication from './authentication.js';
import oauth from './oauth.js';
import mcpHandshake from './mcp-handshake.js';
import toolVisibility from './tool-visibility.js';
import clientLogs from './client-logs.js';

const REGISTRY = [
  nodeVersion,
  configFiles,
  configJson,
  configSchema,
  trayServers,
  bridge,
  filePermissions,
  reachability,
  authentication,
  oauth,
  mcpHandshake,
  toolVisibility,
  clientLogs,
] as const;

/** A check's id: one of the registry's. */
export type CheckId = (typeof REGISTRY)[number]['id'];

export const CHECKS: readonly Check[] = REGISTRY as readonly Check<any, CheckId>[] as readonly Check[];

/** Check ids in contract display order (the registry's order). */
export const CHECK_IDS: readonly CheckId[] = CHECKS.map((c) => c.id);
