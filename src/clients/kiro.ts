// Kiro (IDE and Kiro CLI, which replaced Amazon Q Developer CLI): ~/.kiro/settings/mcp.json (user) and
// .kiro/settings/mcp.json in a workspace, root "mcpServers"; both are merged and the workspace wins.
// The docs write ~ only: %USERPROFILE%\.kiro on Windows is the natural reading (unverified).
//
// Remote entries { url, headers, env, disabled, autoApprove, disabledTools } with no "type" (HTTPS, or
// http for localhost); newer docs add oauth { clientId } and oauthScopes. Local entries { command,
// args, env, disabled, autoApprove, disabledTools }.
//
// Variables: ${VAR} in the config, expanded only for variables the user approved (a security prompt,
// or the "Mcp Approved Env Vars" setting); an unapproved one is passed on as written. A Kiro CLI
// report (aws/amazon-q-developer-cli#3646) says headers expand only ${env:VAR} there: unverified.
import type { ClientSpec } from './types.js';

const CONFIG = 'https://kiro.dev/docs/mcp/configuration';

export const kiro = {
  id: 'kiro',
  name: 'Kiro',
  aliases: ['kiro-cli', 'kiro-ide'],
  format: 'json',
  rootKey: 'mcpServers',
  locations: [
    { scope: 'user', setupTarget: true, paths: { darwin: '~/.kiro/settings/mcp.json', win32: '%USERPROFILE%/.kiro/settings/mcp.json', linux: '~/.kiro/settings/mcp.json' } },
    { scope: 'project', paths: { darwin: './.kiro/settings/mcp.json', win32: './.kiro/settings/mcp.json', linux: './.kiro/settings/mcp.json' } },
  ],
  precedence: ['project', 'user'],
  remote: {
    forms: [{ urlKey: 'url', transport: 'streamable-http' }],
    headersKey: 'headers',
  },
  // Windows: how the command is started is not established.
  command: { commandKey: 'command', argsKey: 'args', envKey: 'env' },
  variables: { syntaxes: ['${VAR}'], places: ['headers', 'env'] },
  disabledKey: { key: 'disabled', off: true },
  // the docs mention MCP logs in the IDE's output, with no file location
  logs: null,
  restart: { default: 'Save the file: Kiro reconnects its MCP servers (see the MCP servers tab in the Kiro panel); in Kiro CLI, start a new chat session.' },
  setup: { entry: 'remote' },
  // the MCP protocol revisions it negotiates are not established
  protocolRevisions: null,
  sources: [
    { what: 'protocol: no revision stated in the Kiro MCP docs (unverified, not encoded)', url: CONFIG },
    { what: 'locations: user ~/.kiro/settings/mcp.json, workspace .kiro/settings/mcp.json, merged with the workspace winning (Windows path unverified)', url: CONFIG },
    { what: 'entry shapes: remote { url, headers } with no type; local { command, args, env }; disabled, autoApprove, disabledTools', url: CONFIG },
    { what: 'locations and entry shapes: the same file for Kiro CLI', url: 'https://kiro.dev/docs/cli/mcp/configuration' },
    { what: 'variables: ${VAR} expanded only for approved variables', url: 'https://kiro.dev/docs/mcp/security' },
    { what: 'variables: Kiro CLI report that headers expand only ${env:VAR} (unverified)', url: 'https://github.com/aws/amazon-q-developer-cli/issues/3646' },
    { what: 'restart: reconnect on save and the MCP servers tab (third-party quick start; unverified)', url: 'https://docs.firecrawl.dev/quickstarts/kiro' },
  ],
} as const satisfies ClientSpec<'kiro'>;
