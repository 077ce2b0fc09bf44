import { describe, it, expect, afterAll } from 'vitest';
import { readFileSync, writeFileSync, readdirSync, statSync, existsSync, utimesSync, symlinkSync, mkdirSync, rmdirSync, chownSync, lstatSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { tempHome, type TempHome } from '../helpers/home.js';
import { ensureDir, LockBusyError, NotWritableError, RefusedTargetError, removeOrphanTemps, resolveWriteTarget, withLock, writeFileAtomic, asWriteError, inspectLock } from '../../src/setup/atomic.js';

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

  it('writes pieces one after the other (setup writes a large file as slices of the original around its edit)', () => {
    const h = home();
    const f = h.write('c.json', 'old', 0o644);
    const original = Buffer.from('{"a": "日本", "mcpServers": {}}');
    const pieces = [original.subarray(0, 0), original.subarray(0, 30), Buffer.from('{"tray": {}}'), original.subarray(32)];
    writeFileAtomic(f, pieces);
    expect(readFileSync(f, 'utf8')).toBe('{"a": "日本", "mcpServers": {"tray": {}}}');
    if (posix) expect(statSync(f).mode & 0o777).toBe(0o600);
    expect(readdirSync(path.dirname(f))).toEqual(['c.json']);
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

describe('a crash before the rename', () => {
  it('leaves the original untouched while the new content sits complete in its temp file', () => {
    const h = home();
    const f = h.write('c/mcp.json', 'original');
    let seen: { original: string; temp: string; name: string } | undefined;
    writeFileAtomic(f, 'new content', {
      beforeRename: (tmp) => {
        seen = { original: readFileSync(f, 'utf8'), temp: readFileSync(tmp, 'utf8'), name: path.basename(tmp) };
      },
    });
    expect(seen).toMatchObject({ original: 'original', temp: 'new content' });
    expect(seen!.name).toMatch(new RegExp(`^\\.mcp\\.json\\.${process.pid}\\.[0-9a-f]+\\.tmp$`));
  });
});

describe.skipIf(!posix)('writes stay inside --home', () => {
  it('a dangling symlink (or a symlinked folder) leading out of the tree is refused; one inside it is followed', () => {
    const h = home();
    const outside = home();
    mkdirSync(h.path('.cursor'));
    symlinkSync(outside.path('stolen.json'), h.path('.cursor/mcp.json'));
    expect(() => resolveWriteTarget(h.path('.cursor/mcp.json'), h.dir)).toThrow(RefusedTargetError);
    expect(() => resolveWriteTarget(h.path('.cursor/mcp.json'), h.dir)).toThrow(/outside the --home folder/);
    symlinkSync(outside.dir, h.path('linked-dir'));
    expect(() => resolveWriteTarget(h.path('linked-dir/sub/mcp.json'), h.dir)).toThrow(RefusedTargetError);
    const real = h.write('dotfiles/mcp.json', '{}');
    symlinkSync(real, h.path('inside.json'));
    expect(resolveWriteTarget(h.path('inside.json'), h.dir)).toBe(real);
    // without --home, the user's own links are theirs to follow
    expect(resolveWriteTarget(h.path('.cursor/mcp.json'))).toBe(outside.path('stolen.json'));
    expect(existsSync(outside.path('stolen.json'))).toBe(false);
  });

  it('a link loop, a FIFO, or a device is never a write target', () => {
    const h = home();
    symlinkSync(h.path('b'), h.path('a'));
    symlinkSync(h.path('a'), h.path('b'));
    expect(() => resolveWriteTarget(h.path('a'))).toThrow(/symbolic links/);
    spawnSync('mkfifo', [h.path('fifo.json')]);
    expect(() => resolveWriteTarget(h.path('fifo.json'))).toThrow(/named pipe/);
    symlinkSync('/dev/zero', h.path('zero.json'));
    expect(() => resolveWriteTarget(h.path('zero.json'))).toThrow(/character device/);
  });
});

describe('stale and malformed locks are cleared at once, saying why; a live one names its process', () => {
  const quick = async (f: string) => {
    const notes: string[] = [];
    const t0 = performance.now();
    const out = await withLock(f, () => 'mine', { timeoutMs: 5000, notice: (l) => notes.push(l) });
    return { out, notes, ms: performance.now() - t0 };
  };

  it('a lock dated in the future (mtime or content)', async () => {
    const h = home();
    const f = h.path('c.json');
    writeFileSync(`${f}.lock`, JSON.stringify({ pid: 1, host: os.hostname(), at: Date.now() + 3_600_000 }));
    let r = await quick(f);
    expect(r.out).toBe('mine');
    expect(r.notes.join('\n')).toMatch(/Removed a stale lock .*c\.json\.lock \(its time is in the future\)/);
    writeFileSync(`${f}.lock`, JSON.stringify({ pid: 1, host: os.hostname(), at: Date.now() }));
    const future = new Date(Date.now() + 3_600_000);
    utimesSync(`${f}.lock`, future, future);
    r = await quick(f);
    expect(r.notes.join('\n')).toContain('dated in the future');
    expect(r.ms).toBeLessThan(4000); // not the 10 s wait
  });

  it('a folder (anywhere but Claude Code’s own), a dangling link, garbage', async () => {
    const h = home();
    const f = h.path('mcp.json');
    mkdirSync(`${f}.lock`);
    let r = await quick(f);
    expect(r.notes.join('\n')).toContain('a folder, not a lock setup makes');
    if (posix) {
      symlinkSync(h.path('nowhere'), `${f}.lock`);
      r = await quick(f);
      expect(r.notes.join('\n')).toContain('a dangling symbolic link');
    }
    writeFileSync(`${f}.lock`, 'garbage');
    const past = new Date(Date.now() - 10_000);
    utimesSync(`${f}.lock`, past, past);
    r = await quick(f);
    expect(r.notes.join('\n')).toContain('not a lock setup writes');
    expect(readdirSync(h.dir)).toEqual([]);
  });

  it('a live holder is waited for, then named (process id, this machine)', async () => {
    const h = home();
    const f = h.path('c.json');
    writeFileSync(`${f}.lock`, JSON.stringify({ pid: 1, host: os.hostname(), at: Date.now() }));
    expect(inspectLock(`${f}.lock`)).toMatchObject({ state: 'live', holder: expect.stringContaining('process 1 on this machine') });
    const err = await withLock(f, () => 'never', { timeoutMs: 200, notice: () => {} }).catch((e) => e);
    expect(err).toBeInstanceOf(LockBusyError);
    expect(err.message).toContain('held by process 1 on this machine');
  });
});

describe('orphans of every kind', () => {
  it('temp files of the file and of its backup, and stale locks moved aside: removed when their process is gone or they predate this run', () => {
    const h = home();
    const f = h.write('mcp.json', '{}');
    const dead = deadPid();
    const old = new Date(Date.now() - 3_600_000);
    const names = [`.mcp.json.bak.${dead}.0a0b0c0d.tmp`, `mcp.json.lock.${dead}.abcdef.stale`, `.mcp.json.1.0a0b0c0d.tmp`];
    for (const n of names) h.write(n, 'x');
    utimesSync(h.path(`.mcp.json.1.0a0b0c0d.tmp`), old, old);
    h.write(`.mcp.json.1.fresh000.tmp`, 'a live process, this run'); // pid 1 alive and new: a concurrent run
    removeOrphanTemps(f);
    expect(readdirSync(h.dir).sort()).toEqual(['.mcp.json.1.fresh000.tmp', 'mcp.json'].sort());
  });
});

const root = posix && process.getuid?.() === 0;

describe.skipIf(!root)('as root (sudo) over a user’s files', () => {
  it('the new file and its backup keep the user as owner and group; folders created for it too', () => {
    const h = home();
    const f = h.write('.cursor/mcp.json', '{"mcpServers":{}}', 0o644);
    chownSync(h.dir, 4242, 4343);
    chownSync(h.path('.cursor'), 4242, 4343);
    chownSync(f, 4242, 4343);
    writeFileAtomic(`${f}.bak`, readFileSync(f));
    writeFileAtomic(f, '{"mcpServers":{"x":{}}}');
    for (const p of [f, `${f}.bak`]) {
      const st = statSync(p);
      expect([st.uid, st.gid, st.mode & 0o777], p).toEqual([4242, 4343, 0o600]);
    }
    ensureDir(h.path('.config/Claude/sub'));
    for (const d of ['.config', '.config/Claude', '.config/Claude/sub']) expect(lstatSync(h.path(d)).uid, d).toBe(4242);
  });
});
