// Claude Code. Three scopes: user (top-level mcpServers of ~/.claude.json), local
// (projects[<project dir>].mcpServers of the same file) and project (.mcp.json in the project root,
// not inside .claude/); when names collide, local wins over project, project over user, and the
// whole entry of the winner is used (fields are not merged). Project servers need approval
// (enabledMcpjsonServers / disabledMcpjsonServers / enableAllProjectMcpServers in the settings
// files; older versions kept them in ~/.claude.json projects[dir]): judged in src/checks/tray-servers.ts.
// mcpServers in settings.json or ~/.claude/mcp.json is not read. Where CLAUDE_CONFIG_DIR puts
// ~/.claude.json is not documented (unverified).
//
// Remote entries: "type" is http, streamable-http (an alias of http), sse (deprecated) or ws. A
// "url" without a "type" is read as a stdio entry and skipped, with (v2.1.202+)
//   MCP server "<name>" has a "url" but no "type"; add "type": "http" (or "sse" / "ws") to this entry
// and before that "command: expected string, received undefined".
// ws (WebSocket) has no RemoteForm: Transport in types.ts knows only streamable-http and sse.
//
// Tool names are mcp__<server>__<tool>; the Anthropic API refuses a tool name over 64 characters
// ("tools.N.custom.name: String should have at most 64 characters"), so with "mcp__tray__" a Tray
// tool name may have 53. Claude Code imposes no per-server tool cap (tool search).
//
// Logs: `claude --debug` / `--debug=mcp` writes ~/.claude/debug/<session-id>.txt (or --debug-file,
// CLAUDE_CODE_DEBUG_LOGS_DIR). That file holds every line of the session, not MCP lines only, so
// it is not listed in `logs` (the client-logs check would read other servers' lines as Tray's).
//
// Docs were read in the verbatim mirror ericbuess/claude-code-docs @ ec68a5b2d32cf44e913cb4a6ed35bb1cbc2cbdc9
// (docs/mcp.md, settings-reference.md, settings.md, env-vars.md, debug-your-config.md, changelog.md).
import path from 'node:path';
import type { ClientSpec } from './types.js';

export const claudeCode = {
  id: 'claude-code',
  name: 'Claude Code',
  aliases: ['claudecode', 'claude code'],
  format: 'json',
  rootKey: 'mcpServers',
  projectMaps: { key: 'projects', rootKey: 'mcpServers' },
  locations: [
    {
      scope: 'user',
      setupTarget: true,
      large: true,
      paths: { darwin: '~/.claude.json', win32: '~/.claude.json', linux: '~/.claude.json' },
      note: 'user scope: top-level mcpServers; local scope: projects[dir].mcpServers',
    },
    { scope: 'project', paths: { darwin: './.mcp.json', win32: './.mcp.json', linux: './.mcp.json' }, note: 'project scope, shared through version control' },
  ],
  precedence: ['local', 'project', 'user'],
  projectApproval: {
    files: ['./.claude/settings.local.json', './.claude/settings.json', '~/.claude/settings.json'],
    enabledKey: 'enabledMcpjsonServers',
    disabledKey: 'disabledMcpjsonServers',
    allKey: 'enableAllProjectMcpServers',
  },
  remote: {
    forms: [
      { urlKey: 'url', type: 'http', transport: 'streamable-http' },
      { urlKey: 'url', type: 'streamable-http', transport: 'streamable-http' },
      { urlKey: 'url', type: 'sse', transport: 'sse', legacy: true },
    ],
    headersKey: 'headers',
    knownTypes: ['stdio', 'http', 'streamable-http', 'sse', 'ws'],
    missingType: 'fail',
    missingTypeWhy:
      'Claude Code reads it as a command entry and skips it, reporting \'has a "url" but no "type"\'; before v2.1.202: "command: expected string, received undefined"',
  },
  // Windows: the command is spawned directly, without a shell: a bare `npx` (a .cmd shim) fails
  // with spawn npx ENOENT/EINVAL; write "command": "cmd", "args": ["/c", "npx", …].
  command: { commandKey: 'command', argsKey: 'args', envKey: 'env', type: 'stdio', windowsShell: false },
  // An unset variable without a default is used literally (warning in `claude mcp list`).
  variables: { syntaxes: ['${VAR}', '${VAR:-default}'], places: ['url', 'headers', 'command', 'args', 'env'] },
  logs: {
    dirs: {
      darwin: ['~/Library/Caches/claude-cli-nodejs'],
      win32: ['%LOCALAPPDATA%/claude-cli-nodejs/Cache'], // unverified
      linux: ['~/.cache/claude-cli-nodejs', '~/.cache/claude-cli'],
    },
    patterns: [
      ['*', 'mcp-logs-*', '*.jsonl'],
      ['*', 'mcp-logs-*', '*.txt'],
    ],
    serverOf: (f) => /^mcp-logs-(.+)$/i.exec(path.basename(path.dirname(f)))?.[1],
  },
  restart: { default: 'Start a new Claude Code session (exit and run `claude` again), or run `/mcp` and choose Reconnect for the server.' },
  setup: { entry: 'remote' },
  limits: {
    maxToolNameLength: {
      value: 64,
      includesServerName: true,
      prefix: 'mcp__{server}__',
      serverNameChars: 'A-Za-z0-9_-',
      overflow: 'refused',
      source: 'https://github.com/anthropics/claude-code/issues/2326',
    },
  },
  // v2.1.232+ runs the v2 MCP client runtime (TypeScript SDK 2.x): HTTP servers are asked
  // server/discover (2026-07-28) first, then the 2025 handshake. The v1 runtime (on Bedrock, Vertex,
  // Foundry, behind a Claude apps gateway, or with feature flags off) speaks the 2025 era only.
  protocolRevisions: {
    value: ['2026-07-28', ...['2025-11-25', '2025-06-18', '2025-03-26', '2024-11-05']],
    source: 'https://code.claude.com/docs/en/mcp#mcp-client-runtimes',
    note: 'v2.1.232+ (v2 runtime); the v1 runtime (Bedrock, Vertex, Foundry, apps gateway) speaks the 2025 era only',
  },
  sources: [
    { what: 'locations: scopes local/project/user, ~/.claude.json (top level and projects[dir]) and .mcp.json in the project root', url: 'https://code.claude.com/docs/en/mcp#mcp-installation-scopes' },
    { what: 'locations: ~ is %USERPROFILE% on Windows', url: 'https://code.claude.com/docs/en/settings' },
    { what: 'locations: mcpServers in settings.json or ~/.claude/mcp.json is not read', url: 'https://code.claude.com/docs/en/debug-your-config' },
    { what: 'precedence: local > project > user by name, whole entry used, fields not merged', url: 'https://code.claude.com/docs/en/mcp#scope-hierarchy-and-precedence' },
    { what: 'project approval: enabledMcpjsonServers, disabledMcpjsonServers, enableAllProjectMcpServers in the settings files', url: 'https://code.claude.com/docs/en/settings-reference' },
    { what: 'project approval: older versions kept the approval keys in ~/.claude.json projects[dir] (issue report)', url: 'https://github.com/anthropics/claude-code/issues/16402' },
    { what: 'entry shapes: type http/sse/ws/stdio, streamable-http accepted as an alias of http, url without type is an error with its exact message', url: 'https://code.claude.com/docs/en/mcp' },
    { what: 'variables: ${VAR} and ${VAR:-default} in command, args, env, url and headers', url: 'https://code.claude.com/docs/en/mcp#environment-variable-expansion-in-mcp-json' },
    { what: 'shell on Windows: the MCP server command is spawned directly, no shell; bare npx fails (issue reports)', url: 'https://github.com/anthropics/claude-code/issues/68221' },
    { what: 'shell on Windows: spawn npx ENOENT/EINVAL on v2.1.139', url: 'https://github.com/anthropics/claude-code/issues/58510' },
    { what: 'shell on Windows: changelog 2.1.119 removed the false-positive "Windows requires cmd /c wrapper" warning', url: 'https://code.claude.com/docs/en/changelog' },
    { what: 'logs: per-server logs in claude-cli-nodejs/<project>/mcp-logs-<server> (maintainer comment; Windows folder unverified)', url: 'https://github.com/anthropics/claude-code/issues/72' },
    { what: 'logs: mcp-logs folder still used on 2.1.181', url: 'https://github.com/anthropics/claude-code/issues/69427' },
    { what: 'logs: claude --debug=mcp writes ~/.claude/debug/<session-id>.txt', url: 'https://code.claude.com/docs/en/debug-your-config' },
    { what: 'limits: tool names mcp__<server>__<tool>; no fixed per-server tool cap', url: 'https://code.claude.com/docs/en/mcp#scale-with-mcp-tool-search' },
    { what: 'limits: API refuses tool names over 64 characters, prefix included (issue reports)', url: 'https://github.com/anthropics/claude-code/issues/2326' },
    { what: 'limits: 64-character tool name, further reports', url: 'https://github.com/anthropics/claude-code/issues/19882' },
    { what: 'restart: a new session reads the config; /mcp → Reconnect for one server', url: 'https://code.claude.com/docs/en/mcp' },
    { what: 'protocol: v2 runtime (TypeScript SDK 2.0, revision 2026-07-28) on v2.1.232+, HTTP servers asked first; v1 runtime on SDK 1.x', url: 'https://code.claude.com/docs/en/mcp#mcp-client-runtimes' },
    { what: 'protocol: MCP_PROTOCOL_NEGOTIATION auto/legacy; HTTP servers probed by default on v2.1.232+', url: 'https://code.claude.com/docs/en/env-vars' },
    { what: 'limits: tool names outside A-Z a-z 0-9 _ - replaced by _ (plugin form mcp__plugin_<plugin>_<server>__<tool>)', url: 'https://code.claude.com/docs/en/mcp' },
  ],
} as const satisfies ClientSpec<'claude-code'>;
