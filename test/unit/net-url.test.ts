import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { displayUrl, displayPath, effectivePort, isInsecure, isLoopbackHost } from '../../src/net/url.js';

describe('net/url', () => {
  it('knows loopback hosts: 127.0.0.0/8, ::1 (and mapped), localhost', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', '127.255.255.254', '[::1]', '::1', 'localhost', 'LOCALHOST', 'app.localhost', '[::ffff:7f00:1]']) {
      expect(isLoopbackHost(h), h).toBe(true);
    }
    for (const h of ['128.0.0.1', '10.0.0.1', '0.0.0.0', '[::2]', 'localhost.example.com', 'mylocalhost', '12345678-abcd-1234-ef56-0123456789ab.mcp.tray.ai', '[::ffff:a00:1]']) {
      expect(isLoopbackHost(h), h).toBe(false);
    }
  });

  it('any address in 127/8 is loopback, any other IPv4 is not', () => {
    fc.assert(
      fc.property(fc.ipV4(), (ip) => {
        expect(isLoopbackHost(ip)).toBe(ip.startsWith('127.'));
      }),
    );
  });

  it('plain http is insecure except to loopback; https never is', () => {
    expect(isInsecure(new URL('http://example.com/mcp'))).toBe(true);
    expect(isInsecure(new URL('http://10.0.0.5:8080'))).toBe(true);
    expect(isInsecure(new URL('http://127.0.0.1:3000/mcp'))).toBe(false);
    expect(isInsecure(new URL('http://localhost:3000'))).toBe(false);
    expect(isInsecure(new URL('http://[::1]:3000'))).toBe(false);
    expect(isInsecure(new URL('https://example.com'))).toBe(false);
  });

  it('shows a URL without userinfo and with every query value masked', () => {
    expect(displayUrl(new URL('https://user:pw@x.mcp.tray.ai/mcp?token=abc&x=1#frag'))).toBe('https://x.mcp.tray.ai/mcp?token=…&x=…');
    expect(displayUrl(new URL('https://x.mcp.tray.ai/'))).toBe('https://x.mcp.tray.ai');
    expect(displayPath(new URL('http://h/messages?sessionId=123'))).toBe('/messages?sessionId=…');
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true }), fc.string({ minLength: 6, maxLength: 20 }).filter((s) => /^[a-z0-9]+$/i.test(s)), (raw, secret) => {
        // A secret that also occurs in the generated URL (say as a query key) proves nothing.
        fc.pre(!raw.toLowerCase().includes(secret.toLowerCase()));
        const u = new URL(raw);
        u.searchParams.set('api_token', secret);
        u.username = 'someone';
        u.password = secret;
        expect(displayUrl(u)).not.toContain(secret);
      }),
      { numRuns: 200 },
    );
  });

  it('knows the effective port', () => {
    expect(effectivePort(new URL('https://x'))).toBe(443);
    expect(effectivePort(new URL('http://x'))).toBe(80);
    expect(effectivePort(new URL('http://x:8080'))).toBe(8080);
  });
});
