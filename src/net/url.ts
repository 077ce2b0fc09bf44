// URL rules for the network doctor: which hosts are loopback (plain http is allowed only there),
// and how a server URL is shown (no userinfo, query values masked: a URL may carry a secret).
import { displayPath, displayUrl, isLoopbackHost } from '../gateway/url.js';

// One rule for loopback and for showing a URL: src/gateway/url.ts.
export { displayPath, displayUrl, isLoopbackHost };

/** Plain http to a host that is not loopback: a token would cross the network in clear text. */
export function isInsecure(url: URL): boolean {
  return url.protocol === 'http:' && !isLoopbackHost(url.hostname);
}

/** The port a URL really uses (explicit or the scheme's default). */
export function effectivePort(url: URL): number {
  if (url.port) return Number(url.port);
  return url.protocol === 'https:' ? 443 : 80;
}
