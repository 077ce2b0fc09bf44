// Turn a network error into a finding: the phase it happened in (dns, tcp, tls, http), the Node
// error code, a plain-words message and the remedies, most likely first. Pure: unit-tested.
import type { RemedyId } from '../remedies/catalog.js';

export type Phase = 'dns' | 'tcp' | 'tls' | 'http';

export interface NetFailure {
  phase: Phase;
  code: string;
  message: string;
  remedies: RemedyId[];
  /** the proxy answered the tunnel request with this status */
  proxyStatus?: number;
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
  const where = `${c.host}:${c.port}`;
  const viaProxy = c.proxy !== null;
  const proxyMatch = /Proxy response \((\d{3})\)/.exec(raw);

  // The proxy itself: not reachable, or it refused to open the tunnel.
  if (viaProxy && !c.tunnelUp && !CERT_CODES.has(code)) {
    if (proxyMatch) {
      const status = Number(proxyMatch[1]);
      const why = status === 407 ? 'it wants proxy credentials' : status === 403 ? 'it does not allow this destination' : 'it could not connect onwards';
      return {
        phase: 'tcp',
        code,
        proxyStatus: status,
        message: `the proxy ${c.proxy} refused to open a tunnel to ${where} (HTTP ${status}: ${why})`,
        remedies: ['proxy-misconfigured', 'server-unreachable'],
      };
    }
    const check = 'check HTTPS_PROXY/HTTP_PROXY and NO_PROXY';
    const proxyFailure = (message: string): NetFailure => ({ phase: 'tcp', code, message: `${message}; ${check}`, remedies: ['proxy-misconfigured', 'server-unreachable'] });
    if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
      return proxyFailure(`the proxy ${c.proxy} accepted the connection but did not answer the request to open a tunnel to ${where} (CONNECT) within ${c.timeoutMs} ms (${code})`);
    }
    if (code === 'UND_ERR_CONNECT_TIMEOUT') return proxyFailure(`no TCP connection to the proxy ${c.proxy} within ${c.timeoutMs} ms (${code}), so ${where} was not tried`);
    if (TIMEOUT_CODES.has(code)) return proxyFailure(`the proxy ${c.proxy} did not open a tunnel to ${where} in time (${code}; each step is bounded by ${c.timeoutMs} ms)`);
    if (code === 'ECONNREFUSED') return proxyFailure(`the proxy ${c.proxy} refused the connection (ECONNREFUSED): nothing is listening there, so ${where} was not tried`);
    if (DNS_CODES.has(code)) return proxyFailure(`the proxy's host name in ${c.proxy} does not resolve (${code}), so ${where} was not tried`);
    return proxyFailure(`could not get through the proxy ${c.proxy} to ${where} (${code}: ${raw})`);
  }

  if (CERT_CODES.has(code)) {
    return {
      phase: 'tls',
      code,
      message:
        `the TLS certificate of ${c.host} is not trusted (${code})` +
        (viaProxy ? `; the proxy ${c.proxy} may be intercepting TLS` : '; a proxy, VPN or antivirus on this network may be intercepting TLS') +
        '. If your IT team gives you their root certificate, point NODE_EXTRA_CA_CERTS at it (a PEM file) and restart the client',
      remedies: ['tls-untrusted', 'proxy-misconfigured'],
    };
  }

  const offerProxy = !c.loopback && !c.proxyConfigured;
  const unreachable: RemedyId[] = offerProxy ? ['server-unreachable', 'proxy-misconfigured'] : ['server-unreachable'];

  if (DNS_CODES.has(code)) {
    return {
      phase: 'dns',
      code,
      message: `DNS lookup of ${c.host} failed (${code}): the name does not resolve from this machine; check the URL (workspace id), your network, VPN or DNS`,
      remedies: unreachable,
    };
  }
  if (code === 'ECONNREFUSED') {
    return { phase: 'tcp', code, message: `connection to ${where} refused (ECONNREFUSED): nothing is listening there, or a firewall rejects it`, remedies: unreachable };
  }
  if (UNREACHABLE_CODES.has(code)) {
    return { phase: 'tcp', code, message: `no route to ${where} (${code}): the network, VPN or a firewall blocks it`, remedies: unreachable };
  }
  if (code === 'UND_ERR_BODY_TIMEOUT') {
    return {
      phase: 'http',
      code,
      message: `${where} started its HTTP answer (the headers arrived), but the body did not complete: nothing more came for ${c.timeoutMs} ms (${code})`,
      remedies: unreachable,
    };
  }
  if (TIMEOUT_CODES.has(code)) {
    if (code === 'UND_ERR_HEADERS_TIMEOUT') phase = 'http';
    const what =
      phase === 'dns'
        ? `DNS lookup of ${c.host} did not finish`
        : phase === 'tcp'
          ? `no TCP connection to ${where}`
          : phase === 'tls'
            ? `the TLS handshake with ${where} did not finish`
            : `connected to ${where}, but no HTTP answer (not even its headers) came`;
    return {
      phase,
      code,
      message: `${what} within ${c.timeoutMs} ms (${code})${phase === 'tcp' ? ': a firewall may drop the traffic' : ''}`,
      remedies: phase === 'tls' ? ['server-unreachable', 'tls-untrusted'] : unreachable,
    };
  }
  if (phase === 'tls' || /^ERR_SSL_|^EPROTO$|^ERR_TLS_/.test(code)) {
    return {
      phase: 'tls',
      code,
      message: `the TLS handshake with ${where} failed (${code}: ${raw}); is it really an https server? A proxy or VPN may be interfering`,
      remedies: ['server-unreachable', 'tls-untrusted'],
    };
  }
  return {
    phase,
    code,
    message:
      phase === 'http'
        ? `the connection to ${where} broke before an HTTP answer (${code}: ${raw})`
        : `could not connect to ${where} (${code}: ${raw})`,
    remedies: unreachable,
  };
}
