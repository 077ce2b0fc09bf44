// tray-servers: find every Tray Agent Gateway entry in the parsed client configs and judge it:
// workspace id and URL, token (resolved, never shown), the entry's shape for its client, clashes,
// and entries sitting in files the client does not read. One result per `client › server-name`.
import { readFile } from 'node:fs/promises';
import { visit } from 'jsonc-parser';
import type { Check, CheckContext, CheckOutput, Result } from './types.js';
import type { ConfigFileRef, ConfigFilesData, ConfigJsonData, ParsedConfig, TrayServerEntry, TrayServersData } from './data.js';
import { CLIENTS, type ClientId } from '../clients/catalog.js';
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
} from '../lib/entries.js';

type Out = Omit<Result, 'check'>;

/** config-json reads at most this (its cap for ~/.claude.json); other files are capped lower there. */
const MAX_TEXT = 128 * 1024 * 1024;

/** The file a client really reads for user-scope servers on the target platform (its setup target). */
export function realLocation(client: ClientId, env: Environment): string | undefined {
  const loc = CLIENTS[client].locations.find((l) => l.setupTarget && !l.stale);
  const template = loc?.paths[env.platform];
  return template ? displayPath(resolveTemplate(template, env), env) : undefined;
}

interface Found {
  parsed: ParsedConfig;
  insp: Inspection;
  line?: number;
  extra: Finding[];
}

/**
 * The line of each entry (by JSON path) in the file: one pass of jsonc-parser's visitor, no tree,
 * so a large ~/.claude.json costs time in proportion to its size but no memory. A key written twice
 * counts where it was written last (as JSON.parse, and so the client, reads it).
 */
async function lineOf(ref: ConfigFileRef, paths: (string | number)[][]): Promise<(number | undefined)[]> {
  const lines: (number | undefined)[] = paths.map(() => undefined);
  try {
    if (ref.size !== undefined && ref.size > MAX_TEXT) return lines;
    const text = await readFile(ref.path, 'utf8');
    if (text.length > MAX_TEXT) return lines;
    const wanted = new Map(paths.map((p, i) => [JSON.stringify(p), i] as const));
    const names = new Set(paths.map((p) => String(p[p.length - 1])));
    visit(
      text,
      {
        onObjectProperty: (name, _offset, _length, startLine, _startCharacter, pathSupplier) => {
          if (!names.has(name)) return;
          const i = wanted.get(JSON.stringify([...pathSupplier(), name]));
          if (i !== undefined) lines[i] = startLine + 1;
        },
      },
      { allowTrailingComma: true, disallowComments: false },
    );
    return lines;
  } catch {
    return paths.map(() => undefined);
  }
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
        message: `not checked: ${ref.display} could not be read${ref.kind === 'unreadable' ? '' : ' as JSON'}${why ? ` (${why})` : ''}, so whether it holds a Tray entry is unknown; see config-json`,
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
    const lines = await lineOf(p.ref, candidates.map((c) => c.jsonPath));
    candidates.forEach((c, i) => found.push({ parsed: p, insp: inspect(c, ctx.env.vars), line: lines[i], extra: [] }));
  }

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
      // an entry the client does not load (a file it does not read, switched off, a shape it skips) clashes with nothing
      ignored: f.parsed.ref.stale || f.insp.disabled || f.insp.findings.some((x) => x.status === 'fail' && x.remedy === 'client-entry-unsupported'),
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

const check: Check<TrayServersData> = {
  id: 'tray-servers',
  title: 'Tray servers',
  needs: ['config-files', 'config-json'],
  run: runTrayServers,
};
export default check;
