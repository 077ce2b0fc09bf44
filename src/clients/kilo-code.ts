// Kilo Code (VS Code extension and `kilo` CLI, built on OpenCode): ~/.config/kilo/kilo.jsonc or
// kilo.json (xdg-basedir's config folder, so %USERPROFILE%\.config\kilo on Windows too), servers
// under "mcp" as in OpenCode; a project's kilo.json(c) or .kilo/kilo.json(c); project over global.
// The CLI also accepts opencode.json(c) and config.json in the same folder (not read here).
//
// Remote entries { type: "remote", url, headers, enabled, timeout }; OAuth starts automatically when
// the server supports it ("oauth": false turns that off). Local entries { type: "local", command:
// [program, ...args], environment, enabled }; on Windows the docs run them as ["cmd", "/c", "npx", …].
// Variables: {env:VARIABLE_NAME}. Tools are named <server>_<tool>.
//
// Not read here: the legacy extension (a Roo Code/Cline fork) with mcp_settings.json in VS Code's
// global storage and .kilocode/mcp.json (root mcpServers); its storage folder name is not established.
import type { ClientSpec } from './types.js';

const DOCS = 'https://github.com/Kilo-Org/kilocode/blob/00014964120ee1d4e6b2ca34011b993e10c167a8/packages/kilo-docs/pages/automate/mcp/using-in-kilo-code.md';
const GLOBAL = 'https://github.com/Kilo-Org/kilocode/blob/30e1f2872c6cb8c1da31a48d660daf683888e3e3/packages/opencode/src/global/index.ts';

const user = (file: string) => ({
  darwin: `\${XDG_CONFIG_HOME:-~/.config}/kilo/${file}`,
  win32: `\${XDG_CONFIG_HOME:-%USERPROFILE%/.config}/kilo/${file}`,
  linux: `\${XDG_CONFIG_HOME:-~/.config}/kilo/${file}`,
});
const project = (file: string) => ({ darwin: `./${file}`, win32: `./${file}`, linux: `./${file}` });

export const kiloCode = {
  id: 'kilo-code',
  name: 'Kilo Code',
  aliases: ['kilo', 'kilocode'],
  format: 'jsonc',
  rootKey: 'mcp',
  locations: [
    { scope: 'user', setupTarget: true, paths: user('kilo.jsonc') },
    { scope: 'user', paths: user('kilo.json') },
    { scope: 'project', paths: project('kilo.jsonc') },
    { scope: 'project', paths: project('kilo.json') },
    { scope: 'project', paths: project('.kilo/kilo.jsonc') },
    { scope: 'project', paths: project('.kilo/kilo.json') },
  ],
  precedence: ['project', 'user'],
  remote: {
    forms: [{ urlKey: 'url', type: 'remote', transport: 'streamable-http' }],
    headersKey: 'headers',
    knownTypes: ['local', 'remote'],
    missingType: 'fail',
    missingTypeWhy: 'Kilo Code requires "type" ("local" or "remote") on every server',
  },
  command: { commandKey: 'command', argv: true, envKey: 'environment', type: 'local', windowsShell: false },
  variables: { syntaxes: ['{env:VAR}'], places: ['url', 'headers', 'command', 'args', 'env'] },
  disabledKey: { key: 'enabled', off: false },
  logs: {
    // the data folder's log/ as in OpenCode (Path.log = join(data, "log"), app "kilo"); not in the docs
    dirs: { darwin: ['~/.local/share/kilo/log'], win32: ['%USERPROFILE%/.local/share/kilo/log'], linux: ['~/.local/share/kilo/log'] },
    patterns: [['*.log']],
  },
  restart: { default: 'Reload the editor window (VS Code: “Developer: Reload Window”) or restart `kilo`; `kilo mcp list` shows each server and its status.' },
  setup: { entry: 'remote' },
  // the MCP protocol revisions it negotiates are not established
  protocolRevisions: null,
  sources: [
    { what: 'protocol: built on OpenCode\'s MCP client; revision not established (not encoded)', url: DOCS },
    { what: 'locations: global ~/.config/kilo/kilo.jsonc (VS Code) / kilo.json (CLI), project kilo.json(c) or .kilo/kilo.json(c), project wins; legacy mcp_settings.json and .kilocode/mcp.json', url: DOCS },
    { what: 'locations: config folder join(xdgConfig, "kilo") from xdg-basedir (also on Windows); logs under the data folder\'s log/', url: GLOBAL },
    { what: 'entry shapes: mcp { name: { type: "remote", url, headers, enabled, timeout } } / { type: "local", command: [...], environment }; OAuth unless "oauth": false; tries StreamableHTTP then SSE', url: DOCS },
    { what: 'variables: {env:VARIABLE_NAME} in config files', url: DOCS },
    { what: 'shell on Windows: local servers as ["cmd", "/c", "npx", …]', url: DOCS },
    { what: 'restart: kilo mcp list | add | auth | debug; the extension writes its settings to the config file', url: DOCS },
  ],
} as const satisfies ClientSpec<'kilo-code'>;
