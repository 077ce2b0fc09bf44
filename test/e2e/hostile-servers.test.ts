// Hostile MCP servers on loopback (test/fixtures/hostile.mjs) against the built CLI: whatever a
// server sends, the run ends within its documented bound, stays under the memory ceiling (peak RSS
// of the CLI process, measured), keeps the token out of every output in every encoding the server
// echoes it in, and shows escape sequences escaped. Time is asserted on the step that is bounded
// (the check's own duration), never on the whole process, so a busy machine does not break it.
import { describe, it, expect, afterAll } from 'vitest';
import { runCli, json, MEMORY_CEILING_MB, type CliResult } from '../helpers/cli.js';
import { CANARY, tempHome, type TempHome } from '../helpers/home.js';
import { leakedForm } from '../helpers/leaks.js';
import { doctorReportErrors } from '../helpers/schema.js';
import { startHostile, echoForms } from '../fixtures/hostile.mjs';
import { toolsWalkBudget, MAX_TOOLS } from '../../src/net/budget.js';

const NET = ['reachability', 'authentication', 'mcp-handshake', 'tool-visibility'];
const open: { close(): Promise<void> }[] = [];
const homes: TempHome[] = [];
afterAll(async () => {
  await Promise.all(open.splice(0).map((g) => g.close()));
  for (const h of homes.splice(0)) h.cleanup();
});

async function hostile(o: Record<string, unknown>) {
  const h = await startHostile(o);
  open.push(h);
  return h;
}

interface Run {
  r: CliResult;
  get(check: string): any;
}

/** doctor --url URL --token CANARY (--json unless `table`), measured. */
async function doctor(url: string, extra: string[] = [], o: { table?: boolean; timeoutMs?: number } = {}): Promise<Run> {
  const home = tempHome('tray-mcp-hostile-');
  homes.push(home);
  const args = ['doctor', '--url', url, '--token', CANARY, '--home', home.dir, '--only', ...NET, ...(o.table ? [] : ['--json']), ...extra];
  const r = await runCli(args, { measure: true, timeoutMs: o.timeoutMs ?? 60_000 });
  expect(r.stderr).not.toMatch(/internal error|FATAL|heap limit|Invalid string length|^\s{4}at /m);
  expect(r.maxRssMb, 'the CLI exited normally and reported its peak memory').toBeTypeOf('number');
  expect(r.maxRssMb!, `peak RSS ${r.maxRssMb} MB`).toBeLessThan(MEMORY_CEILING_MB);
  expect(leakedForm(r.all, CANARY)).toBeNull();
  if (o.table) return { r, get: () => undefined };
  const report = json(r);
  expect(doctorReportErrors(report)).toEqual([]);
  return { r, get: (check) => report.results.find((x: any) => x.check === check) };
}

describe.concurrent('answers too large to keep', () => {
  it('an endless event-stream line (at --timeout 30000): cut at 4 MB at once, not waited for', async () => {
    const h = await hostile({ endlessLine: true });
    const run = await doctor(h.url, ['--timeout', '30000']);
    const auth = run.get('authentication');
    expect(auth).toMatchObject({ status: 'fail', details: { reason: 'no-answer', contentType: 'text/event-stream' } });
    expect(auth.message).toContain('event-stream line longer than 4 MB');
    expect(auth.durationMs).toBeLessThan(30_000); // ended by the size bound, not the 30 s step bound
    expect(run.get('tool-visibility')).toMatchObject({ status: 'skip', details: { blockedBy: 'authentication' } });
  });

  it('an endless event-stream line at the default timeout', async () => {
    const h = await hostile({ endlessLine: true });
    const run = await doctor(h.url);
    expect(run.get('authentication').message).toContain('event-stream line longer than 4 MB');
  });

  it('a gzip bomb (256 MB of zeros in 256 KB): counted inflated, cut at 4 MB', async () => {
    const h = await hostile({ gzipBomb: true, gzipBombBytes: 256 * 1024 * 1024 });
    const run = await doctor(h.url);
    const auth = run.get('authentication');
    expect(auth.status).toBe('fail');
    expect(auth.message).toContain('an answer larger than 4 MB');
  });

  it('a tools/list page of 700,000 tools (35 MB): cut at 4 MB; the handshake before it passed', async () => {
    const h = await hostile({ hugePageTools: 700_000 });
    const run = await doctor(h.url);
    expect(run.get('mcp-handshake').status).toBe('pass');
    const tools = run.get('tool-visibility');
    expect(tools).toMatchObject({ status: 'fail', details: { code: 'RESPONSE_TOO_LARGE' } });
    expect(tools.message).toContain('cut off');
  });

  it('100,000-tool pages with fresh cursors: the first page is already too large to keep', async () => {
    const h = await hostile({ toolsPerPage: 100_000, pages: 'endless' });
    const run = await doctor(h.url);
    expect(run.get('tool-visibility')).toMatchObject({ status: 'fail', details: { code: 'RESPONSE_TOO_LARGE' } });
    expect(h.requests.filter((q: any) => q.rpc === 'tools/list')).toHaveLength(1);
  });

  it(`30,000-tool pages with fresh cursors, endlessly: ${MAX_TOOLS} tools kept, one page asked for`, async () => {
    const h = await hostile({ toolsPerPage: 30_000, pages: 'endless' });
    const run = await doctor(h.url);
    const tools = run.get('tool-visibility');
    expect(tools).toMatchObject({ status: 'warn', details: { toolCount: MAX_TOOLS, truncated: true, truncatedBy: 'tools', pages: 1 } });
    expect(tools.message).toContain(`stopped listing at ${MAX_TOOLS} tools`);
    expect(h.requests.filter((q: any) => q.rpc === 'tools/list')).toHaveLength(1);
  });
});

describe.concurrent('time', () => {
  it('a server that pages slowly and endlessly: the whole walk ends by one deadline derived from --timeout, with what it listed', async () => {
    const t = 2000;
    // each page inside the per-step bound (with room for a busy machine): 20 pages would take 24 s, 12 × --timeout
    const h = await hostile({ toolsPerPage: 2, pages: 'endless', pageDelayMs: 1200 });
    const run = await doctor(h.url, ['--timeout', String(t)]);
    const tools = run.get('tool-visibility');
    expect(tools).toMatchObject({ status: 'warn', details: { truncated: true, truncatedBy: 'time' } });
    expect(tools.details.toolCount).toBeGreaterThan(0);
    // the walk's own duration: its deadline, plus the page in flight being given up
    expect(tools.durationMs).toBeLessThanOrEqual(toolsWalkBudget(t) + 2000);
    expect(tools.message).toContain('took longer than the bound for the whole list');
  });
});

describe.concurrent('long names from a server', () => {
  it('a 400 KB server name: kept to 512 characters, the table renders it at once', async () => {
    const h = await hostile({ serverName: 'S'.repeat(400_000) });
    const run = await doctor(h.url);
    const name = run.get('mcp-handshake').details.server.name as string;
    expect(name.length).toBeLessThan(600);
    expect(name).toMatch(/…\(\d+ more bytes\)$/);
    const table = await doctor(h.url, [], { table: true });
    expect(table.r.stdout).toContain('more bytes');
    expect(table.r.stdout.length).toBeLessThan(40_000);
  });

  it('a 5 MB server name: the initialize answer is larger than an answer may be', async () => {
    const h = await hostile({ serverName: 'S'.repeat(5 * 1024 * 1024) });
    const run = await doctor(h.url);
    expect(run.get('authentication').message).toContain('an answer larger than 4 MB');
  });
});

describe.concurrent('escape sequences from a server', () => {
  const nasty = 'evil\u001b[2J\u001b[H\u001b]52;c;aGVsbG8=\u0007\u001b]8;;http://x.example\u0007link\u001b]8;;\u0007\u009b31m\r\nspoofed row';

  it('server and tool names with ANSI/OSC sequences: shown escaped in the table, kept as data in JSON', async () => {
    const h = await hostile({ serverName: nasty, toolName: 'tool\u001b[31mred', toolDescription: `desc \u001b]52;c;${Buffer.from('x').toString('base64')}\u0007 ok words` });
    for (const extra of [[], ['--verbose']]) {
      const table = await doctor(h.url, extra, { table: true });
      expect(table.r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
      expect(table.r.stdout).toContain('\\x1b[2J');
      expect(table.r.stdout).toContain('tool\\x1b[31mred');
    }
    const run = await doctor(h.url);
    expect(run.get('mcp-handshake').details.server.name).toContain('\u001b[2J');
    expect(run.get('tool-visibility').details.tools[0]).toMatch(/^tool\u001b\[31mred\d+$/);
  });
});

describe.concurrent('a server that echoes the token', () => {
  it('in every encoding, in the server name, tool names, descriptions: nowhere in the table, --verbose or --json', async () => {
    const h = await hostile({ echo: true });
    for (const extra of [[], ['--verbose']]) await doctor(h.url, extra, { table: true });
    const run = await doctor(h.url, ['--verbose']);
    expect(run.get('tool-visibility').status).not.toBe('error');
    // the server did get the token (it is the one echoing it): the probe went as far as tools/list
    expect(h.requests.some((q: any) => q.rpc === 'tools/list' && q.authorization === `Bearer ${CANARY}`)).toBe(true);
    expect(echoForms(CANARY)).toHaveLength(8);
  });

  it('in a JSON-RPC error message', async () => {
    const h = await hostile({ echo: true, echoInError: true });
    const run = await doctor(h.url, ['--verbose']);
    expect(run.get('tool-visibility').status).toBe('fail');
  });

  it('in a 401 challenge and body', async () => {
    const h = await hostile({ echo: true, reject: true });
    const run = await doctor(h.url, ['--verbose']);
    expect(run.get('authentication')).toMatchObject({ status: 'fail', details: { status: 401 } });
    await doctor(h.url, ['--verbose'], { table: true });
  });
});
