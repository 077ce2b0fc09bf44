// Round trip: what setup writes is what doctor accepts. After `setup -c C`, `doctor --offline`
// for that client passes tray-servers (and the file checks) on every platform.
import { describe, it, expect, afterAll } from 'vitest';
import { runCli, json } from '../helpers/cli.js';
import { tempHome, CANARY, WORKSPACE, leaksCanary, type TempHome } from '../helpers/home.js';
import { doctorReportErrors } from '../helpers/schema.js';

const CLIENTS = ['claude', 'claude-code', 'cursor', 'windsurf', 'vscode', 'cline'] as const;
const PLATFORMS = ['darwin', 'win32', 'linux'] as const;

const homes: TempHome[] = [];
afterAll(() => homes.forEach((h) => h.cleanup()));

async function roundTrip(client: string, platform: string, name: string, before?: (h: TempHome) => void) {
  const h = tempHome('tray-setup-rt-');
  homes.push(h);
  before?.(h);
  const s = await runCli(['setup', '-w', WORKSPACE, '-t', CANARY, '-c', client, '-n', name, '--home', h.dir, '--platform', platform], { cwd: h.dir });
  expect(s.code, s.stderr).toBe(0);
  const d = await runCli(['doctor', '--offline', '--json', '--home', h.dir, '--platform', platform, '--client', client], { cwd: h.dir });
  const report = json(d);
  expect(doctorReportErrors(report)).toEqual([]);
  expect(leaksCanary(s.all + d.all)).toBe(false);
  return report as { results: { check: string; status: string; client: string | null; subject: string; message: string }[] };
}

describe.concurrent('setup → doctor --offline round trip', () => {
  for (const client of CLIENTS) {
    for (const platform of PLATFORMS) {
      it(`${client} on ${platform}: tray-servers passes for what setup wrote`, async () => {
        const report = await roundTrip(client, platform, 'tray-workspace');
        const tray = report.results.filter((r) => r.check === 'tray-servers' && (r.clientId ?? r.client) === client);
        expect(tray.length, JSON.stringify(report.results.filter((r) => r.check === 'tray-servers'))).toBeGreaterThan(0);
        for (const r of tray) expect(r.status, `${r.subject}: ${r.message}`).toBe('pass');
        expect(tray.map((r) => r.subject)).toContain(`${client} › tray-workspace`);
        for (const check of ['config-json', 'config-schema', 'file-permissions']) {
          const rs = report.results.filter((r) => r.check === check && (r.clientId ?? r.client) === client);
          expect(rs.length, check).toBeGreaterThan(0);
          for (const r of rs) expect(r.status, `${check} ${r.subject}: ${r.message}`).toBe('pass');
        }
      });
    }
  }

  it('overwriting a same-name entry leaves no duplicate for doctor to flag', async () => {
    const report = await roundTrip('cursor', 'linux', 'tray-workspace', (h) =>
      h.write('.cursor/mcp.json', JSON.stringify({ mcpServers: { 'tray-workspace': { url: 'https://old.example', headers: { Authorization: 'Bearer OLD-token-aaaaaaaaaaaa' } }, other: { command: 'node', args: ['x.js'] } } })),
    );
    const tray = report.results.filter((r) => r.check === 'tray-servers');
    expect(tray.filter((r) => r.status !== 'pass' && r.status !== 'skip')).toEqual([]);
    expect(tray.map((r) => r.subject)).toContain('cursor › tray-workspace');
  });
});
