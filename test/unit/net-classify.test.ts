import { describe, it, expect } from 'vitest';
import { classifyNetworkError, errorCode, type FailureContext } from '../../src/net/classify.js';

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
/** What undici's fetch rejects with: TypeError('fetch failed') whose cause is the Node error. */
const fetchFailed = (code: string, message = code, props: Record<string, unknown> = {}) =>
  new TypeError('fetch failed', { cause: Object.assign(new Error(message), { code, ...props }) });

describe('net/classify', () => {
  it('DNS failures are the dns phase, server-unreachable then proxy-misconfigured (a proxy may be needed)', () => {
    const f = classifyNetworkError(fetchFailed('ENOTFOUND', 'getaddrinfo ENOTFOUND ws.mcp.tray.ai'), ctx({ phase: 'dns' }));
    expect(f).toMatchObject({ phase: 'dns', code: 'ENOTFOUND', remedies: ['server-unreachable', 'proxy-misconfigured'] });
    expect(f.message).toContain('ws.mcp.tray.ai');
    expect(classifyNetworkError(fetchFailed('EAI_AGAIN'), ctx({ phase: 'dns' })).phase).toBe('dns');
  });

  it('refused and unreachable are the tcp phase', () => {
    expect(classifyNetworkError(fetchFailed('ECONNREFUSED'), ctx())).toMatchObject({ phase: 'tcp', code: 'ECONNREFUSED' });
    expect(classifyNetworkError(fetchFailed('EHOSTUNREACH'), ctx())).toMatchObject({ phase: 'tcp', code: 'EHOSTUNREACH' });
    // to this machine, no proxy advice
    expect(classifyNetworkError(fetchFailed('ECONNREFUSED'), ctx({ loopback: true })).remedies).toEqual(['server-unreachable']);
  });

  it('certificate errors are tls-untrusted, naming NODE_EXTRA_CA_CERTS and the proxy when there is one', () => {
    for (const code of ['SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'CERT_HAS_EXPIRED']) {
      const f = classifyNetworkError(fetchFailed(code), ctx({ phase: 'tls' }));
      expect(f).toMatchObject({ phase: 'tls', code, remedies: ['tls-untrusted', 'proxy-misconfigured'] });
      expect(f.message).toContain('NODE_EXTRA_CA_CERTS');
    }
    const viaProxy = classifyNetworkError(fetchFailed('SELF_SIGNED_CERT_IN_CHAIN'), ctx({ phase: 'tls', proxy: 'http://proxy:8080', tunnelUp: true }));
    expect(viaProxy.message).toContain('http://proxy:8080');
  });

  it('a cert code wins over a wrapper code (undici wraps proxy TLS errors)', () => {
    const inner = Object.assign(new Error('self-signed certificate in certificate chain'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' });
    const wrapper = Object.assign(new Error('secure proxy connection failed', { cause: inner }), { code: 'UND_ERR_PRX_TLS' });
    expect(errorCode(new TypeError('fetch failed', { cause: wrapper }))).toBe('SELF_SIGNED_CERT_IN_CHAIN');
  });

  it('time-outs keep the phase they happened in', () => {
    const tagged = (phase: string) => new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'ETIMEDOUT', phase }) });
    expect(classifyNetworkError(tagged('dns'), ctx()).phase).toBe('dns');
    expect(classifyNetworkError(tagged('tcp'), ctx()).message).toContain('no TCP connection');
    expect(classifyNetworkError(tagged('tls'), ctx()).phase).toBe('tls');
    const headers = classifyNetworkError(fetchFailed('UND_ERR_HEADERS_TIMEOUT'), ctx({ phase: 'tcp' }));
    expect(headers).toMatchObject({ phase: 'http', code: 'UND_ERR_HEADERS_TIMEOUT' });
    expect(headers.message).toContain('1000 ms');
  });

  it('the proxy failing is proxy-misconfigured; a 407 from the proxy is said so', () => {
    const down = classifyNetworkError(fetchFailed('ECONNREFUSED'), ctx({ proxy: 'http://proxy:3128', proxyConfigured: true }));
    expect(down).toMatchObject({ phase: 'tcp', remedies: ['proxy-misconfigured', 'server-unreachable'] });
    expect(down.message).toContain('http://proxy:3128');
    const auth = classifyNetworkError(
      new TypeError('fetch failed', { cause: Object.assign(new Error('Proxy response (407) !== 200 when HTTP Tunneling'), { code: 'UND_ERR_ABORTED' }) }),
      ctx({ proxy: 'http://proxy:3128', proxyConfigured: true }),
    );
    expect(auth).toMatchObject({ proxyStatus: 407, remedies: ['proxy-misconfigured', 'server-unreachable'] });
    expect(auth.message).toContain('credentials');
  });

  it('a broken TLS handshake that is not about the certificate', () => {
    const f = classifyNetworkError(fetchFailed('ERR_SSL_WRONG_VERSION_NUMBER'), ctx({ phase: 'tls' }));
    expect(f).toMatchObject({ phase: 'tls', remedies: ['server-unreachable', 'tls-untrusted'] });
  });

  it('a reset after connecting is the http phase', () => {
    expect(classifyNetworkError(fetchFailed('UND_ERR_SOCKET', 'other side closed'), ctx({ phase: 'http' }))).toMatchObject({ phase: 'http', code: 'UND_ERR_SOCKET' });
  });

  it('a proxy that accepts the connection but never answers CONNECT is named (without credentials), not "no HTTP answer"', () => {
    const f = classifyNetworkError(fetchFailed('UND_ERR_HEADERS_TIMEOUT', 'Headers Timeout Error'), ctx({ proxy: 'http://proxy:3128', proxyConfigured: true }));
    expect(f).toMatchObject({ phase: 'tcp', code: 'UND_ERR_HEADERS_TIMEOUT', remedies: ['proxy-misconfigured', 'server-unreachable'] });
    expect(f.message).toContain('the proxy http://proxy:3128 accepted the connection but did not answer');
    expect(f.message).toContain('1000 ms');
    const connect = classifyNetworkError(fetchFailed('UND_ERR_CONNECT_TIMEOUT'), ctx({ proxy: 'http://proxy:3128', proxyConfigured: true }));
    expect(connect.message).toContain('no TCP connection to the proxy http://proxy:3128 within 1000 ms');
    const refused = classifyNetworkError(fetchFailed('ECONNREFUSED'), ctx({ proxy: 'http://proxy:3128', proxyConfigured: true }));
    expect(refused.message).toContain('the proxy http://proxy:3128 refused the connection');
  });

  it('a body that stops coming after the headers is said so, not "no HTTP answer"', () => {
    const f = classifyNetworkError(fetchFailed('UND_ERR_BODY_TIMEOUT', 'Body Timeout Error'), ctx({ phase: 'http' }));
    expect(f).toMatchObject({ phase: 'http', code: 'UND_ERR_BODY_TIMEOUT' });
    expect(f.message).toContain('the headers arrived');
    expect(f.message).toContain('body did not complete');
    expect(f.message).not.toContain('no HTTP answer');
  });
});
