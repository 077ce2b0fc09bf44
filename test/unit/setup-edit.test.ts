import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parse } from 'jsonc-parser';
import { ConfigUnusableError, detectFormatting, existingServer, lineColumn, parseConfigText, withServer } from '../../src/setup/edit.js';

const entry = { url: 'https://u.mcp.tray.ai', headers: { Authorization: 'Bearer t0ken-value-123456' } };

describe('setup edit: parse', () => {
  it('strict JSON for JSON clients: comments and trailing commas are errors with line and column', () => {
    expect(() => parseConfigText('{\n  // c\n  "mcpServers": {}\n}', 'cursor')).toThrow(/comments are not allowed.*line 2, column 3/);
    expect(() => parseConfigText('{ "mcpServers": {}, }', 'claude')).toThrow(ConfigUnusableError);
  });

  it('JSONC for VS Code: comments and trailing commas are fine', () => {
    expect(parseConfigText('// hi\n{ "servers": { }, }', 'vscode').doc).toEqual({ servers: {} });
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
    expect(parseConfigText(' \n', 'cursor')).toEqual({ doc: {}, empty: true });
    expect(parseConfigText('\uFEFF{"a":1}', 'cursor').doc).toEqual({ a: 1 });
  });

  it('finds an existing entry only in the root server map', () => {
    const p = parseConfigText('{"mcpServers":{"a":{"url":"x"}},"projects":{"/p":{"mcpServers":{"b":{}}}}}', 'claude-code');
    expect(existingServer(p, 'claude-code', 'a')).toEqual({ url: 'x' });
    expect(existingServer(p, 'claude-code', 'b')).toBeUndefined();
    expect(existingServer(p, 'claude-code', 'toString')).toBeUndefined();
  });

  it('line/column are 1-based', () => {
    expect(lineColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
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
