// The remedy catalog: every documented problem, as data. doctor results, explain and docs/remedies.md
// all read this one table. Ids are the stable contract (../shared/contract/remedies.md): add, never rename.
// Written in this project's own words; `source` names the documentation section that backs each
// entry, or says it goes beyond the docs.

export const DOCS = {
  connecting:
    'https://tray.ai/documentation/platform/artificial-intelligence/agent-gateway/connecting-to-agent-gateway',
  troubleshooting:
    'https://tray.ai/documentation/platform/artificial-intelligence/agent-gateway/troubleshooting-and-limitations',
} as const;

export type RemedyGroup = 'local' | 'network' | 'tools' | 'user-auth' | 'info';

export interface Remedy {
  id: string;
  group: RemedyGroup;
  title: string;
  cause: string;
  steps: string[];
  docs?: string;
  /** the documentation section backing this remedy, or "beyond the docs: …" */
  source: string;
}

export const REMEDIES: readonly Remedy[] = [
  // ── Local setup ────────────────────────────────────────────────────────────────────────────────
  {
    id: 'node-missing',
    group: 'local',
    title: 'Node.js (node/npx) is not on the PATH your AI client uses',
    cause:
      'The client starts the Tray bridge with `npx`, but it cannot find `npx` or `node`. Desktop apps often get a shorter PATH than your terminal, so "it works in my terminal" is common.',
    steps: [
      'Run `node --version` and `npx --version` in a terminal. If either fails, install Node.js 20.18.1 or newer from https://nodejs.org.',
      'If both work in the terminal, run `which npx` (macOS/Linux) or `where npx` (Windows) and put that full path as the "command" of the Tray entry in the client config.',
      'Quit the AI client completely and open it again.',
    ],
    docs: DOCS.connecting,
    source: 'connecting: Configuration Issues — setup utility fails ("Ensure Node.js is installed"); Local MCP additional requirements (Node.js installed)',
  },
  {
    id: 'node-too-old',
    group: 'local',
    title: 'Node.js is too old for the Tray bridge',
    cause:
      'The bridge the client runs (mcp-remote) needs Node.js 20.18.1 or newer. Older Node fails on start with errors such as "File is not defined", "TransformStream is not defined" or "Unexpected token".',
    steps: [
      'Run `node --version` in a terminal.',
      'If it is below 20.18.1, install the current LTS release from https://nodejs.org (or `nvm install --lts`).',
      'Make sure the client uses the new Node: if you have several, point the "command" of the Tray entry to the full path of the new `npx`.',
      'Quit the AI client completely and open it again.',
    ],
    docs: DOCS.connecting,
    source: 'connecting: Prerequisites / Local MCP additional requirements (Node.js installed); the version floor is mcp-remote\'s (beyond the docs)',
  },
  {
    id: 'config-not-found',
    group: 'local',
    title: "The client's MCP config file is not where the client reads it",
    cause:
      'The client reads its MCP servers from one specific file. That file does not exist, so the Tray server was never added (or was written somewhere else).',
    steps: [
      'Run `tray-mcp doctor` to see the exact path each client reads on this machine.',
      'Run the setup utility again for your client: `npx @trayio/tray-mcp --client <claude|cursor|windsurf|vscode>`.',
      'Check the file now exists at that path, then quit and reopen the client.',
    ],
    docs: DOCS.connecting,
    source: 'connecting: Troubleshooting — MCP server not appearing in client ("Verify config file was updated (check file location)"); Config File Locations',
  },
  {
    id: 'config-json-invalid',
    group: 'local',
    title: 'The client config file is not valid JSON',
    cause:
      'A syntax error (missing comma or quote, trailing comma, stray character) makes the client ignore the whole file, so no MCP server from it loads.',
    steps: [
      'Open the config file at the line and column reported and fix the syntax there (often a missing or extra comma just before that point).',
      'Check the whole file with `tray-mcp doctor` until it reports the file as valid.',
      'Quit the AI client completely and open it again.',
    ],
    docs: DOCS.connecting,
    source: 'connecting: Troubleshooting — MCP server not appearing in client ("Check for JSON syntax errors in config file")',
  },
  {
    id: 'config-schema-invalid',
    group: 'local',
    title: 'The config file is valid JSON but not in the shape this client expects',
    cause:
      'Each client expects its servers under a specific key and in a specific form (for example `mcpServers` with `command` and `args`). Entries in the wrong place or with wrong types are ignored.',
    steps: [
      'Look at the path `tray-mcp doctor` reports (for example `mcpServers.tray-workspace.args`) and fix that part of the file.',
      'Or let the setup utility rewrite the entry: `npx @trayio/tray-mcp --client <your client> --workspace-id <UUID> --api-token <TOKEN>`.',
      'Quit the AI client completely and open it again.',
    ],
    docs: DOCS.connecting,
    source: 'connecting: Troubleshooting — Configuration Issues',
  },
  {
    id: 'config-wrong-location',
    group: 'local',
    title: 'The Tray entry is in a file this client does not read',
    cause:
      'The entry exists, but in a file the client ignores (for example Windsurf\'s `mcp.json` instead of `mcp_config.json`, or the Cline extension\'s settings file when you meant Cursor itself).',
    steps: [
      'Run `tray-mcp doctor` to see which file each client actually reads.',
      'Move the Tray entry into that file (or rerun `npx @trayio/tray-mcp` for that client).',
      'Quit the AI client completely and open it again.',
    ],
    docs: DOCS.connecting,
    source: 'beyond the docs: the documented paths for Windsurf (mcp.json) and Cursor (Cline settings) differ from where those clients read MCP servers',
  },
  {
    id: 'tray-server-missing',
    group: 'local',
    title: 'No Tray Agent Gateway server is configured in any client',
    cause: 'None of the client config files on this machine has an entry pointing at Tray (`https://{workspace-id}.mcp.tray.ai`).',
    steps: [
      'Run the setup utility: `npx @trayio/tray-mcp` and answer the prompts (client, Workspace ID, API token).',
      'Or, for Claude Desktop with OAuth2: + in the compose area → Manage connectors → Add custom connector, and paste your server URL.',
      'Quit the AI client completely and open it again.',
    ],
    docs: DOCS.connecting,
    source: 'connecting: Troubleshooting — MCP server not appearing in client; Using the Setup Utility',
  },
  {
    id: 'workspace-id-invalid',
    group: 'local',
    title: 'The Workspace ID or server URL is wrong',
    cause:
      'The Workspace ID must be a UUID (like 12345678-abcd-1234-ef56-0123456789ab) and the server URL must be exactly `https://{workspace-id}.mcp.tray.ai`.',
    steps: [
      'Copy the Workspace ID from the workspace URL in Tray (the UUID part).',
      'Fix it in the client config, or rerun `npx @trayio/tray-mcp --workspace-id <UUID> --api-token <TOKEN>` with the same server name.',
      'Quit the AI client completely and open it again.',
    ],
    docs: DOCS.connecting,
    source: 'connecting: Troubleshooting — Connection refused or timeout ("Verify Workspace ID is correct"); MCP Server URL Format',
  },
  {
    id: 'token-missing',
    group: 'local',
    title: 'The API token is missing, empty or a placeholder',
    cause:
      'The Tray entry has no real API token: it is empty, still says something like `your-api-token-here`, or refers to an environment variable that is not set.',
    steps: [
      'Create (or copy) an API token for an API user in Tray who has been added to the MCP server.',
      'Rerun `npx @trayio/tray-mcp --workspace-id <UUID> --api-token <TOKEN> --name <same name>` to write it into the config.',
      'Quit the AI client completely and open it again.',
    ],
    docs: DOCS.connecting,
    source: 'connecting: CLI Mode Setup (`--api-token` is required)',
  },
  {
    id: 'config-dir-not-writable',
    group: 'local',
    title: "The setup utility cannot write the client's config folder",
    cause: 'Your account has no write permission on the folder (or file) where the client keeps its MCP config.',
    steps: [
      'Check who owns the folder `tray-mcp doctor` names (`ls -ld <folder>` on macOS/Linux, Properties → Security on Windows).',
      'Give your account write access to it (for example `sudo chown -R "$USER" <folder>`), or run the setup utility with elevated permissions once.',
      'Run the setup utility again.',
    ],
    docs: DOCS.connecting,
    source: 'connecting: Configuration Issues — setup utility fails ("Verify write permissions for config directory", "Try running with elevated permissions")',
  },
  {
    id: 'config-file-unreadable',
    group: 'local',
    title: 'A client config file cannot be read by your account',
    cause:
      'The file exists but your account may not read it (permission denied), usually after it was created with sudo or by another user. The client fails to read it too.',
    steps: [
      'Check the owner and permissions of the file `tray-mcp doctor` names (`ls -l <file>`).',
      'Make it yours again: `sudo chown "$USER" <file>` then `chmod 600 <file>` (on Windows: Properties → Security, give your account Read and Write).',
      'Quit the AI client completely and open it again.',
    ],
    docs: DOCS.connecting,
    source: 'beyond the docs: derived from connecting: Configuration Issues ("Verify write permissions for config directory")',
  },
  {
    id: 'config-file-exposed',
    group: 'local',
    title: 'A file holding your API token is readable by others or in version control',
    cause:
      'Client config files store the API token in plain text. This one can be read by other users on the machine, or sits inside a git repository where it could be committed.',
    steps: [
      'Restrict the file to your account: `chmod 600 <file>` (Windows: remove other users in Properties → Security).',
      'If it is in a git repository, add it to `.gitignore`; if it was ever committed or pushed, revoke the token in Tray and create a new one.',
      'Use separate tokens for different environments and rotate them regularly.',
    ],
    docs: DOCS.connecting,
    source: 'connecting: Security Considerations ("Never commit config files to version control", "Rotate tokens regularly")',
  },
  {
    id: 'multiple-workspaces',
    group: 'local',
    title: 'Two Tray entries clash (same name or same workspace twice)',
    cause:
      'Two entries share a server name, so one silently replaces the other, or the same workspace is configured twice and its tools show up twice.',
    steps: [
      'Give each workspace its own descriptive name: `npx @trayio/tray-mcp --workspace-id <UUID> --api-token <TOKEN> --name tray-production` (and `tray-development`, …).',
      'Remove the duplicate entry from the client config.',
      'Quit the AI client completely and open it again.',
    ],
    docs: DOCS.connecting,
    source: 'connecting: Configuration Issues — Multiple workspaces; Advanced Configuration — Multiple MCP Servers, Custom Server Names',
  },
  {
    id: 'restart-client',
    group: 'local',
    title: 'Restart the AI client to load the changed configuration',
    cause: 'The config file changed after the client started. Clients read it only at start-up, so the change is not active yet.',
    steps: [
      'Quit the client completely (on macOS: Cmd+Q or the menu-bar icon → Quit; closing the window is not enough).',
      'Open it again and check the MCP server list (Claude: Settings → Developer).',
      'Ask the assistant "What Tray tools can you use?" to confirm the tools appear.',
    ],
    docs: DOCS.connecting,
    source: 'connecting: Verifying the Connection ("Restart your AI client completely (quit and reopen)")',
  },
  {
    id: 'client-entry-unsupported',
    group: 'local',
    title: 'This client ignores the Tray entry in its current form',
    cause:
      'The entry uses a shape this client does not support, for example a `url` entry in Claude Desktop\'s config file (it only runs local `command` servers there) or a Cline entry without `type`.',
    steps: [
      'For Claude Desktop\'s file, use the local bridge form the setup utility writes: rerun `npx @trayio/tray-mcp --client claude ...` (or add Tray as a custom connector for OAuth2).',
      'For other clients, rerun the setup utility for that client so it writes the form the client expects.',
      'Quit the AI client completely and open it again.',
    ],
    docs: DOCS.connecting,
    source: 'beyond the docs: client-specific config formats',
  },

  // ── Network and authentication ─────────────────────────────────────────────────────────────────
  {
    id: 'server-unreachable',
    group: 'network',
    title: 'The Tray MCP server cannot be reached',
    cause:
      'The connection failed before Tray answered: the name did not resolve (ENOTFOUND), the connection was refused or reset, or it timed out. A wrong Workspace ID, no network, a firewall or a proxy are the usual reasons.',
    steps: [
      'Check the Workspace ID in the server URL `https://{workspace-id}.mcp.tray.ai` is correct.',
      'Open that URL in a browser on the same machine; if it does not load, check your network, VPN and firewall.',
      'If you are behind a corporate proxy, set HTTPS_PROXY for the client (see `tray-mcp doctor`).',
      'Check the API token is valid and not expired, then try again.',
    ],
    docs: DOCS.troubleshooting,
    source: 'both: Troubleshooting — Connection refused or timeout',
  },
  {
    id: 'tls-untrusted',
    group: 'network',
    title: "The server's TLS certificate is not trusted (proxy or VPN intercepting HTTPS)",
    cause:
      'Node does not trust the certificate it was shown. On company networks a proxy, VPN or antivirus usually re-signs HTTPS with its own certificate authority, which Node does not know.',
    steps: [
      'Get your company\'s root CA certificate as a PEM file (from IT, or export it from your system keychain).',
      'Set `NODE_EXTRA_CA_CERTS=/path/to/company-ca.pem` in the environment the client starts with (for Claude Desktop, in the Tray entry\'s "env").',
      'Quit the AI client completely and open it again. Do not disable TLS verification.',
    ],
    source: 'beyond the docs: TLS interception by proxies/VPNs; Node\'s NODE_EXTRA_CA_CERTS',
  },
  {
    id: 'proxy-misconfigured',
    group: 'network',
    title: 'The proxy settings are wrong or missing',
    cause:
      'A proxy is configured (HTTPS_PROXY/HTTP_PROXY) but refuses or fails the connection, or your network requires a proxy and none is set.',
    steps: [
      'Check the proxy address with your IT team and test it: `curl -x "$HTTPS_PROXY" https://<workspace-id>.mcp.tray.ai`.',
      'Set the correct HTTPS_PROXY (and NO_PROXY for local hosts) in the environment the client starts with, or unset it if no proxy is needed.',
      'Quit the AI client completely and open it again.',
    ],
    source: 'beyond the docs: HTTP(S)_PROXY environment variables',
  },
  {
    id: 'insecure-url',
    group: 'network',
    title: 'The server URL uses plain http',
    cause: 'The URL starts with `http://` for a non-local host, so the API token would travel unencrypted. Tray MCP connections use HTTPS.',
    steps: [
      'Change the URL to `https://{workspace-id}.mcp.tray.ai`.',
      'If the token was sent over plain http, revoke it in Tray and create a new one.',
      'Quit the AI client completely and open it again.',
    ],
    docs: DOCS.connecting,
    source: 'connecting: Security Considerations — Network security ("MCP connections use HTTPS encryption")',
  },
  {
    id: 'token-invalid-or-expired',
    group: 'network',
    title: 'Tray rejected the API token (401 Unauthorized)',
    cause: 'The API token in the config is invalid, expired or revoked, so Tray answers 401.',
    steps: [
      'Create a new API token in Tray for the API user.',
      'Put it into the config: `npx @trayio/tray-mcp --workspace-id <UUID> --api-token <NEW TOKEN> --name <same name>`.',
      'Quit the AI client completely and open it again.',
    ],
    docs: DOCS.connecting,
    source: 'connecting: Troubleshooting — Authentication Errors, 401 Unauthorized',
  },
  {
    id: 'access-not-granted',
    group: 'network',
    title: 'Tray refused access (403 Forbidden): you are not allowed on this MCP server',
    cause:
      'The token or account is valid, but the user has not been added in the MCP server\'s Access Management tab, or was added as the wrong user type.',
    steps: [
      'In Tray, open the MCP server → Access Management tab and add your user (or the API user the token belongs to).',
      'Check the user type there matches how you connect (OAuth2 user vs API token user).',
      'Check the API token is still valid; then reconnect. If it still fails, ask your Customer Success representative to check permissions.',
    ],
    docs: DOCS.troubleshooting,
    source: 'both: 403 Forbidden errors',
  },
  {
    id: 'mcp-server-disabled',
    group: 'network',
    title: 'The MCP server is not enabled for the workspace',
    cause: 'The workspace\'s MCP server is switched off in Workspace Settings, so clients cannot see it or its tools.',
    steps: [
      'In Tray, open Workspace Settings and enable the MCP server.',
      'Disconnect and reconnect the server in your AI client (or restart the client).',
    ],
    docs: DOCS.troubleshooting,
    source: 'both: MCP server not appearing in client / Tools not appearing ("Confirm the MCP server is enabled in Workspace Settings")',
  },
  {
    id: 'agent-gateway-not-enabled',
    group: 'network',
    title: 'The MCP server cannot be enabled: Agent Gateway is not available to you',
    cause:
      'Agent Gateway must first be enabled for the organisation by an Organisation Administrator, and only Workspace Administrators can enable the server.',
    steps: [
      'Ask an Organisation Administrator to enable Agent Gateway for the organisation.',
      'Make sure you are a Workspace Administrator of this workspace.',
      'If the option is still not in your workspace settings, contact your Customer Success representative (Agent Gateway is on select plans).',
    ],
    docs: DOCS.troubleshooting,
    source: 'troubleshooting: Server cannot be enabled',
  },
  {
    id: 'oauth-authorization-failed',
    group: 'network',
    title: 'OAuth2 authorisation failed or timed out',
    cause:
      'The sign-in between the client and Tray did not complete: wrong Tray credentials, you are not on the server\'s Access Management list, or a transient failure in the handshake.',
    steps: [
      'Check you sign in with the right Tray account.',
      'Make sure you were added in the MCP server\'s Access Management tab.',
      'Try the authorisation again (transient failures happen); if it keeps failing, contact support.',
    ],
    docs: DOCS.troubleshooting,
    source: 'both: OAuth2 authorisation fails / Authorization process fails or shows a timeout error',
  },
  {
    id: 'oauth-client-unsupported',
    group: 'network',
    title: 'OAuth2 is only supported from Claude Desktop',
    cause: 'Tray\'s OAuth2 sign-in currently works with Claude Desktop (custom connector) only; other clients cannot complete it.',
    steps: [
      'In Claude Desktop, add Tray via + → Manage connectors → Add custom connector.',
      'For any other client, use an API token instead: `npx @trayio/tray-mcp --client <client> --workspace-id <UUID> --api-token <TOKEN>`.',
      'If you need OAuth2 in another client, ask your Customer Success representative.',
    ],
    docs: DOCS.troubleshooting,
    source: 'both: OAuth2 client support',
  },
  {
    id: 'tray-account-required',
    group: 'network',
    title: 'The user needs a Tray account in your organisation',
    cause: 'Everyone who runs MCP tools must have an active Tray account in the organisation; outside users are not supported yet.',
    steps: [
      'Ask a Tray administrator to invite the user to the organisation.',
      'Then add them in the MCP server\'s Access Management tab and reconnect.',
    ],
    docs: DOCS.troubleshooting,
    source: 'troubleshooting: Current limitations — MCP users must have a Tray account within your organisation',
  },

  // ── Tools and execution ────────────────────────────────────────────────────────────────────────
  {
    id: 'no-tools-enabled',
    group: 'tools',
    title: 'The server has no enabled tools',
    cause: 'The connection works, but the server lists no tools: none is enabled (green indicator) in the Workflow tools or Connector tools tab.',
    steps: [
      'In Tray, open the MCP server and enable at least one tool in the Workflow tools or Connector tools tab (the indicator turns green).',
      'Check the MCP server itself is enabled in Workspace Settings.',
      'Disconnect and reconnect the server in the client, or restart the client.',
      'With an API token, check the token has permissions for this workspace.',
    ],
    docs: DOCS.troubleshooting,
    source: 'both: Tools not appearing in AI client after connection / Tools Not Visible',
  },
  {
    id: 'client-tool-cache-stale',
    group: 'tools',
    title: 'The client shows an old tool list',
    cause: 'Clients cache the tool list. Tools you added, removed or changed in Tray do not show until the client reconnects.',
    steps: [
      'Disconnect the Tray server in the client (Claude Desktop: Manage connectors → Disconnect).',
      'Reconnect it.',
      'Quit the client completely and open it again.',
    ],
    docs: DOCS.connecting,
    source: 'connecting: Refreshing Tool Changes',
  },
  {
    id: 'too-many-tools',
    group: 'tools',
    title: 'Too many tools on one server',
    cause: 'There is no hard limit, but beyond about 15–20 tools AI clients pick tools more slowly and less accurately.',
    steps: [
      'Disable tools that are not needed for this use case.',
      'Split the rest across separate MCP servers per use case or team, and connect each with its own name.',
    ],
    docs: DOCS.troubleshooting,
    source: 'troubleshooting: Tool limits',
  },
  {
    id: 'tool-description-missing',
    group: 'tools',
    title: 'Tools have missing or unclear descriptions',
    cause: 'The AI chooses tools by their descriptions. Tools without a clear description get ignored or called wrongly.',
    steps: [
      'In Tray, give each tool a description saying what it does, when to use it and what each input means.',
      'Reconnect the server in the client so it picks up the new descriptions.',
    ],
    docs: DOCS.troubleshooting,
    source: 'both: Tools not appearing ("Check that tools have proper descriptions"); Tool is invoked incorrectly',
  },
  {
    id: 'tool-invoked-incorrectly',
    group: 'tools',
    title: 'The AI calls the wrong tool or passes wrong parameters',
    cause: 'Usually unclear tool descriptions, or a tool that tries to do too much.',
    steps: [
      'Rewrite the tool description to be specific about purpose and inputs.',
      'Add input validation in the workflow to catch unexpected values.',
      'Split broad tools into smaller, focused ones.',
    ],
    docs: DOCS.troubleshooting,
    source: 'troubleshooting: Tool is invoked incorrectly or with wrong parameters',
  },
  {
    id: 'workflow-tool-failed',
    group: 'tools',
    title: 'A workflow tool failed when it ran',
    cause: 'The tool was found but its workflow failed: it is unpublished or disabled, a step failed, or the inputs do not match the Agent Tool Trigger\'s schema.',
    steps: [
      'Check the workflow is published and enabled.',
      'Open its execution logs in Tray and find the step that failed.',
      'Check the inputs match the schema in the Agent Tool Trigger.',
      'Run the workflow manually in Tray to see whether the problem is specific to MCP.',
    ],
    docs: DOCS.troubleshooting,
    source: 'both: Workflow tool execution fails / Tool Execution Failures',
  },
  {
    id: 'connector-tool-failed',
    group: 'tools',
    title: 'A connector tool operation failed',
    cause: 'The connector\'s authentication is invalid or expired, or lacks the scopes the operation needs.',
    steps: [
      'Check the connector authentication in Tray is valid and not expired.',
      'With user-provided authentication, check the user\'s chosen authentication has enough scopes (a scope warning at mapping time means trouble).',
      'For token-based authentications, recreate the authentication with a valid token.',
      'Test the same operation in a Tray workflow to confirm the connector works.',
    ],
    docs: DOCS.troubleshooting,
    source: 'both: Connector tool operation fails',
  },
  {
    id: 'callable-depth-exceeded',
    group: 'tools',
    title: 'A workflow tool nests callable workflows more than 5 levels deep',
    cause:
      'Agent Gateway allows at most 5 levels of callable workflows under a workflow tool. Beyond that the tool fails at once, and the error names only the tool id.',
    steps: [
      'Find the workflow for the tool id in the error in your Tray workspace.',
      'Follow its callable chain (callable → callable → …) and count the levels.',
      'Flatten the chain to 5 levels or fewer (merge steps, or call a workflow directly instead of through another).',
    ],
    docs: DOCS.troubleshooting,
    source: 'troubleshooting: Callable limits (maximum callable depth: 5 levels)',
  },
  {
    id: 'callable-total-exceeded',
    group: 'tools',
    title: 'A workflow tool uses more than 20 callable workflows in total',
    cause:
      'Agent Gateway allows at most 20 callables in total across all levels under one workflow tool. Beyond that the tool fails at once, and the error names only the tool id.',
    steps: [
      'Find the workflow for the tool id in the error in your Tray workspace.',
      'Count every callable it triggers, on all levels.',
      'Bring the total to 20 or fewer (combine callables, or split the tool into several tools).',
    ],
    docs: DOCS.troubleshooting,
    source: 'troubleshooting: Callable limits (maximum total callables across all levels: 20)',
  },
  {
    id: 'auth-management-tab-error',
    group: 'tools',
    title: 'The Authentication Management tab fails to load',
    cause: 'Almost always a workflow tool exceeding the callable limits (more than 5 levels deep or more than 20 callables in total).',
    steps: [
      'Review the workflow tools on this server for deep or numerous callables.',
      'Reduce callable depth to 5 or fewer and total callables to 20 or fewer.',
      'Reload the tab.',
    ],
    docs: DOCS.troubleshooting,
    source: 'troubleshooting: Authentication Management tab returns an error; Callable limits',
  },

  // ── User-provided authentication ───────────────────────────────────────────────────────────────
  {
    id: 'user-auth-with-api-token',
    group: 'user-auth',
    title: 'API token connections cannot use user-provided authentication',
    cause: 'An API token user has no personal credentials in Tray, so tools that need user-provided authentication cannot run for it; only service-account tools work.',
    steps: [
      'Switch the tool\'s connector or workflow step to service account authentication, or',
      'Connect with OAuth2 instead (Claude Desktop custom connector) so each user can supply their own credentials.',
    ],
    docs: DOCS.troubleshooting,
    source: 'both: API token users and user-provided authentication',
  },
  {
    id: 'user-auth-prompt-missing',
    group: 'user-auth',
    title: 'The prompt to provide your own authentication does not appear',
    cause:
      'The step is set to service account, you are connected with an API token, a callable limit is exceeded (which stops the prompt), or the client cannot show URL-based prompts.',
    steps: [
      'Check the connector or workflow step uses user-provided authentication, not service account.',
      'Connect with OAuth2: API token users are never prompted.',
      'Check the workflow tool is within the callable limits (5 levels, 20 callables).',
      'Look in the client\'s reply for a fallback message with an authentication URL and open it in a browser.',
    ],
    docs: DOCS.troubleshooting,
    source: 'troubleshooting: User-provided authentication prompt not appearing',
  },
  {
    id: 'elicitation-url-fallback',
    group: 'user-auth',
    title: 'Your client cannot show the authentication prompt: open the URL yourself',
    cause: 'Tray asked the client to show an authentication page (URL elicitation), and this client does not support that. The URL is in its fallback message.',
    steps: [
      'Copy the authentication URL from the message (explain shows it under facts when it finds one).',
      'Open it in your browser and complete the authentication mapping.',
      'Run the tool again in the client.',
    ],
    docs: DOCS.troubleshooting,
    source: 'troubleshooting: User-provided authentication prompt not appearing (URL-based elicitation fallback)',
  },
  {
    id: 'auth-mapping-reset',
    group: 'user-auth',
    title: 'Asked to map credentials again before 7 days',
    cause: 'Credential mappings last 7 days, but disconnecting and reconnecting the MCP server resets all of them.',
    steps: [
      'Complete the mapping flow again.',
      'Avoid disconnecting/reconnecting the server unless you need to (for example to refresh tools).',
    ],
    docs: DOCS.troubleshooting,
    source: 'troubleshooting: Authentication mapping reset; User is prompted for authentication again before 7 days',
  },

  // ── Informational ──────────────────────────────────────────────────────────────────────────────
  {
    id: 'insights-callable-counts',
    group: 'info',
    title: 'Insights counts callables as separate executions (expected)',
    cause: 'A workflow tool that calls one callable shows as two executions in the Insights totals. Execution logs and billing are not affected.',
    steps: ['Nothing to fix: read the Insights task run counts with this in mind.'],
    docs: DOCS.troubleshooting,
    source: 'troubleshooting: Insights and execution counts — Callables counted as separate executions',
  },
  {
    id: 'connector-logs-unavailable',
    group: 'info',
    title: 'No step-level logs for connector tools (expected)',
    cause: 'Connector tools have no step-level execution logs yet; only aggregate data in Insights.',
    steps: [
      'Use the Insights dashboard for connector tool execution data.',
      'To debug one operation, run it in a Tray workflow, where steps are logged.',
    ],
    docs: DOCS.troubleshooting,
    source: 'troubleshooting: Connector tool execution logs',
  },
  {
    id: 'contact-support',
    group: 'info',
    title: 'Still stuck: contact Tray support',
    cause: 'The problem is not one this tool can fix from your machine.',
    steps: [
      'Contact your Customer Success representative or the Tray support portal.',
      'Include the MCP server URL, the tool name, the exact error messages, and execution ids from the workflow logs.',
      'Attach `tray-mcp doctor --json` output (tokens are redacted in it).',
    ],
    docs: DOCS.troubleshooting,
    source: 'troubleshooting: Getting help',
  },
];

const byId = new Map(REMEDIES.map((r) => [r.id, r] as const));

export function getRemedy(id: string): Remedy | undefined {
  return byId.get(id);
}
