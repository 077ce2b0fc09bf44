import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { applyEdits, modify, parse } from 'jsonc-parser';
import { ConfigUnusableError, detectFormatting, existingServer, lineColumn, mergeEntry, parseConfigText, withoutServer, withServer } from '../../src/setup/edit.js';

const entry = { url: 'https://u.mcp.tray.ai', headers: { Authorization: 'Bearer t0ken-value-123456' } };

describe('setup edit: parse', () => {
  it('strict JSON for JSON clients: comments and trailing commas are errors with line and column', () => {
    expect(() => parseConfigText('{\n  // c\n  "mcpServers": {}\n}', 'cursor')).toThrow(/comments are not allowed.*line 2, column 3/i);
    expect(() => parseConfigText('{ "mcpServers": {}, }', 'claude')).toThrow(ConfigUnusableError);
  });

  it('JSONC for VS Code: comments and trailing commas are fine', () => {
    expect(parseConfigText('// hi\n{ "servers": { "a": {}, }, }', 'vscode').servers).toEqual({ a: {} });
  });

  it('reports where a file breaks', () => {
    try {
      parseConfigText('{\n  "mcpServers": {\n    "a": { "url": "x" \n', 'cursor');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigUnusableError);
      expect((e as ConfigUnusableError).line).toBeGreaterThanOrEqual(3);
    }
  });

  it('refuses a non-object top level or server map; empty text is an empty document', () => {
    expect(() => parseConfigText('[]', 'cursor')).toThrow(/top level/);
    expect(() => parseConfigText('{"mcpServers": 1}', 'cursor')).toThrow(/"mcpServers" is not an object/);
    expect(() => parseConfigText('{"servers": []}', 'vscode')).toThrow(/"servers"/);
    expect(parseConfigText(' \n', 'cursor')).toMatchObject({ servers: {}, empty: true });
    expect(parseConfigText('\uFEFF{"a":1}', 'cursor')).toMatchObject({ servers: {}, empty: false });
    expect(() => parseConfigText('{"mcpServers": {}} {"b": 1}', 'cursor')).toThrow(/unexpected text after the end/i);
    expect(() => parseConfigText('"just a string"', 'cursor')).toThrow(/top level/);
  });

  it('finds an existing entry only in the root server map', () => {
    const p = parseConfigText('{"mcpServers":{"a":{"url":"x"}},"projects":{"/p":{"mcpServers":{"b":{}}}}}', 'claude-code');
    expect(existingServer(p, 'a')).toEqual({ url: 'x' });
    expect(existingServer(p, 'b')).toBeUndefined();
    expect(existingServer(p, 'toString')).toBeUndefined();
    // a key given twice: the last one counts (as JSON.parse, and so the clients, read it)
    expect(existingServer(parseConfigText('{"mcpServers":{"a":1},"x":0,"mcpServers":{"a":2}}', 'cursor'), 'a')).toBe(2);
  });

  it('line/column are 1-based', () => {
    expect(lineColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});

describe('setup edit: mergeEntry (replacing a same-name entry)', () => {
  it('keeps the keys setup does not control, drops "disabled" and the old connection keys', () => {
    const old = { command: 'npx', args: ['mcp-remote', 'x'], env: { A: '1' }, url: 'https://old', type: 'sse', autoApprove: ['t'], alwaysAllow: [], timeout: 60, disabled: true };
    const m = mergeEntry(old, entry);
    expect(m.entry).toEqual({ ...entry, autoApprove: ['t'], alwaysAllow: [], timeout: 60 });
    expect(m.kept).toEqual(['autoApprove', 'alwaysAllow', 'timeout']);
    expect(m.reenabled).toBe(true);
    expect(mergeEntry({ ...old, disabled: false }, entry).reenabled).toBe(false);
    expect(mergeEntry(undefined, entry)).toEqual({ entry, kept: [], reenabled: false });
    expect(mergeEntry('not an object', entry).entry).toBe(entry);
  });

  it('keeps other headers and environment variables, never an old Authorization', () => {
    const old = { url: 'x', headers: { authorization: 'Bearer old', 'X-Team': 'a' } };
    expect(mergeEntry(old, entry).entry).toEqual({ ...entry, headers: { ...entry.headers, 'X-Team': 'a' } });
    const cmd = { command: 'npx', args: [], env: { AUTH_HEADER: 'Bearer new' } };
    const m = mergeEntry({ command: 'npx', env: { AUTH_HEADER: 'Bearer old', NODE_EXTRA_CA_CERTS: '/ca.pem' } }, cmd);
    expect(m.entry.env).toEqual({ AUTH_HEADER: 'Bearer new', NODE_EXTRA_CA_CERTS: '/ca.pem' });
    expect(m.kept).toEqual(['env.NODE_EXTRA_CA_CERTS']);
  });
});

describe('setup edit: withServer', () => {
  it('a missing or empty file becomes a fresh document', () => {
    expect(JSON.parse(withServer(null, 'vscode', 'n', entry))).toEqual({ servers: { n: entry } });
    expect(JSON.parse(withServer('  ', 'cursor', 'n', entry))).toEqual({ mcpServers: { n: entry } });
  });

  it('keeps comments, other keys and the BOM; replaces a same-name entry', () => {
    const text = '\uFEFF// top\n{\n  "servers": {\n    "n": { "type": "stdio" }, // old\n    "o": { "type": "stdio", "command": "x" },\n  },\n  "inputs": [1],\n}\n';
    const out = withServer(text, 'vscode', 'n', entry);
    expect(out.startsWith('\uFEFF// top')).toBe(true);
    const doc = parse(out.slice(1));
    expect(doc).toEqual({ servers: { n: entry, o: { type: 'stdio', command: 'x' } }, inputs: [1] });
  });

  it('follows the file’s indentation and line ends', () => {
    const tabbed = '{\r\n\t"mcpServers": {\r\n\t\t"o": {}\r\n\t}\r\n}\r\n';
    const out = withServer(tabbed, 'cursor', 'n', entry);
    expect(out).toContain('\r\n\t\t"n": {');
    expect(out.replace(/\r\n/g, '')).not.toContain('\n');
    expect(detectFormatting('{\n    "a": 1\n}')).toEqual({ insertSpaces: true, tabSize: 4, eol: '\n' });
  });

  it('without a server map: adds one as the last property, indented like the file; nothing else changes', () => {
    const text = '{\n    "a": 1,\n    "b": [\n        1\n    ]\n}\n';
    const out = withServer(text, 'cursor', 'n', entry);
    expect(out.startsWith('{\n    "a": 1,\n    "b": [\n        1\n    ],\n    "mcpServers": {\n        "n": {')).toBe(true);
    expect(out.endsWith('\n    }\n}\n')).toBe(true);
    expect(JSON.parse(out)).toEqual({ a: 1, b: [1], mcpServers: { n: entry } });
    // JSONC with a trailing comma and a comment after the last value
    const vs = '{\n  "inputs": [], // keep\n}\n';
    const vout = withServer(vs, 'vscode', 'n', entry);
    expect(vout).toContain('// keep');
    expect(parse(vout, [], { allowTrailingComma: true })).toEqual({ inputs: [], servers: { n: entry } });
    // a one-line file and an empty object: laid out by the formatter
    expect(JSON.parse(withServer('{"a":1}', 'cursor', 'n', entry))).toEqual({ a: 1, mcpServers: { n: entry } });
    expect(JSON.parse(withServer('{}', 'cursor', 'n', entry))).toEqual({ mcpServers: { n: entry } });
  });

  it('the same text as jsonc-parser editing the whole document, for files with a server map', () => {
    const json = fc.jsonValue({ maxDepth: 2 });
    const key = fc.string({ minLength: 1, maxLength: 8 }).filter((k) => k !== '__proto__');
    fc.assert(
      fc.property(
        fc.dictionary(key, json, { maxKeys: 4 }),
        fc.dictionary(key, fc.dictionary(key, json, { maxKeys: 3 }), { maxKeys: 3 }),
        key,
        fc.constantFrom(2, 4, '\t'),
        fc.boolean(),
        (others, servers, name, indent, first) => {
          const doc = first ? { mcpServers: servers, ...others } : { ...others, mcpServers: servers };
          const text = JSON.stringify(doc, null, indent);
          const whole = applyEdits(text, modify(text, ['mcpServers', name], entry, { formattingOptions: detectFormatting(text) }));
          expect(withServer(text, 'cursor', name, entry)).toBe(whole);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses to edit an unparseable file', () => {
    expect(() => withServer('{ "mcpServers": ', 'cursor', 'n', entry)).toThrow(ConfigUnusableError);
  });

  it('property: for any existing servers and keys, the result has exactly those plus the new entry', () => {
    const key = fc.string({ minLength: 1, maxLength: 12 }).filter((k) => k !== '__proto__');
    const value = fc.jsonValue({ maxDepth: 3 });
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: 5 }), fc.dictionary(key, fc.dictionary(key, value, { maxKeys: 3 }), { maxKeys: 4 }), key, (others, servers, name) => {
        const doc: Record<string, unknown> = { ...others, mcpServers: servers };
        const text = JSON.stringify(doc, null, 2);
        const out = JSON.parse(withServer(text, 'cursor', name, entry));
        const before = JSON.parse(text); // (JSON has no -0: compare with what the text holds)
        expect(out).toEqual({ ...before, mcpServers: { ...before.mcpServers, [name]: entry } });
      }),
      { numRuns: 300 },
    );
  });
});

describe('setup edit: replacing a Codex entry that used another way to send its token', () => {
  it("bearer_token_env_var and env_http_headers go (doctor would otherwise read the old variable); other settings stay", async () => {
    const { mergeEntry } = await import('../../src/setup/edit.js');
    const m = mergeEntry({ url: 'https://old', bearer_token_env_var: 'TRAY_TOK', env_http_headers: { Authorization: 'X' }, startup_timeout_sec: 30 }, { url: 'https://new', http_headers: { Authorization: 'Bearer t' } });
    expect(m.entry).toEqual({ url: 'https://new', http_headers: { Authorization: 'Bearer t' }, startup_timeout_sec: 30 });
    expect(m.kept).toEqual(['startup_timeout_sec']);
  });
});

describe('a server name written twice in the map', () => {
  const text = '{\n  "mcpServers": {\n    "tray": { "url": "https://a.example" },\n    "other": { "command": "x" },\n    "tray": { "url": "https://b.example" }\n  }\n}\n';
  it('setup and remove refuse it, naming both lines, rather than edit either', () => {
    expect(() => withServer(text, 'cursor', 'tray', { url: 'https://c.example' })).toThrow(/"tray" is written 2 times in it \(lines 3 and 5; Cursor uses the last one\)/);
    expect(() => withoutServer(text, 'cursor', ['mcpServers', 'tray'])).toThrow(ConfigUnusableError);
  });
  it('another name in the same map is still written', () => {
    expect(JSON.parse(withServer(text.replace(/"tray": \{ "url": "https:\/\/a/, '"first": { "url": "https://a'), 'cursor', 'other', { url: 'https://c.example' })).mcpServers.other).toEqual({ url: 'https://c.example' });
  });
});
