// GitHub Copilot CLI (`copilot`): ~/.copilot/mcp-config.json (COPILOT_HOME moves the folder, the
// deprecated --config-dir too; on Windows C:\Users\<user>\.copilot), root "mcpServers"; in a trusted
// project also .mcp.json (from the working folder up to the git root; the nearer wins) and
// .github/mcp.json, which win over the user file; --additional-mcp-config adds more for a session.
// .vscode/mcp.json is not read.
//
// Remote entries { type: "http" | "sse", url, headers, tools, timeout (ms), oauth… }: "streamable-http"
// is normalised to "http", and since 1.0.29 a url entry may leave "type" out (http). "tools" lists the
// tools to allow (["*"]: all), shown as required in the reference; setup writes ["*"]. OAuth sign-in
// is built in. Local entries { type: "local" | "stdio", command, args, env, cwd, tools }.
//
// Variables: env values and headers expand $VAR, ${VAR} and ${VAR:-default}.
import type { ClientSpec } from './types.js';

const DOCS = 'https://docs.github.com/en/copilot';
const CHANGELOG = 'https://github.com/github/copilot-cli/blob/9532bdacf5a343c3dcc444337f7b25e88fc7372c/changelog.md';

export const copilotCli = {
  id: 'copilot-cli',
  name: 'GitHub Copilot CLI',
  aliases: ['copilot', 'github-copilot-cli'],
  format: 'json',
  rootKey: 'mcpServers',
  locations: [
    {
      scope: 'user',
      setupTarget: true,
      paths: {
        darwin: '${COPILOT_HOME:-~/.copilot}/mcp-config.json',
        win32: '${COPILOT_HOME:-%USERPROFILE%/.copilot}/mcp-config.json',
        linux: '${COPILOT_HOME:-~/.copilot}/mcp-config.json',
      },
    },
    { scope: 'project', note: 'trusted folders only; also read by Claude Code', paths: { darwin: './.mcp.json', win32: './.mcp.json', linux: './.mcp.json' } },
    { scope: 'project', note: 'trusted folders only', paths: { darwin: './.github/mcp.json', win32: './.github/mcp.json', linux: './.github/mcp.json' } },
  ],
  precedence: ['project', 'user'],
  remote: {
    forms: [
      { urlKey: 'url', type: 'http', transport: 'streamable-http' },
      { urlKey: 'url', type: 'streamable-http', transport: 'streamable-http' },
      // 1.0.29+: no type means http
      { urlKey: 'url', type: null, transport: 'streamable-http' },
      { urlKey: 'url', type: 'sse', transport: 'sse', legacy: true },
    ],
    headersKey: 'headers',
    knownTypes: ['local', 'stdio', 'http', 'streamable-http', 'sse'],
  },
  // Windows: how the command is started is not established.
  command: { commandKey: 'command', argsKey: 'args', envKey: 'env', type: 'local' },
  variables: { syntaxes: ['$VAR', '${VAR}', '${VAR:-default}'], places: ['headers', 'env'] },
  logs: {
    dirs: { darwin: ['${COPILOT_HOME:-~/.copilot}/logs'], win32: ['${COPILOT_HOME:-%USERPROFILE%/.copilot}/logs'], linux: ['${COPILOT_HOME:-~/.copilot}/logs'] },
    patterns: [['*.log']],
  },
  restart: { default: 'Start a new `copilot` session (servers added with /mcp add are live at once; file edits are read at start); `/mcp show` lists them.' },
  setup: { entry: 'remote', extra: { tools: ['*'] } },
  limits: { maxToolNameLength: { value: 64, includesServerName: true, prefix: '{server}-', overflow: 'shortened', source: `${DOCS}/reference/copilot-cli-reference/cli-command-reference` } },
  // the MCP protocol revisions it negotiates are not established
  protocolRevisions: null,
  sources: [
    { what: 'protocol: revision not published (closed source): unverified, not encoded', url: `${DOCS}/reference/copilot-cli-reference/cli-command-reference` },
    { what: 'locations: ~/.copilot/mcp-config.json; project .mcp.json and .github/mcp.json in trusted folders, project over user; .vscode/mcp.json not read; --additional-mcp-config', url: `${DOCS}/how-tos/copilot-cli/customize-copilot/add-mcp-servers` },
    { what: 'locations: COPILOT_HOME (and --config-dir); Windows folder C:\\Users\\<user>\\.copilot; logs in ~/.copilot/logs', url: `${DOCS}/reference/copilot-cli-reference/cli-config-dir-reference` },
    { what: 'entry shapes: remote fields type (http | sse; streamable-http normalised), url, headers, tools, timeout, OAuth fields; local/stdio command, args, env, cwd', url: `${DOCS}/reference/copilot-cli-reference/cli-command-reference` },
    { what: 'entry shapes: "Remote MCP server config now allows omitting the type field, defaulting to http" (1.0.29)', url: `${CHANGELOG}#L1368-L1370` },
    { what: 'variables: $VAR, ${VAR}, ${VAR:-default} in env; headers support variable expansion', url: `${DOCS}/reference/copilot-cli-reference/cli-command-reference` },
    { what: 'limits: tool names serverName-toolName, sanitised, at most 64 characters', url: `${DOCS}/reference/copilot-cli-reference/cli-command-reference` },
    { what: 'restart: /mcp add servers are available immediately; /mcp show', url: `${DOCS}/how-tos/copilot-cli/customize-copilot/add-mcp-servers` },
  ],
} as const satisfies ClientSpec<'copilot-cli'>;
