// Claude Desktop. Its config file runs local (command) servers only; a remote server is reached
// through the mcp-remote bridge (`npx -y mcp-remote URL --header Authorization:${AUTH_HEADER}`),
// or added in the app as a custom connector (OAuth; it connects from Anthropic's cloud), which lives
// outside this file.
//
// What the app does with a url entry depends on its version (issue reports, not a documented
// contract): Mac 1.0.2339 and 1.1.5368 show a zod error dialog ("path": ["mcpServers", "<name>",
// "command"], "Required") and 1.1.5368 also removed the entry from the file; Windows 1.1.4328
// crashed at launch on any "type": "http" entry; from 2026-04 the app skips it ("Some MCP servers
// could not be loaded … not valid MCP server configurations and were skipped: <name>", log line
// "Skipped invalid MCP server config entries").
//
// macOS PATH (issue reports, modelled in spawnPath below): the app does not use a
// login-shell PATH; it prepends every ~/.nvm/versions/node/*/bin in lexical (not semver) order
// (v14… before v20.12… before v20.9…), then /usr/local/bin, /opt/homebrew/bin and the system
// folders, so the first `npx` found may be an old nvm Node's (directus/mcp#2, mcpb#130). Whether
// 2026 builds changed this is unverified.
//
// Stdio servers inherit only a limited, platform-dependent set of environment variables and may
// start with / as working directory (MCP debugging guide): the bridge's AUTH_HEADER must be in the
// entry's own "env".
//
// Docs were read in the verbatim mirror thevibeworks/claude-code-docs @ 3f1ef7c2860523314e2c1b07d95f1db5235f66b1
// (content/mcp/docs/develop/connect-local-servers.md, content/mcp/docs/tools/debugging.md,
// content/support/*).
import path from 'node:path';
import type { ClientSpec } from './types.js';

export const claude = {
  id: 'claude',
  name: 'Claude Desktop',
  aliases: ['claude-desktop', 'claude desktop'],
  format: 'json',
  rootKey: 'mcpServers',
  locations: [
    {
      scope: 'user',
      setupTarget: true,
      paths: {
        darwin: '~/Library/Application Support/Claude/claude_desktop_config.json',
        win32: '%APPDATA%/Claude/claude_desktop_config.json',
        linux: '~/.config/Claude/claude_desktop_config.json',
      },
      note: 'Linux (beta): the path is not documented (unverified); ~/.config/Claude is what community builds use',
    },
    {
      scope: 'user',
      paths: { win32: '%LOCALAPPDATA%/Packages/Claude_pzs8sxrjxfjjc/LocalCache/Roaming/Claude/claude_desktop_config.json' },
      note: 'Microsoft Store (MSIX) install: its virtualised %APPDATA%',
    },
  ],
  // macOS: every ~/.nvm/versions/node/*/bin first, in lexical (not version) order, then the system
  // folders — not the login shell's PATH (the app's own log: directus/mcp#2; modelcontextprotocol/mcpb#130).
  spawnPath: {
    darwin: ['~/.nvm/versions/node/*/bin', '/usr/local/bin', '/opt/homebrew/bin', '/usr/bin', '/bin', '/usr/sbin', '/sbin'],
  },
  remote: null,
  remoteRefused:
    'Claude Desktop\'s config file takes only command-based servers: it skips url entries ("not valid MCP server configurations and were skipped"), and some versions refused to start or removed the entry',
  // Windows: the app starts every command through `cmd.exe /C` (its own log), so `npx` runs as is.
  command: { commandKey: 'command', argsKey: 'args', envKey: 'env', windowsShell: true },
  // Claude Desktop expands nothing in its file (no ${VAR} is documented; ${HOME}/${user_config.*}
  // exist only in .mcpb extension manifests); mcp-remote itself expands ${VAR} in its --header
  // arguments from its environment (the entry's "env"): see src/gateway/entry.ts.
  variables: { syntaxes: [], places: [] },
  logs: {
    dirs: {
      darwin: ['~/Library/Logs/Claude'],
      // %APPDATA%: the MCP debugging guide; %LOCALAPPDATA%/Claude/Logs: mcp-remote's README
      win32: ['%APPDATA%/Claude/logs', '%LOCALAPPDATA%/Claude/Logs'],
      linux: ['~/.config/Claude/logs'], // unverified
    },
    patterns: [['mcp*.log']],
    serverOf: (f) => /^mcp-server-(.+)\.log$/i.exec(path.basename(f))?.[1],
    // "Using MCP server command: /…/npx with args and path: { metadata: { args: [ … ], paths: [ '/Users/u/.nvm/…/bin', … ] } }"
    // (the app's own mcp-server-NAME.log: directus/mcp#2, anthropics/claude-code#4188)
    spawnPathLine: /Using MCP server command:[\s\S]{0,4000}?paths: \[(?<paths>[^\]]{0,20000})\]/g,
  },
  restart: {
    darwin: 'Quit Claude Desktop completely (Cmd+Q, or Claude → Quit; closing the window is not enough) and open it again.',
    win32: 'Quit Claude Desktop completely (right-click its icon in the notification area → Quit, or File → Exit; closing the window is not enough) and open it again.',
    default: 'Quit Claude Desktop completely (File → Quit; closing the window is not enough) and open it again.',
  },
  setup: { entry: 'bridge' },
  // The Tray entry in this file is a command (npx mcp-remote URL): the HTTP side is mcp-remote's.
  // mcp-remote 0.1.38 (geelen/mcp-remote@d26e5a8) bundles TypeScript SDK ^1.25.3, whose handshake is
  // the 2025 era up to 2025-11-25. Newer npm releases depend on the v2 client SDK, whose default is
  // still the 2025 handshake; whether they opt in to server/discover is not established.
  protocolRevisions: {
    value: ['2025-11-25', '2025-06-18', '2025-03-26', '2024-11-05'],
    source: 'https://github.com/geelen/mcp-remote/blob/d26e5a821ee7e266109f05871ecc2570d8a7054a/package.json',
    note: 'the mcp-remote bridge speaks for Claude Desktop; a custom connector (OAuth2) is Claude\'s own and not in this file',
  },
  sources: [
    { what: 'protocol: the bridge mcp-remote 0.1.38 bundles @modelcontextprotocol/sdk ^1.25.3 (2025 era, up to 2025-11-25)', url: 'https://github.com/geelen/mcp-remote/blob/d26e5a821ee7e266109f05871ecc2570d8a7054a/package.json' },
    { what: 'locations: macOS and Windows config file, mcpServers with command/args/env; "completely quit Claude Desktop and restart it"', url: 'https://modelcontextprotocol.io/docs/develop/connect-local-servers' },
    { what: 'locations: Windows Store (MSIX) install reads the virtualised %LOCALAPPDATA%/Packages/Claude_pzs8sxrjxfjjc/LocalCache/Roaming path (issue reports)', url: 'https://github.com/anthropics/claude-code/issues/29100' },
    { what: 'locations: MSIX path, second report', url: 'https://github.com/anthropics/claude-code/issues/38830' },
    { what: 'locations: Linux app is a beta; its config path is undocumented (unverified)', url: 'https://support.claude.com/en/articles/10065433' },
    { what: 'entry shapes: remote servers only via Settings > Connectors; url entries in claude_desktop_config.json are not connected', url: 'https://support.claude.com/en/articles/11503834' },
    { what: 'entry shapes: custom connectors (URL, OAuth client id/secret), connect from Anthropic\'s cloud, no static bearer header', url: 'https://support.claude.com/en/articles/11175166' },
    { what: 'entry shapes: url entry skipped, "not valid MCP server configurations and were skipped" (2026-04+)', url: 'https://github.com/aaronsb/obsidian-mcp-plugin/issues/124' },
    { what: 'entry shapes: zod "command Required" dialog and the entry removed from the file (Mac 1.1.5368)', url: 'https://github.com/anthropics/claude-code/issues/31370' },
    { what: 'entry shapes: crash at launch on a "type": "http" entry (Windows 1.1.4328)', url: 'https://github.com/anthropics/claude-code/issues/28713' },
    { what: 'variables: mcp-remote bridge, --header Authorization:${AUTH_HEADER} with no space (Claude Desktop on Windows does not escape spaces in args)', url: 'https://github.com/geelen/mcp-remote/blob/008b087e99221d1530c84d9a34c5554534d57908/README.md' },
    { what: 'shell on Windows: the app log shows "Using MCP server command: C:\\WINDOWS\\System32\\cmd.exe" with args [/C, …npx.cmd, …]', url: 'https://github.com/anthropics/claude-code/issues/4188' },
    { what: 'macOS PATH: every ~/.nvm/versions/node/*/bin prepended in lexical order before /usr/local/bin (app log)', url: 'https://github.com/directus/mcp/issues/2' },
    { what: 'macOS PATH: "Claude Desktop will ALWAYS try to use the oldest Node version"', url: 'https://github.com/modelcontextprotocol/mcpb/issues/130' },
    { what: 'logs: ~/Library/Logs/Claude and %APPDATA%\\Claude\\logs, mcp.log and mcp-server-NAME.log; limited inherited environment; fully quit to reload', url: 'https://modelcontextprotocol.io/docs/tools/debugging' },
    { what: 'logs: mcp-remote README names %LOCALAPPDATA%\\Claude\\Logs\\mcp.log on Windows; the Linux log folder is unverified', url: 'https://github.com/geelen/mcp-remote/blob/008b087e99221d1530c84d9a34c5554534d57908/README.md' },
    { what: 'restart: "completely quit Claude Desktop and restart it"; the Cmd+Q / tray Quit wording is unverified', url: 'https://modelcontextprotocol.io/docs/develop/connect-local-servers' },
    { what: 'product docs: the setup utility writes this entry', url: 'https://tray.ai/documentation/platform/artificial-intelligence/agent-gateway/connecting-to-agent-gateway' },
  ],
} as const satisfies ClientSpec<'claude'>;
