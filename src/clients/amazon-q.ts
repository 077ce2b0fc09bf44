// Amazon Q Developer (the `q` CLI and the IDE plugins): ~/.aws/amazonq/mcp.json (the "legacy" global
// file, which the default agent loads: useLegacyMcpJson is true for it) and a workspace's
// .amazonq/mcp.json, root "mcpServers". Agents may define servers of their own
// (~/.aws/amazonq/cli-agents/*.json; the IDE plugin's default.json), not read here. The CLI runs on
// macOS and Linux; the IDE plugins on Windows read %USERPROFILE%\.aws\amazonq too (home per the
// source: C:\Users\Alice). Amazon Q Developer CLI has since been renamed Kiro CLI (see kiro.ts).
//
// Remote entries { type: "http", url, headers, oauthScopes, oauth, timeout (ms), disabled }: "type"
// defaults to "stdio", so a url entry without it is taken for a local server. OAuth is built into the
// http transport. Local entries { command, args, env, timeout, disabled }.
//
// Variables: ${env:NAME} in headers and env (an unset one is left as ${NAME}); the command is
// shell-expanded (~, $VAR). Tool names: [a-zA-Z][a-zA-Z0-9_]* (sanitised) of at most 64 characters
// (the tool's own name at this commit; a warning still speaks of the server name), else the tool is
// left out with a warning.
import type { ClientSpec } from './types.js';

const Q = 'https://github.com/aws/amazon-q-developer-cli/blob/15cc8f3cd18c4272925ce1c7053268eedff1ea0a';

export const amazonQ = {
  id: 'amazon-q',
  name: 'Amazon Q Developer',
  aliases: ['q', 'q-cli', 'amazon-q-developer', 'amazonq'],
  format: 'json',
  rootKey: 'mcpServers',
  locations: [
    { scope: 'user', setupTarget: true, paths: { darwin: '~/.aws/amazonq/mcp.json', win32: '%USERPROFILE%/.aws/amazonq/mcp.json', linux: '~/.aws/amazonq/mcp.json' } },
    { scope: 'project', paths: { darwin: './.amazonq/mcp.json', win32: './.amazonq/mcp.json', linux: './.amazonq/mcp.json' } },
  ],
  remote: {
    forms: [{ urlKey: 'url', type: 'http', transport: 'streamable-http' }],
    headersKey: 'headers',
    knownTypes: ['stdio', 'http'],
    missingType: 'fail',
    missingTypeWhy: '"type" defaults to "stdio", so Amazon Q Developer takes the entry for a local server',
  },
  // Windows: the CLI does not run there natively; how the IDE plugins start commands is not established.
  command: { commandKey: 'command', argsKey: 'args', envKey: 'env', type: 'stdio' },
  variables: { syntaxes: ['${env:VAR}'], places: ['headers', 'env'] },
  disabledKey: { key: 'disabled', off: true },
  // the CLI writes qchat.log in its log folder, whose location is not established
  logs: null,
  restart: { default: 'Start a new `q chat` session (servers load at start; /mcp shows them); in the IDE, reload the window.' },
  setup: { entry: 'remote' },
  // a longer tool is left out with a warning (neither refused nor renamed)
  limits: { maxToolNameLength: { value: 64, includesServerName: false, source: `${Q}/crates/chat-cli/src/cli/chat/tool_manager.rs#L1768-L1797` } },
  // the MCP protocol revisions it negotiates are not established
  protocolRevisions: null,
  sources: [
    { what: 'protocol: MCP client is the rmcp crate; negotiated revision not established (not encoded)', url: `${Q}/crates/chat-cli/src/mcp_client/client.rs` },
    { what: 'locations: global .aws/amazonq/mcp.json, workspace .amazonq/mcp.json', url: `${Q}/crates/chat-cli/src/util/paths.rs#L48-L61` },
    { what: 'locations: home from HOME, on Windows USERPROFILE (C:\\Users\\Alice)', url: `${Q}/crates/chat-cli/src/util/paths.rs#L72-L98` },
    { what: 'locations: the default agent loads the legacy mcp.json files (useLegacyMcpJson: true)', url: `${Q}/docs/default-agent-behavior.md#L43` },
    { what: 'entry shapes: CustomToolConfig { type (stdio default | http), url, headers, oauthScopes, oauth, command, args, env, timeout, disabled }', url: `${Q}/crates/chat-cli/src/cli/chat/tools/custom_tool.rs#L35-L93` },
    { what: 'entry shapes: remote server example { "type": "http", "url": … }', url: 'https://docs.aws.amazon.com/amazonq/latest/qdeveloper-ug/command-line-mcp-config-CLI.html' },
    { what: 'variables: ${env:VAR_NAME} substituted in headers and env; an unset one stays', url: `${Q}/crates/chat-cli/src/mcp_client/client.rs#L113-L130` },
    { what: 'limits: a tool whose (sanitised) name is longer than 64 characters is left out with a warning', url: `${Q}/crates/chat-cli/src/cli/chat/tool_manager.rs#L1768-L1853` },
    { what: 'locations: the IDE plugin also reads ~/.aws/amazonq/mcp.json and .amazonq/mcp.json (Windows path unverified)', url: 'https://docs.aws.amazon.com/amazonq/latest/qdeveloper-ug/mcp-ide.html' },
  ],
} as const satisfies ClientSpec<'amazon-q'>;
