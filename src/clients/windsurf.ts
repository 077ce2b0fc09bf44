// Windsurf (Codeium): ~/.codeium/windsurf/mcp_config.json, remote entries { serverUrl, headers }.
//
// 2026: Windsurf is now "Devin Desktop"; docs.windsurf.com redirects to docs.devin.ai/desktop, and
// the MCP page there covers the legacy Cascade agent only, which still reads mcp_config.json. The
// new default agent, Devin Local, uses the Devin CLI configuration (user ~/.config/devin/config.json,
// Windows %APPDATA%\devin\config.json; project .devin/config.json, .devin/config.local.json; `devin
// mcp add`). Whether Devin Local in the desktop app reads those and ignores mcp_config.json is only
// claimed by third parties (and contradicted by one): needs a follow-up before it is encoded.
//
// Interpolation in command, args, env, serverUrl, url and headers: ${env:VAR} (unset → empty
// string) and ${file:/path} (the file's trimmed contents; ~ allowed). ${file:…} is not a
// VariableSyntax in types.ts.
//
// Logs, shell on Windows and tool-name limits are not documented (unverified).
import type { ClientSpec } from './types.js';

export const windsurf = {
  id: 'windsurf',
  name: 'Windsurf',
  format: 'json',
  rootKey: 'mcpServers',
  locations: [
    {
      scope: 'user',
      setupTarget: true,
      // the docs write ~ only; %USERPROFILE% on Windows is the natural reading (unverified)
      paths: {
        darwin: '~/.codeium/windsurf/mcp_config.json',
        win32: '%USERPROFILE%/.codeium/windsurf/mcp_config.json',
        linux: '~/.codeium/windsurf/mcp_config.json',
      },
      note: 'read by the Cascade agent (Windsurf, and Devin Desktop\'s legacy agent)',
    },
    {
      scope: 'user',
      stale: true,
      note: "the product docs' Windsurf location; Windsurf reads mcp_config.json, not mcp.json",
      paths: {
        darwin: '~/.codeium/windsurf/mcp.json',
        win32: '%USERPROFILE%/.codeium/windsurf/mcp.json',
        linux: '~/.codeium/windsurf/mcp.json',
      },
    },
  ],
  remote: {
    // "requires a serverUrl or url field"; the docs' example uses serverUrl and no type
    forms: [
      { urlKey: 'serverUrl', transport: 'streamable-http' },
      { urlKey: 'url', transport: 'streamable-http' },
    ],
    headersKey: 'headers',
  },
  command: { commandKey: 'command', argsKey: 'args', envKey: 'env' },
  variables: { syntaxes: ['${env:VAR}'], places: ['url', 'headers', 'command', 'args', 'env'] },
  // no MCP log file of its own is documented (see sources): client-logs does not read one
  logs: null,
  restart: { default: 'Press Refresh in Windsurf’s MCP panel (Cascade → MCPs icon, or Settings → Cascade → MCP Servers), or restart Windsurf.' },
  setup: { entry: 'remote' },
  limits: { maxTools: { value: 100, source: 'https://docs.windsurf.com/windsurf/cascade/mcp' } },
  // Closed source; the docs state no protocol revision: not established.
  protocolRevisions: null,
  sources: [
    { what: 'protocol: no revision stated in the Cascade MCP docs (unverified, not encoded)', url: 'https://docs.windsurf.com/windsurf/cascade/mcp' },
    { what: 'locations: ~/.codeium/windsurf/mcp_config.json (Windows form unverified)', url: 'https://docs.windsurf.com/windsurf/cascade/mcp' },
    { what: 'locations: rename to Devin Desktop; the Cascade MCP page now lives here and covers the legacy Cascade agent', url: 'https://docs.devin.ai/desktop/cascade/mcp' },
    { what: 'locations: Devin CLI config files (~/.config/devin/config.json, .devin/config.json) used by the new Devin Local agent; whether Desktop reads them unverified', url: 'https://docs.devin.ai/cli/extensibility/mcp/configuration' },
    { what: 'entry shapes: serverUrl or url with headers, no type; stdio command/args/env', url: 'https://docs.windsurf.com/windsurf/cascade/mcp' },
    { what: 'variables: ${env:VAR} and ${file:/path} in command, args, env, serverUrl, url and headers', url: 'https://docs.windsurf.com/windsurf/cascade/mcp' },
    { what: 'limits: "Cascade has a limit of 100 total tools that it has access to at any given time"', url: 'https://docs.windsurf.com/windsurf/cascade/mcp' },
    { what: 'restart: press the refresh button after adding an MCP server (older page revision); logs and Windows shell undocumented', url: 'https://docs.windsurf.com/windsurf/cascade/mcp' },
  ],
} as const satisfies ClientSpec<'windsurf'>;
