// A log scan reads only the lines holding a literal the automaton knows: a matcher's (`any`), a remedy
// id, a context hint's (src/remedies/context.ts). These tests hold that prefilter to the simple path
// (every line decoded and pushed, every hint regex tried on every line): the same matches, counts,
// facts, order and context, on every matcher's and hint's example, the real-error corpus, random logs
// and the ways a file's bytes can be cut into chunks. A newcomer who adds a matcher or a hint whose
// literals do not cover its regex sees one of them fail.
import { describe, it, expect, afterAll } from 'vitest';
import fc from 'fast-check';
import { Readable } from 'node:stream';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { explainStream, fileChunks, scanText, streamLines, Scanner, MAX_LINE, HOLDS_ALL, type ScanOptions } from '../../src/remedies/match.js';
import { REMEDIES, type Matcher } from '../../src/remedies/catalog.js';
import { HINT_PARTS, clientOfLine, platformOfLine } from '../../src/remedies/context.js';
import { loadErrorCorpus } from '../helpers/corpus.js';

const dir = mkdtempSync(path.join(tmpdir(), 'tray-mcp-prefilter-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The simple path: every line decoded (streamLines) and pushed, nothing skipped, every hint's regex tried. */
async function simple(chunks: readonly (Buffer | string)[], opts: ScanOptions = {}) {
  const s = new Scanner(opts);
  for await (const line of streamLines(Readable.from(chunks, { objectMode: true }))) s.push(line, undefined, HOLDS_ALL);
  return { matches: s.results(), lines: s.lines, truncated: false, context: s.context };
}

/** The fast path on bytes cut every `size` bytes. */
const fast = (bytes: Buffer, size: number, opts: ScanOptions = {}) => explainStream(Readable.from(cut(bytes, size)), opts);
const cut = (bytes: Buffer, size: number) => Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size));

/** Lines no literal wakes (a Claude Desktop log's chatter, once its format told the client). */
const CHATTER = [
  '2025-06-03T07:23:52.636Z [tray] [info] Initializing server...',
  '2025-06-03T07:23:52.664Z [tray] [info] Message from client: {"method":"ping","jsonrpc":"2.0","id":7}',
  '{',
  '  "id": 12,',
  '}',
  '',
];

const MATCHERS: { id: string; m: Matcher }[] = REMEDIES.flatMap((r) => r.matchers.map((m) => ({ id: r.id, m })));
const contextOf = (m: Matcher): ScanOptions => ({ ...(m.when?.platform ? { platform: m.when.platform[0] } : {}), ...(m.when?.client ? { client: m.when.client[0] } : {}) });
const fold = (s: string) => s.replace(/[A-Z]+/g, (x) => x.toLowerCase());
/** As the automaton reads a line: ASCII letters folded, a run of spaces and tabs as one space. */
const asRead = (line: string) => fold(line).replace(/[ \t]+/g, ' ');
const holdsOne = (line: string, any: readonly string[]) => any.some((l) => asRead(line).includes(l));
const isNumber = (literal: string) => /^-?\d+$/.test(literal);
/** Whether the line wakes the matcher: one of its literals, a number literal not followed by a digit
 *  when it wants whole numbers (Matcher.wholeNumbers). */
function wakes(line: string, m: Matcher): boolean {
  const text = asRead(line);
  return m.any.some((l) => {
    if (!m.wholeNumbers || !isNumber(l)) return text.includes(l);
    for (let at = text.indexOf(l); at >= 0; at = text.indexOf(l, at + 1)) if (!/\d/.test(text[at + l.length] ?? '')) return true;
    return false;
  });
}

/** The line with its spaces written as a tab, two spaces or a space and a tab (all, then each in turn). */
function otherWhiteSpace(line: string): string[] {
  const out: string[] = [];
  for (const put of ['\t', '  ', ' \t']) {
    out.push(line.replace(/ /g, put));
    for (let at = line.indexOf(' '); at >= 0; at = line.indexOf(' ', at + 1)) out.push(line.slice(0, at) + put + line.slice(at + 1));
  }
  return out;
}

/** The line with each of the literals taken out in turn (every occurrence, any letter case), in three ways. */
function withoutLiterals(line: string, any: readonly string[]): string[] {
  const out: string[] = [];
  for (const literal of any) {
    const re = new RegExp(literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi');
    if (re.test(line)) for (const put of ['', ' ', 'x']) out.push(line.replace(re, put));
  }
  return out;
}

/** The line with a digit after every number literal (a status code turned into part of a longer
 *  number), with and without its other literals. */
function digitAfterNumbers(line: string, any: readonly string[]): string[] {
  const numbers = any.filter(isNumber);
  if (!numbers.some((n) => line.includes(n))) return [];
  const re = new RegExp(numbers.map((n) => n.replace('-', '\\-')).join('|'), 'g');
  const others = any.filter((l) => !isNumber(l)).map((l) => new RegExp(l.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'));
  const bare = others.reduce((text, o) => text.replace(o, ''), line);
  return [line, bare].flatMap((l) => [l.replace(re, '$&7'), l.replace(re, '1$&7'), l.replace(re, '$&0 ')]);
}

describe('the prefilter finds every matcher\'s example', () => {
  it('alone, and as one line of a log (cut into chunks of every size), as the simple path does', async () => {
    for (const { id, m } of MATCHERS) {
      const opts = contextOf(m);
      const alone = await fast(Buffer.from(m.example), 1 << 20, opts);
      expect(alone.matches.map((x) => x.id), `${id} / ${m.label}`).toContain(id);
      const log = Buffer.from([...CHATTER, m.example, ...CHATTER].join('\n'));
      const want = await simple([log], opts);
      expect(want.matches.map((x) => x.id), `${id} / ${m.label}`).toContain(id);
      for (const size of [1, 13, 64, 1 << 20]) expect(await fast(log, size, opts), `${id} / ${m.label} (chunks of ${size})`).toEqual(want);
    }
  });

  it('with its spaces written as tabs or runs of white space, as the regexes read them (`\\s+`)', async () => {
    // the literals hold single spaces (the automaton and the short-text path read a run of spaces and tabs as one)
    for (const { id, m } of MATCHERS) for (const l of m.any) expect(l, `${id} / ${m.label}`).not.toMatch(/\s\s|[^\S ]/);
    let tried = 0;
    for (const { id, m } of MATCHERS) {
      const opts = contextOf(m);
      const lines = otherWhiteSpace(m.example).filter((line) => (m.whole ? m.re.test(line.trim()) : m.re.test(line)));
      if (!lines.length) continue;
      tried += lines.length;
      for (const line of lines) expect(scanText(line, opts).matches.map((x) => x.id), `${id} / ${m.label}: ${JSON.stringify(line)}`).toContain(id);
      // all of them in one log, chatter between: the byte scan finds each (a line it missed would change a count)
      const log = Buffer.from([...CHATTER, ...lines.flatMap((line) => [line, ...CHATTER])].join('\n'));
      const want = await simple([log], opts);
      expect(want.matches.map((x) => x.id), `${id} / ${m.label}`).toContain(id);
      expect(await fast(log, 1 << 20, opts), `${id} / ${m.label}: ${JSON.stringify(lines)}`).toEqual(want);
    }
    expect(tried).toBeGreaterThan(100);
  });

  it('a matcher\'s regex never matches its example with a literal taken out, unless another of its literals is left', () => {
    for (const { id, m } of MATCHERS) {
      for (const line of [...withoutLiterals(m.example, m.any), ...digitAfterNumbers(m.example, m.any)]) {
        const matched = m.whole ? m.re.test(line.trim()) : m.re.test(line);
        if (matched) expect(wakes(line, m), `${id} / ${m.label} matched ${JSON.stringify(line)} without one of ${JSON.stringify(m.any)}`).toBe(true);
      }
    }
  });

  it('a matcher\'s regex never matches a line without one of its literals (`any`), however its example is changed', () => {
    const examples = [...MATCHERS.map(({ m }) => m.example), ...HINT_PARTS.map((p) => p.example)];
    const edit = fc.record({
      source: fc.constantFrom(...examples),
      cuts: fc.array(fc.record({ at: fc.nat(), len: fc.integer({ min: 0, max: 6 }), put: fc.constantFrom('', ' ', '\t', '  ', '-', 'x', '0', '7', '"', '\\', '/') }), { maxLength: 4 }),
      upper: fc.boolean(),
    });
    fc.assert(
      fc.property(edit, ({ source, cuts, upper }) => {
        let line = upper ? source.toUpperCase() : source;
        for (const c of cuts) {
          const at = c.at % (line.length + 1);
          line = line.slice(0, at) + c.put + line.slice(at + c.len);
        }
        line = line.slice(0, MAX_LINE);
        for (const { id, m } of MATCHERS) {
          const matched = m.whole ? m.re.test(line.trim()) : m.re.test(line);
          if (matched) expect(wakes(line, m), `${id} / ${m.label} matched ${JSON.stringify(line)} without one of ${JSON.stringify(m.any)}`).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('the context hints\' literals', () => {
  it('every hint part matches its example, which holds one of its literals; its regex is the hint\'s', () => {
    for (const p of HINT_PARTS) {
      expect(new RegExp(p.re, 'i').test(p.example), p.re).toBe(true);
      expect(holdsOne(p.example, p.any), p.example).toBe(true);
      for (const l of p.any) expect(l, p.re).toBe(l.toLowerCase());
      const told = p.bit === 4 ? clientOfLine(p.example) : platformOfLine(p.example);
      expect(told, p.example).toBeDefined();
    }
  });

  it('a hint\'s regex never matches its example with a literal taken out, unless another of its literals is left', () => {
    for (const p of HINT_PARTS) {
      for (const line of withoutLiterals(p.example, p.any)) {
        for (const q of HINT_PARTS) if (new RegExp(q.re, 'i').test(line)) expect(holdsOne(line, q.any), `${q.re} matched ${JSON.stringify(line)}`).toBe(true);
      }
    }
  });

  it('a hint\'s regex never matches a line without one of its literals, however its example is changed', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...HINT_PARTS),
        fc.array(fc.record({ at: fc.nat(), len: fc.integer({ min: 1, max: 6 }), put: fc.constantFrom('', ' ', '\t', '/', '\\', 'x', ':', '.') }), { maxLength: 4 }),
        fc.boolean(),
        (part, cuts, upper) => {
          let line = upper ? part.example.toUpperCase() : part.example;
          for (const c of cuts) {
            const at = c.at % (line.length + 1);
            line = line.slice(0, at) + c.put + line.slice(at + c.len);
          }
          for (const p of HINT_PARTS) if (new RegExp(p.re, 'i').test(line)) expect(holdsOne(line, p.any), `${p.re} matched ${JSON.stringify(line)}`).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('the context a log (or `explain TEXT`) tells on a line no matcher wants is the one the simple path finds', async () => {
    for (const p of HINT_PARTS) {
      for (const before of [true, false]) {
        const lines = ['chatter', 'spawn npx ENOENT', 'more chatter'];
        lines.splice(before ? 0 : 3, 0, p.example);
        const log = Buffer.from(lines.join('\n') + '\n');
        const opts = { defaultPlatform: 'linux' as const };
        const want = await simple([log], opts);
        expect(want.context.from, p.example).not.toEqual({ platform: 'this machine' });
        expect(await fast(log, 1 << 20, opts), p.example).toEqual(want);
        expect(await fast(log, 5, opts), p.example).toEqual(want);
        const text = scanText(lines.join('\n'), opts);
        expect({ matches: text.matches, context: text.context }, p.example).toEqual({ matches: want.matches, context: want.context });
      }
    }
  });
});

describe('the real-error corpus through the fast path', () => {
  const ITEMS = loadErrorCorpus();

  it('every item, as a file read in chunks of any size and with CRLF line ends, gives what the simple path and `explain TEXT` give', async () => {
    expect(ITEMS.length).toBeGreaterThan(150);
    for (const item of ITEMS) {
      for (const opts of [{}, { defaultPlatform: 'darwin' as const }, { platform: 'win32' as const }]) {
        const text = scanText(item.text, opts);
        for (const bytes of [Buffer.from(item.text), Buffer.from(item.text.replace(/\n/g, '\r\n'))]) {
          const want = await simple([bytes], opts);
          expect({ matches: want.matches, context: want.context }, item.id).toEqual({ matches: text.matches, context: text.context });
          for (const size of [1 << 20, 7]) expect(await fast(bytes, size, opts), `${item.id} (chunks of ${size})`).toEqual(want);
        }
      }
    }
  });

  it('random logs of corpus lines, examples, hints and chatter, cut anywhere, give what the simple path gives', async () => {
    const pieces = [
      ...ITEMS.flatMap((i) => i.text.split('\n')),
      ...MATCHERS.map(({ m }) => m.example),
      ...HINT_PARTS.map((p) => p.example),
      ...CHATTER,
      'é’😀',
      'x'.repeat(MAX_LINE + 5) + ' HTTP 401',
      'HTTP 403 ' + 'y'.repeat(3 * MAX_LINE),
    ];
    const log = fc.record({
      lines: fc.array(fc.oneof(fc.constantFrom(...pieces), fc.uint8Array({ maxLength: 16 }).map((b) => Buffer.from(b).toString('latin1'))), { minLength: 1, maxLength: 30 }),
      crlf: fc.boolean(),
      end: fc.boolean(),
      size: fc.integer({ min: 1, max: 300 }),
      opts: fc.constantFrom<ScanOptions>({}, { defaultPlatform: 'win32' }, { client: 'cline' }),
    });
    await fc.assert(
      fc.asyncProperty(log, async ({ lines, crlf, end, size, opts }) => {
        const bytes = Buffer.from(lines.join(crlf ? '\r\n' : '\n') + (end ? '\n' : ''), 'latin1');
        const utf8 = Buffer.from(lines.join(crlf ? '\r\n' : '\n') + (end ? '\n' : ''));
        for (const b of [bytes, utf8]) expect(await fast(b, size, opts)).toEqual(await simple([b], opts));
      }),
      { numRuns: 150 },
    );
  });
});

describe('the four-part walk, four bytes at a time', () => {
  // A chunk of 16 KiB or more is walked as four parts at once, each read a 32-bit word at a time from
  // where it is aligned in memory (its first bytes, and what the shortest part leaves, one at a time):
  // every start in memory, every length of part and a literal or a newline on any byte of a word.
  it('random logs in large chunks, wherever each chunk starts in memory, give what the simple path gives', async () => {
    const pieces = [...MATCHERS.map(({ m }) => m.example), ...HINT_PARTS.map((p) => p.example), ...CHATTER, 'é’😀', '401', 'sse', ''];
    const log = fc.record({
      lines: fc.array(fc.oneof(fc.constantFrom(...pieces), fc.uint8Array({ maxLength: 9 }).map((b) => Buffer.from(b).toString('latin1'))), { minLength: 20, maxLength: 60 }),
      shift: fc.integer({ min: 0, max: 3 }),
      size: fc.integer({ min: 16 * 1024, max: 48 * 1024 }),
      opts: fc.constantFrom<ScanOptions>({}, { client: 'claude' }),
    });
    await fc.assert(
      fc.asyncProperty(log, async ({ lines, shift, size, opts }) => {
        const text = lines.join('\n') + '\n';
        const bytes = Buffer.from(text.repeat(Math.ceil((96 * 1024) / Math.max(text.length, 1))));
        // (Buffer.alloc is never a slice of a pool: the copy starts `shift` bytes after a word)
        const backing = Buffer.alloc(bytes.length + shift);
        bytes.copy(backing, shift);
        const b = backing.subarray(shift);
        expect(await fast(b, size, opts)).toEqual(await simple([b], opts));
      }),
      { numRuns: 25 },
    );
  });
});

describe('the four-part walk on chunks of large memory', () => {
  // A chunk may be a slice of an ArrayBuffer of 2 GiB or more (a Buffer read whole, handed on in
  // pieces): the walk's view of it is made from where the chunk starts, not from the buffer's start.
  it('a chunk that starts past 2 GiB in its ArrayBuffer gives what the same bytes alone give', async () => {
    const text = Buffer.from(('chatter line\n'.repeat(40) + 'Error POSTing to endpoint (HTTP 401): invalid_token\n').repeat(60));
    let big: ArrayBuffer;
    try {
      big = new ArrayBuffer(2 ** 31 + 2 ** 20); // (untouched pages: the system lends them without using them)
    } catch {
      return; // a machine that cannot reserve 2 GiB cannot hand explain such a chunk either
    }
    const chunk = Buffer.from(big, 2 ** 31 + 18, text.length);
    text.copy(chunk);
    const want = await simple([Buffer.from(text)]);
    expect(want.matches.map((m) => m.id)).toEqual(['token-invalid-or-expired']);
    expect(await fast(chunk, text.length)).toEqual(want);
  });
});

describe('a file\'s chunk boundaries (fileChunks)', () => {
  /** explain a file read `size` bytes at a time; the simple path's answer, which it must give */
  async function both(name: string, bytes: Buffer, size: number) {
    const file = path.join(dir, name);
    writeFileSync(file, bytes);
    const want = await simple(cut(bytes, 1 << 20));
    expect(await explainStream(fileChunks(file, size)), `${name}, chunks of ${size}`).toEqual(want);
    return want;
  }

  it('a match, a literal or a fact cut across two chunks', async () => {
    const text = 'chatter\nError POSTing to endpoint (HTTP 401): {"error":"invalid_token"}\nMCP error -32042: URL elicitation required\n  "url": "https://auth.tray.ai/e/1",\nconnect ECONNREFUSED 127.0.0.1:443\n';
    for (const size of [1, 2, 3, 5, 8, 13, 21, 34, 55, 89]) {
      const got = await both('split.log', Buffer.from(text), size);
      expect(got.matches.map((m) => m.id)).toEqual(['elicitation-url-fallback', 'token-invalid-or-expired', 'server-unreachable']);
      expect(got.matches[0]!.facts?.url).toBe('https://auth.tray.ai/e/1');
    }
  });

  it('CRLF line ends, the CR and the LF in different chunks', async () => {
    const text = 'chatter\r\n401\r\nspawn npx ENOENT\r\n`token-missing`\r\n';
    for (const size of [1, 4, 9, 10, 11, 64]) {
      const got = await both('crlf.log', Buffer.from(text), size);
      expect(got.matches.map((m) => m.id)).toEqual(['token-missing', 'node-missing', 'token-invalid-or-expired']);
      expect(got.matches.find((m) => m.id === 'token-invalid-or-expired')?.evidence).toBe('401');
    }
  });

  it('one huge line with no newline: what lies past MAX_LINE is not read', async () => {
    const huge = Buffer.from('HTTP 403 Forbidden ' + 'z'.repeat(3 * 1024 * 1024) + ' connect ECONNREFUSED 127.0.0.1:443');
    for (const size of [64 * 1024, 1024 * 1024]) {
      const got = await both('huge.log', huge, size);
      expect(got.matches.map((m) => m.id)).toEqual(['access-not-granted']);
      expect(got.lines).toBe(1);
    }
    const late = Buffer.from('z'.repeat(MAX_LINE - 4) + 'HTTP 403 Forbidden');
    expect((await both('late.log', late, 4096)).matches).toEqual([]);
  });

  it('a chunk with more literals than are recorded (a literal every few bytes) is read again line by line', async () => {
    const dense = 'sse 401 '.repeat(1000); // 2000 literals a line
    const lines = Array.from({ length: 600 }, (_, i) => (i % 97 === 0 ? 'HTTP 403 Forbidden' : i % 89 === 0 ? 'spawn npx ENOENT' : dense));
    const got = await both('dense.log', Buffer.from(lines.join('\n') + '\n'), 1024 * 1024);
    expect(got.matches.map((m) => [m.id, m.count])).toEqual([['node-missing', 6], ['access-not-granted', 7]]);
  });

  it('binary bytes and UTF-8 characters cut across chunks', async () => {
    const bin = Buffer.concat([Buffer.from([0, 0xff, 0xfe, 0xc3, 0x0a, 0x80, 0xe2, 0x80]), Buffer.from('\ncouldn’t reach the server 😀 ECONNREFUSED\n\u00e9\u2019 HTTP 401\n'), Buffer.from([0xf0, 0x9f, 0x98])]);
    for (const size of [1, 2, 3, 4, 7, 16]) {
      const got = await both('bin.log', bin, size);
      expect(got.matches.map((m) => m.id)).toEqual(['token-invalid-or-expired', 'server-unreachable']);
      expect(got.lines).toBe(5);
    }
  });
});
