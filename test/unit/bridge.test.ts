// bridge: npx's cached mcp-remote and mcp-remote's stored sign-in state, in temp homes.
import { afterAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import bridge, { authHashes } from '../../src/checks/bridge.js';
import configFiles from '../../src/checks/config-files.js';
import configJson from '../../src/checks/config-json.js';
import trayServers from '../../src/checks/tray-servers.js';
import { runChecks } from '../../src/checks/runner.js';
import type { Check, DoctorOptions } from '../../src/checks/types.js';
import { makeEnvironment } from '../../src/lib/environment.js';
import { makeEntry, gatewayUrl } from '../../src/gateway/index.js';
import { CANARY, WORKSPACE, tempHome, type TempHome } from '../helpers/home.js';

const options: DoctorOptions = { clients: ['claude'], configPaths: [], urls: [], offline: true, timeoutMs: 1000, verbose: false, strict: false };
const URL = gatewayUrl(WORKSPACE);
const homes: TempHome[] = [];
afterAll(() => homes.forEach((h) => h.cleanup()));

async function run(setup: (h: TempHome) => void) {
  const h = tempHome('tray-bridge-');
  homes.push(h);
  h.write('.config/Claude/claude_desktop_config.json', JSON.stringify({ mcpServers: { 'tray-workspace': makeEntry('claude', URL, CANARY) } }));
  setup(h);
  const env = makeEnvironment({ home: h.dir, platform: 'linux', cwd: h.dir, vars: {} });
  const out = await runChecks({ checks: [bridge, configFiles, configJson, trayServers] as Check[], options, env, selection: { only: ['bridge'] } });
  const rows = out.results.filter((r) => r.check === 'bridge');
  expect(JSON.stringify(rows)).not.toContain(CANARY.slice(0, 16));
  return rows;
}

describe('bridge', () => {
  it('an intact cached mcp-remote and no stored state: pass', async () => {
    const rows = await run((h) => {
      h.write('.npm/_npx/abc123/node_modules/mcp-remote/package.json', JSON.stringify({ name: 'mcp-remote', version: '0.1.29', bin: { 'mcp-remote': 'dist/proxy.js' } }));
      h.write('.npm/_npx/abc123/node_modules/mcp-remote/dist/proxy.js', '');
    });
    expect(rows.map((r) => r.status)).toEqual(['pass', 'pass']);
    expect(rows[0]!.message).toContain('0.1.29');
  });

  it('a cached copy whose bin file is gone (ERR_MODULE_NOT_FOUND under _npx) → fail npx-cache-corrupt', async () => {
    const rows = await run((h) => h.write('.npm/_npx/abc123/node_modules/mcp-remote/package.json', JSON.stringify({ version: '0.1.29', bin: { 'mcp-remote': 'dist/proxy.js' } })));
    expect(rows[0]).toMatchObject({ status: 'fail', remedies: ['npx-cache-corrupt'] });
    expect(rows[0]!.message).toMatch(/npm cache clean --force/);
  });

  it("stored sign-in state for the Tray server (older md5(url) names and newer md5(url|headers)) → warn bridge-auth-state-stale", async () => {
    const old = createHash('md5').update(URL).digest('hex');
    expect(authHashes(URL, CANARY)).toContain(old);
    const rows = await run((h) => {
      h.write(`.mcp-auth/${old}_client_info.json`, '{}');
      h.write(`.mcp-auth/mcp-remote-0.1.29/${authHashes(URL, CANARY).at(-1)}_lock.json`, '{"pid": 999999}');
      h.write('.mcp-auth/0000ffff_client_info.json', '{}'); // another server's: not reported
    });
    const row = rows.find((r) => r.subject === 'claude › tray-workspace')!;
    expect(row).toMatchObject({ status: 'warn', remedies: ['bridge-auth-state-stale'] });
    expect((row.details as { files: string[] }).files).toHaveLength(2);
    expect(row.message).not.toContain('0000ffff');
  });

  it('no bridge entry: skip', async () => {
    const h = tempHome('tray-bridge-');
    homes.push(h);
    h.write('.cursor/mcp.json', JSON.stringify({ mcpServers: { t: makeEntry('cursor', URL, CANARY) } }));
    const env = makeEnvironment({ home: h.dir, platform: 'linux', cwd: h.dir, vars: {} });
    const out = await runChecks({ checks: [bridge, configFiles, configJson, trayServers] as Check[], options: { ...options, clients: [] }, env, selection: { only: ['bridge'] } });
    expect(out.results.filter((r) => r.check === 'bridge')).toMatchObject([{ status: 'skip' }]);
  });
});
