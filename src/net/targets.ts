// Which servers the network doctor probes: every distinct (URL, token) found by the tray-servers
// check, plus every --url/--workspace-id with --token (or TRAY_MCP_API_TOKEN). The subject of a
// result is the server origin; when two targets share an origin, the configs that use each are
// named too (never the token).
//
// A config entry is probed (with its token) only when its URL is a Tray Agent Gateway URL
// (https://{uuid}.mcp.tray.ai) or points at this machine: anything else would send the user's
// token to a host doctor itself flags as not Tray. Such an entry, and any URL with a user name or
// password in it, becomes a target that is *not probed* (no request, no token): each network check
// reports a `skip` saying why. A --url is the user's explicit choice and is probed as given.
import { createHash } from 'node:crypto';
import type { ClientId } from '../clients/catalog.js';
import { registerSecret } from '../lib/secrets.js';
import { isGatewayUrl, isHeadlessUrl } from '../gateway/url.js';
import { displayUrl, isLoopbackHost } from './url.js';

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

export interface NotProbed {
  /** details.reason */
  reason: 'url-not-tray' | 'url-credentials';
  /** why, in plain words (no credentials) */
  message: string;
}

/** https://{uuid}.mcp.tray.ai, or Tray's Headless MCP server (the Gateway's rules: src/gateway/url.ts). */
export function isTrayGatewayUrl(url: URL): boolean {
  return isGatewayUrl(url) || isHeadlessUrl(url);
}

/** Why a URL must not be probed, or undefined when it may be. `fromConfig`: it came from a client config. */
export function refuseUrl(url: URL, fromConfig: boolean): NotProbed | undefined {
  if (url.username || url.password) {
    return {
      reason: 'url-credentials',
      message:
        `not probed: the URL ${displayUrl(url)} has a user name or password in it (not shown). ` +
        'Clients do not send it as the token; remove it from the URL and put the token in the Authorization header',
    };
  }
  if (fromConfig && !isTrayGatewayUrl(url) && !isLoopbackHost(url.hostname)) {
    return {
      reason: 'url-not-tray',
      message:
        `not probed: ${displayUrl(url)} is not a Tray Agent Gateway URL (https://<workspace-id>.mcp.tray.ai), ` +
        'so the token was not sent there. Fix the URL in the config (see tray-servers); to probe it anyway, use --url',
    };
  }
  return undefined;
}

/** What the network layer needs of a config entry (the tray-servers check's data fits it). */
export interface ConfigTarget {
  client: ClientId;
  name: string;
  url: string;
  token?: string;
  ref: { display: string };
}

export function collectTargets(
  entries: readonly ConfigTarget[],
  urls: readonly string[],
  token: string | undefined,
): ProbeTarget[] {
  const byKey = new Map<string, ProbeTarget>();
  const add = (raw: string, tok: string | undefined, source: TargetSource, fromConfig: boolean) => {
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
    const notProbed = refuseUrl(url, fromConfig);
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
      display: displayUrl(url),
      origin: url.origin,
      token: t,
      sources: [source],
      key,
      subject: url.origin,
      client: null,
      ...(notProbed ? { notProbed } : {}),
    });
  };
  for (const e of entries) {
    add(e.url, e.token, { client: e.client, label: `${e.client} › ${e.name} (${e.ref.display})`, name: e.name }, true);
  }
  for (const u of urls) add(u, token, { client: null, label: '--url' }, false);

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

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
