// Continue (VS Code and JetBrains extensions, and the `cn` CLI): ~/.continue/config.yaml
// (%USERPROFILE%\.continue on Windows; CONTINUE_GLOBAL_DIR moves the folder), YAML, with the servers
// as a LIST under mcpServers: each item "- name: …". Items of the form "- uses: owner/block" stand for
// a hub block and are not entries here. A config.yaml needs top-level name and version: setup writes
// them (as Continue's own default file does) when it creates the file.
//
// Remote entries { name, type: streamable-http, url, apiKey | requestOptions.headers }: apiKey is sent
// as "Authorization: Bearer <apiKey>" and wins over an Authorization in requestOptions.headers; a url
// without type is tried as Streamable HTTP, then SSE; OAuth only for "sse". Stdio entries { name,
// command, args, env, cwd }.
//
// A workspace's .continue/mcpServers/*.yaml are block files, each with name, version, schema and a
// one-item mcpServers list: read as project files. Not read here: JSON files in Claude/Cursor format
// in the same folder, and the older config.json.
//
// Variables: ${{ secrets.NAME }} anywhere, from <workspace>/.env, <workspace>/.continue/.env,
// ~/.continue/.env (the IDE extensions cannot read the shell environment; the cn CLI can).
import type { ClientSpec } from './types.js';

const CONT = 'https://github.com/continuedev/continue/blob/d0a3c0b626b5bebc3bef4742eec05a0242be0bab';

export const continueDev = {
  id: 'continue',
  name: 'Continue',
  aliases: ['continue-dev', 'continue.dev', 'cn'],
  format: 'yaml',
  rootKey: 'mcpServers',
  serverList: { nameKey: 'name', refKey: 'uses' },
  locations: [
    {
      scope: 'user',
      setupTarget: true,
      paths: {
        darwin: '${CONTINUE_GLOBAL_DIR:-~/.continue}/config.yaml',
        win32: '${CONTINUE_GLOBAL_DIR:-%USERPROFILE%/.continue}/config.yaml',
        linux: '${CONTINUE_GLOBAL_DIR:-~/.continue}/config.yaml',
      },
    },
    {
      scope: 'project',
      note: 'block files in the workspace (name, version, schema and one server each)',
      paths: { darwin: './.continue/mcpServers/*.yaml', win32: './.continue/mcpServers/*.yaml', linux: './.continue/mcpServers/*.yaml' },
    },
  ],
  remote: {
    forms: [
      { urlKey: 'url', type: 'streamable-http', transport: 'streamable-http' },
      // no type: Streamable HTTP first, then SSE
      { urlKey: 'url', type: null, transport: 'streamable-http' },
      { urlKey: 'url', type: 'sse', transport: 'sse', legacy: true },
    ],
    headersKey: 'requestOptions.headers',
    tokenKey: 'apiKey',
    knownTypes: ['stdio', 'sse', 'streamable-http'],
  },
  // Windows: npx, uv, uvx, pnpx, dlx, nx and bunx run as `cmd.exe /c …` (not under a WSL remote).
  command: { commandKey: 'command', argsKey: 'args', envKey: 'env', type: 'stdio', windowsShell: true },
  variables: { syntaxes: ['${{ secrets.NAME }}'], places: ['url', 'headers', 'command', 'args', 'env'] },
  logs: {
    dirs: { darwin: ['~/.continue/logs'], win32: ['%USERPROFILE%/.continue/logs'], linux: ['~/.continue/logs'] },
    patterns: [['core.log']],
  },
  restart: { default: 'Save config.yaml, then reload the editor window (VS Code: “Developer: Reload Window”) or restart the IDE; MCP tools are used in Agent mode.' },
  setup: { entry: 'remote', newFile: { name: 'Main Config', version: '1.0.0', schema: 'v1' } },
  // @modelcontextprotocol/sdk ^1.25.2: the 2025 era up to 2025-11-25
  protocolRevisions: { value: ['2025-11-25', '2025-06-18', '2025-03-26', '2024-11-05'], source: `${CONT}/core/package.json#L67` },
  sources: [
    { what: 'protocol: @modelcontextprotocol/sdk ^1.25.2 (core): 2025 era up to 2025-11-25', url: `${CONT}/core/package.json#L67` },
    { what: 'protocol: SDK 1.25 SUPPORTED_PROTOCOL_VERSIONS 2025-11-25, 2025-06-18, 2025-03-26, 2024-11-05, 2024-10-07', url: 'https://github.com/modelcontextprotocol/typescript-sdk/blob/384311b9b8452017f5f81819c133dc45c667cfa4/src/types.ts#L4-L6' },
    { what: 'locations: ~/.continue/config.yaml (macOS/Linux), %USERPROFILE%\\.continue\\config.yaml (Windows)', url: `${CONT}/docs/customize/deep-dives/configuration.mdx#L14-L17` },
    { what: 'locations: CONTINUE_GLOBAL_DIR, else os.homedir()/.continue; config.yaml created from the default when missing', url: `${CONT}/core/util/paths.ts#L27-L36` },
    { what: 'locations: project blocks in .continue/mcpServers/*.yaml (name, version, schema, one-item mcpServers); JSON files there in Claude/Cursor format (not read here)', url: `${CONT}/docs/customize/deep-dives/mcp.mdx#L32-L68` },
    { what: 'entry shapes: config.yaml needs name and version; mcpServers is a list of servers or { uses, with, override } blocks', url: `${CONT}/packages/config-yaml/src/schemas/index.ts#L100-L139` },
    { what: 'entry shapes: the default config.yaml is name "Main Config", version "1.0.0", schema "v1"', url: `${CONT}/core/config/yaml/default.ts` },
    { what: 'entry shapes: name; stdio { command, args, env, cwd }; url with type sse | streamable-http (optional), apiKey, requestOptions', url: `${CONT}/packages/config-yaml/src/schemas/mcp/index.ts` },
    { what: 'entry shapes: apiKey sent as "Authorization: Bearer <apiKey>", merged over requestOptions.headers', url: `${CONT}/core/context/mcp/MCPConnection.ts#L508-L551` },
    { what: 'entry shapes: a url without type tries Streamable HTTP, then SSE; OAuth for sse only', url: `${CONT}/core/context/mcp/MCPConnection.ts#L151-L169` },
    { what: 'variables: ${{ secrets.NAME }} from the workspace .env, .continue/.env, ~/.continue/.env; IDE extensions cannot read shell variables', url: `${CONT}/docs/faqs.mdx#L275-L296` },
    { what: 'shell on Windows: npx and other batch commands run through cmd.exe /c (resolveCommandForPlatform)', url: `${CONT}/core/context/mcp/MCPConnection.ts#L417-L445` },
    { what: 'logs: ~/.continue/logs/core.log', url: `${CONT}/docs/troubleshooting.mdx#L47` },
    { what: 'restart: "Restart your IDE after adding or changing secrets"; reload on save unverified', url: `${CONT}/docs/faqs.mdx#L296` },
  ],
} as const satisfies ClientSpec<'continue'>;
