// The client catalog: where each AI client keeps its MCP config on each OS, how an Agent Gateway
// entry looks in it, and what setup writes. doctor, setup and docs all read this one table.
// Source: ../shared/contract/README.md "Client config locations" (and the product docs it cites).
import type { Platform } from '../lib/environment.js';

export const CLIENT_IDS = ['claude', 'claude-code', 'cursor', 'windsurf', 'vscode', 'cline'] as const;
export type ClientId = (typeof CLIENT_IDS)[number];

export function isClientId(x: unknown): x is ClientId {
  return typeof x === 'string' && (CLIENT_IDS as readonly string[]).includes(x);
}

/** How a remote (Agent Gateway) entry is written in this client's file. */
export type EntryShape =
  | 'command' // { command: "npx", args: ["-y","mcp-remote",URL,"--header","Authorization:${VAR}"], env: {VAR: "Bearer …"} }
  | 'http' // { type: "http", url, headers }
  | 'url' // { url, headers }
  | 'serverUrl' // { serverUrl, headers }
  | 'streamableHttp'; // { type: "streamableHttp", url, headers }

export interface ConfigLocation {
  /** Path template per platform (see resolveTemplate); a platform left out has no such file. */
  paths: Partial<Record<Platform, string>>;
  scope: 'user' | 'project';
  /**
   * The product docs name this file but the client does not read it. It is still read:
   * a Tray entry found only here is a finding (config-wrong-location), not a pass.
   */
  stale?: boolean;
  /** why this location exists / what reads it (shown in --verbose and docs) */
  note?: string;
  /** setup writes the user-scope entry here */
  setupTarget?: boolean;
}

export interface ClientDef {
  id: ClientId;
  name: string;
  /** the key holding the server map */
  rootKey: 'mcpServers' | 'servers';
  /** the client accepts comments and trailing commas (JSONC) */
  jsonc: boolean;
  entryShape: EntryShape;
  locations: ConfigLocation[];
  /** how to make the client pick up a changed config */
  restartHint: string;
}

const same = (p: string): Partial<Record<Platform, string>> => ({ darwin: p, win32: p, linux: p });
const CLINE_SETTINGS = 'globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json';

export const CLIENTS: Readonly<Record<ClientId, ClientDef>> = {
  claude: {
    id: 'claude',
    name: 'Claude Desktop',
    rootKey: 'mcpServers',
    jsonc: false,
    entryShape: 'command',
    restartHint: 'Quit Claude Desktop completely (tray icon / Cmd+Q, not just the window) and open it again.',
    locations: [
      {
        scope: 'user',
        setupTarget: true,
        paths: {
          darwin: '~/Library/Application Support/Claude/claude_desktop_config.json',
          win32: '%APPDATA%/Claude/claude_desktop_config.json',
          linux: '~/.config/Claude/claude_desktop_config.json',
        },
      },
    ],
  },
  'claude-code': {
    id: 'claude-code',
    name: 'Claude Code',
    rootKey: 'mcpServers',
    jsonc: false,
    entryShape: 'http',
    restartHint: 'Start a new Claude Code session (exit and run `claude` again); `/mcp` shows the servers it loaded.',
    locations: [
      {
        scope: 'user',
        setupTarget: true,
        paths: same('~/.claude.json'),
        note: 'user scope: top-level mcpServers; local scope: projects[dir].mcpServers',
      },
      { scope: 'project', paths: same('./.mcp.json'), note: 'project scope, shared through version control' },
    ],
  },
  cursor: {
    id: 'cursor',
    name: 'Cursor',
    rootKey: 'mcpServers',
    jsonc: false,
    entryShape: 'url',
    restartHint: 'Restart Cursor, or toggle the server off and on in Settings → MCP.',
    locations: [
      {
        scope: 'user',
        setupTarget: true,
        paths: { darwin: '~/.cursor/mcp.json', win32: '%USERPROFILE%/.cursor/mcp.json', linux: '~/.cursor/mcp.json' },
      },
      { scope: 'project', paths: same('./.cursor/mcp.json') },
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
  },
  windsurf: {
    id: 'windsurf',
    name: 'Windsurf',
    rootKey: 'mcpServers',
    jsonc: false,
    entryShape: 'serverUrl',
    restartHint: 'Press Refresh in Windsurf’s MCP panel (Cascade → plugins), or restart Windsurf.',
    locations: [
      {
        scope: 'user',
        setupTarget: true,
        paths: {
          darwin: '~/.codeium/windsurf/mcp_config.json',
          win32: '%USERPROFILE%/.codeium/windsurf/mcp_config.json',
          linux: '~/.codeium/windsurf/mcp_config.json',
        },
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
  },
  vscode: {
    id: 'vscode',
    name: 'VS Code',
    rootKey: 'servers',
    jsonc: true,
    entryShape: 'http',
    restartHint: 'Run “MCP: List Servers” in VS Code and restart the server, or reload the window.',
    locations: [
      {
        scope: 'user',
        setupTarget: true,
        paths: {
          darwin: '~/Library/Application Support/Code/User/mcp.json',
          win32: '%APPDATA%/Code/User/mcp.json',
          linux: '~/.config/Code/User/mcp.json',
        },
      },
      { scope: 'project', paths: same('./.vscode/mcp.json') },
    ],
  },
  cline: {
    id: 'cline',
    name: 'Cline',
    rootKey: 'mcpServers',
    jsonc: false,
    entryShape: 'streamableHttp',
    restartHint: 'Open Cline’s MCP Servers view and restart the server, or reload the editor window.',
    locations: [
      {
        scope: 'user',
        setupTarget: true,
        note: 'Cline inside VS Code',
        paths: {
          darwin: `~/Library/Application Support/Code/User/${CLINE_SETTINGS}`,
          win32: `%APPDATA%/Code/User/${CLINE_SETTINGS}`,
          linux: `~/.config/Code/User/${CLINE_SETTINGS}`,
        },
      },
      {
        scope: 'user',
        note: 'Cline inside Cursor',
        paths: {
          darwin: `~/Library/Application Support/Cursor/User/${CLINE_SETTINGS}`,
          win32: `%APPDATA%/Cursor/User/${CLINE_SETTINGS}`,
          linux: `~/.config/Cursor/User/${CLINE_SETTINGS}`,
        },
      },
    ],
  },
};

/** The Agent Gateway URL for a workspace. */
export function gatewayUrl(workspaceId: string): string {
  return `https://${workspaceId.toLowerCase()}.mcp.tray.ai`;
}

/** Environment variable name Claude Desktop entries use to carry the header (survives spaces on Windows). */
export const CLAUDE_HEADER_VAR = 'AUTH_HEADER';

/** The entry setup writes for a client (the shape tray-servers accepts as correct). */
export function makeEntry(client: ClientId, url: string, token: string): Record<string, unknown> {
  const headers = { Authorization: `Bearer ${token}` };
  switch (CLIENTS[client].entryShape) {
    case 'command':
      return {
        command: 'npx',
        args: ['-y', 'mcp-remote', url, '--header', `Authorization:\${${CLAUDE_HEADER_VAR}}`],
        env: { [CLAUDE_HEADER_VAR]: `Bearer ${token}` },
      };
    case 'http':
      return { type: 'http', url, headers };
    case 'url':
      return { url, headers };
    case 'serverUrl':
      return { serverUrl: url, headers };
    case 'streamableHttp':
      return { type: 'streamableHttp', url, headers };
  }
}

/**
 * The server maps inside a parsed config: the root key, and for Claude Code's ~/.claude.json also
 * each projects[dir].mcpServers. `where` is a human path inside the document.
 */
export function serverMaps(client: ClientId, doc: unknown): { where: string; servers: Record<string, unknown> }[] {
  const out: { where: string; servers: Record<string, unknown> }[] = [];
  if (!isPlainObject(doc)) return out;
  const key = CLIENTS[client].rootKey;
  if (isPlainObject(doc[key])) out.push({ where: key, servers: doc[key] as Record<string, unknown> });
  if (client === 'claude-code' && isPlainObject(doc.projects)) {
    for (const [dir, project] of Object.entries(doc.projects as Record<string, unknown>)) {
      if (isPlainObject(project) && isPlainObject(project.mcpServers)) {
        out.push({ where: `projects[${dir}].mcpServers`, servers: project.mcpServers as Record<string, unknown> });
      }
    }
  }
  return out;
}

export function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
