// Cursor: ~/.cursor/mcp.json (and .cursor/mcp.json in a project), remote entries { url, headers }.
//
// Which wins when a name is in both the project and the global file is not documented
// (unverified; third parties say the project file), so no `precedence` here.
//
// Interpolation (documented) in command, args, env, url, headers (and auth): ${env:NAME}, plus
// ${userHome}, ${workspaceFolder}, ${workspaceFolderBasename}, ${pathSeparator} and ${/}. Only
// ${env:NAME} is a VariableSyntax in types.ts; the predefined ones would need a field there.
//
// Limits: the "40 tools" cap ("Cursor only sends the first 40 tools to the Agent") was in older
// docs and is gone from the current page, and a 60-character server+tool name limit is only a
// third-party claim: both unverified, so no `limits`.
//
// Docs were read in the verbatim copy mehmetbaykar/cursor-docs-skill
// skills/cursor-docs/references/mcp.md @ 0010c4dc3d6513dae64ad0863a63928382604773.
import path from 'node:path';
import type { ClientSpec } from './types.js';

const CLINE_SETTINGS = 'globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json';

export const cursor = {
  id: 'cursor',
  name: 'Cursor',
  format: 'json',
  rootKey: 'mcpServers',
  locations: [
    {
      scope: 'user',
      setupTarget: true,
      // the docs write ~ only; %USERPROFILE% on Windows is the natural reading (unverified)
      paths: { darwin: '~/.cursor/mcp.json', win32: '%USERPROFILE%/.cursor/mcp.json', linux: '~/.cursor/mcp.json' },
    },
    { scope: 'project', paths: { darwin: './.cursor/mcp.json', win32: './.cursor/mcp.json', linux: './.cursor/mcp.json' } },
    {
      scope: 'user',
      stale: true,
      note: "the product docs' Cursor location; it is the Cline extension's file, Cursor itself does not read it",
      paths: {
        darwin: `~/Library/Application Support/Cursor/User/${CLINE_SETTINGS}`,
        win32: `%APPDATA%/Cursor/User/${CLINE_SETTINGS}`,
        linux: `~/.config/Cursor/User/${CLINE_SETTINGS}`,
      },
    },
  ],
  remote: {
    // Cursor tells a remote server by its url (the docs' example has no "type"); which "type"
    // values it accepts on a remote entry is unverified, so any is let through.
    forms: [{ urlKey: 'url', transport: 'streamable-http' }],
    headersKey: 'headers',
  },
  // Windows: not documented. mcp-remote's README says Cursor does not escape spaces in args when
  // it starts npx, which hints at a shell, but that is not established.
  command: { commandKey: 'command', argsKey: 'args', envKey: 'env' },
  variables: { syntaxes: ['${env:VAR}'], places: ['url', 'headers', 'command', 'args', 'env'] },
  logs: {
    // The docs name only the Output panel's "MCP Logs" channel; these files are where that channel
    // is written (forum report, unverified).
    dirs: {
      darwin: ['~/Library/Application Support/Cursor/logs'],
      win32: ['%APPDATA%/Cursor/logs'],
      linux: ['~/.config/Cursor/logs'],
    },
    patterns: [['*', 'window*', 'exthost', 'anysphere.cursor-mcp', '*.log']],
    // "MCP user-<server>.log", "MCP project-<n>-<project>-<server>.log"
    serverOf: (f) => /^MCP (?:user-(.+)|project-\d+-.+?-([^-]+))\.log$/i.exec(path.basename(f))?.slice(1).find(Boolean),
  },
  restart: { default: 'Restart Cursor, or toggle the server off and on in Settings → MCP.' },
  setup: { entry: 'remote' },
  // Closed source; neither the docs nor the changelog state a protocol revision: not established.
  protocolRevisions: null,
  sources: [
    { what: 'protocol: revision not published (closed source, not in docs or changelog): unverified, not encoded', url: 'https://zuplo.com/learn/mcp/compatibility/clients/cursor' },
    { what: 'locations: global ~/.cursor/mcp.json and project .cursor/mcp.json (Windows path and project/global precedence unverified)', url: 'https://cursor.com/docs/mcp' },
    { what: 'entry shapes: remote { url, headers } without type; stdio { type: "stdio", command, args, env, envFile }; optional auth for static OAuth', url: 'https://cursor.com/docs/mcp' },
    { what: 'variables: ${env:NAME}, ${userHome}, ${workspaceFolder}, ${workspaceFolderBasename}, ${pathSeparator} in command, args, env, url and headers', url: 'https://cursor.com/docs/mcp#config-interpolation' },
    { what: 'shell on Windows: unverified; Cursor does not escape spaces in args when invoking npx (use Authorization:${AUTH_HEADER})', url: 'https://github.com/geelen/mcp-remote/blob/008b087e99221d1530c84d9a34c5554534d57908/README.md' },
    { what: 'logs: Output panel → "MCP Logs"', url: 'https://cursor.com/docs/mcp' },
    { what: 'logs: on-disk folder logs/<session>/window<N>/exthost/anysphere.cursor-mcp (forum thread; unverified)', url: 'https://forum.cursor.com/t/mcp-logs-location/60213' },
    { what: 'limits: 40-tool cap only in older docs, 60-character name limit third-party: both unverified, not encoded', url: 'https://cursor.com/docs/mcp' },
    { what: 'restart: toggle the server in Settings → MCP, or restart Cursor', url: 'https://cursor.com/docs/mcp' },
  ],
} as const satisfies ClientSpec<'cursor'>;
