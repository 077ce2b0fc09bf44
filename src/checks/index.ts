// The registry: every check, in contract display order. Adding a check = one file + one line here.
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

export const CHECKS: readonly Check[] = [
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
] as Check[];
