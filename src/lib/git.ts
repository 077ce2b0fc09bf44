// Read-only questions to the git CLI about one file: is it in a work tree, tracked, ignored?
// No shell, a time bound on every call, GIT_OPTIONAL_LOCKS=0 so git does not even refresh its index.
// git is found on the absolute PATH entries only and gets a minimal environment (no token), and
// runs with core.fsmonitor off: a repository's own config must not make doctor run a program.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { childEnv, which } from './which.js';

export interface GitAnswer {
  /** exit code, null when git did not run to completion */
  code: number | null;
  stdout: string;
  stderr: string;
  /** git is not on the PATH */
  missing?: boolean;
  timedOut?: boolean;
}

export interface GitOptions {
  /** environment for git (PATH decides which git); GIT_DIR and friends are removed */
  vars: Readonly<Record<string, string | undefined>>;
  timeoutMs?: number;
  signal?: AbortSignal;
}

const STRIP = /^GIT_(DIR|WORK_TREE|INDEX_FILE|OBJECT_DIRECTORY|ALTERNATE_OBJECT_DIRECTORIES|COMMON_DIR|NAMESPACE|CONFIG_PARAMETERS|CONFIG_COUNT|CONFIG_KEY_\d+|CONFIG_VALUE_\d+)$/;

export function gitEnv(vars: Readonly<Record<string, string | undefined>>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(childEnv(vars, process.platform))) if (!STRIP.test(k)) env[k] = v;
  env.GIT_OPTIONAL_LOCKS = '0';
  env.GIT_TERMINAL_PROMPT = '0';
  env.LC_ALL = 'C';
  return env;
}

export async function git(args: string[], cwd: string, o: GitOptions): Promise<GitAnswer> {
  const env = gitEnv(o.vars);
  const file = await which('git', { pathValue: env.PATH, platform: process.platform, pathExt: env.PATHEXT });
  if (!file) return { code: null, stdout: '', stderr: '', missing: true };
  return new Promise((resolve) => {
    execFile(
      file,
      ['-c', 'core.fsmonitor=false', '-C', cwd, ...args],
      { env, timeout: o.timeoutMs ?? 3000, killSignal: 'SIGKILL', windowsHide: true, maxBuffer: 1024 * 1024, signal: o.signal },
      (err, stdout, stderr) => {
        if (!err) return resolve({ code: 0, stdout: String(stdout), stderr: String(stderr) });
        const e = err as NodeJS.ErrnoException & { code?: string | number; killed?: boolean; signal?: string | null };
        if (e.code === 'ENOENT') return resolve({ code: null, stdout: '', stderr: '', missing: true });
        if (e.killed || e.signal || e.name === 'AbortError') return resolve({ code: null, stdout: String(stdout ?? ''), stderr: String(stderr ?? ''), timedOut: true });
        resolve({ code: typeof e.code === 'number' ? e.code : null, stdout: String(stdout ?? ''), stderr: String(stderr ?? '') });
      },
    );
  });
}

export type GitState =
  | { state: 'no-git' }
  | { state: 'not-in-repo' }
  | { state: 'tracked'; root?: string }
  | { state: 'untracked'; root?: string }
  | { state: 'ignored'; root?: string }
  | { state: 'unknown'; why: string };

const firstLine = (s: string) => s.trim().split('\n')[0]?.replace(/^fatal:\s*/, '') ?? '';

/** Where `file` stands with git: outside any work tree, tracked (committed), untracked, or ignored. */
export async function gitStateOf(file: string, o: GitOptions): Promise<GitState> {
  const dir = path.dirname(file);
  const base = path.basename(file);
  const inside = await git(['rev-parse', '--is-inside-work-tree', '--show-toplevel'], dir, o);
  if (inside.missing) return { state: 'no-git' };
  if (inside.timedOut) return { state: 'unknown', why: 'git did not answer in time' };
  if (inside.code !== 0) {
    if (/not a git repository/i.test(inside.stderr)) return { state: 'not-in-repo' };
    return { state: 'unknown', why: firstLine(inside.stderr) || `git exited with ${inside.code}` };
  }
  const [isInside, root] = inside.stdout.trim().split('\n');
  if (isInside !== 'true') return { state: 'not-in-repo' };
  const tracked = await git(['ls-files', '--error-unmatch', '--', base], dir, o);
  if (tracked.timedOut) return { state: 'unknown', why: 'git did not answer in time' };
  if (tracked.code === 0) return { state: 'tracked', root };
  const ignored = await git(['check-ignore', '-q', '--', base], dir, o);
  if (ignored.timedOut) return { state: 'unknown', why: 'git did not answer in time' };
  if (ignored.code === 0) return { state: 'ignored', root };
  if (ignored.code === 1) return { state: 'untracked', root };
  return { state: 'unknown', why: firstLine(ignored.stderr) || `git exited with ${ignored.code}` };
}
