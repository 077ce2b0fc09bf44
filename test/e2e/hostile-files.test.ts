// Hostile files where a client config should be: each gives a result, exit 0 or 1, no stack
// trace, within a few seconds. The built CLI, as a user runs it.
import { afterAll, describe, expect, it } from 'vitest';
import { chmodSync, closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { json, runCli, MEMORY_CEILING_MB, type CliResult } from '../helpers/cli.js';
import { CANARY, leaksCanary, tempHome, type TempHome } from '../helpers/home.js';
import { doctorReportErrors } from '../helpers/schema.js';

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));
const posix = process.platform !== 'win32';
const CURSOR = '.cursor/mcp.json';
const SUBJECT = path.join('~', '.cursor', 'mcp.json');

function home(): TempHome {
  const h = tempHome('hostile-');
  cleanups.push(h.cleanup);
  return h;
}

interface Row { check: string; subject: string; status: string; message: string; details?: Record<string, any>; remedies: { id: string }[] }

const ARGS = (h: TempHome) => ['doctor', '--offline', '--json', '--home', h.dir, '--platform', 'linux', '--client', 'cursor'];

/** `maxMs` bounds the CPU time the CLI used (runCli's `measure`), not wall time: a busy machine stretches the latter. */
function assertCalm(r: CliResult, maxMs = 8000): Row[] {
  expect([0, 1]).toContain(r.code);
  expect(r.stderr).not.toMatch(/^\s{4}at /m); // no stack frames
  expect(r.all).not.toMatch(/RangeError|Maximum call stack|TypeError|internal error/);
  expect(leaksCanary(r.all)).toBe(false);
  // measured runs bound CPU time; a run as another user (no measuring there) gets an honest wall ceiling
  if (r.cpuMs !== undefined) expect(r.cpuMs).toBeLessThan(maxMs);
  else expect(r.ms).toBeLessThan(60_000);
  const report = json(r);
  expect(doctorReportErrors(report)).toEqual([]);
  expect(report.results.filter((x: Row) => x.status === 'error')).toEqual([]);
  return report.results as Row[];
}

async function doctorOn(content: string | Buffer): Promise<Row> {
  const h = home();
  h.write(CURSOR, content);
  const r = await runCli(ARGS(h), { cwd: h.dir, measure: true });
  const rows = assertCalm(r);
  const row = rows.find((x) => x.check === 'config-json' && x.subject === SUBJECT);
  expect(row, JSON.stringify(rows, null, 1)).toBeTruthy();
  return row!;
}

describe('hostile config files', () => {
  it('binary content', async () => {
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
    const row = await doctorOn(bytes);
    expect(row).toMatchObject({ status: 'fail', details: { reason: 'binary' } });
  });

  it('a UTF-8 BOM in a strict-JSON client\'s file is a clear fail (the client\'s JSON.parse rejects it)', async () => {
    const row = await doctorOn(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify({ mcpServers: {} }))]));
    expect(row).toMatchObject({ status: 'fail', details: { bom: true } });
  });

  it('200k-deep nesting [[[[…', async () => {
    const row = await doctorOn('['.repeat(200_000));
    expect(row).toMatchObject({ status: 'fail', details: { code: 'TooDeep', line: 1, column: 513 } });
  });

  it('200k-deep objects {"a":{"a":…', async () => {
    const row = await doctorOn('{"a":'.repeat(200_000) + '1' + '}'.repeat(200_000));
    expect(row).toMatchObject({ status: 'fail', details: { code: 'TooDeep' } });
  });

  it('a 6 MB file', async () => {
    const row = await doctorOn(JSON.stringify({ mcpServers: {}, junk: 'x'.repeat(6 * 1024 * 1024) }));
    expect(row).toMatchObject({ status: 'fail', details: { reason: 'too-large' } });
    expect(row.message).toMatch(/too large to be a config file/);
  });

  it('a file of garbage text with a token in it', async () => {
    const row = await doctorOn(`mcpServers = { token: "${CANARY}" }\n`);
    expect(row).toMatchObject({ status: 'fail', details: { line: 1, column: 1 } });
  });

  it('a directory where the file should be', async () => {
    const h = home();
    h.mkdir(CURSOR);
    const rows = assertCalm(await runCli(ARGS(h), { cwd: h.dir, measure: true }));
    expect(rows.find((x) => x.check === 'config-files' && x.subject === SUBJECT)).toMatchObject({ status: 'fail', details: { kind: 'directory' } });
    expect(rows.find((x) => x.check === 'config-json' && x.subject === SUBJECT)).toMatchObject({ status: 'skip', details: { blockedBy: 'config-files' } });
  });

  // chmod 000 stops everyone but root. As root (CI), run the CLI as `nobody` so the case is still
  // tested; as anyone else, just run it.
  it.skipIf(!posix)('an unreadable file (chmod 000)', async () => {
    const h = home();
    h.write(CURSOR, JSON.stringify({ mcpServers: {} }));
    chmodSync(h.path(CURSOR), 0o000);
    let r: CliResult;
    if (process.getuid?.() === 0) {
      chmodSync(h.dir, 0o755);
      const cwd = mkdtempSync(path.join(tmpdir(), 'hostile-cwd-'));
      chmodSync(cwd, 0o755);
      cleanups.push(() => rmSync(cwd, { recursive: true, force: true }));
      r = await runAs(65534, ARGS(h), cwd);
    } else {
      r = await runCli(ARGS(h), { cwd: h.dir, measure: true });
    }
    const rows = assertCalm(r);
    const row = rows.find((x) => x.check === 'config-json' && x.subject === SUBJECT)!;
    expect(row).toMatchObject({ status: 'fail', details: { error: 'EACCES' } });
    expect(row.remedies.map((m) => m.id)).toEqual(['config-file-unreadable']);
    expect(row.message).toMatch(/permission/);
  });
});

/** runCli as another (unprivileged) user, with that folder as its home and working directory. */
function runAs(uid: number, args: string[], cwd: string): Promise<CliResult> {
  return runCli(args, { cwd, uid, env: { HOME: cwd } });
}

describe.skipIf(!posix)('explain --file that is not a file, or a hostile log', () => {
  it.each([
    ['a FIFO', (h: TempHome) => {
      spawnSync('mkfifo', [h.path('pipe.log')]);
      return h.path('pipe.log');
    }, 'named pipe (FIFO)'],
    ['/dev/zero', () => '/dev/zero', 'character device'],
    ['/dev/urandom', () => '/dev/urandom', 'character device'],
  ])('%s: a usage error at once (never a hang or an endless read)', async (_name, make, said) => {
    const h = home();
    const r = await runCli(['explain', '--file', make(h)], { timeoutMs: 20_000, measure: true });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(said);
    expect(r.maxRssMb).toBeLessThan(MEMORY_CEILING_MB);
  });

  it('64 MB of 8 KB lines built to make a matcher try every split: scanned whole, within the memory ceiling', async () => {
    const h = home();
    const file = h.path('hostile.log');
    const line = 'enoent '.repeat(1170).slice(0, 8191) + '\n';
    const fd = openSync(file, 'w');
    for (let i = 0; i < 8192; i++) writeSync(fd, line);
    closeSync(fd);
    // was 540 s (72 ms a line); an honest ceiling far above the linear scan's few seconds
    const r = await runCli(['explain', '--json', '--file', file], { timeoutMs: 120_000, measure: true });
    expect(r.code).toBe(1); // nothing matched: every line is about a file that is not a config
    expect(r.maxRssMb).toBeLessThan(MEMORY_CEILING_MB);
  }, 150_000);
});
