// setup --verify: after writing, the network checks run against the server just configured. The
// server is the loopback Agent Gateway fixture (a real MCP server on 127.0.0.1); setup is pointed
// at it with its internal, hidden --test-gateway-url option (loopback only), so nothing but
// loopback is ever contacted.
import { describe, it, expect, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { runCli, json } from '../helpers/cli.js';
import { tempHome, CANARY, WORKSPACE, leaksCanary, type TempHome } from '../helpers/home.js';
import { doctorReportErrors } from '../helpers/schema.js';
// @ts-expect-error plain ESM fixture without type declarations
import { startGateway } from '../fixtures/gateway.mjs';

const NETWORK = ['reachability', 'authentication', 'mcp-handshake', 'tool-visibility'];
const homes: TempHome[] = [];
const gateways: { close(): Promise<void> }[] = [];
afterAll(async () => {
  homes.forEach((h) => h.cleanup());
  await Promise.all(gateways.map((g) => g.close()));
});

async function gateway(scenario: string) {
  const g = await startGateway({ scenario, token: CANARY });
  gateways.push(g);
  return g as { url: string; origin: string; requests: { authorization?: string }[] };
}

describe('setup --verify', () => {
  it('a working server: the four network checks pass, as a JSON report; exit 0', async () => {
    const g = await gateway('ok');
    const h = tempHome('tray-setup-verify-');
    homes.push(h);
    // Another Tray entry already in the file must not be probed: --verify checks only this server.
    h.write('.cursor/mcp.json', JSON.stringify({ mcpServers: { 'tray-staging': { url: 'http://127.0.0.1:9/mcp', headers: { Authorization: 'Bearer other-token-abcdef123456' } } } }));
    const r = await runCli(['setup', '-w', WORKSPACE, '-t', CANARY, '-c', 'cursor', '--home', h.dir, '--platform', 'linux', '--verify', '--json', '--test-gateway-url', g.url], {
      cwd: h.dir,
    });
    expect(r.code, r.stderr + r.stdout).toBe(0);
    const report = json(r);
    expect(doctorReportErrors(report)).toEqual([]);
    expect(new Set(report.results.map((x: any) => x.check))).toEqual(new Set(NETWORK));
    for (const x of report.results) expect(x.status, `${x.check}: ${x.message}`).toBe('pass');
    expect(report.results.every((x: any) => x.subject.startsWith(g.origin))).toBe(true);
    expect(JSON.parse(readFileSync(h.path('.cursor/mcp.json'), 'utf8')).mcpServers['tray-workspace'].url).toBe(g.url);
    expect(g.requests.length).toBeGreaterThan(0);
    expect(g.requests.every((q) => q.authorization === `Bearer ${CANARY}`)).toBe(true);
    expect(r.stderr).toContain('✓ Configuration successfully updated!');
    expect(leaksCanary(r.all)).toBe(false);
  });

  it('a refused token: written anyway, the table names the remedy, exit 1', async () => {
    const g = await gateway('401');
    const h = tempHome('tray-setup-verify-');
    homes.push(h);
    const r = await runCli(['setup', '-w', WORKSPACE, '-t', CANARY, '-c', 'claude-code', '--home', h.dir, '--platform', 'darwin', '--verify', '--test-gateway-url', g.url], {
      cwd: h.dir,
    });
    expect(r.code, r.stderr + r.stdout).toBe(1);
    expect(r.stdout).toContain('authentication');
    expect(r.stdout).toContain('tray-mcp explain token-invalid-or-expired');
    expect(r.stderr).toContain('The configuration was written, but the connection check found problems');
    expect(JSON.parse(readFileSync(h.path('.claude.json'), 'utf8')).mcpServers['tray-workspace'].url).toBe(g.url);
    expect(leaksCanary(r.all)).toBe(false);
  });

  it('the old test variable does nothing in the shipped build; the hidden option takes only a plain loopback URL', async () => {
    const h = tempHome('tray-setup-verify-');
    homes.push(h);
    const r = await runCli(['setup', '-w', WORKSPACE, '-t', CANARY, '-c', 'cursor', '--home', h.dir, '--platform', 'linux'], {
      env: { TRAY_MCP_TEST_GATEWAY_URL: 'http://u:p@localhost:8765/x' },
    });
    expect(r.code, r.stderr).toBe(0);
    const written = readFileSync(h.path('.cursor/mcp.json'), 'utf8');
    expect(JSON.parse(written).mcpServers['tray-workspace'].url).toBe(`https://${WORKSPACE}.mcp.tray.ai`);
    expect(written).not.toContain('u:p@');
    for (const bad of ['http://u:p@localhost:8765/x', 'https://evil.example/mcp', 'http://127.0.0.1:1/x?token=1', 'file:///etc/passwd', 'not a url']) {
      const b = await runCli(['setup', '-w', WORKSPACE, '-t', CANARY, '-c', 'cursor', '--home', h.dir, '--platform', 'linux', '--test-gateway-url', bad]);
      expect(b.code, bad).toBe(2);
      expect(b.stderr).toContain('--test-gateway-url');
    }
    const help = await runCli(['setup', '--help']);
    expect(help.stdout).not.toContain('test-gateway-url');
    expect(help.stdout).not.toContain('code-cli');
  });
});
