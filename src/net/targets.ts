// Which servers the network doctor probes: every distinct (URL, token) found by the tray-servers
// check, plus every --url/--workspace-id with --token (or TRAY_MCP_API_TOKEN). The subject of a
// result is the server origin; when two targets share an origin, the configs that use each are
// named too (never the token).
import { createHash } from 'node:crypto';
import type { ClientId } from '../clients/catalog.js';
import type { TrayServerEntry } from '../checks/data.js';
import { registerSecret } from '../lib/secrets.js';
import { displayUrl } from './url.js';

export interface TargetSource {
  client: ClientId | null;
  /** `cursor › tray-workspace (~/.cursor/mcp.json)` or `--url` */
  label: string;
}

export interface ProbeTarget {
  url: URL;
  /** the URL as shown (no userinfo, query values masked) */
  display: string;
  origin: string;
  /** never rendered; sent only to `origin` */
  token?: string;
  sources: TargetSource[];
  /** stable key for ctx.memo (holds a hash of the token, never the token) */
  key: string;
  /** result subject: the origin, disambiguated when origins repeat */
  subject: string;
  /** the one client all sources belong to, else null */
  client: ClientId | null;
}

export function collectTargets(
  entries: readonly TrayServerEntry[],
  urls: readonly string[],
  token: string | undefined,
): ProbeTarget[] {
  const byKey = new Map<string, ProbeTarget>();
  const add = (raw: string, tok: string | undefined, source: TargetSource) => {
    // tray-servers shows a URL it judged wrong with its query masked (`?…`): that is not the URL
    // the client uses, and tray-servers already reports it.
    if (raw.includes('…')) return;
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return; // tray-servers reports a malformed URL
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return;
    const t = tok && tok.trim() ? tok : undefined;
    registerSecret(t);
    url.hash = '';
    const key = `probe\n${url.href}\n${t ? createHash('sha256').update(t).digest('hex') : '-'}`;
    const existing = byKey.get(key);
    if (existing) {
      if (!existing.sources.some((s) => s.label === source.label)) existing.sources.push(source);
      return;
    }
    byKey.set(key, { url, display: displayUrl(url), origin: url.origin, token: t, sources: [source], key, subject: url.origin, client: null });
  };
  for (const e of entries) {
    add(e.url, e.token, { client: e.client, label: `${e.client} › ${e.name} (${e.ref.display})` });
  }
  for (const u of urls) add(u, token, { client: null, label: '--url' });

  const targets = [...byKey.values()];
  const perOrigin = new Map<string, number>();
  for (const t of targets) perOrigin.set(t.origin, (perOrigin.get(t.origin) ?? 0) + 1);
  for (const t of targets) {
    const clients = new Set(t.sources.map((s) => s.client));
    t.client = clients.size === 1 ? [...clients][0]! : null;
    if ((perOrigin.get(t.origin) ?? 0) > 1) {
      const path = t.url.pathname !== '/' ? t.display.slice(t.origin.length) : '';
      t.subject = `${t.origin}${path} (${t.sources.map((s) => s.label.replace(/ \(.*\)$/, '')).join(', ')})`;
    }
  }
  return targets;
}
