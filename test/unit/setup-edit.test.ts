import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { applyEdits, createScanner, modify, parse } from 'jsonc-parser';
import { ConfigUnusableError, detectFormatting, existingServer, lineColumn, mergeEntry, parseConfigText, withoutServer, withoutServersBytes, withServer } from '../../src/setup/edit.js';

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

describe('removing a server: only its own text goes, every other byte stays', () => {
  /**
   * withoutServer's result, checked: exactly `want`; it parses (as the client reads it) to the
   * original without the entry; and, on strict JSON, the byte editor (remove) writes the same.
   */
  const cut = (text: string, want: string, client: 'cursor' | 'vscode' | 'claude-code' = 'cursor', path: string[] = ['mcpServers', 'tray']) => {
    const out = withoutServer(text, client, path);
    expect(out).toBe(want);
    const opts = { allowTrailingComma: client === 'vscode', disallowComments: client !== 'vscode' };
    const errors: unknown[] = [];
    const original = parse(text.replace(/^\uFEFF/, ''), [], opts);
    let at = original;
    for (const k of path.slice(0, -1)) at = at[k];
    delete at[path.at(-1)!];
    expect(parse(out.replace(/^\uFEFF/, ''), errors as never, opts)).toEqual(original);
    expect(errors).toEqual([]);
    const pieces = withoutServersBytes(Buffer.from(text), [{ client, jsonPath: path }]);
    if (client !== 'vscode') expect(pieces && Buffer.concat(pieces).toString()).toBe(want);
  };

  it('a member on lines of its own: those lines go; the odd spacing of the others stays (the reported case)', () => {
    const text = [
      '{',
      '  "mcpServers": {',
      '    "other": {"command": "node",   "args": ["x.js"]},',
      '    "tray": {',
      '      "url": "https://12345678-abcd-1234-ef56-0123456789ab.mcp.tray.ai",',
      '      "headers": { "Authorization": "Bearer abcdefghijklmnop1234" }',
      '    },',
      '    "third": { "command":"uvx",',
      '       "args": [ "y" ] }',
      '  }',
      '}',
      '',
    ].join('\n');
    cut(text, text.replace(/ {4}"tray": \{\n[^]*?\n {4}\},\n/, ''));
  });

  it('the first member: its lines go, the next one stays as it was', () => {
    cut('{\n  "mcpServers": {\n    "tray": {"url": "x"},\n    "b": {"command":"y",  "args": []}\n  }\n}\n', '{\n  "mcpServers": {\n    "b": {"command":"y",  "args": []}\n  }\n}\n');
  });

  it('the last member: its lines go and the comma before it, so strict JSON stays strict', () => {
    cut('{\n  "mcpServers": {\n    "a": {"command":"x",   "args": []} ,\n    "tray": {\n      "url": "x"\n    }\n  },\n  "z": 1\n}\n', '{\n  "mcpServers": {\n    "a": {"command":"x",   "args": []}\n  },\n  "z": 1\n}\n');
  });

  it('the only member: the map is left as {} on its key line', () => {
    cut('{\n  "a":   1,\n  "mcpServers": {\n    "tray": {\n      "url": "x"\n    }\n  },\n  "z":  [1,2]\n}\n', '{\n  "a":   1,\n  "mcpServers": {},\n  "z":  [1,2]\n}\n');
    cut('{"a":   1, "mcpServers": { "tray": {"url": "x"} }, "z":  [1,2]}', '{"a":   1, "mcpServers": {}, "z":  [1,2]}');
  });

  it('a member sharing its line with others: it goes with one comma and the space next to it', () => {
    cut('{"mcpServers": {"a":1,  "tray": {"url":"x"},"b":2}, "z":  3}', '{"mcpServers": {"a":1,"b":2}, "z":  3}');
    cut('{"mcpServers": {"tray": {"url":"x"},   "b":2,"c" : 3}}', '{"mcpServers": {"b":2,"c" : 3}}');
    cut('{"mcpServers": {"a":1 ,  "tray": {"url":"x"}}}', '{"mcpServers": {"a":1}}');
    cut('{\n  "mcpServers": { "tray": {"url":"x"},\n    "b":  2 }\n}\n', '{\n  "mcpServers": {\n    "b":  2 }\n}\n');
    cut('{\n  "mcpServers": {\n    "a":  1,\n    "tray": {"url":"x"} }\n}\n', '{\n  "mcpServers": {\n    "a":  1 }\n}\n');
  });

  it('comment lines directly above the member go with it; a comment on the line before stays with its member', () => {
    const text = [
      '{',
      '  // my servers',
      '  "servers": {',
      '    "a": {"command":"x"}, // a is mine',
      '    // Tray, added by setup',
      '    /* second line',
      '       of it */',
      '    "tray": {"url": "x"}, // tray',
      '',
      '    // b below',
      '    "b": {  "command": "y" }',
      '  }',
      '}',
      '',
    ].join('\n');
    cut(text, text.replace(/ {4}\/\/ Tray[^]*?\/\/ tray\n/, ''), 'vscode', ['servers', 'tray']);
    // a comment set apart by a blank line stays; so does one after the member
    const apart = '{\n  "servers": {\n    "a": 1,\n    // section\n\n    "tray": 2\n    // end\n  }\n}\n';
    cut(apart, '{\n  "servers": {\n    "a": 1\n    // section\n\n    // end\n  }\n}\n', 'vscode', ['servers', 'tray']);
    // the only member, with its comment: {} — other comments in the map keep its lines
    cut('{\n  "servers": {\n    // Tray\n    "tray": 2\n  }\n}\n', '{\n  "servers": {}\n}\n', 'vscode', ['servers', 'tray']);
    cut('{\n  "servers": {\n    "tray": 2\n    // keep me\n  }\n}\n', '{\n  "servers": {\n    // keep me\n  }\n}\n', 'vscode', ['servers', 'tray']);
  });

  it('JSONC trailing commas: kept where the file writes them, not made where it does not', () => {
    // the file ends its objects with a comma: the new last member keeps its comma
    cut('{\n  "servers": {\n    "a": {"command": "x",},\n    "tray": {"url": "x"}\n  },\n}\n', '{\n  "servers": {\n    "a": {"command": "x",},\n  },\n}\n', 'vscode', ['servers', 'tray']);
    cut('{\n  "servers": {\n    "a": 1,\n    "tray": 2,\n  }\n}\n', '{\n  "servers": {\n    "a": 1,\n  }\n}\n', 'vscode', ['servers', 'tray']);
    // sharing a line: the member and the comma before it; the one the object ended with stays
    cut('{"servers": {"a": 1,  "tray": 2,}}', '{"servers": {"a": 1,}}', 'vscode', ['servers', 'tray']);
    // it does not: none is made
    cut('{\n  "servers": {\n    "a": {"command":  "x"},\n    "tray": 2\n  }\n}\n', '{\n  "servers": {\n    "a": {"command":  "x"}\n  }\n}\n', 'vscode', ['servers', 'tray']);
  });

  it('CRLF, a BOM and tabs stay', () => {
    cut('\uFEFF{\r\n\t"mcpServers": {\r\n\t\t"a": {"command":"x"},\r\n\t\t"tray": {\r\n\t\t\t"url": "x"\r\n\t\t},\r\n\t\t"b":  {}\r\n\t}\r\n}\r\n', '\uFEFF{\r\n\t"mcpServers": {\r\n\t\t"a": {"command":"x"},\r\n\t\t"b":  {}\r\n\t}\r\n}\r\n');
    cut('{\r\n\t"mcpServers": {\r\n\t\t"a": {"command":"x"},\r\n\t\t"tray": {"url": "x"}\r\n\t}\r\n}', '{\r\n\t"mcpServers": {\r\n\t\t"a": {"command":"x"}\r\n\t}\r\n}');
  });

  it("a project's own map in ~/.claude.json: the same rules, the rest of the file untouched", () => {
    const text = '{\n  "projects": {\n    "/a": {\n      "mcpServers": {\n        "x": {"command":"x"},\n        "tray": {"type": "http", "url": "x"}\n      },\n      "history": [ 1,2 ]\n    }\n  }\n}\n';
    cut(text, '{\n  "projects": {\n    "/a": {\n      "mcpServers": {\n        "x": {"command":"x"}\n      },\n      "history": [ 1,2 ]\n    }\n  }\n}\n', 'claude-code', ['projects', '/a', 'mcpServers', 'tray']);
  });

  it('an entry no longer there is refused (the file changed since it was read)', () => {
    expect(() => withoutServer('{\n  "mcpServers": {\n    "a": 1\n  }\n}\n', 'cursor', ['mcpServers', 'tray'])).toThrow(/no longer there/);
    expect(() => withoutServer('{\n  "a": 1\n}\n', 'claude-code', ['projects', '/a', 'mcpServers', 'tray'])).toThrow(/no longer there/);
  });
});

describe('removing a server, on random layouts (property)', () => {
  const name = fc.constantFrom('a', 'b', 'tray', 'x-y', 'é');
  const value = fc.oneof(fc.integer(), fc.constant(null), fc.dictionary(fc.constantFrom('url', 'command', 'args'), fc.oneof(fc.string({ maxLength: 4 }), fc.array(fc.integer(), { maxLength: 2 })), { maxKeys: 2 }));
  // how each member is written: its own line(s) or after the one before on its line; spacing; a comment
  const member = fc.record({ value, own: fc.boolean(), pretty: fc.boolean(), colon: fc.constantFrom(': ', ':', ' : '), above: fc.boolean(), after: fc.boolean() });
  const layout = fc.record({
    members: fc.uniqueArray(fc.tuple(name, member), { minLength: 1, maxLength: 4, selector: ([n]) => n }),
    jsonc: fc.boolean(),
    trailing: fc.boolean(),
    eol: fc.constantFrom('\n', '\r\n'),
    indent: fc.constantFrom('  ', '    ', '\t'),
    bom: fc.boolean(),
    close: fc.boolean(),
  });
  const render = (l: typeof layout extends fc.Arbitrary<infer T> ? T : never) => {
    const { eol, indent: u } = l;
    const i2 = u + u;
    let map = '{';
    l.members.forEach(([n, m], k) => {
      const v = m.pretty ? JSON.stringify(m.value, null, 2).replace(/\n/g, eol + i2) : JSON.stringify(m.value);
      const first = k === 0 || m.own;
      if (l.jsonc && m.above && first) map += eol + i2 + '// about ' + n;
      map += (first ? eol + i2 : ' ') + JSON.stringify(n) + m.colon + v;
      if (k < l.members.length - 1 || (l.jsonc && l.trailing)) map += ',';
      if (l.jsonc && m.after && (k === l.members.length - 1 ? !l.close : l.members[k + 1]![1].own)) map += ' // ' + n;
    });
    map += l.close ? ' }' : eol + u + '}';
    return `${l.bom ? '\uFEFF' : ''}{${eol}${u}"before": [1,  2],${eol}${u}"servers": ${map},${eol}${u}"after":{}${eol}}${eol}`;
  };

  it('only the member, one comma and comment lines above it go; the rest reads back the same; bytes as text', () => {
    fc.assert(
      fc.property(layout, fc.nat(), (l, pick) => {
        // VS Code reads JSONC ("servers"), Cline strict JSON ("mcpServers")
        const client = l.jsonc ? 'vscode' : 'cline';
        const key = l.jsonc ? 'servers' : 'mcpServers';
        const t = l.jsonc ? render(l) : render(l).replace('"servers"', '"mcpServers"');
        const target = l.members[pick % l.members.length]![0];
        const out = withoutServer(t, client, [key, target]);
        const opts = { allowTrailingComma: l.jsonc, disallowComments: !l.jsonc };
        const want = parse(t.replace(/^\uFEFF/, ''), [], opts);
        delete want[key][target];
        const errors: unknown[] = [];
        expect(parse(out.replace(/^\uFEFF/, ''), errors as never, opts)).toEqual(want);
        expect(errors).toEqual([]);
        // only deletions, all inside the server map
        const mapStart = t.indexOf(`"${key}": {`) + `"${key}": `.length;
        const tail = t.slice(t.lastIndexOf(`,${l.eol}${l.indent}"after"`));
        expect(out.slice(0, mapStart)).toBe(t.slice(0, mapStart));
        expect(out.endsWith(tail)).toBe(true);
        let j = 0;
        for (const ch of out) {
          j = t.indexOf(ch, j);
          expect(j).toBeGreaterThanOrEqual(0);
          j += ch.length;
        }
        // the tokens left: the old ones but the member's and at most one comma
        const tokens = (x: string) => {
          const sc = createScanner(x, true);
          const got: string[] = [];
          for (let k = sc.scan(); k !== 17; k = sc.scan()) got.push(`${k}:${sc.getTokenValue()}`);
          return got;
        };
        const member = tokens(`${JSON.stringify(target)}: ${JSON.stringify(l.members.find(([n]) => n === target)![1].value)}`).length;
        const dropped = tokens(t).length - tokens(out).length - member;
        expect(dropped === 0 || dropped === 1).toBe(true);
        // every other member's text and comments as written
        for (const [n, m] of l.members) {
          if (n === target) continue;
          expect(out).toContain(JSON.stringify(n) + m.colon);
          if (t.includes(`// about ${n}${l.eol}`)) expect(out).toContain(`// about ${n}${l.eol}`);
          if (t.includes(`// ${n}${l.eol}`)) expect(out).toContain(`// ${n}${l.eol}`);
        }
        // no comma before a closing brace unless the file writes them
        if (!(l.jsonc && l.trailing)) expect(out).not.toMatch(/,\s*(\/\/[^\n]*\s*)*\}/);
        if (!l.jsonc) {
          const pieces = withoutServersBytes(Buffer.from(t), [{ client, jsonPath: [key, target] }]);
          expect(pieces && Buffer.concat(pieces).toString()).toBe(out);
        }
      }),
      { numRuns: 600 },
    );
  });
});
