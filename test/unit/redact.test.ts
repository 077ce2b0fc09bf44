import { describe, it, expect } from 'vitest';
import { fingerprint, redactText, redactDeep } from '../../src/lib/redact.js';
import { CANARY } from '../helpers/home.js';

describe('redaction', () => {
  it('fingerprints long tokens by their last 4 characters and hides short ones entirely', () => {
    expect(fingerprint(CANARY)).toBe(`…${CANARY.slice(-4)}`);
    expect(fingerprint('short')).toBe('…');
    expect(fingerprint(undefined)).toBe('(none)');
  });

  it('replaces a known secret wherever it appears', () => {
    const out = redactText(`url?x=1 and ${CANARY} again ${CANARY}`, [CANARY]);
    expect(out).not.toContain(CANARY.slice(0, 20));
    expect(out.match(/…zz42/g)).toHaveLength(2);
  });

  it.each([
    ['Authorization: Bearer abcdefghijklmnop1234', 'abcdefghijklmnop'],
    ['"Authorization": "Bearer abcdefghijklmnop1234"', 'abcdefghijklmnop'],
    ['--header Authorization:Bearer abcdefghijklmnop1234', 'abcdefghijklmnop'],
    ['GET https://x.mcp.tray.ai/?token=abcdefghijklmnop1234&y=2', 'abcdefghijklmnop'],
    ['curl -H "Bearer abcdefghijklmnop1234"', 'abcdefghijklmnop'],
    ['{"AUTH_HEADER": "Bearer abcdefghijklmnop1234"}', 'abcdefghijklmnop'],
    ['npx @trayio/tray-mcp --api-token abcdefghijklmnop1234', 'abcdefghijklmnop'],
    ['TRAY_MCP_API_TOKEN=abcdefghijklmnop1234 npx tray-mcp', 'abcdefghijklmnop'],
    ['npx @trayio/tray-mcp -w 12345678-abcd-1234-ef56-0123456789ab -t OLDtok_9e8d7c6b5a4f3e2d1c0b: ReferenceError', 'OLDtok_9e8d7c6b5a4f'],
    ['npx @trayio/tray-mcp -t=OLDtok_9e8d7c6b5a4f3e2d1c0b', 'OLDtok_9e8d7c6b5a4f'],
    ['GET /x?h=Authorization: Bearer%20TOKENVALUE123456789', 'TOKENVALUE123456'],
    ['header Bearer%20TOKENVALUE123456789 sent', 'TOKENVALUE123456'],
    ['Authorization: `Bearer TOKENVALUE123456789`', 'TOKENVALUE123456'],
    ['my api key TOKENVALUE123456789 stopped working', 'TOKENVALUE123456'],
    ['API token: TOKENVALUE123456789', 'TOKENVALUE123456'],
    ['"spawnargs":["-y","@trayio/tray-mcp","-t","OLDtok_9e8d7c6b5a4f3e2d1c0b"]', 'OLDtok_9e8d7c6b5a4f'],
    ["args: [ '--api-token', 'OLDtok_9e8d7c6b5a4f3e2d1c0b' ]", 'OLDtok_9e8d7c6b5a4f'],
    ['"args": ["--token", "OLDtok_9e8d7c6b5a4f3e2d1c0b"]', 'OLDtok_9e8d7c6b5a4f'],
    ['GET /cb?h=Authorization%3A%20Bearer%20TOKENVALUE123456789', 'TOKENVALUE123456'],
  ])('masks credential-shaped text in %s', (input, secretPart) => {
    const out = redactText(input);
    expect(out).not.toContain(secretPart);
    expect(out).toMatch(/redacted/);
  });

  it.each([
    'pass the API token with --token or TRAY_MCP_API_TOKEN',
    '--token is empty',
    'add `Authorization: Bearer <token>` to the entry',
    '--api-token: the API token contains spaces',
    'not an API token: use one in Tray',
    'Authorization:${AUTH_HEADER} and -t $TRAY_API_TOKEN and -t %TRAY_API_TOKEN%',
    'tray-mcp setup -w <UUID> -t <TOKEN> -c cursor',
  ])('leaves the tool\'s own sentences readable: %s', (text) => {
    expect(redactText(text)).toBe(text);
  });

  it('keeps the words around an URL-encoded bearer readable', () => {
    expect(redactText('Authorization: Bearer%20TOKENVALUE123456789')).toBe('Authorization: Bearer%20[redacted …6789]');
  });

  it.each([
    'Bearer realm="tray", error="invalid_token", error_description="The access token expired"',
    'WWW-Authenticate: Bearer realm="OAuth", scope="mcp:tools", resource_metadata="https://x.example/.well-known/oauth-protected-resource"',
    'Bearer error="insufficient_scope", scope="mcp"',
  ])('leaves a WWW-Authenticate challenge readable (realm, error, scope are not secrets): %s', (text) => {
    expect(redactText(text)).toBe(text);
  });

  it('still masks a token after Bearer that merely starts like a parameter name', () => {
    expect(redactText('Bearer realmTOKENVALUE123456789')).toBe('Bearer [redacted …6789]');
    expect(redactText('Bearer scope1234567890abcdef=')).toBe('Bearer [redacted …def=]');
  });

  it('leaves unset ${VAR} references readable', () => {
    expect(redactText('Authorization:${AUTH_HEADER}')).toBe('Authorization:${AUTH_HEADER}');
  });

  it('redacts every string inside nested data', () => {
    const out = redactDeep({ a: [{ b: `x ${CANARY}` }], n: 3 }, [CANARY]);
    expect(JSON.stringify(out)).not.toContain(CANARY.slice(0, 12));
    expect(out.n).toBe(3);
  });
});
