// The client registry: every client's spec (one file each in this folder), in display order, and
// what is derived from the specs alone (ids, aliases, server maps, where a file belongs). Adding a
// client = its file, one line here, its test and a fixture home (docs/architecture.md).
import path from 'node:path';
import { resolveTemplate, type Environment, type Platform } from '../lib/environment.js';
import type { ClientSpec, ConfigLocation } from './types.js';
import { claude } from './claude.js';
import { claudeCode } from './claude-code.js';
import { cursor } from './cursor.js';
import { windsurf } from './windsurf.js';
import { vscode } from './vscode.js';
import { cline } from './cline.js';
import { gemini } from './gemini.js';
import { codex } from './codex.js';
import { zed } from './zed.js';
import { continueDev } from './continue.js';
import { goose } from './goose.js';
import { opencode } from './opencode.js';
import { kiloCode } from './kilo-code.js';
import { rooCode } from './roo-code.js';
import { copilotCli } from './copilot-cli.js';
import { amazonQ } from './amazon-q.js';
import { visualStudio } from './visual-studio.js';
import { vscodeInsiders } from './vscode-insiders.js';
import { kiro } from './kiro.js';
import { warp } from './warp.js';
import { lmStudio } from './lm-studio.js';

export type { ClientSpec, ConfigLocation } from './types.js';

const SPECS = [
  claude,
  claudeCode,
  cursor,
  windsurf,
  vscode,
  cline,
  gemini,
  codex,
  zed,
  continueDev,
  goose,
  opencode,
  kiloCode,
  rooCode,
  copilotCli,
  amazonQ,
  visualStudio,
  vscodeInsiders,
  kiro,
  warp,
  lmStudio,
] as const;

export type ClientId = (typeof SPECS)[number]['id'];
export const CLIENT_IDS: readonly ClientId[] = SPECS.map((s) => s.id);

export const CLIENTS: Readonly<Record<ClientId, ClientSpec<ClientId>>> = Object.fromEntries(SPECS.map((s) => [s.id, s])) as unknown as Record<
  ClientId,
  ClientSpec<ClientId>
>;

export function isClientId(x: unknown): x is ClientId {
  return typeof x === 'string' && (CLIENT_IDS as readonly string[]).includes(x);
}

/** A client id from what a user typed: the id, an alias, or the display name (any case). */
export function clientFromName(raw: string): ClientId | undefined {
  const s = raw.trim().toLowerCase();
  if (isClientId(s)) return s;
  for (const spec of SPECS) {
    if (spec.name.toLowerCase() === s) return spec.id;
    if ((spec as ClientSpec).aliases?.includes(s)) return spec.id;
  }
  return undefined;
}

/** Whether the client reads comments and trailing commas in its JSON file. */
export function isJsonc(client: ClientId): boolean {
  return CLIENTS[client].format === 'jsonc';
}

/** The location setup writes (and user-scope files are judged against) on a platform. */
export function setupLocation(client: ClientId, platform: Platform): ConfigLocation | undefined {
  return CLIENTS[client].locations.find((l) => l.setupTarget && !l.stale && l.paths[platform]);
}

/** How to make the client reload its config on a platform. */
export function restartHint(client: ClientId, platform: Platform): string {
  const r = CLIENTS[client].restart;
  return typeof r === 'string' ? r : (r[platform] ?? r.default);
}

/** One server map inside a parsed config (see serverMaps). */
export interface ServerMap {
  /** human path of the map inside the document, e.g. "mcpServers" or "projects[/dir].mcpServers" */
  where: string;
  /** path of the map itself */
  jsonPath: string[];
  /** the project folder of a per-project map (Claude Code's local scope) */
  project?: string;
  /** name → entry; for a list of named items (Continue), the named items */
  servers: Record<string, unknown>;
  /** path of an entry in the document: [...jsonPath, name], or [...jsonPath, index] in a list */
  entryPath(name: string): (string | number)[];
}

/**
 * The server maps inside a parsed config: the root key, and for clients with per-project maps
 * (Claude Code's ~/.claude.json) each projects[dir].<rootKey>. A client whose servers are a list of
 * named items (Continue) gets them by name; items without a name, or standing for a block from
 * elsewhere (refKey), are left out.
 */
export function serverMaps(client: ClientId, doc: unknown): ServerMap[] {
  const out: ServerMap[] = [];
  if (!isPlainObject(doc)) return out;
  const spec = CLIENTS[client];
  const key = spec.rootKey;
  const list = spec.serverList;
  if (list && Array.isArray(doc[key])) {
    const servers: Record<string, unknown> = {};
    const index = new Map<string, number>();
    (doc[key] as unknown[]).forEach((item, i) => {
      if (!isPlainObject(item) || (list.refKey && item[list.refKey] !== undefined)) return;
      const name = item[list.nameKey];
      if (typeof name !== 'string' || index.has(name)) return;
      servers[name] = item;
      index.set(name, i);
    });
    out.push({ where: key, jsonPath: [key], servers, entryPath: (name) => [key, index.get(name) ?? name] });
  } else if (!list && isPlainObject(doc[key])) {
    out.push({ where: key, jsonPath: [key], servers: doc[key] as Record<string, unknown>, entryPath: (name) => [key, name] });
  }
  const pm = spec.projectMaps;
  if (pm && isPlainObject(doc[pm.key])) {
    for (const [dir, project] of Object.entries(doc[pm.key] as Record<string, unknown>)) {
      if (isPlainObject(project) && isPlainObject(project[pm.rootKey])) {
        const jsonPath = [pm.key, dir, pm.rootKey];
        out.push({ where: `${pm.key}[${dir}].${pm.rootKey}`, jsonPath, project: dir, servers: project[pm.rootKey] as Record<string, unknown>, entryPath: (name) => [...jsonPath, name] });
      }
    }
  }
  return out;
}

/** A document holding `servers` (name → entry) the way the client's file holds them (a list of named items for Continue). */
export function serverDocument(client: ClientId, servers: Record<string, unknown>): Record<string, unknown> {
  const spec = CLIENTS[client];
  const list = spec.serverList;
  const map = list
    ? Object.entries(servers).map(([name, entry]) => (isPlainObject(entry) ? { [list.nameKey]: name, ...entry } : entry))
    : servers;
  return { ...(spec.setup.newFile ?? {}), [spec.rootKey]: map };
}

/** Is this JSON path a server map of the client (its root key, or a per-project map)? */
export function isServerMapPath(client: ClientId, p: readonly (string | number)[]): boolean {
  const spec = CLIENTS[client];
  if (p.length === 1 && p[0] === spec.rootKey) return true;
  const pm = spec.projectMaps;
  return pm !== undefined && p.length === 3 && p[0] === pm.key && p[2] === pm.rootKey;
}

/** Whether the client runs on a platform at all (Visual Studio: Windows only). */
export function runsOn(client: ClientId, platform: Platform): boolean {
  const only = CLIENTS[client].platforms;
  return !only || only.includes(platform);
}

export function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** The client a parsed document belongs to, from its shape alone (for --config files whose name does not tell). */
export function clientFromShape(doc: unknown, match: (client: ClientId, entry: Record<string, unknown>) => 0 | 1 | 2): ClientId | null {
  if (!isPlainObject(doc)) return null;
  // a per-project map (Claude Code's projects) tells at once
  for (const spec of SPECS) {
    const pm = (spec as ClientSpec).projectMaps;
    if (pm && isPlainObject(doc[pm.key])) return spec.id;
  }
  // the server map (a list of named items for Continue) under the client's root key
  const holds = (spec: ClientSpec) => ((spec as ClientSpec).serverList ? Array.isArray(doc[spec.rootKey]) : isPlainObject(doc[spec.rootKey]));
  const candidates = SPECS.filter((spec) => spec.format !== 'toml' && holds(spec));
  if (candidates.length === 0) return null;
  if (new Set(candidates.map((c) => c.rootKey)).size > 1) {
    // two root keys (e.g. servers and mcpServers): the rarer key tells
    const counts = new Map<string, number>();
    for (const spec of SPECS) counts.set(spec.rootKey, (counts.get(spec.rootKey) ?? 0) + 1);
    candidates.sort((a, b) => counts.get(a.rootKey)! - counts.get(b.rootKey)!);
  }
  const key = candidates[0]!.rootKey;
  const same = candidates.filter((c) => c.rootKey === key);
  if (same.length === 1) return same[0]!.id;
  const entries = Object.values(doc[key] as Record<string, unknown>).filter(isPlainObject);
  const remote = entries.filter((e) => !('command' in e));
  if (remote.length === 0) {
    if (entries.length === 0) return null;
    return same.find((c) => (c as ClientSpec).setup.entry === 'bridge')?.id ?? null;
  }
  let best: ClientId | null = null;
  let bestScore = 0;
  for (const c of same) {
    const score = remote.reduce((n, e) => n + match(c.id, e), 0);
    if (score > bestScore) {
      best = c.id;
      bestScore = score;
    }
  }
  return best;
}

/** Whether a path segment matches a template segment, which may hold `*` (a folder of block files). */
function segmentMatches(pattern: string, segment: string | undefined): boolean {
  if (segment === undefined) return false;
  if (!pattern.includes('*')) return pattern === segment;
  return new RegExp(`^${pattern.split('*').map((x) => x.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/\\\\]*')}$`, 'i').test(segment);
}

/** The last `n` path segments of a location template, lower case (how a file's name tells its client). */
function tail(template: string, n: number): string[] {
  return template.replace(/^\$\{[A-Z_]+:-([^}]*)\}/, '$1').split('/').slice(-n).map((s) => s.toLowerCase());
}

/**
 * The client a config file belongs to, from its path alone (null when the path does not tell).
 * With an environment, a file that is exactly a catalog location there tells first (user files
 * before project files: Visual Studio's %USERPROFILE%\.mcp.json is not Claude Code's project
 * .mcp.json); then the last two segments of every catalog location (live locations first, then the
 * stale ones, so the docs' Cursor path still names Cline, whose file it is).
 */
export function clientFromFileName(file: string, env?: Environment): ClientId | null {
  if (env) {
    const want = path.resolve(file);
    for (const project of [false, true]) {
      for (const spec of SPECS) {
        for (const loc of spec.locations as readonly ConfigLocation[]) {
          const t = loc.paths[env.platform];
          if (!t || loc.stale || (loc.scope === 'project') !== project) continue;
          const resolved = path.resolve(resolveTemplate(t, env));
          if (resolved === want || (resolved.includes('*') && path.dirname(resolved) === path.dirname(want) && segmentMatches(path.basename(resolved), path.basename(want)))) return spec.id;
        }
      }
    }
  }
  const parts = file.split(/[\\/]+/).filter(Boolean).map((s) => s.toLowerCase());
  const last = parts.slice(-2);
  for (const stale of [false, true]) {
    for (const spec of SPECS) {
      for (const loc of spec.locations as readonly ConfigLocation[]) {
        if (Boolean(loc.stale) !== stale) continue;
        for (const t of Object.values(loc.paths)) {
          const want = tail(t!, 2);
          if (want.length === 2 && segmentMatches(want[0]!, last[0]) && segmentMatches(want[1]!, last[1])) return spec.id;
        }
      }
    }
  }
  // ~/.claude.json and other single-segment names (a copy in another folder)
  for (const spec of SPECS) {
    for (const loc of spec.locations as readonly ConfigLocation[]) {
      if (loc.stale) continue;
      for (const t of Object.values(loc.paths)) {
        const base = tail(t!, 1)[0]!;
        if (base.startsWith('.') || base.includes('_')) if (base === parts[parts.length - 1]) return spec.id;
      }
    }
  }
  // a format only one client uses (TOML: Codex)
  const ext = /\.([a-z]+)$/.exec(parts[parts.length - 1] ?? '')?.[1]?.replace(/^yml$/, 'yaml');
  const byFormat = SPECS.filter((spec) => spec.format === ext);
  return byFormat.length === 1 ? byFormat[0]!.id : null;
}
