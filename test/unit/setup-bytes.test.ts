// setup reads the file as bytes and writes the new one as pieces of it (parseConfigBytes,
// withServerBytes: a 120 MB ~/.claude.json is never a string): byte for byte what the text editor
// (parseConfigText, withServer) writes, and the same refusals in the same words, for any strict JSON
// file, any name, BOM, line ends, indentation and non-ASCII text; JSONC or broken files go the text
// way, and bytes that are not UTF-8 text are refused. The text editor itself is held to jsonc-parser editing the whole document in
// setup-edit.test.ts.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { ClientId } from '../../src/clients/catalog.js';
import { ConfigUnusableError, detectFormatting, parseConfigBytes, parseConfigText, withServer, withServerBytes } from '../../src/setup/edit.js';

type Outcome = { ok: true; value: unknown } | { ok: false; error: string };
const attempt = (f: () => unknown): Outcome => {
  try {
    return { ok: true, value: f() };
  } catch (e) {
    return { ok: false, error: `${(e as Error).name}: ${(e as Error).message}` };
  }
};

const tricky = fc
  .array(fc.constantFrom('"', '\\', '{', '}', '[', ']', ',', ':', 'a', ' ', '\n', 'é', '日本', '😀', '\u0001', '\u2028', '\\"', '"mcpServers": {', 'servers'), { maxLength: 8 })
  .map((a) => a.join(''));
const key = fc.oneof(tricky, fc.constantFrom('mcpServers', 'servers', 'context_servers', 'projects', 'tray', 'tray-workspace', 'github', 'url', 'headers'));
const json = fc.letrec((tie) => ({
  v: fc.oneof({ depthSize: 'small' }, tricky, fc.integer(), fc.boolean(), fc.constant(null), fc.array(tie('v'), { maxLength: 3 }), fc.dictionary(key, tie('v'), { maxKeys: 3 })),
})).v;
const entry = fc.oneof(fc.record({ url: tricky, headers: fc.dictionary(key, tricky, { maxKeys: 2 }), type: fc.constantFrom('http', 'sse') }, { requiredKeys: ['url'] }), fc.record({ command: tricky, args: fc.array(tricky, { maxLength: 3 }) }));
const map = fc.oneof({ weight: 5, arbitrary: fc.dictionary(key, entry, { maxKeys: 4 }) }, { weight: 1, arbitrary: json });
const CLIENTS_UNDER_TEST: ClientId[] = ['claude-code', 'cursor', 'vscode', 'zed'];
const doc = fc
  .tuple(fc.dictionary(key, json, { maxKeys: 4 }), fc.option(map, { nil: undefined }), fc.constantFrom('mcpServers', 'servers', 'context_servers'), fc.boolean())
  .map(([top, m, rootKey, last]) => {
    // the server map first, in the middle or last
    const d: Record<string, unknown> = last ? { ...top } : {};
    if (m !== undefined) d[rootKey] = m;
    return last ? d : { ...d, ...top };
  });
const layout = fc.constantFrom<[number | string, string, string]>([2, '\n', ''], [4, '\r\n', ''], ['\t', '\n', '\uFEFF'], [0, '\n', ''], [2, '\r', ''], [3, '\n', '\uFEFF'], [1, '\n', '']);
const asText = (d: unknown, [indent, eol, bom]: [number | string, string, string]) => bom + JSON.stringify(d, null, indent).replace(/\n/g, eol) + (eol === '\r' ? '' : eol);

describe('setup from bytes', () => {
  it('writes byte for byte what the text editor writes, and refuses what it refuses, in the same words', () => {
    fc.assert(
      fc.property(doc, layout, fc.constantFrom(...CLIENTS_UNDER_TEST), fc.oneof(key, fc.constant('tray-workspace')), entry, (d, fmt, client, name, e) => {
        const text = asText(d, fmt);
        const bytes = Buffer.from(text);
        const t = attempt(() => parseConfigText(text, client));
        const b = attempt(() => parseConfigBytes(bytes, client));
        expect(b.ok).toBe(t.ok);
        if (!t.ok || !b.ok) {
          expect(b).toEqual(t);
          return;
        }
        expect((b.value as { servers: unknown }).servers).toEqual((t.value as { servers: unknown }).servers);
        const written = attempt(() => withServer(text, client, name, e));
        const pieces = attempt(() => Buffer.concat(withServerBytes(bytes, client, name, e, b.value as never)));
        if (!written.ok || !pieces.ok) expect(pieces).toEqual(written);
        else expect((pieces.value as Buffer).toString()).toBe(written.value);
      }),
      { numRuns: 1500 },
    );
  });

  it('a server written twice: refused naming the same lines (after lines of non-ASCII text)', () => {
    const text = '{\n  "a": "é日本😀\\n",\n  "x": ["\u2028", "\\r"],\n  "mcpServers": {\n    "tray": {"url": "a"},\n    "tray": {"url": "b"}\n  }\n}\n';
    const e = { url: 'https://u' };
    expect(() => withServer(text, 'cursor', 'tray', e)).toThrow(/lines 5 and 6/);
    expect(() => withServerBytes(Buffer.from(text), 'cursor', 'tray', e)).toThrow(/lines 5 and 6/);
  });

  it('the edit is local: everything before and after the server map is the original bytes, untouched', () => {
    const text = '{\n  "history": "\\" mcpServers: {",\n  "mcpServers": {\n    "a": {"url": "x"}\n  },\n  "z": "日本"\n}\n';
    const bytes = Buffer.from(text);
    const pieces = withServerBytes(bytes, 'claude-code', 'tray', { url: 'https://u' });
    expect(pieces).toHaveLength(4);
    // views of the file's own bytes, not copies
    expect(pieces[1]!.buffer).toBe(bytes.buffer);
    expect(pieces[3]!.buffer).toBe(bytes.buffer);
    expect(JSON.parse(Buffer.concat(pieces).toString())).toEqual({ history: '" mcpServers: {', mcpServers: { a: { url: 'x' }, tray: { url: 'https://u' } }, z: '日本' });
    const added = withServerBytes(Buffer.from('{\n  "a": 1\n}'), 'claude-code', 'tray', { url: 'https://u' });
    expect(Buffer.concat(added).toString()).toBe('{\n  "a": 1,\n  "mcpServers": {\n    "tray": {\n      "url": "https://u"\n    }\n  }\n}');
  });

  it('files that are not strict JSON, or not UTF-8, or blank, or one line without a map: the text way', () => {
    const e = { url: 'https://u' };
    for (const [text, client, asBytes] of [
      ['// c\n{ "servers": { "a": {}, }, }', 'vscode', undefined],
      ['{"a": 1}', 'cursor', true],
      ['{}', 'cursor', true],
      ['  \n', 'cursor', undefined],
    ] as const) {
      const p = parseConfigBytes(Buffer.from(text), client);
      expect(p.layout.bytes).toBe(asBytes);
      expect(Buffer.concat(withServerBytes(Buffer.from(text), client, 'tray', e, p)).toString()).toBe(withServer(text, client, 'tray', e));
    }
    expect(Buffer.concat(withServerBytes(null, 'cursor', 'tray', e)).toString()).toBe(withServer(null, 'cursor', 'tray', e));
  });

  // Changed on purpose: Latin-1 bytes used to be decoded (each bad byte as U+FFFD) and the file
  // written back so, which changed those bytes. Bytes that are not UTF-8 text are now refused.
  it('bytes that are not UTF-8 text are refused, naming the first bad byte; a UTF-8 BOM is kept', () => {
    const e = { url: 'https://u' };
    const latin1 = Buffer.concat([Buffer.from('{"a": "'), Buffer.from([0xe9]), Buffer.from('", "mcpServers": {}}')]);
    const cases: [Buffer, RegExp][] = [
      [latin1, /not valid UTF-8 text \(first bad byte 0xE9 at offset 7\)/],
      [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), latin1]), /not valid UTF-8 text \(first bad byte 0xE9 at offset 10\)/],
      [Buffer.from('\uFEFF{"mcpServers": {}}', 'utf16le'), /saved as UTF-16 \(byte-order mark FF FE at offset 0\)/],
      [Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('{}', 'utf16le').swap16()]), /saved as UTF-16 \(byte-order mark FE FF/],
      [Buffer.from('{"a": "x\u0000y", "mcpServers": {}}'), /NUL byte at offset 8/],
      // an encoded surrogate (ED A0 80) and an overlong form (C0 AF) are not UTF-8 either
      [Buffer.concat([Buffer.from('{"a": "'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')]), /first bad byte 0xED at offset 7/],
      [Buffer.concat([Buffer.from('{"a": "日'), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')]), /first bad byte 0xC0 at offset 10/],
    ];
    for (const [bytes, re] of cases) {
      for (const client of ['cursor', 'vscode', 'codex', 'continue'] as const) {
        expect(() => parseConfigBytes(bytes, client)).toThrow(ConfigUnusableError);
        expect(() => parseConfigBytes(bytes, client)).toThrow(re);
        expect(() => withServerBytes(bytes, client, 'tray', e)).toThrow(re);
      }
    }
    const bom = Buffer.from('\uFEFF{\n  "a": "é"\n}\n');
    const out = Buffer.concat(withServerBytes(bom, 'cursor', 'tray', e));
    expect(out.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(out.toString()).toBe(withServer(bom.toString(), 'cursor', 'tray', e));
  });

  it('indentation and line ends from the bytes as from the text (lines start after \\n, \\r, U+2028, U+2029)', () => {
    const piece = fc.constantFrom(' ', '  ', '\t', '\n', '\r', '\r\n', '\u2028', '\u2029', '\u00a0', '\v', 'x', '{', 'é', '😀', '日');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 16 }), (a) => {
        const text = a.join('');
        expect(detectFormatting(Buffer.from(text))).toEqual(detectFormatting(text));
      }),
      { numRuns: 3000 },
    );
  });

  it("the text editor's layout of strict JSON (found in its UTF-8) is where the visitor finds it", () => {
    // a comment after the document makes it JSONC: the visitor reads it; the offsets before it are the same
    fc.assert(
      fc.property(doc, layout, (d, fmt) => {
        const text = asText(d, fmt).replace(/^\uFEFF/, '');
        const strict = attempt(() => parseConfigText(text, 'vscode'));
        const visited = attempt(() => parseConfigText(`${text}\n// end`, 'vscode'));
        expect(strict).toEqual(visited);
      }),
      { numRuns: 600 },
    );
  });
});
