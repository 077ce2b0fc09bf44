// Which servers the network doctor probes: every distinct (URL, token) found by the tray-servers
// check, plus every --url/--workspace-id with --token (or TRAY_MCP_API_TOKEN). The subject of a
// result is the server origin; when two targets share an origin, the configs that use each are
// named too (never the token).
//
// Trust boundaries. A config file is data, not an instruction to send a token somewhere:
//   - a config entry is probed (with its token) only when its URL is a Tray Agent Gateway URL
//     (https://{uuid}.mcp.tray.ai); anything else, this machine included, would send the token (and
//     whatever environment variables the file expands into it) to a host the file chose. A local
//     server is probed only when the user names it with --url.
//   - an entry of a project-scope file (./.mcp.json, ./.cursor/mcp.json, ./.vscode/mcp.json: it came
//     with the folder, e.g. a cloned repository) is diagnosed but not probed unless the user asks
//     with --probe-project.
//   - a URL with a user name or password in it is never probed.
// Such an entry becomes a target that is *not probed* (no request, no token, not even a DNS
// lookup): each network check reports a `skip` saying why. A --url is the user's explicit choice
// and is probed as given.
import { createHash } from 'node:crypto';
import type { ClientId } from '../clients/catalog.js';
import type { Scope } from '../clients/types.js';
import { registerSecret } from '../lib/secrets.js';
import { isGatewayUrl, isHeadlessUrl } from '../gateway/url.js';
import { displayUrl, isLoopbackHost } from './url.js';
import { clip } from '../lib/redact.js';

/** A URL from a config is shown with at most this many characters (a config may hold a 400 KB one). */
const DISPLAY_MAX = 512;

export interface TargetSource {
  client: ClientId | null;
  /** `cursor › tray-workspace (~/.cursor/mcp.json)` or `--url` */
  label: string;
  /** the server's name in the client's config (absent for --url) */
  name?: string;
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
  /** set when the target must not be contacted at all (then there is no token either) */
  notProbed?: NotProbed;
}

/** Why a target is not contacted, as facts (the network checks word it: src/checks/network-results.ts). */
export interface NotProbed {
  /** details.reason: a user name or password in the URL; a config's URL that is not Tray's; an entry of a project config */
  reason: 'url-not-tray' | 'url-credentials' | 'project-config';
  /** the URL as shown (no credentials) */
  url: string;
  /** url-not-tray: the URL points at this machine */
  local?: boolean;
  /** project-config: the config file it came from (as shown) */
  file?: string;
}

/** https://{uuid}.mcp.tray.ai, or Tray's Headless MCP server (the Gateway's rules: src/gateway/url.ts). */
export function isTrayGatewayUrl(url: URL): boolean {
  return isGatewayUrl(url) || isHeadlessUrl(url);
}

/** Why a URL must not be probed, or undefined when it may be. `fromConfig`: it came from a client config. */
export function refuseUrl(url: URL, fromConfig: boolean): NotProbed | undefined {
  if (url.username || url.password) return { reason: 'url-credentials', url: displayUrl(url) };
  if (fromConfig && !isTrayGatewayUrl(url)) return { reason: 'url-not-tray', url: displayUrl(url), local: isLoopbackHost(url.hostname) };
  return undefined;
}

/** What the network layer needs of a config entry (the tray-servers check's data fits it). */
export interface ConfigTarget {
  client: ClientId;
  name: string;
  url: string;
  token?: string;
  ref: { display: string; scope?: Scope };
}

/** An entry of a project-scope config is not probed unless the user asked (--probe-project). */
function refuseProject(url: URL, file: string): NotProbed {
  return { reason: 'project-config', url: displayUrl(url), file };
}

export interface TargetOptions {
  /** probe entries of project-scope configs too (--probe-project) */
  probeProject?: boolean;
}

export function collectTargets(
  entries: readonly ConfigTarget[],
  urls: readonly string[],
  token: string | undefined,
  o: TargetOptions = {},
): ProbeTarget[] {
  const byKey = new Map<string, ProbeTarget>();
  const add = (raw: string, tok: string | undefined, source: TargetSource, fromConfig: boolean, project?: string) => {
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
    registerSecret(tok);
    // Credentials in a URL are never shown (display drops them); long ones are registered too, in
    // case some other text quotes them (short ones would blank out ordinary words).
    const password = safeDecode(url.password);
    const username = safeDecode(url.username);
    if (password.length >= 8) registerSecret(password);
    if (username.length >= 12) registerSecret(username);
    const notProbed = refuseUrl(url, fromConfig) ?? (project !== undefined ? refuseProject(url, project) : undefined);
    // A target that is not probed holds no token: nothing can send it by mistake.
    const t = !notProbed && tok && tok.trim() ? tok : undefined;
    url.hash = '';
    const key = notProbed
      ? `not-probed\n${notProbed.reason}\n${createHash('sha256').update(url.href).digest('hex')}`
      : `probe\n${url.href}\n${t ? createHash('sha256').update(t).digest('hex') : '-'}`;
    const existing = byKey.get(key);
    if (existing) {
      if (!existing.sources.some((s) => s.label === source.label)) existing.sources.push(source);
      return;
    }
    byKey.set(key, {
      url,
      display: clip(displayUrl(url), DISPLAY_MAX),
      origin: url.origin,
      token: t,
      sources: [source],
      key,
      subject: clip(url.origin, DISPLAY_MAX),
      client: null,
      ...(notProbed ? { notProbed } : {}),
    });
  };
  for (const e of entries) {
    const project = e.ref.scope === 'project' && !o.probeProject ? e.ref.display : undefined;
    add(e.url, e.token, { client: e.client, label: `${e.client} › ${clip(e.name, 200)} (${e.ref.display})`, name: e.name }, true, project);
  }
  for (const u of urls) add(u, token, { client: null, label: '--url' }, false);

  // A config entry at a URL the user also named with --url (this machine, say) is not probed for the
  // config (its token is never sent), but the --url probe is of the server that entry uses: the
  // entry's client is named on it, so per-client findings (eras, tool limits) still come.
  const named = new Map<string, ProbeTarget>();
  for (const t of byKey.values()) if (!t.notProbed && t.sources.some((x) => x.label === '--url')) named.set(t.url.href, t);
  for (const [key, t] of byKey) {
    const same = t.notProbed?.reason === 'url-not-tray' ? named.get(t.url.href) : undefined;
    if (!same) continue;
    for (const src of t.sources) if (!same.sources.some((x) => x.label === src.label)) same.sources.push(src);
    byKey.delete(key);
  }
  const targets = [...byKey.values()];
  const perOrigin = new Map<string, number>();
  for (const t of targets) perOrigin.set(t.origin, (perOrigin.get(t.origin) ?? 0) + 1);
  for (const t of targets) {
    // --url with config entries of the same server: the entries' client
    const fromConfig = t.sources.filter((s) => s.client !== null);
    const clients = new Set((fromConfig.length ? fromConfig : t.sources).map((s) => s.client));
    t.client = clients.size === 1 ? [...clients][0]! : null;
    if ((perOrigin.get(t.origin) ?? 0) > 1) {
      const path = t.url.pathname !== '/' ? t.display.slice(t.origin.length) : '';
      t.subject = clip(`${t.origin}${path} (${t.sources.map((s) => s.label.replace(/ \(.*\)$/, '')).join(', ')})`, 2 * DISPLAY_MAX);
    }
  }
  return targets;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
