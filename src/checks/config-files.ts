// config-files: which client config files exist where each client reads them. Looks only (stat);
// never opens a file for writing, never creates one.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Check, CheckContext, CheckOutput, Result } from './types.js';
import type { ConfigFileRef, ConfigFilesData } from './data.js';
import { CLIENT_IDS, CLIENTS, clientFromFileName, setupLocation, type ClientId } from '../clients/catalog.js';

export { clientFromFileName };
import { displayPath, resolveTemplate, type Environment } from '../lib/environment.js';

type Row = Omit<Result, 'check'>;

const check: Check<ConfigFilesData, 'config-files'> = {
  id: 'config-files',
  title: 'Client config files',
  needs: [],
  async run(ctx): Promise<CheckOutput<ConfigFilesData>> {
    const explicit = ctx.options.configPaths.length > 0;
    const refs = explicit ? explicitRefs(ctx) : await expandGlobs(catalogRefs(ctx));
    await Promise.all(refs.map(probe));
    const results = explicit ? refs.map((r) => resultFor(r, refs, ctx.env)) : catalogResults(refs, ctx);
    return { results, data: { refs } };
  },
};
export default check;

/** Every catalog location of the selected clients on the target platform. */
export function catalogRefs(ctx: Pick<CheckContext, 'env' | 'options'>): ConfigFileRef[] {
  const clients: readonly ClientId[] = ctx.options.clients.length ? ctx.options.clients : CLIENT_IDS;
  const refs: ConfigFileRef[] = [];
  for (const client of clients) {
    for (const loc of CLIENTS[client].locations) {
      const template = loc.paths[ctx.env.platform];
      if (!template) continue;
      const p = resolveTemplate(template, ctx.env);
      // Run from the home folder, a project file is the user file (~/.cursor/mcp.json): one ref.
      if (refs.some((r) => r.client === client && r.path === p)) continue;
      refs.push({
        client,
        path: p,
        display: displayPath(p, ctx.env),
        scope: loc.scope,
        stale: loc.stale ?? false,
        ...(loc.note ? { note: loc.note } : {}),
        explicit: false,
        kind: 'missing',
        clientFrom: 'catalog',
      });
    }
  }
  return refs;
}

/** At most this many files of one `*` location (Continue's .continue/mcpServers/*.yaml) are read. */
export const MAX_GLOB_FILES = 20;

/**
 * A location whose last segment is a `*`-glob (a folder of block files: Continue's
 * .continue/mcpServers/*.yaml) stands for each file there that matches, in name order (at most
 * MAX_GLOB_FILES); when none does (or there is no folder) it stays as one ref that is missing.
 */
export async function expandGlobs(refs: ConfigFileRef[]): Promise<ConfigFileRef[]> {
  const out: ConfigFileRef[] = [];
  for (const ref of refs) {
    const base = path.basename(ref.path);
    if (!base.includes('*')) {
      out.push(ref);
      continue;
    }
    const re = new RegExp(`^${base.split('*').map((x) => x.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');
    let names: string[] = [];
    try {
      names = (await readdir(path.dirname(ref.path))).filter((n) => re.test(n)).sort().slice(0, MAX_GLOB_FILES);
    } catch {
      /* no folder: the location stays missing */
    }
    if (names.length === 0) out.push(ref);
    for (const n of names) {
      const p = path.join(path.dirname(ref.path), n);
      out.push({ ...ref, path: p, display: path.join(path.dirname(ref.display), n) });
    }
  }
  return out;
}

/** The files named with --config; the client from --client, else from the file's name. */
export function explicitRefs(ctx: Pick<CheckContext, 'env' | 'options'>): ConfigFileRef[] {
  const known = catalogRefs({ env: ctx.env, options: { ...ctx.options, clients: [] } });
  return ctx.options.configPaths.map(({ path: given, client }) => {
    const p = path.resolve(ctx.env.cwd, given);
    const byName = client ? null : clientFromFileName(p, ctx.env);
    const chosen: ClientId = client ?? byName ?? 'claude';
    const clientFrom: ConfigFileRef['clientFrom'] = client ? 'flag' : byName ? 'file-name' : 'default';
    const loc = known.find((r) => r.client === chosen && samePath(r.path, p));
    return {
      client: chosen,
      path: p,
      display: displayPath(p, ctx.env),
      scope: loc?.scope ?? (isProjectFile(p) ? 'project' : 'user'),
      stale: loc?.stale ?? false,
      ...(loc?.note ? { note: loc.note } : {}),
      explicit: true,
      kind: 'missing',
      clientFrom,
    };
  });
}

/** Is this a project-scope file of some client (.mcp.json, .cursor/mcp.json, .vscode/mcp.json, …)? */
function isProjectFile(p: string): boolean {
  const file = p.replace(/\\/g, '/').toLowerCase();
  const endsLike = (t: string) => {
    const tail = t.replace(/^\.\//, '/').toLowerCase();
    if (!tail.includes('*')) return file.endsWith(tail);
    const re = new RegExp(`${tail.split('*').map((x) => x.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')}$`);
    return re.test(file);
  };
  return CLIENT_IDS.some((id) => CLIENTS[id].locations.some((l) => l.scope === 'project' && Object.values(l.paths).some((t) => endsLike(t!))));
}

function samePath(a: string, b: string): boolean {
  return path.resolve(a) === path.resolve(b);
}

/** Fill in kind/size/mode by stat (follows symlinks: a linked dotfile is still the file). */
async function probe(ref: ConfigFileRef): Promise<void> {
  try {
    const s = await stat(ref.path);
    if (s.isFile()) {
      ref.kind = 'file';
      ref.size = s.size;
      ref.mode = s.mode & 0o7777;
    } else {
      ref.kind = s.isDirectory() ? 'directory' : 'other';
      ref.mode = s.mode & 0o7777;
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'UNKNOWN';
    if (code === 'ENOENT' || code === 'ENOTDIR') ref.kind = 'missing';
    else {
      ref.kind = 'unreadable';
      ref.error = code;
    }
  }
}

/** Where the client really reads its user-scope file on this platform (for "wrong location"). */
function liveLocation(client: ClientId, refs: readonly ConfigFileRef[], env: Environment): string {
  const live = refs.find((r) => r.client === client && !r.stale && r.scope === 'user');
  if (live) return live.display;
  const template = setupLocation(client, env.platform)?.paths[env.platform];
  return template ? displayPath(resolveTemplate(template, env), env) : 'its own config file';
}

function facts(ref: ConfigFileRef): Record<string, unknown> {
  return {
    kind: ref.kind,
    scope: ref.scope,
    ...(ref.size !== undefined ? { size: ref.size } : {}),
    ...(ref.mode !== undefined ? { mode: ref.mode.toString(8).padStart(4, '0') } : {}),
    ...(ref.stale ? { stale: true } : {}),
    ...(ref.error ? { error: ref.error } : {}),
    ...(ref.note ? { note: ref.note } : {}),
  };
}

const sizeText = (n: number) => (n < 1024 ? `${n} bytes` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);

/** One result for a ref (the subject is its displayed path). */
function resultFor(ref: ConfigFileRef, refs: readonly ConfigFileRef[], env: Environment, also: ConfigFileRef[] = []): Row {
  const name = CLIENTS[ref.client].name;
  const client = ref.clientFrom === 'default' ? null : ref.client;
  const base = { subject: ref.display, client, details: { ...facts(ref), ...(also.length && ref.kind === 'file' ? { alsoNamedFor: also.map((a) => a.client) } : {}) } };
  const scope = ref.scope === 'project' ? 'project' : 'user';
  const alsoText = also.length && ref.kind === 'file'
    ? ` (the product docs also name this file for ${also.map((a) => CLIENTS[a.client].name).join(', ')}, which ${also.length === 1 ? 'does' : 'do'} not read it)`
    : '';
  switch (ref.kind) {
    case 'file':
      if (ref.stale) {
        return {
          ...base,
          status: 'warn',
          message: `This file exists, but ${name} does not read it: ${name} reads ${liveLocation(ref.client, refs, env)}. Anything meant for ${name} belongs there.`,
          remedies: ['config-wrong-location'],
        };
      }
      return {
        ...base,
        status: 'pass',
        message: ref.clientFrom === 'default'
          ? `found (${sizeText(ref.size ?? 0)}); its client will be told from its content`
          : `${name} ${scope} config found (${sizeText(ref.size ?? 0)})${alsoText}`,
        remedies: [],
      };
    case 'missing':
      if (ref.explicit) {
        return { ...base, status: 'fail', message: `No such file: ${ref.display} (given with --config). Check the path.`, remedies: ['config-not-found'] };
      }
      return {
        ...base,
        status: 'skip',
        message: ref.stale
          ? `not present (fine: ${name} does not read this location)`
          : `not present: ${name} has no ${scope} config here${alsoText}`,
        remedies: [],
      };
    case 'directory':
      if (ref.stale && !ref.explicit) return { ...base, status: 'skip', message: `a folder, not a file (${name} does not read this location)`, remedies: [] };
      return {
        ...base,
        status: 'fail',
        message: `This is a folder, but ${name} expects its config file here, so it cannot read its MCP servers. Move the folder out of the way (rename it), then run \`tray-mcp setup\` or let ${name} create the file.`,
        remedies: ['config-not-found'],
      };
    case 'other':
      if (ref.stale && !ref.explicit) return { ...base, status: 'skip', message: `not a regular file (${name} does not read this location)`, remedies: [] };
      return {
        ...base,
        status: 'fail',
        message: `This is not a regular file (a device, socket or pipe), so ${name} cannot read its config from it. Remove it, then run \`tray-mcp setup\`.`,
        remedies: ['config-not-found'],
      };
    case 'unreadable':
      return {
        ...base,
        status: 'fail',
        message: `Cannot look at this path (${ref.error ?? 'permission denied'}): a folder on the way is not accessible to you, so ${name} (running as you) cannot read its config either. Fix the folder's permissions (e.g. chmod u+rx on it).`,
        remedies: ['config-file-unreadable'],
      };
  }
}

function catalogResults(refs: ConfigFileRef[], ctx: Pick<CheckContext, 'env' | 'options'>): Row[] {
  const rows: Row[] = [];
  const byPath = new Map<string, ConfigFileRef[]>();
  for (const r of refs) byPath.set(r.path, [...(byPath.get(r.path) ?? []), r]);
  for (const group of byPath.values()) {
    const live = group.filter((r) => !r.stale);
    if (live.length) {
      // A stale location that is another client's real file (Cursor's docs path = Cline's file):
      // report it once, for the client that reads it.
      const stale = group.filter((r) => r.stale);
      live.forEach((r, i) => rows.push(resultFor(r, refs, ctx.env, i === 0 ? stale : [])));
    } else {
      for (const r of group) rows.push(resultFor(r, refs, ctx.env));
    }
  }
  const liveFiles = refs.filter((r) => !r.stale && r.kind === 'file');
  if (liveFiles.length === 0) {
    const clients = [...new Set(refs.map((r) => r.client))];
    const names = clients.map((c) => CLIENTS[c].name).join(', ');
    const staleFiles = refs.filter((r) => r.stale && r.kind === 'file' && !refs.some((o) => !o.stale && o.path === r.path));
    rows.push({
      subject: 'all clients',
      client: clients.length === 1 ? clients[0]! : null,
      status: 'fail',
      message:
        `No client config file found: none of the ${new Set(refs.filter((r) => !r.stale).map((r) => r.path)).size} places where ${names} read their MCP servers has a file` +
        (staleFiles.length ? ` (only ${staleFiles.map((r) => r.display).join(', ')}, which ${staleFiles.length === 1 ? 'its client does' : 'their clients do'} not read)` : '') +
        '. Run `tray-mcp setup` to add your Tray server to a client, or point doctor at your file with --config PATH.',
      details: { searched: refs.filter((r) => !r.stale).map((r) => r.display) },
      remedies: ['config-not-found'],
    });
  }
  return rows;
}
