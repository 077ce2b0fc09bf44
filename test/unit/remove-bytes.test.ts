// remove edits a JSON file as bytes (withoutServersBytes): the original bytes without what each
// removal cuts out, byte for byte what the text editor (withoutServer, one removal after the other)
// writes — for top-level and per-project server maps (Claude Code's ~/.claude.json), first, middle,
// last or only member, on lines of its own or sharing a line, any indentation, line ends, BOM and
// non-ASCII text. What it cannot do exactly so it leaves to the text editor (undefined), and the
// file is then edited as text, as before.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { ClientId } from '../../src/clients/catalog.js';
import { withoutServer, withoutServersBytes, type Removal } from '../../src/setup/edit.js';

type Outcome = { ok: true; value: string } | { ok: false; error: string };
const attempt = (f: () => string): Outcome => {
  try {
    return { ok: true, value: f() };
  } catch (e) {
    return { ok: false, error: `${(e as Error).name}: ${(e as Error).message}` };
  }
};

const tricky = fc
  .array(fc.constantFrom('"', '\\', '{', '}', '[', ']', ',', ':', 'a', ' ', '\n', '\r\n', 'é', '日本', '😀', '\u2028', 'tray', 'mcpServers'), { maxLength: 6 })
  .map((a) => a.join(''));
const key = fc.oneof(tricky, fc.constantFrom('tray', 'tray-workspace', 'github', 'url', 'headers', 'history', 'mcpServers'));
const json = fc.letrec((tie) => ({
  v: fc.oneof({ depthSize: 'small' }, tricky, fc.integer(), fc.boolean(), fc.constant(null), fc.array(tie('v'), { maxLength: 3 }), fc.dictionary(key, tie('v'), { maxKeys: 3 })),
})).v;
const entry = fc.record({ url: tricky, headers: fc.dictionary(key, tricky, { maxKeys: 2 }) }, { requiredKeys: ['url'] });
/** a server map holding `name` at some position among others */
const mapWith = (name: string) =>
  fc.tuple(fc.dictionary(key, entry, { maxKeys: 3 }), entry, fc.nat({ max: 3 })).map(([others, e, at]) => {
    const list = Object.entries(others).filter(([k]) => k !== name);
    list.splice(Math.min(at, list.length), 0, [name, e]);
    return Object.fromEntries(list);
  });
const NAME = 'tray';
const doc = fc
  .tuple(
    fc.dictionary(key.filter((k) => k !== 'mcpServers' && k !== 'projects'), json, { maxKeys: 3 }),
    fc.boolean(),
    fc.array(fc.tuple(tricky, fc.boolean(), fc.dictionary(key, json, { maxKeys: 2 })), { maxLength: 3 }),
    mapWith(NAME),
    fc.nat({ max: 2 }),
  )
  .map(([top, topMap, projects, map, where]) => {
    const d: Record<string, unknown> = {};
    const removals: (string | number)[][] = [];
    const put = (k: string, v: unknown) => (d[k] = v);
    const entries: [string, unknown][] = Object.entries(top);
    const ms = topMap ? map : undefined;
    if (ms) removals.push(['mcpServers', NAME]);
    const projs: Record<string, unknown> = {};
    for (const [dir, has, rest] of projects) {
      if (dir in projs) continue;
      projs[dir] = has ? { ...rest, mcpServers: map } : { ...rest, mcpServers: {} };
      if (has) removals.push(['projects', dir, 'mcpServers', NAME]);
    }
    const extra: [string, unknown][] = [...(ms ? [['mcpServers', ms] as [string, unknown]] : []), ['projects', projs]];
    entries.splice(Math.min(where, entries.length), 0, ...extra);
    for (const [k, v] of entries) put(k, v);
    return { d, removals };
  });
const layout = fc.constantFrom<[number | string, string, string]>([2, '\n', ''], [2, '\n', ''], [4, '\r\n', ''], ['\t', '\n', '\uFEFF'], [0, '\n', ''], [2, '\r', ''], [3, '\n', '\uFEFF'], [1, '\r\n', '']);
const asText = (d: unknown, [indent, eol, bom]: [number | string, string, string]) => bom + JSON.stringify(d, null, indent).replace(/\n/g, eol) + (eol === '\r' ? '' : eol);

/** The text editor, one removal after the other, as remove did it. */
const byText = (text: string, client: ClientId, removals: readonly Removal[]) => {
  let t = text;
  for (const r of removals) t = withoutServer(t, r.client, r.jsonPath, String(r.jsonPath.at(-1)));
  return t;
};

describe('remove from bytes', () => {
  it('writes byte for byte what the text editor writes (or leaves the file to it)', () => {
    let bytesWay = 0;
    let cases = 0;
    fc.assert(
      fc.property(doc, layout, fc.constantFrom<ClientId>('claude-code', 'cursor'), fc.nat(), fc.constantFrom('', '":', ' ,'), ({ d, removals }, fmt, client, pick, respace) => {
        if (removals.length === 0) return;
        // one removal, or all of them (the same name in several maps of one file)
        const chosen = (pick % 2 === 0 ? removals : [removals[pick % removals.length]!]).map((p) => ({ client, jsonPath: p }));
        // hand-edited spacing: no space after a colon, or a space before a comma
        const text = respace === '":' ? asText(d, fmt).replace(/": /g, '":') : respace === ' ,' ? asText(d, fmt).replace(/,(\r?\n|\r)/g, ' ,$1') : asText(d, fmt);
        const t = attempt(() => byText(text, client, chosen));
        const pieces = withoutServersBytes(Buffer.from(text), chosen);
        // (the respacing may have changed a key of the path: no such entry, and the text way says so)
        if (t.ok) cases++;
        if (pieces === undefined) return;
        bytesWay++;
        expect(t.ok, t.ok ? '' : t.error).toBe(true);
        expect(Buffer.concat(pieces).toString()).toBe((t as { value: string }).value);
      }),
      { numRuns: 1500 },
    );
    // every one of these files that the text way can edit (strict JSON, each key of a path once) is
    // edited as bytes: one-line files and maps sharing a line too, since a cut never leaves its map
    expect(bytesWay).toBe(cases);
  });

  it('a typical ~/.claude.json: top-level and per-project maps, edited as bytes, only their members gone', () => {
    const d = {
      numStartups: 3,
      mcpServers: { github: { type: 'http', url: 'https://g' }, tray: { type: 'http', url: 'https://t' } },
      projects: {
        '/a': { history: [{ display: 'é 日本 😀' }], mcpServers: { tray: { type: 'http', url: 'https://t' } } },
        '/b': { mcpServers: { x: { command: 'x' }, tray: { type: 'http', url: 'https://t' }, y: { command: 'y' } } },
      },
    };
    for (const [indent, eol] of [[2, '\n'], [4, '\r\n'], ['\t', '\n']] as const) {
      const text = JSON.stringify(d, null, indent).replace(/\n/g, eol) + eol;
      const removals: Removal[] = [['mcpServers', 'tray'], ['projects', '/a', 'mcpServers', 'tray'], ['projects', '/b', 'mcpServers', 'tray']].map((p) => ({ client: 'claude-code', jsonPath: p }));
      const pieces = withoutServersBytes(Buffer.from(text), removals)!;
      expect(pieces).toBeDefined();
      const out = Buffer.concat(pieces).toString();
      expect(out).toBe(byText(text, 'claude-code', removals));
      expect(JSON.parse(out)).toEqual({
        numStartups: 3,
        mcpServers: { github: d.mcpServers.github },
        projects: { '/a': { history: d.projects['/a'].history, mcpServers: {} }, '/b': { mcpServers: { x: { command: 'x' }, y: { command: 'y' } } } },
      });
      // the pieces between the edits are views of the file's own bytes, not copies
      const file = Buffer.from(text);
      expect(withoutServersBytes(file, removals)!.filter((p) => p.buffer === file.buffer).length).toBeGreaterThanOrEqual(3);
    }
  });

  it('leaves to the text editor: JSONC, a broken file, a key of the path written twice, a missing entry, TOML/YAML', () => {
    const r = (client: ClientId, ...p: string[]): Removal[] => [{ client, jsonPath: p }];
    const cases: [string, Removal[]][] = [
      ['{\n  // c\n  "servers": {\n    "tray": {}\n  }\n}\n', r('vscode', 'servers', 'tray')],
      ['{\n  "mcpServers": {\n    "tray": {},\n  }\n}\n', r('cursor', 'mcpServers', 'tray')],
      ['{\n  "mcpServers": {\n    "tray": {"url": "a"},\n    "tray": {"url": "b"}\n  }\n}\n', r('cursor', 'mcpServers', 'tray')],
      ['{\n  "mcpServers": {},\n  "mcpServers": {\n    "tray": {}\n  }\n}\n', r('cursor', 'mcpServers', 'tray')],
      ['{\n  "projects": {\n    "/a": {"mcpServers": {"tray": {}}},\n    "/a": {"mcpServers": {"tray": {}}}\n  }\n}\n', r('claude-code', 'projects', '/a', 'mcpServers', 'tray')],
      ['{\n  "mcpServers": {\n    "other": {}\n  }\n}\n', r('cursor', 'mcpServers', 'tray')],
      ['[mcp_servers.tray]\nurl = "x"\n', r('codex', 'mcp_servers', 'tray')],
    ];
    for (const [text, removals] of cases) expect(withoutServersBytes(Buffer.from(text), removals), text).toBeUndefined();
  });

  it('bytes that are not UTF-8 text are refused', () => {
    const latin1 = Buffer.concat([Buffer.from('{\n  "a": "'), Buffer.from([0xe9]), Buffer.from('",\n  "mcpServers": {\n    "tray": {}\n  }\n}\n')]);
    expect(() => withoutServersBytes(latin1, [{ client: 'cursor', jsonPath: ['mcpServers', 'tray'] }])).toThrow(/not valid UTF-8 text \(first bad byte 0xE9 at offset 10\)/);
  });
});

describe('remove from bytes: only the member goes (the rules of src/setup/json-removal.ts)', () => {
  const REPORTED = [
    '{',
    '  "mcpServers": {',
    '    "other": {"command": "node",   "args": ["x.js"]},',
    '    "tray-workspace": {',
    '      "url": "https://12345678-abcd-1234-ef56-0123456789ab.mcp.tray.ai",',
    '      "headers": { "Authorization": "Bearer abcdefghijklmnop1234" }',
    '    },',
    '    "third": { "command":"uvx",',
    '       "args": [ "y" ] }',
    '  }',
    '}',
    '',
  ];

  it('the reported file: only the lines of the removed member go, as bytes and as text', () => {
    const text = REPORTED.join('\n');
    const want = [...REPORTED.slice(0, 3), ...REPORTED.slice(7)].join('\n');
    const removals: Removal[] = [{ client: 'cursor', jsonPath: ['mcpServers', 'tray-workspace'] }];
    expect(Buffer.concat(withoutServersBytes(Buffer.from(text), removals)!).toString()).toBe(want);
    expect(byText(text, 'cursor', removals)).toBe(want);
    // CRLF and a BOM: the same lines, their line ends, the mark
    const crlf = '\uFEFF' + text.replace(/\n/g, '\r\n');
    expect(Buffer.concat(withoutServersBytes(Buffer.from(crlf), removals)!).toString()).toBe('\uFEFF' + want.replace(/\n/g, '\r\n'));
  });

  it('a one-line file and maps on one line are edited as bytes too: the member and one comma go', () => {
    const text = '{"numStartups":3,"mcpServers":{"tray":{"url":"x"},"a":{"command":"y"}},"projects":{"/a":{"mcpServers":{"b":1,"tray":{"url":"x"}}},"/b":{"mcpServers":{"tray":{}}}}}';
    const removals: Removal[] = [['mcpServers', 'tray'], ['projects', '/a', 'mcpServers', 'tray'], ['projects', '/b', 'mcpServers', 'tray']].map((p) => ({ client: 'claude-code', jsonPath: p }));
    const want = '{"numStartups":3,"mcpServers":{"a":{"command":"y"}},"projects":{"/a":{"mcpServers":{"b":1}},"/b":{"mcpServers":{}}}}';
    expect(Buffer.concat(withoutServersBytes(Buffer.from(text), removals)!).toString()).toBe(want);
    expect(byText(text, 'claude-code', removals)).toBe(want);
  });

  it('hand-written maps (members on one line or several, odd spacing), in every project: bytes as text, other members as written', () => {
    const member = fc.record({ own: fc.boolean(), colon: fc.constantFrom(': ', ':', ' : '), value: fc.constantFrom('{"command":"x",  "args":[ "a" ]}', '{\n      "url": "u"\n    }', '1', '{ }') });
    const mapOf = fc.uniqueArray(fc.tuple(fc.constantFrom('a', 'b', 'tray', 'é'), member), { minLength: 1, maxLength: 4, selector: ([n]) => n });
    const render = (members: [string, { own: boolean; colon: string; value: string }][], eol: string, close: boolean) => {
      let out = '{';
      members.forEach(([n, m], i) => {
        out += (i === 0 || m.own ? `${eol}      ` : ' ') + JSON.stringify(n) + m.colon + m.value.replace(/\n/g, eol) + (i < members.length - 1 ? ',' : '');
      });
      return out + (close ? ' }' : `${eol}    }`);
    };
    fc.assert(
      fc.property(fc.array(fc.tuple(mapOf, fc.boolean()), { minLength: 1, maxLength: 3 }), fc.constantFrom('\n', '\r\n'), fc.boolean(), (maps, eol, bom) => {
        const projects = maps.map(([m, close], i) => `    "/p${i}": {"history": [1,  2], "mcpServers": ${render(m, eol, close)}}`).join(`,${eol}`);
        const text = `${bom ? '\uFEFF' : ''}{${eol}  "projects": {${eol}${projects}${eol}  }${eol}}${eol}`;
        const removals: Removal[] = maps.flatMap(([m], i) => (m.some(([n]) => n === 'tray') ? [{ client: 'claude-code' as const, jsonPath: ['projects', `/p${i}`, 'mcpServers', 'tray'] }] : []));
        if (removals.length === 0) return;
        const pieces = withoutServersBytes(Buffer.from(text), removals);
        expect(pieces).toBeDefined();
        const out = Buffer.concat(pieces!).toString();
        expect(out).toBe(byText(text, 'claude-code', removals));
        const want = JSON.parse(text.replace(/^\uFEFF/, ''));
        for (const r of removals) delete want.projects[r.jsonPath[1]!].mcpServers.tray;
        expect(JSON.parse(out.replace(/^\uFEFF/, ''))).toEqual(want);
        // each other member's text, as written
        for (const [m] of maps) for (const [n, x] of m) if (n !== 'tray') expect(out).toContain(JSON.stringify(n) + x.colon + x.value.replace(/\n/g, eol));
        expect(out).toContain('"history": [1,  2]');
      }),
      { numRuns: 500 },
    );
  });
});
