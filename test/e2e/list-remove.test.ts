// `tray-mcp list` and `tray-mcp remove`, run as a user would, on temp homes laid out per platform.
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { runCli } from '../helpers/cli.js';
import { CANARY, WORKSPACE, configText, leaksCanary, tempHome, type TempHome } from '../helpers/home.js';

const URL_ = `https://${WORKSPACE}.mcp.tray.ai`;
const homes: TempHome[] = [];
afterAll(() => homes.forEach((h) => h.cleanup()));
const home = () => {
  const h = tempHome('tray-list-');
  homes.push(h);
  return h;
};
const posix = process.platform !== 'win32';

function layout(h: TempHome) {
  h.write('.cursor/mcp.json', configText('cursor', { mcpServers: { 'tray-workspace': { url: URL_, headers: { Authorization: `Bearer ${CANARY}` } }, github: { command: 'gh' } } }), 0o600);
  h.write('.codex/config.toml', '# mine\nmodel = "o3"\n\n[mcp_servers.tray-workspace]\nurl = "' + URL_ + '"\nhttp_headers = { Authorization = "Bearer ' + CANARY + '" }\n\n[mcp_servers.other]\ncommand = "node"\n', 0o600);
  // Claude Desktop: a url entry it skips
  h.write('.config/Claude/claude_desktop_config.json', JSON.stringify({ mcpServers: { tray: { url: URL_ } } }, null, 2), 0o600);
}

describe('tray-mcp list', () => {
  it('every Tray entry, with client, scope, file:line, token fingerprint and whether it is loaded; JSON too', async () => {
    const h = home();
    layout(h);
    const r = await runCli(['list', '--home', h.dir, '--platform', 'linux'], { cwd: h.dir });
    expect(r.code, r.stderr).toBe(0);
    expect(leaksCanary(r.all)).toBe(false);
    expect(r.stdout).toMatch(/Cursor › tray-workspace \(user\) — loaded\n/);
    expect(r.stdout).toContain(`token …${CANARY.slice(-4)}`);
    expect(r.stdout).toMatch(/\.cursor[\\/]mcp\.json:3/);
    expect(r.stdout).toMatch(/Codex CLI › tray-workspace \(user\) — loaded/);
    expect(r.stdout).toMatch(/Claude Desktop › tray \(user\) — NOT loaded\n[\s\S]*! Claude Desktop's config file takes only command-based servers/);
    expect(r.stdout).not.toContain('github');
    const j = await runCli(['list', '--json', '--home', h.dir, '--platform', 'linux'], { cwd: h.dir });
    const doc = JSON.parse(j.stdout);
    expect(doc.entries).toHaveLength(3);
    expect(doc.entries.find((e: any) => e.client === 'cursor')).toMatchObject({ name: 'tray-workspace', loaded: true, tokenFingerprint: `…${CANARY.slice(-4)}`, workspaceId: WORKSPACE, scope: 'user', line: 3 });
    expect(leaksCanary(j.all)).toBe(false);
  });

  it('readable at 80 columns: problems wrapped, names from a file shown escaped', async () => {
    const h = home();
    h.write('.config/Claude/claude_desktop_config.json', JSON.stringify({ mcpServers: { 'tray\u001b[2Jx': { url: URL_ } } }, null, 2), 0o600);
    const r = await runCli(['list', '--home', h.dir, '--platform', 'linux'], { cwd: h.dir, env: { COLUMNS: '80' } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/\u001b/);
    expect(r.stdout).toContain('tray\\x1b[2Jx');
    const long = r.stdout.split('\n').filter((l) => l.length > 80 && !l.includes(URL_) && !/\.json(:\d+)?$/.test(l));
    expect(long).toEqual([]);
    expect(r.stdout).toMatch(/^ {2}! /m);
  });

  it('nothing configured: says so, exit 0', async () => {
    const h = home();
    const r = await runCli(['list', '--home', h.dir], { cwd: h.dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/No Tray entry/);
  });
});

describe('tray-mcp remove', () => {
  it('removes one entry atomically with a backup; other servers, keys and comments stay; 0600', async () => {
    const h = home();
    layout(h);
    const before = readFileSync(h.path('.cursor/mcp.json'), 'utf8');
    const r = await runCli(['remove', 'tray-workspace', '-c', 'cursor', '--home', h.dir, '--platform', 'linux'], { cwd: h.dir });
    expect(r.code, r.stderr).toBe(0);
    const after = JSON.parse(readFileSync(h.path('.cursor/mcp.json'), 'utf8'));
    expect(after).toEqual({ mcpServers: { github: { command: 'gh' } } });
    expect(readFileSync(h.path('.cursor/mcp.json.bak'), 'utf8')).toBe(before);
    if (posix) expect(statSync(h.path('.cursor/mcp.json')).mode & 0o777).toBe(0o600);
    // the same name in Codex is untouched
    expect(readFileSync(h.path('.codex/config.toml'), 'utf8')).toContain('[mcp_servers.tray-workspace]');
    expect(leaksCanary(r.all)).toBe(false);
  });

  it('only the entry goes: the spacing of the other servers, comments and line ends stay byte for byte (JSON and YAML)', async () => {
    const h = home();
    const json = ['{', '  "mcpServers": {', '    "other": {"command": "node",   "args": ["x.js"]},', '    "tray-workspace": {', `      "url": "${URL_}",`, `      "headers": { "Authorization": "Bearer ${CANARY}" }`, '    },', '    "third": { "command":"uvx",', '       "args": [ "y" ] }', '  }', '}', ''];
    const yaml = ['name: My config   # keep this comment', 'version: 1.0.0', 'schema: v1', 'mcpServers:', '  - name: other', '    command:   npx', '    args: [ "-y",   "x" ]', '  # Tray', '  - name: tray-workspace', '    type: streamable-http', `    url: ${URL_}`, `    apiKey: ${CANARY}`, '', '  # the third one', '  - name: third', '    command: uvx   # py', ''];
    h.write('.cursor/mcp.json', json.join('\r\n'), 0o600);
    h.write('.continue/config.yaml', yaml.join('\n'), 0o600);
    for (const c of ['cursor', 'continue']) {
      const r = await runCli(['remove', 'tray-workspace', '-c', c, '--home', h.dir, '--platform', 'linux'], { cwd: h.dir });
      expect(r.code, r.stderr).toBe(0);
    }
    expect(readFileSync(h.path('.cursor/mcp.json'), 'utf8')).toBe([...json.slice(0, 3), ...json.slice(7)].join('\r\n'));
    expect(readFileSync(h.path('.continue/config.yaml'), 'utf8')).toBe([...yaml.slice(0, 7), ...yaml.slice(12)].join('\n'));
  });

  it('TOML: the table goes, comments and other tables stay', async () => {
    const h = home();
    layout(h);
    const r = await runCli(['remove', 'tray-workspace', '-c', 'codex', '--home', h.dir, '--platform', 'linux'], { cwd: h.dir });
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(h.path('.codex/config.toml'), 'utf8');
    const toml = createRequire(import.meta.url)('@decimalturn/toml-patch') as { parse(t: string): any };
    expect(toml.parse(text)).toEqual({ model: 'o3', mcp_servers: { other: { command: 'node' } } });
    expect(text).toContain('# mine');
    expect(existsSync(h.path('.codex/config.toml.bak'))).toBe(true);
  });

  it('YAML: a Continue list item and a Goose extension go where they stand; comments and the rest stay', async () => {
    const h = home();
    const yaml = createRequire(import.meta.url)('yaml') as { parse(t: string): any };
    const continueText = ['# mine', 'name: Local Config', 'version: 1.0.0', 'mcpServers:', '  - name: first', '    command: npx', '  - name: tray-workspace # Tray', '    type: streamable-http', `    url: ${URL_}`, `    apiKey: ${CANARY}`, '  - uses: anthropic/memory-mcp', ''].join('\n');
    const gooseText = ['# goose', 'extensions:', '  developer:', '    type: builtin', '    name: developer', '    enabled: true', '  tray-workspace:', '    type: streamable_http', '    name: tray-workspace', '    enabled: true', `    uri: ${URL_}`, `    headers: { Authorization: Bearer ${CANARY} }`, 'GOOSE_MODE: auto', ''].join('\n');
    h.write('.continue/config.yaml', continueText, 0o600);
    h.write('.config/goose/config.yaml', gooseText, 0o600);
    const l = await runCli(['list', '--json', '--home', h.dir, '--platform', 'linux'], { cwd: h.dir });
    expect(JSON.parse(l.stdout).entries.map((e: any) => [e.client, e.name, e.line])).toEqual([['continue', 'tray-workspace', 7], ['goose', 'tray-workspace', 7]]);
    for (const c of ['continue', 'goose']) {
      const r = await runCli(['remove', 'tray-workspace', '-c', c, '--home', h.dir, '--platform', 'linux'], { cwd: h.dir });
      expect(r.code, r.stderr).toBe(0);
      expect(leaksCanary(r.all)).toBe(false);
    }
    const cont = readFileSync(h.path('.continue/config.yaml'), 'utf8');
    expect(yaml.parse(cont)).toEqual({ name: 'Local Config', version: '1.0.0', mcpServers: [{ name: 'first', command: 'npx' }, { uses: 'anthropic/memory-mcp' }] });
    expect(cont).toContain('# mine');
    const goose = readFileSync(h.path('.config/goose/config.yaml'), 'utf8');
    expect(yaml.parse(goose)).toEqual({ extensions: { developer: { type: 'builtin', name: 'developer', enabled: true } }, GOOSE_MODE: 'auto' });
    expect(goose).toContain('# goose');
    expect(readFileSync(h.path('.continue/config.yaml.bak'), 'utf8')).toBe(continueText);
  });

  it('a name in several places needs -c or --yes without a terminal (exit 2, nothing changed); --yes removes all', async () => {
    const h = home();
    layout(h);
    const cursorBefore = readFileSync(h.path('.cursor/mcp.json'), 'utf8');
    const r = await runCli(['remove', 'tray-workspace', '--home', h.dir, '--platform', 'linux'], { cwd: h.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/in 2 places/);
    expect(readFileSync(h.path('.cursor/mcp.json'), 'utf8')).toBe(cursorBefore);
    const y = await runCli(['remove', 'tray-workspace', '--yes', '--home', h.dir, '--platform', 'linux'], { cwd: h.dir });
    expect(y.code, y.stderr).toBe(0);
    const l = JSON.parse((await runCli(['list', '--json', '--home', h.dir, '--platform', 'linux'], { cwd: h.dir })).stdout);
    expect(l.entries.map((e: any) => e.name)).toEqual(['tray']);
  });

  it('an unknown name: exit 1, says which names there are, changes nothing', async () => {
    const h = home();
    layout(h);
    const r = await runCli(['remove', 'nope', '--home', h.dir, '--platform', 'linux'], { cwd: h.dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no Tray entry named "nope".*"tray-workspace"/);
    expect(existsSync(h.path('.cursor/mcp.json.bak'))).toBe(false);
  });
});

describe('list and remove: what the review found', () => {
  it('a server whose name only starts with "tray" (traymond-notes) is not a Tray entry: not listed, not removed', async () => {
    const h = home();
    h.write('.cursor/mcp.json', JSON.stringify({ mcpServers: { 'traymond-notes': { url: 'https://notes.example.com/mcp' } } }, null, 2), 0o600);
    const l = await runCli(['list', '--home', h.dir, '--platform', 'linux'], { cwd: h.dir });
    expect(l.stdout).toMatch(/No Tray entry/);
    const r = await runCli(['remove', 'traymond-notes', '--home', h.dir, '--platform', 'linux'], { cwd: h.dir });
    expect(r.code).toBe(1);
    expect(JSON.parse(readFileSync(h.path('.cursor/mcp.json'), 'utf8')).mcpServers['traymond-notes']).toBeDefined();
  });

  it('one name in three places of one file (~/.claude.json projects): one edit, and the backup is the file as it was', async () => {
    const h = home();
    const e = { type: 'http', url: URL_, headers: { Authorization: `Bearer ${CANARY}` } };
    const original = JSON.stringify({ mcpServers: { tray: e }, projects: { '/a': { mcpServers: { tray: e } }, '/b': { mcpServers: { tray: e } } } }, null, 2);
    h.write('.claude.json', original, 0o600);
    const r = await runCli(['remove', 'tray', '--yes', '-c', 'claude-code', '--home', h.dir, '--platform', 'linux'], { cwd: h.dir });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(readFileSync(h.path('.claude.json'), 'utf8'))).toEqual({ mcpServers: {}, projects: { '/a': { mcpServers: {} }, '/b': { mcpServers: {} } } });
    expect(readFileSync(h.path('.claude.json.bak'), 'utf8')).toBe(original);
    expect(leaksCanary(r.all)).toBe(false);
  });

  it('a config that cannot be parsed is named, never "no Tray entry" alone', async () => {
    const h = home();
    h.write('.cursor/mcp.json', `{ "mcpServers": { "tray": { "url": "${URL_}" }, }`, 0o600);
    const l = await runCli(['list', '--home', h.dir, '--platform', 'linux'], { cwd: h.dir });
    expect(l.stdout).toMatch(/could not be/);
    expect(l.stdout).toMatch(/\.cursor[\\/]mcp\.json/);
    const r = await runCli(['remove', 'tray', '--home', h.dir, '--platform', 'linux'], { cwd: h.dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/could not be read/);
  });

  it('list takes -c like setup and remove', async () => {
    const h = home();
    layout(h);
    const r = await runCli(['list', '-c', 'codex', '--home', h.dir, '--platform', 'linux'], { cwd: h.dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Codex CLI');
    expect(r.stdout).not.toContain('Cursor');
  });
});
