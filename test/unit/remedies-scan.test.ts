// The engine's fast paths change how fast it matches, never what: the literal automaton finds exactly
// the matchers the former one-regex search found, and a byte stream scanned by ByteLines (only lines
// holding a literal decoded) gives exactly what decoding every line and pushing it gives.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Readable } from 'node:stream';
import { candidatesFor, explainStream, fileChunks, streamLines, Scanner, LITERALS, MAX_LINE, HOLDS_ALL } from '../../src/remedies/match.js';
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REMEDIES } from '../../src/remedies/catalog.js';

// The former search, as the reference: one case-insensitive alternation of every literal, tried at
// every start position; a found literal also counts the literals it contains.
const MATCHERS = REMEDIES.flatMap((r) => r.matchers);
const NEEDLES = [...new Set(MATCHERS.flatMap((m) => m.any))].sort((a, b) => b.length - a.length);
const NEEDLE_RE = new RegExp(NEEDLES.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gi');
const CONTAINED = new Map(NEEDLES.map((n) => [n, NEEDLES.filter((m) => n.includes(m))] as const));
function referenceCandidates(line: string): number[] {
  const found = new Set<string>();
  NEEDLE_RE.lastIndex = 0;
  for (let m = NEEDLE_RE.exec(line); m; m = NEEDLE_RE.exec(line)) {
    for (const n of CONTAINED.get(m[0].toLowerCase()) ?? []) found.add(n);
    NEEDLE_RE.lastIndex = m.index + 1;
  }
  return MATCHERS.flatMap((m, i) => (m.any.some((n) => found.has(n)) ? [i] : []));
}

async function reference(chunks: (Buffer | string)[], maxBytes?: number) {
  const s = new Scanner();
  let truncated = false;
  for await (const line of streamLines(Readable.from(chunks, { objectMode: true }), { maxBytes, onLimit: () => (truncated = true) })) s.push(line, undefined, HOLDS_ALL);
  return { matches: s.results(), lines: s.lines, truncated, context: s.context };
}

const EXAMPLES = MATCHERS.map((m) => m.example);
// Pieces that stress the byte path: literals in any case, ids, look-ahead dumps, CR, invalid UTF-8,
// multi-byte characters, characters whose lower case is ASCII (Kelvin sign, dotted I) and long lines.
const PIECES = [
  ...LITERALS,
  ...LITERALS.map((l) => l.toUpperCase()),
  ...REMEDIES.map((r) => `\`${r.id}\``),
  ...EXAMPLES,
  'MCP error -32042: URL elicitation required',
  '      "url": "https://auth.tray.ai/elicit/xyz",',
  '\r',
  ' ',
  '\u212a',
  '\u0130',
  'é',
  '’',
  'can’t enable',
  '\ud83d\ude00',
  'x'.repeat(MAX_LINE - 3),
  'y'.repeat(3 * MAX_LINE),
];
const longLine = fc.array(fc.constantFrom(...PIECES.filter((p) => p.length < 100)), { minLength: 40, maxLength: 80 }).map((ps) => ps.join(' '));
const piece = fc.oneof(
  fc.constantFrom(...PIECES).map((p) => Buffer.from(p, 'utf8')),
  fc.uint8Array({ maxLength: 12 }).map((b) => Buffer.from(b)),
  fc.string({ maxLength: 20 }).map((p) => Buffer.from(p, 'utf8')),
);
const lineOf = fc.array(piece, { maxLength: 6 }).map((ps) => Buffer.concat(ps));
const input = fc.array(lineOf, { maxLength: 40 }).chain((lines) =>
  fc.record({
    bytes: fc.constant(Buffer.concat(lines.flatMap((l) => [l, Buffer.from('\n')]))),
    endsWithNewline: fc.boolean(),
    cuts: fc.array(fc.nat(), { maxLength: 8 }),
  }),
);
function chunked(bytes: Buffer, cuts: number[]): Buffer[] {
  const at = [...new Set(cuts.map((c) => (bytes.length ? c % bytes.length : 0)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let prev = 0;
  for (const c of [...at, bytes.length]) {
    if (c > prev) out.push(bytes.subarray(prev, c));
    prev = c;
  }
  return out;
}

describe('the literal automaton', () => {
  it('wakes exactly the matchers the one-regex search woke, for every example and literal', () => {
    for (const text of [...EXAMPLES, ...LITERALS, ...LITERALS.map((l) => l.toUpperCase()), ...NEEDLES.join(' ').split(' ')]) {
      expect(candidatesFor(text), text).toEqual(referenceCandidates(text));
    }
  });

  it('a letter that only lower-cases to ASCII (Kelvin sign, dotted I, long s) is not that ASCII letter', () => {
    const pad = ' '.repeat(300); // long lines take the automaton, short ones the literal-by-literal search
    for (const literal of LITERALS) {
      for (const variant of [literal.replace(/k/g, '\u212a'), literal.replace(/i/g, '\u0130'), literal.replace(/s/g, '\u017f')]) {
        if (variant === literal) continue;
        expect(candidatesFor(variant), variant).toEqual(referenceCandidates(variant));
        expect(candidatesFor(variant + pad), variant).toEqual(referenceCandidates(variant + pad));
      }
    }
  });

  it('… and for random text built from literals, unicode and noise (short and long lines)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: 'binary', maxLength: 8 }), longLine), { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        expect(candidatesFor(text)).toEqual(referenceCandidates(text));
      }),
      { numRuns: 250 },
    );
  });
});

describe('the byte stream path', () => {
  it('gives what decoding and pushing every line gives, however the bytes are chunked', async () => {
    await fc.assert(
      fc.asyncProperty(input, async ({ bytes, endsWithNewline, cuts }) => {
        const all = endsWithNewline ? bytes : bytes.subarray(0, Math.max(0, bytes.length - 1));
        const chunks = chunked(all, cuts);
        expect(await explainStream(Readable.from(chunks))).toEqual(await reference(chunks));
      }),
      { numRuns: 200 },
    );
  });

  it('stops after the same chunk when the input is over the limit', async () => {
    await fc.assert(
      fc.asyncProperty(input, fc.integer({ min: 1, max: 5000 }), async ({ bytes, cuts }, maxBytes) => {
        const chunks = chunked(bytes, cuts);
        expect(await explainStream(Readable.from(chunks), { maxBytes })).toEqual(await reference(chunks, maxBytes));
      }),
      { numRuns: 100 },
    );
  });

  it('large chunks (scanned in four interleaved parts) with hits, look-aheads and ids in each part', async () => {
    const filler = (i: number) => `2025-06-03T07:23:${String(i % 60).padStart(2, '0')}.000Z [info] Message from client: {"method":"tools/call","id":${i}}`;
    const rare = ['HTTP 401 Unauthorized', 'spawn npx ENOENT', 'MCP error -32042: URL elicitation required\n  "data": {\n    "url": "https://auth.tray.ai/e/1",', 'callable-depth-exceeded', '', 'é\r'];
    const lines = Array.from({ length: 6000 }, (_, i) => (i % 97 === 0 ? rare[(i / 97) % rare.length]! : filler(i)));
    const bytes = Buffer.from(lines.join('\n') + '\n');
    for (const size of [bytes.length, 64 * 1024, 20_000]) {
      const chunks = chunked(bytes, Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => (i + 1) * size));
      const got = await explainStream(Readable.from(chunks));
      expect(got).toEqual(await reference(chunks));
      expect(got.lines).toBe(6000 + 2 * lines.filter((l) => l.includes('\n')).length);
      expect(got.matches.find((m) => m.id === 'elicitation-url-fallback')?.facts?.url).toBe('https://auth.tray.ai/e/1');
      expect(got.matches.map((m) => m.id)).toEqual(expect.arrayContaining(['token-invalid-or-expired', 'node-missing', 'elicitation-url-fallback', 'callable-depth-exceeded']));
    }
  });

  it('a look-ahead reads the lines after a match, though they hold no literal', async () => {
    const dump = ['{', '  "error": {', '    "code": -32042,', '    "message": "URL elicitation required",', '    "data": { "elicitations": [ {', '      "mode": "url",', '      "url": "https://auth.tray.ai/elicit/xyz",', '} ] } } }'].join('\n');
    for (const chunks of [[Buffer.from(dump)], chunked(Buffer.from(dump), [3, 40, 41, 100])]) {
      const got = await explainStream(Readable.from(chunks));
      expect(got).toEqual(await reference(chunks));
      expect(got.matches[0]).toMatchObject({ id: 'elicitation-url-fallback', facts: { url: 'https://auth.tray.ai/elicit/xyz' } });
    }
  });

  it('text chunks still work, line by line', async () => {
    const r = await explainStream(Readable.from(['chatter\nError POSTing to endpoint (HTTP ', '401)\n']));
    expect(r.matches[0]).toMatchObject({ id: 'token-invalid-or-expired', lineNumber: 2 });
  });

  it('a large file read in chunks (fileChunks) gives what the reference gives', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tray-mcp-scan-'));
    try {
      const filler = (i: number) => `2025-06-03T07:23:${String(i % 60).padStart(2, '0')}.000Z [info] Message from client: {"method":"tools/call","id":${i}}`;
      const rare = ['HTTP 401 Unauthorized', 'spawn npx ENOENT', 'MCP error -32042: URL elicitation required\n  "data": {\n    "url": "https://auth.tray.ai/e/1",', 'callable-depth-exceeded', 'é\r', 'x'.repeat(70_000) + ' econnrefused'];
      const lines = Array.from({ length: 40_000 }, (_, i) => (i % 331 === 0 ? rare[(i / 331) % rare.length]! : filler(i)));
      const file = path.join(dir, 'big.log');
      writeFileSync(file, lines.join('\n') + '\nlast line, no newline: HTTP 403');
      const size = 64 * 1024;
      const got = await explainStream(fileChunks(file, size));
      const bytes = readFileSync(file);
      const chunks = Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size));
      expect(got).toEqual(await reference(chunks));
      expect(got.matches.map((m) => m.id)).toEqual(expect.arrayContaining(['token-invalid-or-expired', 'access-not-granted', 'elicitation-url-fallback', 'node-missing']));
      expect(got.matches.map((m) => m.id)).not.toContain('server-unreachable'); // beyond MAX_LINE on its line
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a file replaced while it is read: the reader keeps reading the file it opened', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tray-mcp-scan-'));
    try {
      const file = path.join(dir, 'a.log');
      const text = Array.from({ length: 20_000 }, (_, i) => (i % 997 === 0 ? 'connect ECONNREFUSED 127.0.0.1:443' : `line ${i} of chatter`)).join('\n');
      writeFileSync(file, text);
      writeFileSync(path.join(dir, 'b.log'), 'HTTP 401\n');
      const it = fileChunks(file, 4096)[Symbol.asyncIterator]();
      const first = await it.next();
      renameSync(path.join(dir, 'b.log'), file);
      async function* rest() {
        yield first.value as Buffer;
        for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
      }
      const got = await explainStream(rest());
      expect(got.matches.map((m) => [m.id, m.count])).toEqual([['server-unreachable', 21]]);
      expect(got.lines).toBe(20_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
