// Cline (VS Code extension, also installed in Cursor and other forks; CLI; JetBrains). Cline 4.0+
// keeps one cline_mcp_settings.json for all of them under ~/.cline/data/settings/ (moved by
// CLINE_MCP_SETTINGS_PATH (the file), CLINE_DATA_DIR (<dir>/settings/…) or CLINE_DIR
// (<dir>/data/settings/…); one ${VAR:-…} template cannot express that chain, so the default is
// listed). Before 4.0 the file was in each editor's global storage; 4.0 copies those servers into
// the new file once, on its first start (also from ~/Documents/Cline/MCP/cline_mcp_settings.json).
//
// Remote entries { type: "streamableHttp", url, headers }; a url without type is SSE. Also
// accepted, not modelled by RemoteForm: the legacy key "transportType" ("http" → streamableHttp,
// "sse") and the CLI-written nested form { "transport": { "type", "url", … } }.
// "timeout" is in seconds (default 60, 1..3600).
//
// Stdio servers get only the MCP SDK's default environment (PATH, HOME, … ) plus the entry's
// "env": a bridge's AUTH_HEADER must be in "env".
import type { ClientSpec } from './types.js';

const CLINE_SETTINGS = 'globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json';
const CLINE = 'https://github.com/cline/cline/blob/21cb8d2525bcedf1f4b6890b27a74a14fe7451e4';
const SDK = 'https://github.com/modelcontextprotocol/typescript-sdk/blob';

export const cline = {
  id: 'cline',
  name: 'Cline',
  // the Cline CLI shares the extension's file (one client, not two)
  aliases: ['cline-cli', 'cline cli'],
  format: 'json',
  rootKey: 'mcpServers',
  locations: [
    {
      scope: 'user',
      setupTarget: true,
      note: 'Cline 4.0+: one file for VS Code, Cursor, JetBrains and the CLI',
      paths: {
        darwin: '~/.cline/data/settings/cline_mcp_settings.json',
        win32: '%USERPROFILE%/.cline/data/settings/cline_mcp_settings.json',
        linux: '~/.cline/data/settings/cline_mcp_settings.json',
      },
    },
    {
      scope: 'user',
      note: 'Cline before 4.0, inside VS Code (migrated once on first start of 4.0+)',
      paths: {
        darwin: `~/Library/Application Support/Code/User/${CLINE_SETTINGS}`,
        win32: `%APPDATA%/Code/User/${CLINE_SETTINGS}`,
        linux: `~/.config/Code/User/${CLINE_SETTINGS}`,
      },
    },
    {
      scope: 'user',
      note: 'Cline before 4.0, inside Cursor (migrated once on first start of 4.0+)',
      paths: {
        darwin: `~/Library/Application Support/Cursor/User/${CLINE_SETTINGS}`,
        win32: `%APPDATA%/Cursor/User/${CLINE_SETTINGS}`,
        linux: `~/.config/Cursor/User/${CLINE_SETTINGS}`,
      },
    },
  ],
  remote: {
    forms: [
      { urlKey: 'url', type: 'streamableHttp', transport: 'streamable-http' },
      { urlKey: 'url', type: 'sse', transport: 'sse', legacy: true },
    ],
    headersKey: 'headers',
    knownTypes: ['stdio', 'sse', 'streamableHttp'],
    missingType: 'fail',
    missingTypeWhy: 'without one Cline connects with the legacy SSE transport',
  },
  // Windows: `npx` starts as is: the extension's McpHub uses the MCP SDK's StdioClientTransport,
  // which spawns through cross-spawn (a .cmd shim runs via cmd.exe), and the Cline 4 SDK client
  // spawns with shell: true on win32. (Older Cline, on SDKs before 1.8, failed with spawn npx ENOENT.)
  command: { commandKey: 'command', argsKey: 'args', envKey: 'env', type: 'stdio', windowsShell: true },
  // ${env:VAR} in every string of an entry (since v3.43.0); an unset one is left as written.
  variables: { syntaxes: ['${env:VAR}'], places: ['url', 'headers', 'command', 'args', 'env'] },
  disabledKey: { key: 'disabled', off: true },
  // no MCP log file of its own is documented (see sources): client-logs does not read one
  logs: null,
  restart: { default: 'Cline reloads cline_mcp_settings.json when it is saved; if the server does not come up, restart it in Cline’s MCP Servers view, or reload the editor window.' },
  setup: { entry: 'remote' },
  // The extension's McpHub is on TypeScript SDK ^1.25.1, the Cline 4 SDK client on ^1.29.0: the
  // 2025 era, up to 2025-11-25.
  protocolRevisions: { value: ['2025-11-25', '2025-06-18', '2025-03-26', '2024-11-05'], source: `${CLINE}/apps/vscode/package.json#L471` },
  sources: [
    { what: 'protocol: @modelcontextprotocol/sdk ^1.25.1 (extension) and ^1.29.0 (Cline 4 SDK core): 2025 era up to 2025-11-25', url: `${CLINE}/apps/vscode/package.json#L471` },
    { what: 'protocol: SDK 1.25.3 dist/esm/types.js: SUPPORTED_PROTOCOL_VERSIONS 2025-11-25, 2025-06-18, 2025-03-26, 2024-11-05, 2024-10-07 (read in the npm tarball)', url: 'https://www.npmjs.com/package/@modelcontextprotocol/sdk/v/1.25.3' },
    { what: 'locations: Cline 4.0+ MCP settings at ~/.cline/data/settings/cline_mcp_settings.json, shared by VS Code, CLI and JetBrains', url: `${CLINE}/apps/vscode/src/sdk/SdkController.ts#L292-L305` },
    { what: 'locations: CLINE_MCP_SETTINGS_PATH, CLINE_DATA_DIR, CLINE_DIR overrides (resolveMcpSettingsPath; home from HOME, else USERPROFILE on Windows, l.63-82)', url: `${CLINE}/sdk/packages/shared/src/storage/paths.ts#L409-L415` },
    { what: 'locations: docs, "MCP settings are stored under ~/.cline/data/settings/"', url: `${CLINE}/docs/getting-started/config.mdx#L59` },
    { what: 'locations: legacy globalStorage and ~/Documents/Cline/MCP files, migrated once on the first 4.0 start', url: `${CLINE}/apps/vscode/src/hosts/vscode/mcp-settings-legacy-migration.ts#L237-L265` },
    { what: 'entry shapes: type stdio/sse/streamableHttp, transportType legacy key, nested transport form; a url without type defaults to sse', url: `${CLINE}/apps/vscode/src/services/mcp/schemas.ts#L116-L160` },
    { what: 'entry shapes: docs, "Omitting it defaults to the legacy sse transport"; disabled, autoApprove, timeout', url: `${CLINE}/docs/mcp/mcp-overview.mdx#L104` },
    { what: 'variables: ${env:VAR} expanded in every string of an entry, unset left literal', url: `${CLINE}/apps/vscode/src/utils/envExpansion.ts#L20-L30` },
    { what: 'variables: expansion applied before connecting; stdio env = SDK default environment + entry env', url: `${CLINE}/apps/vscode/src/services/mcp/McpHub.ts#L461-L492` },
    { what: 'shell on Windows: the MCP SDK StdioClientTransport spawns with cross-spawn (SDK 1.8.0+, 1.23.0 shown)', url: `${SDK}/e6c71bbab1dff7bf0c84eee96e74ef87f82a1dbe/src/client/stdio.ts#L2` },
    { what: 'shell on Windows: Cline 4 SDK MCP client spawns with shell: true on win32', url: `${CLINE}/sdk/packages/core/src/extensions/mcp/client.ts#L313-L328` },
    { what: 'logs: Output channel / JetBrains cline-core-service.log only (unverified), not encoded', url: 'https://github.com/cline/cline/issues/6766' },
    { what: 'restart: the settings file is watched (watchMcpSettingsFile); restart per server in the MCP Servers view', url: `${CLINE}/apps/vscode/src/services/mcp/McpHub.ts#L289` },
  ],
} as const satisfies ClientSpec<'cline'>;
