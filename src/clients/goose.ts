// Goose (Block; CLI and Desktop): ~/.config/goose/config.yaml (%APPDATA%\Block\goose\config\config.yaml
// on Windows), YAML, servers ("extensions") as a map keyed by extension id. Each entry is tagged by
// "type" (stdio, streamable_http, builtin, platform, frontend, inline_python) and needs "name" and
// "enabled"; an entry that does not deserialize is skipped with a warning ("Skipping malformed
// extension config entry"). SSE ("type": sse) is no longer supported.
//
// Remote entries { type: streamable_http, name, description, uri, headers, envs, env_keys, timeout,
// enabled }: the URL key is "uri"; "description" is declared without a serde default in the
// source (absent may be refused) though the docs' example leaves it out, so setup writes an empty
// one; "timeout" should be written by new configurations (source comment). On HTTP 401 Goose falls
// back to its own OAuth flow, so a wrong token may show as a browser sign-in.
//
// Stdio entries { type: stdio, cmd, args, envs, env_keys, timeout }; some variable names may not be
// set in envs (PATH, PATHEXT, USERPROFILE, LD_PRELOAD, NODE_OPTIONS, …).
//
// Variables: not established. Some Goose versions replace ${VAR} and $VAR in header values from the
// extension's own envs/env_keys, others insert headers literally (unverified which releases), so none
// are modelled. Project-scope extensions: none (recipes aside).
import type { ClientSpec } from './types.js';

const GOOSE = 'https://github.com/aaif-goose/goose/blob';
const BLOCK = 'https://github.com/block/goose/blob';

export const goose = {
  id: 'goose',
  name: 'Goose',
  aliases: ['goose-cli', 'goose-desktop', 'block-goose'],
  format: 'yaml',
  rootKey: 'extensions',
  requiredKeys: ['type', 'name', 'enabled'],
  otherTypes: ['builtin', 'platform', 'frontend', 'inline_python'],
  locations: [
    {
      scope: 'user',
      setupTarget: true,
      paths: {
        darwin: '~/.config/goose/config.yaml',
        win32: '%APPDATA%/Block/goose/config/config.yaml',
        linux: '~/.config/goose/config.yaml',
      },
    },
  ],
  remote: {
    forms: [{ urlKey: 'uri', type: 'streamable_http', transport: 'streamable-http' }],
    headersKey: 'headers',
    knownTypes: ['stdio', 'streamable_http', 'builtin', 'platform', 'frontend', 'inline_python'],
    missingType: 'fail',
    missingTypeWhy: 'Goose tells an extension by its type and skips one without',
  },
  // Windows: how the command is started (shell or not) is not established.
  command: { commandKey: 'cmd', argsKey: 'args', envKey: 'envs', type: 'stdio' },
  variables: { syntaxes: [], places: [] },
  disabledKey: { key: 'enabled', off: false },
  logs: {
    dirs: { darwin: ['~/.local/state/goose/logs'], win32: ['%APPDATA%/Block/goose/data/logs'], linux: ['~/.local/state/goose/logs'] },
    // CLI logs (extensions included) and the goosed server's logs; per-day folders in newer versions
    patterns: [['cli', '*.log'], ['cli', '*', '*.log'], ['server', '*.log'], ['server', '*', '*.log']],
  },
  restart: { default: 'Restart Goose (quit the Desktop app or start a new goose session): edits to config.yaml apply to new sessions; `goose info -v` shows what it loaded.' },
  setup: { entry: 'remote', nameKey: 'name', extra: { enabled: true, description: '', timeout: 300 } },
  // the MCP protocol revisions it negotiates are not established
  protocolRevisions: null,
  sources: [
    { what: 'protocol: MCP client is the rmcp crate; the negotiated revision is not established (unverified, not encoded)', url: `${BLOCK}/01cad15fdcd662b667c6f36b1a29258ef3e69b34/crates/goose/src/agents/extension.rs` },
    { what: 'locations: ~/.config/goose/config.yaml (macOS/Linux), %APPDATA%\\Block\\goose\\config\\config.yaml (Windows); restart after direct edits, goose info -v', url: `${GOOSE}/1c220d758a599f4ca3c46924d1012e95dcb519e9/documentation/docs/guides/config-files.md` },
    { what: 'entry shapes: extensions map; type builtin, platform, stdio, streamable_http; remote { type: streamable_http, name, enabled, uri, headers, env_keys, envs, timeout }; SSE not supported', url: `${GOOSE}/1c220d758a599f4ca3c46924d1012e95dcb519e9/documentation/docs/guides/config-files.md` },
    { what: 'entry shapes: ExtensionConfig tagged by type; StreamableHttp { name, description (no serde default), uri, envs, env_keys, headers, timeout ("new configurations should include this field") }; Stdio { cmd, args, envs }; disallowed env names', url: `${BLOCK}/01cad15fdcd662b667c6f36b1a29258ef3e69b34/crates/goose/src/agents/extension.rs` },
    { what: 'entry shapes: ExtensionEntry { enabled: bool (required), flattened config }; malformed entries skipped with a warning; DEFAULT_EXTENSION_TIMEOUT 300', url: `${BLOCK}/0beee6a08afbbfb3d6e128cbf8f3860dbad41ba1/crates/goose/src/config/extensions.rs` },
    { what: 'variables: not established (header values substituted from the extension envs in some versions, literal in others): none modelled', url: `${BLOCK}/01cad15fdcd662b667c6f36b1a29258ef3e69b34/crates/goose/src/agents/extension.rs` },
    { what: 'logs: ~/.local/state/goose/logs (cli/, server/); Windows %APPDATA%\\Block\\goose\\data\\logs (newer docs; unverified here)', url: `${BLOCK}/9970b2eb4d0849b784f2b648f6a97b31e8c859ea/documentation/docs/guides/logs.md` },
  ],
} as const satisfies ClientSpec<'goose'>;
