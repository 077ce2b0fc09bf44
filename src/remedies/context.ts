// Where did a pasted error come from? The text often says: a Windows path or `%APPDATA%`, a macOS
// `/Users/…` path, a client's own file name or log format. explain uses this to pick the remedies
// and steps that fit (Windows runs `npx` differently; Cline and Claude Desktop want different entries).
// One regex per kind per line, and none once the answer is settled, so a huge log costs little more.
//
// Each kind's regex is the alternation of its parts below; every part lists literals (lower case) one
// of which a line must hold for that part to match, as a matcher's `any` does. A log scan finds these
// literals with the matchers' (src/remedies/match.ts) and tries the regexes only on the lines holding
// one (test/unit/remedies-context.test.ts holds every part to its literals).
import type { ClientId } from '../clients/catalog.js';
import type { Platform } from '../lib/environment.js';
import type { RemedyContext } from './catalog.js';

/** One alternative of a hint's regex, the literals (lower case) a line needs for it to match, and a
 *  line it matches (tests prove both). */
interface HintPart {
  readonly any: readonly string[];
  readonly re: string;
  readonly example: string;
}

/** The alternation of the parts, as one case-insensitive regex. */
const alternation = (parts: readonly HintPart[]) => new RegExp(parts.map((p) => p.re).join('|'), 'i');
const r = String.raw;

// Windows first: a Windows log may hold `/home/…` paths (WSL), a macOS or Linux one rarely holds `C:\`.
const WIN32_PARTS: readonly HintPart[] = [
  {
    any: ['users', 'program files', 'programdata', 'windows', 'tools'].flatMap((w) => [`\\${w}`, `/${w}`]),
    re: r`\b[A-Za-z]:(?:\\{1,2}|\/)(?:Users|Program Files|ProgramData|Windows|tools)\b`,
    example: 'at file:///C:/Users/zak/AppData/Local/npm-cache/x.js',
  },
  { any: ['"command"'], re: r`"command"\s*:\s*"cmd(?:\.exe)?"`, example: '"command": "cmd.exe",' },
  { any: ['%appdata%', '%localappdata%', '%userprofile%', '%programfiles%'], re: r`%(?:APPDATA|LOCALAPPDATA|USERPROFILE|ProgramFiles)%`, example: '%USERPROFILE%\\.cursor\\mcp.json' },
  { any: ['\\appdata\\'], re: r`\\{1,2}AppData\\{1,2}(?:Roaming|Local)\b`, example: 'C:\\\\Users\\\\ana\\\\AppData\\\\Roaming\\\\npm' },
  { any: ['npx.cmd'], re: r`\bnpx\.cmd\b`, example: '"command": "npx.cmd"' },
  { any: ['cmd'], re: r`\bcmd(?:\.exe)?["']?,?\s+["']?\/[cC]\b`, example: '"args": ["cmd", "/c", "npx"]' },
  { any: [':\\'], re: r`\bPS [A-Z]:\\`, example: 'PS D:\\work> npx mcp-remote' },
  { any: ['windows'], re: r`\bWindows\b`, example: 'It fails on Windows 11' },
  { any: ['win32'], re: r`\bwin32\b`, example: 'platform: win32, arch: x64' },
  { any: ['powershell'], re: r`\bpowershell\b`, example: 'Run it in PowerShell as admin' },
];
const DARWIN_PARTS: readonly HintPart[] = [
  { any: ['/users/'], re: r`\/Users\/[^/\s"']+\/`, example: '/Users/ana/Library/Logs/Claude/mcp.log' },
  { any: ['/applications/'], re: r`\/Applications\/[^/\s]+\.app\b`, example: '/Applications/Claude.app/Contents/Resources' },
  { any: ['library/application support/', 'library/logs/'], re: r`\bLibrary\/(?:Application Support|Logs)\/`, example: '~/Library/Application Support/Claude/claude_desktop_config.json' },
  { any: ['macos'], re: r`\bmacOS\b`, example: 'macOS 14.5 (Sonoma)' },
  { any: ['darwin'], re: r`\bdarwin\b`, example: 'node-v20.18.1-darwin-arm64' },
  { any: ['/opt/homebrew/'], re: r`\/opt\/homebrew\/`, example: '/opt/homebrew/bin/npx' },
];
const LINUX_PARTS: readonly HintPart[] = [
  { any: ['/home/'], re: r`\/home\/[^/\s"']+\/`, example: '/home/ana/.config/Claude/claude_desktop_config.json' },
  { any: ['~/.config/'], re: r`~\/\.config\/`, example: '~/.config/Claude/claude_desktop_config.json' },
  { any: ['ubuntu'], re: r`\bUbuntu\b`, example: 'Ubuntu 24.04 LTS' },
  { any: ['debian'], re: r`\bDebian\b`, example: 'Debian 12 (bookworm)' },
  { any: ['fedora'], re: r`\bFedora\b`, example: 'Fedora 40 Workstation' },
  { any: ['arch linux'], re: r`\bArch Linux\b`, example: 'on Arch Linux, kernel 6.9' },
  { any: ['platform: linux'], re: r`\bplatform: linux\b`, example: 'os: { platform: linux, release: 6.8 }' },
];

// Order matters: Claude Code before Claude Desktop ("Claude Code" is not Claude Desktop), Cline before
// Cursor and VS Code (Cline runs inside both).
const CLIENT_PARTS: readonly (readonly [ClientId, readonly HintPart[]])[] = [
  [
    'claude-code',
    [
      { any: ['claude code'], re: r`\bClaude Code\b`, example: 'Claude Code v1.0.31' },
      { any: ['@anthropic-ai/claude-code'], re: r`@anthropic-ai\/claude-code\b`, example: 'npm install -g @anthropic-ai/claude-code' },
      { any: ['claude mcp '], re: r`\bclaude mcp (?:add|list|get|remove)\b`, example: 'claude mcp add tray -- npx mcp-remote' },
      { any: ['.claude.json'], re: r`[\\/]\.claude\.json\b`, example: 'Location: /home/ana/.claude.json' },
      { any: [': windows requires'], re: r`\bmcpServers\.[\w.-]{1,100}: Windows requires\b`, example: "[Warning] mcpServers.tray: Windows requires 'cmd /c' wrapper to execute npx" },
      { any: ['disabledmcpjsonservers'], re: r`\bdisabledMcpjsonServers\b`, example: '"disabledMcpjsonServers": ["tray"]' },
      { any: ['enabledmcpjsonservers'], re: r`\benabledMcpjsonServers\b`, example: '"enabledMcpjsonServers": []' },
    ],
  ],
  [
    'claude',
    [
      { any: ['claude_desktop_config'], re: r`claude_desktop_config[.,]json`, example: 'Could not load claude_desktop_config.json' },
      { any: ['claude desktop'], re: r`\bClaude Desktop\b`, example: 'Restart Claude Desktop' },
      { any: ['claude.app'], re: r`\bClaude\.app\b`, example: '/Applications/Claude.app/Contents/MacOS/Claude' },
      { any: ['anthropicclaude'], re: r`\bAnthropicClaude\b`, example: 'C:\\Users\\ana\\AppData\\Local\\AnthropicClaude\\app-0.9.3' },
      { any: ['logs\\claude', 'logs/claude'], re: r`\bLogs[\\/]Claude[\\/]`, example: '~/Library/Logs/Claude/mcp-server-tray.log' },
      { any: ['message from '], re: r`\bMessage from (?:client|server): \{`, example: 'Message from server: {"jsonrpc":"2.0","id":1,"result":{}}' },
      { any: ['{ metadata: '], re: r`\{ metadata: `, example: 'Server transport closed unexpectedly { metadata: undefined }' },
      // …and its log lines: `2025-06-03T07:23:52.664Z [error] [server] …` or `…Z [server] [error] …`
      {
        any: ['z ['],
        re: r`^\d{4}-\d\d-\d\dT[\d:.]{8,12}Z \[(?:(?:info|error|warn|debug)\] \[[^\]\n]{1,100}|[^\]\n]{1,100}\] \[(?:info|error|warn|debug))\]`,
        example: '2025-06-03T07:23:52.664Z [tray] [info] Initializing server...',
      },
    ],
  ],
  [
    'cline',
    [
      { any: ['cline'], re: r`\bCline\b`, example: 'Cline shows "Invalid MCP settings schema"' },
      { any: ['cline_mcp_settings.json'], re: r`cline_mcp_settings\.json`, example: 'Error reading cline_mcp_settings.json' },
      { any: ['saoudrizwan.claude-dev'], re: r`saoudrizwan\.claude-dev`, example: 'globalStorage/saoudrizwan.claude-dev/settings' },
    ],
  ],
  [
    'cursor',
    [
      { any: ['cursor'], re: r`\bCursor\b`, example: 'Cursor 0.48.9' },
      { any: ['.cursor'], re: r`[\\/]\.cursor[\\/]`, example: '/home/ana/.cursor/mcp.json' },
      { any: ['anysphere'], re: r`\banysphere\b`, example: '~/.config/anysphere/logs' },
      { any: ['handling listofferings action'], re: r`\bHandling ListOfferings action\b`, example: '[info] Handling ListOfferings action, server stored: false' },
      { any: ['starting new stdio process with command'], re: r`\bStarting new stdio process with command\b`, example: '[info] rmcp: Starting new stdio process with command: npx mcp-remote' },
    ],
  ],
  [
    'windsurf',
    [
      { any: ['windsurf'], re: r`\bWindsurf\b`, example: 'Windsurf Editor 1.9' },
      { any: ['windsurf'], re: r`\bcodeium[\\/]windsurf\b`, example: '~/.codeium/windsurf/mcp_config.json' },
      { any: ['mcp_config.json'], re: r`\bmcp_config\.json\b`, example: 'mcp_config.json has an error' },
      { any: ['mcp_server_client_instance.go'], re: r`\bmcp_server_client_instance\.go\b`, example: 'mcp_server_client_instance.go:102: failed to initialize' },
    ],
  ],
  [
    'vscode',
    [
      { any: ['vs code', 'vscode'], re: r`\bVS ?Code\b`, example: 'VS Code 1.101 with MCP support' },
      { any: ['vscode'], re: r`[\\/]\.vscode[\\/]mcp\.json\b`, example: 'Open ~/project/.vscode/mcp.json' },
      { any: ['connection state: '], re: r`\bConnection state: (?:Starting|Running|Error|Stopped)\b`, example: '2025-10-06 16:15:19.117 [info] Connection state: Error' },
      { any: ['github copilot'], re: r`\bGitHub Copilot\b`, example: 'GitHub Copilot Chat in agent mode' },
      { any: ['waiting for server to respond to `initialize`'], re: '\\bWaiting for server to respond to `initialize`', example: 'Waiting for server to respond to `initialize` request...' },
    ],
  ],
];

const WIN32 = alternation(WIN32_PARTS);
const DARWIN = alternation(DARWIN_PARTS);
const LINUX = alternation(LINUX_PARTS);
const CLIENTS = CLIENT_PARTS.map(([id, parts]) => [id, alternation(parts)] as const);

/** What a line holding a hint literal may tell (bits): Windows, another platform, a client. */
export const HINT_WIN32 = 1;
export const HINT_PLATFORM = 2;
export const HINT_CLIENT = 4;
export const HINT_ALL = HINT_WIN32 | HINT_PLATFORM | HINT_CLIENT;

/** Every part of every hint regex with the bit it tells (for tests and the literal automaton). */
export const HINT_PARTS: readonly (HintPart & { bit: number; kind: Platform | ClientId })[] = [
  ...WIN32_PARTS.map((p) => ({ ...p, bit: HINT_WIN32, kind: 'win32' as const })),
  ...DARWIN_PARTS.map((p) => ({ ...p, bit: HINT_PLATFORM, kind: 'darwin' as const })),
  ...LINUX_PARTS.map((p) => ({ ...p, bit: HINT_PLATFORM, kind: 'linux' as const })),
  ...CLIENT_PARTS.flatMap(([id, parts]) => parts.map((p) => ({ ...p, bit: HINT_CLIENT, kind: id }))),
];

/** The hint literals, each with the bits a line holding it may tell. */
export const HINT_LITERALS: ReadonlyMap<string, number> = HINT_PARTS.reduce(
  (m, p) => (p.any.forEach((l) => m.set(l, (m.get(l) ?? 0) | p.bit)), m),
  new Map<string, number>(),
);

/** What one line says about the platform, strongest first. */
export function platformOfLine(line: string): Platform | undefined {
  if (WIN32.test(line)) return 'win32';
  if (DARWIN.test(line)) return 'darwin';
  if (LINUX.test(line)) return 'linux';
  return undefined;
}

export function clientOfLine(line: string): ClientId | undefined {
  for (const [id, re] of CLIENTS) if (re.test(line)) return id;
  return undefined;
}

/** Collects hints line by line: the first client named wins; Windows outranks the other platforms. */
export class ContextHints {
  private platform?: Platform;
  private client?: ClientId;

  /**
   * One line. `holds`: the HINT_ bits of the hint literals the line holds, when the caller knows them
   * (a log scan): the regexes that cannot match without one are not tried.
   */
  observe(line: string, holds = HINT_ALL): void {
    if (this.platform !== 'win32') {
      if (holds & HINT_WIN32 && WIN32.test(line)) this.platform = 'win32';
      else if (!this.platform && holds & HINT_PLATFORM) this.platform = DARWIN.test(line) ? 'darwin' : LINUX.test(line) ? 'linux' : undefined;
    }
    if (!this.client && holds & HINT_CLIENT) this.client = clientOfLine(line);
  }

  /** The HINT_ bits a line must hold to tell something still unknown (none, once all is settled). */
  get wanted(): number {
    return (this.platform !== 'win32' ? HINT_WIN32 : 0) | (this.platform ? 0 : HINT_PLATFORM) | (this.client ? 0 : HINT_CLIENT);
  }

  get found(): RemedyContext {
    return { ...(this.client ? { client: this.client } : {}), ...(this.platform ? { platform: this.platform } : {}) };
  }
}
/** Where each part of the context came from, for the reader of explain's answer. */
export interface ResolvedContext extends RemedyContext {
  from: { client?: 'option' | 'text'; platform?: 'option' | 'text' | 'this machine' };
}

/** Named by the user beats told by the text beats this machine's platform. */
export function resolveContext(
  given: RemedyContext,
  hints: RemedyContext,
  defaultPlatform?: Platform,
): ResolvedContext {
  const client = given.client ?? hints.client;
  const platform = given.platform ?? hints.platform ?? defaultPlatform;
  return {
    ...(client ? { client } : {}),
    ...(platform ? { platform } : {}),
    from: {
      ...(client ? { client: given.client ? ('option' as const) : ('text' as const) } : {}),
      ...(platform ? { platform: given.platform ? ('option' as const) : hints.platform ? ('text' as const) : ('this machine' as const) } : {}),
    },
  };
}
