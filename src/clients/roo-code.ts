// Roo Code (VS Code extension RooVeterinaryInc.roo-cline): mcp_settings.json in the extension's
// global storage (<VS Code user folder>/globalStorage/rooveterinaryinc.roo-cline/settings/; VS Code
// lower-cases the extension id for that folder) and a project's .roo/mcp.json; project servers win.
// The setting roo-cline.customStoragePath moves the global file (<path>/settings/mcp_settings.json);
// Roo installed in Cursor or another VS Code fork keeps it under that editor's folder (not read here).
//
// Remote entries { type: "streamable-http" | "sse", url, headers, disabled, timeout (s), alwaysAllow,
// disabledTools }: a url entry without "type" is refused ("must explicitly specify 'type'"), as is a
// url entry with command/args/env. No OAuth in the MCP code at this commit: static headers only.
// Stdio entries { command, args, env, cwd } ("type": "stdio" optional).
//
// Variables: ${env:NAME} (and ${workspaceFolder}, not modelled) in every string of an entry; an
// unset ${env:NAME} stays as written. Tool names are mcp--<server>--<tool>, cut at 64 characters.
import type { ClientSpec } from './types.js';

const ROO = 'https://github.com/RooCodeInc/Roo-Code/blob/cb836567180a3ff1da6d082f3178b90c3bd22a70';
const STORAGE = 'globalStorage/rooveterinaryinc.roo-cline/settings/mcp_settings.json';

export const rooCode = {
  id: 'roo-code',
  name: 'Roo Code',
  aliases: ['roo', 'roo-cline'],
  format: 'json',
  rootKey: 'mcpServers',
  locations: [
    {
      scope: 'user',
      setupTarget: true,
      note: 'Roo Code in VS Code; roo-cline.customStoragePath moves it',
      paths: {
        darwin: `~/Library/Application Support/Code/User/${STORAGE}`,
        win32: `%APPDATA%/Code/User/${STORAGE}`,
        linux: `~/.config/Code/User/${STORAGE}`,
      },
    },
    { scope: 'project', paths: { darwin: './.roo/mcp.json', win32: './.roo/mcp.json', linux: './.roo/mcp.json' } },
  ],
  precedence: ['project', 'user'],
  remote: {
    forms: [
      { urlKey: 'url', type: 'streamable-http', transport: 'streamable-http' },
      { urlKey: 'url', type: 'sse', transport: 'sse', legacy: true },
    ],
    headersKey: 'headers',
    knownTypes: ['stdio', 'sse', 'streamable-http'],
    missingType: 'fail',
    missingTypeWhy: 'Roo Code refuses a url entry without one',
  },
  // Windows: every command but cmd itself runs as `cmd.exe /c <command> …`.
  command: { commandKey: 'command', argsKey: 'args', envKey: 'env', type: 'stdio', windowsShell: true },
  variables: { syntaxes: ['${env:VAR}'], places: ['url', 'headers', 'command', 'args', 'env'] },
  disabledKey: { key: 'disabled', off: true },
  // Roo Code writes to a VS Code Output channel, not a file of its own
  logs: null,
  restart: { default: 'Roo Code reloads mcp_settings.json and .roo/mcp.json when they are saved; if the server does not come up, restart it in Roo Code’s MCP servers view, or reload the VS Code window.' },
  setup: { entry: 'remote' },
  limits: { maxToolNameLength: { value: 64, includesServerName: true, prefix: 'mcp--{server}--', serverNameChars: 'A-Za-z0-9_-', overflow: 'shortened', source: `${ROO}/src/utils/mcp-name.ts#L121-L136` } },
  // @modelcontextprotocol/sdk 1.12.0, pinned: the 2025 era up to 2025-03-26
  protocolRevisions: { value: ['2025-03-26', '2024-11-05'], source: `${ROO}/src/package.json#L466` },
  sources: [
    { what: 'protocol: @modelcontextprotocol/sdk 1.12.0 (pinned): 2025 era up to 2025-03-26', url: `${ROO}/src/package.json#L466` },
    { what: 'protocol: SDK 1.12.0 SUPPORTED_PROTOCOL_VERSIONS 2025-03-26, 2024-11-05, 2024-10-07', url: 'https://github.com/modelcontextprotocol/typescript-sdk/blob/0c4b3082751e1ec387a2f8ddbfe6a8c882d2ce0f/src/types.ts#L3-L8' },
    { what: 'locations: mcp_settings.json (GlobalFileNames.mcpSettings)', url: `${ROO}/src/shared/globalFileNames.ts` },
    { what: 'locations: <globalStorage>/settings, or <roo-cline.customStoragePath>/settings', url: `${ROO}/src/utils/storage.ts` },
    { what: 'locations: global storage folder = extension id lower-cased (VS Code)', url: 'https://github.com/microsoft/vscode/blob/main/src/vs/workbench/api/common/extHostStoragePaths.ts' },
    { what: 'locations: VS Code user folder per OS (%APPDATA%\\Code\\User, ~/Library/Application Support/Code/User, ~/.config/Code/User)', url: 'https://github.com/microsoft/vscode-docs/blob/0138f33cb0067995f0270658cf14235e1dc6d1e9/docs/configure/settings.md' },
    { what: 'locations: project .roo/mcp.json; both files watched; project servers win', url: `${ROO}/src/services/mcp/McpHub.ts#L594-L597` },
    { what: 'entry shapes: BaseConfigSchema (disabled, timeout, alwaysAllow, disabledTools); stdio / sse / streamable-http schemas, no mixing', url: `${ROO}/src/services/mcp/McpHub.ts#L67-L140` },
    { what: 'entry shapes: "Configuration with \'url\' must explicitly specify \'type\' as \'sse\' or \'streamable-http\'"', url: `${ROO}/src/services/mcp/McpHub.ts#L212-L250` },
    { what: 'variables: injectVariables(config, { env, workspaceFolder }) before connecting; ${env:NAME}', url: `${ROO}/src/utils/config.ts` },
    { what: 'shell on Windows: commands wrapped with cmd.exe /c unless already cmd', url: `${ROO}/src/services/mcp/McpHub.ts#L701-L720` },
    { what: 'logs: an Output channel (createOutputChannel), no log file', url: `${ROO}/src/extension.ts#L122` },
    { what: 'restart: watchMcpSettingsFile and the .roo/mcp.json watcher reconnect on save', url: `${ROO}/src/services/mcp/McpHub.ts#L510-L530` },
    { what: 'docs: global and project MCP settings, remote entries with headers', url: 'https://docs.roocode.com/features/mcp/using-mcp-in-roo' },
  ],
} as const satisfies ClientSpec<'roo-code'>;
