// config-json against real files: strict JSON vs JSONC, positions and frames, hostile content.
import { describe, it, expect, afterEach } from 'vitest';
import fc from 'fast-check';
import path from 'node:path';
import configFiles from '../../src/checks/config-files.js';
import configJson, { clientFromShape, readFailure } from '../../src/checks/config-json.js';
import type { ConfigFileRef } from '../../src/checks/data.js';
import { runChecks } from '../../src/checks/runner.js';
import type { Check, DoctorOptions, Result } from '../../src/checks/types.js';
import type { ConfigJsonData } from '../../src/checks/data.js';
import { CLIENTS, type ClientId } from '../../src/clients/catalog.js';
import { makeEntry, gatewayUrl } from '../../src/gateway/index.js';
import { makeEnvironment, type Platform } from '../../src/lib/environment.js';
import { codeFrame, mayHoldProtoKey, maskSecrets, measureDepth, parseConfig, positionAt, protoKeys } from '../../src/lib/jsonc.js';
import { tempHome, CANARY, WORKSPACE, leaksCanary, type TempHome } from '../helpers/home.js';

const base: DoctorOptions = { clients: [], configPaths: [], urls: [], offline: true, timeoutMs: 1000, verbose: false, strict: false };
const homes: TempHome[] = [];
afterEach(() => homes.splice(0).forEach((h) => h.cleanup()));
function home(): TempHome {
  const h = tempHome();
  homes.push(h);
  return h;
}

const CURSOR = '.cursor/mcp.json';
const CLAUDE = '.config/Claude/claude_desktop_config.json';
const VSCODE = '.config/Code/User/mcp.json';

async function run(h: TempHome, options: Partial<DoctorOptions> = {}, platform: Platform = 'linux') {
  const env = makeEnvironment({ home: h.dir, platform, cwd: h.dir });
  const out = await runChecks({ checks: [configFiles, configJson] as Check[], options: { ...base, ...options }, env, selection: { only: ['config-json'] } });
  return { results: out.results, data: out.data['config-json'] as Required<ConfigJsonData> };
}

/** The one config-json result for a file under the home. */
async function only(h: TempHome, rel: string, client: ClientId): Promise<{ r: Result; data: Required<ConfigJsonData> }> {
  const { results, data } = await run(h, { clients: [client] });
  const r = results.find((x) => x.subject === path.join('~', rel));
  if (!r) throw new Error(`no result for ${rel}: ${JSON.stringify(results)}`);
  return { r, data };
}

const entry = (c: ClientId) => makeEntry(c, gatewayUrl(WORKSPACE), CANARY);

describe('config-json', () => {
  it('passes valid JSON and hands the parsed document on', async () => {
    const h = home();
    const doc = { mcpServers: { 'tray-workspace': entry('cursor') } };
    h.write(CURSOR, JSON.stringify(doc, null, 2));
    const { r, data } = await only(h, CURSOR, 'cursor');
    expect(r).toMatchObject({ check: 'config-json', status: 'pass', client: 'cursor', remedies: [] });
    expect(data.parsed).toHaveLength(1);
    expect(data.parsed[0]!.doc).toEqual(doc);
    expect(data.parsed[0]!.ref).toMatchObject({ client: 'cursor', kind: 'file' });
  });

  it('reports a missing comma with 1-based line and column and a code frame', async () => {
    const h = home();
    h.write(CURSOR, '{\n  "mcpServers": {\n    "a": {"url": "https://x"}\n    "b": {}\n  }\n}\n');
    const { r, data } = await only(h, CURSOR, 'cursor');
    expect(r).toMatchObject({ status: 'fail', remedies: ['config-json-invalid'], details: { line: 4, column: 5, code: 'CommaExpected' } });
    expect(r.message).toMatch(/^Expected a comma or closing brace at line 4, column 5/);
    expect(r.message).toMatch(/missing at the end of line 3/);
    expect(r.details!.frame).toBe('4 |     "b": {}\n  |     ^');
    expect(data.parsed).toEqual([]);
    expect(data.unparsed).toHaveLength(1);
  });

  it('names the bracket for a missing comma in a list', async () => {
    const h = home();
    h.write(CLAUDE, '{"mcpServers": {"a": {"command": "npx", "args": ["-y" "mcp-remote"]}}}');
    const { r } = await only(h, CLAUDE, 'claude');
    expect(r.message).toMatch(/^Expected a comma or closing bracket at line 1, column 55/);
    expect(r.message).toMatch(/missing just before this point/);
  });

  it('rejects trailing commas and comments for strict clients, pointing at them', async () => {
    const h = home();
    h.write(CLAUDE, '{\n  "mcpServers": {},\n}');
    const { r } = await only(h, CLAUDE, 'claude');
    expect(r).toMatchObject({ status: 'fail', details: { line: 2, column: 19 } });
    expect(r.message).toMatch(/Trailing comma/);
    expect(r.message).toMatch(/Claude Desktop reads strict JSON/);

    const h2 = home();
    h2.write(CURSOR, '// my servers\n{"mcpServers": {}}');
    const { r: r2 } = await only(h2, CURSOR, 'cursor');
    expect(r2).toMatchObject({ status: 'fail', details: { line: 1, column: 1, code: 'InvalidCommentToken' } });
    expect(r2.message).toMatch(/Comments are not allowed/);
  });

  it('accepts comments and trailing commas in VS Code files (JSONC)', async () => {
    const h = home();
    h.write(VSCODE, '// VS Code\n{\n  "servers": {\n    "tray": {"type": "http", "url": "https://x",}, /* ok */\n  },\n}\n');
    const { r, data } = await only(h, VSCODE, 'vscode');
    expect(r).toMatchObject({ status: 'pass', details: { dialect: 'jsonc' } });
    expect(data.parsed[0]!.doc).toEqual({ servers: { tray: { type: 'http', url: 'https://x' } } });
  });

  it('a UTF-8 BOM fails a strict-JSON client (JSON.parse rejects it) and is noted for a JSONC one', async () => {
    const h = home();
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    h.write(CURSOR, Buffer.concat([bom, Buffer.from('{"mcpServers": {}}')]));
    const { r } = await only(h, CURSOR, 'cursor');
    expect(r).toMatchObject({ status: 'fail', details: { bom: true, line: 1, column: 1 }, remedies: ['config-json-invalid'] });
    expect(r.message).toMatch(/byte-order mark.*Cursor reads it as strict JSON.*"UTF-8" \(not "UTF-8 with BOM"\)/s);
    // JSON.parse itself: the fact behind the rule
    expect(() => JSON.parse('\uFEFF{}')).toThrow();
    const v = home();
    v.write('.vscode/mcp.json', Buffer.concat([bom, Buffer.from('{"servers": {}}')]));
    const vs = await only(v, '.vscode/mcp.json', 'vscode');
    expect(vs.r).toMatchObject({ status: 'pass', details: { bom: true } });
    expect(vs.data.parsed[0]!.doc).toEqual({ servers: {} });
  });

  it('fails clearly for empty, whitespace-only, binary, UTF-16 and non-UTF-8 files', async () => {
    const cases: [string | Buffer, RegExp, string][] = [
      ['', /empty/, 'empty'],
      ['  \n\t ', /empty/, 'empty'],
      [Buffer.from([0x7b, 0x00, 0x01, 0x02, 0x7d]), /binary data \(a NUL byte at byte 1\)/, 'binary'],
      [Buffer.from('\ufeff{"mcpServers":{}}', 'utf16le').subarray(0), /UTF-16/, 'utf16'],
      [Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xe9, 0x22, 0x7d]), /not valid UTF-8 text \(bad byte at offset 6\)/, 'invalid-utf8'],
    ];
    for (const [content, re, reason] of cases) {
      const h = home();
      h.write(CURSOR, content);
      const { r } = await only(h, CURSOR, 'cursor');
      expect(r, reason).toMatchObject({ status: 'fail', remedies: ['config-json-invalid'], details: { reason } });
      expect(r.message).toMatch(re);
    }
  });

  it('refuses a file over 5 MB without reading it all', async () => {
    const h = home();
    h.write(CURSOR, '{"mcpServers": {}, "pad": "' + 'x'.repeat(6 * 1024 * 1024) + '"}');
    const { r } = await only(h, CURSOR, 'cursor');
    expect(r).toMatchObject({ status: 'fail', remedies: ['config-json-invalid'], details: { reason: 'too-large', limit: 5 * 1024 * 1024 } });
    expect(r.message).toMatch(/too large to be a config file/);
  });

  it("allows Claude Code's ~/.claude.json to be large (it keeps history there)", async () => {
    const h = home();
    h.write('.claude.json', JSON.stringify({ mcpServers: {}, projects: { '/p': { history: ['x'.repeat(6 * 1024 * 1024)] } } }));
    const { r } = await only(h, '.claude.json', 'claude-code');
    expect(r.status).toBe('pass');
    expect(r.message).toMatch(/MB/);
  });

  it('fails absurd nesting (200k levels) quickly, without a stack overflow', async () => {
    const h = home();
    h.write(CURSOR, '['.repeat(200_000));
    const t0 = performance.now();
    const { r } = await only(h, CURSOR, 'cursor');
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(r).toMatchObject({ status: 'fail', details: { code: 'TooDeep', line: 1, column: 513, maxNesting: 512 } });
    expect(r.message).toMatch(/Nested more than 512 levels/);
  });

  it('skips a folder where the file should be, blocked by config-files', async () => {
    const h = home();
    h.mkdir(CURSOR);
    const { r } = await only(h, CURSOR, 'cursor');
    expect(r).toMatchObject({ status: 'skip', details: { blockedBy: 'config-files' } });
  });

  it('parses a path shared by two refs once and hands both on', async () => {
    const h = home();
    const rel = '.config/Cursor/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json';
    h.write(rel, JSON.stringify({ mcpServers: { tray: entry('cline') } }));
    const { results, data } = await run(h);
    expect(results.filter((r) => r.subject === path.join('~', rel))).toHaveLength(1);
    const refs = data.parsed.filter((p) => p.ref.path === h.path(rel)).map((p) => p.ref.client).sort();
    expect(refs).toEqual(['cline', 'cursor']);
  });

  it('points at the bad backslash of a Windows path', async () => {
    const h = home();
    h.write(CLAUDE, '{"mcpServers": {"a": {"command": "C:\\Program Files\\nodejs\\npx.cmd"}}}');
    const { r } = await only(h, CLAUDE, 'claude');
    expect(r).toMatchObject({ status: 'fail', details: { code: 'InvalidEscapeCharacter', line: 1, column: 37 } });
    expect(r.message).toMatch(/Windows path/);
  });

  it('never shows a token from the broken line in the frame', async () => {
    const h = home();
    h.write(CURSOR, `{"mcpServers": {"t": {"url": "https://x", "headers": {"X-Key": "${CANARY}" "Authorization": "Bearer ${CANARY}"}}}}`);
    const { r } = await only(h, CURSOR, 'cursor');
    expect(r.status).toBe('fail');
    expect(leaksCanary(JSON.stringify(r))).toBe(false);
    expect(String(r.details!.frame)).toContain(CANARY.slice(-4));
  });

  describe('--config of an unknown client: told from the shape', () => {
    const cases: [unknown, ClientId][] = [
      [{ servers: { t: entry('vscode') } }, 'vscode'],
      [{ mcpServers: { t: entry('windsurf') } }, 'windsurf'],
      [{ mcpServers: { t: entry('cline') } }, 'cline'],
      [{ mcpServers: { t: entry('claude-code') } }, 'claude-code'],
      [{ mcpServers: { t: entry('cursor') } }, 'cursor'],
      [{ mcpServers: { t: entry('claude') } }, 'claude'],
    ];
    for (const [doc, client] of cases) {
      it(`${client}`, async () => {
        const h = home();
        const p = h.write('x/config.json', JSON.stringify(doc));
        const { results, data } = await run(h, { configPaths: [{ path: p }] });
        expect(results[0]).toMatchObject({ status: 'pass', client, details: { clientFrom: 'shape' } });
        expect(data.parsed[0]!.ref).toMatchObject({ client, clientFrom: 'shape' });
      });
    }

    it('JSONC is fine when the shape says VS Code, not otherwise', async () => {
      const h = home();
      const p = h.write('x/a.json', '{"servers": {"t": {"type": "http", "url": "https://x",},},}');
      expect((await run(h, { configPaths: [{ path: p }] })).results[0]).toMatchObject({ status: 'pass', client: 'vscode' });
      const q = h.write('x/b.json', '{"mcpServers": {"t": {"url": "https://x",},},}');
      expect((await run(h, { configPaths: [{ path: q }] })).results[0]).toMatchObject({ status: 'fail', client: 'cursor' });
    });

    it('clientFromShape returns null when nothing tells', () => {
      expect(clientFromShape({})).toBeNull();
      expect(clientFromShape([])).toBeNull();
      expect(clientFromShape({ mcpServers: {} })).toBeNull();
    });
  });
});

describe('jsonc helpers', () => {
  it('positions are 1-based, across \\n, \\r\\n and \\r', () => {
    expect(positionAt('abc', 0)).toEqual({ line: 1, column: 1 });
    expect(positionAt('a\nbc', 3)).toEqual({ line: 2, column: 2 });
    expect(positionAt('a\r\nbc', 4)).toEqual({ line: 2, column: 2 });
    expect(positionAt('a\rbc', 2)).toEqual({ line: 2, column: 1 });
  });

  it('windows long lines in the frame and keeps the caret under the column', () => {
    const line = '{"a": "' + 'y'.repeat(300) + '" "b": 1}';
    const r = parseConfig(line, { jsonc: false });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const [src, caret] = r.problem.frame.split('\n') as [string, string];
    expect(src.length).toBeLessThan(100);
    const col = caret.indexOf('^');
    expect(src[col]).toBe('"');
    expect(src[col + 1]).toBe('b');
  });

  it('masks token-like runs at the same length, keeping UUIDs and words', () => {
    const l = `"Authorization": "Bearer ${CANARY}", "url": "https://${WORKSPACE}.mcp.tray.ai"`;
    const m = maskSecrets(l);
    expect(m.length).toBe(l.length);
    expect(leaksCanary(m)).toBe(false);
    expect(m).toContain(WORKSPACE);
    expect(m).toContain('Authorization');
    expect(codeFrame(`{"k": "${CANARY}"}`, 0)).not.toContain(CANARY.slice(0, 16));
  });

  it('masks before it windows: an 80-column frame never shows part of a token cut short', () => {
    for (let pad = 0; pad < 60; pad++) {
      // the error ("oops") sits `pad` characters after the token: the window's left edge cuts through it
      const line = `{"x": "${'y'.repeat(100)}", "Authorization": "Bearer ${CANARY}", "b": "${'z'.repeat(pad)}" oops}`;
      const r = parseConfig(line, { jsonc: false });
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      for (let i = 0; i + 10 <= CANARY.length - 4; i++) expect(r.problem.frame, `pad ${pad}`).not.toContain(CANARY.slice(i, i + 10));
    }
    const bare = `{"a": ${CANARY.replace(/-/g, '_')}}`;
    const r = parseConfig(bare, { jsonc: false });
    if (!r.ok) expect(r.problem.what).not.toMatch(/CANARY_tok_9f8e/);
  });

  it('measures depth iteratively and stops early', () => {
    expect(measureDepth('{"a": [1, {"b": []}]}').depth).toBe(4);
    expect(measureDepth('['.repeat(1_000_000), 512)).toEqual({ depth: 513, exceededAt: 512 });
    const ok = '['.repeat(500) + ']'.repeat(500);
    expect(parseConfig(ok, { jsonc: false }).ok).toBe(true);
  });

  it('the dialect comes from the catalog: VS Code (and Insiders), Zed, OpenCode and Kilo Code read JSONC, Codex TOML, Continue and Goose YAML', () => {
    expect(Object.values(CLIENTS).filter((c) => c.format === 'jsonc').map((c) => c.id)).toEqual(['vscode', 'zed', 'opencode', 'kilo-code', 'vscode-insiders']);
    expect(Object.values(CLIENTS).filter((c) => c.format === 'toml').map((c) => c.id)).toEqual(['codex']);
    expect(Object.values(CLIENTS).filter((c) => c.format === 'yaml').map((c) => c.id)).toEqual(['continue', 'goose']);
  });

  it('warns about a key named "__proto__" (a server doctor and clients cannot see), with its line', async () => {
    const h = home();
    h.write(CURSOR, `{\n  "mcpServers": {\n    "__proto__": { "url": "${gatewayUrl(WORKSPACE)}", "headers": { "Authorization": "Bearer ${CANARY}" } }\n  }\n}\n`);
    const { r } = await only(h, CURSOR, 'cursor');
    expect(r).toMatchObject({ status: 'warn', remedies: ['config-schema-invalid'], details: { specialKeys: [{ key: '__proto__', line: 3, path: 'mcpServers' }] } });
    expect(r.message).toMatch(/line 3.*server named "__proto__"/);
    expect(r.message).toMatch(/rename/);
    expect(leaksCanary(JSON.stringify(r))).toBe(false);
    // an ordinary file has no such note
    const h2 = home();
    h2.write(CURSOR, JSON.stringify({ mcpServers: { proto: entry('cursor') } }));
    expect((await only(h2, CURSOR, 'cursor')).r.status).toBe('pass');
  });

  it('a "__proto__" key written with \\u escapes (JSON.parse decodes it): warned as the plain one is, in a small file and a large one', async () => {
    for (const spelled of ['\\u005f_proto__', '__pr\\u006fto__', '\\u005F\\u005Fproto\\u005f\\u005F', '__\\u0070\\u0072\\u006F\\u0074\\u006f__']) {
      expect(Object.keys(JSON.parse(`{"${spelled}": 1}`)), spelled).toEqual(['__proto__']);
      for (const pad of ['', `,\n  "pad": "${'x'.repeat(1024 * 1024)}"`]) {
        const h = home();
        const rel = pad ? '.claude.json' : CURSOR;
        const client = pad ? 'claude-code' : 'cursor';
        h.write(rel, `{\n  "mcpServers": {\n    "${spelled}": { "url": "${gatewayUrl(WORKSPACE)}", "headers": { "Authorization": "Bearer ${CANARY}" } }\n  }${pad}\n}\n`);
        const { r } = await only(h, rel, client);
        expect(r, `${spelled} ${pad ? 'large' : 'small'}`).toMatchObject({ status: 'warn', details: { specialKeys: [{ key: '__proto__', line: 3, path: 'mcpServers' }] } });
        expect(r.message).toMatch(/line 3.*server named "__proto__"/);
        expect(leaksCanary(JSON.stringify(r))).toBe(false);
      }
    }
  });

  it('mayHoldProtoKey: true for every spelling of "__proto__" with any of its characters escaped, as text and as bytes', () => {
    const hex = (c: string, upper: boolean) => {
      const h = c.charCodeAt(0).toString(16).padStart(4, '0');
      return `\\u${upper ? h.toUpperCase() : h}`;
    };
    fc.assert(
      fc.property(fc.array(fc.constantFrom(0, 1, 2), { minLength: 9, maxLength: 9 }), fc.string({ maxLength: 6 }), (how, before) => {
        const key = [...'__proto__'].map((c, i) => (how[i] === 0 ? c : hex(c, how[i] === 2))).join('');
        const text = `{${JSON.stringify(before)}: 1, "${key}": {"x": 1}}`;
        expect(Object.prototype.hasOwnProperty.call(JSON.parse(text), '__proto__')).toBe(true);
        expect(mayHoldProtoKey(text)).toBe(true);
        expect(mayHoldProtoKey(Buffer.from(text))).toBe(true);
        expect(protoKeys(text, { jsonc: false })).toMatchObject([{ key: '__proto__', path: [] }]);
      }),
      { numRuns: 500 },
    );
    // and false for a text without one (other escapes are fine)
    for (const t of ['{"proto": "\\u0041\\u00e9", "__prot": 1}', '{"a": "\\\\u005"}']) {
      expect(mayHoldProtoKey(t), t).toBe(false);
      expect(mayHoldProtoKey(Buffer.from(t)), t).toBe(false);
    }
  });

  it('an unreadable file: the chmod it suggests works when pasted (~ outside the quotes)', () => {
    const ref = (display: string): ConfigFileRef => ({ client: 'cursor', path: '/h/x', display, scope: 'user', stale: false, explicit: false, kind: 'file' });
    const plain = readFailure(ref('~/.cursor/mcp.json'), { ok: false, reason: 'unreadable', code: 'EACCES' }).row.message;
    expect(plain).toContain('`chmod u+rw ~/.cursor/mcp.json`');
    const spaced = readFailure(ref('~/Library/Application Support/Claude/claude_desktop_config.json'), { ok: false, reason: 'unreadable', code: 'EACCES' }).row.message;
    expect(spaced).toContain(`\`chmod u+rw ~/'Library/Application Support/Claude/claude_desktop_config.json'\``);
    expect(spaced).not.toContain('"~');
  });

  it('uses the client name in hints', () => {
    const r = parseConfig('{"a": 1,}', { jsonc: false, clientName: 'Cursor' });
    expect(!r.ok && r.problem.hint).toMatch(/Cursor reads strict JSON/);
  });
});
