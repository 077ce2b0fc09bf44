// A large JSON config read from its bytes (parseLargeJson: Claude Code's ~/.claude.json, 100 MB and
// more) gives doctor exactly what reading the whole text gives (parseDocument): the same document
// where the checks look (server maps, schema findings, approval keys), the same credentials, the
// same lines, the same special keys; and whatever it cannot read exactly that way it leaves to the
// whole-text path (undefined), which words every error. Random documents shaped like the real
// file, with strings full of quotes, backslashes, brackets, non-ASCII and keys that look like
// "mcpServers", projects nested in projects, any indentation and line ends, small pieces so that
// small documents are walked member by member as large ones are.
import { describe, it, expect, afterEach } from 'vitest';
import fc from 'fast-check';
import configFiles from '../../src/checks/config-files.js';
import configJson, { keepFor } from '../../src/checks/config-json.js';
import configSchema, { neighbourShapes, validate } from '../../src/checks/config-schema.js';
import trayServers from '../../src/checks/tray-servers.js';
import { runChecks } from '../../src/checks/runner.js';
import type { Check, DoctorOptions } from '../../src/checks/types.js';
import type { ConfigJsonData, TrayServersData } from '../../src/checks/data.js';
import { serverMaps } from '../../src/clients/catalog.js';
import { LARGE_JSON_BYTES, parseDocument, parseLargeJson, type JsonPath, type ParsedDocument } from '../../src/config/document.js';
import { findCandidates } from '../../src/gateway/entry.js';
import { gatewayUrl, makeEntry } from '../../src/gateway/index.js';
import { isPlaceholder } from '../../src/gateway/token.js';
import { makeEnvironment } from '../../src/lib/environment.js';
import { secretsInConfig } from '../../src/lib/redact.js';
import { CANARY, tempHome, WORKSPACE, type TempHome } from '../helpers/home.js';

const KEEP = keepFor('claude-code');
const fast = (text: string, piece?: number) => parseLargeJson(Buffer.from(text), { keep: KEEP, isPlaceholder, piece });
const whole = (text: string) => parseDocument(text, 'json');

/** What doctor keeps of ~/.claude.json, written out: every top-level member, and of each project its server map and approval keys. */
function view(doc: unknown): unknown {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return doc;
  const out: Record<string, unknown> = { ...doc };
  const projects = (doc as Record<string, unknown>).projects;
  if (typeof projects === 'object' && projects !== null && !Array.isArray(projects)) {
    out.projects = Object.fromEntries(
      Object.entries(projects).map(([dir, p]) => {
        if (typeof p !== 'object' || p === null || Array.isArray(p)) return [dir, p];
        const keys = ['mcpServers', 'enabledMcpjsonServers', 'disabledMcpjsonServers', 'enableAllProjectMcpServers'];
        return [dir, Object.fromEntries(Object.entries(p).filter(([k]) => keys.includes(k)))];
      }),
    );
  }
  return out;
}

/** The path of every key in a document (depth first, at most `max`), and a few that are not there. */
function keyPaths(doc: unknown, max = 300): JsonPath[] {
  const out: JsonPath[] = [['nope'], ['projects', 'nope', 'mcpServers'], ['mcpServers', 0], []];
  const go = (v: unknown, p: (string | number)[]) => {
    if (out.length >= max) return;
    if (Array.isArray(v)) v.forEach((x, i) => go(x, [...p, i]));
    else if (typeof v === 'object' && v !== null)
      for (const [k, x] of Object.entries(v)) {
        out.push([...p, k]);
        go(x, [...p, k]);
      }
  };
  go(doc, []);
  return out;
}

const maps = (doc: unknown) => serverMaps('claude-code', doc).map(({ where, jsonPath, project, servers }) => ({ where, jsonPath, project, servers }));

/** Everything doctor takes from a parsed document, the same from both ways of reading it. */
async function expectSame(text: string, piece?: number): Promise<void> {
  const full = whole(text);
  const part = fast(text, piece);
  if (!full.ok) {
    expect(part, 'read a document the whole-text path refuses').toBeUndefined();
    return;
  }
  if (part === undefined) return;
  expect(part.doc).toEqual(view(full.doc));
  expect(maps(part.doc)).toEqual(maps(full.doc));
  expect(findCandidates('claude-code', part.doc)).toEqual(findCandidates('claude-code', full.doc));
  expect(neighbourShapes('claude-code', part.doc)).toEqual(neighbourShapes('claude-code', full.doc));
  expect(await validate('claude-code', part.doc)).toEqual(await validate('claude-code', full.doc));
  expect(new Set(part.secrets)).toEqual(new Set(secretsInConfig(full.doc, isPlaceholder)));
  const paths = keyPaths(full.doc);
  expect(part.linesOf(paths)).toEqual(full.linesOf(paths));
  expect(part.specialKeys()).toEqual(full.specialKeys());
}

// ── documents shaped like ~/.claude.json ──────────────────────────────────────────────────────────

const tricky = fc
  .array(fc.constantFrom('"', '\\', '{', '}', '[', ']', ',', ':', 'a', ' ', '\n', '\r', 'é', '日本', '😀', '\u0001', '\u2028', '\\"', '\\\\', '"mcpServers": {', '\\"tray\\":'), { maxLength: 8 })
  .map((a) => a.join(''));
const key = fc.oneof(
  tricky,
  fc.constantFrom('mcpServers', 'projects', 'tray', 'tray-workspace', 'url', 'type', 'headers', 'Authorization', 'env', 'API_KEY', 'args', 'command', 'enabledMcpjsonServers', 'disabledMcpjsonServers', 'enableAllProjectMcpServers', 'history', 'servers', 'mcp', 'token', '1', '007', '/home/me/p'),
);
const text = fc.oneof(
  tricky,
  fc.constantFrom(`Bearer ${CANARY}`, 'sk-live-0123456789abcdefgh', '${GITHUB_PAT}', '-t', '--header', 'Authorization: Bearer abcd1234efgh5678', gatewayUrl(WORKSPACE), 'https://example.com/mcp', '{"mcpServers": {"tray": {"url": "x"}}}', '"projects"', 'http', 'sse'),
);
const json = fc.letrec((tie) => ({
  v: fc.oneof({ depthSize: 'small' }, text, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.array(tie('v'), { maxLength: 3 }), fc.dictionary(key, tie('v'), { maxKeys: 3 })),
})).v;
const entry = fc.oneof(
  fc.record({ type: fc.constantFrom('http', 'sse', 'streamable-http', 'stdio', 'ws'), url: text, headers: fc.dictionary(key, text, { maxKeys: 3 }) }, { requiredKeys: [] }),
  fc.record({ command: text, args: fc.array(text, { maxLength: 4 }), env: fc.dictionary(key, text, { maxKeys: 3 }) }, { requiredKeys: ['command'] }),
  fc.constant(makeEntry('claude-code', gatewayUrl(WORKSPACE), CANARY)),
  json,
);
const serverMap = fc.oneof({ weight: 4, arbitrary: fc.dictionary(key, entry, { maxKeys: 4 }) }, { weight: 1, arbitrary: json });
const history = fc.array(fc.record({ display: text, pastedContents: fc.dictionary(fc.constantFrom('1', '2'), fc.record({ id: fc.integer(), type: fc.constant('text'), content: text })) }), { maxLength: 4 });
const project = fc.oneof(
  { weight: 6, arbitrary: fc.record({ allowedTools: fc.array(text, { maxLength: 2 }), history, mcpServers: serverMap, enabledMcpjsonServers: fc.oneof(fc.array(key, { maxLength: 3 }), json), disabledMcpjsonServers: fc.array(key, { maxLength: 3 }), enableAllProjectMcpServers: fc.boolean(), extra: json }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: json },
);
// a doc: top-level settings, maybe a server map (or a wrapper holding one, or another client's key), projects (or something else there)
const doc = fc
  .tuple(
    fc.dictionary(key, json, { maxKeys: 4 }),
    fc.option(serverMap, { nil: undefined }),
    fc.oneof({ weight: 5, arbitrary: fc.dictionary(fc.oneof(key, fc.constantFrom('/home/me/work/a', 'C:\\Users\\me\\b', '/tmp/"quoted"')), project, { maxKeys: 5 }) }, { weight: 1, arbitrary: json }),
    fc.constantFrom('none', 'wrapper', 'other'),
  )
  .map(([top, map, projects, extra]) => {
    const d: Record<string, unknown> = { ...top };
    if (map !== undefined) d.mcpServers = map;
    d.projects = projects;
    if (extra === 'wrapper') d.mcp = { mcpServers: { tray: makeEntry('claude-code', gatewayUrl(WORKSPACE), CANARY) } };
    if (extra === 'other') d.servers = { tray: { url: 'https://x' } };
    return d;
  });
const layout = fc.constantFrom<[number | string, string]>([0, '\n'], [2, '\n'], [2, '\r\n'], ['\t', '\n'], [4, '\r'], [1, '\n']);
const asText = (d: unknown, [indent, eol]: [number | string, string]) => JSON.stringify(d, null, indent).replace(/\n/g, eol);
const PIECE = fc.constantFrom(1, 16, 300, 64 * 1024);

describe('a large ~/.claude.json read from its bytes', () => {
  it('gives doctor what the whole text gives, for any document shaped like the real one', async () => {
    await fc.assert(
      fc.asyncProperty(doc, layout, PIECE, async (d, fmt, piece) => {
        const t = asText(d, fmt);
        // JSON.stringify writes no key twice and no "__proto__": the bytes are always read
        expect(fast(t, piece)).toBeDefined();
        await expectSame(t, piece);
      }),
      { numRuns: 400 },
    );
  }, 120_000);

  it('never reads a damaged document the whole-text path refuses, and reads the rest the same way', async () => {
    const damaged = fc
      .tuple(doc, layout, fc.nat(), fc.constantFrom('', '"', '\\', '{', '}', '[', ']', ',', ':', ' ', '0', '-', 'x', '\u0001', 'tru', '/', '//c\n', 'é', '"a":1,', ',"projects":{}'), fc.nat(3))
      .map(([d, fmt, at, insert, cut]) => {
        const t = asText(d, fmt);
        const k = at % (t.length + 1);
        return t.slice(0, k) + insert + t.slice(Math.min(t.length, k + cut));
      })
      .filter((t) => Buffer.from(t).toString() === t);
    await fc.assert(
      fc.asyncProperty(damaged, PIECE, async (t, piece) => {
        await expectSame(t, piece);
      }),
      { numRuns: 1000 },
    );
  }, 120_000);

  it('a key written twice: inside a piece, JSON.parse decides (and lines follow the last); in a walked object, the whole text is read', async () => {
    const t = JSON.stringify({ projects: { '/a': { mcpServers: { tray: { url: 'u' } } } } }, null, 2).replace('"mcpServers"', '"mcpServers": {"tray": {"url": "old"}, "x": 1},\n      "mcpServers"');
    await expectSame(t);
    expect(fast(t)).toBeDefined();
    const twice = '{\n "projects": {"/a": {"mcpServers": {"tray": {"url": "a"}}}},\n "projects": {"/b": {"mcpServers": {"tray": {"url": "b"}}}}\n}';
    expect(fast(twice)).toBeUndefined();
    await expectSame(twice);
    expect(fast('{"projects": {"/a": 1, "/a": 2}}', 4)).toBeUndefined();
  });

  it('keys written with escapes, or written once only elsewhere: the same lines as the text gives', async () => {
    const t = '{\n  "mcpServers": {\n    "tr\\u0061y": {"url": "https://x"}\n  },\n  "projects": {\n    "/p": {\n      "mcpServers": {\n        "tray": {"url": "https://y"}\n      }\n    },\n    "/q\\"": {"mcpServers": {"tray": {"url": "z"}, "\\"tray\\"": {}}}\n  }\n}';
    for (const piece of [1, 8, 64 * 1024]) await expectSame(t, piece);
    const p = fast(t)!;
    expect(p.linesOf([['projects', '/q"', 'mcpServers', 'tray'], ['projects', '/p', 'mcpServers', 'tray'], ['mcpServers', 'tray']])).toEqual(whole(t).ok && (whole(t) as ParsedDocument).linesOf([['projects', '/q"', 'mcpServers', 'tray'], ['projects', '/p', 'mcpServers', 'tray'], ['mcpServers', 'tray']]));
  });

  it('leaves to the whole text: "__proto__" keys (also escaped), other roots, too deep, too many credentials', async () => {
    for (const t of ['{"__proto__": {}}', '{"a": "__proto__"}', '{"\\u005f_proto__": 1}', '{"__pr\\u006fto__": 1}', '{"__\\u0070roto__": {"a": 1}}', '{"a": "\\u005F"}', '{"a": "\\u0074"}', '[1]', '"x"', '', '   ', '\uFEFF{}']) {
      expect(fast(t), t).toBeUndefined();
      await expectSame(t);
    }
    const deep = (n: number) => `{"a": ${'['.repeat(n)}${']'.repeat(n)}}`;
    expect(fast(deep(511))).toBeDefined();
    expect(fast(deep(512))).toBeUndefined();
    expect(whole(deep(512))).toMatchObject({ ok: false, problem: { code: 'TooDeep' } });
    const many = JSON.stringify({ projects: Object.fromEntries(Array.from({ length: 5001 }, (_, i) => [`/p${i}`, { token: `sk-live-${String(i).padStart(12, '0')}` }])) });
    expect(fast(many)).toBeUndefined();
    const fewer = JSON.stringify({ projects: Object.fromEntries(Array.from({ length: 4000 }, (_, i) => [`/p${i}`, { token: `sk-live-${String(i).padStart(12, '0')}` }])) });
    expect(fast(fewer)?.secrets).toHaveLength(8000);
  });
});

// ── through the checks, on a file past the threshold ──────────────────────────────────────────────

const homes: TempHome[] = [];
afterEach(() => homes.splice(0).forEach((h) => h.cleanup()));
const base: DoctorOptions = { clients: ['claude-code'], configPaths: [], urls: [], offline: true, timeoutMs: 1000, verbose: false, strict: false };

async function doctor(h: TempHome) {
  const env = makeEnvironment({ home: h.dir, platform: 'linux', cwd: `${h.dir}/work/p1` });
  const out = await runChecks({ checks: [configFiles, configJson, configSchema, trayServers] as Check[], options: base, env, selection: { only: ['config-json', 'config-schema', 'tray-servers'] } });
  return { results: out.results.map(({ durationMs: _, ...r }) => r), json: out.data['config-json'] as Required<ConfigJsonData>, tray: out.data['tray-servers'] as TrayServersData };
}

describe('config-json on a ~/.claude.json past LARGE_JSON_BYTES', () => {
  const big = (h: TempHome, bom = '') => {
    const tray = makeEntry('claude-code', gatewayUrl(WORKSPACE), CANARY);
    const projects: Record<string, unknown> = {};
    // (the size counted as it grows: stringifying the whole map each time was most of this file's time)
    for (let i = 0, size = 2; size < LARGE_JSON_BYTES * 1.2; i++) {
      const key = `${h.dir}/work/p${i}`;
      projects[key] = {
        history: Array.from({ length: 20 }, (_, k) => ({ display: `prompt ${k} "quoted" \\ é 日本`, pastedContents: {} })),
        mcpServers: i % 5 === 0 ? { tray } : {},
        enabledMcpjsonServers: i === 1 ? ['tray'] : [],
      };
      size += JSON.stringify(key).length + JSON.stringify(projects[key]).length + 2;
    }
    return bom + JSON.stringify({ numStartups: 3, mcpServers: { tray }, projects, oauthAccount: { emailAddress: 'me@example.com' } }, null, 2);
  };

  it('the same results as the whole text gives (the small file with the same servers), from a partial document', async () => {
    const h = tempHome();
    homes.push(h);
    const t = big(h);
    h.write('.claude.json', t);
    const r = await doctor(h);
    expect(r.json.parsed[0]!.partial).toBe(true);
    expect(r.json.parsed[0]!.doc).toEqual(view(JSON.parse(t)));
    // every Tray entry found, with the line the text gives
    const full = whole(t) as ParsedDocument;
    const entries = r.tray.entries.map((e) => ({ where: e.where, line: e.line }));
    expect(entries.length).toBeGreaterThan(2);
    expect(entries.map((e) => e.line)).toEqual(full.linesOf(r.tray.entries.map((e) => e.jsonPath!)));
    expect(r.results.find((x) => x.check === 'config-json')).toMatchObject({ status: 'pass' });
    expect(r.results.find((x) => x.check === 'config-schema')).toMatchObject({ status: 'pass' });
  });

  it('a BOM, and a broken file: the words of the whole-text path (line, column, frame)', async () => {
    const h = tempHome();
    homes.push(h);
    h.write('.claude.json', big(h, '\uFEFF'));
    const bom = (await doctor(h)).results.find((x) => x.check === 'config-json')!;
    expect(bom).toMatchObject({ status: 'fail', details: { bom: true, line: 1, column: 1 } });
    const t = big(h);
    const at = t.lastIndexOf('"display"');
    h.write('.claude.json', `${t.slice(0, at)}"display" "x",${t.slice(at + 9)}`);
    const broken = (await doctor(h)).results.find((x) => x.check === 'config-json')!;
    const p = whole(`${t.slice(0, at)}"display" "x",${t.slice(at + 9)}`);
    if (p.ok) throw new Error('should not parse');
    expect(broken).toMatchObject({ status: 'fail', details: { line: p.problem.line, column: p.problem.column, frame: p.problem.frame, code: 'ColonExpected' } });
  });
});
