// Warp (terminal): Warp-managed file-based MCP servers in ~/.warp/.mcp.json (global, started with
// Warp by default) and {repo_root}/.warp/.mcp.json (project: detected, started by hand), root
// "mcpServers" (Warp also recognises servers, mcp.servers and mcp_servers). With "Auto-spawn servers
// from third-party agents" on, Warp also runs Claude Code's and Codex's servers (their files are read
// under claude-code and codex). Servers added in Warp's settings live in Warp's own storage.
// The docs write ~ only: %USERPROFILE%\.warp on Windows is the natural reading (unverified).
//
// Remote entries { url, headers } with no "type" (Streamable HTTP or SSE); local entries { command,
// args, env, working_directory }. OAuth sign-in is built in (tokens under ~/.mcp-auth).
import type { ClientSpec } from './types.js';

const DOCS = 'https://github.com/warpdotdev/docs/blob';
const MCP = `${DOCS}/9d837ad1f6d930fd1f48c9299c5b6f39289865be/src/content/docs/agent-platform/capabilities/mcp.mdx`;
const FILE_BASED = `${DOCS}/43ac4c3d19ef90fbc5c18071665a13037f96bb5d/src/content/docs/agent-platform/capabilities/mcp.mdx`;

export const warp = {
  id: 'warp',
  name: 'Warp',
  aliases: ['warp-terminal'],
  format: 'json',
  rootKey: 'mcpServers',
  locations: [
    { scope: 'user', setupTarget: true, paths: { darwin: '~/.warp/.mcp.json', win32: '%USERPROFILE%/.warp/.mcp.json', linux: '~/.warp/.mcp.json' } },
    { scope: 'project', note: 'the repository root\'s (run doctor there)', paths: { darwin: './.warp/.mcp.json', win32: './.warp/.mcp.json', linux: './.warp/.mcp.json' } },
  ],
  remote: {
    forms: [{ urlKey: 'url', transport: 'streamable-http' }],
    headersKey: 'headers',
  },
  // Windows: how the command is started is not established.
  command: { commandKey: 'command', argsKey: 'args', envKey: 'env' },
  variables: { syntaxes: [], places: [] },
  logs: {
    dirs: {
      darwin: ['~/Library/Group Containers/2BBY89MBSN.dev.warp/Library/Application Support/dev.warp.Warp-Stable/mcp'],
      win32: ['%LOCALAPPDATA%/warp/Warp/data/logs/mcp'],
      linux: ['${XDG_STATE_HOME:-~/.local/state}/warp-terminal/mcp'],
    },
    // the file names in that folder are not documented
    patterns: [['*']],
  },
  restart: { default: 'Restart Warp (global servers in ~/.warp/.mcp.json start with it), or start the server from Settings → Agents → MCP servers.' },
  setup: { entry: 'remote' },
  // the MCP protocol revisions it negotiates are not established
  protocolRevisions: null,
  sources: [
    { what: 'protocol: no revision stated in Warp\'s MCP docs (unverified, not encoded)', url: MCP },
    { what: 'locations: global ~/.warp/.mcp.json (auto-spawned by default), project .warp/.mcp.json; mcpServers, servers, mcp.servers, mcp_servers recognised (Update file-based MCP server docs, PR #10; Windows/Linux ~ unverified)', url: FILE_BASED },
    { what: 'entry shapes: URL servers { url, headers } (no type); command servers { command, args, env, working_directory }; OAuth and custom headers', url: MCP },
    { what: 'logs: macOS Group Containers/…/dev.warp.Warp-Stable/mcp, Windows %LOCALAPPDATA%\\warp\\Warp\\data\\logs\\mcp, Linux ${XDG_STATE_HOME:-~/.local/state}/warp-terminal/mcp', url: MCP },
    { what: 'restart: start or stop servers from the MCP servers page', url: MCP },
  ],
} as const satisfies ClientSpec<'warp'>;
