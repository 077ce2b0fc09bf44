// OpenCode (sst/opencode, now anomalyco/opencode): JSON or JSONC files with the servers under "mcp".
// The global file is ~/.config/opencode/opencode.json (or .jsonc; the folder is xdg-basedir's config
// folder, $XDG_CONFIG_HOME or ~/.config, on Windows too); a project's opencode.json(c) in the folder
// or in .opencode/ (searched up from the working folder; only the working folder is read here).
// Files are merged key by key, later (project) over earlier (global); OPENCODE_CONFIG names one more
// file and OPENCODE_CONFIG_CONTENT inline JSON (neither read here); managed settings live in
// /Library/Application Support/opencode, /etc/opencode or %ProgramData%\opencode.
//
// Remote entries { type: "remote", url, headers, enabled, oauth, timeout }; "type" is required (the
// config is a discriminated union on it) and entries are strict: an unknown key is an error, and
// older releases know no "oauth" key, so setup writes none. OAuth is tried by default for remote
// servers: with a static Authorization header a wrong token shows as "needs authentication"
// ("Run: opencode mcp auth <name>") rather than a 401. Transport: Streamable HTTP, then SSE.
// Local entries { type: "local", command: [program, ...args], environment, enabled, timeout }.
//
// Variables: {env:NAME} (the variable's value, "" when unset) and {file:path} anywhere in the file.
//
// Windows: local servers are started with the MCP SDK's StdioClientTransport; whether `npx` runs
// without `cmd /c` is not established (Kilo Code, built on OpenCode, documents ["cmd", "/c", "npx", …]).
import type { ClientSpec } from './types.js';

const OC = 'https://github.com/anomalyco/opencode/blob/001133bc4831655c63c0e0a5a6c5f696b186cfea/packages/opencode/src';

export const opencode = {
  id: 'opencode',
  name: 'OpenCode',
  aliases: ['opencode-ai', 'sst-opencode'],
  format: 'jsonc',
  rootKey: 'mcp',
  locations: [
    {
      scope: 'user',
      setupTarget: true,
      paths: {
        darwin: '${XDG_CONFIG_HOME:-~/.config}/opencode/opencode.json',
        win32: '${XDG_CONFIG_HOME:-%USERPROFILE%/.config}/opencode/opencode.json',
        linux: '${XDG_CONFIG_HOME:-~/.config}/opencode/opencode.json',
      },
    },
    {
      scope: 'user',
      paths: {
        darwin: '${XDG_CONFIG_HOME:-~/.config}/opencode/opencode.jsonc',
        win32: '${XDG_CONFIG_HOME:-%USERPROFILE%/.config}/opencode/opencode.jsonc',
        linux: '${XDG_CONFIG_HOME:-~/.config}/opencode/opencode.jsonc',
      },
    },
    { scope: 'project', paths: { darwin: './opencode.json', win32: './opencode.json', linux: './opencode.json' } },
    { scope: 'project', paths: { darwin: './opencode.jsonc', win32: './opencode.jsonc', linux: './opencode.jsonc' } },
    { scope: 'project', paths: { darwin: './.opencode/opencode.json', win32: './.opencode/opencode.json', linux: './.opencode/opencode.json' } },
    { scope: 'project', paths: { darwin: './.opencode/opencode.jsonc', win32: './.opencode/opencode.jsonc', linux: './.opencode/opencode.jsonc' } },
  ],
  // project settings are merged over the global ones
  precedence: ['project', 'user'],
  remote: {
    forms: [{ urlKey: 'url', type: 'remote', transport: 'streamable-http' }],
    headersKey: 'headers',
    knownTypes: ['local', 'remote'],
    missingType: 'fail',
    missingTypeWhy: 'OpenCode refuses a server without it, and with it the whole config',
  },
  command: { commandKey: 'command', argv: true, envKey: 'environment', type: 'local' },
  variables: { syntaxes: ['{env:VAR}', '{file:PATH}'], places: ['url', 'headers', 'command', 'args', 'env'] },
  disabledKey: { key: 'enabled', off: false },
  logs: {
    dirs: { darwin: ['~/.local/share/opencode/log'], win32: ['%USERPROFILE%/.local/share/opencode/log'], linux: ['~/.local/share/opencode/log'] },
    patterns: [['*.log']],
  },
  restart: { default: 'Quit OpenCode and start it again (it reads its config at start); `opencode mcp list` shows each server and its status.' },
  setup: { entry: 'remote' },
  // the MCP protocol revisions it negotiates are not established
  protocolRevisions: null,
  sources: [
    { what: 'protocol: @modelcontextprotocol/sdk client (StreamableHTTP, then SSE); its version and revision are not established here (not encoded)', url: `${OC}/mcp/index.ts` },
    { what: 'locations: global ~/.config/opencode/opencode.json(c), project opencode.json(c) and .opencode/, merged (project over global), OPENCODE_CONFIG, managed folders; JSON and JSONC', url: 'https://opencode.ai/docs/config' },
    { what: 'locations: the config folder is xdg-basedir\'s (join(xdgConfig, "opencode")), on Windows %USERPROFILE%\\.config\\opencode too', url: 'https://github.com/anomalyco/opencode/blob/dev/packages/opencode/src/global/index.ts' },
    { what: 'entry shapes: mcp { name: { type: "remote", url, enabled, headers, oauth } } and { type: "local", command: [...], environment }; oauth: false disables OAuth detection', url: 'https://opencode.ai/docs/mcp-servers' },
    { what: 'entry shapes: remote connects with Streamable HTTP then SSE; OAuth on by default ("Run: opencode mcp auth <name>" on 401); enabled: false skips; local command[0] with the rest as args', url: `${OC}/mcp/index.ts` },
    { what: 'variables: {env:VARIABLE_NAME} (empty when unset) and {file:path} in the config', url: 'https://opencode.ai/docs/config#variables' },
    { what: 'logs: ~/.local/share/opencode/log (macOS/Linux), %USERPROFILE%\\.local\\share\\opencode\\log (Windows)', url: 'https://opencode.ai/docs/troubleshooting' },
    { what: 'restart: config read at start; opencode mcp list | auth | debug', url: 'https://opencode.ai/docs/cli' },
  ],
} as const satisfies ClientSpec<'opencode'>;
