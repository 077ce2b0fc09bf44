import { describe, it, expect } from 'vitest';
import { classifyNetworkError, errorCode, type FailureContext } from '../../src/net/classify.js';
import { netFailureWords } from '../../src/checks/network-results.js';

const ctx = (extra: Partial<FailureContext> = {}): FailureContext => ({
  phase: 'tcp',
  host: 'ws.mcp.tray.ai',
  port: 443,
  timeoutMs: 1000,
  proxy: null,
  tunnelUp: false,
  proxyConfigured: false,
  loopback: false,
  ...extra,
});
/** The facts the network layer returns, and the words the network checks give them. */
const classify = (err: unknown, c: FailureContext) => {
  const f = classifyNetworkError(err, c);
  return { ...f, ...netFailureWords(f) };
};
/** What undici's fetch rejects with: TypeError('fetch failed') whose cause is the Node error. */
const fetchFailed = (code: string, message = code, props: Record<string, unknown> = {}) =>
  new TypeError('fetch failed', { cause: Object.assign(new Error(message), { code, ...props }) });

describe('net/classify', () => {
  it('DNS failures are the dns phase, server-unreachable then proxy-misconfigured (a proxy may be needed)', () => {
    const f = classify(fetchFailed('ENOTFOUND', 'getaddrinfo ENOTFOUND ws.mcp.tray.ai'), ctx({ phase: 'dns' }));
    expect(f).toMatchObject({ phase: 'dns', code: 'ENOTFOUND', remedies: ['server-unreachable', 'proxy-misconfigured'] });
    expect(f.message).toContain('ws.mcp.tray.ai');
    expect(classify(fetchFailed('EAI_AGAIN'), ctx({ phase: 'dns' })).phase).toBe('dns');
  });

  it('refused and unreachable are the tcp phase', () => {
    expect(classify(fetchFailed('ECONNREFUSED'), ctx())).toMatchObject({ phase: 'tcp', code: 'ECONNREFUSED' });
    expect(classify(fetchFailed('EHOSTUNREACH'), ctx())).toMatchObject({ phase: 'tcp', code: 'EHOSTUNREACH' });
    // to this machine, no proxy advice
    expect(classify(fetchFailed('ECONNREFUSED'), ctx({ loopback: true })).remedies).toEqual(['server-unreachable']);
  });

  it('certificate errors are tls-untrusted, naming NODE_EXTRA_CA_CERTS and the proxy when there is one', () => {
    for (const code of ['SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'CERT_HAS_EXPIRED']) {
      const f = classify(fetchFailed(code), ctx({ phase: 'tls' }));
      expect(f).toMatchObject({ phase: 'tls', code, remedies: ['tls-untrusted', 'proxy-misconfigured'] });
      expect(f.message).toContain('NODE_EXTRA_CA_CERTS');
    }
    const viaProxy = classify(fetchFailed('SELF_SIGNED_CERT_IN_CHAIN'), ctx({ phase: 'tls', proxy: 'http://proxy:8080', tunnelUp: true }));
    expect(viaProxy.message).toContain('http://proxy:8080');
  });

  it('a cert code wins over a wrapper code (undici wraps proxy TLS errors)', () => {
    const inner = Object.assign(new Error('self-signed certificate in certificate chain'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' });
    const wrapper = Object.assign(new Error('secure proxy connection failed', { cause: inner }), { code: 'UND_ERR_PRX_TLS' });
    expect(errorCode(new TypeError('fetch failed', { cause: wrapper }))).toBe('SELF_SIGNED_CERT_IN_CHAIN');
  });

  it('time-outs keep the phase they happened in', () => {
    const tagged = (phase: string) => new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'ETIMEDOUT', phase }) });
    expect(classify(tagged('dns'), ctx()).phase).toBe('dns');
    expect(classify(tagged('tcp'), ctx()).message).toContain('no TCP connection');
    expect(classify(tagged('tls'), ctx()).phase).toBe('tls');
    const headers = classify(fetchFailed('UND_ERR_HEADERS_TIMEOUT'), ctx({ phase: 'tcp' }));
    expect(headers).toMatchObject({ phase: 'http', code: 'UND_ERR_HEADERS_TIMEOUT' });
    expect(headers.message).toContain('1000 ms');
  });

  it('the proxy failing is proxy-misconfigured; a 407 from the proxy is said so', () => {
    const down = classify(fetchFailed('ECONNREFUSED'), ctx({ proxy: 'http://proxy:3128', proxyConfigured: true }));
    expect(down).toMatchObject({ phase: 'tcp', remedies: ['proxy-misconfigured', 'server-unreachable'] });
    expect(down.message).toContain('http://proxy:3128');
    const auth = classify(
      new TypeError('fetch failed', { cause: Object.assign(new Error('Proxy response (407) !== 200 when HTTP Tunneling'), { code: 'UND_ERR_ABORTED' }) }),
      ctx({ proxy: 'http://proxy:3128', proxyConfigured: true }),
    );
    expect(auth).toMatchObject({ proxyStatus: 407, remedies: ['proxy-misconfigured', 'server-unreachable'] });
    expect(auth.message).toContain('credentials');
  });

  it('a broken TLS handshake that is not about the certificate', () => {
    const f = classify(fetchFailed('ERR_SSL_WRONG_VERSION_NUMBER'), ctx({ phase: 'tls' }));
    expect(f).toMatchObject({ phase: 'tls', remedies: ['server-unreachable', 'tls-untrusted'] });
  });

  it('a reset after connecting is the http phase', () => {
    expect(classify(fetchFailed('UND_ERR_SOCKET', 'other side closed'), ctx({ phase: 'http' }))).toMatchObject({ phase: 'http', code: 'UND_ERR_SOCKET' });
  });

  it('a proxy that accepts the connection but never answers CONNECT is named (without credentials), not "no HTTP answer"', () => {
    const f = classify(fetchFailed('UND_ERR_HEADERS_TIMEOUT', 'Headers Timeout Error'), ctx({ proxy: 'http://proxy:3128', proxyConfigured: true }));
    expect(f).toMatchObject({ phase: 'tcp', code: 'UND_ERR_HEADERS_TIMEOUT', remedies: ['proxy-misconfigured', 'server-unreachable'] });
    expect(f.message).toContain('the proxy http://proxy:3128 accepted the connection but did not answer');
    expect(f.message).toContain('1000 ms');
    const connect = classify(fetchFailed('UND_ERR_CONNECT_TIMEOUT'), ctx({ proxy: 'http://proxy:3128', proxyConfigured: true }));
    expect(connect.message).toContain('no TCP connection to the proxy http://proxy:3128 within 1000 ms');
    const refused = classify(fetchFailed('ECONNREFUSED'), ctx({ proxy: 'http://proxy:3128', proxyConfigured: true }));
    expect(refused.message).toContain('the proxy http://proxy:3128 refused the connection');
  });

  it('a body that stops coming after the headers is said so, not "no HTTP answer"', () => {
    const f = classify(fetchFailed('UND_ERR_BODY_TIMEOUT', 'Body Timeout Error'), ctx({ phase: 'http' }));
    expect(f).toMatchObject({ phase: 'http', code: 'UND_ERR_BODY_TIMEOUT' });
    expect(f.message).toContain('the headers arrived');
    expect(f.message).toContain('body did not complete');
    expect(f.message).not.toContain('no HTTP answer');
  });

  it('returns facts only: a kind, phase, code and where; no words, no remedies (the checks choose those)', () => {
    const cases: [unknown, Partial<FailureContext>][] = [
      [fetchFailed('ENOTFOUND'), { phase: 'dns' }],
      [fetchFailed('ECONNREFUSED'), { proxy: 'http://proxy:3128', proxyConfigured: true }],
      [fetchFailed('SELF_SIGNED_CERT_IN_CHAIN'), { phase: 'tls' }],
      [fetchFailed('UND_ERR_BODY_TIMEOUT'), { phase: 'http' }],
      [fetchFailed('UND_ERR_SOCKET', 'other side closed'), { phase: 'http' }],
    ];
    for (const [err, c] of cases) {
      const f = classifyNetworkError(err, ctx(c));
      expect(f).not.toHaveProperty('message');
      expect(f).not.toHaveProperty('remedies');
    }
    expect(classifyNetworkError(fetchFailed('ECONNREFUSED'), ctx({ proxy: 'http://proxy:3128', proxyConfigured: true }))).toMatchObject({ kind: 'proxy-connection-refused', phase: 'tcp' });
  });
});
