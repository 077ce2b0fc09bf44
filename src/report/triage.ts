// From a report's rows to what a person needs first: the answer in one sentence (the headline), then
// each problem once. One root cause is one problem: the rows it causes — a check it blocked for the
// same file or server, the same entry seen as another client's, a log line showing the same error —
// are listed under it as consequences, not as problems of their own. Pure: no I/O.
import type { CheckId, Status } from '../checks/types.js';
import { CHECK_IDS } from '../checks/index.js';
import { CLIENTS, type ClientId } from '../clients/catalog.js';
import { getRemedy } from '../remedies/catalog.js';
import type { ReportResult } from './model.js';
import { fixFor, type Fix } from './fix.js';
import { entryOf, usersOf } from './rows.js';

export type ProblemStatus = 'fail' | 'error' | 'warn';

export interface Problem {
  status: ProblemStatus;
  /** the row that names the root cause */
  root: ReportResult;
  /** rows this problem causes or explains (blocked checks, the same entry seen elsewhere, log evidence) */
  consequences: ReportResult[];
  client: ClientId | null;
  /** file:line, file, or server origin */
  where?: string;
  /** the remedy's cause, in a sentence */
  why?: string;
  fix: Fix;
  /** remedy id for `tray-mcp explain` */
  explain?: string;
}

export interface Triage {
  headline: string;
  /** most severe first: fail, error, warn; then in check order */
  problems: Problem[];
  /** rows that belong to no problem (passes, skips, and warnings that are not problems) */
  others: ReportResult[];
}

const SEVERITY: Record<Status, number> = { fail: 0, error: 1, warn: 2, skip: 3, pass: 4 };
const order = (c: CheckId) => CHECK_IDS.indexOf(c);
const isProblemStatus = (s: Status): s is ProblemStatus => s === 'fail' || s === 'error' || s === 'warn';
const worse = (a: Status, b: Status): Status => (SEVERITY[a] <= SEVERITY[b] ? a : b);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function whereOf(r: ReportResult): string | undefined {
  const d = r.details ?? {};
  const file = str(d.file);
  const line = num(d.line);
  switch (r.check) {
    case 'tray-servers':
      if (file) return line ? `${file}:${line}` : file;
      return undefined;
    case 'config-json': {
      const col = num(d.column);
      return line ? `${r.subject}:${line}${col ? `:${col}` : ''}` : r.subject;
    }
    case 'config-files':
    case 'config-schema':
    case 'file-permissions':
      return r.subject === 'all clients' ? undefined : r.subject;
    case 'node-version':
      return str(d.nodePath);
    case 'client-logs':
      return file;
    case 'reachability':
    case 'authentication':
    case 'mcp-handshake':
    case 'tool-visibility':
      return str(d.url) ?? r.subject;
    default:
      return undefined;
  }
}

/** Group rows into problems (see the file comment); everything else stays a plain row. */
export function triage(results: readonly ReportResult[]): Triage {
  const rootOf = new Map<ReportResult, ReportResult>();
  const candidates = results.filter((r) => isProblemStatus(r.status));
  const attach = (child: ReportResult, root: ReportResult) => {
    if (child === root) return;
    let top = root;
    while (rootOf.has(top)) top = rootOf.get(top)!;
    if (top === child) return;
    rootOf.set(child, top);
  };

  // 1. The same entry, seen as two clients': a file at the product docs' location for one client
  //    (stale: that client does not read it) that is another client's real file. One mistake.
  const entries = results.filter((r) => entryOf(r) && isProblemStatus(r.status));
  for (const stale of entries.filter((r) => r.details?.readsInstead)) {
    for (const other of entries) {
      if (other === stale || other.details?.readsInstead) continue;
      if (other.details?.file === stale.details?.file && other.details?.line === stale.details?.line && entryOf(other)!.name === entryOf(stale)!.name) attach(other, stale);
    }
    // config-files' "this file exists but <client> does not read it" for the same file
    for (const cf of results) {
      if (cf.check === 'config-files' && cf.subject === stale.details?.file && cf.remedies.some((m) => m.id === 'config-wrong-location')) attach(cf, stale);
    }
  }

  // 2. Two rows of one clash (the same name or workspace twice): the first names it.
  const clashOnly = (r: ReportResult) => {
    const p = r.details?.problems;
    return Array.isArray(p) && p.length > 0 && p.every((c) => c === 'duplicate-name' || c === 'duplicate-workspace');
  };
  // The first clash of a client with the same name or workspace is the root (one pass, not n²).
  const clashes = entries.filter(clashOnly);
  const firstByName = new Map<string, ReportResult>();
  const firstByWs = new Map<string, ReportResult>();
  const position = new Map(clashes.map((r, i) => [r, i] as const));
  for (const b of clashes) {
    const nameKey = `${b.client}\u0000${entryOf(b)!.name}`;
    const ws = str(b.details?.workspaceId);
    const wsKey = ws ? `${b.client}\u0000${ws}` : undefined;
    const byName = firstByName.get(nameKey);
    const byWs = wsKey ? firstByWs.get(wsKey) : undefined;
    const a = byName && byWs ? (position.get(byName)! < position.get(byWs)! ? byName : byWs) : byName ?? byWs;
    if (a && !rootOf.has(b)) attach(b, a);
    if (!byName) firstByName.set(nameKey, b);
    if (wsKey && !byWs) firstByWs.set(wsKey, b);
  }

  // 3. Nothing configured: no config file at all also means no Tray entry and nothing to check.
  const noFiles = results.find((r) => r.check === 'config-files' && r.subject === 'all clients' && isProblemStatus(r.status));
  if (noFiles) {
    for (const r of results) {
      if (r.subject !== 'all clients' || r === noFiles) continue;
      if (r.check === 'tray-servers' || r.check === 'file-permissions' || r.details?.blockedBy) attach(r, noFiles);
    }
  }

  // 4. Blocked rows: a check that could not run for a subject because a prerequisite failed there.
  const bySubject = new Map<string, ReportResult[]>();
  for (const x of results) {
    const k = `${x.check}\u0000${x.subject}`;
    const list = bySubject.get(k);
    if (list) list.push(x);
    else bySubject.set(k, [x]);
  }
  for (const r of results) {
    const by = str(r.details?.blockedBy);
    if (r.status !== 'skip' || !by || rootOf.has(r)) continue;
    const file = str(r.details?.file);
    const fits = (x: ReportResult) => x !== r && (isProblemStatus(x.status) || rootOf.has(x));
    const same = bySubject.get(`${by}\u0000${r.subject}`)?.find(fits) ?? (file !== undefined ? bySubject.get(`${by}\u0000${file}`)?.find(fits) : undefined);
    const any = same ?? (['system', 'network', 'all clients'].includes(r.subject) ? results.find((x) => x.check === by && isProblemStatus(x.status)) : undefined);
    if (any) attach(r, any);
  }

  // 5. Servers that were deliberately not probed because their config URL is wrong: the entry's problem.
  for (const r of results) {
    if (r.status !== 'skip' || (r.details?.reason !== 'url-not-tray' && r.details?.reason !== 'url-credentials')) continue;
    const used = Array.isArray(r.details?.usedBy) ? (r.details!.usedBy as string[]) : [];
    const entry = results.find((x) => entryOf(x) && isProblemStatus(x.status) && used.includes(`${x.subject} (${x.details?.file})`));
    if (entry) attach(r, entry);
  }

  // 6. A client log showing the same problem another check found: evidence, not a second problem.
  const roots = () => candidates.filter((c) => !rootOf.has(c) && c.check !== 'client-logs');
  for (const log of results.filter((r) => r.check === 'client-logs' && isProblemStatus(r.status))) {
    const ids = new Set(log.remedies.map((m) => m.id));
    const match = roots().find((c) => c.remedies.some((m) => ids.has(m.id)) && (!c.client || !log.client || c.client === log.client));
    if (match) attach(log, match);
  }

  // Problems: the remaining problem rows, each with what hangs off it.
  const problems: Problem[] = [];
  const under = new Map<ReportResult, ReportResult[]>();
  for (const r of results) {
    const root = rootOf.get(r);
    if (!root) continue;
    const list = under.get(root);
    if (list) list.push(r);
    else under.set(root, [r]);
  }
  for (const root of candidates) {
    if (rootOf.has(root)) continue;
    const consequences = under.get(root) ?? [];
    const status = consequences.reduce<Status>((s, c) => (isProblemStatus(c.status) ? worse(s, c.status) : s), root.status) as ProblemStatus;
    const remedy = root.remedies[0] ?? consequences.find((c) => c.remedies.length)?.remedies[0];
    const cause = remedy ? getRemedy(remedy.id)?.cause : undefined;
    const p: Problem = {
      status,
      root,
      consequences,
      client: root.client ?? consequences.find((c) => c.client)?.client ?? null,
      where: whereOf(root),
      ...(cause ? { why: cause } : {}),
      fix: { text: '', commands: [] },
      ...(remedy ? { explain: remedy.id } : {}),
    };
    p.fix = fixFor(root, p.client, results);
    problems.push(p);
  }
  problems.sort((a, b) => SEVERITY[a.status] - SEVERITY[b.status] || order(a.root.check) - order(b.root.check));
  const inProblems = new Set<ReportResult>(problems.flatMap((p) => [p.root, ...p.consequences]));
  return { headline: headline(problems, results), problems, others: results.filter((r) => !inProblems.has(r)) };
}

// ── the headline ────────────────────────────────────────────────────────────────────────────────

/** What a problem means for the client, in a few words (after "… cannot use Tray: "). */
const REASON: Record<string, string> = {
  'node-missing': 'Node.js (node/npx) is not on the PATH clients use',
  'node-too-old': 'Node.js is too old for the Tray bridge (mcp-remote)',
  'config-not-found': 'no client config file was found',
  'config-json-invalid': 'its config file is not valid JSON',
  'config-schema-invalid': 'its config file is not in the shape it reads',
  'config-wrong-location': 'the Tray entry is in a file it does not read',
  'tray-server-missing': 'no Tray server is configured',
  'workspace-id-invalid': 'the workspace id or server URL is wrong',
  'token-missing': 'the API token is missing or not usable',
  'config-dir-not-writable': 'its config folder cannot be written',
  'config-file-unreadable': 'its config file cannot be read',
  'config-file-exposed': 'a file holding the API token is readable by others',
  'multiple-workspaces': 'two Tray entries clash',
  'client-entry-unsupported': 'it ignores the Tray entry as written',
  'server-unreachable': 'the server cannot be reached',
  'tls-untrusted': "the server's certificate is not trusted",
  'proxy-misconfigured': 'the proxy in between is misconfigured',
  'insecure-url': 'the server URL is plain http',
  'token-invalid-or-expired': 'the token was rejected (401)',
  'access-not-granted': 'access to the MCP server was refused (403)',
  'tray-account-required': 'access to the MCP server was refused (403)',
  'mcp-server-disabled': 'the MCP server is disabled',
  'agent-gateway-not-enabled': 'Agent Gateway is not enabled for the workspace',
  'no-tools-enabled': 'the MCP server offers no tools',
  'too-many-tools': 'the MCP server offers more tools than AI clients choose among well',
  'tool-description-missing': 'some tools have no description',
  'contact-support': 'the MCP server answered with an error',
};

function reasonOf(p: Problem): string {
  const id = p.explain;
  if (p.root.check === 'mcp-handshake' && (!id || id === 'contact-support')) return 'the MCP handshake did not complete';
  if (id && REASON[id]) return REASON[id]!;
  const title = p.root.remedies[0]?.title;
  if (title) return /^(The|A|An|This|Two|No)\b/.test(title) ? title[0]!.toLowerCase() + title.slice(1) : title;
  return p.root.status === 'error' ? `the ${p.root.check} check could not finish` : p.root.message.split(/(?<=[.;:])\s/)[0]!.replace(/[.;:]$/, '');
}

function whoOf(p: Problem, results: readonly ReportResult[]): string {
  const client = p.client;
  if (client) return CLIENTS[client].name;
  if (p.root.check === 'node-version') return 'Clients that start the Tray bridge with npx';
  if (p.root.subject === 'all clients') return 'No client';
  if (['reachability', 'authentication', 'mcp-handshake', 'tool-visibility'].includes(p.root.check)) {
    const users = usersOf(results, p.root.subject);
    const names = [...new Set(users.map((u) => (u.client ? CLIENTS[u.client].name : null)).filter((n): n is string => n !== null))];
    if (names.length === 1) return names[0]!;
    if (names.length > 1) return names.slice(0, -1).join(', ') + ' and ' + names[names.length - 1];
    return `The server ${p.root.subject}`;
  }
  return 'Tray';
}

export function headline(problems: readonly Problem[], results: readonly ReportResult[]): string {
  const top = problems[0];
  const rest = problems.slice(1);
  const moreProblems = rest.filter((p) => p.status !== 'warn').length;
  const moreWarnings = rest.length - moreProblems;
  const bits = [
    ...(moreProblems ? [`${moreProblems} more problem${moreProblems === 1 ? '' : 's'}`] : []),
    ...(moreWarnings ? [`${moreWarnings} ${top?.status === 'warn' ? 'more ' : ''}warning${moreWarnings === 1 ? '' : 's'}`] : []),
  ];
  const more = bits.length ? ` (and ${bits.join(', ')})` : '';
  if (top) {
    const who = whoOf(top, results);
    const reason = reasonOf(top);
    if (who === 'No client') return `No client can use Tray yet: ${reason}${more}`;
    if (who === 'Tray') return `${top.status === 'warn' ? 'Tray works, but' : 'Tray cannot be used:'} ${reason}${more}`;
    const server = who.startsWith('The server ');
    if (top.status === 'warn') return `${who} ${server ? 'answers' : 'can use Tray'}, but ${reason}${more}`;
    return `${who} ${server ? 'cannot be used' : top.root.check === 'node-version' ? 'cannot start it' : 'cannot use Tray'}: ${reason}${more}`;
  }
  return allGood(results);
}

function allGood(results: readonly ReportResult[]): string {
  const entries = results.filter((r) => entryOf(r) && r.status === 'pass');
  const clients = [...new Set(entries.map((r) => r.client).filter((c): c is ClientId => Boolean(c)))].map((c) => CLIENTS[c].name);
  const tools = results.filter((r) => r.check === 'tool-visibility' && r.status === 'pass');
  const toolCount = tools.reduce((n, r) => n + (num(r.details?.toolCount) ?? 0), 0);
  const offline = results.some((r) => r.details?.reason === 'offline');
  const names = clients.length === 0 ? '' : clients.length === 1 ? clients[0]! : clients.slice(0, -1).join(', ') + ' and ' + clients[clients.length - 1];
  if (tools.length > 0) {
    const servers = tools.length === 1 ? tools[0]!.subject : `${tools.length} servers`;
    return `All good: ${names ? `${names} can use Tray; ` : ''}${servers} answered with ${toolCount} tool${toolCount === 1 ? '' : 's'}`;
  }
  if (names) return `No problems found: ${names} ${clients.length === 1 ? 'is' : 'are'} set up for Tray${offline ? ' (the server was not contacted: --offline)' : ''}`;
  return `No problems found in ${new Set(results.map((r) => r.check)).size} checks`;
}

// ── how many problems a page shows ──────────────────────────────────────────────────────────────

/** Problems of one kind (check and remedy) shown in full; the rest of the kind is counted. */
export const PROBLEMS_PER_KIND = 3;
/** Problems shown in full in all. */
export const PROBLEMS_SHOWN = 20;

/** A count standing for the problems of one kind not shown in full. */
export interface MoreProblems {
  more: number;
  check: CheckId;
  explain?: string;
  status: ProblemStatus;
}

/**
 * The problems a terminal or a Markdown page shows in full, in order: at most PROBLEMS_PER_KIND of
 * one kind and PROBLEMS_SHOWN in all; the rest of each kind becomes one count after its last shown
 * problem. 10,000 entries with the same mistake are three blocks and a count, not 180,000 lines
 * (`--json` keeps every one).
 */
export function shownProblems(problems: readonly Problem[]): (Problem | MoreProblems)[] {
  const out: (Problem | MoreProblems)[] = [];
  const perKind = new Map<string, number>();
  const hidden = new Map<string, MoreProblems>();
  let shown = 0;
  for (const p of problems) {
    const kind = `${p.root.check}\u0000${p.explain ?? ''}`;
    const n = perKind.get(kind) ?? 0;
    perKind.set(kind, n + 1);
    if (n < PROBLEMS_PER_KIND && shown < PROBLEMS_SHOWN) {
      out.push(p);
      shown++;
      continue;
    }
    const h = hidden.get(kind);
    if (h) {
      h.more++;
      h.status = worse(h.status, p.status) as ProblemStatus;
      continue;
    }
    const m: MoreProblems = { more: 1, check: p.root.check, ...(p.explain ? { explain: p.explain } : {}), status: p.status };
    hidden.set(kind, m);
    out.push(m);
  }
  return out;
}

/** "… and 9,997 more tray-servers problems like these (workspace-id-invalid): …" */
export function moreProblemsText(m: MoreProblems): string {
  const kind = m.explain ? ` like ${m.more === 1 ? 'this' : 'these'} (${m.explain})` : '';
  return `… and ${m.more} more ${m.check} problem${m.more === 1 ? '' : 's'}${kind} not shown here: tray-mcp doctor --json lists every one`;
}
