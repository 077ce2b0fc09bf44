// setup against hostile files and locks, run as a user would: a "config" that is /dev/zero,
// /dev/urandom or a FIFO is refused at once (never read, never replaced); a symlink never leads a
// --home write out of the tree; stale or malformed locks are cleared with a message instead of
// blocking every setup for 10 s; run as root (sudo) over a user's config, the user keeps it.
import { describe, it, expect, afterAll } from 'vitest';
import { chownSync, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { runCli, MEMORY_CEILING_MB } from '../helpers/cli.js';
import { tempHome, CANARY, WORKSPACE, leaksCanary, type TempHome } from '../helpers/home.js';

const homes: TempHome[] = [];
function home(): TempHome {
  const h = tempHome('tray-setup-hostile-');
  homes.push(h);
  return h;
}
afterAll(() => homes.forEach((h) => h.cleanup()));

const posix = process.platform !== 'win32';
const isRoot = posix && process.getuid?.() === 0;
const CURSOR = '.cursor/mcp.json';
const setup = (h: TempHome, extra: string[] = []) => ['setup', '-w', WORKSPACE, '-t', CANARY, '-c', 'cursor', '--home', h.dir, '--platform', 'linux', ...extra];

describe.skipIf(!posix).concurrent('setup refuses a config that is not a regular file, at once, within its memory', () => {
  it.each([
    ['/dev/zero', 'a character device'],
    ['/dev/urandom', 'a character device'],
  ])('a config that is a symlink to %s', async (device, kind) => {
    const h = home();
    mkdirSync(h.path('.cursor'));
    symlinkSync(device, h.path(CURSOR));
    // As the user's own HOME (no --home, so the link may lead anywhere): refused as a device.
    const r = await runCli(['setup', '-w', WORKSPACE, '-t', CANARY, '-c', 'cursor'], { measure: true, timeoutMs: 20_000, env: { HOME: h.dir }, cwd: h.dir });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain(kind);
    // With --home it is refused before that: the link leads out of the tree.
    const r2 = await runCli(setup(h), { timeoutMs: 20_000 });
    expect(r2.code, r2.stderr).toBe(1);
    expect(r2.stderr).toContain('outside the --home folder');
    expect(r.stderr).toContain('Nothing was written');
    expect(r.maxRssMb).toBeLessThan(MEMORY_CEILING_MB);
    expect(lstatSync(h.path(CURSOR)).isSymbolicLink()).toBe(true);
    expect(readdirSync(h.path('.cursor'))).toEqual(['mcp.json']);
  });

  it('a config that is a FIFO (interactive precheck and CLI mode): refused, never hangs', async () => {
    const h = home();
    mkdirSync(h.path('.cursor'));
    spawnSync('mkfifo', [h.path(CURSOR)]);
    const r = await runCli(setup(h), { timeoutMs: 20_000 });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain('named pipe (FIFO)');
    // the precheck path (vscode reads the file before writing)
    const v = home();
    mkdirSync(v.path('.config/Code/User'), { recursive: true });
    spawnSync('mkfifo', [v.path('.config/Code/User/mcp.json')]);
    const r2 = await runCli(['setup', '-w', WORKSPACE, '-t', CANARY, '-c', 'vscode', '--home', v.dir, '--platform', 'linux'], { timeoutMs: 20_000 });
    expect(r2.code, r2.stderr).toBe(1);
    expect(r2.stderr).toContain('named pipe (FIFO)');
  });

  it('a 6 MB "config": too large to be one, left alone', async () => {
    const h = home();
    const big = JSON.stringify({ mcpServers: {}, junk: 'x'.repeat(6 * 1024 * 1024) });
    const file = h.write(CURSOR, big);
    const r = await runCli(setup(h), { measure: true });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/more than a config file can be/);
    expect(statSync(file).size).toBe(big.length);
    expect(r.maxRssMb).toBeLessThan(MEMORY_CEILING_MB);
  });
});

describe.skipIf(!posix).concurrent('writes stay inside --home', () => {
  it('a dangling symlink inside --home pointing out of it: refused, nothing written anywhere', async () => {
    const h = home();
    const outside = home();
    mkdirSync(h.path('.cursor'));
    symlinkSync(outside.path('stolen.json'), h.path(CURSOR));
    const r = await runCli(setup(h));
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain('outside the --home folder');
    expect(existsSync(outside.path('stolen.json'))).toBe(false);
    expect(readdirSync(outside.dir)).toEqual([]);
    expect(leaksCanary(r.all)).toBe(false);
  });

  it('a config folder that is a symlink out of --home: refused', async () => {
    const h = home();
    const outside = home();
    symlinkSync(outside.dir, h.path('.cursor'));
    const r = await runCli(setup(h));
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain('outside the --home folder');
    expect(readdirSync(outside.dir)).toEqual([]);
  });
});

describe.concurrent('locks that would block every setup', () => {
  const lockOf = (h: TempHome) => h.path(`${CURSOR}.lock`);

  it('a lock dated in the future, a folder, a dangling link: cleared with a message, setup proceeds at once', async () => {
    const cases: [string, (p: string, h: TempHome) => void, RegExp][] = [
      ['future', (p) => {
        writeFileSync(p, JSON.stringify({ pid: 1, host: os.hostname(), at: Date.now() + 86_400_000 }));
        const t = new Date(Date.now() + 86_400_000);
        utimesSync(p, t, t);
      }, /dated in the future/],
      ['folder', (p) => mkdirSync(p), /a folder, not a lock setup makes/],
      ...(posix ? [['dangling link', (p: string, h: TempHome) => symlinkSync(h.path('nowhere'), p), /dangling symbolic link/] as [string, (p: string, h: TempHome) => void, RegExp]] : []),
    ];
    for (const [name, make, said] of cases) {
      // the same setup without a lock, just before: the lock may add seconds of a busy machine, not the 10 s wait
      const plain = home();
      plain.write(CURSOR, '{"mcpServers":{}}');
      const baseline = (await runCli(setup(plain))).ms;
      const h = home();
      h.write(CURSOR, '{"mcpServers":{}}');
      make(lockOf(h), h);
      const r = await runCli(setup(h));
      expect(r.code, `${name}: ${r.stderr}`).toBe(0);
      expect(r.stderr, name).toMatch(/Removed a stale lock/);
      expect(r.stderr, name).toMatch(said);
      expect(r.ms - baseline, name).toBeLessThan(8_000); // not the 10 s wait
      expect(existsSync(lockOf(h)), name).toBe(false);
    }
  });

  it('a live lock: after the wait, the message names its process and says how to clear it', async () => {
    const h = home();
    h.write(CURSOR, '{"mcpServers":{}}');
    writeFileSync(lockOf(h), JSON.stringify({ pid: 1, host: os.hostname(), at: Date.now() + 1000 }));
    // keep it fresh for the whole wait (a holder that is really there touches nothing, but is alive)
    const r = await runCli(setup(h), { timeoutMs: 30_000 });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain('held by process 1 on this machine');
    expect(r.stderr).toContain('delete that lock');
  }, 40_000);
});

describe.skipIf(!isRoot)('setup as root (sudo) over a user’s config', () => {
  it('the user keeps owner, group and access: their client can still read it (tested as that user)', async () => {
    const h = home();
    const file = h.write(CURSOR, '{"mcpServers":{"other":{"url":"https://x.example/mcp"}}}', 0o600);
    for (const p of [h.dir, h.path('.cursor'), file]) chownSync(p, 4242, 4242);
    const r = await runCli(setup(h));
    expect(r.code, r.stderr).toBe(0);
    for (const p of [file, `${file}.bak`]) {
      const st = statSync(p);
      expect([st.uid, st.gid, st.mode & 0o777], p).toEqual([4242, 4242, 0o600]);
    }
    // A new client folder made by root for the user is the user's too.
    const r2 = await runCli(['setup', '-w', WORKSPACE, '-t', CANARY, '-c', 'windsurf', '--home', h.dir, '--platform', 'linux']);
    expect(r2.code, r2.stderr).toBe(0);
    for (const p of ['.codeium', '.codeium/windsurf', '.codeium/windsurf/mcp_config.json']) expect(statSync(h.path(p)).uid, p).toBe(4242);
    // and the user (not root) reads it: doctor as uid 4242 parses it
    const asUser = await runCli(['doctor', '--offline', '--json', '--home', h.dir, '--platform', 'linux', '--client', 'cursor', '--only', 'config-json'], { uid: 4242, cwd: h.dir, env: { HOME: h.dir } });
    const row = JSON.parse(asUser.stdout).results.find((x: any) => x.check === 'config-json');
    expect(row.status).toBe('pass');
    expect(readFileSync(file, 'utf8')).toContain('tray-workspace');
  });

  it('a user running setup over another user’s file is refused (it would change hands)', async () => {
    const h = home();
    const file = h.write(CURSOR, '{"mcpServers":{}}', 0o666);
    chownSync(h.dir, 4242, 4242);
    chownSync(h.path('.cursor'), 4242, 4242);
    // the folder is writable by the user; the file is root's
    const r = await runCli(setup(h), { uid: 4242, cwd: h.dir, env: { HOME: h.dir } });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain('belongs to another user');
    expect(statSync(file).uid).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe('{"mcpServers":{}}');
  });
});
