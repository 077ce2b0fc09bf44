// Each credential pattern of lib/redact.ts is tried only on text that passes its `need`, a cheaper
// test. A need that some matching text fails would let that credential through unmasked: every text a
// pattern matches must pass its need. Random texts built from the pieces the patterns look for.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { PATTERNS, redactText } from '../../src/lib/redact.js';

const PIECES = [
  'Authorization', 'authorization', 'AUTHORIZATION', 'Bearer', 'bearer', 'Basic', 'Token', ' ', '  ', '\t', '\n', ':', '=', '"', "'", '`', ',', ';', '}',
  '-t', '--token', '--api-token', 'token', 'TOKEN', 'Token', 'api', 'API', 'api_', 'api-', 'key', 'KEY', 'API_KEY', 'APIKEY', 'apikey', 'secret', 'SECRET',
  'password', 'PASSWORD', 'passwd', 'code', 'verifier', 'code_verifier', 'sig', 'signature', 'refresh_token', 'id_token', 'client_secret', 'x-api-key',
  'AUTH_HEADER', 'TRAY_MCP_API_TOKEN', 'apiToken', 'access_token', 'auth_token', 'MY_', '?', '&', 'https', '://', 'user', '@', 'host', '/', '.',
  'abcdef123456', 'Zq9xW2vB7nL4', 'eyJhbGciOiJIUzI1', 'eyJzdWIiOiIxMjM0', '%20', '%3A', '%3a', '+', '\\', '\\"', 'is ', 'realm', 'scope',
  // (a few longer pieces, so that the patterns of many parts are met too)
  '"-t", "', "'--api-token','", '"--token",', 'Authorization\\":\\"', '?code=', '&sig=', '?signature=', 'eyJhbGciOiJIUzI1.', 'eyJzdWIiOiIxMjM0.', 'c2lnbmF0dXJl', 'https://ana:',
];

describe('credential patterns and their needs', () => {
  it('every need is a plain test (no g or y flag: no lastIndex carried from one text to the next)', () => {
    for (const p of PATTERNS) expect(p.need.global || p.need.sticky, String(p.need)).toBe(false);
  });

  it('every text a pattern matches passes its need', () => {
    const plain = PATTERNS.map((p) => ({ need: p.need, re: new RegExp(p.re.source, p.re.flags.replace(/[gy]/g, '')) }));
    const matched = new Set<number>();
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 14 }), (parts) => {
        const text = parts.join('');
        plain.forEach(({ need, re }, i) => {
          if (!re.test(text)) return;
          matched.add(i);
          expect(need.test(text), `${need} on ${JSON.stringify(text)} (matched by ${re})`).toBe(true);
        });
      }),
      { numRuns: 20_000 },
    );
    // (the texts reach every pattern: a need no text tested would prove nothing)
    expect([...matched].sort((a, b) => a - b)).toEqual(PATTERNS.map((_, i) => i));
  });

  // Every text the CLI prints, and every log line report keeps (up to 256 KiB), goes through the needs:
  // each reads the text once. (A need that restarts its scan at every `://` took 2.6 s on the first
  // text below; linear, all of them take a few ms: the ceiling is a hundred times that.)
  it('every need, and the redaction, take time in proportion to the text (long lines of what they look for)', () => {
    const texts = [
      'Error POSTing to endpoint (HTTP 401): {"links":[' + '"https://docs.example.com/a/b/c",'.repeat(8000) + ']}',
      'HTTP 401 ' + '://'.repeat(87_000),
      'token'.repeat(50_000) + ' ',
      'Authorization'.repeat(20_000),
      ' -t'.repeat(80_000),
      '"-t'.repeat(80_000),
      '?code'.repeat(50_000),
      'eyJ'.repeat(80_000),
      'TOKEN '.repeat(40_000),
    ];
    for (const text of texts) {
      const t0 = process.hrtime.bigint();
      for (const p of PATTERNS) p.need.test(text);
      redactText(text);
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      expect(ms, `${JSON.stringify(text.slice(0, 40))}… (${text.length} chars)`).toBeLessThan(2000);
    }
  });
});
