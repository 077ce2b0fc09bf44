// Safe writes of a config file that holds a token:
//  - a lock file next to it (created with O_EXCL) so concurrent setups take turns. A live lock is
//    waited for (and, past LOCK_TIMEOUT_MS, named with its process); a stale or malformed one is
//    cleared, saying so: its process is dead, it is older than STALE_MS, its time is in the
//    future, it is a dangling link or not a file at all (a directory is honoured only where Claude
//    Code makes one: ~/.claude.json.lock);
//  - the previous file copied to `<file>.bak` (0600: it holds tokens too);
//  - the new content written to a temp file in the same directory, chmod 0600, fsync'd, then
//    renamed over the file (atomic on POSIX and NTFS): a reader sees the old or the new file, never
//    half of one, and a crash before the rename leaves the original untouched. Temp files a killed
//    run left behind (ours, for this file, from before this run) are removed under the lock;
//  - a file keeps its owner and group: run as root (sudo) over a user's file, the new file (and its
//    backup, and any folder created) is given back to that user; a non-root writer never replaces
//    another user's file;
//  - with --home, every write stays inside that folder: symlinks are followed, but never out of it.
import {
  accessSync,
  chmodSync,
  chownSync,
  constants as fsConstants,
  closeSync,
  fchownSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmdirSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
  type Stats,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { ProblemError } from '../lib/exit.js';

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

/**
 * A config file made read-only (no write bit for anyone; on Windows its read-only attribute) is
 * someone's decision that it must not change: setup, remove and --fix refuse it rather than replace
 * it through a rename (which the folder's permissions would allow). Checked on the mode bits, so root
 * is refused too.
 */
export function refuseReadOnly(file: string): void {
  let mode: number;
  try {
    mode = statSync(file).mode;
  } catch {
    return; // not there: nothing to protect
  }
  const readOnly =
    process.platform === 'win32'
      ? (() => {
          try {
            accessSync(file, fsConstants.W_OK);
            return false;
          } catch {
            return true;
          }
        })()
      : (mode & 0o222) === 0;
  if (readOnly) {
    throw new NotWritableError(`the file is read-only (mode ${(mode & 0o777).toString(8).padStart(4, '0')}), so it is left as it is; make it writable (chmod u+w, or clear the Read-only box in its Properties) if tray-mcp should change it`, path.dirname(file), 'EROFILE');
  }
}

/** Another writer holds the lock for longer than we wait. */
export class LockBusyError extends Error {
  constructor(
    readonly lockPath: string,
    /** who holds it, in words ("process 1234 on this machine, for 12 s") */
    readonly holder?: string,
  ) {
    super(
      `another program is writing this file right now (lock ${lockPath}${holder ? `, held by ${holder}` : ''}: another tray-mcp setup, or the client itself). ` +
        `Wait a moment and try again; if nothing is running${holder?.startsWith('process') ? ' under that process id' : ''}, delete that lock and try again`,
    );
    this.name = 'LockBusyError';
  }
}

/** Setup will not write here (outside --home, not a regular file, another user's file): exit 1, nothing written. */
export class RefusedTargetError extends ProblemError {
  constructor(message: string) {
    super(message);
    this.name = 'RefusedTargetError';
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

function kindOf(st: Stats): string {
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  if (st.isDirectory()) return 'a folder';
  return 'not a regular file';
}

/** `p` with every symlink in its existing part resolved (the missing rest appended as is). */
function realOfExisting(p: string): string {
  const missing: string[] = [];
  let cur = p;
  for (;;) {
    try {
      return path.join(realpathSync(cur), ...missing.reverse());
    } catch {
      const parent = path.dirname(cur);
      if (parent === cur) return p;
      missing.push(path.basename(cur));
      cur = parent;
    }
  }
}

function inside(child: string, root: string): boolean {
  const rel = path.relative(root, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * The file a write should go to: a symlinked config (dotfiles) is written through to its target.
 * With `root` (--home), the target, wherever its links lead, must be inside root. A target that
 * exists but is not a regular file (a FIFO, a device, a socket) is refused: setup never reads one
 * or renames a file over it.
 */
export function resolveWriteTarget(file: string, root?: string): string {
  let p = path.resolve(file);
  let hops = 0;
  for (;;) {
    let st;
    try {
      st = lstatSync(p);
    } catch {
      break; // missing (or a dangling link's target): written as a new file
    }
    if (!st.isSymbolicLink()) break;
    if (++hops > 16) throw new RefusedTargetError(`${file} is a chain of more than 16 symbolic links (a loop?): setup does not know which file to write. Nothing was written.`);
    p = path.resolve(path.dirname(p), readlinkSync(p));
  }
  if (root !== undefined) {
    const real = realOfExisting(p);
    const base = realOfExisting(path.resolve(root));
    if (!inside(real, base)) {
      throw new RefusedTargetError(
        `${file} leads (through a symbolic link) to ${real}, outside the --home folder ${root}: setup writes only inside it. ` +
          'Remove or fix that link, or run without --home. Nothing was written.',
      );
    }
  }
  let st;
  try {
    st = statSync(p);
  } catch {
    return p;
  }
  if (!st.isFile() && !st.isDirectory()) {
    throw new RefusedTargetError(`${file} is ${kindOf(st)}, not a config file: setup reads and replaces only regular files. Move it aside and run setup again. Nothing was written.`);
  }
  return p;
}

/** Running as root (sudo)? Then files keep their owner; elsewhere no one can give files away. */
const isRoot = () => typeof process.geteuid === 'function' && process.geteuid() === 0;

/** The owner a new file at `p` should have: the existing file's, else its nearest existing folder's. */
function ownerFor(p: string): { uid: number; gid: number } | undefined {
  if (process.platform === 'win32') return undefined;
  let cur = p;
  for (;;) {
    try {
      const st = statSync(cur);
      return { uid: st.uid, gid: st.gid };
    } catch {
      const parent = path.dirname(cur);
      if (parent === cur) return undefined;
      cur = parent;
    }
  }
}

/**
 * Who the written file must belong to, or undefined when it is simply ours. As root over a user's
 * file: that user. As anyone else over another user's file: refused (the file would change hands
 * and its owner's client could no longer read it).
 */
export function keepOwner(file: string): { uid: number; gid: number } | undefined {
  if (process.platform === 'win32' || typeof process.geteuid !== 'function') return undefined;
  const owner = ownerFor(file);
  if (!owner) return undefined;
  const me = process.geteuid();
  if (owner.uid === me) return undefined;
  if (me === 0) return owner;
  let exists = false;
  try {
    exists = statSync(file).isFile();
  } catch {
    exists = false;
  }
  if (!exists) return undefined; // a new file in someone else's folder we may write: ours
  throw new RefusedTargetError(
    `${file} belongs to another user (uid ${owner.uid}); replacing it would make it yours and unreadable to them. ` +
      'Run setup as that user. Nothing was written.',
  );
}

/** Create the folder (and missing parents, 0700) the file lives in; as root, owned by the user above it. */
export function ensureDir(dir: string): void {
  const owner = isRoot() ? ownerFor(dir) : undefined;
  let created: string | undefined;
  try {
    created = mkdirSync(dir, { recursive: true, mode: NEW_DIR_MODE });
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
  if (created && owner && owner.uid !== 0) {
    // sudo: the folders made for the user's client belong to the user, or the client cannot write them.
    for (let d = dir; inside(d, created); d = path.dirname(d)) {
      try {
        chownSync(d, owner.uid, owner.gid);
      } catch (e) {
        throw asWriteError(e, d);
      }
      if (d === created) break;
    }
  }
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

type LockState = { state: 'gone' } | { state: 'stale'; why: string; dir?: boolean } | { state: 'live'; holder: string };

const ago = (ms: number) => `${Math.max(0, Math.round(ms / 1000))} s`;

/** What a lock found in the way is: gone meanwhile, stale (and why), or live (and whose). */
export function inspectLock(lockPath: string, now = Date.now()): LockState {
  let st;
  try {
    st = lstatSync(lockPath);
  } catch {
    return { state: 'gone' };
  }
  const future = st.mtimeMs > now + 5_000;
  if (st.isSymbolicLink()) {
    let target = false;
    try {
      statSync(lockPath);
      target = true;
    } catch {
      target = false;
    }
    return { state: 'stale', why: target ? 'a symbolic link, not a lock setup makes' : 'a dangling symbolic link' };
  }
  if (st.isDirectory()) {
    // A proper-lockfile lock (Claude Code locks ~/.claude.json that way): its owner touches it every
    // few seconds while it holds it. Anywhere else a folder is not anybody's lock.
    if (path.basename(lockPath) !== '.claude.json.lock') return { state: 'stale', why: 'a folder, not a lock setup makes', dir: true };
    if (future) return { state: 'stale', why: 'a folder lock dated in the future', dir: true };
    if (now - st.mtimeMs > STALE_MS) return { state: 'stale', why: `a folder lock untouched for ${ago(now - st.mtimeMs)}`, dir: true };
    return { state: 'live', holder: 'Claude Code (a folder lock, touched ' + ago(now - st.mtimeMs) + ' ago)' };
  }
  if (!st.isFile()) return { state: 'stale', why: `${kindOf(st)}, not a lock file` };
  if (future) return { state: 'stale', why: 'dated in the future' };
  let info: Partial<LockInfo> = {};
  try {
    info = JSON.parse(readFileSync(lockPath, 'utf8')) as LockInfo;
  } catch {
    // being written right now (it takes microseconds), or garbage
    return now - st.mtimeMs > 2_000 ? { state: 'stale', why: 'not a lock setup writes (unreadable content)' } : { state: 'live', holder: 'a process that is writing it now' };
  }
  if (!info || typeof info !== 'object' || typeof info.pid !== 'number' || typeof info.at !== 'number') {
    return now - st.mtimeMs > 2_000 ? { state: 'stale', why: 'not a lock setup writes (no process id or time)' } : { state: 'live', holder: 'a process that is writing it now' };
  }
  if (info.at > now + 5_000) return { state: 'stale', why: 'its time is in the future' };
  const here = info.host === os.hostname();
  if (here && info.pid !== process.pid && !pidAlive(info.pid)) return { state: 'stale', why: `its process ${info.pid} is no longer running` };
  if (now - info.at > STALE_MS) return { state: 'stale', why: `it is ${ago(now - info.at)} old` };
  return { state: 'live', holder: here ? `process ${info.pid} on this machine, for ${ago(now - info.at)}` : `process ${info.pid} on ${String(info.host).slice(0, 80)}, for ${ago(now - info.at)}` };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface LockOptions {
  timeoutMs?: number;
  /** what setup says when it clears a stale lock (default: stderr) */
  notice?: (line: string) => void;
}

async function defaultNotice(line: string): Promise<void> {
  const { err } = await import('../lib/output.js');
  err(line);
}

/**
 * Take `<file>.lock`, run fn, release. Waits up to timeoutMs for a live holder; clears a stale or
 * malformed lock at once, saying why. (Two processes clearing the same stale lock at the same instant
 * could both proceed; a lock is stale only when its owner is dead or it is malformed or old, so that
 * needs a crash and a race.)
 */
export async function withLock<T>(file: string, fn: () => Promise<T> | T, opts: number | LockOptions = {}): Promise<T> {
  const o: LockOptions = typeof opts === 'number' ? { timeoutMs: opts } : opts;
  const timeoutMs = o.timeoutMs ?? LOCK_TIMEOUT_MS;
  const notice = o.notice ?? ((line: string) => void defaultNotice(line));
  const lockPath = `${file}.lock`;
  const dir = path.dirname(file);
  const started = Date.now();
  let holder: string | undefined;
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
    const found = inspectLock(lockPath);
    if (found.state === 'stale') {
      const aside = `${lockPath}.${process.pid}.${randomBytes(3).toString('hex')}.stale`;
      try {
        renameSync(lockPath, aside);
      } catch {
        continue; // someone else removed it first
      }
      try {
        if (found.dir) rmdirSync(aside);
        else unlinkSync(aside);
      } catch {
        try {
          rmdirSync(aside);
        } catch {
          /* a folder with things in it: it no longer blocks anyone; say where it is */
          notice(`(moved it aside as ${aside}; delete it when you like)`);
        }
      }
      notice(`Removed a stale lock ${lockPath} (${found.why}).`);
      continue;
    }
    if (found.state === 'live') holder = found.holder;
    if (Date.now() - started > timeoutMs) throw new LockBusyError(lockPath, holder);
    await sleep(20 + Math.floor(Math.random() * 40));
  }
}

export function tempNameFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/** When this process started (temp files older than that are not this run's). */
const RUN_STARTED_AT = Date.now() - process.uptime() * 1000;

/**
 * Remove what an earlier setup left behind when it was killed: its temp files for this file or its
 * backup (`.<name>.<pid>.<hex>.tmp`, `.<name>.bak.<pid>.<hex>.tmp`, which hold tokens) and stale locks
 * it moved aside (`<name>.lock.<pid>.<hex>.stale`). Runs under the lock, so no other setup is
 * writing this file: anything of ours from before this run is an orphan (and any left by a process
 * that is gone).
 */
export function removeOrphanTemps(file: string): void {
  const dir = path.dirname(file);
  const base = path.basename(file).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`^(?:\\.${base}(?:\\.bak)?\\.(\\d+)\\.[0-9a-f]+\\.tmp|${base}\\.lock\\.(\\d+)\\.[0-9a-f]+\\.stale)$`);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const n of names) {
    const m = re.exec(n);
    if (!m) continue;
    const pid = Number(m[1] ?? m[2]);
    if (pid === process.pid) continue;
    const p = path.join(dir, n);
    let st;
    try {
      st = lstatSync(p);
    } catch {
      continue;
    }
    if (pidAlive(pid) && st.mtimeMs >= RUN_STARTED_AT) continue; // a concurrent run's, not an orphan
    try {
      if (st.isDirectory()) rmdirSync(p);
      else unlinkSync(p);
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
  /** the owner the file must keep (see keepOwner); default: worked out from `ownerOf` or the file */
  owner?: { uid: number; gid: number };
  /** take the owner of this file instead of the written one's (a backup keeps its original's owner) */
  ownerOf?: string;
  /** unit tests only: called after the temp file is complete, before the rename */
  beforeRename?: (tmp: string) => void;
}

/**
 * Replace `file` with `content` atomically (temp + fsync + rename), leaving it with `mode` and its
 * owner. `content` may be pieces (bytes, or text written as UTF-8), written one after the other as
 * they come (setup and remove write a large file as pieces of the original around their edit,
 * never joined; report writes its bundle's JSON as it is made).
 */
export function writeFileAtomic(file: string, content: string | Buffer | Iterable<string | Buffer>, opts: AtomicWriteOptions = {}): void {
  const dir = path.dirname(file);
  const mode = opts.mode ?? SECRET_FILE_MODE;
  const owner = opts.owner ?? keepOwner(opts.ownerOf ?? file);
  const tmp = tempNameFor(file);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx', mode);
    for (const piece of typeof content === 'string' || Buffer.isBuffer(content) ? [content] : content) writeFileSync(fd, piece);
    // openSync's mode is filtered by the umask: set it exactly before the file becomes visible.
    if (process.platform !== 'win32') chmodSync(tmp, mode);
    if (owner) {
      try {
        fchownSync(fd, owner.uid, owner.gid);
      } catch (e) {
        throw new RefusedTargetError(
          `cannot give ${file} back to its owner (uid ${owner.uid}, ${errCode(e) ?? 'error'}): written by this user it would be unreadable to them. ` +
            'Run setup as that user (without sudo). Nothing was written.',
        );
      }
    }
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    opts.beforeRename?.(tmp);
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
    if (e instanceof RefusedTargetError) throw e;
    throw asWriteError(e, dir);
  }
  fsyncDir(dir);
}

/** `<file>.bak` */
export function backupPathFor(file: string): string {
  return `${file}.bak`;
}
