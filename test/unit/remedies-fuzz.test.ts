// Property and fuzz tests: whatever the input (random, binary, huge, regex-hostile), the engine
// never throws, returns well-formed matches, never leaks a credential, and stays within a time bound.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Readable } from 'node:stream';
import { explainText, explainStream, MAX_LINE, EVIDENCE_MAX, type ExplainMatch } from '../../src/remedies/match.js';
import { REMEDIES, getRemedy } from '../../src/remedies/catalog.js';

/** Bound (CPU time) for one explainText call on inputs up to ~100 KB (generous for slow CI machines). */
const BOUND_MS = 1500;

function wellFormed(matches: ExplainMatch[]): void {
  const ids = new Set<string>();
  for (const m of matches) {
    expect(getRemedy(m.id)).toBeDefined();
    expect(ids.has(m.id)).toBe(false);
    ids.add(m.id);
    expect(m.steps.length).toBeGreaterThan(0);
    expect(typeof m.evidence).toBe('string');
    expect(m.evidence.length).toBeLessThanOrEqual(EVIDENCE_MAX + 2);
    for (const v of Object.values(m.facts ?? {})) expect(['string', 'number']).toContain(typeof v);
  }
  const weights = matches.map((m) => m.weight);
  expect(weights).toEqual([...weights].sort((a, b) => b - a));
}

/** The CPU time fn takes (this process's user + system time: not the wall clock, which a busy machine stretches). */
function timed<T>(fn: () => T): { value: T; ms: number } {
  const t0 = process.cpuUsage();
  const value = fn();
  const used = process.cpuUsage(t0);
  return { value, ms: (used.user + used.system) / 1000 };
}

// Words that wake matchers up: every needle, plus regex-significant characters and digits.
const NEEDLES = [...new Set(REMEDIES.flatMap((r) => r.matchers.flatMap((m) => m.any)))];
const HOSTILE_PIECES = [
  ...NEEDLES, 'callable', 'depth', 'total', 'tool', 'id', 'limit', 'max', 'of', '5', '20', '401', '-32042', 'HTTP', 'status',
  'code', '(', ')', '"', "'", '\\', ':', '=', ' ', '  ', '\t', '.', '-', '_', 'a', '0', 'https://', 'url', 'Bearer', 'Authorization',
  'json', 'at position', 'in JSON', 'is not defined', 'ENOENT', '\u0000', '\ufffd', 'é', '✓', '\r',
];

describe('explain engine under random and adversarial input', () => {
  it('never throws on arbitrary unicode text, and results are well-formed', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 2000 }), (s) => {
        wellFormed(explainText(s));
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on binary input decoded as UTF-8', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 20_000 }), async (bytes) => {
        const r = await explainStream(Readable.from([Buffer.from(bytes)]));
        wellFormed(r.matches);
      }),
      { numRuns: 100 },
    );
  });

  it('stays within a bounded time on regex-hostile token soup (every needle, nested delimiters)', () => {
    let worst = 0;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...HOSTILE_PIECES), { minLength: 1, maxLength: 3000 }), fc.boolean(), (pieces, oneLine) => {
        const text = pieces.join(oneLine ? ' ' : '\n');
        const { value, ms } = timed(() => explainText(text));
        worst = Math.max(worst, ms);
        wellFormed(value);
        expect(ms).toBeLessThan(BOUND_MS);
      }),
      { numRuns: 150 },
    );
    expect(worst).toBeLessThan(BOUND_MS);
  });

  it.each([
    ['a×100k then !', 'a'.repeat(1e5) + '!'],
    ['backslashes', '\\'.repeat(1e5)],
    ['repeated callable phrase', 'callable depth limit of '.repeat(5000)],
    ['repeated url fields', '"url":"https://'.repeat(8000)],
    ['repeated Authorization', 'Authorization: '.repeat(8000)],
    ['repeated status words', 'status code ('.repeat(8000) + '401'],
    ['deep JSON', '['.repeat(50_000) + ']'.repeat(50_000)],
    ['digits', '9'.repeat(1e5)],
    ['spaces then a code', ' '.repeat(1e5) + 'ECONNREFUSED'],
    ['many short lines of needles', NEEDLES.join('\n').repeat(50)],
    ['NUL bytes', '\u0000'.repeat(1e5)],
    ['one 2 MB line', 'x'.repeat(2 * 1024 * 1024) + ' HTTP 401'],
  ])('handles %s within the bound', (_name, input) => {
    const { value, ms } = timed(() => explainText(input));
    wellFormed(value);
    expect(ms).toBeLessThan(BOUND_MS);
  });

  it('only the first MAX_LINE characters of a line count (a match beyond them is not seen)', () => {
    expect(explainText('x'.repeat(MAX_LINE) + ' HTTP 401')).toEqual([]);
    expect(explainText('x'.repeat(MAX_LINE - 20) + ' HTTP 401').map((m) => m.id)).toEqual(['token-invalid-or-expired']);
  });

  it('never shows a bearer token, whatever surrounds it', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 12, maxLength: 60 }).map((s) => s.replace(/[^A-Za-z0-9._~+/=-]/g, 'x')).filter((s) => s.length >= 12),
        fc.string({ maxLength: 200 }),
        fc.string({ maxLength: 200 }),
        fc.constantFrom('Authorization: Bearer ', 'Authorization:Bearer ', '"Authorization": "Bearer ', 'Bearer ', '?token=', '&access_token=', '"apiToken": "', '--api-token '),
        (token, before, after, shape) => {
          const input = `${before.replace(/\n/g, ' ')} ${shape}${token} HTTP 401 ${after.replace(/\n/g, ' ')}`;
          const out = JSON.stringify(explainText(input));
          expect(out).not.toContain(token.slice(0, -4));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('scans a 30 MB stream in bounded time and memory', async () => {
    const line = '2025-06-03T07:23:52.123Z [info] [tray-workspace] Message from server: {"jsonrpc":"2.0","id":17,"result":{"content":[{"type":"text","text":"ok"}]}}\n';
    const chunk = line.repeat(Math.ceil((256 * 1024) / line.length));
    const chunks = Math.ceil((30 * 1024 * 1024) / chunk.length);
    async function* gen() {
      for (let i = 0; i < chunks; i++) yield Buffer.from(chunk);
      yield Buffer.from('Error: connect ECONNREFUSED 10.1.2.3:443\n');
    }
    const before = process.memoryUsage().heapUsed;
    const t0 = process.cpuUsage(); // CPU time, not the wall clock a busy machine stretches
    const r = await explainStream(gen());
    const used = process.cpuUsage(t0);
    const ms = (used.user + used.system) / 1000;
    expect(r.matches[0]?.id).toBe('server-unreachable');
    expect(ms).toBeLessThan(15_000);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(100 * 1024 * 1024);
  });
});
