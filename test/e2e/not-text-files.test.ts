// A config file that is not UTF-8 text — Latin-1 bytes, UTF-16 (with its byte-order mark), a NUL
// byte — is never rewritten: decoded, its bad bytes would become U+FFFD and the whole file would be
// written back so. setup, remove and doctor --fix refuse it with exit 1 and one line naming the
// file and the offset of its first bad byte, and write nothing (no file, no .bak, no temp file).
import { afterAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { runCli, type CliResult } from '../helpers/cli.js';
import { CANARY, WORKSPACE, leaksCanary, tempHome, type TempHome } from '../helpers/home.js';

const URL_ = `https://${WORKSPACE}.mcp.tray.ai`;
const homes: TempHome[] = [];
afterAll(() => homes.forEach((h) => h.cleanup()));
const home = () => {
  const h = tempHome('tray-not-text-');
  homes.push(h);
  return h;
};

const entry = JSON.stringify({ url: URL_, headers: { Authorization: `Bearer ${CANARY}` } });
const doc = (servers: string) => `{\n  "note": "NOTE",\n  "mcpServers": {${servers}}\n}\n`;
/** [what, the file's bytes, what the message says] — `servers` is the server map's inside */
const BAD: [string, (servers: string) => Buffer, RegExp][] = [
  ['Latin-1 bytes', (s) => Buffer.from(doc(s).replace('NOTE', 'caf\u00e9'), 'latin1'), /is not valid UTF-8 text \(first bad byte 0xE9 at offset 16\)/],
  ['UTF-16 with its byte-order mark', (s) => Buffer.from('\uFEFF' + doc(s).replace('NOTE', 'café'), 'utf16le'), /is saved as UTF-16 \(byte-order mark FF FE at offset 0\), not UTF-8/],
  ['a NUL byte', (s) => Buffer.from(doc(s).replace('NOTE', 'a\u0000b')), /holds a NUL byte at offset 14/],
];

/** Every file under the home, with its bytes. */
function snapshot(h: TempHome): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(path.relative(h.dir, p), readFileSync(p));
    }
  };
  walk(h.dir);
  return out;
}

function refusedInOneLine(r: CliResult, file: RegExp, words: RegExp): void {
  expect(r.code, r.all).toBe(1);
  const lines = r.stderr.trim().split('\n').filter((l) => !l.startsWith('(resolved as'));
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(file);
  expect(lines[0]).toMatch(words);
  expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  expect(leaksCanary(r.all)).toBe(false);
}

describe('setup on a file that is not UTF-8 text', () => {
  it.each(BAD)('%s: exit 1, one line naming the file and the first bad byte, nothing written', async (_what, bytes, words) => {
    const h = home();
    h.write('.cursor/mcp.json', bytes(`"gh": {"command": "gh"}`), 0o600);
    const before = snapshot(h);
    const r = await runCli(['setup', '-w', WORKSPACE, '-t', CANARY, '-c', 'cursor', '--home', h.dir, '--platform', 'linux'], { cwd: h.dir });
    refusedInOneLine(r, /~\/\.cursor\/mcp\.json/, words);
    expect(r.stderr).toMatch(/Nothing was written\.$/m);
    expect(snapshot(h)).toEqual(before);
  });

  it('a UTF-8 byte-order mark is fine, and kept', async () => {
    const h = home();
    const file = h.write('.cursor/mcp.json', Buffer.from('\uFEFF' + doc(`"gh": {"command": "gh"}`).replace('NOTE', 'café')), 0o600);
    const r = await runCli(['setup', '-w', WORKSPACE, '-t', CANARY, '-c', 'cursor', '--home', h.dir, '--platform', 'linux'], { cwd: h.dir });
    expect(r.code, r.all).toBe(0);
    const after = readFileSync(file);
    expect([...after.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(JSON.parse(after.subarray(3).toString())).toMatchObject({ note: 'café', mcpServers: { gh: { command: 'gh' }, 'tray-workspace': { url: URL_ } } });
  });
});

describe('remove on a file that is not UTF-8 text', () => {
  it.each(BAD)('%s: exit 1, one line naming the file and the first bad byte, nothing changed', async (_what, bytes, words) => {
    const h = home();
    h.write('.cursor/mcp.json', bytes(`"tray-workspace": ${entry}`), 0o600);
    const before = snapshot(h);
    const r = await runCli(['remove', 'tray-workspace', '-c', 'cursor', '--yes', '--home', h.dir, '--platform', 'linux'], { cwd: h.dir });
    refusedInOneLine(r, /~\/\.cursor\/mcp\.json/, words);
    expect(r.stderr).toMatch(/Nothing was changed\.$/m);
    expect(snapshot(h)).toEqual(before);
  });

  it('the same name in a good file of another client: nothing is removed until the bad file is fixed, or left out with -c', async () => {
    const h = home();
    h.write('.cursor/mcp.json', BAD[0]![1](`"tray-workspace": ${entry}`), 0o600);
    const vs = h.write('.config/Code/User/mcp.json', JSON.stringify({ servers: { 'tray-workspace': { type: 'http', url: URL_, headers: { Authorization: `Bearer ${CANARY}` } } } }, null, 2), 0o600);
    const before = snapshot(h);
    const r = await runCli(['remove', 'tray-workspace', '--yes', '--home', h.dir, '--platform', 'linux'], { cwd: h.dir });
    refusedInOneLine(r, /~\/\.cursor\/mcp\.json/, BAD[0]![2]);
    expect(r.stderr).toMatch(/with -c, remove changes only/);
    expect(snapshot(h)).toEqual(before);
    const only = await runCli(['remove', 'tray-workspace', '-c', 'vscode', '--yes', '--home', h.dir, '--platform', 'linux'], { cwd: h.dir });
    expect(only.code, only.all).toBe(0);
    expect(JSON.parse(readFileSync(vs, 'utf8'))).toEqual({ servers: {} });
    expect(readFileSync(h.path('.cursor/mcp.json'))).toEqual(before.get('.cursor/mcp.json'));
  });
});

describe('doctor --fix with a file that is not UTF-8 text', () => {
  it.each(BAD)('%s as the file a fix would write: the fix is not offered, one line says why, nothing written, exit 1', async (_what, bytes, words) => {
    const h = home();
    // Windsurf's entry in the docs' location (mcp.json): --fix moves it into mcp_config.json, which is not text
    h.write('.codeium/windsurf/mcp.json', JSON.stringify({ mcpServers: { tray: { serverUrl: URL_, headers: { Authorization: `Bearer ${CANARY}` } } } }, null, 2), 0o600);
    h.write('.codeium/windsurf/mcp_config.json', bytes(`"gh": {"command": "gh"}`), 0o600);
    const before = snapshot(h);
    const r = await runCli(['doctor', '--fix', '--yes', '--offline', '--home', h.dir, '--platform', 'linux'], { cwd: h.dir });
    expect(r.code, r.all).toBe(1);
    const said = r.stderr.split('\n').filter((l) => l.startsWith('Not offered:'));
    expect(said, r.stderr).toHaveLength(1);
    expect(said[0]).toMatch(/^Not offered: Move .*: ~\/\.codeium\/windsurf\/mcp_config\.json /);
    expect(said[0]).toMatch(words);
    expect(r.stderr).not.toMatch(/^✓ /m);
    expect(leaksCanary(r.all)).toBe(false);
    expect(snapshot(h)).toEqual(before);
  });
});
