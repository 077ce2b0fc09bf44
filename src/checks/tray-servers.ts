// tray-servers: find every Tray Agent Gateway entry in the parsed client configs and judge it:
// workspace id and URL, token (resolved, never shown), the entry's shape for its client, clashes,
// and entries sitting in files the client does not read. One result per `client › server-name`.
import path from 'node:path';
import type { Check, CheckContext, CheckOutput, Result } from './types.js';
import type { ConfigFileRef, ConfigFilesData, ConfigJsonData, ParsedConfig, TrayServerEntry, TrayServersData } from './data.js';
import { CLIENTS, isPlainObject, setupLocation, type ClientId } from '../clients/catalog.js';
import type { ClientSpec, Scope } from '../clients/types.js';
import { readDocument } from '../config/document.js';
import { displayPath, resolveTemplate, type Environment } from '../lib/environment.js';
import { fingerprint } from '../lib/redact.js';
import {
  clientInstance,
  duplicateFindings,
  findCandidates,
  inspect,
  remediesOf,
  worst,
  type Finding,
  type Inspection,
} from '../gateway/entry.js';

type Out = Omit<Result, 'check'>;

/** The file a client really reads for user-scope servers on the target platform (its setup target). */
export function realLocation(client: ClientId, env: Environment): string | undefined {
  const template = setupLocation(client, env.platform)?.paths[env.platform];
  return template ? displayPath(resolveTemplate(template, env), env) : undefined;
}

interface Found {
  parsed: ParsedConfig;
  insp: Inspection;
  line?: number;
  extra: Finding[];
  /** the scope the entry is loaded in (Claude Code: local for projects[dir] maps) */
  scope: Scope;
  /** the client does not load it in this session (another project's map, shadowed, not approved) */
  notLoaded?: boolean;
}

function selected(ref: ConfigFileRef, ctx: CheckContext): boolean {
  const only = ctx.options.clients;
  return ref.explicit || only.length === 0 || only.includes(ref.client);
}

export async function runTrayServers(ctx: CheckContext): Promise<CheckOutput<TrayServersData>> {
  const files = await ctx.need<ConfigFilesData>('config-files');
  const json = await ctx.need<ConfigJsonData>('config-json');
  const refs = (files.data?.refs ?? []).filter((r) => selected(r, ctx));
  const parsed = (json.data?.parsed ?? []).filter((p) => selected(p.ref, ctx));
  // config-json may re-assign the client of a --config file from its shape: match files by path.
  const parsedPaths = new Set(parsed.map((p) => p.ref.path));
  const reasons = new Map((json.data?.unparsed ?? []).map((u) => [u.ref.path, u.reason] as const));
  const results: Out[] = [];

  // Files that exist but could not be read or did not parse: nothing can be said about their entries.
  const blocked: ConfigFileRef[] = [];
  for (const ref of refs) {
    if ((ref.kind === 'file' || ref.kind === 'unreadable') && !parsedPaths.has(ref.path)) {
      blocked.push(ref);
      const why = ref.kind === 'unreadable' ? (ref.error ?? 'not accessible') : reasons.get(ref.path);
      results.push({
        subject: `${ref.client} › ${ref.display}`,
        client: ref.client,
        status: 'skip',
        message: `not checked: ${ref.display} could not be read${ref.kind === 'unreadable' ? '' : ` as ${CLIENTS[ref.client].format.toUpperCase()}`}${why ? ` (${why})` : ''}, so whether it holds a Tray entry is unknown; see config-json`,
        details: { blockedBy: 'config-json', file: ref.display },
        remedies: [],
      });
    }
  }

  // Every Tray entry in every parsed file, inspected on its own.
  const found: Found[] = [];
  for (const p of parsed) {
    const candidates = findCandidates(p.ref.client, p.doc);
    if (candidates.length === 0) continue;
    const lines = p.linesOf?.(candidates.map((c) => c.jsonPath)) ?? [];
    candidates.forEach((c, i) =>
      found.push({ parsed: p, insp: inspect(c, ctx.env.vars, ctx.env.platform), line: lines[i], extra: [], scope: c.project !== undefined ? 'local' : p.ref.scope }),
    );
  }

  // Scopes: which entry wins when names collide, and whether project servers are approved.
  await judgeScopes(found, parsed, ctx.env);

  // Files the client does not read (stale locations).
  for (const f of found) {
    const { ref } = f.parsed;
    if (!ref.stale) continue;
    const client = ref.client;
    const real = realLocation(client, ctx.env) ?? 'the file it reads';
    const inUse = found.find(
      (g) =>
        g !== f &&
        !g.parsed.ref.stale &&
        g.insp.candidate.client === client &&
        (g.insp.candidate.name === f.insp.candidate.name || (g.insp.workspaceId && g.insp.workspaceId === f.insp.workspaceId)),
    );
    if (inUse) {
      f.insp.findings = [{
        status: 'skip',
        code: 'stale-copy',
        text: `ignored copy: ${CLIENTS[client].name} does not read this file; it uses "${inUse.insp.candidate.name}" in ${inUse.parsed.ref.display}`,
      }];
    } else {
      // Problems of an entry the client ignores matter once it is moved: shown, but as warnings.
      f.insp.findings = f.insp.findings.map((x) => (x.status === 'fail' ? { ...x, status: 'warn' } : x));
      f.extra.push({
        status: 'warn',
        code: 'stale-location',
        text: `${CLIENTS[client].name} does not read this file; move the entry to ${real}`,
        remedy: 'config-wrong-location',
      });
    }
    f.insp.usable = false;
  }

  // Clashes inside each client instance (Cline in VS Code and Cline in Cursor are two).
  const dups = duplicateFindings(
    found.map((f) => ({
      client: f.insp.candidate.client,
      name: f.insp.candidate.name,
      workspaceId: f.insp.workspaceId,
      file: f.parsed.ref.display,
      where: f.insp.candidate.where,
      // an entry the client does not load (a file it does not read, another project's, shadowed, switched off, a shape it skips) clashes with nothing
      ignored: f.parsed.ref.stale || f.notLoaded || f.insp.disabled || f.insp.findings.some((x) => x.status === 'fail' && x.remedy === 'client-entry-unsupported'),
      instance: clientInstance(f.insp.candidate.client, f.parsed.ref.path),
    })),
  );
  dups.forEach((d, i) => found[i]!.extra.push(...d));

  const entries: TrayServerEntry[] = [];
  for (const f of found) {
    const { insp } = f;
    const c = insp.candidate;
    const ref = f.parsed.ref;
    // Each problem once (the same check can fire twice, e.g. two --header arguments).
    const findings = dedupe([...f.extra, ...insp.findings]).sort((a, b) => rank(b) - rank(a));
    const status = worst(findings);
    const at = f.line ? `${ref.display}:${f.line}` : ref.display;
    const tokenShown = insp.token ? tokenLabel(insp.token) : 'no token';
    const message =
      status === 'pass'
        ? `${insp.url} · ${tokenShown} · ${at}`
        : `${at}: ${findings.map((x) => x.text).join('; ')}`;
    results.push({
      subject: `${c.client} › ${c.name}`,
      client: c.client,
      status,
      message,
      details: {
        file: ref.display,
        ...(f.line ? { line: f.line } : {}),
        where: c.where,
        url: insp.url || undefined,
        workspaceId: insp.workspaceId,
        form: c.form,
        tokenFingerprint: insp.token ? fingerprint(insp.token) : null,
        usable: insp.usable,
        ...(findings.length ? { problems: [...new Set(findings.map((x) => x.code))] } : {}),
        ...(ref.stale ? { readsInstead: realLocation(c.client, ctx.env) } : {}),
        scope: f.scope,
        ...(insp.headless ? { headless: true } : {}),
        ...(insp.transport ? { transport: insp.transport } : {}),
      },
      remedies: status === 'pass' ? [] : remediesOf(findings.filter((x) => x.status !== 'skip')),
    });
    entries.push({
      client: c.client,
      ref,
      name: c.name,
      where: c.where,
      url: insp.url,
      workspaceId: insp.workspaceId,
      token: insp.token,
      usable: insp.usable,
      form: c.form,
      tokenInFile: insp.tokenInFile,
      disabled: insp.disabled,
      ...(insp.headless ? { headless: true } : {}),
      ...(insp.transport ? { transport: insp.transport } : {}),
      ...(f.line ? { line: f.line } : {}),
      scope: f.scope,
      jsonPath: c.jsonPath,
      raw: c.raw,
      loaded: !ref.stale && !f.notLoaded && insp.loadable,
      status,
      problems: findings.filter((x) => x.status !== 'skip').map((x) => x.text),
      codes: [...new Set(findings.map((x) => x.code))],
    });
  }

  if (found.length === 0 && blocked.length > 0) {
    // An entry may sit in a file that could not be read: never claim there is none.
    const unique = (xs: ConfigFileRef[]) => [...new Map(xs.map((r) => [r.path, r] as const)).values()];
    const readable = unique(parsed.map((p) => p.ref));
    if (readable.length > 0) {
      const unread = unique(blocked);
      results.push({
        subject: 'all clients',
        client: null,
        status: 'skip',
        message:
          `No Tray Agent Gateway entry in the files that could be read (${readable.map((r) => r.display).join(', ')}); ` +
          `${unread.map((r) => r.display).join(', ')} could not be read, so an entry there cannot be seen: fix ${unread.length === 1 ? 'it' : 'them'} first (see config-json).`,
        details: { blockedBy: 'config-json', looked: refs.map((r) => ({ client: r.client, file: r.display, kind: r.kind })) },
        remedies: [],
      });
    }
  } else if (found.length === 0) {
    const unique = (xs: ConfigFileRef[]) => [...new Map(xs.map((r) => [r.path, r] as const)).values()];
    const existing = unique(refs.filter((r) => r.kind === 'file'));
    const all = unique(refs);
    const missing = all.length - existing.length;
    const looked = existing.length
      ? `Looked in ${existing.map((r) => r.display).join(', ')}${missing ? ` (${missing} other known location${missing === 1 ? '' : 's'} do${missing === 1 ? 'es' : ''} not exist)` : ''}.`
      : `None of the ${all.length} known config locations exists${all[0] ? ` (e.g. ${all[0].display})` : ''}.`;
    const only = ctx.options.clients;
    const scope = only.length ? `in the config of ${only.map((c) => CLIENTS[c].name).join(', ')}` : 'in any client config';
    results.push({
      subject: 'all clients',
      client: null,
      status: 'fail',
      message: `No Tray Agent Gateway entry (https://<workspace-id>.mcp.tray.ai) ${scope}. ${looked}`,
      details: { looked: refs.map((r) => ({ client: r.client, file: r.display, kind: r.kind })) },
      remedies: ['tray-server-missing'],
    });
  }

  return { results, data: { entries } };
}

/** "token …a1b2"; a token too short for a fingerprint shows nothing of itself. */
export function tokenLabel(token: string): string {
  const fp = fingerprint(token);
  return fp === '…' ? 'token (short, not shown)' : `token ${fp}`;
}

/** Findings with the same code and text, once (the first keeps its place). */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.code}\u0000${f.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function rank(f: Finding): number {
  return f.status === 'fail' ? 3 : f.status === 'warn' ? 2 : 1;
}

const SCOPE_WORDS: Record<Scope, string> = { local: 'local-scope', project: 'project-scope', user: 'user-scope' };

/**
 * For clients whose spec gives a scope precedence (Claude Code: local, project, user): entries in
 * another project's local map are not loaded in this folder; among same-name entries the client
 * loads only the one of the first scope; a project-scope entry needs approval (settings files, or
 * the project's entry in the user file) and is not loaded when disabled there.
 */
export async function judgeScopes(found: Found[], parsed: readonly ParsedConfig[], env: Environment): Promise<void> {
  for (const client of new Set(found.map((f) => f.insp.candidate.client))) {
    const spec = CLIENTS[client];
    const mine = found.filter((f) => f.insp.candidate.client === client && !f.parsed.ref.stale);
    // another project's local servers: loaded only when the client runs in that folder
    for (const f of mine) {
      const dir = f.insp.candidate.project;
      if (dir !== undefined && !samePath(dir, env.cwd)) {
        f.notLoaded = true;
        f.insp.usable = false;
        f.extra.push({ status: 'skip', code: 'other-project', text: `only loaded when ${spec.name} runs in ${dir}` });
      }
    }
    if (spec.projectApproval) {
      const approval = await approvalOf(spec.projectApproval, env, parsed.filter((p) => p.ref.client === client));
      for (const f of mine) {
        if (f.scope !== 'project') continue;
        const name = f.insp.candidate.name;
        if (approval.disabled.has(name)) {
          f.notLoaded = true;
          f.insp.usable = false;
          f.extra.push({ status: 'warn', code: 'project-disabled', text: `${spec.name} does not load it: "${name}" is listed in ${spec.projectApproval.disabledKey} (${approval.disabled.get(name)}); remove it from that list, or approve it in /mcp`, remedy: 'project-server-not-approved' });
        } else if (!approval.all && !approval.enabled.has(name)) {
          // not loaded until approved: never part of a clash, never a process doctor starts
          f.notLoaded = true;
          f.extra.push({ status: 'warn', code: 'project-unapproved', text: `project servers need approval: ${spec.name} asks about "${name}" when it starts in this folder and loads it only once approved (nothing in ${spec.projectApproval.enabledKey} or ${spec.projectApproval.allKey} approves it yet)`, remedy: 'project-server-not-approved' });
        }
      }
    }
    if (spec.precedence) {
      const rank = (f: Found) => spec.precedence!.indexOf(f.scope);
      const byName = new Map<string, Found[]>();
      for (const f of mine) if (!f.notLoaded) byName.set(f.insp.candidate.name, [...(byName.get(f.insp.candidate.name) ?? []), f]);
      for (const group of byName.values()) {
        if (group.length < 2) continue;
        const winner = [...group].sort((a, b) => rank(a) - rank(b))[0]!;
        for (const f of group) {
          if (f === winner || rank(f) === rank(winner)) continue;
          f.notLoaded = true;
          f.insp.usable = false;
          f.extra.push({
            status: 'warn',
            code: 'shadowed',
            text: `${spec.name} does not use this entry: the ${SCOPE_WORDS[winner.scope]} entry "${winner.insp.candidate.name}" in ${winner.parsed.ref.display}${winner.line ? `:${winner.line}` : ''} has the same name and wins (${spec.precedence!.join(' > ')})`,
            remedy: 'multiple-workspaces',
          });
        }
      }
    }
  }
}

/** Names approved or disabled for project scope, and whether all are approved. */
async function approvalOf(a: NonNullable<ClientSpec['projectApproval']>, env: Environment, files: readonly ParsedConfig[]) {
  const enabled = new Set<string>();
  const disabled = new Map<string, string>();
  let all = false;
  const take = (doc: unknown, where: string) => {
    if (!isPlainObject(doc)) return;
    if (doc[a.allKey] === true) all = true;
    for (const n of Array.isArray(doc[a.enabledKey]) ? (doc[a.enabledKey] as unknown[]) : []) if (typeof n === 'string') enabled.add(n);
    for (const n of Array.isArray(doc[a.disabledKey]) ? (doc[a.disabledKey] as unknown[]) : []) if (typeof n === 'string' && !disabled.has(n)) disabled.set(n, where);
  };
  for (const t of a.files) {
    const file = resolveTemplate(t, env);
    const r = await readDocument(file, 'json');
    if (r.ok && 'doc' in r) take(r.doc, displayPath(file, env));
  }
  // older versions keep the same keys in the project's entry of the user file (~/.claude.json)
  for (const f of files) {
    const doc = f.doc;
    if (f.ref.scope !== 'user' || !isPlainObject(doc) || !isPlainObject(doc.projects)) continue;
    for (const [dir, p] of Object.entries(doc.projects)) if (samePath(dir, env.cwd)) take(p, `${f.ref.display} (projects[${dir}])`);
  }
  return { enabled, disabled, all };
}

function samePath(a: string, b: string): boolean {
  return path.resolve(a) === path.resolve(b);
}

const check: Check<TrayServersData, 'tray-servers'> = {
  id: 'tray-servers',
  title: 'Tray servers',
  needs: ['config-files', 'config-json'],
  run: runTrayServers,
};
export default check;
