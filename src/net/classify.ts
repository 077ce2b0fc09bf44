// Turn a network error into facts: what kind of failure it is, the phase it happened in (dns, tcp,
// tls, http), the Node error code, and where (host, port, proxy, bound). Words and remedies are the
// checks' (src/checks/network-results.ts). Pure: unit-tested.

export type Phase = 'dns' | 'tcp' | 'tls' | 'http';

/**
 * What went wrong. Through a proxy whose tunnel was not up: `proxy-refused` (it answered the tunnel
 * request with an error status), `proxy-silent` (it accepted the connection, never answered the
 * tunnel request), `proxy-connect-timeout`, `proxy-timeout`, `proxy-connection-refused`, `proxy-dns`
 * (its own host name), `proxy-other`; `proxy-config` (the setting is not usable at all). Otherwise:
 * `certificate` (not trusted), `dns`, `refused`, `unreachable` (no route), `body-timeout` (headers
 * came, the body did not complete), `timeout` (in `phase`), `tls` (the handshake failed), `other`.
 */
export type FailureKind =
  | 'proxy-refused'
  | 'proxy-silent'
  | 'proxy-connect-timeout'
  | 'proxy-timeout'
  | 'proxy-connection-refused'
  | 'proxy-dns'
  | 'proxy-other'
  | 'proxy-config'
  | 'certificate'
  | 'dns'
  | 'refused'
  | 'unreachable'
  | 'body-timeout'
  | 'timeout'
  | 'tls'
  | 'other';

/** A network failure, as facts. */
export interface NetFailure {
  kind: FailureKind;
  phase: Phase;
  code: string;
  /** the proxy answered the tunnel request with this status */
  proxyStatus?: number;
  host: string;
  port: number;
  /** the bound of each step, ms */
  timeoutMs: number;
  /** the proxy the request went to (credentials removed), or null */
  proxy: string | null;
  loopback: boolean;
  /** a proxy variable is set (even if this host bypasses it) */
  proxyConfigured: boolean;
  /** the innermost error's own message (not redacted or cut: whoever shows it does) */
  detail: string;
}

export interface FailureContext {
  /** the phase the connection had reached when the error came */
  phase: Phase;
  host: string;
  port: number;
  timeoutMs: number;
  /** the request went to a proxy (credentials removed), or null */
  proxy: string | null;
  /** the proxy tunnel to the server was up */
  tunnelUp: boolean;
  /** a proxy env var is set (even if this host bypasses it) */
  proxyConfigured: boolean;
  loopback: boolean;
}

export const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'EAI_NONAME', 'ENODATA', 'ESERVFAIL']);
export const CERT_CODES = new Set([
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REVOKED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
]);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ETIMEOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ABORT_ERR_TIMEOUT']);
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN', 'EADDRNOTAVAIL']);

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  name?: unknown;
  phase?: unknown;
}

/** Walk an error and its causes (fetch wraps the real one as `cause`). */
export function errorChain(err: unknown): ErrorLike[] {
  const out: ErrorLike[] = [];
  let e: unknown = err;
  for (let i = 0; i < 8 && e && typeof e === 'object'; i++) {
    out.push(e as ErrorLike);
    const next = (e as ErrorLike).cause;
    if (next === e) break;
    e = next;
  }
  return out;
}

/** The most specific error code in the chain (a cert code beats a wrapper's code). */
export function errorCode(err: unknown): string | undefined {
  const codes = errorChain(err)
    .map((e) => (typeof e.code === 'string' ? e.code : undefined))
    .filter((c): c is string => Boolean(c));
  return codes.find((c) => CERT_CODES.has(c)) ?? codes.find((c) => c !== 'UND_ERR_PRX_TLS') ?? codes[0];
}

/** A short message from the innermost error that has one. */
export function errorMessage(err: unknown): string {
  const chain = errorChain(err);
  for (let i = chain.length - 1; i >= 0; i--) {
    const m = chain[i]!.message;
    if (typeof m === 'string' && m && m !== 'fetch failed') return m;
  }
  return err instanceof Error ? err.message : String(err);
}

/** A phase recorded on the error by the connector, if any. */
function taggedPhase(err: unknown): Phase | undefined {
  for (const e of errorChain(err)) {
    if (e.phase === 'dns' || e.phase === 'tcp' || e.phase === 'tls' || e.phase === 'http') return e.phase;
  }
  return undefined;
}

export function classifyNetworkError(err: unknown, c: FailureContext): NetFailure {
  const code = errorCode(err) ?? 'UNKNOWN';
  const raw = errorMessage(err);
  let phase: Phase = taggedPhase(err) ?? c.phase;
  const viaProxy = c.proxy !== null;
  const proxyMatch = /Proxy response \((\d{3})\)/.exec(raw);
  const facts = { code, host: c.host, port: c.port, timeoutMs: c.timeoutMs, proxy: c.proxy, loopback: c.loopback, proxyConfigured: c.proxyConfigured, detail: raw };

  // The proxy itself: not reachable, or it refused to open the tunnel.
  if (viaProxy && !c.tunnelUp && !CERT_CODES.has(code)) {
    if (proxyMatch) return { ...facts, kind: 'proxy-refused', phase: 'tcp', proxyStatus: Number(proxyMatch[1]) };
    const kind: FailureKind =
      code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT'
        ? 'proxy-silent'
        : code === 'UND_ERR_CONNECT_TIMEOUT'
          ? 'proxy-connect-timeout'
          : TIMEOUT_CODES.has(code)
            ? 'proxy-timeout'
            : code === 'ECONNREFUSED'
              ? 'proxy-connection-refused'
              : DNS_CODES.has(code)
                ? 'proxy-dns'
                : 'proxy-other';
    return { ...facts, kind, phase: 'tcp' };
  }
  if (CERT_CODES.has(code)) return { ...facts, kind: 'certificate', phase: 'tls' };
  if (DNS_CODES.has(code)) return { ...facts, kind: 'dns', phase: 'dns' };
  if (code === 'ECONNREFUSED') return { ...facts, kind: 'refused', phase: 'tcp' };
  if (UNREACHABLE_CODES.has(code)) return { ...facts, kind: 'unreachable', phase: 'tcp' };
  if (code === 'UND_ERR_BODY_TIMEOUT') return { ...facts, kind: 'body-timeout', phase: 'http' };
  if (TIMEOUT_CODES.has(code)) {
    if (code === 'UND_ERR_HEADERS_TIMEOUT') phase = 'http';
    return { ...facts, kind: 'timeout', phase };
  }
  if (phase === 'tls' || /^ERR_SSL_|^EPROTO$|^ERR_TLS_/.test(code)) return { ...facts, kind: 'tls', phase: 'tls' };
  return { ...facts, kind: 'other', phase };
}
