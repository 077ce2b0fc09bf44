import { describe, it, expect, afterAll } from 'vitest';
import { readFileSync, writeFileSync, readdirSync, statSync, existsSync, utimesSync, symlinkSync, mkdirSync, rmdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { tempHome, type TempHome } from '../helpers/home.js';
import { ensureDir, LockBusyError, NotWritableError, removeOrphanTemps, resolveWriteTarget, withLock, writeFileAtomic, asWriteError } from '../../src/setup/atomic.js';

const homes: TempHome[] = [];
function home(): TempHome {
  const h = tempHome('tray-setup-atomic-');
  homes.push(h);
  return h;
}
afterAll(() => homes.forEach((h) => h.cleanup()));
const posix = process.platform !== 'win32';
const deadPid = () => Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString());

describe('writeFileAtomic', () => {
  it('replaces the file, with the exact mode whatever the umask, and leaves no temp file', () => {
    const h = home();
    const f = h.write('a/b.json', 'old', 0o644);
    const old = process.umask(0o000);
    try {
      writeFileAtomic(f, 'new');
    } finally {
      process.umask(old);
    }
    expect(readFileSync(f, 'utf8')).toBe('new');
    if (posix) expect(statSync(f).mode & 0o777).toBe(0o600);
    expect(readdirSync(path.dirname(f))).toEqual(['b.json']);
  });

  it('writes bytes as given (a backup is byte-identical)', () => {
    const h = home();
    const f = h.path('x.bak');
    const bytes = Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d, 0x0d, 0x0a, 0xff]);
    writeFileAtomic(f, bytes);
    expect(readFileSync(f).equals(bytes)).toBe(true);
  });

  it('a failed write removes its temp file and reports the folder', () => {
    const h = home();
    const missing = h.path('nope/x.json');
    expect(() => writeFileAtomic(missing, 'x')).toThrow();
    expect(existsSync(h.path('nope'))).toBe(false);
  });
});

describe('ensureDir / errors', () => {
  it('creates missing folders 0700; a file in the way is NotWritableError (ENOTDIR/EEXIST)', () => {
    const h = home();
    ensureDir(h.path('p/q/r'));
    if (posix) expect(statSync(h.path('p/q')).mode & 0o777).toBe(0o700);
    h.write('file', 'x');
    expect(() => ensureDir(h.path('file/sub'))).toThrow(NotWritableError);
    expect(() => ensureDir(h.path('file'))).toThrow(NotWritableError);
  });

  it('maps permission errors to NotWritableError and leaves others alone', () => {
    const e = Object.assign(new Error('x'), { code: 'EACCES' });
    expect(asWriteError(e, '/d')).toBeInstanceOf(NotWritableError);
    expect(asWriteError(Object.assign(new Error('x'), { code: 'EROFS' }), '/d')).toBeInstanceOf(NotWritableError);
    const other = Object.assign(new Error('x'), { code: 'EIO' });
    expect(asWriteError(other, '/d')).toBe(other);
  });
});

describe('resolveWriteTarget', () => {
  it.skipIf(!posix)('follows symlinks (relative and chained) to the real file, even a dangling one', () => {
    const h = home();
    const real = h.write('real/c.json', '{}');
    mkdirSync(h.path('l'));
    symlinkSync('../real/c.json', h.path('l/one'));
    symlinkSync(h.path('l/one'), h.path('l/two'));
    expect(resolveWriteTarget(h.path('l/two'))).toBe(real);
    symlinkSync(h.path('real/missing.json'), h.path('l/dangling'));
    expect(resolveWriteTarget(h.path('l/dangling'))).toBe(h.path('real/missing.json'));
    expect(resolveWriteTarget(h.path('plain.json'))).toBe(h.path('plain.json'));
  });
});

describe('withLock', () => {
  it('serialises concurrent holders in one process and removes the lock', async () => {
    const h = home();
    const f = h.path('c.json');
    let inside = 0;
    let maxInside = 0;
    await Promise.all(
      Array.from({ length: 6 }, () =>
        withLock(f, async () => {
          inside++;
          maxInside = Math.max(maxInside, inside);
          await new Promise((r) => setTimeout(r, 15));
          inside--;
        }),
      ),
    );
    expect(maxInside).toBe(1);
    expect(existsSync(`${f}.lock`)).toBe(false);
  });

  it('releases the lock when the function throws', async () => {
    const h = home();
    const f = h.path('c.json');
    await expect(withLock(f, () => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(existsSync(`${f}.lock`)).toBe(false);
  });

  it('gives up after the timeout while a live process holds the lock', async () => {
    const h = home();
    const f = h.path('c.json');
    writeFileSync(`${f}.lock`, JSON.stringify({ pid: process.pid === 1 ? 2 : 1, host: os.hostname(), at: Date.now() }));
    // pid 1 is always alive; it is not ours, so the lock is live
    await expect(withLock(f, () => 'never', 200)).rejects.toBeInstanceOf(LockBusyError);
    expect(existsSync(`${f}.lock`)).toBe(true);
  });

  it('takes over a lock whose owner is dead, or that is too old, or empty and old', async () => {
    const h = home();
    const f = h.path('c.json');
    writeFileSync(`${f}.lock`, JSON.stringify({ pid: deadPid(), host: os.hostname(), at: Date.now() }));
    expect(await withLock(f, () => 'dead owner', 500)).toBe('dead owner');
    writeFileSync(`${f}.lock`, JSON.stringify({ pid: 1, host: 'some-other-host', at: Date.now() - 60_000 }));
    expect(await withLock(f, () => 'old', 500)).toBe('old');
    writeFileSync(`${f}.lock`, '');
    const past = new Date(Date.now() - 10_000);
    utimesSync(`${f}.lock`, past, past);
    expect(await withLock(f, () => 'empty', 500)).toBe('empty');
    expect(readdirSync(h.dir)).toEqual([]);
  });

  it('does not take over a fresh lock from another host', async () => {
    const h = home();
    const f = h.path('c.json');
    writeFileSync(`${f}.lock`, JSON.stringify({ pid: deadPid(), host: 'some-other-host', at: Date.now() }));
    await expect(withLock(f, () => 'x', 200)).rejects.toBeInstanceOf(LockBusyError);
  });
});

describe('removeOrphanTemps', () => {
  it('removes temp files of dead processes only, and only for this file', () => {
    const h = home();
    const f = h.write('mcp.json', '{}');
    const dead = deadPid();
    h.write(`.mcp.json.${dead}.abcd1234.tmp`, 'x');
    h.write(`.mcp.json.${process.pid}.abcd1234.tmp`, 'mine');
    h.write(`.other.json.${dead}.abcd1234.tmp`, 'x');
    removeOrphanTemps(f);
    expect(readdirSync(h.dir).sort()).toEqual([`.mcp.json.${process.pid}.abcd1234.tmp`, `.other.json.${dead}.abcd1234.tmp`, 'mcp.json'].sort());
  });
});

describe('withLock and directory locks (proper-lockfile, as Claude Code uses for ~/.claude.json)', () => {
  it('waits for a fresh directory lock, and gives up with a message naming it', async () => {
    const h = home();
    const f = h.path('.claude.json');
    mkdirSync(`${f}.lock`);
    const err = await withLock(f, () => 'never', 200).catch((e) => e);
    expect(err).toBeInstanceOf(LockBusyError);
    expect(String(err.message)).toContain(`${f}.lock`);
    expect(statSync(`${f}.lock`).isDirectory()).toBe(true);
  });

  it('proceeds once the other writer releases it', async () => {
    const h = home();
    const f = h.path('.claude.json');
    mkdirSync(`${f}.lock`);
    setTimeout(() => rmdirSync(`${f}.lock`), 150);
    expect(await withLock(f, () => 'mine', 3000)).toBe('mine');
  });

  it('removes an old (stale) directory lock', async () => {
    const h = home();
    const f = h.path('.claude.json');
    mkdirSync(`${f}.lock`);
    const past = new Date(Date.now() - 120_000);
    utimesSync(`${f}.lock`, past, past);
    expect(await withLock(f, () => 'took over', 500)).toBe('took over');
    expect(readdirSync(h.dir)).toEqual([]);
  });
});
