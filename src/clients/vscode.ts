// VS Code: the user profile's mcp.json (and .vscode/mcp.json in a workspace), root key "servers"
// with optional "inputs"; remote entries { type: "http", url, headers } ("type" is required; for
// http VS Code tries Streamable HTTP first and falls back to SSE); ${input:ID} prompts (stored
// securely) and ${env:VAR}.
//
// Not modelled here: non-default profiles keep their own file (User/profiles/<profile id>/mcp.json);
// VS Code Insiders (its "Code - Insiders" folder) is a client of its own (vscode-insiders.ts); remote windows have a remote user configuration ("MCP: Open Remote User Configuration");
// dev containers use customizations.vscode.mcp.servers in devcontainer.json; older versions kept
// servers under "mcp": { "servers": … } in settings.json (unverified).
//
// Format: the docs call mcp.json a JSON file and never say whether comments are allowed; "jsonc"
// (comments and trailing commas tolerated, as in VS Code's other config files) is unverified.
import path from 'node:path';
import type { ClientSpec } from './types.js';

const DOCS = 'https://github.com/microsoft/vscode-docs/blob';
const MCP_CONFIGURATION = `${DOCS}/0892da1a3afa8c1ee5d6e0ffe9c0476bca104212/docs/copilot/reference/mcp-configuration.md`;
const MCP_SERVERS = `${DOCS}/02dfa7d26ebd71d227cd23d97c3f7c54e2fb1821/docs/copilot/customization/mcp-servers.md`;

export const vscode = {
  id: 'vscode',
  name: 'VS Code',
  aliases: ['code', 'vs-code', 'visual studio code'],
  format: 'jsonc',
  rootKey: 'servers',
  locations: [
    {
      scope: 'user',
      setupTarget: true,
      paths: {
        darwin: '~/Library/Application Support/Code/User/mcp.json',
        win32: '%APPDATA%/Code/User/mcp.json',
        linux: '~/.config/Code/User/mcp.json',
      },
      note: 'the default profile; other profiles use User/profiles/<id>/mcp.json (not read)',
    },
    { scope: 'project', paths: { darwin: './.vscode/mcp.json', win32: './.vscode/mcp.json', linux: './.vscode/mcp.json' } },
  ],
  remote: {
    forms: [
      { urlKey: 'url', type: 'http', transport: 'streamable-http' },
      { urlKey: 'url', type: 'sse', transport: 'sse', legacy: true },
    ],
    headersKey: 'headers',
    knownTypes: ['stdio', 'http', 'sse'],
    missingType: 'warn',
    missingTypeWhy: 'VS Code documents "type" as required',
  },
  // Windows: VS Code resolves the command on PATH and runs a .cmd/.bat (npx.cmd) with shell: true
  // (formatSubprocessArguments, for CVE-2024-27980), so `npx` starts as is.
  command: { commandKey: 'command', argsKey: 'args', envKey: 'env', type: 'stdio', windowsShell: true },
  variables: { syntaxes: ['${env:VAR}', '${input:ID}'], places: ['url', 'headers', 'command', 'args', 'env'] },
  logs: {
    // The docs name the per-server Output channel (MCP: List Servers → Show Output); these files
    // are where VS Code writes that channel (unverified).
    dirs: {
      darwin: ['~/Library/Application Support/Code/logs'],
      win32: ['%APPDATA%/Code/logs'],
      linux: ['~/.config/Code/logs'],
    },
    patterns: [['*', 'window*', 'mcpServer.*.log']],
    // mcpServer.mcp.config.usrlocal.<server>.log — the server name is the last dotted part
    serverOf: (f) => /^mcpServer\..*\.([^.]+)\.log$/i.exec(path.basename(f))?.[1],
  },
  restart: { default: 'Run “MCP: List Servers” in VS Code and restart the server, or reload the window.' },
  setup: { entry: 'remote', cli: 'code-add-mcp' },
  limits: { maxTools: { value: 128, source: MCP_SERVERS } },
  // VS Code 1.140's workbench MCP client (server list, tools for chat) opens with initialize
  // 2025-11-25 only; the Copilot agent host asks server/discover first. From a third-party
  // integration page, not VS Code's own docs (unverified there): the 2025 era is what is encoded.
  protocolRevisions: {
    value: ['2025-11-25'],
    source: 'https://github.com/ChristianPresley/zig-bridge-sdk/wiki/VS-Code',
    note: 'workbench client: 2025-11-25 only (third-party report); the Copilot agent host probes server/discover first',
  },
  sources: [
    { what: 'protocol: VS Code 1.140 workbench client initializes 2025-11-25 only; Copilot agent host sends server/discover first (third-party, unverified in VS Code docs)', url: 'https://github.com/ChristianPresley/zig-bridge-sdk/wiki/VS-Code' },
    { what: 'locations: workspace .vscode/mcp.json and the user profile mcp.json', url: MCP_SERVERS },
    { what: 'locations: profile folder per OS (%APPDATA%\\Code\\User, ~/Library/Application Support/Code/User, ~/.config/Code/User), User/profiles/<id>', url: `${DOCS}/0138f33cb0067995f0270658cf14235e1dc6d1e9/docs/configure/settings.md` },
    { what: 'entry shapes: "servers" and "inputs"; type stdio/http/sse required; url, headers; http falls back to SSE; JSONC not stated (unverified)', url: MCP_CONFIGURATION },
    { what: 'variables: ${input:ID} prompts (password: true stored securely) and predefined variables', url: MCP_CONFIGURATION },
    { what: 'variables: ${env:VAR} in the variables reference (not shown in an MCP example)', url: 'https://code.visualstudio.com/docs/reference/variables-reference' },
    { what: 'shell on Windows: a .cmd/.bat command runs with shell: true (formatSubprocessArguments)', url: 'https://github.com/microsoft/vscode/blob/c7885ab9da90ad7144ed6b4f612f4f1d63d53aa6/src/vs/workbench/api/node/extHostMcpNode.ts' },
    { what: 'logs: Show Output from the Chat error or MCP: List Servers (on-disk folder unverified)', url: MCP_SERVERS },
    { what: 'limits: "Cannot have more than 128 tools per request" (virtual tools threshold)', url: MCP_SERVERS },
    { what: 'setup CLI: code --add-mcp "{\\"name\\":…}" adds a server to the user profile', url: MCP_SERVERS },
    { what: 'setup CLI: command-line reference', url: 'https://code.visualstudio.com/docs/configure/command-line' },
    { what: 'restart: restart the server from the Chat view or MCP: List Servers; chat.mcp.autostart', url: MCP_SERVERS },
  ],
} as const satisfies ClientSpec<'vscode'>;
