// Where did a pasted error come from? The text often says: a Windows path or `%APPDATA%`, a macOS
// `/Users/…` path, a client's own file name or log format. explain uses this to pick the remedies
// and steps that fit (Windows runs `npx` differently; Cline and Claude Desktop want different entries).
// One regex per kind per line, and none once the answer is settled, so a huge log costs little more.
import type { ClientId } from '../clients/catalog.js';
import type { Platform } from '../lib/environment.js';
import type { RemedyContext } from './catalog.js';

// Windows first: a Windows log may hold `/home/…` paths (WSL), a macOS or Linux one rarely holds `C:\`.
const WIN32 =
  /\b[A-Za-z]:(?:\\{1,2}|\/)(?:Users|Program Files|ProgramData|Windows|tools)\b|"command"\s*:\s*"cmd(?:\.exe)?"|%(?:APPDATA|LOCALAPPDATA|USERPROFILE|ProgramFiles)%|\\{1,2}AppData\\{1,2}(?:Roaming|Local)\b|\bnpx\.cmd\b|\bcmd(?:\.exe)?["']?,?\s+["']?\/[cC]\b|\bPS [A-Z]:\\|\bWindows\b|\bwin32\b|\bpowershell\b/i;
const DARWIN = /\/Users\/[^/\s"']+\/|\/Applications\/[^/\s]+\.app\b|\bLibrary\/(?:Application Support|Logs)\/|\bmacOS\b|\bdarwin\b|\/opt\/homebrew\//i;
const LINUX = /\/home\/[^/\s"']+\/|~\/\.config\/|\bUbuntu\b|\bDebian\b|\bFedora\b|\bArch Linux\b|\bplatform: linux\b/i;

// Order matters: Claude Code before Claude Desktop ("Claude Code" is not Claude Desktop), Cline before
// Cursor and VS Code (Cline runs inside both).
const CLIENTS: readonly (readonly [ClientId, RegExp])[] = [
  ['claude-code', /\bClaude Code\b|@anthropic-ai\/claude-code\b|\bclaude mcp (?:add|list|get|remove)\b|[\\/]\.claude\.json\b|\bmcpServers\.[\w.-]{1,100}: Windows requires\b|\bdisabledMcpjsonServers\b|\benabledMcpjsonServers\b/i],
  // …and its log lines: `2025-06-03T07:23:52.664Z [error] [server] …` or `…Z [server] [error] …`
  ['claude', /claude_desktop_config[.,]json|\bClaude Desktop\b|\bClaude\.app\b|\bAnthropicClaude\b|\bLogs[\\/]Claude[\\/]|\bMessage from (?:client|server): \{|\{ metadata: |^\d{4}-\d\d-\d\dT[\d:.]{8,12}Z \[(?:(?:info|error|warn|debug)\] \[[^\]\n]{1,100}|[^\]\n]{1,100}\] \[(?:info|error|warn|debug))\]/i],
  ['cline', /\bCline\b|cline_mcp_settings\.json|saoudrizwan\.claude-dev/i],
  ['cursor', /\bCursor\b|[\\/]\.cursor[\\/]|\banysphere\b|\bHandling ListOfferings action\b|\bStarting new stdio process with command\b/i],
  ['windsurf', /\bWindsurf\b|\bcodeium[\\/]windsurf\b|\bmcp_config\.json\b|\bmcp_server_client_instance\.go\b/i],
  ['vscode', /\bVS ?Code\b|[\\/]\.vscode[\\/]mcp\.json\b|\bConnection state: (?:Starting|Running|Error|Stopped)\b|\bGitHub Copilot\b|\bWaiting for server to respond to `initialize`/i],
];

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

  observe(line: string): void {
    if (this.platform !== 'win32') {
      if (WIN32.test(line)) this.platform = 'win32';
      else if (!this.platform) this.platform = DARWIN.test(line) ? 'darwin' : LINUX.test(line) ? 'linux' : undefined;
    }
    if (!this.client) this.client = clientOfLine(line);
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
