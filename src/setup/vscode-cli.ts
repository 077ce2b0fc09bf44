// VS Code's own CLI: `code --add-mcp '{"name":…,"type":"http",…}'` registers a server in the user
// profile, where VS Code itself keeps it. Used when `code` is on the PATH of this machine and setup
// is writing for this machine (not a --home reproduction or another --platform).
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { hostPlatformAsTarget, type Environment } from '../lib/environment.js';

export const CODE_CLI_TIMEOUT_MS = 60_000;

/** An executable file named `name` on the PATH in env.vars (POSIX hosts only). */
export function findOnPath(name: string, env: Pick<Environment, 'vars'>): string | null {
  const dirs = (env.vars.PATH ?? '').split(path.delimiter).filter(Boolean);
  for (const dir of dirs) {
    const p = path.join(dir, name);
    try {
      if (!statSync(p).isFile()) continue;
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      /* not here */
    }
  }
  return null;
}

/**
 * The `code` executable to use, or null with the reason setup writes mcp.json itself instead.
 * Windows installs `code.cmd`, which Node cannot run without a shell (unsafe with a token in the
 * arguments), so there setup always writes the file.
 */
export function codeCli(env: Environment, allowed: boolean): { path: string | null; why?: string } {
  if (!allowed) return { path: null, why: '--no-code-cli' };
  if (env.homeOverridden) return { path: null, why: '--home is set (code would change the real profile)' };
  if (env.platform !== hostPlatformAsTarget(env.hostPlatform)) return { path: null, why: `--platform ${env.platform} is not this machine` };
  if (env.hostPlatform === 'win32') return { path: null, why: 'on Windows setup writes mcp.json directly' };
  const p = findOnPath('code', env);
  return p ? { path: p } : { path: null, why: '`code` is not on the PATH' };
}

export interface CodeCliResult {
  ok: boolean;
  exitCode: number | null;
  /** what code printed (may be shown after scrubbing) */
  output: string;
  timedOut: boolean;
  spawnError?: string;
}

/** Run `code --add-mcp JSON` without a shell, bounded in time. */
export function runCodeAddMcp(codePath: string, definition: Record<string, unknown>, env: Environment, timeoutMs = CODE_CLI_TIMEOUT_MS): Promise<CodeCliResult> {
  return new Promise((resolve) => {
    let output = '';
    let timedOut = false;
    let settled = false;
    const finish = (r: CodeCliResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
    };
    const child = spawn(codePath, ['--add-mcp', JSON.stringify(definition)], {
      shell: false,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...env.vars } as NodeJS.ProcessEnv,
      windowsHide: true,
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    const take = (d: Buffer) => {
      if (output.length < 8_000) output += d.toString('utf8');
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('error', (e) => finish({ ok: false, exitCode: null, output, timedOut, spawnError: e.message }));
    child.on('close', (code) => finish({ ok: code === 0 && !timedOut, exitCode: code, output, timedOut }));
  });
}
