// Run the built CLI as a user would: `node bin/tray-mcp.cjs …` in a child process (async, so an
// in-process loopback server can answer meanwhile). Build first: `npm test` does (pretest).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = path.join(ROOT, 'bin', 'tray-mcp.cjs');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout + stderr, for "never appears anywhere" assertions */
  all: string;
  ms: number;
  /** performance.now() when the process had exited (to bound a step from its own start, not the spawn) */
  endAt: number;
  /** with `measure`: the CLI process's peak resident memory in MB (undefined: it never exited normally) */
  maxRssMb?: number;
  /** with `measure`: the CPU time (user + system, ms) the CLI process used — a bound a busy machine does not break */
  cpuMs?: number;
}

export interface CliOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  input?: string | Buffer;
  timeoutMs?: number;
  /** run as this user (and group of the same id); only root may */
  uid?: number;
  /** report the CLI's peak RSS (test/fixtures/max-rss.cjs, preloaded) as `maxRssMb` */
  measure?: boolean;
  /** test-only scripts to --require into the CLI process (from test/fixtures) */
  preload?: string[];
}

/** The memory ceiling every run must hold, whatever a server or a file does (docs: README). */
export const MEMORY_CEILING_MB = 256;

/**
 * Environment for a child: no colour, CI set, no proxy, token, extra CA or Node options from the
 * developer's shell (a test that needs one sets it). NODE_EXTRA_CA_CERTS also costs every Node start
 * the parse of that file (~45 ms with a distribution's whole bundle, a third of a bare `node -e 0`);
 * the tests only reach loopback servers, and those with TLS name their own CA.
 */
export function cleanEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env)) {
    if (/^(https?_proxy|no_proxy|all_proxy|TRAY_MCP_API_TOKEN|FORCE_COLOR|NO_COLOR|NODE_OPTIONS|NODE_EXTRA_CA_CERTS)$/i.test(k)) delete env[k];
  }
  Object.assign(env, { NO_COLOR: '1', CI: 'true' }, extra);
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  return env;
}

export function runCli(args: string[], opts: CliOptions = {}): Promise<CliResult> {
  const t0 = performance.now();
  const rssDir = opts.measure ? mkdtempSync(path.join(tmpdir(), 'tray-mcp-rss-')) : undefined;
  const rssFile = rssDir ? path.join(rssDir, 'maxrss') : undefined;
  const preload = [...(opts.measure ? [path.join(ROOT, 'test', 'fixtures', 'max-rss.cjs')] : []), ...(opts.preload ?? [])].flatMap((p) => ['--require', p]);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...preload, BIN, ...args], {
      cwd: opts.cwd ?? ROOT,
      env: cleanEnv({ ...opts.env, ...(rssFile ? { MAX_RSS_REPORT_FILE: rssFile } : {}) }),
      stdio: ['pipe', 'pipe', 'pipe'],
      ...(opts.uid !== undefined ? { uid: opts.uid, gid: opts.uid } : {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 25_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const endAt = performance.now();
      let maxRssMb: number | undefined;
      let cpuMs: number | undefined;
      if (rssDir) {
        try {
          const [rss, cpu] = readFileSync(rssFile!, 'utf8').split(' ');
          maxRssMb = Number(rss) / 1024;
          cpuMs = Number(cpu);
        } catch {
          maxRssMb = undefined;
        }
        rmSync(rssDir, { recursive: true, force: true });
      }
      resolve({ code, stdout, stderr, all: stdout + stderr, ms: endAt - t0, endAt, ...(rssDir ? { maxRssMb, cpuMs } : {}) });
    });
    if (opts.input !== undefined) child.stdin.end(opts.input);
    else child.stdin.end();
  });
}

/** Parse stdout as the one JSON document it must be. */
export function json<T = any>(r: CliResult): T {
  try {
    return JSON.parse(r.stdout) as T;
  } catch {
    throw new Error(`stdout is not one JSON document (exit ${r.code}):\n${r.stdout.slice(0, 2000)}\nstderr:\n${r.stderr.slice(0, 2000)}`);
  }
}
