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
  ])('masks credential-shaped text in %s', (input, secretPart) => {
    const out = redactText(input);
    expect(out).not.toContain(secretPart);
    expect(out).toMatch(/redacted/);
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
