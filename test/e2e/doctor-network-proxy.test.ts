// The network doctor behind a proxy: HTTP_PROXY/HTTPS_PROXY/NO_PROXY are honoured (undici's env
// proxy agent), the proxy in use is reported with its credentials removed, and a proxy that is down
// or wants credentials is proxy-misconfigured. Real loopback proxy (CONNECT) and gateway.
import { describe, it, expect, afterAll } from 'vitest';
import net from 'node:net';
import { runCli, json } from '../helpers/cli.js';
import { CANARY, leaksCanary, tempHome, type TempHome } from '../helpers/home.js';
import { doctorReportErrors } from '../helpers/schema.js';
import { startGateway } from '../fixtures/gateway.mjs';
import { startProxy } from '../fixtures/proxy.mjs';

const NET = ['reachability', 'authentication', 'mcp-handshake', 'tool-visibility'];
const PROXY_SECRET = 'pr0xy-Passw0rd-xyz';
const open: { close(): Promise<void> }[] = [];
const homes: TempHome[] = [];

afterAll(async () => {
  await Promise.all(open.splice(0).map((g) => g.close()));
  for (const h of homes.splice(0)) h.cleanup();
});

async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

async function doctor(url: string, env: Record<string, string>) {
  const home = tempHome('tray-mcp-proxy-');
  homes.push(home);
  const r = await runCli(['doctor', '--url', url, '--token', CANARY, '--json', '--home', home.dir, '--only', ...NET], { env });
  const report = json(r);
  expect(doctorReportErrors(report)).toEqual([]);
  expect(leaksCanary(r.all)).toBe(false);
  expect(r.all).not.toContain(PROXY_SECRET);
  const get = (check: string) => report.results.find((x: any) => x.check === check);
  return { r, report, get };
}

describe.concurrent('proxies', () => {
  it('goes through HTTP_PROXY and reports it (credentials removed)', async () => {
    const g = await startGateway({ scenario: 'ok', token: CANARY });
    const proxy = await startProxy();
    open.push(g, proxy);
    const withCreds = proxy.url.replace('http://', `http://user:${PROXY_SECRET}@`);
    const run = await doctor(g.url, { HTTP_PROXY: withCreds });
    expect(run.r.code).toBe(0);
    expect(run.get('reachability')).toMatchObject({ status: 'pass', details: { proxy: proxy.url } });
    expect(run.get('reachability').message).toContain(`through the proxy ${proxy.url}`);
    expect(run.get('tool-visibility')).toMatchObject({ status: 'pass', details: { toolCount: 3 } });
    expect(run.report.environment.proxy).toBe(proxy.url);
    // The proxy was asked for a tunnel to the gateway; the token is not in the proxy's request.
    expect(proxy.connects.map((c) => c.target)).toContain(`127.0.0.1:${g.port}`);
    expect(proxy.connects.every((c) => c.proxyAuthorization && !c.authorization)).toBe(true);
    for (const req of g.requests) expect(req.authorization).toBe(`Bearer ${CANARY}`);
  });

  it('a proxy that is not there: proxy-misconfigured, with the proxy named without its password', async () => {
    const g = await startGateway({ scenario: 'ok', token: CANARY });
    open.push(g);
    const port = await closedPort();
    const run = await doctor(g.url, { HTTP_PROXY: `http://user:${PROXY_SECRET}@127.0.0.1:${port}` });
    const reach = run.get('reachability');
    expect(reach).toMatchObject({ status: 'fail', details: { phase: 'tcp', code: 'ECONNREFUSED', proxy: `http://127.0.0.1:${port}` } });
    expect(reach.remedies[0].id).toBe('proxy-misconfigured');
    expect(g.requests).toEqual([]);
  });

  it('a proxy that wants credentials (407): proxy-misconfigured with details.proxyStatus', async () => {
    const g = await startGateway({ scenario: 'ok', token: CANARY });
    const proxy = await startProxy({ requireAuth: true });
    open.push(g, proxy);
    const run = await doctor(g.url, { HTTP_PROXY: proxy.url });
    const reach = run.get('reachability');
    expect(reach).toMatchObject({ status: 'fail', details: { proxyStatus: 407, proxy: proxy.url } });
    expect(reach.message).toContain('407');
    expect(reach.remedies[0].id).toBe('proxy-misconfigured');
    expect(g.requests).toEqual([]);
  });

  it('NO_PROXY bypasses the proxy, and says so', async () => {
    const g = await startGateway({ scenario: 'ok', token: CANARY });
    const proxy = await startProxy();
    open.push(g, proxy);
    const run = await doctor(g.url, { HTTP_PROXY: proxy.url, NO_PROXY: 'localhost,127.0.0.1' });
    expect(run.get('reachability')).toMatchObject({ status: 'pass', details: { proxy: null, proxyBypassed: true } });
    expect(proxy.connects).toEqual([]);
  });
});

describe.concurrent('proxies: bounds and where the token may go', () => {
  it('a proxy that accepts the connection but never answers CONNECT: one bound, the proxy named (no credentials), proxy-misconfigured', async () => {
    const g = await startGateway({ scenario: 'ok', token: CANARY });
    const proxy = await startProxy({ silent: true });
    open.push(g, proxy);
    const withCreds = proxy.url.replace('http://', `http://user:${PROXY_SECRET}@`);
    const home = tempHome('tray-mcp-proxy-');
    homes.push(home);
    const r = await runCli(['doctor', '--url', g.url, '--token', CANARY, '--json', '--home', home.dir, '--only', ...NET, '--timeout', '1000'], {
      env: { HTTP_PROXY: withCreds, HTTPS_PROXY: withCreds },
    });
    const report = json(r);
    expect(doctorReportErrors(report)).toEqual([]);
    expect(r.all).not.toContain(PROXY_SECRET);
    expect(leaksCanary(r.all)).toBe(false);
    const reach = report.results.find((x: any) => x.check === 'reachability');
    expect(reach).toMatchObject({ status: 'fail', details: { proxy: proxy.url } });
    expect(reach.message).toContain(`the proxy ${proxy.url}`);
    expect(reach.message).toContain('did not answer');
    expect(reach.remedies[0].id).toBe('proxy-misconfigured');
    expect(proxy.connects).toHaveLength(1);
    // One bound (1000 ms) and change, not four (was ≥ 4250), measured at the proxy: from the CONNECT's
    // arrival to its connection closing (doctor gave up, reported and exited), so neither the CLI's
    // start-up nor loading its HTTP client, slow on a busy machine, is part of it.
    const [connect] = proxy.connects;
    for (let i = 0; i < 50 && connect!.closedAt === undefined; i++) await new Promise((r) => setTimeout(r, 20));
    expect(connect!.closedAt! - connect!.at).toBeLessThan(1000 + 3000);
    expect(g.requests).toEqual([]);
  });

  it('config entries whose URL is not Tray are not probed: no CONNECT for them, and a skip that says why', async () => {
    const uuid = '12345678-abcd-1234-ef56-0123456789ab';
    const evil = `https://${uuid}.mcp.tray.ai.evil.com`;
    const notUuid = 'https://not-a-uuid.mcp.tray.ai';
    const g = await startGateway({ scenario: 'ok', token: CANARY });
    const proxy = await startProxy();
    open.push(g, proxy);
    const home = tempHome('tray-mcp-proxy-');
    homes.push(home);
    const auth = { Authorization: `Bearer ${CANARY}` };
    home.write(
      '.cursor/mcp.json',
      JSON.stringify({ mcpServers: { 'tray-evil': { url: evil, headers: auth }, 'tray-notuuid': { url: notUuid, headers: auth }, 'tray-local': { url: g.url, headers: auth } } }),
    );
    const env = { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url };
    const r = await runCli(['doctor', '--json', '--home', home.dir, '--only', ...NET], { env });
    const report = json(r);
    expect(doctorReportErrors(report)).toEqual([]);
    expect(leaksCanary(r.all)).toBe(false);
    const targets = proxy.connects.map((c) => c.target);
    expect(targets).toContain(`127.0.0.1:${g.port}`); // the proxy is in use: the loopback entry went through it
    expect(targets.filter((x) => !x.startsWith('127.0.0.1:'))).toEqual([]);
    for (const origin of [evil, notUuid]) {
      for (const check of NET) {
        const res = report.results.find((x: any) => x.check === check && x.subject === origin);
        expect(res, `${check} ${origin}`).toMatchObject({ status: 'skip', details: { reason: 'url-not-tray' }, remedies: [] });
        expect(res.message).toContain('not a Tray Agent Gateway URL');
      }
    }
    expect(report.results.find((x: any) => x.check === 'tool-visibility' && x.subject === g.origin)).toMatchObject({ status: 'pass' });
  });

  it('the same host given with --url is the user’s explicit choice and is tried (through the proxy, which refuses it)', async () => {
    const evil = 'https://12345678-abcd-1234-ef56-0123456789ab.mcp.tray.ai.evil.com';
    const proxy = await startProxy();
    open.push(proxy);
    const run = await doctor(evil, { HTTPS_PROXY: proxy.url });
    expect(proxy.connects.map((c) => c.target)).toEqual([`${new URL(evil).host}:443`]);
    expect(run.get('reachability')).toMatchObject({ status: 'fail', details: { proxyStatus: 403 } });
  });
});
