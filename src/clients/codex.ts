// Codex CLI: $CODEX_HOME/config.toml (default ~/.codex), TOML tables [mcp_servers.NAME] (the key
// is mcp_servers, not mcpServers); project .codex/config.toml is loaded only when the project is
// trusted (projects.<path>.trust_level = "trusted"). Read and written with a TOML library that
// keeps comments and layout (@decimalturn/toml-patch).
//
// Entry keys (RawMcpServerConfig): stdio command, args, env (table), env_vars (names passed
// through), cwd; streamable HTTP url, bearer_token_env_var (the NAME of a variable; sent as
// "Authorization: Bearer <value>"), http_headers (literal), env_http_headers (header → variable
// name); shared enabled (default true), required, startup_timeout_sec, tool_timeout_sec,
// enabled_tools, disabled_tools, … There is no "type" key and no "headers" key: serde ignores
// unknown keys, so a headers = { … } table is silently dropped and the token is never sent. An inline
// bearer_token is refused ("bearer_token is not supported for streamable_http").
//
// experimental_use_rmcp_client history: 2025-09 docs (PR #4422) said Streamable HTTP needed
// experimental_use_rmcp_client = true; PR #4689 (2025-10-03) dropped that for servers without OAuth
// (0.44.0 still showed "Tools: (none)" without it, issue #4707; first release without it ≈0.45.0,
// unverified); later the flag became [features] rmcp_client = true (OAuth only), and PR #7548
// (2025-12) removed experimental_use_rmcp_client. A bearer-header server needs no flag from ≈0.45
// on; unknown feature keys are ignored.
//
// Tool names are mcp__<server>__<tool> (older: <server>__<tool>), sanitised to [a-zA-Z0-9_-]; over
// 64 characters they are cut and given a SHA-1 suffix, so a long Tray tool name is mangled.
//
// Windows: native support and shell behaviour are not established (mcp-remote's README lists
// Codex CLI among clients that do not escape spaces in args).
import type { ClientSpec } from './types.js';

const CONFIG_MD = 'https://github.com/openai/codex/blob/0195ef0570cd92efd577bd32573ef3bf5e0da10b/docs/config.md';
const ADVANCED_MD = 'https://github.com/openai/codex/blob/0ad2803e9585b501950a1ee2d27ba5d37f7339bf/docs/advanced.md';
const MCP_TYPES = 'https://github.com/openai/codex/blob/00b17c2659c96ab3d0ae8de723b4ce2d686850b1/codex-rs/config/src/mcp_types.rs';
const CONNECTION_MANAGER = 'https://github.com/openai/codex/blob/8d3ad7454e0cbf4ddf48fbe2024c6b47fe095c11/codex-rs/core/src/mcp_connection_manager.rs';

export const codex = {
  id: 'codex',
  name: 'Codex CLI',
  aliases: ['codex-cli', 'openai-codex'],
  format: 'toml',
  rootKey: 'mcp_servers',
  locations: [
    {
      scope: 'user',
      setupTarget: true,
      paths: {
        darwin: '${CODEX_HOME:-~/.codex}/config.toml',
        win32: '${CODEX_HOME:-%USERPROFILE%/.codex}/config.toml',
        linux: '${CODEX_HOME:-~/.codex}/config.toml',
      },
      note: '$CODEX_HOME, default ~/.codex',
    },
    {
      scope: 'project',
      paths: { darwin: './.codex/config.toml', win32: './.codex/config.toml', linux: './.codex/config.toml' },
      note: 'read only when the project is trusted (projects.<path>.trust_level = "trusted" in the user file)',
    },
  ],
  remote: {
    // Codex has no "type" key: a url makes the entry Streamable HTTP whatever else is there.
    forms: [{ urlKey: 'url', transport: 'streamable-http' }],
    headersKey: 'http_headers',
    bearerEnvKey: 'bearer_token_env_var',
  },
  command: { commandKey: 'command', argsKey: 'args', envKey: 'env' },
  // No ${VAR} interpolation in MCP fields (absence unverified as a doc statement); the environment
  // is reached only through bearer_token_env_var, env_http_headers and env_vars.
  variables: { syntaxes: [], places: [] },
  disabledKey: { key: 'enabled', off: false },
  logs: {
    dirs: { darwin: ['${CODEX_HOME:-~/.codex}/log'], win32: ['${CODEX_HOME:-%USERPROFILE%/.codex}/log'], linux: ['${CODEX_HOME:-~/.codex}/log'] },
    patterns: [['codex-tui.log']],
  },
  restart: { default: 'Quit Codex and start it again (it reads config.toml at start); /mcp lists the servers it loaded.' },
  setup: { entry: 'remote' },
  limits: { maxToolNameLength: { value: 64, includesServerName: true, prefix: 'mcp__{server}__', overflow: 'shortened', source: CONNECTION_MANAGER } },
  // Built on the rmcp crate (0.12.0 in codex-rs/Cargo.toml @ 001cb8e); which revisions current
  // releases negotiate is not established (rmcp 3.x knows 2026-07-28 but defaults to 2025-11-25).
  protocolRevisions: null,
  sources: [
    { what: 'protocol: MCP client is the rmcp crate (0.12.0 at this commit); negotiated revision not established (unverified, not encoded)', url: 'https://github.com/openai/codex/blob/001cb8e233f250c7086c791c51390286c087faea/codex-rs/Cargo.toml' },
    { what: 'locations: config.toml under CODEX_HOME (default ~/.codex), [mcp_servers.NAME], projects.<path>.trust_level', url: CONFIG_MD },
    { what: 'locations: project .codex/config.toml loaded only for trusted projects', url: 'https://developers.openai.com/codex/config-basic' },
    { what: 'locations: project-scoped servers in ./.codex/config.toml; Windows %USERPROFILE%\\.codex (weak: seen only in a verbatim copy)', url: 'https://developers.openai.com/codex/mcp' },
    { what: 'entry shapes: command/args/env/env_vars/cwd, url, bearer_token_env_var, http_headers, env_http_headers, enabled; no type, no headers key; bearer_token refused', url: MCP_TYPES },
    { what: 'entry shapes: experimental_use_rmcp_client required for Streamable HTTP (2025-09 docs)', url: 'https://github.com/openai/codex/pull/4422' },
    { what: 'entry shapes: experimental_use_rmcp_client no longer needed for no-auth HTTP servers', url: 'https://github.com/openai/codex/pull/4689' },
    { what: 'entry shapes: 0.44.0 url servers show no tools without the flag', url: 'https://github.com/openai/codex/issues/4707' },
    { what: 'entry shapes: experimental_use_rmcp_client removed', url: 'https://github.com/openai/codex/pull/7548' },
    { what: 'variables: none; environment only via bearer_token_env_var, env_http_headers, env_vars (absence of interpolation unverified)', url: MCP_TYPES },
    { what: 'shell on Windows: unverified; Codex CLI does not escape spaces in args (mcp-remote README)', url: 'https://github.com/geelen/mcp-remote/blob/008b087e99221d1530c84d9a34c5554534d57908/README.md' },
    { what: 'logs: ~/.codex/log/codex-tui.log (RUST_LOG); codex exec prints inline', url: ADVANCED_MD },
    { what: 'limits: tool names mcp__<server>__<tool>, over 64 characters cut with a SHA-1 suffix', url: CONNECTION_MANAGER },
    { what: 'restart: config read at start (unverified as a doc statement); /mcp lists servers', url: CONFIG_MD },
  ],
} as const satisfies ClientSpec<'codex'>;
