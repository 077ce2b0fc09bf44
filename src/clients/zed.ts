// Zed: settings.json (JSONC), "context_servers"; remote entries { url, headers }, local ones
// { command, args, env } (+ timeout, enabled, remote).
//
// Older local forms, still met in files: { "source": "custom", "command": …, "args": …, "env": … }
// (the enum was tagged by "source"; whether today's untagged enum tolerates the extra key is
// unverified), and the oldest { "command": { "path", "args", "env" }, "settings": {} } (read by
// commandOf in src/gateway/entry.ts; CommandSpec cannot describe it).
// Remote servers (PR #39021, first release ≈v0.208, unverified); without an Authorization header
// Zed starts the MCP OAuth flow.
//
// Other locations (not read): Flatpak $FLATPAK_XDG_CONFIG_HOME/zed/settings.json, and the global
// /etc/zed/settings.json | %ProgramData%\Zed\settings.json (resolveTemplate has neither base).
// Project servers start only in a trusted worktree (session.trust_all_worktrees skips the check).
// Zed loads the login-shell environment at start-up (issue log, "set environment variables from
// shell"). Variables: none documented (unverified). Shell on Windows: not established.
//
// Tool names sent to the model are the MCP tool names, cut to 64 characters; the server id is
// prefixed ("<server>_<tool>", still within 64) only when two servers offer the same name.
import type { ClientSpec } from './types.js';

const ZED = 'https://github.com/zed-industries/zed/blob';

export const zed = {
  id: 'zed',
  name: 'Zed',
  format: 'jsonc',
  rootKey: 'context_servers',
  locations: [
    {
      scope: 'user',
      setupTarget: true,
      paths: {
        darwin: '~/.config/zed/settings.json',
        win32: '%APPDATA%/Zed/settings.json',
        linux: '${XDG_CONFIG_HOME:-~/.config}/zed/settings.json',
      },
    },
    { scope: 'project', paths: { darwin: './.zed/settings.json', win32: './.zed/settings.json', linux: './.zed/settings.json' } },
  ],
  remote: {
    forms: [{ urlKey: 'url', transport: 'streamable-http' }],
    headersKey: 'headers',
  },
  command: { commandKey: 'command', argsKey: 'args', envKey: 'env' },
  variables: { syntaxes: [], places: [] },
  disabledKey: { key: 'enabled', off: false },
  logs: {
    dirs: { darwin: ['~/Library/Logs/Zed'], win32: ['%LOCALAPPDATA%/Zed/logs'], linux: ['${XDG_DATA_HOME:-~/.local/share}/zed/logs'] },
    // Zed.log.old: the previous run's log
    patterns: [['Zed.log'], ['Zed.log.old']],
  },
  restart: { default: 'Zed reloads settings.json when it is saved; if the server does not appear, restart it from the Agent panel settings or restart Zed.' },
  setup: { entry: 'remote' },
  limits: { maxToolNameLength: { value: 64, includesServerName: false, overflow: 'shortened', source: `${ZED}/ea42013746f1533a49c32c0a6a5d6b84920f85b2/crates/agent2/src/thread.rs` } },
  // Zed's own client negotiated 2025-03-26 at 3991ce8 (crates/context_server/src/types.rs); later
  // versions add an rmcp adapter, so the current revision is not established.
  protocolRevisions: null,
  sources: [
    { what: 'protocol: LATEST_PROTOCOL_VERSION 2025-03-26 in an older context_server; current revision (rmcp adapter) not established, not encoded', url: `${ZED}/3991ce85426d686283af2149cd82d6d1501bb730/crates/context_server/src/types.rs` },
    { what: 'locations: config_dir ~/.config/zed (macOS), $XDG_CONFIG_HOME/zed (Linux), %APPDATA%\\Zed (Windows); .zed/settings.json; /etc/zed global', url: `${ZED}/94b6e7f56b5bfdd926107cde236882498cb8174b/crates/paths/src/paths.rs` },
    { what: 'locations: settings.json with comments (JSONC) — unverified as doc text', url: 'https://zed.dev/docs/configuring-zed' },
    { what: 'entry shapes: untagged Stdio { enabled, remote, command, args, env, timeout } | Http { enabled, url, headers, timeout }', url: `${ZED}/68db2132b7f4ca10b708e11c64f92b82241a6aad/crates/settings_content/src/project.rs` },
    { what: 'project servers: started automatically only in a trusted worktree (session.trust_all_worktrees)', url: `${ZED}/68db2132b7f4ca10b708e11c64f92b82241a6aad/crates/settings_content/src/project.rs` },
    { what: 'entry shapes: context_servers with command/args/env and remote { url, headers }; OAuth when no Authorization header', url: 'https://zed.dev/docs/ai/mcp' },
    { what: 'entry shapes: older { "source": "custom", … } form', url: `${ZED}/04ebba463d123387b2ca27eaecd6c540ebb7c044/docs/src/ai/mcp.md` },
    { what: 'entry shapes: oldest nested { "command": { "path", "args", "env" } } form; login-shell environment loaded', url: 'https://github.com/zed-industries/zed/issues/27435' },
    { what: 'entry shapes: remote (HTTP) context servers added', url: 'https://github.com/zed-industries/zed/pull/39021' },
    { what: 'variables: none documented (unverified); shell on Windows unverified', url: 'https://zed.dev/docs/ai/mcp' },
    { what: 'logs: logs_dir()/Zed.log — ~/Library/Logs/Zed, $XDG_DATA_HOME/zed/logs, %LOCALAPPDATA%\\Zed\\logs; Zed.log.old', url: `${ZED}/94b6e7f56b5bfdd926107cde236882498cb8174b/crates/paths/src/paths.rs` },
    { what: 'limits: MAX_TOOL_NAME_LENGTH = 64; server id prefixed only on duplicate names', url: `${ZED}/ea42013746f1533a49c32c0a6a5d6b84920f85b2/crates/agent2/src/thread.rs` },
    { what: 'restart: settings apply when saved; the Agent Panel settings show each server\'s state (restart hint otherwise unverified)', url: 'https://zed.dev/docs/ai/mcp' },
  ],
} as const satisfies ClientSpec<'zed'>;
