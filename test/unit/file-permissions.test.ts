// file-permissions over real files in a temp home (and real git repositories): readable, folder
// writable, token-bearing files not readable by others, project files with tokens not committed.
// config-files and config-json are stand-in checks; tray-servers is the real one.
import { afterAll, describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { runChecks } from '../../src/checks/runner.js';
import trayServers from '../../src/checks/tray-servers.js';
import filePermissions from '../../src/checks/file-permissions.js';
import { shq } from '../../src/lib/shell.js';
import type { Check, DoctorOptions, Result } from '../../src/checks/types.js';
import type { ConfigFileRef, ConfigFilesData, ConfigJsonData } from '../../src/checks/data.js';
import { type ClientId } from '../../src/clients/catalog.js';
import { makeEntry } from '../../src/gateway/index.js';
import { displayPath, makeEnvironment, type Platform } from '../../src/lib/environment.js';
import { gitStateOf } from '../../src/lib/git.js';
import { CANARY, WORKSPACE, tempHome } from '../helpers/home.js';

const URL_OK = `https://${WORKSPACE}.mcp.tray.ai`;
const isRoot = process.getuid?.() === 0;
const posixHost = process.platform !== 'win32';
const home = tempHome('file-perms-unit-');
afterAll(() => home.cleanup());
const options: DoctorOptions = { clients: [], configPaths: [], urls: [], offline: true, timeoutMs: 1000, verbose: false, strict: false };

interface Spec {
  client: ClientId;
  /** absolute path */
  file: string;
  doc: unknown;
  scope?: 'user' | 'project';
  mode?: number;
  /** the file is already on disk: do not write it */
  prewritten?: boolean;
}

async function run(specs: Spec[], o: { platform?: Platform; vars?: Record<string, string | undefined> } = {}): Promise<Result[]> {
  const env = makeEnvironment({ home: home.dir, platform: o.platform ?? 'linux', vars: o.vars ?? { PATH: process.env.PATH } });
  const refs: ConfigFileRef[] = specs.map((s) => {
    if (!s.prewritten) {
      mkdirSync(path.dirname(s.file), { recursive: true });
      writeFileSync(s.file, JSON.stringify(s.doc, null, 2));
      if (s.mode !== undefined) chmodSync(s.file, s.mode);
    }
    return { client: s.client, path: s.file, display: displayPath(s.file, env), scope: s.scope ?? 'user', stale: false, explicit: false, kind: 'file' };
  });
  const configFiles: Check<ConfigFilesData> = {
    id: 'config-files', title: 'stand-in', needs: [],
    run: async () => ({ results: [], data: { refs } }),
  };
  const configJson: Check<ConfigJsonData> = {
    id: 'config-json', title: 'stand-in', needs: ['config-files'],
    run: async () => ({ results: [], data: { parsed: specs.map((s, i) => ({ ref: refs[i]!, doc: s.doc })) } }),
  };
  const out = await runChecks({
    checks: [configFiles, configJson, trayServers as Check, filePermissions],
    options,
    env,
    selection: { only: ['file-permissions'] },
  });
  expect(JSON.stringify(out.results)).not.toContain(CANARY.slice(0, 16));
  return out.results;
}

const withToken = { mcpServers: { 'tray-workspace': makeEntry('cursor', URL_OK, CANARY) } };
const noToken = { mcpServers: { github: { command: 'gh' } } };
let n = 0;
const fresh = (rel: string) => home.path(`case-${++n}/${rel}`);

function gitRepo(dir: string): void {
  mkdirSync(dir, { recursive: true });
  execFileSync('git', ['-C', dir, 'init', '-q'], { stdio: 'pipe' });
}
const gitIn = (dir: string, ...args: string[]) =>
  execFileSync('git', ['-C', dir, '-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'commit.gpgsign=false', ...args], { stdio: 'pipe' });

describe('file-permissions: mode bits of token-bearing files', () => {
  it.runIf(posixHost)('warns config-file-exposed for a token file readable by others, showing the mode and chmod 600', async () => {
    const file = fresh('.cursor/mcp.json');
    const [r] = await run([{ client: 'cursor', file, doc: withToken, mode: 0o644 }]);
    expect(r).toMatchObject({ status: 'warn', remedies: ['config-file-exposed'], details: { mode: '0644', holdsToken: true } });
    expect(r!.message).toContain('mode 0644');
    expect(r!.message).toContain('chmod 600');
    expect(r!.details!.fix).toMatch(/^chmod 600 /);
  });

  it.runIf(posixHost)('warns for group-readable only (0640)', async () => {
    const [r] = await run([{ client: 'cursor', file: fresh('.cursor/mcp.json'), doc: withToken, mode: 0o640 }]);
    expect(r).toMatchObject({ status: 'warn', details: { mode: '0640' } });
    expect(r!.message).toMatch(/its group/);
  });

  it.runIf(posixHost)('passes a token file that only its owner can read (0600)', async () => {
    const [r] = await run([{ client: 'cursor', file: fresh('.cursor/mcp.json'), doc: withToken, mode: 0o600 }]);
    expect(r).toMatchObject({ status: 'pass', remedies: [], details: { mode: '0600' } });
  });

  it.runIf(posixHost)('quotes a path with spaces in the chmod step but leaves ~ outside the quotes', async () => {
    const file = home.path('Library/Application Support/Claude/claude_desktop_config.json');
    const [r] = await run([{ client: 'claude', file, doc: { mcpServers: { tray: makeEntry('claude', URL_OK, CANARY) } }, mode: 0o604 }]);
    expect(r!.details!.fix).toBe(`chmod 600 ~/'Library/Application Support/Claude/claude_desktop_config.json'`);
    expect(r!.message).toMatch(/readable by other users \(mode 0604\)/);
    expect(shq("/tmp/it's here")).toBe(`'/tmp/it'\\''s here'`);
  });

  it('does not mind the mode of a file that holds no token', async () => {
    const [r] = await run([{ client: 'cursor', file: fresh('.cursor/mcp.json'), doc: noToken, mode: 0o644 }]);
    expect(r).toMatchObject({ status: 'pass', details: { holdsToken: false } });
  });

  it('does not count a token read from an environment variable as held by the file', async () => {
    const doc = { mcpServers: { 'tray-workspace': { url: URL_OK, headers: { Authorization: 'Bearer ${env:TRAY_TOKEN}' } } } };
    const [r] = await run([{ client: 'cursor', file: fresh('.cursor/mcp.json'), doc, mode: 0o644 }], { vars: { PATH: process.env.PATH, TRAY_TOKEN: CANARY } });
    expect(r).toMatchObject({ status: 'pass', details: { holdsToken: false } });
  });

  it('skips the mode part with a note under --platform win32', async () => {
    const [r] = await run([{ client: 'cursor', file: fresh('.cursor/mcp.json'), doc: withToken, mode: 0o644 }], { platform: 'win32' });
    expect(r).toMatchObject({ status: 'pass', details: { modeChecked: false } });
    expect(r!.message).toMatch(/mode not checked/);
  });

  it('one result per file even when two clients read it', async () => {
    const file = fresh('Cursor/User/cline_mcp_settings.json');
    const results = await run([
      { client: 'cline', file, doc: { mcpServers: { 'tray-workspace': makeEntry('cline', URL_OK, CANARY) } }, mode: 0o600 },
      { client: 'cursor', file, doc: { mcpServers: { 'tray-workspace': makeEntry('cline', URL_OK, CANARY) } } },
    ]);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ client: null, details: { clients: ['cline', 'cursor'] } });
  });
});

describe('file-permissions: readable file, writable folder', () => {
  it.skipIf(isRoot || !posixHost)('fails config-file-unreadable for a file the account cannot read', async () => {
    const file = fresh('.cursor/mcp.json');
    const [r] = await run([{ client: 'cursor', file, doc: noToken, mode: 0o000 }]);
    expect(r).toMatchObject({ status: 'fail', remedies: ['config-file-unreadable'] });
    chmodSync(file, 0o600);
  });

  it.skipIf(isRoot || !posixHost)('warns config-dir-not-writable for a read-only folder', async () => {
    const file = fresh('ro/.cursor/mcp.json');
    home.write(path.relative(home.dir, file), JSON.stringify(noToken), 0o600);
    chmodSync(path.dirname(file), 0o555);
    try {
      const [r] = await run([{ client: 'cursor', file, doc: noToken, prewritten: true }]);
      expect(r).toMatchObject({ status: 'warn', remedies: ['config-dir-not-writable'] });
    } finally {
      chmodSync(path.dirname(file), 0o755);
    }
  });

  it('passes a readable file in a writable folder, and says so', async () => {
    const [r] = await run([{ client: 'cursor', file: fresh('.cursor/mcp.json'), doc: noToken }]);
    expect(r!.status).toBe('pass');
    expect(r!.message).toMatch(/readable · folder writable/);
  });
});

describe('file-permissions: project configs with a token in git', () => {
  const project = (rel: string) => ({ client: 'claude-code' as const, doc: { mcpServers: { 'tray-workspace': makeEntry('claude-code', URL_OK, CANARY) } }, scope: 'project' as const, mode: 0o600, file: rel });

  it('fails config-file-exposed for a committed .mcp.json holding a token', async () => {
    const repo = fresh('repo');
    gitRepo(repo);
    const file = path.join(repo, '.mcp.json');
    writeFileSync(file, JSON.stringify(project(file).doc));
    gitIn(repo, 'add', '.mcp.json');
    gitIn(repo, 'commit', '-qm', 'add config');
    const [r] = await run([project(file)]);
    expect(r).toMatchObject({ status: 'fail', remedies: ['config-file-exposed'], details: { git: 'tracked' } });
    expect(r!.message).toMatch(/committed to the git repository/);
  });

  it('warns for an untracked, not ignored .mcp.json holding a token', async () => {
    const repo = fresh('repo');
    gitRepo(repo);
    const [r] = await run([project(path.join(repo, '.mcp.json'))]);
    expect(r).toMatchObject({ status: 'warn', remedies: ['config-file-exposed'], details: { git: 'untracked' } });
    expect(r!.message).toMatch(/\.gitignore/);
  });

  it('passes an ignored .mcp.json', async () => {
    const repo = fresh('repo');
    gitRepo(repo);
    writeFileSync(path.join(repo, '.gitignore'), '.mcp.json\n');
    const [r] = await run([project(path.join(repo, '.mcp.json'))]);
    expect(r).toMatchObject({ status: 'pass', details: { git: 'ignored' } });
    expect(r!.message).toMatch(/ignored by git/);
  });

  it('passes a project file outside any git repository', async () => {
    const [r] = await run([project(fresh('plain/.mcp.json'))]);
    expect(r).toMatchObject({ status: 'pass', details: { git: 'not-in-repo' } });
  });

  it('does not ask git about user-level files, and notes when git is not on the PATH', async () => {
    const repo = fresh('repo');
    gitRepo(repo);
    const userFile = path.join(repo, '.cursor', 'mcp.json');
    const [u] = await run([{ client: 'cursor', file: userFile, doc: withToken, mode: 0o600 }]);
    expect(u!.details!.git).toBeUndefined();
    const [r] = await run([project(path.join(repo, '.mcp.json'))], { vars: { PATH: path.join(home.dir, 'no-bin') } });
    expect(r).toMatchObject({ status: 'pass', details: { git: 'no-git' } });
    expect(r!.message).toMatch(/git not found/);
  });

  it('unit: gitStateOf never writes: the index is not refreshed (GIT_OPTIONAL_LOCKS=0)', async () => {
    const repo = fresh('repo');
    gitRepo(repo);
    const file = path.join(repo, 'a.json');
    writeFileSync(file, '{}');
    gitIn(repo, 'add', 'a.json');
    gitIn(repo, 'commit', '-qm', 'a');
    const { statSync } = await import('node:fs');
    const before = statSync(path.join(repo, '.git', 'index')).mtimeMs;
    expect(await gitStateOf(file, { vars: { PATH: process.env.PATH } })).toMatchObject({ state: 'tracked' });
    expect(statSync(path.join(repo, '.git', 'index')).mtimeMs).toBe(before);
  });
});
