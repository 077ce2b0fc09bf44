// The remedy catalog: every documented problem, as data. doctor results, explain and docs/remedies.md
// all read this one table. Ids are the stable contract (../shared/contract/remedies.md): add, never rename.
// Written in this project's own words; `source` names the documentation section that backs each
// entry, or says it goes beyond the docs.
//
// Each entry carries its `matchers`: how `tray-mcp explain` and the client-logs check recognise the
// problem in an error message or a log line. One engine (src/remedies/match.ts) runs them all.
// Rules for a matcher's regex (the engine runs it on every candidate line of a log of many MB):
//   - one line at a time, never more than MAX_LINE characters;
//   - no nested quantifiers; gaps are bounded (`[^\n]{0,60}?`), so the cost per line is linear;
//   - `any` lists lower-case literals, one of which must occur in the line before the regex is tried.
import { BRIDGE_MIN_NODE } from '../lib/bridge.js';
import { createRequire } from 'node:module';
import { isUuid } from '../lib/uuid.js';
import { CLIENT_IDS, type ClientId } from '../clients/catalog.js';
import type { Platform } from '../lib/environment.js';

export const DOCS = {
  connecting:
    'https://tray.ai/documentation/platform/artificial-intelligence/agent-gateway/connecting-to-agent-gateway',
  troubleshooting:
    'https://tray.ai/documentation/platform/artificial-intelligence/agent-gateway/troubleshooting-and-limitations',
} as const;

export type RemedyGroup = 'local' | 'network' | 'tools' | 'user-auth' | 'info';

export type Facts = Record<string, string | number>;

/** What is known of where an error came from: named by the user (--client/--platform), told by the
 *  text itself (a Windows path, a client's log format), or this machine's platform. */
export interface RemedyContext {
  client?: ClientId;
  platform?: Platform;
}

/** How one remedy is recognised in text. */
export interface Matcher {
  /** what it recognises, in a few words (docs/remedies.md lists these) */
  label: string;
  /** lower-case literals (single spaces); the line must contain one of them before `re` is tried */
  any: readonly string[];
  /** its number literals (`401`, `-32001`) count only where no digit follows them: `re` never matches a
   *  status code that is the start of a longer number (`"id":4017`), so a log scan passes those by */
  wholeNumbers?: true;
  /** tested against one line; named groups become facts (a trailing digit in a group name is dropped) */
  re: RegExp;
  /** 1–100: how specific the match is; explain ranks the highest first */
  weight: number;
  /** counts only when the error is known to come from one of these platforms / clients (e.g. a
   *  `spawn npx ENOENT` means something else on Windows); unknown context: the matcher does not count */
  when?: { readonly platform?: readonly Platform[]; readonly client?: readonly ClientId[] };
  /** only when `re` matches the whole trimmed line (a bare `401`) */
  whole?: boolean;
  /** facts added whenever this matcher matches */
  facts?: Readonly<Facts>;
  /** facts added when the input did not provide them (e.g. the documented limit) */
  defaults?: Readonly<Facts>;
  /** more regexes run on the matched line to pull out facts (named groups; first one found wins) */
  extract?: readonly RegExp[];
  /** also look for `extract` facts this many lines further on (multi-line error dumps) */
  lookahead?: number;
  /** reject a match after seeing its facts and the (capped) line */
  accept?: (facts: Readonly<Facts>, line: string) => boolean;
  /** a realistic input this matcher recognises (tests prove it; docs show it) */
  example: string;
}

/** Steps that replace a remedy's default steps for one client, one platform, or both. */
export interface StepVariant {
  client?: ClientId;
  platform?: Platform;
  steps: readonly string[];
}

export interface RemedyOf<Id extends string> {
  id: Id;
  group: RemedyGroup;
  title: string;
  cause: string;
  /** the steps for any client on any platform */
  steps: readonly string[];
  /** steps that fit one client and/or platform better; stepsFor() picks the most specific */
  stepsFor?: readonly StepVariant[];
  docs?: string;
  /** the documentation section backing this remedy, or "beyond the docs: …" */
  source: string;
  /** how explain and the client-logs check recognise it; empty when only doctor's checks find it */
  matchers: readonly Matcher[];
}

/** The Node version mcp-remote (the bridge command-based clients run) requires (src/lib/bridge.ts). */
export { BRIDGE_MIN_NODE };

let semverLt: ((a: string, b: string) => boolean) | undefined;
function olderThanBridgeNeeds(version: string): boolean {
  semverLt ??= createRequire(import.meta.url)('semver/functions/lt') as (a: string, b: string) => boolean;
  try {
    return semverLt(version, BRIDGE_MIN_NODE);
  } catch {
    return false;
  }
}

// An HTTP status as clients and the SDK print it: `HTTP 401`, `HTTP/1.1 401`, `(HTTP 401)`,
// `status code (401)` (eventsource's "Non-200 status code (401)"), `"status": 401`, `statusCode=401`,
// `returned 401`, `401 Unauthorized`, and the bare number as the whole input.
const HTTP_PREFIX =
  String.raw`(?:\bMCP error\s|\bHTTP(?:\/\d(?:\.\d)?)?(?:\s(?:error|status|code))?[\s:]{0,3}|\bstatus(?:[\s_]?code)?["']?[\s:=(]{0,4}|\bresponse\s?\(|\breturned\s|\bcode[\s:=(]{1,4})`;

function httpStatus(code: number, reason: string, weight: number, example: string): Matcher[] {
  return httpStatuses({ codes: [code], reasons: [reason], weight, example });
}

/**
 * Matchers for one or more HTTP statuses: with a prefix (`HTTP 503`, `status code (503)`), with the
 * reason phrase (`503 Service Unavailable`), and bare as the whole input (`503`, ranked 10 lower).
 * `reasons` are the plain reason phrases, one per code; `why` (optional) is added to each label:
 * why this remedy answers that status.
 */
function httpStatuses(o: { codes: number[]; reasons: string[]; weight: number; example: string; why?: string }): Matcher[] {
  const alt = o.codes.join('|');
  const shown = o.codes.join('/');
  const any = o.codes.map(String);
  const why = o.why ? ` (${o.why})` : '';
  const reason = o.codes.map((c, i) => `${c} ${o.reasons[i]}`);
  return [
    { label: `HTTP ${shown}${why}`, any, wholeNumbers: true, re: new RegExp(`${HTTP_PREFIX}(?<httpStatus>${alt})(?!\\d)`, 'i'), weight: o.weight, example: o.example },
    {
      label: `${reason.join(' / ')}${why}`,
      any,
      wholeNumbers: true,
      re: new RegExp(`(?<![\\w.-])(?:${o.codes.map((c, i) => `(?<httpStatus${i ? i + 1 : ''}>${c})\\s{0,3}${o.reasons[i]!.split(' ').join('\\s{1,3}')}`).join('|')})\\b`, 'i'),
      weight: o.weight,
      example: reason[reason.length - 1]!,
    },
    { label: `bare ${shown}${why}`, any, wholeNumbers: true, whole: true, re: new RegExp(`^(?<httpStatus>${alt})$`), weight: o.weight - 10, example: String(o.codes[0]) },
  ];
}

// Facts of a callable-limit error, whatever its phrasing: the tool id, the limit and the observed
// value. The regexes run in order and the first one to find a fact wins, so the surest shapes come
// first: "23 > 20", "(23/20)", "23 … exceeds the maximum of 20", "depth of 5 exceeded" (a number that
// gets exceeded is the limit), then a number after a limit word ("max 20", "the limit is 20"), then
// a number after a counting word ("total callables (23)", "found 23", "depth 6") or before
// "callables"/"levels". Numbers must stand alone (not the digits of an id, a time or a version), and
// no gap crosses into the tool named after them ("… for tool 1234").
const N = String.raw`(?<![\w.-])`;
/** …not followed by more of a word, an id, or a decimal/version part (a full stop ending a sentence is fine) */
const NE = String.raw`(?![\w-]|\.\w)`;
/** a bounded run of non-digits that does not cross one of `stop` (whole words) */
const gap = (max: number, stop: string) => String.raw`(?:(?!\b(?:${stop})\b)[^\d\n]){0,${max}}?`;
const OVER = String.raw`(?:exceed(?:s|ed|ing)?|is\s+(?:over|above|beyond|greater\s+than|more\s+than|higher\s+than))\b`;
const LIMIT_WORD = String.raw`(?:limit|maximum|max|allowed|at\s+most|up\s+to|more\s+than|over|above)`;
/** "… exceeded" / "… was reached" after a number, unless a limit word follows ("23 exceeded the limit") */
const EXCEEDED_AFTER = String.raw`\s+(?:was\s+|has\s+been\s+)?(?:exceeded|reached)\b(?!\s+(?:the\s+)?(?:allowed\s+|configured\s+)?(?:limit|maximum|max)\b)`;
const NOUN = String.raw`(?:\s+(?:callables?|callable\s+workflows|levels?(?:\s+deep)?))?`;
const ID = String.raw`[A-Za-z0-9](?:[\w.:-]{0,98}[A-Za-z0-9])?`;
const CALLABLE_FACTS: readonly RegExp[] = [
  new RegExp(String.raw`\btool[\s_-]?id\b["']?\s*[:=]?\s*["']?(?<toolId>${ID})`, 'i'),
  /\btool\s+["']?(?<toolId>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b/i,
  /\btool\s+["'](?<toolId>[^"'\n]{1,100})["']/i,
  new RegExp(String.raw`\b(?:for|in|of|by)\s+(?:the\s+)?(?:workflow\s+)?tool\s+(?<toolId>${ID})`, 'i'),
  new RegExp(String.raw`\(\s*(?:workflow\s+)?tool\s*[:=]?\s*(?<toolId>${ID})\s*\)`, 'i'),
  new RegExp(String.raw`\btool\s*[:=]\s*["']?(?<toolId>${ID})`, 'i'),
  // 23 > 20 · (23/20)
  new RegExp(String.raw`${N}(?<observed>\d{1,5})\s*>\s*(?<limit>\d{1,4})${NE}`),
  /\(\s*(?<observed>\d{1,5})\s*\/\s*(?<limit>\d{1,4})\s*\)/,
  // 23 exceeds the maximum of 20 · (23) exceeds maximum allowed (20) · 23 callables exceed the limit of 20 · 23 is greater than the allowed 20
  new RegExp(String.raw`${N}(?<observed>\d{1,5})\)?,?${NOUN}\s+${OVER}${gap(30, 'for|in|tool|depth|found|got|observed|actual|current|nesting|levels?')}${N}(?<limit>\d{1,4})${NE}`, 'i'),
  // maximum callable depth of 5 exceeded · (5) was reached
  new RegExp(String.raw`${N}(?<limit>\d{1,4})\)?${NOUN}${EXCEEDED_AFTER}`, 'i'),
  // max 20 · the maximum is 20 · (limit 5) · MAX: 20 — but not "limit exceeded: 23"
  new RegExp(String.raw`\b${LIMIT_WORD}\b(?!\s+(?:exceeded|reached|hit)\b)${gap(30, 'for|in|tool|exceed(?:s|ed|ing)?|reached|found')}${N}(?<limit>\d{1,4})${NE}`, 'i'),
  // total callables (23) · the total number of callables (23) · found 23 · (depth 6) · uses 23
  new RegExp(
    String.raw`(?<!\b(?:maximum|max|limit|allowed|than|over)\b[^\d\n]{0,30})\b(?:depth|found|reached|got|observed|actual|current|used|uses|using|count|total|nesting|deep|has|have|contains)\b` +
      String.raw`${gap(25, 'limit|maximum|max|allowed|than|over|above')}${N}(?<observed>\d{1,5})${NE}(?!\)?${NOUN}${EXCEEDED_AFTER})`,
    'i',
  ),
  // 23 callables · 7 levels — but not "the maximum of 20 callables" or "depth of 5 levels exceeded"
  new RegExp(String.raw`(?<!\b(?:maximum|max|limit|allowed|than|over|most|to)\b(?:\s+(?:of|is))?[\s:=(]{0,3})${N}(?<observed>\d{1,5})\s+(?:levels|callables)\b(?!${EXCEEDED_AFTER})`, 'i'),
];

// The URL a client should open when it cannot show a URL elicitation itself.
// A JSON parse error about an HTML page is a proxy or portal answering, not a broken config file.
const HTML_INSTEAD_OF_JSON = /["'`]<(?:!DOCTYPE|html)|Unexpected token\s+['"]?<['"]?,|Unrecognized token\s+['"]<['"]/i;
const notHtml = (_f: Readonly<Facts>, line: string) => !HTML_INSTEAD_OF_JSON.test(line);

const ELICITATION_URL: readonly RegExp[] = [
  /"url"\s*:\s*"(?<url>https?:\/\/[^"\s]{1,500})"/,
  /(?<url>https?:\/\/[^\s"'<>\\)\]]{1,500})/,
];

/** Keeps every id as its literal type, so RemedyId is the union of the catalog's ids. */
function catalog<const Id extends string>(entries: readonly RemedyOf<Id>[]): readonly RemedyOf<Id>[] {
  return entries;
}

export const REMEDIES = catalog([
  // ── Local setup ────────────────────────────────────────────────────────────────────────────────
  {
    id: 'node-missing',
    group: 'local',
    title: 'Node.js (node/npx) is not on the PATH your AI client uses',
    cause:
      'The client starts the Tray bridge with `npx`, but it cannot find `npx` or `node`. Desktop apps often get a shorter PATH than your terminal, so "it works in my terminal" is common.',
    steps: [
      'Run `node --version` and `npx --version` in a terminal. If either fails, install Node.js 20.18.1 or newer from https://nodejs.org.',
      'If both work in the terminal, the client was started with a shorter PATH (common with nvm, fnm, asdf, Volta or Homebrew). Give the Tray entry an "env" whose "PATH" starts with the folder of the right `node`: `"env": { "PATH": "<folder of node>:/usr/local/bin:/usr/bin:/bin" }`, where the folder is what `dirname "$(which node)"` prints.',
      'Only putting the full path of `npx` in "command" is not enough: npx itself starts with `#!/usr/bin/env node` and still looks `node` up on the client\'s PATH. To avoid PATH entirely, make "command" the full path of `node` and the first argument the bridge\'s JS file (`npm install -g mcp-remote`, then `$(npm root -g)/mcp-remote/dist/proxy.js`), followed by the URL and --header arguments.',
      'Quit the AI client completely and open it again.',
    ],
    stepsFor: [
      {
        platform: 'win32',
        steps: [
          'Run `node --version` and `npx --version` in a new Command Prompt. If either fails, install Node.js 20.18.1 or newer from https://nodejs.org (the installer adds it to PATH).',
          'Quit the AI client completely (also from the system tray) and open it again: an app keeps the PATH it started with, so it does not see a Node installed after it.',
          'If Node comes from nvm-windows, fnm or Volta, run `where node` and add `"env": { "PATH": "<that folder>;C:\\Windows\\System32" }` to the Tray entry. If the client still reports `spawn npx ENOENT`, see `tray-mcp explain windows-npx-needs-cmd`.',
        ],
      },
      ...(['claude-code', 'cursor', 'windsurf', 'vscode', 'cline'] as const).map((client) => ({
        client,
        steps: [
          `This client reaches Tray directly over HTTP, without Node: rerun \`tray-mcp setup --client ${client}\` to replace the npx entry with a URL entry (URL plus Authorization header).`,
          'To keep the npx entry, run `node --version` in a terminal (install Node.js 20.18.1 or newer if it fails), and give the entry an "env" whose "PATH" starts with the folder of that `node` (`dirname "$(which node)"`; on Windows `where node`).',
          'Restart the server from the client\'s MCP settings (or restart the client).',
        ],
      })),
    ],
    docs: DOCS.connecting,
    source:
      'connecting: Configuration Issues — setup utility fails ("Ensure Node.js is installed"); Local MCP additional requirements (Node.js installed). The PATH advice goes beyond the docs: GUI apps start with a short PATH, and npx\'s `#!/usr/bin/env node` looks node up there even when npx is given by full path (modelcontextprotocol/servers#64, DollhouseMCP/mcp-server#1902)',
    matchers: [
      {
        label: 'spawn npx/node ENOENT',
        any: ['enoent'],
        re: /\bspawn\s+(?<command>(?:[^\s'"]{0,200}[\\/])?(?:npx|node|npm)(?:\.cmd|\.exe)?)\s+ENOENT\b/i,
        weight: 95,
        example: '2025-06-03T07:23:52.664Z [error] [tray-workspace] spawn npx ENOENT',
      },
      {
        label: 'failed to spawn command "npx" (Zed)',
        any: ['failed to spawn'],
        re: /\bfailed to spawn command\s+["'](?<command>npx|node|npm)["']/i,
        weight: 90,
        example: 'Error is: failed to spawn command "npx" "-y" "mcp-remote"',
      },
      {
        label: 'npx/node: command not found',
        any: ['not found', 'not recognized', 'no such file'],
        re: /(?:\b(?<command>npx|node)(?:\.cmd)?['"]?:?\s+(?:command\s+)?not\s+found|['"‘’](?<command2>npx|node)['"‘’]\s+is\s+not\s+recognized|\benv:\s+['"‘’]?(?<command3>node)['"‘’]?:\s+No such file|\bcommand not found:\s*(?<command4>npx|node|npm)\b)/i,
        weight: 90,
        example: "'npx' is not recognized as an internal or external command, operable program or batch file.",
      },
      {
        // cmd.exe or PowerShell saying npx/node is no command at all, in the user's own language: Node.js is
        // not on the PATH (not just a client that cannot start a .cmd): ranked over Windows' spawn ENOENT
        label: "'npx' is not recognized as a command (cmd.exe, PowerShell; English, French, German, Spanish)",
        any: ['not recognized', "n'est pas reconnu", 'n’est pas reconnu', 'nicht als interner', 'no se reconoce'],
        re: /['"‘’](?<command>npx|node|npm)(?:\.cmd)?['"‘’]\s+(?:is\s+not\s+recognized\s+as\s+(?:an?\s+)?(?:internal|the\s+name)|n['’]est\s+pas\s+reconnu\s+en\s+tant\s+que\s+commande|wird\s+nicht\s+als\s+interner|no\s+se\s+reconoce\s+como\s+un\s+comando)/i,
        weight: 97,
        example: "'npx' n'est pas reconnu en tant que commande interne ou externe, un programme exécutable ou un fichier de commandes.",
      },
      {
        // Go clients and gateways (Windsurf's JetBrains plugin, Bifrost, mcp-go hosts) report a command
        // missing from PATH in os/exec's words.
        label: 'exec: "npx": executable file not found in $PATH (Go clients)',
        any: ['executable file not found'],
        re: /\bexec:\s+["'](?<command>(?:[^\s'"]{0,200}[\\/])?(?:npx|node|npm)(?:\.cmd|\.exe)?)["']:\s+executable file not found\b/i,
        weight: 92,
        example: 'MCP server error: failed to create mcp stdio client: failed to start command: exec: "npx": executable file not found in $PATH',
      },
    ],
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
      'Make sure the client uses the new Node: if you have several (nvm, Homebrew, an installer), put the new one\'s folder first in the "PATH" of the Tray entry\'s "env" (see `tray-mcp explain node-missing`). Pointing "command" at the new `npx` alone is not enough: npx runs whichever `node` comes first on that PATH.',
      'Quit the AI client completely and open it again.',
    ],
    docs: DOCS.connecting,
    source: 'connecting: Prerequisites / Local MCP additional requirements (Node.js installed); the version floor is mcp-remote\'s (beyond the docs)',
    matchers: [
      {
        label: 'Node API missing (File / TransformStream / ReadableStream … is not defined)',
        any: ['is not defined'],
        re: /\b(?<missingGlobal>File|TransformStream|ReadableStream|WritableStream|Blob|fetch|structuredClone|Headers|FormData|AbortSignal|crypto)\s+is\s+not\s+defined\b/,
        weight: 90,
        example: 'ReferenceError: File is not defined',
      },
      {
        label: "SyntaxError: Unexpected token '?' or '.' (syntax newer than this Node)",
        any: ['unexpected token'],
        re: /Unexpected\s+token\s+['"]?(?<token>\?\??|\?\.|\.|\?\?=|\|\|=|&&=|#)['"]?(?!\s*in\s+JSON)(?![^\n]{0,40}is not valid JSON)/,
        weight: 85,
        example: "SyntaxError: Unexpected token '?'",
      },
      {
        // `node:` specifiers need Node 14.18/16; fs/promises, stream/web, timers/promises … came later
        // still. A built-in the running Node does not know means that Node is too old.
        label: "a built-in module this Node lacks (Cannot find module 'node:fs/promises')",
        any: ['cannot find module', 'built-in module', 'err_unknown_builtin_module', "received protocol 'node:'"],
        re: /\bCannot find module\s+['"](?<module>node:[\w/]{1,40}|(?:fs|dns|stream|timers|path|util|assert|readline)\/(?:promises|web|types|consumers|strict|posix|win32))['"]|\bNo such built-in module:?\s*['"]?(?<module2>[\w:/]{1,40})|\bERR_UNKNOWN_BUILTIN_MODULE\b|Received protocol\s+'node:'/,
        extract: [/\bNo such built-in module:?\s*['"]?(?<module>[\w:/]{1,40})/],
        weight: 88,
        example: "Error: Cannot find module 'node:fs/promises'",
      },
      {
        // Node 16 and later print their own frames as `node:internal/modules/cjs/loader:1198:14`; Node 15
        // and older as `internal/modules/cjs/loader.js:895:18`. Such a frame (whatever the error above it,
        // often an `import` or `??=` this Node cannot parse) means a Node far below what the bridge needs.
        label: 'a stack frame of Node 15 or older (internal/modules/…/loader.js:N)',
        any: ['internal/modules/', 'internal/main/', 'internal/bootstrap/'],
        re: /(?<![\w:/])internal\/(?:modules\/(?:cjs|esm|run_main)|main|bootstrap)[\w/]{0,40}\.js:\d{1,5}\b/,
        weight: 80,
        example: '    at Module._compile (internal/modules/cjs/loader.js:895:18)',
      },
      {
        label: 'npm EBADENGINE (package needs a newer Node)',
        any: ['ebadengine', 'unsupported engine'],
        re: /\bEBADENGINE\b|\bUnsupported engine\b/i,
        extract: [/current:\s*\{\s*node:\s*['"]v?(?<nodeVersion>\d+\.\d+\.\d+)/, /required:\s*\{\s*node:\s*['"](?<requiredNode>[^'"]{1,40})['"]/],
        weight: 85,
        example: "npm WARN EBADENGINE Unsupported engine { package: 'mcp-remote@0.1.29', required: { node: '>=20.18.1' }, current: { node: 'v18.19.0', npm: '10.2.3' } }",
      },
      {
        label: 'a crash report naming a Node older than 20.18.1',
        any: ['node.js v', 'node v'],
        re: /\bNode(?:\.js)?\s+v(?<nodeVersion>\d{1,2}\.\d{1,3}\.\d{1,3})\b/,
        accept: (f) => typeof f.nodeVersion === 'string' && olderThanBridgeNeeds(f.nodeVersion),
        weight: 70,
        example: 'Node.js v18.17.0',
      },
      {
        label: 'the bridge exited at start (often an old or missing Node)',
        any: ['transport closed unexpectedly', 'connection closed'],
        re: /Server transport closed unexpectedly|MCP error -32000: Connection closed/i,
        weight: 25,
        example: '[tray-workspace] [info] Server transport closed unexpectedly, this is likely due to the process exiting early.',
      },
    ],
  },
  {
    id: 'config-not-found',
    group: 'local',
    title: "The client's MCP config file is not where the client reads it",
    cause:
      'The client reads its MCP servers from one specific file. That file does not exist, so the Tray server was never added (or was written somewhere else).',
    steps: [
      `Run the setup utility for your client: \`tray-mcp setup --client <${CLIENT_IDS.join('|')}>\`; it writes the file where that client reads it.`,
      'Or create the file yourself at the path `tray-mcp doctor` lists for your client.',
      'Check the file now exists at that path, then quit and reopen the client.',
    ],
    docs: DOCS.connecting,
    source: 'connecting: Troubleshooting — MCP server not appearing in client ("Verify config file was updated (check file location)"); Config File Locations',
    matchers: [
      {
        label: 'ENOENT on a client config file',
        any: ['enoent', 'no such file'],
        // Each regex finds a config file name first and only then looks back (at most a few hundred
        // characters) for what must precede it, so a line costs time in proportion to its length:
        // nested quantifiers that try every split took 60+ ms per 8 KB line of repeated "ENOENT".
        re: /(?:claude_desktop_config\.json|mcp_config\.json|cline_mcp_settings\.json|\.claude\.json|mcp\.json)(?<=(?:ENOENT|no such file or directory)[^\n]{0,360})/i,
        extract: [
          /(?:claude_desktop_config\.json|mcp_config\.json|cline_mcp_settings\.json|\.claude\.json|mcp\.json)['"](?<=['"](?<file>[^'"\n]{1,300})['"])/i,
          /(?:claude_desktop_config\.json|mcp_config\.json|cline_mcp_settings\.json|\.claude\.json|mcp\.json)(?<=(?<![^\s'"=(,:])(?<file>(?:[A-Za-z]:)?[\\/~][^'"\s]{0,300}))/i,
        ],
        weight: 85,
        example: "Error: ENOENT: no such file or directory, open '/Users/ana/Library/Application Support/Claude/claude_desktop_config.json'",
      },
      {
        label: 'config file not found',
        any: ['config file', 'configuration file', 'config not found', 'configuration not found'],
        re: /\bconfig(?:uration)?\s+file\b[^\n]{0,60}?\b(?:not\s+found|does\s+not\s+exist|is\s+missing)\b|\b(?:Claude|Cursor|Windsurf|Cline|client|MCP)\s+config(?:uration)?\s+not\s+found\b/i,
        weight: 60,
        example: 'Config file not found: ~/.cursor/mcp.json',
      },
    ],
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
    matchers: [
      {
        label: 'JSON parse error (Unexpected token … in JSON at position N)',
        accept: notHtml,
        any: ['in json', 'after json'],
        re: /(?:Unexpected\s+(?:token|string|number|end|non-whitespace\s+character)|Expected\s+[^\n]{1,60}?|Bad\s+(?:control|escaped)\s+character[^\n]{0,40}?)\s+(?:[^\n]{0,40}?\s)?(?:in|after)\s+JSON(?:\s+at\s+position\s+(?<position>\d{1,9}))?(?:\s*\(line\s+(?<line>\d{1,9})\s+column\s+(?<column>\d{1,9})\))?/i,
        weight: 80,
        example: "SyntaxError: Expected ',' or '}' after property value in JSON at position 187 (line 9 column 5)",
      },
      {
        // Firefox: "JSON.parse: expected ',' or '}' after property value in object at line 3 column 5
        // of the JSON data"; Safari and Bun: "JSON Parse error: Expected '}'".
        label: "JSON.parse: … at line N column M (Firefox) / JSON Parse error: … (Safari, Bun)",
        accept: notHtml,
        any: ['json.parse:', 'json parse error'],
        re: /\bJSON\.parse:\s|\bJSON Parse error:\s/i,
        extract: [/\bat\s+line\s+(?<line>\d{1,9})\s+column\s+(?<column>\d{1,9})\b/i],
        weight: 80,
        example: "SyntaxError: JSON.parse: expected ',' or '}' after property value in object at line 3 column 5 of the JSON data",
      },
      {
        label: 'SyntaxError: … is not valid JSON',
        accept: notHtml,
        any: ['is not valid json'],
        re: /\bis\s+not\s+valid\s+JSON\b/i,
        weight: 75,
        example: 'SyntaxError: Unexpected token \'m\', "mcpServers: {" is not valid JSON',
      },
      {
        label: 'Unexpected end of JSON input',
        accept: notHtml,
        any: ['end of json input'],
        re: /Unexpected end of JSON input/i,
        weight: 75,
        example: 'SyntaxError: Unexpected end of JSON input',
      },
      {
        label: 'client could not parse its settings',
        any: ['mcp settings json', 'error reading', 'error parsing'],
        // "…: [" opens a list of validation issues: valid JSON in the wrong shape (config-schema-invalid)
        accept: (_f, line) => !/:\s*\[\s*\{?\s*$/.test(line),
        re: /Invalid MCP settings JSON format|error (?:reading|parsing)[^\n]{0,40}?(?:config|settings)/i,
        weight: 80,
        example: 'Invalid MCP settings JSON format. Please ensure your settings follow the correct JSON format.',
      },
      {
        // Claude Code's /doctor ("[Failed to parse] … MCP config is not a valid JSON"), VS Code ("Failed to
        // parse scanned MCP servers"): the client's MCP config file does not parse
        label: 'MCP config is not valid JSON / failed to parse MCP servers',
        accept: notHtml,
        any: ['not a valid json', 'not valid json', 'failed to parse'],
        re: /\bconfig(?:uration)?\b[^\n]{0,40}?\bis\s+not\s+(?:a\s+)?valid\s+JSON\b|\bFailed to parse\b[^\n]{0,20}?\bMCP servers\b|\[Failed to parse\][^\n]{0,80}?\.(?:mcp\.)?json\b/i,
        weight: 82,
        example: '[Failed to parse] Project config (shared via .mcp.json) Location: /home/ana/app/.mcp.json └ [Error] MCP config is not a valid JSON',
      },
      {
        // Claude Desktop says this for a syntax error and for an entry it rejects alike; the next line tells.
        label: 'Claude Desktop: Could not load app settings',
        any: ['app settings'],
        re: /\bCould not load app settings\b/i,
        weight: 50,
        example: 'Could not load app settings',
      },
      {
        label: 'a JSON syntax error in a named config file',
        accept: notHtml,
        any: ['.json'],
        re: /(?<file>[\w.,-]{0,60}(?:settings|config|mcp)[\w-]{0,30}[.,]json)['"`]?:?\s+(?:SyntaxError:\s+)?(?:Unexpected\s+(?:token|string|number|end|non-whitespace)|Expected\s|Bad\s+(?:control|escaped))/i,
        extract: [/\bat\s+position\s+(?<position>\d{1,9})/, /\(line\s+(?<line>\d{1,9})\s+column\s+(?<column>\d{1,9})\)/],
        weight: 90,
        example: "Error in C:\\Users\\ana\\.gemini\\settings.json: Expected double-quoted property name in JSON at position 26 (line 3 column 3)",
      },
      {
        label: 'TOML parse error at line N, column M (a TOML config file)',
        any: ['toml parse error'],
        re: /\bTOML parse error at line (?<line>\d{1,9}), column (?<column>\d{1,9})/i,
        weight: 80,
        example: 'TOML parse error at line 7, column 2',
      },
    ],
  },
  {
    id: 'config-schema-invalid',
    group: 'local',
    title: 'The config file is valid JSON but not in the shape this client expects',
    cause:
      'Each client expects its servers under a specific key and in a specific form (for example `mcpServers` with `command` and `args`). Entries in the wrong place or with wrong types are ignored.',
    steps: [
      'Look at the path `tray-mcp doctor` reports (for example `mcpServers.tray-workspace.args`) and fix that part of the file.',
      'Or let the setup utility rewrite the entry: run `tray-mcp setup --client <your client>` and answer its prompts.',
      'Quit the AI client completely and open it again.',
    ],
    docs: DOCS.connecting,
    source: 'connecting: Troubleshooting — Configuration Issues',
    matchers: [
      {
        label: 'client rejected the structure of its MCP settings',
        any: ['settings schema', 'settings format', 'invalid_type', 'invalid configuration'],
        re: /Invalid MCP settings (?:schema|format)|"code":\s*"invalid_type"[^\n]{0,200}?mcpServers|\bmcpServers\b[^\n]{0,120}?invalid_type|invalid (?:mcp )?(?:server )?configuration/i,
        weight: 75,
        example: 'Invalid MCP settings schema.',
      },
      {
        label: 'a list of validation issues for a config file (…json: [ …)',
        any: ['.json'],
        re: /\b(?:failed to (?:read|load|parse) (?:the\s+)?(?:configuration|config|settings)(?:\s+from)?|error (?:reading|parsing)|invalid (?:configuration|config|settings) in)\s[^\n]{0,300}?[.,]json:\s*\[\s*\{?\s*$/i,
        weight: 72,
        example: 'Failed to start MCP Servers: Failed to read configuration from C:\\Users\\ana\\.copilot\\mcp-config.json: [',
      },
      {
        label: 'a validation issue on its own line ("code": "invalid_type")',
        any: ['"code"'],
        re: /^\s*"code":\s*"(?<issue>invalid_type|invalid_union|unrecognized_keys|invalid_enum_value)",?\s*$/,
        weight: 50,
        example: '"code": "invalid_union",',
      },
      {
        label: 'Does not adhere to MCP server configuration schema (Claude Code /doctor)',
        any: ['does not adhere'],
        re: /\bDoes not adhere to (?:the )?MCP server configuration schema\b/i,
        extract: [/\[Error\]\s+(?<path>mcpServers(?:\.[\w.-]{1,100})?):/],
        weight: 80,
        example: '   └ [Error] mcpServers.tray-workspace: Does not adhere to MCP server configuration schema',
      },
      {
        label: 'Unrecognized key(s) in object / Invalid config:',
        any: ['unrecognized key', 'invalid config'],
        re: /\bUnrecognized key\(?s?\)? in object\b|\bInvalid config:\s/i,
        weight: 75,
        example: "Error in: mcpServers.tray-workspace: Unrecognized key(s) in object: 'type'",
      },
      {
        label: 'TOML config of the wrong shape (invalid type / unknown variant / in `mcp_servers`)',
        any: ['invalid type:', 'unknown variant', 'missing field', 'mcp_servers', 'invalid transport'],
        re: /\binvalid type: [\w ]{1,30}, expected\b|\bunknown variant `[^`\n]{1,60}`, expected\b|\bmissing field `[^`\n]{1,60}`|^\s*in `mcp_servers(?:\.[\w.-]{1,100})?`|\binvalid transport\b/i,
        extract: [/`(?<path>mcp_servers\.[\w.-]{1,100})`/],
        weight: 75,
        example: 'Error loading configuration: invalid type: sequence, expected a map in `mcp_servers`',
      },
      {
        label: 'spawn <command with its arguments> ENOENT (arguments written into "command")',
        any: ['enoent'],
        re: /\bspawn\s+(?<command>[A-Za-z][\w.-]{0,60})\s+(?<args>(?:(?!ENOENT)[^\n]){1,200}?)\s+ENOENT\b/,
        accept: (f) => typeof f.args === 'string' && !/\bspawn\b/.test(f.args),
        weight: 85,
        example: "Connection failed: Error: spawn npx -y mcp-remote https://12345678-abcd-1234-ef56-0123456789ab.mcp.tray.ai ENOENT",
      },
      {
        label: 'mcp-remote ignored a malformed --header',
        any: ['invalid header argument'],
        re: /ignoring invalid header argument/i,
        weight: 85,
        example: '[1234] Warning: ignoring invalid header argument: Authorization Bearer',
      },
      {
        label: 'ERR_INVALID_URL',
        any: ['invalid url', 'err_invalid_url'],
        re: /\bERR_INVALID_URL\b|\bTypeError:?\s+Invalid URL\b/i,
        weight: 60,
        example: 'TypeError [ERR_INVALID_URL]: Invalid URL',
      },
    ],
  },
  {
    id: 'config-wrong-location',
    group: 'local',
    title: 'The Tray entry is in a file this client does not read',
    stepsFor: [
      {
        client: 'claude',
        platform: 'win32',
        steps: [
          'Open the file Claude Desktop really reads: Settings → Developer → Edit Config. The Microsoft Store version reads `%LOCALAPPDATA%\\Packages\\Claude_<id>\\LocalCache\\Roaming\\Claude\\claude_desktop_config.json`, not `%APPDATA%\\Claude\\claude_desktop_config.json`.',
          'Move the Tray entry into that file (or rerun `tray-mcp setup --client claude`, then copy the entry there).',
          'Quit Claude Desktop completely (system tray icon → Quit) and open it again.',
        ],
      },
      {
        client: 'claude-code',
        steps: [
          'Claude Code reads MCP servers from `~/.claude.json` (user and per-project entries) and the project\'s `.mcp.json`, not from `~/.claude/settings.json` or `~/.claude/mcp.json`.',
          'Add the server where it is read: `claude mcp add --transport http tray-workspace https://<workspace-id>.mcp.tray.ai --header "Authorization: Bearer <token>"` (add `--scope user` for every project), or rerun `tray-mcp setup --client claude-code`.',
          'Check with `claude mcp list`.',
        ],
      },
    ],
    cause:
      'The entry exists, but in a file the client ignores (for example Windsurf\'s `mcp.json` instead of `mcp_config.json`, or the Cline extension\'s settings file when you meant Cursor itself).',
    steps: [
      'Move the Tray entry into the file the client actually reads (the doctor result names it), or run `tray-mcp setup --client <client>` to write it there.',
      'Quit the AI client completely and open it again.',
    ],
    docs: DOCS.connecting,
    source: 'beyond the docs: the documented paths for Windsurf (mcp.json) and Cursor (Cline settings) differ from where those clients read MCP servers',
    matchers: [
      {
        label: "Windsurf's stale mcp.json",
        any: ['windsurf'],
        re: /\.codeium[\\/]windsurf[\\/]mcp\.json\b/i,
        weight: 60,
        example: 'I put the server in ~/.codeium/windsurf/mcp.json but Windsurf does not show it',
      },
      {
        label: "Microsoft Store Claude Desktop reads its own copy (Packages\\Claude_…\\LocalCache)",
        any: ['localcache'],
        re: /\bPackages[\\/]Claude_[\w]{1,30}[\\/]LocalCache[\\/]/i,
        weight: 80,
        example: '%LOCALAPPDATA%\\Packages\\Claude_pzs8sxrjxfjjc\\LocalCache\\Roaming\\Claude\\claude_desktop_config.json',
      },
      {
        label: 'Claude Code: No MCP servers configured (its files hold none)',
        any: ['please run /doctor'],
        re: /\bNo MCP servers configured\. Please run \/doctor\b/i,
        weight: 60,
        example: 'No MCP servers configured. Please run /doctor if this is unexpected.',
      },
      {
        label: 'MCP servers put in ~/.claude/settings.json or ~/.claude/mcp.json (Claude Code reads ~/.claude.json and .mcp.json)',
        any: ['.claude/', '.claude\\'],
        re: /[~\w]?[\\/]\.claude[\\/](?:settings(?:\.local)?|mcp|\.mcp)\.json\b[^\n]{0,120}?\b(?:mcp|servers?|nothing|not\s+(?:show|load|appear)\w*)\b|\b(?:mcp|servers?)\b[^\n]{0,80}?[\\/]\.claude[\\/](?:mcp|\.mcp)\.json\b/i,
        accept: (_f, line) => !/\b(?:enabled|disabled)McpjsonServers\b|\benableAllProjectMcpServers\b/.test(line),
        weight: 55,
        example: 'mcp-setup saves configs to ~/.claude/settings.json, but when I run /mcp nothing shows up',
      },
      {
        label: "Cline's settings file under Cursor",
        any: ['saoudrizwan'],
        re: /Cursor[\\/]User[\\/]globalStorage[\\/]saoudrizwan\.claude-dev\b/i,
        weight: 55,
        example: 'Added Tray to ~/Library/Application Support/Cursor/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json',
      },
    ],
  },
  {
    id: 'tray-server-missing',
    group: 'local',
    title: 'No Tray Agent Gateway server is configured in any client',
    cause: 'None of the client config files on this machine has an entry pointing at Tray (`https://{workspace-id}.mcp.tray.ai`).',
    steps: [
      'Run the setup utility: `tray-mcp setup` and answer the prompts (client, Workspace ID, API token).',
      'Or, for Claude Desktop with OAuth2: + in the compose area → Manage connectors → Add custom connector, and paste your server URL.',
      'Quit the AI client completely and open it again.',
    ],
    docs: DOCS.connecting,
    source: 'connecting: Troubleshooting — MCP server not appearing in client; Using the Setup Utility',
    matchers: [
      {
        label: 'MCP server not appearing / not listed',
        any: ['not appearing', 'not showing', 'not listed', 'not found', "doesn't appear", 'does not appear', "doesn't show", 'does not show', 'no mcp server'],
        re: /\b(?:mcp\s+)?server[^\n]{0,40}?\b(?:not\s+(?:appearing|showing|listed|found)|(?:doesn't|does\s+not)\s+(?:appear|show))|\bno\s+MCP\s+servers?\s+(?:configured|found)/i,
        weight: 40,
        example: 'MCP server not appearing in Claude Desktop',
      },
    ],
  },
  {
    id: 'workspace-id-invalid',
    group: 'local',
    title: 'The Workspace ID or server URL is wrong',
    cause:
      'The Workspace ID must be a UUID (like 12345678-abcd-1234-ef56-0123456789ab) and the server URL must be exactly `https://{workspace-id}.mcp.tray.ai`.',
    steps: [
      'Copy the Workspace ID from the workspace URL in Tray (the UUID part).',
      'Fix it in the client config, or rerun `tray-mcp setup`, give the same server name and paste the right Workspace ID.',
      'Quit the AI client completely and open it again.',
    ],
    docs: DOCS.connecting,
    source: 'connecting: Troubleshooting — Connection refused or timeout ("Verify Workspace ID is correct"); MCP Server URL Format',
    matchers: [
      {
        label: 'a Tray host whose workspace part is not a UUID',
        any: ['.mcp.tray.ai'],
        re: /\b(?<workspaceId>[A-Za-z0-9-]{1,63})\.mcp\.tray\.ai\b/i,
        accept: (f) => typeof f.workspaceId === 'string' && !isUuid(f.workspaceId),
        weight: 88,
        example: 'getaddrinfo ENOTFOUND my-workspace.mcp.tray.ai',
      },
      {
        label: 'invalid workspace id',
        any: ['invalid', 'unknown workspace', 'wrong workspace', 'not found', 'not a valid uuid'],
        re: /\b(?:invalid|unknown|wrong)\s+workspace(?:[\s_-]?id)?\b|\bworkspace(?:[\s_-]?id)?\b[^\n]{0,30}?\b(?:is\s+)?(?:invalid|not\s+a\s+valid\s+uuid|not\s+found)\b/i,
        weight: 80,
        example: 'Error: Invalid workspace ID',
      },
      // A 404 from the MCP endpoint: no MCP server lives at that URL. Most often the URL or its
      // Workspace ID is wrong; next most often the server is switched off (mcp-server-disabled ranks
      // second, as in doctor's handshake check).
      ...httpStatuses({
        codes: [404],
        reasons: ['Not Found'],
        weight: 50,
        why: 'no MCP server at that URL: wrong URL or Workspace ID',
        example: 'Error POSTing to endpoint (HTTP 404): Not Found',
      }),
      {
        label: 'both transports refused (wrong URL)',
        any: ['transport fallback'],
        re: /Already attempted transport fallback/i,
        weight: 45,
        example: 'Error: Already attempted transport fallback. Giving up.',
      },
    ],
  },
  {
    id: 'token-missing',
    group: 'local',
    title: 'The API token is missing, empty or a placeholder',
    cause:
      'The Tray entry has no real API token: it is empty, still says something like `your-api-token-here`, or refers to an environment variable that is not set.',
    steps: [
      'Create (or copy) an API token for an API user in Tray who has been added to the MCP server.',
      'Rerun `tray-mcp setup` with the same server name and paste the token when asked (it stays hidden and out of your shell history).',
      'Quit the AI client completely and open it again.',
    ],
    docs: DOCS.connecting,
    source: 'connecting: CLI Mode Setup (`--api-token` is required)',
    matchers: [
      {
        label: 'placeholder token',
        any: ['your-api-token', 'your_api_token', '<token>', 'api-token-here'],
        re: /your[-_]api[-_]token(?:[-_]here)?|<(?:api[-_ ]?)?token>/i,
        // a server's instructions quote the placeholder ("Provide it via the Authorization header: Bearer <token>")
        accept: (_f, line) => !/\b(?:provide|supply|required|format|expected|usage|e\.g\.|example)\b[^\n]{0,80}?<(?:api[-_ ]?)?token>/i.test(line),
        weight: 92,
        example: 'npx @trayio/tray-mcp --workspace-id 12345678-abcd-1234-ef56-0123456789ab --api-token your-api-token-here',
      },
      {
        label: 'empty or unexpanded bearer credential',
        any: ['bearer'],
        re: /\bBearer(?:\s+(?:undefined|null|\$?\{(?:env:)?[A-Za-z_][A-Za-z0-9_]{0,60}\}|\$[A-Z_][A-Z0-9_]{0,60})(?![\w}])|\s*["']?\s*$)/i,
        weight: 85,
        example: 'Authorization: Bearer ${TRAY_TOKEN}',
      },
      {
        label: 'a token or key field holding an unexpanded ${VAR}',
        // the `$` is optional (`"{VAR}"`): a quote and a brace, or "Bearer", then
        any: ['${', '{env:', '"{', "'{", 'bearer'],
        re: /["'](?:x-api-key|api[-_]?key|authorization|bearerToken|token|access[-_]?token|apiToken)["']\s*:\s*["'](?:Bearer\s+)?\$?\{(?:env:)?(?<variable>[A-Za-z_][A-Za-z0-9_]{0,60})\}["']|\bliteral(?:ly)?\b[^\n]{0,60}?\$\{(?:env:)?[A-Za-z_][A-Za-z0-9_]{0,60}\}[^\n]{0,60}?\b(?:token|key|authorization|header|bearer|credential)s?\b|\bliteral(?:ly)?\b[^\n]{0,60}?\$\{(?:env:)?[A-Za-z_][A-Za-z0-9_]{0,60}(?:TOKEN|KEY|SECRET|AUTH)[A-Za-z0-9_]{0,20}\}/i,
        weight: 88,
        example: '"headers": { "x-api-key": "${TRAY_API_TOKEN}" }',
      },
      {
        label: 'Missing Bearer token / missing Authorization header',
        any: ['missing bearer', 'missing authorization', 'missing required', 'missing api key', 'no authorization header', 'authorization header is missing', 'authorization header missing'],
        re: /\bMissing (?:required )?(?:Bearer token|Authorization header|API key)\b|\bNo Authorization header\b|\bAuthorization header (?:is )?missing\b/i,
        weight: 88,
        example: '{"jsonrpc":"2.0","id":0,"error":{"code":-32001,"message":"Missing Bearer token"}}',
      },
      {
        // Claude Code (and others) refuse an entry whose ${VAR} is not set: "Missing environment variables: X_TOKEN"
        label: 'Missing environment variable(s) for a token or key',
        any: ['missing environment variable', 'missing env var', 'environment variable not set', 'environment variable is not set'],
        re: /\bMissing (?:environment variables?|env vars?):?\s[^\n]{0,200}?(?:TOKEN|KEY|SECRET|AUTH)|\b(?:TOKEN|KEY|SECRET|AUTH)\w{0,40}\b[^\n]{0,20}?\benvironment variable (?:is )?not set\b/,
        weight: 84,
        example: 'MCP server github invalid: Missing environment variables: GITHUB_PERSONAL_ACCESS_TOKEN',
      },
      {
        label: 'missing api token argument',
        any: ['api-token', 'api token', 'apitoken'],
        re: /\b(?:missing|no|required)\b[^\n]{0,30}?\b(?:argument:?\s*)?(?:--)?api[\s_-]?token\b|\bapi[\s_-]?token\b[^\n]{0,20}?\b(?:is\s+)?(?:required|missing|empty|not\s+set)\b/i,
        weight: 80,
        example: 'Missing required argument: api-token',
      },
    ],
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
    matchers: [
      {
        label: 'EACCES/EPERM writing a client config',
        any: ['eacces', 'eperm', 'erofs', 'permission denied', 'operation not permitted'],
        re: /\b(?:EACCES|EPERM|EROFS)\b[^\n]{0,60}?\b(?<operation>mkdir|rename|copyfile|unlink|rmdir|write|symlink)\b[^\n]{0,20}?['"]?(?<path>[^'"\n]{1,300})['"]?/,
        weight: 85,
        example: "Error: EACCES: permission denied, mkdir '/Users/ana/Library/Application Support/Claude'",
      },
      {
        label: 'EACCES opening a client config (reading or writing)',
        any: ['eacces', 'eperm'],
        re: /\b(?:EACCES|EPERM)\b[^\n]{0,40}?\bopen\b[^\n]{0,10}?['"](?<path>[^'"\n]{0,300}?(?:claude_desktop_config\.json|mcp_config\.json|cline_mcp_settings\.json|\.claude\.json|mcp\.json))['"]/,
        weight: 70,
        example: "Error: EACCES: permission denied, open '/home/ana/.cursor/mcp.json'",
      },
      {
        label: 'could not write the config',
        any: ['failed to write', 'unable to write', 'could not write', 'cannot write', 'failed write'],
        re: /\b(?:failed|unable|could\s+not|cannot)\s+(?:to\s+)?write\b[^\n]{0,40}?\b(?:config|settings)\b/i,
        weight: 65,
        example: 'Failed to write config file',
      },
    ],
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
    matchers: [
      {
        label: 'EACCES opening a client config',
        any: ['eacces', 'eperm'],
        re: /\b(?:EACCES|EPERM)\b[^\n]{0,40}?\bopen\b[^\n]{0,10}?['"](?<path>[^'"\n]{0,300}?(?:claude_desktop_config\.json|mcp_config\.json|cline_mcp_settings\.json|\.claude\.json|mcp\.json))['"]/,
        weight: 80,
        example: "Error: EACCES: permission denied, open '/home/ana/.cursor/mcp.json'",
      },
      {
        label: 'config cannot be read',
        any: ['failed to read', 'unable to read', 'could not read', 'cannot read', 'failed to load', 'unable to load', 'could not load', 'cannot load', 'failed to open', 'could not open'],
        re: /\b(?:failed|unable|could\s+not|cannot)\s+(?:to\s+)?(?:read|load|open)\b[^\n]{0,40}?\b(?:config|settings)\b[^\n]{0,60}?\b(?:permission|EACCES|denied|Errno 13)/i,
        weight: 75,
        example: 'Could not read config file: permission denied',
      },
    ],
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
    matchers: [
      {
        label: 'a config file readable by everyone (ls -l)',
        any: ['-rw'],
        re: /^-rw[-x](?:r|-)(?:w|-)[-x]r[-w][-x][^\n]{1,300}?(?<file>claude_desktop_config\.json|mcp_config\.json|cline_mcp_settings\.json|\.claude\.json|mcp\.json)\b/,
        weight: 60,
        example: '-rw-r--r--  1 ana  staff  412 Mar  3 10:12 claude_desktop_config.json',
      },
      {
        label: 'token committed or leaked',
        any: ['commit', 'pushed', 'leak', 'exposed', 'hard-coded', 'hardcoded'],
        re: /\b(?:committed|pushed|leaked|exposed)\b[^\n]{0,60}?\b(?:token|config|mcp\.json|credentials?)\b|\b(?:token|config|mcp\.json|credentials?)\b[^\n]{0,60}?\b(?:committed|pushed|leaked|exposed)\b|\bhard-?coded\s+(?:bearer\s+|api\s+)?(?:token|credentials?|api\s+key)\b/i,
        weight: 50,
        example: 'I accidentally committed .cursor/mcp.json with the token to git',
      },
    ],
  },
  {
    id: 'multiple-workspaces',
    group: 'local',
    title: 'Two Tray entries clash (same name or same workspace twice)',
    cause:
      'Two entries share a server name, so one silently replaces the other, or the same workspace is configured twice and its tools show up twice.',
    steps: [
      'Give each workspace its own descriptive name: run `tray-mcp setup` once per workspace and answer the name prompt with e.g. `tray-production`, `tray-development`.',
      'Remove the duplicate entry from the client config.',
      'Quit the AI client completely and open it again.',
    ],
    docs: DOCS.connecting,
    source: 'connecting: Configuration Issues — Multiple workspaces; Advanced Configuration — Multiple MCP Servers, Custom Server Names',
    matchers: [
      {
        label: 'server name already exists',
        any: ['already exists', 'duplicate'],
        re: /\bServer\s+["'](?<serverName>[^"'\n]{1,100})["']\s+already\s+exists\b|\bduplicate\s+(?:mcp\s+)?servers?(?:\s+names?)?\b/i,
        weight: 70,
        example: '⚠️ Server "tray-workspace" already exists in config.',
      },
      {
        label: 'two servers with the same name (a description)',
        any: ['conflict', 'same name', 'shadows'],
        re: /\bnames?\s+(?:is\s+|are\s+)?conflict\w*|\bconflicting\s+(?:server\s+)?names?\b|\b(?:with\s+)?(?:the\s+)?same\s+(?:server\s+)?name\b|\bsilently\s+shadows\b/i,
        weight: 55,
        example: 'Two servers with the same name: the second silently shadows the first',
      },
    ],
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
    stepsFor: [
      {
        client: 'claude',
        platform: 'win32',
        steps: [
          'Quit Claude Desktop completely: right-click its icon in the system tray (bottom right) → Quit. Closing the window leaves it running.',
          'Open it again and check Settings → Developer lists the Tray server as running.',
          'Ask the assistant "What Tray tools can you use?" to confirm the tools appear.',
        ],
      },
      {
        client: 'vscode',
        steps: [
          'Run "Developer: Reload Window" from the Command Palette: restarting only the server may keep the command it was first started with.',
          'Then "MCP: List Servers" → the Tray server → Start, and check its output shows the tools.',
        ],
      },
      {
        client: 'claude-code',
        steps: ['Leave Claude Code (`/exit`) and start `claude` again in the same folder.', 'Run `/mcp` and check the Tray server is connected.'],
      },
      {
        client: 'cursor',
        steps: ['Turn the Tray server off and on in Cursor Settings → MCP (or quit Cursor completely and open it again).', 'Check the server shows a green dot and its tools.'],
      },
      {
        client: 'cline',
        steps: ['In Cline\'s MCP Servers panel, press Restart on the Tray server (or reload the editor window).', 'Check the server shows its tools.'],
      },
      {
        client: 'windsurf',
        steps: ['Press the refresh button in Windsurf\'s MCP panel (Cascade → hammer icon → Refresh), or quit Windsurf completely and open it again.', 'Check the Tray server shows its tools.'],
      },
    ],
    docs: DOCS.connecting,
    source: 'connecting: Verifying the Connection ("Restart your AI client completely (quit and reopen)"); the per-client ways to reload go beyond the docs',
    matchers: [
      {
        label: 'restart the client',
        any: ['restart'],
        re: /\b(?:please\s+)?restart\s+(?<client>claude|cursor|windsurf|vscode|vs\s*code|the\s+client|your\s+(?:ai\s+)?client)\b[^\n]{0,40}?\b(?:for|to)\b/i,
        weight: 50,
        example: '⚠️ Please restart claude for the changes to take effect.',
      },
      {
        label: 'the old configuration stays until the window or app is reloaded',
        any: ['until'],
        re: /\buntil\s+(?:the\s+|you\s+)?(?:VS\s*Code\s+|editor\s+|app\s+)?(?:window|app|application|client|editor)\s+(?:is\s+)?(?:reloaded|restarted|relaunched|reload|restart)\b/i,
        weight: 55,
        example: 'VS Code keeps launching the old command until the VS Code window is reloaded.',
      },
    ],
  },
  {
    id: 'client-entry-unsupported',
    group: 'local',
    title: 'This client ignores the Tray entry in its current form',
    cause:
      'The entry uses a shape this client does not support, for example a `url` entry in Claude Desktop\'s config file (it only runs local `command` servers there) or a Cline entry without `type`.',
    steps: [
      'Rerun the setup utility for your client (`tray-mcp setup --client <client>`): it writes the form that client reads.',
      'Claude Desktop\'s file takes only command entries (the `npx mcp-remote` bridge); Cline needs `"type": "streamableHttp"` on a URL entry; Claude Code and VS Code need `"type": "http"`.',
      'Quit the AI client completely and open it again.',
    ],
    stepsFor: [
      {
        client: 'claude',
        steps: [
          'Claude Desktop\'s config file runs only local commands: replace the `url` entry with the bridge form `tray-mcp setup --client claude` writes (`"command": "npx", "args": ["-y", "mcp-remote", "https://<workspace-id>.mcp.tray.ai", "--header", "Authorization:${AUTH_HEADER}"]` with the token in "env").',
          'Or, for OAuth2, remove the entry and add Tray as a custom connector: + in the compose area → Manage connectors → Add custom connector.',
          'Quit Claude Desktop completely and open it again.',
        ],
      },
      {
        client: 'cline',
        steps: [
          'Add `"type": "streamableHttp"` to the Tray entry in `cline_mcp_settings.json` (without it Cline treats a `url` entry as SSE), next to `"url": "https://<workspace-id>.mcp.tray.ai"` and its "headers"; or rerun `tray-mcp setup --client cline`.',
          'Restart the server in Cline\'s MCP Servers panel.',
        ],
      },
      {
        client: 'claude-code',
        steps: [
          'Give the Tray entry `"type": "http"` with `"url"` and `"headers"` (in `~/.claude.json` or the project\'s `.mcp.json`), or run `claude mcp add --transport http tray-workspace https://<workspace-id>.mcp.tray.ai --header "Authorization: Bearer <token>"`; or rerun `tray-mcp setup --client claude-code`.',
          'Run `/mcp` in Claude Code to reconnect.',
        ],
      },
      {
        client: 'vscode',
        steps: [
          'Put the Tray entry under `"servers"` in `mcp.json` with `"type": "http"`, `"url"` and `"headers"`; or rerun `tray-mcp setup --client vscode`.',
          'Restart the server ("MCP: List Servers" → Restart).',
        ],
      },
      {
        client: 'windsurf',
        steps: [
          'Windsurf names the URL `"serverUrl"` in `mcp_config.json`: `"serverUrl": "https://<workspace-id>.mcp.tray.ai"` with "headers"; or rerun `tray-mcp setup --client windsurf`.',
          'Refresh the server in Windsurf\'s MCP panel.',
        ],
      },
      {
        client: 'cursor',
        steps: [
          'Give the Tray entry in `~/.cursor/mcp.json` a `"url"` and `"headers"` (no `"command"`); or rerun `tray-mcp setup --client cursor`.',
          'Toggle the server off and on in Cursor\'s MCP settings.',
        ],
      },
    ],
    docs: DOCS.connecting,
    source: 'beyond the docs: client-specific config formats (Claude Desktop\'s file: command entries only; Cline: `type` required for Streamable HTTP; Claude Code and VS Code: `type: "http"`)',
    matchers: [
      {
        label: 'Claude Desktop: … are not valid MCP server configurations and were skipped (or: is not a valid …)',
        any: ['valid mcp server configuration'],
        re: /\b(?:are|is) not (?:an? )?valid MCP server configurations?\b|\bskipped as ["'“]?not a valid MCP server configuration\b/i,
        extract: [/\band were skipped:\s*(?<serverName>[^\n]{1,100})/i],
        lookahead: 2,
        weight: 90,
        example: 'The following entries in claude_desktop_config.json are not valid MCP server configurations and were skipped: tray-workspace',
      },
      {
        label: "Claude Desktop: a list of validation issues for its config file (an entry it cannot run)",
        any: ['claude_desktop_config'],
        re: /\bclaude_desktop_config[.,]json:\s*\[\s*\{?\s*$/i,
        weight: 74,
        example: 'There was an error reading or parsing claude_desktop_config.json: [',
      },
      {
        label: 'a url entry in Claude Desktop\'s config file',
        any: ['claude_desktop_config'],
        re: /\bclaude_desktop_config\.json\b[^\n]{0,120}?["'`](?:url|serverUrl|headers|transport)["'`]|["'`](?:url|serverUrl)["'`][^\n]{0,60}?\bclaude_desktop_config\.json\b/i,
        weight: 72,
        example: 'I added my server to claude_desktop_config.json with a `url` field and it never shows up',
      },
      {
        label: 'Cline: a url entry without "type" is taken for SSE',
        // both branches need "SSE" ("type", in every JSON-RPC content item of a log, would wake it on most lines)
        any: ['sse'],
        re: /\b(?:no|without(?:\s+an?)?)\s+(?:explicit\s+)?[`"']?type[`"']?\b[^\n]{0,120}?\bSSE\b|\bdefaults?\s+to\s+\W{0,2}SSE\b/i,
        weight: 70,
        example: 'A remote server with only a `url` field (no explicit `type`) defaults to SSE transport',
      },
      {
        label: 'Claude Desktop entry without a command',
        any: ['required', 'received undefined'],
        re: /\bmcpServers\b[^\n]{0,160}?\bcommand\b[^\n]{0,80}?\b(?:Required|received\s+undefined)\b|\bcommand\b[^\n]{0,20}?\bis\s+required\b/i,
        weight: 65,
        example: 'Error: mcpServers.tray-workspace.command: Required (received undefined)',
      },
      {
        // a client that only starts commands was given the server URL as one (`spawn https://… ENOENT`)
        label: 'a server URL started as a command (spawn https://… ENOENT)',
        any: ['spawn http'],
        re: /\bspawn\s+(?<url>https?:\/\/[^\s'"]{1,300})\s+ENOENT\b/i,
        weight: 92,
        example: "Error during discovery for MCP server 'tray-workspace': spawn https://12345678-abcd-1234-ef56-0123456789ab.mcp.tray.ai ENOENT",
      },
      {
        label: 'entry type not supported',
        any: ['not supported', 'unsupported', 'unknown transport'],
        re: /\b(?:transport|server)\s+type\b[^\n]{0,40}?\b(?:not\s+supported|unsupported)\b|\bunknown\s+transport\b/i,
        weight: 60,
        example: 'Server type "streamableHttp" is not supported',
      },
    ],
  },
  {
    id: 'server-exited-early',
    group: 'local',
    title: 'The bridge (or server) process stopped before it answered',
    cause:
      'The client started the command of the Tray entry, but the process exited or closed its connection before answering `initialize`. The client only reports the closed connection ("Connection closed", "Server disconnected", "Client closed", "Server exited before responding to `initialize`"); the reason is in what the process itself printed.',
    steps: [
      'Run the entry\'s command yourself in a terminal, with the same arguments (for the Tray bridge: `npx -y mcp-remote https://<workspace-id>.mcp.tray.ai --header "Authorization:Bearer <token>"`), and read the error it prints.',
      'Check Node first: `node --version` must show 20.18.1 or newer (`tray-mcp explain node-too-old`).',
      'Paste what the command printed into `tray-mcp explain` for the specific cause, or run `tray-mcp doctor`.',
      'Fix that cause, then quit the AI client completely and open it again.',
    ],
    stepsFor: [
      {
        client: 'claude',
        steps: [
          'Open the server\'s own log: Claude Desktop → Settings → Developer → the Tray server → Open Logs Folder, file `mcp-server-<name>.log` (macOS: `~/Library/Logs/Claude/`; Windows: `%APPDATA%\\Claude\\logs\\`). The lines just before "Server disconnected" carry the cause.',
          'Or run the entry\'s command yourself in a terminal, with the same arguments, and read the error it prints.',
          'Check Node first: `node --version` must show 20.18.1 or newer (`tray-mcp explain node-too-old`).',
          'Paste what you found into `tray-mcp explain`, fix that cause, then quit Claude Desktop completely and open it again.',
        ],
      },
      {
        client: 'vscode',
        steps: [
          'Open the server\'s output: Command Palette → "MCP: List Servers" → the Tray server → Show Output. The lines before "Server exited before responding to `initialize`" carry the cause.',
          'VS Code connects to Tray directly over HTTP: an entry with `"type": "http"` and the URL needs no process at all. Rerun `tray-mcp setup --client vscode` to write that form.',
          'If you keep a command entry, run its command yourself in a terminal and read the error it prints (check `node --version` is 20.18.1 or newer).',
        ],
      },
      {
        client: 'cursor',
        steps: [
          'Open Cursor\'s MCP log: View → Output → "MCP Logs". The lines before "Client closed" carry the cause.',
          'Cursor connects to Tray directly over HTTP: an entry with the URL and headers needs no process at all. Rerun `tray-mcp setup --client cursor` to write that form.',
          'If you keep a command entry, run its command yourself in a terminal and read the error it prints (check `node --version` is 20.18.1 or newer).',
        ],
      },
    ],
    docs: DOCS.connecting,
    source:
      'beyond the docs: how clients report a stdio process that exits early (Claude Desktop "Server disconnected", VS Code "Server exited before responding to `initialize` request", Cursor "Client closed", the MCP SDK\'s -32000 "Connection closed"); connecting: Node.js requirement',
    matchers: [
      {
        label: 'MCP error -32000: Connection closed (the process ended)',
        any: ['connection closed'],
        re: /\bMCP error -32000: Connection closed\b|\bConnection closed\b/i,
        weight: 36,
        example: "Error during discovery for MCP server 'tray-workspace': MCP error -32000: Connection closed",
      },
      {
        label: 'VS Code: Server exited before responding to initialize / Process exited with code N',
        any: ['exited before responding', 'process exited with code'],
        re: /\bServer exited before responding to [`'"]?initialize\b|\bProcess exited with code (?<exitCode>-?\d{1,5})\b/i,
        extract: [/\bProcess exited with code (?<exitCode>-?\d{1,5})\b/i],
        weight: 38,
        example: '2025-05-25 20:50:28.283 [error] Server exited before responding to `initialize` request.',
      },
      {
        label: 'Claude Desktop: Server disconnected / transport closed unexpectedly',
        any: ['server disconnected', 'transport closed unexpectedly', 'could not attach to mcp server'],
        re: /\bServer disconnected\b|\bServer transport closed unexpectedly\b|\bCould not attach to MCP server\b/i,
        weight: 37,
        example: '2025-06-03T07:23:52.670Z [error] [tray-workspace] Server disconnected. For troubleshooting guidance, please visit our [debugging documentation](https://modelcontextprotocol.io/docs/tools/debugging)',
      },
      {
        label: 'Cursor: Client closed (for command)',
        any: ['client closed'],
        re: /\bClient closed for command\b|\bError in MCP: Client closed\b|\bClient closed\b/i,
        weight: 37,
        example: '2025-04-08 11:16:16.790 [error] tray: Error in MCP: Client closed',
      },
      {
        label: 'VS Code: still waiting for the answer to initialize',
        any: ['waiting for server to respond'],
        re: /\bWaiting for server to respond to [`'"]?initialize\b/i,
        weight: 30,
        example: '2025-08-20 19:17:57.365 [info] Waiting for server to respond to `initialize` request...',
      },
    ],
  },
  {
    id: 'stdio-output-not-json',
    group: 'local',
    title: 'A server or bridge wrote ordinary text where the client expects MCP messages',
    cause:
      'A local (stdio) MCP server must write only JSON-RPC messages on its standard output. This one printed something else there (a banner, a log line, a build script\'s echo), so the client failed to parse it: "Unexpected token …, "…" is not valid JSON" in its connection log. This is not a problem with your config file; the quoted text is what the process printed.',
    steps: [
      'Look at the quoted text in the error (for example `"Starting s"...`): it is the start of a line the server printed on standard output.',
      'If the entry runs the Tray bridge, update it to the current version (`npx -y mcp-remote@latest …` in the entry\'s args) and remove wrappers that print, such as `npm run …` scripts or shell profiles that echo.',
      'If the entry runs another program, have it log to standard error instead (or turn its console logging off), or ask its maintainers.',
      'Quit the AI client completely and open it again.',
    ],
    docs: DOCS.connecting,
    source:
      'beyond the docs: the MCP stdio transport (messages on stdout only, logs on stderr); Claude Desktop and other clients report a non-JSON line on stdout as a JSON parse error in the connection log',
    matchers: [
      {
        label: 'Unexpected token \'X\', "…" is not valid JSON (a line on stdout)',
        accept: notHtml,
        any: ['is not valid json'],
        re: /\bUnexpected token\s+'(?<token>[^\n]{0,3})',\s*"(?<output>[^\n]{0,60}?)"(?:\.\.\.)?\s+is\s+not\s+valid\s+JSON\b/i,
        weight: 82,
        example: 'Unexpected token \'C\', "Created in"... is not valid JSON',
      },
      {
        label: 'Unexpected non-whitespace character after JSON on line 1 (a log line starting with a number)',
        accept: notHtml,
        any: ['after json'],
        re: /\bnon-whitespace\s+character\s+after\s+JSON\s+at\s+position\s+(?<position>\d{1,6})\s+\(line\s+1\s+column\s+(?<column>\d{1,6})\)/i,
        weight: 82,
        example: 'Unexpected non-whitespace character after JSON at position 4 (line 1 column 5)',
      },
      {
        label: 'Claude Desktop: MCP <server>: Unexpected … (a server\'s connection, not the config)',
        accept: notHtml,
        any: ['unexpected', 'syntaxerror'],
        re: /^\s*MCP\s+(?<serverName>[^:\n]{1,60}):\s+(?:SyntaxError:\s+)?Unexpected\b/,
        weight: 84,
        example: 'MCP tray-workspace: Unexpected non-whitespace character after JSON at position 4',
      },
    ],
  },
  {
    id: 'windows-npx-needs-cmd',
    group: 'local',
    title: 'On Windows, this client cannot start `npx` directly',
    cause:
      'On Windows `npx` is a script (`npx.cmd`), not a program. A client that starts commands without a shell cannot run it: it reports `spawn npx ENOENT`, or `spawn EINVAL` once it names `npx.cmd` (Node refuses to start .cmd files without a shell since 18.20.2 and 20.12.2). Running it through `cmd /c` works.',
    steps: [
      'In the Tray entry, make the command `cmd` and put `/c` and `npx` before the existing arguments: `"command": "cmd", "args": ["/c", "npx", "-y", "mcp-remote", …]`.',
      'Keep every argument free of spaces: write the header as `"Authorization:${AUTH_HEADER}"` and set `AUTH_HEADER` to `Bearer <token>` in the entry\'s "env" (cmd splits arguments at spaces).',
      'Quit the AI client completely (also from the system tray) and open it again.',
    ],
    stepsFor: [
      {
        client: 'claude',
        steps: [
          'Rerun `tray-mcp setup --client claude`, or edit the Tray entry in `%APPDATA%\\Claude\\claude_desktop_config.json`: `"command": "cmd", "args": ["/c", "npx", "-y", "mcp-remote", "https://<workspace-id>.mcp.tray.ai", "--header", "Authorization:${AUTH_HEADER}"]`, with "env" setting `AUTH_HEADER` to `Bearer <token>`.',
          'Quit Claude Desktop completely (system tray icon → Quit) and open it again.',
        ],
      },
      {
        client: 'claude-code',
        steps: [
          'Claude Code reaches Tray directly over HTTP, no npx needed: rerun `tray-mcp setup --client claude-code` (it writes `"type": "http"` with the URL and the Authorization header), or `claude mcp add --transport http tray-workspace https://<workspace-id>.mcp.tray.ai --header "Authorization: Bearer <token>"`.',
          'To keep a command entry instead, wrap it: `claude mcp add tray-workspace -- cmd /c npx -y mcp-remote https://<workspace-id>.mcp.tray.ai --header "Authorization:${AUTH_HEADER}"`.',
          'Run `/mcp` in Claude Code to reconnect.',
        ],
      },
      ...(['cursor', 'windsurf', 'vscode', 'cline'] as const).map((client) => ({
        client,
        steps: [
          `This client reaches Tray directly over HTTP, no npx needed: rerun \`tray-mcp setup --client ${client}\` to replace the command entry with a URL entry (URL plus Authorization header).`,
          'To keep a command entry instead, make the command `cmd` and put `/c` and `npx` before the existing arguments: `"command": "cmd", "args": ["/c", "npx", "-y", "mcp-remote", …]`.',
          'Restart the server from the client\'s MCP settings (or restart the client).',
        ],
      })),
    ],
    docs: DOCS.connecting,
    source:
      'beyond the docs: Windows runs npx as npx.cmd; Node refuses .cmd/.bat without a shell since 18.20.2/20.12.2 (CVE-2024-27980, https://nodejs.org/en/blog/vulnerability/april-2024-security-releases-2); Claude Code\'s own warning "Windows requires \'cmd /c\' wrapper to execute npx"; cline/cline#902',
    matchers: [
      {
        label: "Claude Code: Windows requires 'cmd /c' wrapper to execute npx",
        any: ["requires 'cmd /c'", 'requires "cmd /c"', 'cmd /c wrapper', 'windows requires'],
        re: /\bWindows requires ['"]?cmd \/c['"]? wrapper\b/i,
        extract: [/\bmcpServers\.(?<serverName>[\w.-]{1,100}):/],
        weight: 97,
        example: "[Warning] [tray-workspace] mcpServers.tray-workspace: Windows requires 'cmd /c' wrapper to execute npx",
      },
      {
        label: 'spawn EINVAL (a .cmd started without a shell)',
        any: ['einval'],
        re: /\bspawn(?:\s+(?<command>[^\s'"]{1,200}))?\s+EINVAL\b/i,
        weight: 92,
        example: 'Error: spawn EINVAL',
      },
      {
        label: 'spawn npx ENOENT on Windows',
        when: { platform: ['win32'] },
        any: ['enoent'],
        re: /\bspawn\s+(?<command>npx|npm|npx\.cmd|npm\.cmd)\s+ENOENT\b/i,
        weight: 96,
        example: '2025-06-03T07:23:52.664Z [error] [tray-workspace] spawn npx ENOENT',
      },
      {
        label: 'npx not found / failed to spawn npx, on Windows',
        when: { platform: ['win32'] },
        any: ['not found', 'failed to spawn'],
        re: /\bcommand not found:\s*(?<command>npx|npm)\b|\bfailed to spawn command\s+["'](?<command2>npx|npm)["']/i,
        weight: 93,
        example: 'command not found: npx. Install it or add it to PATH.',
      },
      {
        label: 'spawning npx on Windows (a description)',
        any: ['windows'],
        re: /\bWindows\b[^\n]{0,40}?\bspawn(?:ing)?\s+npx\b|\bspawn(?:ing)?\s+npx\b[^\n]{0,40}?\bWindows\b/i,
        weight: 70,
        example: 'On Windows, spawning npx fails for every server while uvx works',
      },
    ],
  },
  {
    id: 'windows-args-split',
    group: 'local',
    title: 'On Windows, an argument with spaces was split in two',
    cause:
      'When a client runs the entry through `cmd` (or npx\'s own `.cmd`), Windows splits arguments at spaces. A path such as `C:\\Program Files\\nodejs\\node.exe` becomes `C:\\Program`, and a header such as `Authorization: Bearer <token>` loses its token.',
    steps: [
      'Keep spaces out of the entry\'s command and args: for the Tray header write `"Authorization:${AUTH_HEADER}"` (no space after the colon) and set `AUTH_HEADER` to `Bearer <token>` in the entry\'s "env", where spaces are safe.',
      'For a program under `C:\\Program Files`, use plain `npx` or `node` as the command (found on PATH) instead of its full path, or the short form `C:\\PROGRA~1\\nodejs\\node.exe`.',
      'Quit the AI client completely (also from the system tray) and open it again.',
    ],
    docs: DOCS.connecting,
    source:
      "beyond the docs: mcp-remote's README (Cursor, Codex and Claude Desktop on Windows do not escape spaces inside args; put the header value in env); aaronsb/obsidian-mcp-plugin#30",
    matchers: [
      {
        label: "'C:\\Program' is not recognized as an internal or external command",
        any: ['not recognized'],
        re: /['"‘’](?<fragment>[A-Za-z]:\\[^'"‘’\n\s]{0,120})['"‘’]\s+is\s+not\s+recognized\s+as\s+an\s+internal\s+or\s+external\s+command/i,
        weight: 95,
        example: "'C:\\Program' is not recognized as an internal or external command,",
      },
    ],
  },
  {
    id: 'npx-cache-corrupt',
    group: 'local',
    title: "npx's package cache is damaged or half-updated",
    cause:
      'npx keeps the packages it runs (such as the Tray bridge, mcp-remote) in a cache folder `_npx`. An interrupted or concurrent download leaves it half-written: Node then cannot find a file inside it (`ERR_MODULE_NOT_FOUND` under `_npx`), or npm cannot rename a folder in it (`ENOTEMPTY`).',
    steps: [
      'Quit the AI client (so nothing runs npx meanwhile).',
      'Delete npx\'s cache folder: `rm -rf ~/.npm/_npx` (the exact folder is named in the error: the part up to and including `_npx`).',
      'Pin the bridge version in the Tray entry\'s args (for example `mcp-remote@0.1.38` instead of `mcp-remote`), so each start does not fetch a new one.',
      'Open the AI client again; the first start downloads the bridge afresh.',
    ],
    stepsFor: [
      {
        platform: 'win32',
        steps: [
          'Quit the AI client (so nothing runs npx meanwhile).',
          'Delete npx\'s cache folder: `rmdir /s /q "%LOCALAPPDATA%\\npm-cache\\_npx"` in Command Prompt (the exact folder is named in the error: the part up to and including `_npx`).',
          'Pin the bridge version in the Tray entry\'s args (for example `mcp-remote@0.1.38` instead of `mcp-remote`), so each start does not fetch a new one.',
          'Open the AI client again; the first start downloads the bridge afresh.',
        ],
      },
    ],
    docs: DOCS.connecting,
    source:
      "beyond the docs: npm's npx cache (`<npm cache>/_npx`); mcp-remote maintainers' advice for ERR_MODULE_NOT_FOUND under _npx (geelen/mcp-remote#103, #205)",
    matchers: [
      {
        label: 'ERR_MODULE_NOT_FOUND / Cannot find module inside the _npx cache',
        any: ['_npx'],
        re: /\b(?:ERR_MODULE_NOT_FOUND|MODULE_NOT_FOUND|Cannot find (?:module|package))\b[^\n]{0,300}?[\\/]_npx[\\/]/i,
        extract: [/[\\/]_npx[\\/][0-9a-f]{6,40}[\\/]node_modules[\\/](?<package>@[\w.-]{1,60}[\\/][\w.-]{1,80}|[\w.-]{1,80})[\\/]/i],
        weight: 90,
        example: "Error [ERR_MODULE_NOT_FOUND]: Cannot find module '/Users/ana/.npm/_npx/705d23756ff7dacc/node_modules/mcp-remote/dist/chunk-CYX6C3U3.js' imported from /Users/ana/.npm/_npx/705d23756ff7dacc/node_modules/mcp-remote/dist/proxy.js",
      },
      {
        // CommonJS prints "Require stack:" and one "- <file>" line per requirer only for a module it could
        // not find: a requirer inside the _npx cache lacks a file or a dependency that its install should
        // have put there (an interrupted or partial npx install; a package that forgot a dependency would
        // fail for everyone, and is rare). Ranked below anything the error line itself says.
        label: 'Require stack entry inside the _npx cache (Cannot find module, CommonJS)',
        any: ['_npx'],
        re: /^\s*-\s+[^\n]{0,300}?[\\/]_npx[\\/][0-9a-f]{6,40}[\\/]node_modules[\\/][^\n]{1,300}\.c?js\s*$/i,
        extract: [/[\\/]_npx[\\/][0-9a-f]{6,40}[\\/]node_modules[\\/](?<package>@[\w.-]{1,60}[\\/][\w.-]{1,80}|[\w.-]{1,80})[\\/]/i],
        weight: 72,
        example: '- /Users/ana/.npm/_npx/bd2b47c992a140db/node_modules/ws/lib/permessage-deflate.js',
      },
      {
        label: 'ERR_MODULE_NOT_FOUND (a file missing from an installed package)',
        any: ['err_module_not_found'],
        re: /\bERR_MODULE_NOT_FOUND\b/,
        weight: 60,
        example: 'Error [ERR_MODULE_NOT_FOUND]: Cannot find module',
      },
      {
        label: 'ENOTEMPTY: directory not empty (npm renaming inside its cache)',
        any: ['enotempty'],
        re: /\bENOTEMPTY\b/,
        extract: [/\bnpm error path\s+(?<path>[^\n]{1,300})/],
        weight: 82,
        example: "npm error ENOTEMPTY: directory not empty, rename '/Users/ana/.npm/_npx/1a2b/node_modules/mcp-remote'",
      },
    ],
  },
  {
    id: 'project-server-not-approved',
    group: 'local',
    title: "Claude Code has not approved the project's .mcp.json server",
    cause:
      "Servers in a project's `.mcp.json` load in Claude Code only after you approve them. Until then they stay \"Pending approval\"; a server once declined is listed in `disabledMcpjsonServers` and stays off. Approvals live in `.claude/settings.local.json` (or `.claude/settings.json`, or your user settings): `enabledMcpjsonServers`, `disabledMcpjsonServers`, `enableAllProjectMcpServers`.",
    steps: [
      'Run `claude` in the project folder, accept the workspace trust prompt, and approve the Tray server when asked (or open `/mcp` and enable it).',
      'If it was declined before, remove its name from `disabledMcpjsonServers` in `.claude/settings.local.json` (and `.claude/settings.json`, `~/.claude/settings.json`), then start `claude` again.',
      'To approve it without asking, add its name to `enabledMcpjsonServers` in `.claude/settings.local.json`. A repository\'s own `.claude/settings.json` cannot approve servers in a folder you have not trusted.',
      'Check with `claude mcp list`: the server shows as connected, not "Pending approval" or "Rejected".',
    ],
    docs: DOCS.connecting,
    source:
      "beyond the docs: Claude Code project-scope MCP servers (code.claude.com/docs/en/mcp: project server approvals; enabledMcpjsonServers / disabledMcpjsonServers / enableAllProjectMcpServers settings); anthropics/claude-code#3106",
    matchers: [
      {
        label: 'claude mcp list: Pending approval / Rejected (see disabledMcpjsonServers)',
        any: ['pending approval', 'disabledmcpjsonservers', 'rejected'],
        re: /\bPending approval\b|\bRejected \(see disabledMcpjsonServers\b/i,
        extract: [/^\s*(?<serverName>[\w.@-]{1,100}):\s/],
        weight: 90,
        example: 'tray-workspace: https://12345678-abcd-1234-ef56-0123456789ab.mcp.tray.ai (HTTP) - ⏸ Pending approval (run `claude` to approve)',
      },
      {
        label: 'a server listed in disabledMcpjsonServers',
        any: ['disabledmcpjsonservers'],
        re: /\bdisabledMcpjsonServers\b/,
        weight: 80,
        example: '{ "disabledMcpjsonServers": ["tray-workspace"] }',
      },
      {
        label: 'project .mcp.json server not loaded / not approved',
        any: ['.mcp.json', 'enabledmcpjsonservers', 'enableallprojectmcpservers', 'project-scoped'],
        re: /\.mcp\.json\b[^\n]{0,80}?\b(?:not\s+(?:loaded|loading|approved|showing|shown|appear\w*)|never\s+(?:loads?|appears?|attaches)|ignored|approv\w+)\b|\b(?:enabledMcpjsonServers|enableAllProjectMcpServers)\b|\bproject-scoped\s+(?:MCP\s+)?servers?\b[^\n]{0,60}?\b(?:approv\w+|not\s+load\w*)/i,
        weight: 70,
        example: 'The Tray server in my project .mcp.json is not loaded by Claude Code',
      },
    ],
  },

  // ── Network and authentication ─────────────────────────────────────────────────────────────────
  {
    id: 'server-unreachable',
    group: 'network',
    title: 'The Tray MCP server cannot be reached',
    cause:
      'The connection failed before Tray answered: the name did not resolve (ENOTFOUND), the connection was refused or reset, or it timed out; or a gateway on the way answered 502, 503 or 504 because it could not reach the service. A wrong Workspace ID, no network, a firewall, a proxy or a Tray outage are the usual reasons.',
    steps: [
      'Check the Workspace ID in the server URL `https://{workspace-id}.mcp.tray.ai` is correct.',
      'Open that URL in a browser on the same machine; if it does not load, check your network, VPN and firewall.',
      'If you are behind a corporate proxy, set HTTPS_PROXY in the Tray entry\'s "env" and, for the bridge (mcp-remote), add `--enable-proxy` to its args: it ignores proxy variables without it (`tray-mcp explain proxy-misconfigured`).',
      'Check the API token is valid and not expired, then try again.',
      'If the answer was 502, 503 or 504 and the checks above are fine, wait a few minutes and try again; if it keeps failing, contact support (`tray-mcp explain contact-support`).',
    ],
    docs: DOCS.troubleshooting,
    source: 'both: Troubleshooting — Connection refused or timeout',
    matchers: [
      {
        label: 'DNS, refused, reset or timed-out connection',
        // (also Rust's io::ErrorKind names, as rmcp clients such as Goose print them: ConnectionRefused)
        any: ['econnrefused', 'enotfound', 'etimedout', 'econnreset', 'eai_again', 'ehostunreach', 'enetunreach', 'und_err_connect_timeout', 'und_err_socket', 'connectionrefused', 'connectionreset', 'hostunreachable', 'networkunreachable'],
        re: /\b(?<errorCode>ECONNREFUSED|ENOTFOUND|ETIMEDOUT|ECONNRESET|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|UND_ERR_CONNECT_TIMEOUT|UND_ERR_SOCKET|ConnectionRefused|ConnectionReset|HostUnreachable|NetworkUnreachable)\b/,
        extract: [/\b(?:ENOTFOUND|EAI_AGAIN)\s+(?<host>[A-Za-z0-9.-]{1,253})/, /\b(?:ECONNREFUSED|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH)\s+(?<address>[0-9A-Fa-f.:[\]]{3,60})/],
        weight: 75,
        example: 'Error: connect ECONNREFUSED 127.0.0.1:443',
      },
      {
        label: 'fetch failed / socket hang up / connect timeout',
        any: ['fetch failed', 'socket hang up', 'connect timeout', 'network error', 'network is unreachable'],
        re: /\bfetch failed\b|\bsocket hang up\b|\bConnect Timeout Error\b|\bnetwork (?:error|is unreachable)\b/i,
        weight: 65,
        example: 'TypeError: fetch failed',
      },
      {
        // Second to request-timeout: the connection worked; only a slow network makes this one first.
        label: 'JSON-RPC -32001 request timed out (second to request-timeout)',
        any: ['-32001', 'request timed out'],
        wholeNumbers: true,
        re: /(?<![\w-])(?<jsonRpcCode>-32001)(?!\d)|\bRequest timed out\b/i,
        extract: [/\btimeout["']?\s*[:=]\s*(?<timeoutMs>\d{1,9})/],
        weight: 50,
        example: 'McpError: MCP error -32001: Request timed out',
      },
      {
        label: "Claude custom connector: Couldn't reach / connect to the server",
        any: ["couldn't reach", 'couldn’t reach', 'couldnt reach', 'could not reach', "couldn't connect", 'couldn’t connect', 'couldnt connect', 'could not connect to the server'],
        re: /\bCould(?:n['’]?t| not) (?:reach the MCP server|connect to the server)\b/i,
        weight: 70,
        example: "Connection issue — Couldn't connect to the server. Check that the URL points to a valid MCP server.",
      },
      {
        label: 'connection refused or timeout (symptom)',
        any: ['connection refused', 'connection timed out', 'connection timeout'],
        re: /\bconnection\s+(?:refused|timed\s+out|timeout)\b/i,
        weight: 55,
        example: 'Connection refused or timeout when connecting to Tray',
      },
      // 502/503/504: a gateway or proxy in front of the service answered because it could not reach
      // it (an outage, or your proxy failing). Check the path first; contact-support ranks second
      // for when it does not go away.
      ...httpStatuses({
        codes: [502, 503, 504],
        reasons: ['Bad Gateway', 'Service Unavailable', 'Gateway Timeout'],
        weight: 50,
        why: 'a gateway or proxy on the way could not reach the service',
        example: 'Streamable HTTP error: Error POSTing to endpoint (HTTP 503): Service Unavailable',
      }),
      // 500: Tray answered but failed, so contact-support ranks first; this is the second reading
      // (a proxy on the way that fails also answers 500).
      ...httpStatuses({
        codes: [500],
        reasons: ['Internal Server Error'],
        weight: 45,
        why: 'second to contact-support: a proxy on the way may be failing',
        example: 'SSE error: Non-200 status code (500)',
      }),
      {
        label: 'the bridge lost its connection',
        any: ['-32000', 'connection closed'],
        wholeNumbers: true,
        re: /(?<![\w-])(?<jsonRpcCode>-32000)(?!\d)|\bConnection closed\b/i,
        weight: 20,
        example: 'McpError: MCP error -32000: Connection closed',
      },
    ],
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
    matchers: [
      {
        label: 'TLS certificate not trusted',
        any: ['cert', 'unable_to_', 'self_signed', 'self-signed', 'self signed', 'leaf_signature', 'err_tls'],
        re: /\b(?<tlsCode>UNABLE_TO_GET_ISSUER_CERT_LOCALLY|UNABLE_TO_GET_ISSUER_CERT|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE|CERT_UNTRUSTED|CERT_HAS_EXPIRED|ERR_TLS_CERT_ALTNAME_INVALID|CERT_SIGNATURE_FAILURE)\b|unable to (?:verify the first certificate|get local issuer certificate)|self[- ]signed certificate(?: in certificate chain)?|certificate has expired|does not match certificate's altnames/i,
        weight: 90,
        example: 'Error: unable to get local issuer certificate (UNABLE_TO_GET_ISSUER_CERT_LOCALLY)',
      },
    ],
  },
  {
    id: 'proxy-misconfigured',
    group: 'network',
    title: 'The proxy settings are wrong or missing',
    cause:
      'A proxy is configured (HTTPS_PROXY/HTTP_PROXY) but refuses or fails the connection, or your network requires a proxy and none is set.',
    steps: [
      'Check the proxy address with your IT team and test it: `curl -x "$HTTPS_PROXY" https://<workspace-id>.mcp.tray.ai`. The address needs its scheme (`http://proxy.example:8080`): without one, or with `socks5://`, Node\'s fetch fails with "Invalid URL protocol".',
      'Set the correct HTTPS_PROXY (and NO_PROXY=localhost,127.0.0.1) in the Tray entry\'s "env", or unset it if no proxy is needed.',
      'The Tray bridge (mcp-remote) ignores proxy variables unless `--enable-proxy` is among its arguments: add it after the URL in the entry\'s args (`tray-mcp doctor` shows the entry).',
      'Quit the AI client completely and open it again.',
    ],
    source:
      "beyond the docs: HTTP(S)_PROXY environment variables; mcp-remote's README (\"--enable-proxy\": proxy variables are used only with that flag); undici's ProxyAgent rejects a proxy URL without http(s) scheme (\"Invalid URL protocol\")",
    matchers: [
      {
        label: 'HTTP 407 / proxy tunnel refused',
        any: ['407', 'proxy', 'proxies', 'tunneling socket'],
        wholeNumbers: true,
        // `mcp-proxy`, "MCP Proxy", `proxy-server`: products named proxy (bridges, gateways) are not a network proxy
        re: /(?:\bHTTP(?:\/\d(?:\.\d)?)?[\s:]{0,3}|\bstatus(?:[\s_]?code)?["']?[\s:=(]{0,4}|\bresponse\s?\()(?<httpStatus>407)(?!\d)|\b407\s+Proxy Authentication Required\b|tunneling socket could not be established|Proxy (?:connection ended|response \(\d{3}\))|(?<!\bmcp[-_ ]?)\bproxy\b(?![-_](?:server|client)\b)[^\n]{0,40}?\b(?:refused|failed|error|not\s+reachable)\b|\b(?:fail\w*|unable|could\s?n[o'’]?t)\b[^\n]{0,40}?\bconnect(?:ion)?\s+to\s+(?:the\s+)?prox(?:y|ies)\b/i,
        weight: 88,
        example: 'Error: Proxy response (407) !== 200 when HTTP Tunneling',
      },
      {
        label: 'proxy settings ignored (the client connects directly)',
        any: ['proxy', 'proxies'],
        // a proxy's settings ignored or not honoured: not a log saying it bypasses the proxy on purpose
        // ("proxy is not used for localhost", "HTTPS_PROXY not set; proxies are not used")
        re: /\bignor(?:es|ed|ing)\b[^\n]{0,30}?\bprox(?:y|ies)\s+(?:config\w*|settings?|env\w*|variables?)\b|(?<!\bmcp[-_ ]?)\bprox(?:y|ies)\s+(?:config\w*|settings?|env\w*|variables?)\b[^\n]{0,40}?\b(?:(?:are|is|were|was)\s+)?(?:ignored|not\s+(?:being\s+)?(?:used|respected|honou?red|applied))\b(?!\s+for\b)/i,
        weight: 80,
        example: 'Connection fails with `ECONNRESET` errors, completely ignoring proxy configuration.',
      },
      {
        label: "Invalid URL protocol (a proxy address without http:// or https://)",
        any: ['invalid url protocol'],
        re: /\bInvalid URL protocol: the URL must start with [`'"]?http:[`'"]? or [`'"]?https:/i,
        weight: 82,
        example: 'Error sending message to https://12345678-abcd-1234-ef56-0123456789ab.mcp.tray.ai: InvalidArgumentError: Invalid URL protocol: the URL must start with `http:` or `https:`.',
      },
      {
        label: 'an HTML page where JSON was expected (proxy or captive portal)',
        any: ['<!doctype', '<html', 'text/html', "token '<'", 'unexpected token', 'unrecognized token'],
        re: /Unexpected token\s+['"]?<['"]?,|Unrecognized token\s+['"]<['"]|Unexpected content type:\s*text\/html|["'`]<(?:!DOCTYPE|html)\b[^\n]{0,40}?not valid JSON/i,
        weight: 80,
        example: 'SyntaxError: Unexpected token \'<\', "<!DOCTYPE "... is not valid JSON',
      },
    ],
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
    matchers: [
      {
        label: 'mcp-remote refuses a plain-http URL',
        any: ['non-https'],
        re: /Non-HTTPS URLs are only allowed for localhost/i,
        weight: 95,
        example: 'Error: Non-HTTPS URLs are only allowed for localhost or when --allow-http flag is provided',
      },
      {
        label: 'a client refuses a plain-http URL (only https, or http to loopback)',
        any: ['protocol not allowed', 'protocol is not allowed', 'only https'],
        re: /\b(?:url\s+)?protocol\s+(?:is\s+)?not\s+allowed\b[^\n]{0,60}?\bhttps\b|\bonly\s+https\b[^\n]{0,40}?\b(?:loopback|localhost)\b/i,
        weight: 88,
        example: 'url protocol not allowed (only https or loopback http): http://192.168.31.138:8188/mcp',
      },
      {
        label: 'plain http:// Tray URL',
        any: ['http://'],
        re: /\bhttp:\/\/(?<host>[A-Za-z0-9-]{1,63}\.mcp\.tray\.ai)\b/i,
        weight: 80,
        example: '"url": "http://12345678-abcd-1234-ef56-0123456789ab.mcp.tray.ai"',
      },
    ],
  },
  {
    id: 'token-invalid-or-expired',
    group: 'network',
    title: 'Tray rejected the API token (401 Unauthorized)',
    cause: 'The API token in the config is invalid, expired or revoked, so Tray answers 401.',
    steps: [
      'Create a new API token in Tray for the API user.',
      'Put it into the config: rerun `tray-mcp setup` with the same server name, paste the new token when asked and confirm the overwrite.',
      'Quit the AI client completely and open it again.',
    ],
    docs: DOCS.connecting,
    source: 'connecting: Troubleshooting — Authentication Errors, 401 Unauthorized',
    matchers: [
      ...httpStatus(401, 'Unauthorized', 85, 'Streamable HTTP error: Error POSTing to endpoint (HTTP 401): {"error":"invalid_token"}'),
      {
        label: 'Unauthorized / invalid or expired token',
        any: ['unauthorized', 'invalid_token', 'token expired', 'token has expired', 'jwt expired', 'invalid token', 'expired token'],
        re: /\bUnauthorized(?:Error)?\b|\binvalid_token\b|\b(?:jwt|token)\s+(?:has\s+)?expired\b|\b(?:invalid|expired)\s+(?:api\s+)?token\b/i,
        weight: 70,
        example: 'UnauthorizedError: Unauthorized',
      },
      {
        label: 'Authentication required: supply a valid token',
        any: ['authentication required'],
        re: /\bAuthentication required\b[^\n]{0,40}?\b(?:valid|supply|provide)\b[^\n]{0,40}?\b(?:token|API key)\b/i,
        weight: 72,
        example: '{"message":"Authentication required. Please supply a valid API Access Token"}',
      },
      {
        label: 'Claude Code: the server needs authentication ("needs-auth")',
        any: ['needs-auth', 'needs authentication'],
        re: /["']status["']\s*:\s*["']needs-auth["']|\bNeeds authentication\b/i,
        weight: 72,
        example: '{ "name": "tray-workspace", "status": "needs-auth" }',
      },
      {
        label: 'mcp-remote asks to sign in although a token header is set',
        any: ['authentication required', 'after successful authentication'],
        re: /Authentication required\. (?:Initializing auth|Waiting for authorization)|Server returned 401 after successful authentication/i,
        weight: 55,
        example: '[4242] Authentication required. Initializing auth...',
      },
    ],
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
    matchers: [
      ...httpStatus(403, 'Forbidden', 85, 'SSE error: Non-200 status code (403)'),
      {
        label: 'Forbidden / access denied',
        any: ['forbidden', 'access denied', 'insufficient_scope', 'not authorized', 'upscoping'],
        re: /\bForbidden\b|\baccess\s+denied\b|\binsufficient_scope\b|\bnot\s+authori[sz]ed\s+to\s+access\b|Server returned 403 after trying upscoping/i,
        weight: 70,
        example: 'Error: Forbidden',
      },
    ],
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
    matchers: [
      {
        label: 'MCP server not enabled',
        any: ['disabled', 'not enabled', 'not active', 'inactive'],
        re: /\bMCP\s+server\b[^\n]{0,40}?\b(?:is\s+)?(?:disabled|not\s+enabled|not\s+active|inactive)\b/i,
        weight: 70,
        example: 'MCP server is not enabled for this workspace',
      },
      // Second to workspace-id-invalid: a switched-off server also leaves nothing at its URL.
      ...httpStatuses({
        codes: [404],
        reasons: ['Not Found'],
        weight: 45,
        why: 'or the server at that URL is switched off',
        example: 'SSE error: Non-200 status code (404)',
      }),
    ],
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
    matchers: [
      {
        label: 'Agent Gateway not enabled / cannot enable the server',
        any: ['agent gateway', 'cannot enable', "can't enable", 'can’t enable', 'unable to enable', 'could not enable'],
        re: /\bAgent\s+Gateway\b[^\n]{0,40}?\b(?:not\s+(?:enabled|available|visible)|disabled)\b|\b(?:cannot|can['’]t|unable\s+to|could\s+not)\s+enable\b[^\n]{0,40}?\b(?:mcp\s+server|agent\s+gateway)\b/i,
        weight: 75,
        example: 'Cannot enable the MCP server: the option is not visible in workspace settings',
      },
    ],
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
    matchers: [
      {
        label: 'OAuth token exchange or authorisation failed',
        any: ['token exchange', 'authorization error', 'failed to', 'invalid_grant', 'access_denied', 'authentication error', 'authentication-needed', 'authentication failed', 'oauth', 'authorization failed', 'authorization fails', 'authorization timed', 'authorization timeout', 'authorisation', 'authorization process', 'authorization flow', 'authorization code', 'authorisation code'],
        re: /Token exchange failed|\b(?:did\s+not\s+(?:include|contain|return)|without|missing|no)\s+(?:an?\s+)?authori[sz]ation\s+code\b|Authorization error:|Failed to (?:re-)?(?:authorize|authenticate)|\binvalid_grant\b|\baccess_denied\b|\bAuthentication Error\b|reconnection for reason: authentication-needed|Authentication failed (?:for|with)|\bOAuth2?\b[^\n]{0,60}?\b(?:fail(?:ed|s|ure)?|timed?\s*out|error)\b|\bauthori[sz]ation\s+(?:process\s+|flow\s+)?(?:failed|fails|timed\s+out|timeout)\b/i,
        weight: 78,
        example: 'Authentication Error: Token exchange failed: HTTP 400',
      },
      {
        // The token exchange is the OAuth sign-in itself: its 401 is not an API token rejected.
        label: 'Token exchange failed: HTTP N / Token exchange failed (N) (Python SDK)',
        any: ['token exchange failed'],
        re: /\bToken exchange failed(?:: HTTP | \()(?<httpStatus>\d{3})\b/i,
        weight: 88,
        example: 'Authorization error: Error: Token exchange failed: HTTP 401',
      },
      {
        label: 'Claude custom connector: authorisation or sign-in registration failed',
        any: ['authorization with the mcp server failed', "couldn't register", 'couldnt register', 'could not register', 'couldn’t register', 'failed to register'],
        re: /\bAuthorization with the MCP server failed\b|\bCouldn['’]?t register with\b|\bCould not register with\b|\bFailed to register with (?:the )?(?:login|sign-in|authorization|OAuth)\b/i,
        weight: 85,
        example: "Couldn't register with the connector's sign-in service. You can try again or add an OAuth Client ID in the connector settings.",
      },
      {
        label: "Claude custom connector: Couldn't reach the MCP server (most often its sign-in set-up)",
        any: ["couldn't reach", 'couldn’t reach', 'couldnt reach', 'could not reach'],
        re: /\bCould(?:n['’]?t| not) reach the MCP server\b/i,
        weight: 72,
        example: "Couldn't reach the MCP server. You can check the server URL and verify the server is running.",
      },
      {
        label: 'OAuth registration or scopes rejected (invalid_client_metadata, invalid_scope)',
        any: ['invalidclientmetadata', 'invalid_client_metadata', 'invalid_scope', 'invalid scope', 'oauth scope', 'scopes are not valid'],
        re: /\bInvalidClientMetadataError\b|\binvalid_client_metadata\b|\binvalid_scope\b|\bUnknown OAuth scope\b|\bRequested scopes are not valid\b|^\s*Invalid Scope\s*$/i,
        weight: 80,
        example: 'Connection error: InvalidClientMetadataError: Requested scopes are not valid: email, openid, profile',
      },
    ],
  },
  {
    id: 'oauth-client-unsupported',
    group: 'network',
    title: 'OAuth2 is only supported from Claude Desktop',
    cause: 'Tray\'s OAuth2 sign-in currently works with Claude Desktop (custom connector) only; other clients cannot complete it.',
    steps: [
      'In Claude Desktop, add Tray via + → Manage connectors → Add custom connector.',
      'For any other client, use an API token instead: run `tray-mcp setup --client <client>` and paste the token when asked.',
      'If you need OAuth2 in another client, ask your Customer Success representative.',
    ],
    docs: DOCS.troubleshooting,
    source: 'both: OAuth2 client support',
    matchers: [
      {
        label: "this client's OAuth is not accepted (only Claude Desktop is)",
        any: ['dynamic client registration', 'redirect_uri', 'redirect uri', 'oauth'],
        re: /does not support dynamic client registration|\binvalid_redirect_uri\b|\bredirect[_ ]uri\b[^\n]{0,80}?\b(?:not\s+(?:allowed|registered|supported)|does\s+not\s+match)\b|\bOAuth2?\b[^\n]{0,40}?\bnot\s+supported\b/i,
        weight: 80,
        example: 'Incompatible auth server: does not support dynamic client registration',
      },
      {
        label: "the sign-in server refuses this client's redirect URI",
        any: ['redirect uri', 'redirect_uri'],
        re: /\bredirect\s+URIs?\b[^\n]{0,40}?\bmust\s+be\b|\bNo valid redirect URIs?\b|\bInvalid redirect[_ ]URI\b/i,
        weight: 80,
        example: '[error] Client error for command Redirect URIs must be localhost or HTTPS',
      },
    ],
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
    matchers: [
      {
        label: 'no Tray account in the organisation',
        any: ['account', 'organisation', 'organization'],
        re: /\bno\s+(?:active\s+)?Tray\s+account\b|\buser\b[^\n]{0,40}?\bnot\s+(?:a\s+member\s+of|part\s+of|found\s+in)\s+(?:the\s+|this\s+|your\s+)?organi[sz]ation\b|\bexternal\s+users?\b[^\n]{0,40}?\bnot\s+supported\b/i,
        weight: 75,
        example: 'User is not a member of this organization',
      },
    ],
  },
  {
    id: 'bridge-auth-state-stale',
    group: 'network',
    title: "The bridge's saved sign-in state is stale (~/.mcp-auth)",
    cause:
      'The bridge (mcp-remote) keeps its OAuth client registration, tokens and a lock file per server in `~/.mcp-auth` (a client that signs in itself, as Claude Code does for an http entry, keeps its own). When the server forgot that registration (`invalid_client`, "Invalid client_id"), an old version left incompatible files, or another bridge still holds the sign-in callback port (`EADDRINUSE`), every new attempt fails the same way.',
    steps: [
      'Quit the AI client, and any other app or terminal running `mcp-remote`.',
      'Remove the bridge\'s saved state: `rm -rf ~/.mcp-auth` (or, to keep other servers\' sign-ins, only the files for this server in it; with `MCP_REMOTE_CONFIG_DIR` set, that folder instead).',
      'Open the AI client again and sign in once more when the browser opens.',
      'For Tray with an API token, the entry needs no sign-in at all: check it passes `--header "Authorization:${AUTH_HEADER}"` with the token in "env" (rerun `tray-mcp setup`).',
    ],
    stepsFor: [
      {
        platform: 'win32',
        steps: [
          'Quit the AI client (system tray icon → Quit), and any other app or terminal running `mcp-remote`.',
          'Remove the bridge\'s saved state: `rmdir /s /q "%USERPROFILE%\\.mcp-auth"` in Command Prompt (with `MCP_REMOTE_CONFIG_DIR` set, that folder instead).',
          'Open the AI client again and sign in once more when the browser opens.',
          'For Tray with an API token, the entry needs no sign-in at all: check it passes `--header "Authorization:${AUTH_HEADER}"` with the token in "env" (rerun `tray-mcp setup`).',
        ],
      },
      {
        // Claude Code signs in to an http entry itself (no mcp-remote, no ~/.mcp-auth): its own stored sign-in is stale
        client: 'claude-code',
        steps: [
          'If the entry is an http one (`"type": "http"`, no `mcp-remote`): Claude Code keeps the sign-in itself. Sign out of that server with `claude mcp logout <name>`, then sign in again with `claude mcp login <name>` (or `/mcp`, pick the server, Authenticate).',
          'If the entry runs `mcp-remote`: quit Claude Code and anything else running `mcp-remote`, remove the bridge\'s saved state (`rm -rf ~/.mcp-auth`; on Windows `rmdir /s /q "%USERPROFILE%\\.mcp-auth"`), then start Claude Code again and sign in when the browser opens.',
          'For Tray with an API token, the entry needs no sign-in at all: an http entry sends it in `"headers": { "Authorization": "Bearer <token>" }`, as `tray-mcp setup --client claude-code` writes it.',
        ],
      },
    ],
    docs: DOCS.troubleshooting,
    source:
      "beyond the docs: mcp-remote's README (Troubleshooting: clear ~/.mcp-auth; \"Authentication Error / Token exchange failed: HTTP 400\"); geelen/mcp-remote#36; anthropics/claude-code#4760; Claude Code's MCP docs (Authenticate with remote MCP servers: /mcp, claude mcp login/logout)",
    matchers: [
      {
        label: 'invalid_client / Invalid or unknown client_id (a registration the server forgot)',
        any: ['invalid_client', 'invalid client', 'client_id', 'client id', 'unknown client'],
        re: /\binvalid[_ ]client\b(?!_metadata)|\b(?:Invalid|Unrecognized|Unknown)\s+client[_ ]id\b|\bclient[_ ]id\b[^\n]{0,60}?\bnot found\b|\bUnknown client\b/i,
        weight: 82,
        example: '{"error":"invalid_client","error_description":"Client not found."}',
      },
      {
        label: "mcp-remote's saved state in ~/.mcp-auth",
        any: ['.mcp-auth'],
        re: /[~\\/]\.mcp-auth\b/i,
        weight: 85,
        example: 'Fixed by clearing the cached credentials: rm -rf ~/.mcp-auth',
      },
      {
        label: 'mcp-remote: invalid lockfile / callback port already in use',
        any: ['lockfile', 'eaddrinuse', 'existing client port'],
        re: /\bFound invalid lockfile\b|\blisten EADDRINUSE\b|\bUsing existing client port\b/i,
        extract: [/\bEADDRINUSE\b[^\n]{0,80}?:(?<port>\d{2,5})\b/, /\bexisting client port:?\s*(?<port2>\d{2,5})\b/i],
        weight: 80,
        example: 'Error: listen EADDRINUSE: address already in use 127.0.0.1:7890',
      },
      {
        label: "mcp-remote's callback page: Token exchange failed: HTTP 400",
        any: ['token exchange failed'],
        re: /\bToken exchange failed: HTTP 400\b/i,
        facts: { httpStatus: 400 },
        weight: 89,
        example: 'Authentication Error\nToken exchange failed: HTTP 400',
      },
    ],
  },
  {
    id: 'session-expired',
    group: 'network',
    title: 'The server no longer knows this connection (MCP session expired)',
    cause:
      'Over HTTP, an MCP connection is a session the server remembers by its `Mcp-Session-Id`. After the server restarts, is redeployed, or drops idle sessions, it answers the client\'s next request with 404 "Session not found" (or 400 "No valid session ID"). The client has to start a new session.',
    steps: [
      'Reconnect the server in the client (Claude Desktop: Settings → Connectors → Disconnect, then Connect; Claude Code: `/mcp` → Reconnect; VS Code: "MCP: List Servers" → Restart; Cursor: toggle it off and on in MCP settings).',
      'If that is not offered, quit the AI client completely and open it again.',
      'If it keeps happening within minutes, note the times and the server URL for support (`tray-mcp explain contact-support`).',
    ],
    docs: DOCS.troubleshooting,
    source:
      'beyond the docs: MCP Streamable HTTP transport, session management (a server answers 404 to an unknown Mcp-Session-Id; the client must start a new session)',
    matchers: [
      {
        label: 'Session not found / Unknown Mcp-Session-Id',
        any: ['session not found', 'mcp-session-id', 'invalid session', 'invalid or expired session', 'session expired', 'session has expired'],
        re: /\bSession not found\b|\bUnknown Mcp-Session-Id\b|\bInvalid (?:or expired )?session(?: id)?\b|\bsession (?:has )?expired\b/i,
        extract: [/\(HTTP (?<httpStatus>\d{3})\)/],
        weight: 88,
        example: 'Error POSTing to endpoint (HTTP 404): {"jsonrpc":"2.0","error":{"code":-32001,"message":"Session not found"},"id":null}',
      },
      {
        // The SDK's Streamable HTTP server says so to a request that is not `initialize` and has no session
        // it knows (the server restarted, or the client lost the session): a new session is needed.
        label: 'Bad Request: Server not initialized',
        // (LSP's -32002 says "Server not initialized" too: here only as an HTTP server's Bad Request)
        any: ['server not initialized'],
        re: /\bBad Request:\s*Server not initialized\b/i,
        extract: [/\(HTTP (?<httpStatus>\d{3})\)/],
        weight: 86,
        example: 'Error POSTing to endpoint (HTTP 400): {"jsonrpc":"2.0","error":{"code":-32000,"message":"Bad Request: Server not initialized"},"id":null}',
      },
      {
        label: 'Bad Request: No valid session ID provided',
        any: ['no valid session'],
        re: /\bNo valid session ID provided\b/i,
        extract: [/\(HTTP (?<httpStatus>\d{3})\)/],
        weight: 85,
        example: 'Error POSTing to endpoint (HTTP 400): {"jsonrpc":"2.0","error":{"code":-32000,"message":"Bad Request: No valid session ID provided"},"id":null}',
      },
    ],
  },
  {
    id: 'transport-mismatch',
    group: 'network',
    title: 'Client and server speak different MCP transports',
    cause:
      'MCP over HTTP comes in two forms: Streamable HTTP (one URL, POST) and the older SSE (a GET stream plus a separate POST URL). When the entry names one and the server serves the other, the server answers 400 ("missing session ID for SSE"), 404 ("Missing sessionId parameter"), 405 (Method Not Allowed) or 406 ("Client must accept both application/json and text/event-stream"). The entries `tray-mcp setup` writes use Streamable HTTP at `https://{workspace-id}.mcp.tray.ai`; `tray-mcp doctor` (mcp-handshake) shows which transport the server answers.',
    steps: [
      'Set the entry\'s transport to Streamable HTTP and the URL to exactly `https://<workspace-id>.mcp.tray.ai` (no `/sse` at the end): rerun `tray-mcp setup --client <client>` to write it.',
      'For a bridge entry (`npx mcp-remote …`), remove any `--transport sse-only` argument.',
      'Quit the AI client completely and open it again.',
    ],
    stepsFor: [
      { client: 'cline', steps: ['In the Tray entry of `cline_mcp_settings.json` set `"type": "streamableHttp"` (an entry without `type` is treated as SSE) and the URL to `https://<workspace-id>.mcp.tray.ai`; or rerun `tray-mcp setup --client cline`.', 'Restart the server in Cline\'s MCP Servers panel.'] },
      { client: 'claude-code', steps: ['Give the entry `"type": "http"` (not `"sse"`) and the URL `https://<workspace-id>.mcp.tray.ai`: `claude mcp add --transport http tray-workspace https://<workspace-id>.mcp.tray.ai --header "Authorization: Bearer <token>"`, or rerun `tray-mcp setup --client claude-code`.', 'Run `/mcp` in Claude Code to reconnect.'] },
      { client: 'vscode', steps: ['Give the entry `"type": "http"` (not `"sse"`) and the URL `https://<workspace-id>.mcp.tray.ai` in `mcp.json`; or rerun `tray-mcp setup --client vscode`.', 'Restart the server ("MCP: List Servers" → Restart).'] },
      { client: 'windsurf', steps: ['Use `"serverUrl": "https://<workspace-id>.mcp.tray.ai"` in `mcp_config.json` (no `/sse` at the end); or rerun `tray-mcp setup --client windsurf`.', 'Refresh the server in Windsurf\'s MCP panel.'] },
    ],
    docs: DOCS.connecting,
    source:
      'beyond the docs: MCP transports (Streamable HTTP vs the deprecated HTTP+SSE; a Streamable HTTP server answers 406 when the Accept header lacks application/json or text/event-stream); connecting: MCP Server URL Format',
    matchers: [
      {
        label: 'Not Acceptable: Client must accept application/json and text/event-stream (HTTP 406)',
        any: ['not acceptable', 'must accept'],
        re: /\bClient must accept\b[^\n]{0,60}?\b(?:application\/json|text\/event-stream)\b|\bNot Acceptable\b/i,
        weight: 90,
        example: '{"jsonrpc":"2.0","id":"server-error","error":{"code":-32600,"message":"Not Acceptable: Client must accept both application/json and text/event-stream"}}',
      },
      {
        label: 'a session id asked for by the other transport (missing session ID for SSE / sessionId parameter)',
        any: ['session id', 'sessionid'],
        re: /\b(?:Invalid or missing|missing)\s+(?:MCP\s+)?session\s*ID\s+for\s+SSE\b|\bMissing sessionId parameter\b|\bSession ID required\b/i,
        extract: [/\(HTTP (?<httpStatus>\d{3})\)/, /\bError (?<httpStatus2>\d{3}) status\b/],
        weight: 88,
        example: '{"error":"Invalid or missing MCP session ID for SSE."}',
      },
      {
        label: 'Failed to open SSE stream (the server has no stream at that URL)',
        any: ['failed to open sse stream'],
        re: /\bFailed to open SSE stream\b/i,
        weight: 85,
        example: 'Error: Streamable HTTP error: Failed to open SSE stream: Not Found',
      },
      {
        label: 'SSE error: Non-200 status code (400/405) / 400 connecting as SSE',
        any: ['sse'],
        re: /\bSSE error: Non-200 status code \((?<httpStatus>400|405)\)|\b(?<httpStatus2>400|405) status connecting to\b[^\n]{0,200}?\bas SSE\b/i,
        weight: 78,
        example: 'SSE error: Non-200 status code (400)',
      },
      {
        label: 'VS Code: 405 status connecting to / sending message to (the URL does not serve that transport)',
        any: ['405 status'],
        wholeNumbers: true,
        re: /\b(?<httpStatus>405) status (?:connecting to|sending message to)\b/i,
        weight: 84,
        example: 'Connection state: Error 405 status connecting to https://12345678-abcd-1234-ef56-0123456789ab.mcp.tray.ai/sse: Method Not Allowed',
      },
      ...httpStatuses({
        codes: [405, 406],
        reasons: ['Method Not Allowed', 'Not Acceptable'],
        weight: 80,
        why: 'the server does not serve this transport at that URL',
        example: 'Connection error: Error: Error POSTing to endpoint (HTTP 405): Method Not Allowed',
      }),
      {
        label: 'works with one transport, not the other (a description)',
        any: ['switch', 'chang'],
        re: /\b(?:switch(?:ed|ing)?|chang(?:e|ed|ing))\s+(?:it\s+|the\s+)?(?:type\s+|transport\s+)?(?:to|from)\s+["'`]?(?:SSE|HTTP|streamable[-_ ]?http|streamableHttp)\b/i,
        weight: 65,
        example: 'The server returns 400 with http type; when I switch to SSE type it connects',
      },
    ],
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
    matchers: [
      {
        label: 'empty tools list',
        any: ['"tools"', 'discovered 0', 'no tools', '0 tools', 'tools not'],
        re: /"tools"\s*:\s*\[\s*\]|\bDiscovered\s+0\s+tools\b|\bno\s+tools\s+(?:available|found|enabled|listed|returned)\b|\b0\s+tools\b|\btools\s+not\s+(?:appearing|visible|showing)\b/i,
        weight: 70,
        example: '{"jsonrpc":"2.0","id":2,"result":{"tools":[]}}',
      },
      {
        // The MCP SDK's client throws this when the server's initialize answer declares no `tools`
        // capability: a server with no tool enabled. doctor's tool-visibility ranks it the same way.
        label: 'the server declares no tools ("Server does not support tools")',
        any: ['does not support tools'],
        re: /\bServer does not support tools\b/i,
        extract: [/\(required for (?<method>tools\/[\w/]{1,40})\)/],
        weight: 78,
        example: 'Error: Server does not support tools (required for tools/list)',
      },
    ],
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
    matchers: [
      {
        label: 'tool not found (the client has an old tool list)',
        any: ['not found', 'unknown tool', 'tool list', 'tools/list', 'cached'],
        re: /\bTool\s+["']?(?<toolName>[\w.-]{1,100})["']?\s+not\s+found\b|\bUnknown\s+tool\b(?::\s*["']?(?<toolName2>[\w.-]{1,100}))?|\b(?:old|stale|outdated|cached)\s+(?:tool\s+list|tools\/list|tools|version\s+of\s+the\s+tools)\b|\busing\s+the\s+cached\s+(?:version|tools?)\b/i,
        weight: 70,
        example: 'MCP error -32602: Tool sync_accounts not found',
      },
      {
        // Second to no-tools-enabled: tools enabled after the client connected show only after a reconnect.
        label: 'the server declared no tools when the client connected',
        any: ['does not support tools'],
        re: /\bServer does not support tools\b/i,
        weight: 60,
        example: 'Server does not support tools (required for tools/call)',
      },
    ],
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
    matchers: [
      {
        label: 'too many tools',
        any: ['tools limit', 'too many tools', 'more than', 'you have', 'enabled tools', 'exceed'],
        re: /Exceeding total tools limit|\bexceed\w*\s+(?:the\s+)?max(?:imum)?\s+(?:allowed\s+|number\s+of\s+)?tools\b|\btoo\s+many\s+tools\b|\bmore\s+than\s+(?<limit>\d{1,4})\s+tools\b|\bYou have (?<toolCount>\d{1,5}) tools\b|\b(?<toolCount2>\d{1,5})\s+enabled\s+tools\b[^\n]{0,40}?\bexceed\w*\s+(?:the\s+)?max(?:imum)?\b/i,
        extract: [/\bYou have (?<toolCount>\d{1,5}) tools\b/i, /\bmore than (?<limit>\d{1,4}) tools\b/i],
        weight: 75,
        example: 'Exceeding total tools limit. You have 57 tools from enabled servers. Too many tools can degrade performance.',
      },
    ],
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
    matchers: [
      {
        label: 'tool without a description',
        any: ['description'],
        re: /\b(?:missing|no|empty|unclear)\s+(?:tool\s+)?descriptions?\b|\bdescription\s+(?:is\s+)?(?:missing|empty)\b/i,
        weight: 60,
        example: 'Tool "run_report" has no description',
      },
    ],
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
    matchers: [
      {
        label: 'invalid tool arguments (JSON-RPC -32602)',
        any: ['-32602', 'invalid arguments', 'invalid params', 'wrong parameters', 'wrong tool'],
        wholeNumbers: true,
        re: /(?<![\w-])(?<jsonRpcCode>-32602)(?!\d)|\bInvalid arguments for tool\b|\bInvalid params\b|\b(?:wrong|incorrect)\s+(?:tool|parameters|arguments)\b/i,
        weight: 55,
        example: 'MCP error -32602: Invalid arguments for tool create_ticket: expected string, received number',
      },
    ],
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
    matchers: [
      {
        label: 'workflow tool failed / not published',
        any: ['workflow', 'execution'],
        re: /\bworkflow\b[^\n]{0,60}?\b(?:failed|error(?:ed)?|not\s+published|disabled|not\s+enabled)\b|\bexecution\s+(?:failed|error)\b|\bAgent\s+Tool\s+Trigger\b[^\n]{0,60}?\b(?:schema|invalid|mismatch)\b/i,
        extract: [/\bexecution[\s_-]?id["']?\s*[:=]?\s*["']?(?<executionId>[A-Za-z0-9-]{6,80})/i],
        weight: 60,
        example: 'Tool execution failed: workflow "Create invoice" is not published',
      },
      {
        label: 'a tool call that timed out',
        any: ['-32001', 'timed out'],
        re: /\btools\/call\b[^\n]{0,120}?(?:-32001|timed\s+out)|(?:-32001|timed\s+out)[^\n]{0,120}?\btools\/call\b/i,
        weight: 62,
        example: 'Error in tools/call: MCP error -32001: Request timed out',
      },
    ],
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
    matchers: [
      {
        label: 'connector operation failed / scopes',
        any: ['connector', 'scope'],
        re: /\bconnector\b[^\n]{0,60}?\b(?:failed|error|expired|invalid)\b|\binsufficient\s+scopes?\b|\bscope\s+mismatch\b|\binvalid_scope\b|\bmissing\s+scopes?\b/i,
        weight: 62,
        example: 'Connector operation failed: authentication expired',
      },
    ],
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
    matchers: [
      {
        label: 'callable depth limit exceeded',
        any: ['callable'],
        re: /\bcallables?\b[^\n]{0,60}?\b(?:depth|(?<!\ball\s)levels?|nest(?:ed|ing)|deep)\b|\b(?:depth|(?<!\ball\s)levels?|nest(?:ed|ing)|deep)\b[^\n]{0,60}?\bcallables?\b/i,
        extract: CALLABLE_FACTS,
        facts: { limitKind: 'depth' },
        defaults: { limit: 5 },
        weight: 92,
        example: 'Tool execution failed: maximum callable depth of 5 exceeded (depth 6) for tool 7f3c2a10-1b2c-4d5e-8f90-123456789abc',
      },
      {
        label: 'callable limit exceeded (kind not stated)',
        any: ['callable'],
        re: /\bcallables?\b[^\n]{0,40}?\blimits?\b[^\n]{0,20}?\b(?:exceeded|reached|hit)\b|\b(?:exceeded|reached|hit)\b[^\n]{0,20}?\bcallables?\s+limits?\b/i,
        extract: CALLABLE_FACTS,
        weight: 49,
        example: 'Callable limits exceeded for tool abc123',
      },
    ],
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
    matchers: [
      {
        label: 'total callables limit exceeded',
        any: ['callable'],
        re: /\b(?:total|number\s+of|count|too\s+many|cumulative|more\s+than\s+\d{1,4})\b[^\n]{0,40}?\bcallables?\b|\bcallables?\b[^\n]{0,40}?\b(?:total|count|cumulative|too\s+many)\b|(?<![\w.-])\d{1,5}\s+callables\b|\bcallable\s+(?:invocations|calls|executions|runs)\b|\b(?:max(?:imum)?|limit|up\s+to)\b[^\n]{0,15}?(?<![\w.-])20\s+callables?\b/i,
        extract: CALLABLE_FACTS,
        facts: { limitKind: 'total' },
        defaults: { limit: 20 },
        weight: 91,
        example: 'Error: too many callables: 23 callables used, the maximum is 20 (toolId=wf-sync-accounts)',
      },
      {
        label: 'callable limit exceeded (kind not stated)',
        any: ['callable'],
        re: /\bcallables?\b[^\n]{0,40}?\blimits?\b[^\n]{0,20}?\b(?:exceeded|reached|hit)\b|\b(?:exceeded|reached|hit)\b[^\n]{0,20}?\bcallables?\s+limits?\b/i,
        extract: CALLABLE_FACTS,
        weight: 48,
        example: 'Callable limits exceeded for tool abc123',
      },
    ],
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
    matchers: [
      {
        label: 'Authentication Management tab fails',
        any: ['authentication management'],
        re: /\bAuthentication\s+Management\b[^\n]{0,60}?\b(?:error|fail(?:s|ed)?|cannot|can't|won't|does\s+not|doesn't|not)\b/i,
        weight: 85,
        example: 'The Authentication Management tab returns an error and will not load',
      },
    ],
  },
  {
    id: 'request-timeout',
    group: 'tools',
    title: 'The connection works, but a request took too long',
    cause:
      'The client gave up waiting for an answer (`MCP error -32001: Request timed out`, "context deadline exceeded", a tool-call timeout). The connection itself is fine: most often a tool run (a workflow) takes longer than the client waits, or a bridge started slowly (npx downloading it, a sign-in still open).',
    steps: [
      'If it happened on a tool call: open the workflow\'s execution logs in Tray and see how long the run took and whether it finished.',
      'Make long workflows answer sooner (return early and continue asynchronously, or split the work into smaller tools).',
      'If it happened on connecting: start the entry\'s command once in a terminal so npx finishes downloading, then reconnect; check `tray-mcp doctor` for slow or failing network steps.',
      'Where the client lets you, raise its timeout (for example `"timeout"` in a Claude Code or Cline entry, in milliseconds or seconds as that client documents).',
    ],
    docs: DOCS.troubleshooting,
    source:
      'beyond the docs: the MCP SDK\'s request timeout (JSON-RPC -32001, 60 s by default) and clients\' own deadlines (Windsurf, Zed "context server request timeout"); troubleshooting: workflow tool execution',
    matchers: [
      {
        label: 'JSON-RPC -32001 Request timed out',
        // servers reuse -32001 for their own errors ("Session not found", "Missing Bearer token"): the message tells
        accept: (_f, line) => !/"message"\s*:\s*"(?![^"\n]{0,200}?tim(?:ed|e)\s?out)[^"\n]{1,200}"/i.test(line),
        any: ['-32001', 'request timed out'],
        wholeNumbers: true,
        re: /(?<![\w-])(?<jsonRpcCode>-32001)(?!\d)|\bRequest timed out\b/i,
        extract: [/\btimeout["']?\s*[:=]\s*(?<timeoutMs>\d{1,9})/],
        weight: 80,
        example: 'McpError: MCP error -32001: Request timed out',
      },
      {
        label: 'context deadline exceeded (Windsurf and other Go clients)',
        any: ['deadline exceed', 'context deadline'],
        re: /\bcontext deadline\b|\bdeadline exceed(?:ed)?\b/i,
        weight: 75,
        example: '[MCP] Failed to initialize client connection: transport error: context deadline exceeded',
      },
      {
        label: 'an MCP client timed out after N seconds (Codex startup_timeout_sec)',
        // (not `startup_timeout_sec` alone: that is also every config that sets it, working or not)
        any: ['timed out after'],
        re: /\bMCP client for\b[^\n]{1,100}?\btimed out after \d{1,6}\s?(?:ms|s|sec|seconds?)\b/i,
        extract: [/\btimed out after (?<timeoutS>\d{1,6})\s?(?:s|sec|seconds?)\b/i],
        weight: 74,
        example: '⚠ MCP client for `tray-workspace` timed out after 10 seconds. Add or adjust `startup_timeout_sec` in your config.toml:',
      },
      {
        // Claude Code: connecting (MCP_TIMEOUT, 30 s by default) or a tool call (its tool time-out) ran out
        label: 'Claude Code: Connection to MCP server "x" timed out after N ms / MCP server "x" tool "y" timed out after N s',
        any: ['timed out after'],
        re: /\bConnection to MCP server\b[^\n]{1,120}?\btimed out after \d{1,9}\s?ms\b|\bMCP server\s+["'][^"'\n]{1,100}["']\s+tool\s+["'][^"'\n]{1,100}["']\s+timed out after \d{1,9}\s?(?:ms|s)\b/i,
        extract: [/\btimed out after (?<timeoutMs>\d{1,9})\s?ms\b/i, /\btimed out after (?<timeoutS>\d{1,6})\s?s\b/i],
        weight: 76,
        example: 'Connection failed: Connection to MCP server "tray-workspace" timed out after 30000ms',
      },
      {
        label: 'a request or tool call timed out (client message)',
        any: ['request timeout', 'timed out waiting', 'tool call timed out', 'tool call timeout'],
        re: /\b(?:context\s+server\s+)?request timeout\b|\btimed out waiting for (?:a |the )?(?:response|reply|server)\b|\btool call timed? ?out\b/i,
        weight: 70,
        example: 'The server shows as "Context server request timeout" in the settings panel',
      },
    ],
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
    matchers: [
      {
        label: 'user-provided authentication with an API token',
        any: ['user-provided', 'user provided', 'service account'],
        re: /\buser[- ]provided\s+auth(?:entication)?\b[^\n]{0,80}?\bAPI\s+token\b|\bAPI\s+token\b[^\n]{0,80}?\buser[- ]provided\s+auth(?:entication)?\b|\bservice\s+account\s+(?:auth(?:entication)?\s+)?only\b/i,
        weight: 80,
        example: 'API token users cannot use user-provided authentication',
      },
    ],
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
    matchers: [
      {
        label: 'authentication prompt does not appear',
        any: ['prompt', 'elicitation'],
        re: /\b(?:auth(?:entication)?|credentials?|elicitation)\s+(?:prompt|request|flow)\b[^\n]{0,40}?\b(?:not\s+(?:appear|show|trigger)\w*|never\s+(?:appears|shows|triggers)|missing|does\s+not\s+(?:appear|show|trigger)|doesn't\s+(?:appear|show|trigger))/i,
        weight: 70,
        example: 'The user-provided authentication prompt does not appear in Claude',
      },
    ],
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
    matchers: [
      {
        label: 'JSON-RPC -32042 URL elicitation required',
        any: ['-32042', 'elicitation'],
        wholeNumbers: true,
        re: /(?<![\w-])(?<jsonRpcCode>-32042)(?!\d)|\bURL elicitations? required\b|\bUrlElicitationRequired(?:Error)?\b/i,
        extract: ELICITATION_URL,
        lookahead: 8,
        weight: 90,
        example: 'MCP error -32042: URL elicitation required {"elicitations":[{"mode":"url","url":"https://auth.tray.ai/elicit/abc123","message":"Connect your Salesforce account"}]}',
      },
      {
        label: 'the client does not support URL elicitation',
        any: ['elicitation'],
        re: /does not support (?:(?:URL|form)(?:-mode)?\s+)?elicitation|\belicitation\b[^\n]{0,30}?\bnot\s+supported\b/i,
        extract: ELICITATION_URL,
        weight: 82,
        example: 'Client does not support URL-mode elicitation requests',
      },
      {
        label: 'fallback message with an authentication URL',
        any: ['authenticat'],
        re: /\b(?:open|visit|navigate\s+to|go\s+to)\b[^\n]{0,60}?\b(?:url|link)\b[^\n]{0,60}?\bauthenticat|\bauthenticat\w*\s+(?:url|link)\s*:?\s*https?:\/\//i,
        extract: ELICITATION_URL,
        weight: 65,
        example: 'To continue, open this URL to complete authentication: https://auth.tray.ai/elicit/abc123',
      },
    ],
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
    matchers: [
      {
        label: 'asked to map credentials again',
        any: ['again', 'mapping'],
        re: /\b(?:prompted|asked)\b[^\n]{0,40}?\b(?:auth\w*|credentials?|map\w*)\b[^\n]{0,40}?\bagain\b|\b(?:auth(?:entication)?\s+)?mapping\s+(?:was\s+)?(?:reset|expired|lost)\b/i,
        weight: 70,
        example: 'Users are prompted for authentication again after two days',
      },
    ],
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
    matchers: [
      {
        label: 'Insights counts callables separately',
        any: ['insights', 'executions'],
        re: /\bInsights\b[^\n]{0,80}?\b(?:two|double|twice|2x|separate|extra)\b[^\n]{0,40}?\bexecutions?\b|\bexecutions?\s+(?:counted\s+)?twice\b/i,
        weight: 70,
        example: 'Insights shows two executions for one workflow tool call',
      },
    ],
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
    matchers: [
      {
        label: 'no step-level logs for connector tools',
        any: ['connector'],
        re: /\bno\s+(?:step[- ]level\s+)?(?:execution\s+)?logs?\b[^\n]{0,40}?\bconnector\b|\bconnector\s+tools?\b[^\n]{0,40}?\b(?:no|missing|without)\s+(?:step[- ]level\s+)?logs?\b/i,
        weight: 70,
        example: 'There are no step-level logs for connector tools',
      },
    ],
  },
  {
    id: 'protocol-revision-mismatch',
    group: 'network',
    title: 'The server speaks an MCP protocol revision your client does not',
    cause:
      'MCP has two protocol eras: the 2025 handshake (initialize, revisions up to 2025-11-25) and the stateless 2026 revision (2026-07-28: server/discover, no session). A server that serves only a revision the client does not know refuses its handshake (often "Unsupported protocol version", JSON-RPC -32022), and the client gives up although the server is up and the token is fine.',
    steps: [
      'Update the AI client (and, for Claude Desktop, the mcp-remote bridge: keep "-y" in its arguments so npx fetches the current one), then restart it.',
      'Run `tray-mcp doctor`: mcp-handshake names the revision the server speaks and, per client, whether that client speaks it.',
      'If your client is current and still does not speak the server\'s revision, contact Tray support: the server should also serve the 2025 handshake.',
    ],
    docs: DOCS.troubleshooting,
    source: 'beyond the docs: MCP version negotiation (2025-11-25 initialize; 2026-07-28 server/discover, UnsupportedProtocolVersion -32022)',
    matchers: [
      {
        label: 'unsupported protocol version / revision',
        any: ['protocol version', '-32022'],
        wholeNumbers: true,
        re: /\bUnsupported protocol version\b(?:[^\n]{0,20}?(?<protocolVersion>\d{4}-\d{2}-\d{2}))?|Server's protocol version is not supported(?::\s*(?<protocolVersion2>\d{4}-\d{2}-\d{2}))?|"code"\s*:\s*(?<jsonRpcCode>-32022)\b/i,
        weight: 80,
        example: 'Error: Server\'s protocol version is not supported: 2026-07-28',
      },
    ],
  },
  {
    id: 'tool-name-invalid',
    group: 'tools',
    title: 'A tool name is too long or has characters clients refuse',
    cause:
      'MCP tool names should be 1–128 characters of A–Z, a–z, 0–9, _, - and . only. Clients add the server name in front (Claude Code: mcp__<server>__<tool>) and the model API behind them caps the whole name (64 characters for Claude), so a long tool name or a long server name breaks or renames the tool.',
    steps: [
      'In Tray, shorten the tool\'s name (Workflow tools or Connector tools tab) and use only letters, digits, _ and -.',
      'Or give the server a shorter name in the client config (for example `tray` instead of `tray-workspace-sales-team`), then restart the client.',
      'Run `tray-mcp doctor` to see each name that is too long for each client, with the limit it hits.',
    ],
    docs: DOCS.troubleshooting,
    source: 'beyond the docs: MCP tool name rules (2025-11-25) and each client\'s documented limit (src/clients/<id>.ts)',
    matchers: [
      {
        label: 'tool name longer than the model API allows',
        any: ['at most 64 characters', 'should have at most', 'tool name'],
        re: /\bname:?\s*String should have at most (?<limit>\d{2,3}) characters\b|\btool name\b[^\n]{0,60}?\b(?:too long|exceeds|longer than)\b/i,
        weight: 75,
        example: 'API Error: 400 {"type":"error","error":{"type":"invalid_request_error","message":"tools.12.custom.name: String should have at most 64 characters"}}',
      },
    ],
  },
  {
    id: 'method-not-supported',
    group: 'info',
    title: 'The server does not offer this MCP method (JSON-RPC -32601)',
    cause:
      'The client asked for an MCP feature the Agent Gateway does not implement, such as prompts or resources. For those optional features this is harmless. For tools/list or tools/call it means the URL is not the Agent Gateway endpoint.',
    steps: [
      'If the method named is prompts/… or resources/…, ignore the message: Tray serves tools only.',
      'If it is tools/list or tools/call, check the server URL is exactly `https://{workspace-id}.mcp.tray.ai` (run `tray-mcp doctor`).',
      'Quit the AI client completely and open it again after fixing the URL.',
    ],
    docs: DOCS.connecting,
    source: 'beyond the docs: MCP JSON-RPC error -32601 (method not found); the URL format is from connecting: MCP Server URL Format',
    matchers: [
      {
        label: 'JSON-RPC -32601 method not found',
        any: ['-32601', 'method not found'],
        wholeNumbers: true,
        re: /(?<![\w-])(?<jsonRpcCode>-32601)(?!\d)|\bMethod not found\b/i,
        extract: [/"method"\s*:\s*"(?<method>[\w/]{1,60})"/, /\bmethod\s+["']?(?<method2>[a-z]+\/[\w/]{1,60})/i],
        weight: 70,
        example: 'McpError: MCP error -32601: Method not found',
      },
    ],
  },
  {
    id: 'contact-support',
    group: 'info',
    title: 'Still stuck: contact Tray support',
    cause:
      'The problem is on Tray\'s side (for example an HTTP 500 Internal Server Error, or a 502/503/504 that does not go away) or otherwise not one this tool can fix from your machine.',
    steps: [
      'If Tray answered with a 5xx status, wait a few minutes and try once more: these are often temporary.',
      'Contact your Customer Success representative or the Tray support portal.',
      'Include the MCP server URL, the tool name, the exact error messages, and execution ids from the workflow logs.',
      'Attach `tray-mcp doctor --json` output (tokens are redacted in it).',
    ],
    docs: DOCS.troubleshooting,
    source: 'troubleshooting: Getting help',
    matchers: [
      // 500: Tray answered and failed on its side; nothing on this machine causes that, so support
      // ranks first (server-unreachable second, for a failing proxy).
      ...httpStatuses({
        codes: [500],
        reasons: ['Internal Server Error'],
        weight: 55,
        why: 'Tray failed on its side',
        example: 'Streamable HTTP error: Error POSTing to endpoint (HTTP 500): Internal Server Error',
      }),
      // 502/503/504: second to server-unreachable, for an outage that does not go away.
      ...httpStatuses({
        codes: [502, 503, 504],
        reasons: ['Bad Gateway', 'Service Unavailable', 'Gateway Timeout'],
        weight: 45,
        why: 'second to server-unreachable: when it does not go away',
        example: '502 Bad Gateway',
      }),
      {
        label: 'server error (Internal Server Error / HTTP 429 / JSON-RPC -32603)',
        any: ['429', '-32603', 'internal server error', 'internal error', 'too many requests'],
        wholeNumbers: true,
        re: /(?:\bHTTP(?:\/\d(?:\.\d)?)?(?:\s(?:error|status|code))?[\s:]{0,3}|\bstatus(?:[\s_]?code)?["']?[\s:=(]{0,4})(?<httpStatus>429)(?!\d)|\bInternal Server Error\b|\bToo Many Requests\b|(?<![\w-])(?<jsonRpcCode>-32603)(?!\d)/i,
        weight: 45,
        example: 'MCP error -32603: Internal error',
      },
      {
        label: 'asking for support',
        any: ['contact support', 'contact tray support', 'support ticket', 'support portal'],
        re: /\bcontact\s+(?:tray\s+)?support\b|\bsupport\s+(?:ticket|portal)\b/i,
        weight: 30,
        example: 'How do I contact support about this?',
      },
    ],
  },
]);

/** Every remedy id: a typo in a check's `remedies` or a test fails the build. */
export type RemedyId = (typeof REMEDIES)[number]['id'];
export type Remedy = RemedyOf<RemedyId>;

const byId = new Map<string, Remedy>(REMEDIES.map((r) => [r.id, r] as const));

export function getRemedy(id: string): Remedy | undefined {
  return byId.get(id);
}

export function isRemedyId(id: string): id is RemedyId {
  return byId.has(id);
}

/**
 * The steps that fit where the error came from: a variant for this client on this platform, else one
 * for this client, else one for this platform, else the remedy's own steps.
 */
export function stepsFor(remedy: Remedy, ctx: RemedyContext = {}): string[] {
  const variants = remedy.stepsFor ?? [];
  const pick =
    variants.find((v) => v.client !== undefined && v.platform !== undefined && v.client === ctx.client && v.platform === ctx.platform) ??
    variants.find((v) => v.client !== undefined && v.platform === undefined && v.client === ctx.client) ??
    variants.find((v) => v.client === undefined && v.platform !== undefined && v.platform === ctx.platform);
  return [...(pick ?? remedy).steps];
}

/** Whether a matcher counts in this context (see Matcher.when). */
export function matcherApplies(m: Matcher, ctx: RemedyContext): boolean {
  if (!m.when) return true;
  if (m.when.platform && !(ctx.platform && m.when.platform.includes(ctx.platform))) return false;
  if (m.when.client && !(ctx.client && m.when.client.includes(ctx.client))) return false;
  return true;
}
