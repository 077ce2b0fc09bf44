// VS Code Insiders: VS Code's own format and rules (see vscode.ts), in its own user folder "Code -
// Insiders" (%APPDATA%\Code - Insiders\User, ~/Library/Application Support/Code - Insiders/User,
// ~/.config/Code - Insiders/User). VS Code joins the platform's app-data folder with the product's
// name (userDataPath.ts); that the Insiders product name is "Code - Insiders" comes from its
// product.json, which is not in the open-source repository (consistent third-party reports).
//
// Setup writes mcp.json itself: `code-insiders --add-mcp` is shown only in third-party READMEs, so
// the CLI path is not used for Insiders.
import type { ClientSpec } from './types.js';
import { vscode } from './vscode.js';

const DOCS = 'https://github.com/microsoft/vscode-docs/blob';
const MCP_SERVERS = `${DOCS}/02dfa7d26ebd71d227cd23d97c3f7c54e2fb1821/docs/copilot/customization/mcp-servers.md`;
const INSIDERS = 'Code - Insiders';

export const vscodeInsiders = {
  id: 'vscode-insiders',
  name: 'VS Code Insiders',
  aliases: ['code-insiders', 'insiders', 'visual studio code insiders'],
  format: vscode.format,
  rootKey: vscode.rootKey,
  locations: [
    {
      scope: 'user',
      setupTarget: true,
      paths: {
        darwin: `~/Library/Application Support/${INSIDERS}/User/mcp.json`,
        win32: `%APPDATA%/${INSIDERS}/User/mcp.json`,
        linux: `~/.config/${INSIDERS}/User/mcp.json`,
      },
      note: 'the default profile; other profiles use User/profiles/<id>/mcp.json (not read)',
    },
    // the workspace's .vscode/mcp.json is listed under vscode (the same file for both)
  ],
  remote: vscode.remote,
  command: vscode.command,
  variables: vscode.variables,
  logs: {
    // where VS Code writes the per-server Output channel, in the Insiders folder (unverified)
    dirs: {
      darwin: [`~/Library/Application Support/${INSIDERS}/logs`],
      win32: [`%APPDATA%/${INSIDERS}/logs`],
      linux: [`~/.config/${INSIDERS}/logs`],
    },
    patterns: vscode.logs.patterns,
    serverOf: vscode.logs.serverOf,
  },
  restart: { default: 'Run “MCP: List Servers” in VS Code Insiders and restart the server, or reload the window.' },
  setup: { entry: 'remote' },
  limits: vscode.limits,
  protocolRevisions: vscode.protocolRevisions,
  sources: [
    { what: 'protocol: as VS Code (workbench client 2025-11-25; third-party, unverified)', url: 'https://github.com/ChristianPresley/zig-bridge-sdk/wiki/VS-Code' },
    { what: 'locations: user data folder = app-data folder joined with the product name (%APPDATA%, ~/Library/Application Support, $XDG_CONFIG_HOME or ~/.config); VSCODE_APPDATA, --user-data-dir', url: 'https://github.com/microsoft/vscode/blob/main/src/vs/platform/environment/node/userDataPath.ts' },
    { what: 'locations: the user profile\'s mcp.json and the workspace .vscode/mcp.json', url: MCP_SERVERS },
    { what: 'locations: "Code - Insiders" product folder: third-party reports only (e.g. coder/vscode-coder#60: AppData\\Roaming\\Code - Insiders\\User), unverified by Microsoft docs', url: 'https://github.com/coder/vscode-coder/issues/60' },
    { what: 'entry shapes, variables, shell, limits: as VS Code (servers, type http/sse, headers, ${input:ID}, ${env:VAR}, 128 tools)', url: `${DOCS}/0892da1a3afa8c1ee5d6e0ffe9c0476bca104212/docs/copilot/reference/mcp-configuration.md` },
    { what: 'setup CLI: code-insiders --add-mcp appears only in third-party READMEs (unverified): not used', url: MCP_SERVERS },
    { what: 'restart: restart the server from MCP: List Servers, or reload the window', url: MCP_SERVERS },
  ],
} as const satisfies ClientSpec<'vscode-insiders'>;
