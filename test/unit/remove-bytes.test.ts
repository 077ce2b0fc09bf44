// remove edits a JSON file as bytes (withoutServersBytes): the original bytes around each removed
// member, byte for byte what the text editor (withoutServer, one removal after the other) writes —
// for top-level and per-project server maps (Claude Code's ~/.claude.json), first, middle, last or
// only member, any indentation, line ends, BOM and non-ASCII text. What it cannot do exactly so it
// leaves to the text editor (undefined), and the file is then edited as text, as before.
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
        cases++;
        if (pieces === undefined) return;
        bytesWay++;
        expect(t.ok, t.ok ? '' : t.error).toBe(true);
        expect(Buffer.concat(pieces).toString()).toBe((t as { value: string }).value);
      }),
      { numRuns: 1500 },
    );
    // most files are edited as bytes
    expect(bytesWay / cases).toBeGreaterThan(0.6);
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

  it('leaves to the text editor: JSONC, a broken file, a key of the path written twice, a missing entry, a one-line file, TOML/YAML', () => {
    const r = (client: ClientId, ...p: string[]): Removal[] => [{ client, jsonPath: p }];
    const cases: [string, Removal[]][] = [
      ['{\n  // c\n  "servers": {\n    "tray": {}\n  }\n}\n', r('vscode', 'servers', 'tray')],
      ['{\n  "mcpServers": {\n    "tray": {},\n  }\n}\n', r('cursor', 'mcpServers', 'tray')],
      ['{\n  "mcpServers": {\n    "tray": {"url": "a"},\n    "tray": {"url": "b"}\n  }\n}\n', r('cursor', 'mcpServers', 'tray')],
      ['{\n  "mcpServers": {},\n  "mcpServers": {\n    "tray": {}\n  }\n}\n', r('cursor', 'mcpServers', 'tray')],
      ['{\n  "projects": {\n    "/a": {"mcpServers": {"tray": {}}},\n    "/a": {"mcpServers": {"tray": {}}}\n  }\n}\n', r('claude-code', 'projects', '/a', 'mcpServers', 'tray')],
      ['{\n  "mcpServers": {\n    "other": {}\n  }\n}\n', r('cursor', 'mcpServers', 'tray')],
      ['{"projects": {"/a": {"mcpServers": {"tray": {}}}}}', r('claude-code', 'projects', '/a', 'mcpServers', 'tray')],
      ['[mcp_servers.tray]\nurl = "x"\n', r('codex', 'mcp_servers', 'tray')],
    ];
    for (const [text, removals] of cases) expect(withoutServersBytes(Buffer.from(text), removals), text).toBeUndefined();
  });

  it('bytes that are not UTF-8 text are refused', () => {
    const latin1 = Buffer.concat([Buffer.from('{\n  "a": "'), Buffer.from([0xe9]), Buffer.from('",\n  "mcpServers": {\n    "tray": {}\n  }\n}\n')]);
    expect(() => withoutServersBytes(latin1, [{ client: 'cursor', jsonPath: ['mcpServers', 'tray'] }])).toThrow(/not valid UTF-8 text \(first bad byte 0xE9 at offset 10\)/);
  });
});
