// doctor's client-logs check against temp homes with fake client logs, laid out as on macOS, Windows
// and Linux: findings once per client with remedy, file and redacted line; other servers' lines,
// old files and the part of a big log before its tail are ignored; nothing is written.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, utimesSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { json, runCli } from '../helpers/cli.js';
import { CANARY, WORKSPACE, leaksCanary, tempHome, type TempHome } from '../helpers/home.js';
import { doctorReportErrors, rowsOf } from '../helpers/schema.js';
import { MATCHED_LINES, QUOTED_ARG_LINES, SHAPES, leaksToken } from '../unit/token-shapes.js';

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));

function home(): TempHome {
  const h = tempHome('client-logs-');
  cleanups.push(h.cleanup);
  return h;
}

const cwd = mkdtempSync(path.join(tmpdir(), 'client-logs-cwd-'));
cleanups.push(() => rmSync(cwd, { recursive: true, force: true }));

type R = { check: string; subject: string; client: string | null; status: string; message: string; details?: any; remedies: { id: string }[] };

async function logsCheck(h: TempHome, platform: string, extra: string[] = []) {
  const r = await runCli(['doctor', '--offline', '--json', '--only', 'client-logs', '--home', h.dir, '--platform', platform, ...extra], { cwd, measure: true });
  expect(leaksCanary(r.all)).toBe(false);
  const doc = json(r);
  expect(doctorReportErrors(doc)).toEqual([]);
  return { r, results: rowsOf<R>(doc).filter((x) => x.check === 'client-logs') };
}

/** Every file under a folder with its size and mtime: to prove the check wrote nothing. */
function snapshot(dir: string): string {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d).sort()) {
      const p = path.join(d, n);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else out.push(`${path.relative(dir, p)} ${st.size} ${st.mtimeMs}`);
    }
  };
  walk(dir);
  return out.join('\n');
}

const ts = '2025-06-03T07:23:52.664Z';

describe('client-logs', () => {
  it('macOS: Claude Desktop mcp.log — reports Tray lines once each with remedy and line, ignores other servers and old files', async () => {
    const h = home();
    h.write('Library/Logs/Claude/mcp.log', [
      `${ts} [info] [tray-workspace] Initializing server...`,
      `${ts} [error] [tray-workspace] spawn npx ENOENT`,
      `${ts} [error] [tray-workspace] spawn npx ENOENT`,
      `${ts} [error] [github] Error POSTing to endpoint (HTTP 401)`,
      `${ts} [tray-workspace] [error] SSE error: Non-200 status code (403) Authorization: Bearer ${CANARY}`,
    ].join('\n') + '\n');
    const old = h.write('Library/Logs/Claude/mcp-server-tray-old.log', `${ts} ReferenceError: TransformStream is not defined\n`);
    const monthAgo = Date.now() / 1000 - 30 * 86_400;
    utimesSync(old, monthAgo, monthAgo);
    const before = snapshot(h.dir);
    const { r, results } = await logsCheck(h, 'darwin');
    expect(snapshot(h.dir)).toBe(before);
    expect(r.code).toBe(0); // warnings only
    const ids = results.map((x) => x.remedies[0]?.id);
    expect(ids.sort()).toEqual(['access-not-granted', 'node-missing']);
    const npx = results.find((x) => x.remedies[0]?.id === 'node-missing')!;
    expect(npx).toMatchObject({ status: 'warn', client: 'claude', subject: '~/Library/Logs/Claude/mcp.log' });
    expect(npx.details).toMatchObject({ file: '~/Library/Logs/Claude/mcp.log', line: `${ts} [error] [tray-workspace] spawn npx ENOENT`, occurrences: 2 });
    expect(npx.message).toMatch(/twice|2 times/);
    const forbidden = results.find((x) => x.remedies[0]?.id === 'access-not-granted')!;
    expect(forbidden.details.line).toContain('[redacted');
    expect(ids).not.toContain('token-invalid-or-expired'); // that 401 was github's
    expect(ids).not.toContain('node-too-old'); // that file is a month old
    // --strict turns the warnings into a problem
    const strict = await runCli(['doctor', '--offline', '--strict', '--only', 'client-logs', '--home', h.dir, '--platform', 'darwin'], { cwd });
    expect(strict.code).toBe(1);
    expect(leaksCanary(strict.all)).toBe(false);
  });

  it('Windows: reads both %APPDATA%\\Claude\\logs and %LOCALAPPDATA%\\Claude\\Logs', async () => {
    const h = home();
    h.write('AppData/Roaming/Claude/logs/mcp-server-tray-workspace.log', `${ts} [tray-workspace] [error] Error: Streamable HTTP error: Error POSTing to endpoint (HTTP 401): {"error":"invalid_token"}\n`);
    h.write('AppData/Local/Claude/Logs/mcp.log', `${ts} [tray-workspace] [error] Error: self-signed certificate in certificate chain\n`);
    h.write('AppData/Local/Claude/Logs/mcp-server-filesystem.log', `${ts} Error: connect ECONNREFUSED 127.0.0.1:8080\n`);
    const { results } = await logsCheck(h, 'win32');
    const byId = Object.fromEntries(results.map((x) => [x.remedies[0]?.id, x]));
    expect(Object.keys(byId).sort()).toEqual(['tls-untrusted', 'token-invalid-or-expired']);
    expect(byId['token-invalid-or-expired']!.details).toMatchObject({ server: 'tray-workspace', facts: { httpStatus: 401 } });
    expect(byId['tls-untrusted']!.subject).toMatch(/AppData.Local.Claude.Logs.mcp\.log$/);
  });

  it('Windows: spawn npx ENOENT in Claude Desktop\'s log is the cmd /c problem, with the steps for Claude Desktop', async () => {
    const h = home();
    h.write('AppData/Roaming/Claude/logs/mcp-server-tray-workspace.log', `${ts} [tray-workspace] [error] spawn npx ENOENT\n`);
    const { results } = await logsCheck(h, 'win32');
    expect(results).toHaveLength(1);
    const [finding] = results as (R & { remedies: { id: string; steps: string[] }[] })[];
    expect(finding!.remedies.map((x) => x.id)).toEqual(['windows-npx-needs-cmd', 'node-missing']);
    expect(finding!.remedies[0]!.steps[0]).toContain('"command": "cmd", "args": ["/c", "npx"');
    expect(finding!.remedies[1]!.steps[0]).toContain('Command Prompt'); // node-missing, as on Windows
    // the same line on macOS: a PATH problem
    const mac = home();
    mac.write('Library/Logs/Claude/mcp-server-tray-workspace.log', `${ts} [tray-workspace] [error] spawn npx ENOENT\n`);
    expect((await logsCheck(mac, 'darwin')).results.map((x) => x.remedies.map((y) => y.id))).toEqual([['node-missing']]);
  });

  it('Linux: Claude Code, VS Code, Cursor and mcp-remote logs, each finding once per client', async () => {
    const h = home();
    h.write('.config/Claude/logs/mcp.log', `${ts} [info] [tray-workspace] Server started and connected successfully\n`);
    h.write('.cache/claude-cli-nodejs/-home-ana-proj/mcp-logs-tray/2025-06-03T07-23-52.jsonl', JSON.stringify({ error: 'Connection failed: getaddrinfo ENOTFOUND acme.mcp.tray.ai', timestamp: ts }) + '\n');
    h.write('.config/Code/logs/20250603T072352/window1/mcpServer.mcp.config.usrlocal.tray-workspace.log', `${ts} [info] Discovered 0 tools\n`);
    h.write('.config/Code/logs/20250603T072352/window1/mcpServer.mcp.config.usrlocal.github.log', `${ts} [error] HTTP 403\n`);
    h.write('.config/Cursor/logs/20250603T072352/window1/exthost/anysphere.cursor-mcp/MCP user-tray-workspace.log', `${ts} [error] Client error for command fetch failed\n${ts} [error] TypeError: fetch failed\n`);
    h.write('.mcp-auth/mcp-remote-0.1.29/0123abcd_debug.log', [
      `[${ts}][4242] Connecting to remote server: https://${WORKSPACE}.mcp.tray.ai`,
      `[${ts}][4242] Error: Proxy response (407) !== 200 when HTTP Tunneling`,
    ].join('\n') + '\n');
    h.write('.mcp-auth/mcp-remote-0.1.29/ffff0000_debug.log', `[${ts}][1] Connecting to remote server: https://example.com/sse\n[${ts}][1] HTTP 401\n`);
    const { results } = await logsCheck(h, 'linux');
    const got = results.filter((x) => x.status === 'warn').map((x) => `${x.client}:${x.remedies[0]!.id}`).sort();
    expect(got).toEqual([
      'claude-code:workspace-id-invalid',
      'cursor:server-unreachable',
      'null:proxy-misconfigured',
      'vscode:no-tools-enabled',
    ].sort());
    expect(results.find((x) => x.client === 'cursor')!.details.occurrences).toBe(2);
    // one line, two remedies: the malformed host first, then what it causes
    expect(results.find((x) => x.client === 'claude-code')!.remedies.map((x) => x.id)).toEqual(['workspace-id-invalid', 'server-unreachable']);
    const claude = results.find((x) => x.client === 'claude')!;
    expect(claude).toMatchObject({ status: 'pass', subject: '~/.config/Claude/logs/mcp.log' });
    // only the chosen client with --client
    const only = await logsCheck(h, 'linux', ['--client', 'vscode']);
    expect(only.results.map((x) => x.client)).toEqual(['vscode']);
  });

  it('a server with a custom name counts when a client config names it as Tray', async () => {
    const h = home();
    h.write('Library/Application Support/Claude/claude_desktop_config.json', JSON.stringify({
      mcpServers: {
        'acme-prod': { command: 'npx', args: ['-y', 'mcp-remote', `https://${WORKSPACE}.mcp.tray.ai`, '--header', 'Authorization:${AUTH_HEADER}'], env: { AUTH_HEADER: `Bearer ${CANARY}` } },
      },
    }, null, 2));
    h.write('Library/Logs/Claude/mcp-server-acme-prod.log', `${ts} Error: Streamable HTTP error: Error POSTing to endpoint (HTTP 403): Forbidden\n`);
    h.write('Library/Logs/Claude/mcp-server-other.log', `${ts} Error: spawn uvx ENOENT\n${ts} HTTP 401\n`);
    const { results } = await logsCheck(h, 'darwin');
    expect(results.map((x) => x.remedies[0]?.id)).toEqual(['access-not-granted']);
  });

  it('reads only the tail of a big log, quickly', async () => {
    const h = home();
    const filler = `${ts} [info] [tray-workspace] Message from client: {"method":"tools/call","params":{"name":"x"},"jsonrpc":"2.0","id":1}\n`;
    const head = `${ts} [error] [tray-workspace] ReferenceError: File is not defined\n`; // > 256 KB before the end: not read
    const tail = `${ts} [error] [tray-workspace] Error: connect ECONNREFUSED 10.0.0.1:443\n`;
    h.write('Library/Logs/Claude/mcp.log', head + filler.repeat(Math.ceil((12 * 1024 * 1024) / filler.length)) + tail);
    const { r, results } = await logsCheck(h, 'darwin');
    expect(results.map((x) => x.remedies[0]?.id)).toEqual(['server-unreachable']);
    expect(r.cpuMs, 'CPU time (measured): a busy machine stretches wall time, not this').toBeLessThan(10_000);
  });

  it.each(MATCHED_LINES)('tokens in log lines never leak: details.line masked, in --json, the table and --verbose: %s', async (line, id) => {
    const h = home();
    // the recognised line, and the bare shapes around it (recognised or not) in the same and in a per-server log
    h.write('Library/Logs/Claude/mcp.log', [...SHAPES.map((s) => `${ts} [info] [tray-workspace] ${s}`), line].join('\n') + '\n');
    h.write('Library/Logs/Claude/mcp-server-tray-workspace.log', SHAPES.map((s) => `${ts} ${s}`).join('\n') + '\n');
    const { r, results } = await logsCheck(h, 'darwin');
    expect(leaksToken(r.all), r.all).toBe(false);
    const finding = results.find((x) => x.status === 'warn' && x.remedies[0]!.id === id)!;
    expect(finding, JSON.stringify(results)).toBeDefined();
    expect(finding.details.line).toContain('[redacted');
    expect(finding.details.line).toMatch(/\[redacted …(?:1c0b|6789)\]/);
    for (const extra of [[], ['--verbose'], ['--json', '--verbose']]) {
      const t = await runCli(['doctor', '--offline', '--only', 'client-logs', '--home', h.dir, '--platform', 'darwin', ...extra], { cwd });
      expect(t.stdout).toContain(extra.includes('--json') ? '"client-logs"' : 'client-logs');
      expect(leaksToken(t.all), t.all).toBe(false);
    }
  });

  it.each([
    [`Error: Streamable HTTP error: Error POSTing to endpoint (HTTP 404): Not Found`, ['workspace-id-invalid', 'mcp-server-disabled']],
    [`SSE error: Non-200 status code (503)`, ['server-unreachable', 'contact-support']],
    [`Error POSTing to endpoint (HTTP 500): Internal Server Error`, ['contact-support', 'server-unreachable']],
  ])('a 404 or a 5xx brings both its remedies, as explain ranks them: %s', async (line, ids) => {
    const h = home();
    h.write('Library/Logs/Claude/mcp-server-tray-workspace.log', `${ts} ${line}\n`);
    const { results } = await logsCheck(h, 'darwin');
    expect(results.map((x) => x.remedies.map((r) => r.id))).toEqual([ids]);
  });

  it('a token that is in a client config is masked by value in a log line, whatever its shape', async () => {
    const h = home();
    h.write('Library/Application Support/Claude/claude_desktop_config.json', JSON.stringify({
      mcpServers: {
        'acme-prod': { command: 'npx', args: ['-y', 'mcp-remote', `https://${WORKSPACE}.mcp.tray.ai`, '--header', 'Authorization:${AUTH_HEADER}'], env: { AUTH_HEADER: `Bearer ${CANARY}` } },
      },
    }, null, 2));
    h.write('Library/Logs/Claude/mcp.log', `${ts} [error] [acme-prod] spawn npx ENOENT (launched with ${CANARY} as its only secret)\n`);
    const { results } = await logsCheck(h, 'darwin'); // asserts the canary is nowhere in the output
    const npx = results.find((x) => x.remedies[0]?.id === 'node-missing')!;
    expect(npx.details.line).toContain(`launched with …${CANARY.slice(-4)} as its only secret`);
  });

  it('quoted flag and value in a logged spawn error never leak: needs a redact.ts pattern', async () => {
    const h = home();
    h.write('Library/Logs/Claude/mcp.log', QUOTED_ARG_LINES.map(([l]) => l).join('\n') + '\n');
    for (const extra of [['--json'], ['--verbose']]) {
      const r = await runCli(['doctor', '--offline', '--only', 'client-logs', '--home', h.dir, '--platform', 'darwin', ...extra], { cwd });
      expect(r.stdout).toContain('Node.js (node/npx) is not on the PATH');
      expect(leaksToken(r.all), r.all).toBe(false);
    }
  });

  it('no logs at all: skip, naming where it looked', async () => {
    const h = home();
    const { results } = await logsCheck(h, 'darwin');
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ status: 'skip', subject: 'system' });
    expect(results[0]!.details.looked).toContain('~/Library/Logs/Claude');
  });
});

describe('client-logs: the real-world failure remedies, end to end through doctor', () => {
  // One Claude Desktop log line per remedy added for the failures users really hit (phrasings from
  // test/corpus/errors.jsonl and the catalog's examples), each on its own Tray server's line.
  const LINES: [string, string][] = [
    ['stdio-output-not-json', `Unexpected token 'C', "Created in"... is not valid JSON`],
    ['npx-cache-corrupt', "Error [ERR_MODULE_NOT_FOUND]: Cannot find module '/Users/ana/.npm/_npx/705d23756ff7dacc/node_modules/mcp-remote/dist/chunk-CYX6C3U3.js' imported from /Users/ana/.npm/_npx/705d23756ff7dacc/node_modules/mcp-remote/dist/proxy.js"],
    ['bridge-auth-state-stale', '{"error":"invalid_client","error_description":"Client not found."}'],
    ['session-expired', 'Error POSTing to endpoint (HTTP 404): {"jsonrpc":"2.0","error":{"code":-32001,"message":"Session not found"},"id":null}'],
    ['transport-mismatch', '{"jsonrpc":"2.0","id":"server-error","error":{"code":-32600,"message":"Not Acceptable: Client must accept both application/json and text/event-stream"}}'],
    ['request-timeout', 'McpError: MCP error -32001: Request timed out'],
    ['protocol-revision-mismatch', "Error: Server's protocol version is not supported: 2026-07-28"],
  ];

  it.each(LINES)('%s', async (id, line) => {
    const h = home();
    h.write('Library/Logs/Claude/mcp.log', [`${ts} [info] [tray-workspace] Initializing server...`, `${ts} [error] [tray-workspace] ${line}`].join('\n') + '\n');
    const { results } = await logsCheck(h, 'darwin');
    const found = results.flatMap((r) => r.remedies.map((m) => m.id));
    expect(found[0], JSON.stringify(results.map((r) => r.message))).toBe(id);
  });

  it('windows: spawn EINVAL and the split "C:\\Program" argument', async () => {
    for (const [id, line] of [['windows-npx-needs-cmd', 'Error: spawn EINVAL'], ['windows-args-split', "'C:\\Program' is not recognized as an internal or external command,"]] as const) {
      const h = home();
      h.write('AppData/Roaming/Claude/logs/mcp.log', [`${ts} [info] [tray-workspace] Initializing server...`, `${ts} [error] [tray-workspace] ${line}`].join('\n') + '\n');
      const { results } = await logsCheck(h, 'win32');
      expect(results.flatMap((r) => r.remedies.map((m) => m.id))[0], JSON.stringify(results.map((r) => r.message))).toBe(id);
    }
  });
});

describe('the real-world failure remedies found in configs and on disk, end to end through doctor', () => {
  const URL_ = `https://${WORKSPACE}.mcp.tray.ai`;
  const ids = (rows: R[]) => rows.flatMap((r) => r.remedies.map((m) => m.id));
  async function doctorRows(h: TempHome, platform: string, only: string[]) {
    const r = await runCli(['doctor', '--offline', '--json', '--only', ...only, '--home', h.dir, '--platform', platform], { cwd });
    expect(leaksCanary(r.all)).toBe(false);
    return rowsOf<R>(json(r)).filter((x) => only.includes(x.check));
  }

  it('server-exited-early: npx runs mcp-remote without -y (it waits on "Ok to proceed?" and the client gives up)', async () => {
    const h = home();
    h.write('Library/Application Support/Claude/claude_desktop_config.json', JSON.stringify({ mcpServers: { tray: { command: 'npx', args: ['mcp-remote', URL_, '--header', 'Authorization:${AUTH_HEADER}'], env: { AUTH_HEADER: `Bearer ${CANARY}` } } } }));
    expect(ids(await doctorRows(h, 'darwin', ['tray-servers']))).toContain('server-exited-early');
  });

  it('windows-npx-needs-cmd and windows-args-split: a Claude Code bridge entry on Windows', async () => {
    const h = home();
    h.write('.claude.json', JSON.stringify({ mcpServers: { tray: { command: 'npx', args: ['-y', 'mcp-remote', URL_, '--header', `Authorization: Bearer ${CANARY}`] } } }));
    const found = ids(await doctorRows(h, 'win32', ['tray-servers']));
    expect(found).toContain('windows-npx-needs-cmd');
    expect(found).toContain('windows-args-split');
  });

  it("npx-cache-corrupt and bridge-auth-state-stale: npx's damaged cache and mcp-remote's stored sign-in state", async () => {
    const h = home();
    h.write('.config/Claude/claude_desktop_config.json', JSON.stringify({ mcpServers: { tray: { command: 'npx', args: ['-y', 'mcp-remote', URL_, '--header', 'Authorization:${AUTH_HEADER}'], env: { AUTH_HEADER: `Bearer ${CANARY}` } } } }));
    h.write('.npm/_npx/0a1b2c/node_modules/mcp-remote/package.json', JSON.stringify({ version: '0.1.29', bin: { 'mcp-remote': 'dist/proxy.js' } }));
    const { createHash } = await import('node:crypto');
    h.write(`.mcp-auth/${createHash('md5').update(URL_).digest('hex')}_client_info.json`, '{}');
    const found = ids(await doctorRows(h, 'linux', ['bridge']));
    expect(found).toContain('npx-cache-corrupt');
    expect(found).toContain('bridge-auth-state-stale');
  });
});
