// Safe writes of a config file that holds a token:
//  - a lock file next to it (created with O_EXCL) so concurrent setups take turns; a lock left by a
//    dead process (same host) or older than STALE_MS is removed;
//  - the previous file copied to `<file>.bak` (0600: it holds tokens too);
//  - the new content written to a temp file in the same directory, chmod 0600, fsync'd, then
//    renamed over the file (atomic on POSIX and NTFS): a reader sees the old or the new file, never
//    half of one, and a crash before the rename leaves the original untouched.
import { closeSync, fsyncSync, openSync, writeSync, writeFileSync, rmdirSync, chmodSync, renameSync, unlinkSync, readFileSync, statSync, lstatSync, readlinkSync, mkdirSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

export const LOCK_TIMEOUT_MS = 10_000;
export const STALE_MS = 30_000;
export const SECRET_FILE_MODE = 0o600;
export const NEW_DIR_MODE = 0o700;

/** The directory (or the file in it) cannot be written: names remedy config-dir-not-writable. */
export class NotWritableError extends Error {
  constructor(
    message: string,
    readonly dir: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'NotWritableError';
  }
}

/** Another writer holds the lock for longer than we wait. */
export class LockBusyError extends Error {
  constructor(readonly lockPath: string) {
    super(
      `another program is writing this file right now (lock ${lockPath}: another tray-mcp setup, or the client itself). ` +
        'Wait a moment and try again; if nothing is running, delete that lock and try again',
    );
    this.name = 'LockBusyError';
  }
}

const NOT_WRITABLE = new Set(['EACCES', 'EPERM', 'EROFS']);

function errCode(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException | undefined)?.code;
}

/** Map an fs error while writing in `dir` to NotWritableError where it means exactly that. */
export function asWriteError(e: unknown, dir: string): unknown {
  const code = errCode(e);
  if (code && NOT_WRITABLE.has(code)) {
    return new NotWritableError(`cannot write in ${dir} (${code}: permission denied or read-only)`, dir, code);
  }
  if (code === 'ENOTDIR' || code === 'EEXIST') {
    return new NotWritableError(`cannot create the folder ${dir}: part of that path is a file, not a folder`, dir, code);
  }
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new NotWritableError(`cannot write in ${dir}: the disk is full (${code})`, dir, code);
  }
  return e;
}

/** The file a write should go to: a symlinked config (dotfiles) is written through to its target. */
export function resolveWriteTarget(file: string): string {
  let p = path.resolve(file);
  for (let i = 0; i < 16; i++) {
    let st;
    try {
      st = lstatSync(p);
    } catch {
      return p;
    }
    if (!st.isSymbolicLink()) return p;
    p = path.resolve(path.dirname(p), readlinkSync(p));
  }
  return p;
}

/** Create the folder (and missing parents, 0700) the file lives in. */
export function ensureDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: NEW_DIR_MODE });
  } catch (e) {
    throw asWriteError(e, dir);
  }
  let st;
  try {
    st = statSync(dir);
  } catch (e) {
    throw asWriteError(e, dir);
  }
  if (!st.isDirectory()) throw new NotWritableError(`cannot use ${dir}: it is a file, not a folder`, dir, 'ENOTDIR');
}

interface LockInfo {
  pid: number;
  host: string;
  at: number;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errCode(e) === 'EPERM';
  }
}

function lockIsStale(lockPath: string, now = Date.now()): boolean {
  let text: string;
  let mtime: number;
  try {
    const st = statSync(lockPath);
    mtime = st.mtimeMs;
    // A directory is a proper-lockfile lock (Claude Code locks ~/.claude.json that way): its owner
    // touches it every few seconds while it holds it, so only an old one is stale.
    if (st.isDirectory()) return now - mtime > STALE_MS;
    text = readFileSync(lockPath, 'utf8');
  } catch {
    return false; // gone already: just retry
  }
  let info: Partial<LockInfo> = {};
  try {
    info = JSON.parse(text) as LockInfo;
  } catch {
    // being written right now, or garbage: stale only once clearly old
    return now - mtime > 5_000;
  }
  if (info.host === os.hostname() && typeof info.pid === 'number' && info.pid !== process.pid && !pidAlive(info.pid)) return true;
  return now - (typeof info.at === 'number' ? info.at : mtime) > STALE_MS;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Take `<file>.lock`, run fn, release. Waits up to timeoutMs for another holder, removing a stale
 * lock. (Two processes removing the same stale lock at the same instant could both proceed; a lock
 * is stale only when its owner is dead or it is STALE_MS old, so that needs a crash and a race.)
 */
export async function withLock<T>(file: string, fn: () => Promise<T> | T, timeoutMs = LOCK_TIMEOUT_MS): Promise<T> {
  const lockPath = `${file}.lock`;
  const dir = path.dirname(file);
  const started = Date.now();
  for (;;) {
    let fd: number | undefined;
    try {
      fd = openSync(lockPath, 'wx', SECRET_FILE_MODE);
    } catch (e) {
      if (errCode(e) !== 'EEXIST') throw asWriteError(e, dir);
    }
    if (fd !== undefined) {
      try {
        writeSync(fd, JSON.stringify({ pid: process.pid, host: os.hostname(), at: Date.now() } satisfies LockInfo));
      } finally {
        closeSync(fd);
      }
      try {
        return await fn();
      } finally {
        try {
          unlinkSync(lockPath);
        } catch {
          /* already removed: nothing to do */
        }
      }
    }
    if (lockIsStale(lockPath)) {
      const aside = `${lockPath}.${process.pid}.${randomBytes(3).toString('hex')}.stale`;
      try {
        renameSync(lockPath, aside);
      } catch {
        continue; // someone else removed it first
      }
      try {
        unlinkSync(aside);
      } catch {
        try {
          rmdirSync(aside); // a proper-lockfile directory
        } catch {
          /* leave it: it no longer blocks anyone */
        }
      }
      continue;
    }
    if (Date.now() - started > timeoutMs) throw new LockBusyError(lockPath);
    await sleep(20 + Math.floor(Math.random() * 40));
  }
}

export function tempNameFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/** Remove temp files an earlier setup left behind when it was killed (owner pid no longer alive). */
export function removeOrphanTemps(file: string): void {
  const dir = path.dirname(file);
  const base = path.basename(file).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`^\\.${base}\\.(\\d+)\\.[0-9a-f]+\\.tmp$`);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const n of names) {
    const m = re.exec(n);
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid === process.pid || pidAlive(pid)) continue;
    try {
      unlinkSync(path.join(dir, n));
    } catch {
      /* best effort */
    }
  }
}

function fsyncDir(dir: string): void {
  if (process.platform === 'win32') return;
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    /* some filesystems refuse a directory fsync: the rename is still atomic */
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function renameWithRetry(from: string, to: string): void {
  // Windows: an editor or antivirus holding the file open makes rename fail for a moment.
  for (let i = 0; ; i++) {
    try {
      renameSync(from, to);
      return;
    } catch (e) {
      const c = errCode(e);
      if (process.platform !== 'win32' || i >= 10 || !(c === 'EPERM' || c === 'EBUSY' || c === 'EACCES')) throw e;
      const until = Date.now() + 50 * (i + 1);
      while (Date.now() < until) {
        /* short synchronous back-off; this runs under the lock */
      }
    }
  }
}

export interface AtomicWriteOptions {
  mode?: number;
  /** test-only: SIGKILL this process after the temp file is written, before the rename */
  crashBeforeRename?: boolean;
}

/** Replace `file` with `content` atomically (temp + fsync + rename), leaving it with `mode`. */
export function writeFileAtomic(file: string, content: string | Buffer, opts: AtomicWriteOptions = {}): void {
  const dir = path.dirname(file);
  const mode = opts.mode ?? SECRET_FILE_MODE;
  const tmp = tempNameFor(file);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx', mode);
    writeFileSync(fd, content);
    // openSync's mode is filtered by the umask: set it exactly before the file becomes visible.
    if (process.platform !== 'win32') chmodSync(tmp, mode);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    if (opts.crashBeforeRename) process.kill(process.pid, 'SIGKILL');
    renameWithRetry(tmp, file);
  } catch (e) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        /* ignore */
      }
    }
    try {
      unlinkSync(tmp);
    } catch {
      /* never created, or renamed already */
    }
    throw asWriteError(e, dir);
  }
  fsyncDir(dir);
}

/** `<file>.bak` */
export function backupPathFor(file: string): string {
  return `${file}.bak`;
}
