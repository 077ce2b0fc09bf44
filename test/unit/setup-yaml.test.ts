// Setup's YAML editor (src/setup/yaml.ts) on Continue's list of named servers and Goose's extensions
// map: comments and every other key stay, a same-name server is replaced where it stands, what is
// written reads back as meant; a file it cannot edit safely is refused with its line and column.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from 'yaml';
import { ConfigUnusableError, existingServer, mergeEntry, parseConfigText, withoutServer, withServer } from '../../src/setup/edit.js';
import { makeEntry } from '../../src/gateway/index.js';
import { parseDocument, loadYaml } from '../../src/config/document.js';
import { findCandidates } from '../../src/gateway/entry.js';
import { withYamlServer } from '../../src/setup/yaml.js';

const URL = 'https://12345678-abcd-1234-ef56-0123456789ab.mcp.tray.ai';
const TOKEN = 'tok-abcdefghijklmnop-1234';

const CONTINUE = [
  '# my Continue config',
  'name: Local Config # keep',
  'version: 1.0.0',
  'schema: v1',
  'models:',
  '  - name: gpt',
  '    provider: openai',
  'mcpServers:',
  '  - uses: anthropic/memory-mcp # a hub block',
  '  - name: other # another server',
  '    command: npx',
  '    args: ["-y", "x"]',
  '',
].join('\n');

const GOOSE = [
  '# Goose',
  'GOOSE_MODE: smart_approve',
  'extensions:',
  '  developer:',
  '    type: builtin',
  '    name: developer',
  '    enabled: true',
  '    timeout: 300',
  '  filesystem: # files',
  '    type: stdio',
  '    name: filesystem',
  '    enabled: true',
  '    cmd: npx',
  '    args: [-y, "@modelcontextprotocol/server-filesystem", /tmp]',
  'GOOSE_TEMPERATURE: 0.7',
  '',
].join('\n');

describe('setup YAML: Continue (a list of named servers)', () => {
  const entry = makeEntry('continue', URL, TOKEN, 'tray');

  it('a new file gets the keys Continue requires and a one-item list', () => {
    const out = withServer(null, 'continue', 'tray', entry);
    expect(parse(out)).toEqual({ name: 'Main Config', version: '1.0.0', schema: 'v1', mcpServers: [{ name: 'tray', type: 'streamable-http', url: URL, apiKey: TOKEN }] });
  });

  it('adds the server at the end of the list; comments, the hub block and every other key stay', () => {
    const out = withServer(CONTINUE, 'continue', 'tray', entry);
    for (const c of ['# my Continue config', '# keep', '# a hub block', '# another server']) expect(out).toContain(c);
    const doc = parse(out);
    expect(doc.models).toEqual([{ name: 'gpt', provider: 'openai' }]);
    expect(doc.mcpServers).toEqual([{ uses: 'anthropic/memory-mcp' }, { name: 'other', command: 'npx', args: ['-y', 'x'] }, entry]);
    expect(existingServer(parseConfigText(out, 'continue'), 'tray')).toEqual(entry);
  });

  it('replaces a same-name server where it stands, keeping what setup does not control', () => {
    const text = CONTINUE.replace('  - uses:', '  - name: tray\n    type: sse\n    url: https://old.example/sse\n    connectionTimeout: 30 # slow\n  - uses:');
    const previous = existingServer(parseConfigText(text, 'continue'), 'tray');
    expect(previous).toMatchObject({ type: 'sse', connectionTimeout: 30 });
    const merged = mergeEntry(previous, entry);
    expect(merged.kept).toEqual(['connectionTimeout']);
    const out = withServer(text, 'continue', 'tray', merged.entry);
    const list = parse(out).mcpServers;
    expect(list[0]).toEqual({ ...entry, connectionTimeout: 30 });
    expect(list).toHaveLength(3);
    expect(out).toContain('# a hub block');
  });

  it('an empty flow list, a file with only comments, CRLF line ends and a BOM', () => {
    expect(parse(withServer('name: a\nversion: "1"\nmcpServers: []\n', 'continue', 'tray', entry)).mcpServers).toEqual([entry]);
    expect(parse(withServer('# nothing yet\n', 'continue', 'tray', entry)).mcpServers).toEqual([entry]);
    const crlf = withServer('\uFEFFname: a\r\nversion: "1"\r\nmcpServers:\r\n  - name: b\r\n    command: x\r\n', 'continue', 'tray', entry);
    expect(crlf.startsWith('\uFEFF')).toBe(true);
    expect(crlf.replace(/\r\n/g, '')).not.toContain('\n');
    expect(parse(crlf.slice(1)).mcpServers).toHaveLength(2);
  });

  it('keeps list items in line with their key when the file writes them so', () => {
    const out = withServer('name: a\nversion: "1"\nmcpServers:\n- name: b\n  command: x\n', 'continue', 'tray', entry);
    expect(out).toMatch(/^mcpServers:\n- name: b\n/m);
    expect(out).toMatch(/^- name: tray$/m);
  });

  it('refuses what it cannot edit safely: broken YAML (with its place), a server map that is not a list', () => {
    try {
      withServer('name: a\nmcpServers:\n  - name: b\n   command: x\n', 'continue', 'tray', entry);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigUnusableError);
      expect((e as ConfigUnusableError).message).toMatch(/not valid YAML at line 4, column \d+/);
    }
    expect(() => parseConfigText('mcpServers:\n  tray: {url: x}\n', 'continue')).toThrow(/"mcpServers" is not a list/);
    expect(() => parseConfigText('- a\n- b\n', 'continue')).toThrow(/top level is not a YAML mapping/);
    expect(() => parseConfigText('a: 1\na: 2\n', 'continue')).toThrow(/line 2/);
  });

  it('a long token stays on one line (no folding)', () => {
    const long = makeEntry('continue', URL, 't'.repeat(300), 'tray');
    const out = withServer(CONTINUE, 'continue', 'tray', long);
    expect(out).toContain(`apiKey: ${'t'.repeat(300)}\n`);
  });
});

describe('setup YAML: Goose (an extensions map)', () => {
  const entry = makeEntry('goose', URL, TOKEN, 'tray');

  it('the entry carries what Goose requires', () => {
    expect(entry).toEqual({ name: 'tray', type: 'streamable_http', uri: URL, headers: { Authorization: `Bearer ${TOKEN}` }, enabled: true, description: '', timeout: 300 });
  });

  it('adds the extension; builtin and stdio extensions, other settings and comments stay', () => {
    const out = withServer(GOOSE, 'goose', 'tray', entry);
    for (const c of ['# Goose', '# files']) expect(out).toContain(c);
    const doc = parse(out);
    expect(doc.GOOSE_MODE).toBe('smart_approve');
    expect(doc.GOOSE_TEMPERATURE).toBe(0.7);
    expect(Object.keys(doc.extensions)).toEqual(['developer', 'filesystem', 'tray']);
    expect(doc.extensions.tray).toEqual(entry);
    expect(doc.extensions.filesystem.args).toEqual(['-y', '@modelcontextprotocol/server-filesystem', '/tmp']);
  });

  it('replaces a switched-off same-name extension in place: on again, its tool filter kept', () => {
    const text = GOOSE.replace('  filesystem:', '  tray:\n    type: sse\n    name: tray\n    enabled: false\n    uri: https://old.example/sse\n    available_tools: [a, b]\n  filesystem:');
    const previous = existingServer(parseConfigText(text, 'goose'), 'tray');
    const merged = mergeEntry(previous, entry, { key: 'enabled', off: false });
    expect(merged.reenabled).toBe(true);
    expect(merged.kept).toEqual(['available_tools']);
    const doc = parse(withServer(text, 'goose', 'tray', merged.entry));
    expect(Object.keys(doc.extensions)).toEqual(['developer', 'tray', 'filesystem']);
    expect(doc.extensions.tray).toEqual({ ...entry, available_tools: ['a', 'b'] });
  });

  it('refuses an extensions value that is not a map', () => {
    expect(() => withServer('extensions: [a]\n', 'goose', 'tray', entry)).toThrow(/"extensions" is not a mapping/);
  });
});

describe('setup YAML: removing a server (tray-mcp remove)', () => {
  it('a Continue item goes only when it still has that name; a Goose extension by key; comments stay', () => {
    const text = withServer(CONTINUE, 'continue', 'tray', makeEntry('continue', URL, TOKEN, 'tray'));
    const out = withoutServer(text, 'continue', ['mcpServers', 2], 'tray');
    expect(parse(out).mcpServers).toEqual(parse(CONTINUE).mcpServers);
    expect(out).toContain('# a hub block');
    // the file changed since it was read: another item sits at that index now
    expect(() => withoutServer(text, 'continue', ['mcpServers', 1], 'tray')).toThrow(/no longer where it was/);
    const g = withServer(GOOSE, 'goose', 'tray', makeEntry('goose', URL, TOKEN, 'tray'));
    const gout = withoutServer(g, 'goose', ['extensions', 'tray'], 'tray');
    expect(parse(gout)).toEqual(parse(GOOSE));
    expect(gout).toContain('# files');
    expect(() => withoutServer(GOOSE, 'goose', ['extensions', 'tray'], 'tray')).toThrow(/no longer there/);
  });
});

describe('doctor reads YAML: lines of entries, errors with their place', () => {
  it('finds the Tray entry in a Continue list and a Goose map, with its line', async () => {
    await loadYaml();
    const c = parseDocument(withServer(CONTINUE, 'continue', 'tray', makeEntry('continue', URL, TOKEN, 'tray')), 'yaml');
    if (!c.ok) throw new Error('did not parse');
    const [cand] = findCandidates('continue', c.doc);
    expect(cand).toMatchObject({ name: 'tray', jsonPath: ['mcpServers', 2], form: 'remote', urlKey: 'url' });
    expect(c.linesOf([cand!.jsonPath])).toEqual([c.text.split('\n').findIndex((l) => l.includes('- name: tray')) + 1]);
    const g = parseDocument(withServer(GOOSE, 'goose', 'tray', makeEntry('goose', URL, TOKEN, 'tray')), 'yaml');
    if (!g.ok) throw new Error('did not parse');
    const [gc] = findCandidates('goose', g.doc);
    expect(gc).toMatchObject({ name: 'tray', jsonPath: ['extensions', 'tray'], urlKey: 'uri' });
    expect(g.linesOf([gc!.jsonPath])).toEqual([g.text.split('\n').indexOf('  tray:') + 1]);
  });

  it('a YAML error has a line, column and frame; aliases that multiply are refused', async () => {
    await loadYaml();
    const r = parseDocument('extensions:\n  a: [1, 2\nb: 3\n', 'yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problem).toMatchObject({ line: expect.any(Number), column: expect.any(Number) });
    expect(r.problem.what).toMatch(/^Not valid YAML/);
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdefgh'.split('').map((k, i) => `${k}: &${k} [*${'abcdefgh'[i]}, *${'abcdefgh'[i]}, *${'abcdefgh'[i]}, *${'abcdefgh'[i]}, *${'abcdefgh'[i]}]`), 'extensions: *h'].join('\n');
    expect(parseDocument(bomb, 'yaml')).toMatchObject({ ok: false, problem: { code: 'YamlAliases' } });
    expect(() => withServer(bomb, 'goose', 'tray', makeEntry('goose', URL, TOKEN))).toThrow(/aliases that multiply/);
    // nested past the stack: a clear problem, never a crash
    const deep = `extensions: ${'['.repeat(20000)}${']'.repeat(20000)}\n`;
    expect(parseDocument(deep, 'yaml')).toMatchObject({ ok: false, problem: { code: 'TooDeep' } });
    expect(() => withServer(deep, 'goose', 'tray', makeEntry('goose', URL, TOKEN))).toThrow(/nested too deeply/);
    expect(parseDocument('', 'yaml')).toMatchObject({ ok: true, doc: {} });
  });
});

describe('a server replaced where it stands changes only its own lines', () => {
  it("Continue's list: comments, spacing and flow lists elsewhere stay byte for byte", () => {
    const text = 'name: Main Config   # mine\nversion: 1.0.0\nmcpServers:\n  - name: other\n    command: x\n    args: [a, b]\n  # tray one\n  - name: tray\n    type: sse  # old\n    url: https://x.example/mcp\n\n# tail comment\n';
    const out = withYamlServer(text, 'continue', 'tray', { name: 'tray', type: 'streamable-http', url: 'https://x.example/mcp' });
    expect(out.startsWith('name: Main Config   # mine\nversion: 1.0.0\nmcpServers:\n  - name: other\n    command: x\n    args: [a, b]\n  # tray one\n  - name: tray\n')).toBe(true);
    expect(out.endsWith('\n\n# tail comment\n')).toBe(true);
    expect(out).toContain('type: streamable-http');
    expect(out).not.toContain('type: sse');
  });
  it("Goose's map, with CRLF line ends: the other keys' spacing stays", () => {
    const text = 'GOOSE_PROVIDER: openai   # provider\r\nextensions:\r\n  tray:\r\n    type: sse # old\r\n    uri: https://x.example/mcp\r\n    name: tray\r\n    enabled: true\r\n  other:\r\n    cmd: y\r\n';
    const out = withYamlServer(text, 'goose', 'tray', { type: 'streamable_http', uri: 'https://x.example/mcp', name: 'tray', enabled: true });
    expect(out.startsWith('GOOSE_PROVIDER: openai   # provider\r\nextensions:\r\n  tray:\r\n')).toBe(true);
    expect(out.endsWith('  other:\r\n    cmd: y\r\n')).toBe(true);
    expect(out).not.toMatch(/[^\r]\n/);
  });
});

describe('removing a server cuts out only its own text (every other byte stays)', () => {
  /** withoutServer's result: exactly `want`, and it reads back as the original without the entry */
  const cut = (text: string, client: 'continue' | 'goose', at: string | number, want: string) => {
    const out = withoutServer(text, client, [client === 'continue' ? 'mcpServers' : 'extensions', at], client === 'continue' ? parse(text).mcpServers[at].name : undefined);
    expect(out).toBe(want);
    const original = parse(text);
    if (client === 'continue') original.mcpServers.splice(at, 1);
    else delete original.extensions[at];
    expect(parse(out)).toEqual(original);
  };
  const CONT = [
    'name: My config   # keep this comment',
    'version: 1.0.0',
    'mcpServers:',
    '  - name: other',
    '    command:   npx',
    '    args: [ "-y",   "x" ]   # flow, spaced',
    '  # Tray, added by setup',
    '  - name: tray',
    '    type: streamable-http',
    '    url: https://x.example/mcp   # the url',
    '    # inside tray, indented deeper',
    '',
    '  # the third one',
    '  - {name: third, command: y}',
    'models:   []',
    '',
  ];

  it("a Continue item between two others: its lines and the comment directly above go; nothing else changes", () => {
    cut(CONT.join('\n'), 'continue', 1, [...CONT.slice(0, 6), ...CONT.slice(11)].join('\n'));
  });

  it('the first and the last item; a comment set apart by a blank line stays', () => {
    cut(CONT.join('\n'), 'continue', 0, [...CONT.slice(0, 3), ...CONT.slice(6)].join('\n'));
    const last = [...CONT.slice(0, 12), '  # the third one', '  - name: tray', '    url: y', 'models:   []', ''];
    cut(last.join('\n'), 'continue', 2, [...CONT.slice(0, 12), 'models:   []', ''].join('\n'));
  });

  it('the only item: the key keeps an empty list, its comment and spacing too', () => {
    cut('name: x   # n\nmcpServers:   # servers\n  # Tray\n  - name: tray\n    url: y\nmodels:  [a,b]\n', 'continue', 0, 'name: x   # n\nmcpServers: []   # servers\nmodels:  [a,b]\n');
  });

  it('items not indented under their key, CRLF, no line end at the end of the file', () => {
    cut('mcpServers:\r\n- name: a   # a\r\n- name: tray\r\n  url: y\r\n- name: b\r\n  args: [1,   2]', 'continue', 1, 'mcpServers:\r\n- name: a   # a\r\n- name: b\r\n  args: [1,   2]');
    cut('mcpServers:\n  - name: a   # a\n  - name: tray\n    url: y', 'continue', 1, 'mcpServers:\n  - name: a   # a\n');
  });

  it('a flow list: the item and one comma go', () => {
    cut('mcpServers: [{name: a},   {name: tray}, {name: b}]   # all\nx:   1\n', 'continue', 1, 'mcpServers: [{name: a},   {name: b}]   # all\nx:   1\n');
    cut('mcpServers: [ {name: a},  {name: tray} ]\nx:   1\n', 'continue', 1, 'mcpServers: [ {name: a} ]\nx:   1\n');
    cut('mcpServers: [{name: tray}]\nx:   1\n', 'continue', 0, 'mcpServers: []\nx:   1\n');
  });

  it("a Goose extension: its lines go; other keys' spacing, comments and CRLF stay", () => {
    const text = 'GOOSE_PROVIDER: openai   # provider\r\nextensions:\r\n  developer:\r\n    enabled:   true   # on\r\n  # Tray\r\n  tray:\r\n    type: streamable_http\r\n    uri: https://x.example/mcp\r\n  other: {cmd: y,   args: [a]}\r\nGOOSE_MODE:   auto\r\n';
    cut(text, 'goose', 'tray', 'GOOSE_PROVIDER: openai   # provider\r\nextensions:\r\n  developer:\r\n    enabled:   true   # on\r\n  other: {cmd: y,   args: [a]}\r\nGOOSE_MODE:   auto\r\n');
    cut('extensions:   # mine\n  tray:\n    uri: x\nGOOSE_MODE:   auto\n', 'goose', 'tray', 'extensions: {}   # mine\nGOOSE_MODE:   auto\n');
    cut('extensions: {developer: {enabled: true},  tray: {uri: x}}\n', 'goose', 'tray', 'extensions: {developer: {enabled: true}}\n');
  });

  it('what cannot be cut out cleanly is refused, naming the line, and nothing is written', () => {
    expect(() => withoutServer('extensions:\n  ? tray\n  : uri: x\n  other: 1\n', 'goose', ['extensions', 'tray'])).toThrow(/shares line 2 with other text.*remove it by hand/);
    expect(() => withoutServer('mcpServers: [{name: a}, # a\n  {name: tray}]\n', 'continue', ['mcpServers', 1], 'tray')).toThrow(/shares line 2/);
    // the removed item's anchor is used elsewhere: the rest would not read back the same
    expect(() => withoutServer('mcpServers:\n  - &t\n    name: tray\n  - name: b\nx: *t\n', 'continue', ['mcpServers', 0], 'tray')).toThrow(ConfigUnusableError);
    // the list is an alias of one written elsewhere: it has no text of its own
    expect(() => withoutServer('base: &s\n  - name: tray\nmcpServers: *s\n', 'continue', ['mcpServers', 0], 'tray')).toThrow(/"mcpServers" is not written out where it stands/);
  });
});

describe('removing a Continue server, on random layouts (property)', () => {
  const item = fc.record({
    name: fc.constantFrom('a', 'b', 'tray', 'x y', 'é'),
    extra: fc.uniqueArray(fc.tuple(fc.constantFrom('url', 'command', 'type'), fc.constantFrom('x', 'https://a.example/mcp', '"q #"'), fc.constantFrom(': ', ':   ')), { maxLength: 2, selector: ([k]) => k }),
    args: fc.option(fc.constantFrom('[a,b]', '[ "-y",   x ]'), { nil: undefined }),
    above: fc.option(fc.constantFrom('# about it', '# two\n  # lines'), { nil: undefined }),
    blank: fc.boolean(),
    tail: fc.option(fc.constantFrom('   # tail', ' #t'), { nil: undefined }),
    flow: fc.boolean(),
  });
  const layout = fc.record({ items: fc.array(item, { minLength: 1, maxLength: 4 }), eol: fc.constantFrom('\n', '\r\n'), indent: fc.constantFrom('  ', ''), lastEol: fc.boolean() });

  it('its lines (and comment lines directly above) go; every other line stays as written; it reads back as the list without it', () => {
    fc.assert(
      fc.property(layout, fc.nat(), (l, pick) => {
        const ind = l.indent;
        const lines = ['name: My config   # keep', 'mcpServers:   # servers'];
        for (const it of l.items) {
          if (it.blank) lines.push('');
          if (it.above) lines.push(`${ind}${it.above.replace('\n  ', `\n${ind}`)}`);
          if (it.flow) lines.push(`${ind}- {name: ${JSON.stringify(it.name)}${it.extra.map(([k, v]) => `, ${k}: ${v}`).join('')}}${it.tail ?? ''}`);
          else {
            const body = [`name: ${JSON.stringify(it.name)}`, ...it.extra.map(([k, v, c]) => `${k}${c}${v}`), ...(it.args ? [`args: ${it.args}`] : [])];
            body[body.length - 1] += it.tail ?? '';
            lines.push(...body.map((b, i) => `${ind}${i === 0 ? '- ' : '  '}${b}`));
          }
        }
        lines.push('models:   [ a,  b ]');
        const text = lines.join('\n').replace(/\n/g, l.eol) + (l.lastEol ? l.eol : '');
        const at = pick % l.items.length;
        const original = parse(text);
        const out = withoutServer(text, 'continue', ['mcpServers', at], original.mcpServers[at].name);
        original.mcpServers.splice(at, 1);
        expect(parse(out)).toEqual(original);
        // every line of the output is a line of the input, in order (the only item: the key gets [])
        const inLines = text.split(l.eol);
        let j = 0;
        for (const line of out.split(l.eol)) {
          const k = inLines.indexOf(line === 'mcpServers: []   # servers' ? 'mcpServers:   # servers' : line, j);
          expect(k, JSON.stringify(line)).toBeGreaterThanOrEqual(0);
          j = k + 1;
        }
        expect(out.startsWith('name: My config   # keep' + l.eol)).toBe(true);
        expect(out).toContain(`models:   [ a,  b ]`);
        if (l.eol === '\r\n') expect(out).not.toMatch(/[^\r]\n/);
      }),
      { numRuns: 400 },
    );
  });
});
