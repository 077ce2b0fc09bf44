// URL rules for the network doctor: which hosts are loopback (plain http is allowed only there),
// and how a server URL is shown (no userinfo, query values masked: a URL may carry a secret).
import { BlockList, isIP } from 'node:net';

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');
loopback.addSubnet('::ffff:127.0.0.0', 104, 'ipv6');

/** 127.0.0.0/8, ::1 (and its IPv4-mapped forms), `localhost` and `*.localhost`. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  const family = isIP(h);
  if (family === 4) return loopback.check(h, 'ipv4');
  if (family === 6) return loopback.check(h, 'ipv6');
  return false;
}

/** Plain http to a host that is not loopback: a token would cross the network in clear text. */
export function isInsecure(url: URL): boolean {
  return url.protocol === 'http:' && !isLoopbackHost(url.hostname);
}

/** path + query with every query value masked (`/messages?sessionId=…`). */
export function displayPath(url: URL): string {
  const params = [...url.searchParams.keys()];
  const query = params.length ? '?' + params.map((k) => `${encodeURIComponent(k)}=…`).join('&') : '';
  return url.pathname + query;
}

/** origin + path (+ masked query), never userinfo or fragment. */
export function displayUrl(url: URL): string {
  return url.origin + (url.pathname === '/' && !url.search ? '' : displayPath(url));
}

/** The port a URL really uses (explicit or the scheme's default). */
export function effectivePort(url: URL): number {
  if (url.port) return Number(url.port);
  return url.protocol === 'https:' ? 443 : 80;
}
