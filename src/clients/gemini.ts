// Gemini CLI: ~/.gemini/settings.json (and .gemini/settings.json in a project); remote entries
// { httpUrl, headers } or { url, type: "http", headers }.
//
// Remote forms by version (source; the docs still describe "url" as SSE and lag behind):
//   - httpUrl: Streamable HTTP in every version; deprecated since v0.21.0 ("Please migrate to 'url'
//     with 'type: \"http\"'", logged only when both httpUrl and url are set). Setup writes it,
//     since it works on old and new versions alike.
//   - url + "type": "http" (v0.21.0+, what `gemini mcp add --transport http` writes); url +
//     "type": "sse": SSE.
//   - url without type: SSE before v0.21.0; from v0.21.0 Streamable HTTP, falling back to SSE when
//     HTTP fails with anything but a 401. Encoded as Streamable HTTP (not legacy).
//
// Stdio servers: the host environment is sanitised before it reaches them — names matching
// TOKEN, SECRET, PASSWORD, KEY, AUTH, CREDENTIAL, … are removed (forced on for MCP servers), and
// only what the entry's "env" lists gets through: a bridge's AUTH_HEADER must be in "env", an
// exported shell variable is stripped. Stdio servers refuse to start in an untrusted folder ("Use
// 'gemini trust'"). In "env" values %VAR% is also expanded on Windows (not a VariableSyntax here).
//
// Other files (not read): system defaults and system overrides in /etc/gemini-cli/,
// C:\ProgramData\gemini-cli\ or /Library/Application Support/GeminiCli/ (resolveTemplate has no
// %ProgramData% or absolute-path base). Tool names are mcp_<server>_<tool> (a "_" in the server
// name confuses the policy parser); a length limit is not documented.
//
// The docs' own settings examples contain // comments, but JSONC is not documented as accepted:
// format stays "json" (unverified).
import type { ClientSpec } from './types.js';

const GEMINI = 'https://github.com/google-gemini/gemini-cli/blob/5411f113cafae26161b4969b0237b8e1e024e2c2';

export const gemini = {
  id: 'gemini',
  name: 'Gemini CLI',
  aliases: ['gemini-cli', 'gemini cli'],
  format: 'json',
  rootKey: 'mcpServers',
  locations: [
    {
      scope: 'user',
      setupTarget: true,
      paths: { darwin: '~/.gemini/settings.json', win32: '%USERPROFILE%/.gemini/settings.json', linux: '~/.gemini/settings.json' },
    },
    { scope: 'project', paths: { darwin: './.gemini/settings.json', win32: './.gemini/settings.json', linux: './.gemini/settings.json' } },
  ],
  // mcpServers is shallow-merged across settings files: a project entry replaces the user entry of
  // the same name.
  precedence: ['project', 'user'],
  remote: {
    forms: [
      { urlKey: 'httpUrl', transport: 'streamable-http' },
      { urlKey: 'url', type: 'http', transport: 'streamable-http' },
      { urlKey: 'url', type: null, transport: 'streamable-http' },
      { urlKey: 'url', type: 'sse', transport: 'sse', legacy: true },
    ],
    headersKey: 'headers',
    knownTypes: ['http', 'sse'],
  },
  // Windows: the MCP SDK's StdioClientTransport spawns through cross-spawn, which runs a .cmd shim
  // (npx.cmd) via cmd.exe, so `npx` starts as is.
  command: { commandKey: 'command', argsKey: 'args', envKey: 'env', windowsShell: true },
  // settings.json strings: $VAR, ${VAR} and ${VAR:-default} are replaced from the environment when
  // the file is loaded.
  variables: { syntaxes: ['$VAR', '${VAR}', '${VAR:-default}'], places: ['url', 'headers', 'command', 'args', 'env'] },
  // no MCP log file of its own is documented (see sources): client-logs does not read one
  logs: null,
  restart: { default: 'Quit Gemini CLI (/quit) and start it again; /mcp lists the servers it connected to.' },
  setup: { entry: 'remote' },
  // Pinned to TypeScript SDK 1.23.0, whose newest revision is 2025-06-18 (it does not know 2025-11-25).
  protocolRevisions: { value: ['2025-06-18', '2025-03-26', '2024-11-05'], source: `${GEMINI}/packages/core/package.json#L34` },
  sources: [
    { what: 'protocol: @modelcontextprotocol/sdk 1.23.0 (LATEST_PROTOCOL_VERSION 2025-06-18): 2025 era up to 2025-06-18', url: `${GEMINI}/packages/core/package.json#L34` },
    { what: 'protocol: SDK 1.23.0 dist/esm/types.js: SUPPORTED_PROTOCOL_VERSIONS 2025-06-18, 2025-03-26, 2024-11-05, 2024-10-07 (read in the npm tarball)', url: 'https://www.npmjs.com/package/@modelcontextprotocol/sdk/v/1.23.0' },
    { what: 'locations: ~/.gemini/settings.json, project .gemini/settings.json, system files; project overrides user', url: `${GEMINI}/docs/reference/configuration.md#L35-L61` },
    { what: 'precedence: mcpServers merged with SHALLOW_MERGE (same name: the later file wins); requiresRestart', url: `${GEMINI}/packages/cli/src/config/settingsSchema.ts#L161-L174` },
    { what: 'entry shapes: docs, command | url (SSE) | httpUrl (streamable HTTP), headers, env, timeout', url: `${GEMINI}/docs/tools/mcp-server.md#L152-L189` },
    { what: 'entry shapes: httpUrl (deprecated), url + type http/sse, url without type = HTTP (v0.21.0+)', url: `${GEMINI}/packages/core/src/tools/mcp-client.ts#L2223-L2258` },
    { what: 'entry shapes: url without type falls back to SSE when HTTP fails (not on 401)', url: `${GEMINI}/packages/core/src/tools/mcp-client.ts#L1929-L1944` },
    { what: 'entry shapes: v0.21.0 commit bdbbe92 "consolidate remote MCP servers to use url" (#13762)', url: 'https://github.com/google-gemini/gemini-cli/commit/bdbbe9232d23e4855cd2cb692e639d9cc75b8fd3' },
    { what: 'entry shapes: gemini mcp add --transport http writes { url, type: "http", headers }', url: `${GEMINI}/packages/cli/src/commands/mcp/add.ts#L68-L95` },
    { what: 'variables: $VAR_NAME, ${VAR_NAME}, ${VAR_NAME:-DEFAULT_VALUE} in any settings.json string', url: `${GEMINI}/docs/reference/configuration.md#L63-L69` },
    { what: 'variables: the resolver regex for $VAR, ${VAR}, ${VAR:-default}', url: `${GEMINI}/packages/cli/src/utils/envVarResolver.ts#L9-L28` },
    { what: 'variables: env values also take %VAR% on Windows; unset → empty string', url: `${GEMINI}/docs/tools/mcp-server.md#L190-L214` },
    { what: 'stdio env: host environment sanitised (redaction forced on), only the entry env passes; untrusted folder refuses stdio', url: `${GEMINI}/packages/core/src/tools/mcp-client.ts#L2334-L2365` },
    { what: 'stdio env: name patterns TOKEN, SECRET, PASSWORD, KEY, AUTH, CREDENTIAL, … never passed', url: `${GEMINI}/packages/core/src/services/environmentSanitization.ts#L111-L122` },
    { what: 'shell on Windows: stdio via the MCP SDK StdioClientTransport (SDK 1.23.0)', url: `${GEMINI}/packages/core/src/tools/mcp-client.ts#L2367-L2370` },
    { what: 'shell on Windows: SDK 1.23.0 spawns with cross-spawn (.cmd shims run via cmd.exe)', url: 'https://github.com/modelcontextprotocol/typescript-sdk/blob/e6c71bbab1dff7bf0c84eee96e74ef87f82a1dbe/src/client/stdio.ts#L2' },
    { what: 'logs: only --debug output and server stderr, no log file documented; tool names mcp_<server>_<tool>, no length limit documented', url: `${GEMINI}/docs/tools/mcp-server.md` },
    { what: 'restart: mcpServers requiresRestart; /mcp lists server status', url: `${GEMINI}/packages/cli/src/config/settingsSchema.ts#L165` },
  ],
} as const satisfies ClientSpec<'gemini'>;
