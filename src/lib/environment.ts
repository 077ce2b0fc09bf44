// Where "the user's machine" is: home, platform, well-known folders, PATH and env.
// --home and --platform let a support engineer resolve a customer's layout on any machine.
// Paths are always built with this host's path module (files are read here), only the
// choice of locations follows the target platform.
import { statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type Platform = 'darwin' | 'win32' | 'linux';
export const PLATFORMS: readonly Platform[] = ['darwin', 'win32', 'linux'];

export interface Environment {
  /** the platform whose client locations are resolved */
  platform: Platform;
  /** the platform this process runs on */
  hostPlatform: NodeJS.Platform;
  home: string;
  /** %APPDATA% (win32), else home/AppData/Roaming under --home */
  appData: string;
  /** %LOCALAPPDATA% */
  localAppData: string;
  /** where project-level configs are looked for */
  cwd: string;
  /** true when --home was given: the layout is a reproduction, not this user's */
  homeOverridden: boolean;
  /** the process environment (read-only view) */
  vars: Readonly<Record<string, string | undefined>>;
}

export function hostPlatformAsTarget(p: NodeJS.Platform = process.platform): Platform {
  return p === 'darwin' || p === 'win32' ? p : 'linux';
}

export interface EnvironmentInput {
  home?: string;
  platform?: Platform;
  cwd?: string;
  vars?: Record<string, string | undefined>;
}

export function makeEnvironment(input: EnvironmentInput = {}): Environment {
  const vars = input.vars ?? process.env;
  const homeOverridden = input.home !== undefined;
  const home = path.resolve(input.home ?? os.homedir());
  const platform = input.platform ?? hostPlatformAsTarget();
  const useRealWinDirs = !homeOverridden && process.platform === 'win32';
  const appData = useRealWinDirs && vars.APPDATA ? vars.APPDATA : path.join(home, 'AppData', 'Roaming');
  const localAppData =
    useRealWinDirs && vars.LOCALAPPDATA ? vars.LOCALAPPDATA : path.join(home, 'AppData', 'Local');
  return {
    platform,
    hostPlatform: process.platform,
    home,
    appData,
    localAppData,
    cwd: path.resolve(input.cwd ?? currentDir() ?? home),
    homeOverridden,
    vars,
  };
}

/** The working directory, or undefined when it no longer exists (deleted under the shell). */
function currentDir(): string | undefined {
  try {
    return process.cwd();
  } catch {
    return undefined;
  }
}

/**
 * Resolve a location template from the client catalog into a real path on this host.
 * Templates start with one base token: `~` (home), `%APPDATA%`, `%LOCALAPPDATA%`,
 * `%USERPROFILE%` (= home), or `.` (the current directory); segments are separated by `/`.
 * `${NAME:-template}` first (e.g. `${CODEX_HOME:-~/.codex}/config.toml`) takes the folder from that
 * environment variable when it is set, except under --home (a customer's layout has no environment).
 */
export function resolveTemplate(template: string, env: Environment): string {
  // ${NAME:-fallback}/rest: the variable's folder when it is set (and the home is the real one), else the fallback
  const v = /^\$\{([A-Z_][A-Z0-9_]*):-([^}]*)\}(.*)$/.exec(template);
  if (v) {
    const set = env.homeOverridden ? undefined : env.vars[v[1]!];
    if (set) return path.join(set, ...v[3]!.split('/').filter(Boolean));
    return resolveTemplate(v[2]! + v[3]!, env);
  }
  const [base, ...rest] = template.split('/');
  let root: string;
  switch (base) {
    case '': // an absolute POSIX path (/usr/local/bin)
      return template;
    case '~':
    case '%USERPROFILE%':
      root = env.home;
      break;
    case '%APPDATA%':
      root = env.appData;
      break;
    case '%LOCALAPPDATA%':
      root = env.localAppData;
      break;
    case '.':
      root = env.cwd;
      break;
    default:
      throw new Error(`location template must start with a base token: ${template}`);
  }
  return path.join(root, ...rest);
}

/** A path as the user would recognise it: home abbreviated to ~ (never hides which file). */
export function displayPath(p: string, env: Environment): string {
  const rel = path.relative(env.home, p);
  if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) return `~${path.sep}${rel}`;
  return p;
}

/**
 * The Environment for a command's --home/--platform flags; a --home that is not a directory is a
 * usage error (thrown as `usageError(message)` so this module stays free of the CLI's error types).
 */
export function environmentFromArgs(
  args: { home?: string; platform?: string },
  usageError: (message: string) => Error,
): Environment {
  if (args.home !== undefined) {
    let isDir = false;
    try {
      isDir = statSync(args.home).isDirectory();
    } catch {
      /* reported below */
    }
    if (!isDir) throw usageError(`--home ${JSON.stringify(args.home)} is not a directory`);
  }
  return makeEnvironment({ home: args.home, platform: args.platform as Platform | undefined });
}
