// config-files against real files in temp homes, resolved as each platform would.
import { describe, it, expect, afterEach } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import configFiles, { clientFromFileName } from '../../src/checks/config-files.js';
import { runChecks } from '../../src/checks/runner.js';
import type { Check, DoctorOptions, Result } from '../../src/checks/types.js';
import type { ConfigFilesData } from '../../src/checks/data.js';
import { CLIENT_IDS, CLIENTS, runsOn, type ClientId } from '../../src/clients/catalog.js';
import { makeEntry, gatewayUrl } from '../../src/gateway/index.js';
import { makeEnvironment, resolveTemplate, PLATFORMS, type Platform } from '../../src/lib/environment.js';
import { tempHome, CANARY, WORKSPACE, type TempHome } from '../helpers/home.js';

const base: DoctorOptions = { clients: [], configPaths: [], urls: [], offline: true, timeoutMs: 1000, verbose: false, strict: false };
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

/** A temp home and a temp current directory (for project-scope files). */
function setup() {
  const home = tempHome();
  const cwd = mkdtempSync(path.join(tmpdir(), 'tray-mcp-proj-'));
  cleanups.push(home.cleanup, () => rmSync(cwd, { recursive: true, force: true }));
  return { home, cwd };
}

async function run(home: TempHome, cwd: string, platform: Platform, options: Partial<DoctorOptions> = {}) {
  const env = makeEnvironment({ home: home.dir, platform, cwd });
  const out = await runChecks({ checks: [configFiles as Check], options: { ...base, ...options }, env });
  return { results: out.results, refs: (out.data['config-files'] as ConfigFilesData).refs, env };
}

/** The user-scope file setup writes for a client, as a path under the temp home. */
function userFile(client: ClientId, platform: Platform, home: TempHome, cwd: string): string {
  const loc = CLIENTS[client].locations.find((l) => l.setupTarget)!;
  return resolveTemplate(loc.paths[platform]!, makeEnvironment({ home: home.dir, platform, cwd }));
}

const config = (client: ClientId) =>
  JSON.stringify({ [CLIENTS[client].rootKey]: { 'tray-workspace': makeEntry(client, gatewayUrl(WORKSPACE), CANARY) } }, null, 2);

const bySubject = (rs: Result[], s: string) => rs.filter((r) => r.subject === s);

describe('config-files', () => {
  it('with nothing configured: a skip per location and one fail for all clients', async () => {
    const { home, cwd } = setup();
    const { results, refs } = await run(home, cwd, 'linux');
    const all = results.filter((r) => r.subject === 'all clients');
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ status: 'fail', remedies: ['config-not-found'], client: null });
    expect(all[0]!.message).toMatch(/tray-mcp setup/);
    expect(results.filter((r) => r.subject !== 'all clients').every((r) => r.status === 'skip')).toBe(true);
    expect(refs.every((r) => r.kind === 'missing')).toBe(true);
    // every catalog location of every client is a ref
    const expected = CLIENT_IDS.flatMap((c) => CLIENTS[c].locations.filter((l) => l.paths.linux)).length;
    expect(refs).toHaveLength(expected);
  });

  for (const platform of PLATFORMS) {
    it(`finds each client's user file on ${platform}, with size and mode`, async () => {
      const { home, cwd } = setup();
      const here = CLIENT_IDS.filter((c) => runsOn(c, platform));
      for (const c of here) home.write(path.relative(home.dir, userFile(c, platform, home, cwd)), config(c), 0o600);
      const { results, refs } = await run(home, cwd, platform);
      expect(results.some((r) => r.subject === 'all clients')).toBe(false);
      for (const c of here) {
        const ref = refs.find((r) => r.client === c && r.path === userFile(c, platform, home, cwd))!;
        expect(ref).toMatchObject({ kind: 'file', explicit: false, stale: false, clientFrom: 'catalog' });
        expect(ref.size).toBe(Buffer.byteLength(config(c)));
        if (process.platform !== 'win32') expect(ref.mode).toBe(0o600);
        const row = results.find((r) => r.subject === ref.display && r.client === c)!;
        expect(row).toMatchObject({ status: 'pass', remedies: [] });
        expect(row.subject.startsWith('~')).toBe(true);
      }
      expect(results.filter((r) => r.status === 'fail' || r.status === 'warn')).toEqual([]);
    });
  }

  it('resolves win32 locations under AppData/Roaming and the home', async () => {
    const { home, cwd } = setup();
    const { refs } = await run(home, cwd, 'win32', { clients: ['claude', 'cursor'] });
    expect(refs.map((r) => path.relative(home.dir, r.path))).toEqual(
      expect.arrayContaining([path.join('AppData', 'Roaming', 'Claude', 'claude_desktop_config.json'), path.join('.cursor', 'mcp.json')]),
    );
  });

  it("a folder of block files (Continue's .continue/mcpServers/*.yaml): one project ref per matching file, or one missing ref", async () => {
    const { home, cwd } = setup();
    const none = await run(home, cwd, 'linux', { clients: ['continue'] });
    const pattern = none.refs.filter((r) => r.scope === 'project');
    expect(pattern).toHaveLength(1);
    expect(pattern[0]).toMatchObject({ kind: 'missing', client: 'continue' });
    expect(pattern[0]!.path).toBe(path.join(cwd, '.continue', 'mcpServers', '*.yaml'));
    const dir = path.join(cwd, '.continue', 'mcpServers');
    execFileSync('mkdir', ['-p', dir]);
    for (const f of ['b-tray.yaml', 'a-other.yaml', 'notes.txt', 'c.yml']) execFileSync('touch', [path.join(dir, f)]);
    const { refs, results } = await run(home, cwd, 'linux', { clients: ['continue'] });
    const blocks = refs.filter((r) => r.scope === 'project');
    expect(blocks.map((r) => path.basename(r.path))).toEqual(['a-other.yaml', 'b-tray.yaml']);
    expect(blocks.every((r) => r.kind === 'file' && r.client === 'continue')).toBe(true);
    expect(results.filter((r) => r.subject.endsWith('.yaml') && r.status === 'pass')).toHaveLength(2);
    // a --config block file is told by its name, and is project scope
    expect(clientFromFileName(path.join(dir, 'b-tray.yaml'))).toBe('continue');
    const explicit = await run(home, cwd, 'linux', { configPaths: [{ path: path.join(dir, 'b-tray.yaml') }] });
    expect(explicit.refs[0]).toMatchObject({ client: 'continue', clientFrom: 'file-name', scope: 'project' });
  });

  it('warns config-wrong-location for a file in a stale location, naming the file the client reads', async () => {
    const { home, cwd } = setup();
    home.write('.codeium/windsurf/mcp.json', config('windsurf'));
    const { results } = await run(home, cwd, 'linux', { clients: ['windsurf'] });
    const stale = bySubject(results, path.join('~', '.codeium', 'windsurf', 'mcp.json'))[0]!;
    expect(stale).toMatchObject({ status: 'warn', client: 'windsurf', remedies: ['config-wrong-location'], details: { stale: true } });
    expect(stale.message).toContain('mcp_config.json');
    // the only file is one the client does not read: nothing is configured
    expect(results.find((r) => r.subject === 'all clients')).toMatchObject({ status: 'fail' });
  });

  it("reports Cline's file in Cursor once, for Cline, when all clients are checked", async () => {
    const { home, cwd } = setup();
    const rel = '.config/Cursor/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json';
    home.write(rel, config('cline'));
    const { results } = await run(home, cwd, 'linux');
    const rows = bySubject(results, path.join('~', rel));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'pass', client: 'cline', details: { alsoNamedFor: ['cursor'] } });
  });

  it("warns for the same file when only Cursor is asked about (Cursor does not read it)", async () => {
    const { home, cwd } = setup();
    home.write('.config/Cursor/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json', config('cline'));
    const { results } = await run(home, cwd, 'linux', { clients: ['cursor'] });
    const warn = results.find((r) => r.status === 'warn')!;
    expect(warn).toMatchObject({ client: 'cursor', remedies: ['config-wrong-location'] });
    expect(warn.message).toContain(path.join('~', '.cursor', 'mcp.json'));
  });

  it('fails config-not-found for a folder where the file should be', async () => {
    const { home, cwd } = setup();
    home.mkdir('.cursor/mcp.json');
    const { results, refs } = await run(home, cwd, 'darwin', { clients: ['cursor'] });
    const row = bySubject(results, path.join('~', '.cursor', 'mcp.json'))[0]!;
    expect(row).toMatchObject({ status: 'fail', remedies: ['config-not-found'], details: { kind: 'directory' } });
    expect(row.message).toMatch(/folder/);
    expect(refs.find((r) => r.kind === 'directory')).toBeTruthy();
  });

  it.skipIf(process.platform === 'win32')('fails config-not-found for a FIFO, without opening it', async () => {
    const { home, cwd } = setup();
    home.mkdir('.cursor');
    execFileSync('mkfifo', [home.path('.cursor/mcp.json')]);
    const t0 = performance.now();
    const { results } = await run(home, cwd, 'linux', { clients: ['cursor'] });
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(bySubject(results, path.join('~', '.cursor', 'mcp.json'))[0]).toMatchObject({ status: 'fail', details: { kind: 'other' } });
  });

  it('finds project files in the current directory', async () => {
    const { home, cwd } = setup();
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(path.join(cwd, '.vscode'));
    writeFileSync(path.join(cwd, '.vscode', 'mcp.json'), config('vscode'));
    writeFileSync(path.join(cwd, '.mcp.json'), config('claude-code'));
    const { results } = await run(home, cwd, 'linux', { clients: ['vscode', 'claude-code'] });
    expect(results.find((r) => r.subject === path.join(cwd, '.vscode', 'mcp.json'))).toMatchObject({ status: 'pass', client: 'vscode' });
    expect(results.find((r) => r.subject === path.join(cwd, '.mcp.json'))).toMatchObject({ status: 'pass', client: 'claude-code' });
    expect(results.some((r) => r.subject === 'all clients')).toBe(false);
  });

  it('run from the home folder, a project file is the user file: one ref, one row', async () => {
    const { home } = setup();
    home.write('.cursor/mcp.json', config('cursor'));
    const { results, refs } = await run(home, home.dir, 'linux', { clients: ['cursor'] });
    expect(refs.filter((r) => r.path === home.path('.cursor/mcp.json'))).toHaveLength(1);
    expect(bySubject(results, path.join('~', '.cursor', 'mcp.json'))).toHaveLength(1);
  });

  it('--client limits the locations', async () => {
    const { home, cwd } = setup();
    const { refs } = await run(home, cwd, 'linux', { clients: ['claude'] });
    expect(refs.map((r) => r.client)).toEqual(['claude']);
  });

  describe('--config', () => {
    it('checks only the given files, the client told by the file name', async () => {
      const { home, cwd } = setup();
      const p = home.write('somewhere/claude_desktop_config.json', config('claude'));
      home.write('.cursor/mcp.json', config('cursor'));
      const { results, refs } = await run(home, cwd, 'linux', { configPaths: [{ path: p }] });
      expect(refs).toHaveLength(1);
      expect(refs[0]).toMatchObject({ client: 'claude', clientFrom: 'file-name', explicit: true, kind: 'file' });
      expect(results).toHaveLength(1);
      expect(results[0]).toMatchObject({ status: 'pass', client: 'claude' });
    });

    it('takes the client from --client, and fails for a missing file', async () => {
      const { home, cwd } = setup();
      const { results, refs } = await run(home, cwd, 'linux', { configPaths: [{ path: 'nope.json', client: 'vscode' }] });
      expect(refs[0]).toMatchObject({ client: 'vscode', clientFrom: 'flag', path: path.join(cwd, 'nope.json') });
      expect(results[0]).toMatchObject({ status: 'fail', remedies: ['config-not-found'] });
    });

    it('leaves the client open when neither flag nor name tells', async () => {
      const { home, cwd } = setup();
      const p = home.write('x/my-config.json', '{}');
      const { results, refs } = await run(home, cwd, 'linux', { configPaths: [{ path: p }] });
      expect(refs[0]).toMatchObject({ clientFrom: 'default' });
      expect(results[0]).toMatchObject({ status: 'pass', client: null });
    });

    it('knows a stale location when it is given explicitly', async () => {
      const { home, cwd } = setup();
      const p = home.write('.codeium/windsurf/mcp.json', config('windsurf'));
      const { results } = await run(home, cwd, 'linux', { configPaths: [{ path: p }] });
      expect(results[0]).toMatchObject({ status: 'warn', client: 'windsurf', remedies: ['config-wrong-location'] });
    });
  });

  it('tells the client from a file name', () => {
    expect(clientFromFileName('/h/Library/Application Support/Claude/claude_desktop_config.json')).toBe('claude');
    expect(clientFromFileName('/h/.claude.json')).toBe('claude-code');
    expect(clientFromFileName('/p/.mcp.json')).toBe('claude-code');
    expect(clientFromFileName('/h/.cursor/mcp.json')).toBe('cursor');
    expect(clientFromFileName('C:\\Users\\me\\.cursor\\mcp.json')).toBe('cursor');
    expect(clientFromFileName('/p/.vscode/mcp.json')).toBe('vscode');
    expect(clientFromFileName('/h/.config/Code/User/mcp.json')).toBe('vscode');
    expect(clientFromFileName('/h/.codeium/windsurf/mcp_config.json')).toBe('windsurf');
    expect(clientFromFileName('/h/.codeium/windsurf/mcp.json')).toBe('windsurf');
    expect(clientFromFileName('/x/cline_mcp_settings.json')).toBe('cline');
    expect(clientFromFileName('/x/mcp.json')).toBeNull();
    expect(clientFromFileName('/x/config.json')).toBeNull();
  });
});
