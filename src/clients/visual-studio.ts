// Visual Studio 2022 (17.14+) and later, on Windows only: GitHub Copilot's agent mode reads MCP servers
// from %USERPROFILE%\.mcp.json (every solution), then <SOLUTIONDIR>\.vs\mcp.json,
// <SOLUTIONDIR>\.mcp.json, <SOLUTIONDIR>\.vscode\mcp.json and <SOLUTIONDIR>\.cursor\mcp.json, in that
// order; root "servers" as in VS Code. Only the two Visual Studio files are listed here: the others
// are other clients' files (Claude Code, VS Code, Cursor), judged by their rules.
//
// Remote entries: the docs show { "url": … } without a type and an install link with
// { "type": "http", "url": … }; "sse" and "http" (Streamable HTTP) transports. A "headers" key is not
// shown in Visual Studio's docs (unverified; it takes VS Code's mcp.json, whose schema has it): setup
// writes { type: "http", url, headers }. OAuth sign-in is offered from a CodeLens in the file.
// Local entries { type: "stdio", command, args }.
//
// Saving a valid file restarts the agent and reloads the servers; new tools start disabled.
// Variables, JSONC and the Windows shell are not established.
import type { ClientSpec } from './types.js';

const VS = 'https://github.com/MicrosoftDocs/visualstudio-docs/blob/01d07e34bf9d4b3e71c2af9a0305dec3f82ced77/docs/ide/mcp-servers.md';

export const visualStudio = {
  id: 'visual-studio',
  name: 'Visual Studio',
  aliases: ['vs', 'visualstudio', 'visual studio 2022'],
  platforms: ['win32'],
  format: 'json',
  rootKey: 'servers',
  locations: [
    { scope: 'user', setupTarget: true, paths: { win32: '%USERPROFILE%/.mcp.json' } },
    { scope: 'project', note: 'the solution folder\'s .vs\\mcp.json (run doctor there)', paths: { win32: './.vs/mcp.json' } },
  ],
  remote: {
    forms: [
      { urlKey: 'url', type: 'http', transport: 'streamable-http' },
      { urlKey: 'url', type: null, transport: 'streamable-http' },
      { urlKey: 'url', type: 'sse', transport: 'sse', legacy: true },
    ],
    headersKey: 'headers',
    knownTypes: ['stdio', 'http', 'sse'],
  },
  command: { commandKey: 'command', argsKey: 'args', envKey: 'env', type: 'stdio' },
  variables: { syntaxes: [], places: [] },
  // Visual Studio shows MCP output in its own panes; no log file is documented
  logs: null,
  restart: { default: 'Save the file: Visual Studio restarts the Copilot agent and reloads its servers; then enable the new tools in the Copilot Chat tool picker (they start disabled).' },
  setup: { entry: 'remote' },
  // the MCP protocol revisions it negotiates are not established
  protocolRevisions: null,
  sources: [
    { what: 'protocol: no revision stated in Visual Studio\'s MCP docs (unverified, not encoded)', url: VS },
    { what: 'locations: %USERPROFILE%\\.mcp.json, <SOLUTIONDIR>\\.vs\\mcp.json, .mcp.json, .vscode\\mcp.json, .cursor\\mcp.json, in that order; Visual Studio 2022 17.14+', url: VS },
    { what: 'entry shapes: { "servers": { "github": { "url": … } } }; install link { "name", "type": "http", "url" }; transports stdio, sse, http; "headers" not shown (unverified)', url: VS },
    { what: 'platforms: Windows only (the docs give Windows paths only; Visual Studio for Mac was retired and had no MCP support)', url: VS },
    { what: 'restart: saving a valid file restarts the agent and reloads the servers; edited servers are relaunched; tools disabled by default', url: VS },
  ],
} as const satisfies ClientSpec<'visual-studio'>;
