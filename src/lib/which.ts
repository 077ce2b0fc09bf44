// Find an executable on a PATH the way a client spawning it would, and run it without a shell.
// The PATH comes from the environment the caller hands in (never process.env implicitly), so a
// check can look at "the PATH a client sees" and tests can point it at a temp dir.
//
// Only absolute PATH entries are searched: a relative one (`.`, `node_modules/.bin`, an empty
// entry) means "wherever doctor happens to run", e.g. inside a cloned repository whose
// node_modules/.bin/node would run as you. A child gets a minimal environment (childEnv): the PATH,
// the home and the few variables a program needs to start, never a token.
import { spawn } from 'node:child_process';
import { access, stat } from 'node:fs/promises';
import { constants } from 'node:fs';
import path from 'node:path';
import { now } from './clock.js';

/** An environment variable, looked up case-insensitively on Windows (`Path`, `PATH`). */
export function envVar(vars: Readonly<Record<string, string | undefined>>, name: string, platform: NodeJS.Platform): string | undefined {
  if (vars[name] !== undefined) return vars[name];
  if (platform !== 'win32') return undefined;
  const key = Object.keys(vars).find((k) => k.toUpperCase() === name.toUpperCase());
  return key === undefined ? undefined : vars[key];
}

/** The directories of a PATH value, in order; empty and relative entries dropped (see above). */
export function pathDirs(pathValue: string | undefined, platform: NodeJS.Platform): string[] {
  if (!pathValue) return [];
  const sep = platform === 'win32' ? ';' : ':';
  const isAbsolute = platform === 'win32' ? path.win32.isAbsolute : path.posix.isAbsolute;
  return pathValue
    .split(sep)
    .map((d) => (platform === 'win32' ? d.replace(/^"(.*)"$/, '$1') : d))
    .filter((d) => d.length > 0 && isAbsolute(d));
}

/** Variables a child process may need to start; everything else (tokens included) stays here. */
const CHILD_VARS = ['HOME', 'USERPROFILE', 'HOMEDRIVE', 'HOMEPATH', 'SystemRoot', 'SYSTEMROOT', 'windir', 'SystemDrive', 'ComSpec', 'PATHEXT', 'TEMP', 'TMP', 'TMPDIR', 'LANG', 'LC_ALL', 'LC_CTYPE'];

/**
 * The environment for a child process: PATH (absolute entries only), home, temp and system
 * folders, locale. Never TRAY_MCP_API_TOKEN or any other variable.
 */
export function childEnv(vars: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of CHILD_VARS) {
    const v = envVar(vars, name, platform);
    if (v !== undefined && !(name in env)) env[name] = v;
  }
  env.PATH = pathDirs(envVar(vars, 'PATH', platform), platform).join(platform === 'win32' ? ';' : ':');
  return env;
}

/** Windows: the extensions PATHEXT lists, as written (default as cmd.exe's). */
export function pathExts(pathExt: string | undefined): string[] {
  const raw = pathExt && pathExt.trim() ? pathExt : '.COM;.EXE;.BAT;.CMD';
  return raw.split(';').map((e) => e.trim()).filter((e) => e.startsWith('.'));
}

export interface WhichOptions {
  /** the PATH value to search */
  pathValue: string | undefined;
  /** the host platform: win32 splits on `;` and tries PATHEXT extensions */
  platform: NodeJS.Platform;
  /** PATHEXT (win32 only) */
  pathExt?: string;
}

/** Candidate file names for `name` in one directory. */
function candidates(name: string, o: WhichOptions): string[] {
  if (o.platform !== 'win32') return [name];
  const exts = pathExts(o.pathExt);
  const ext = path.extname(name).toLowerCase();
  const has = ext !== '' && exts.some((e) => e.toLowerCase() === ext);
  return has ? [name] : exts.map((e) => name + e);
}

async function isExecutableFile(file: string, platform: NodeJS.Platform): Promise<boolean> {
  try {
    const s = await stat(file);
    if (!s.isFile()) return false;
    if (platform !== 'win32' && process.platform !== 'win32') await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first executable called `name` on the PATH, or null. Never runs anything. */
export async function which(name: string, o: WhichOptions): Promise<string | null> {
  // One folder after the other, stopping at the first found: a PATH of thousands of folders, or a
  // network folder that hangs late in it, costs nothing when the answer comes first.
  for (const dir of pathDirs(o.pathValue, o.platform)) {
    for (const file of candidates(name, o)) {
      const full = path.join(dir, file);
      if (await isExecutableFile(full, o.platform)) return full;
    }
  }
  return null;
}

export type RunOutcome =
  | { kind: 'exited'; code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }
  | { kind: 'timeout'; timeoutMs: number }
  | { kind: 'spawn-error'; code: string; message: string };

export interface RunOptions {
  timeoutMs: number;
  /** the child's whole environment (use childEnv; default: a minimal one from process.env) */
  env?: Record<string, string | undefined>;
  signal?: AbortSignal;
  /** keep at most this many bytes of each stream (default 64 KiB) */
  maxBytes?: number;
}

/**
 * Calls `fn` once `ms` of this process's own running time have passed: time in which the event loop
 * was blocked (this process busy parsing a 100 MB config) does not count, so a child that answered
 * while we were busy is not called slow. Ticks every 100 ms; a late tick counts at most 200 ms.
 */
export function loopTimer(ms: number, fn: () => void): { clear(): void } {
  const TICK = 100;
  let spent = 0;
  let last = now();
  let t: NodeJS.Timeout;
  const tick = () => {
    const at = now();
    spent += Math.min(at - last, 2 * TICK);
    last = at;
    if (spent >= ms) fn();
    else t = setTimeout(tick, Math.min(TICK, ms - spent));
  };
  t = setTimeout(tick, Math.min(TICK, ms));
  return { clear: () => clearTimeout(t) };
}

/**
 * Run `file args…` directly (no shell), bounded in time and output. On a time-out the process (and,
 * on POSIX, its process group) is killed and the promise settles at once, whatever its children do.
 */
export function runFile(file: string, args: string[], o: RunOptions): Promise<RunOutcome> {
  const maxBytes = o.maxBytes ?? 64 * 1024;
  const posix = process.platform !== 'win32';
  return new Promise((resolve) => {
    let settled = false;
    let stdout = '';
    let stderr = '';
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(o.env ?? childEnv(process.env, process.platform))) if (v !== undefined) env[k] = v;
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(file, args, {
        shell: false,
        windowsHide: true,
        detached: posix, // its own process group, so a time-out can end its children too
        stdio: ['ignore', 'pipe', 'pipe'],
        env,
      });
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      resolve({ kind: 'spawn-error', code: err.code ?? 'UNKNOWN', message: err.message });
      return;
    }
    const kill = () => {
      try {
        if (posix && child.pid) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        /* already gone */
      }
      child.stdout?.destroy();
      child.stderr?.destroy();
    };
    const finish = (outcome: RunOutcome) => {
      if (settled) return;
      settled = true;
      timer.clear();
      o.signal?.removeEventListener('abort', onAbort);
      resolve(outcome);
    };
    const onAbort = () => {
      kill();
      finish({ kind: 'timeout', timeoutMs: o.timeoutMs });
    };
    const timer = loopTimer(o.timeoutMs, onAbort);
    o.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      if (stdout.length < maxBytes) stdout += d.slice(0, maxBytes - stdout.length);
    });
    child.stderr?.setEncoding('utf8').on('data', (d: string) => {
      if (stderr.length < maxBytes) stderr += d.slice(0, maxBytes - stderr.length);
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      kill();
      finish({ kind: 'spawn-error', code: e.code ?? 'UNKNOWN', message: e.message });
    });
    child.on('close', (code, signal) => finish({ kind: 'exited', code, signal, stdout, stderr }));
    // A child that exited but left a grandchild holding its pipes: do not wait for the pipes.
    child.on('exit', (code, signal) => {
      setTimeout(() => {
        if (settled) return;
        kill();
        finish({ kind: 'exited', code, signal, stdout, stderr });
      }, 250).unref();
    });
    if (o.signal?.aborted) onAbort();
  });
}
