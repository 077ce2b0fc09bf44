// The proxy a Node client would use for an origin, from HTTPS_PROXY / HTTP_PROXY / NO_PROXY
// (either case), described with credentials removed.

export interface ProxyEnv {
  https?: string;
  http?: string;
  noProxy?: string;
}

export function proxyEnv(vars: Readonly<Record<string, string | undefined>>): ProxyEnv {
  const pick = (...names: string[]) => names.map((n) => vars[n]).find((v) => v !== undefined && v !== '');
  return {
    https: pick('HTTPS_PROXY', 'https_proxy'),
    http: pick('HTTP_PROXY', 'http_proxy'),
    noProxy: pick('NO_PROXY', 'no_proxy'),
  };
}

/** A proxy URL with any user:password removed; unparseable values are shown as "(invalid)". */
export function describeProxy(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url.includes('://') ? url : `http://${url}`);
    u.username = '';
    u.password = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return '(invalid proxy URL)';
  }
}

/** The proxy in effect for https traffic, credentials removed; null when none. */
export function effectiveProxy(vars: Readonly<Record<string, string | undefined>>): string | null {
  const p = proxyEnv(vars);
  return describeProxy(p.https ?? p.http);
}
