// bridge: the mcp-remote bridge that command-based Tray entries run through npx — the copies npx has
// cached (a damaged one fails with ERR_MODULE_NOT_FOUND under _npx), and OAuth state mcp-remote
// keeps for a Tray server in ~/.mcp-auth (stale client registrations and lock files make it ask for a
// sign-in, or fail with invalid_client, although the entry sends a token). Reads only.
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Check, CheckContext, CheckOutput, Result } from './types.js';
import type { TrayServerEntry, TrayServersData } from './data.js';
import { CLIENTS } from '../clients/catalog.js';
import { displayPath, resolveTemplate } from '../lib/environment.js';
import { BRIDGE_PACKAGE } from '../lib/bridge.js';

type Row = Omit<Result, 'check'>;

/** npx's cache: ~/.npm/_npx/<hash>/node_modules/<package> (npm_config_cache moves ~/.npm). */
function npxCacheDir(ctx: CheckContext): string {
  const custom = ctx.env.homeOverridden ? undefined : ctx.env.vars.npm_config_cache;
  if (custom) return path.join(custom, '_npx');
  return ctx.env.platform === 'win32' ? resolveTemplate('%LOCALAPPDATA%/npm-cache/_npx', ctx.env) : resolveTemplate('~/.npm/_npx', ctx.env);
}

/** mcp-remote's state folder (MCP_REMOTE_CONFIG_DIR, default ~/.mcp-auth), and its per-version subfolders. */
function authDir(ctx: CheckContext): string {
  const custom = ctx.env.homeOverridden ? undefined : ctx.env.vars.MCP_REMOTE_CONFIG_DIR;
  return custom ?? resolveTemplate('~/.mcp-auth', ctx.env);
}

async function entries(dir: string, max = 500): Promise<string[]> {
  try {
    return (await readdir(dir)).slice(0, max);
  } catch {
    return [];
  }
}

interface Cached {
  dir: string;
  version: string | null;
  /** the package is there but the file its bin points at is not */
  broken: boolean;
}

/** Every mcp-remote npx has cached: version, and whether its bin file is there. */
async function cachedBridges(ctx: CheckContext): Promise<Cached[]> {
  const root = npxCacheDir(ctx);
  const out: Cached[] = [];
  for (const hash of await entries(root)) {
    const dir = path.join(root, hash, 'node_modules', BRIDGE_PACKAGE);
    let pkg: { version?: unknown; bin?: unknown };
    try {
      pkg = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8'));
    } catch {
      // a folder without a readable package.json: an interrupted install
      if ((await stat(dir).catch(() => null))?.isDirectory()) out.push({ dir, version: null, broken: true });
      continue;
    }
    const bins = typeof pkg.bin === 'string' ? [pkg.bin] : pkg.bin && typeof pkg.bin === 'object' ? Object.values(pkg.bin as Record<string, unknown>).filter((b): b is string => typeof b === 'string') : [];
    const missing = await Promise.all(bins.map(async (b) => !(await stat(path.join(dir, b)).catch(() => null))));
    out.push({ dir, version: typeof pkg.version === 'string' ? pkg.version : null, broken: missing.some(Boolean) });
  }
  return out;
}

/** The file-name prefixes mcp-remote uses for a server: md5 of its URL (older), or of URL|headers (newer). */
export function authHashes(url: string, token: string | undefined): string[] {
  const md5 = (s: string) => createHash('md5').update(s).digest('hex');
  const urls = [...new Set([url, url.replace(/\/$/, ''), url.endsWith('/') ? url : `${url}/`])];
  const out = urls.map(md5);
  if (token) for (const u of urls) out.push(md5(`${u}|${JSON.stringify({ Authorization: `Bearer ${token}` }, ['Authorization'])}`));
  return out;
}

/** mcp-remote's stored state for a server: client registrations, tokens, code verifiers, locks. */
async function authState(ctx: CheckContext, e: TrayServerEntry): Promise<string[]> {
  const hashes = new Set(authHashes(e.url, e.token));
  const root = authDir(ctx);
  const dirs = [root, ...(await entries(root)).filter((n) => /^mcp-remote/.test(n)).map((n) => path.join(root, n))];
  const found: string[] = [];
  for (const d of dirs) for (const n of await entries(d)) if (hashes.has(n.split('_')[0]!)) found.push(path.join(d, n));
  return found;
}

const check: Check<unknown, 'bridge'> = {
  id: 'bridge',
  title: 'mcp-remote bridge',
  needs: [],
  wants: ['tray-servers'],
  async run(ctx): Promise<CheckOutput> {
    const servers = await ctx.need<TrayServersData>('tray-servers');
    const bridged = (servers.data?.entries ?? []).filter((e) => e.form === 'command' && !e.ref.stale && e.loaded !== false);
    if (bridged.length === 0) {
      return { results: [{ subject: 'system', status: 'skip', message: `no Tray entry runs the ${BRIDGE_PACKAGE} bridge (command entries; Claude Desktop's setup writes one)`, remedies: [] }] };
    }
    const rows: Row[] = [];
    const cache = await cachedBridges(ctx);
    const broken = cache.filter((c) => c.broken);
    const versions = [...new Set(cache.map((c) => c.version).filter((v): v is string => v !== null))];
    rows.push(
      broken.length
        ? {
            subject: displayPath(npxCacheDir(ctx), ctx.env),
            client: null,
            status: 'fail',
            message: `npx's cache holds a damaged copy of ${BRIDGE_PACKAGE} (${broken.map((b) => displayPath(b.dir, ctx.env)).join(', ')}): the client's \`npx -y ${BRIDGE_PACKAGE}\` then fails with ERR_MODULE_NOT_FOUND. Delete ${broken.length === 1 ? 'that folder' : 'those folders'}' parent (the <hash> folder under _npx), or run \`npm cache clean --force\`, then restart the client.`,
            details: { cached: cache.map((c) => ({ dir: displayPath(c.dir, ctx.env), version: c.version, broken: c.broken })) },
            remedies: ['npx-cache-corrupt'],
          }
        : {
            subject: displayPath(npxCacheDir(ctx), ctx.env),
            client: null,
            status: 'pass',
            message: cache.length ? `npx has ${BRIDGE_PACKAGE} ${versions.join(', ') || '(version unknown)'} cached, intact` : `${BRIDGE_PACKAGE} is not in npx's cache yet: the first start downloads it (needs the npm registry)`,
            details: { cached: cache.map((c) => ({ dir: displayPath(c.dir, ctx.env), version: c.version, broken: false })) },
            remedies: [],
          },
    );
    const seen = new Set<string>();
    for (const e of bridged) {
      if (!e.url || seen.has(`${e.client}\n${e.url}`)) continue;
      seen.add(`${e.client}\n${e.url}`);
      const state = await authState(ctx, e);
      const subject = `${e.client} › ${e.name}`;
      if (state.length && e.token) {
        rows.push({
          subject,
          client: e.client,
          status: 'warn',
          message: `${BRIDGE_PACKAGE} keeps OAuth sign-in state for this server (${state.map((f) => displayPath(f, ctx.env)).join(', ')}), although the entry sends a token. Stale state makes it ask for a sign-in or fail with "invalid_client"; a lock file left by a crashed run blocks it. If ${CLIENTS[e.client].name} cannot connect, quit it and delete these files.`,
          details: { files: state.map((f) => displayPath(f, ctx.env)) },
          remedies: ['bridge-auth-state-stale'],
        });
      } else {
        rows.push({ subject, client: e.client, status: 'pass', message: `no stored ${BRIDGE_PACKAGE} sign-in state for this server`, details: { files: [] }, remedies: [] });
      }
    }
    return { results: rows };
  },
};
export default check;
