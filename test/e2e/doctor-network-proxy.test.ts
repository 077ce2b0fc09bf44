// The network doctor behind a proxy: HTTP_PROXY/HTTPS_PROXY/NO_PROXY are honoured (undici's env
// proxy agent), the proxy in use is reported with its credentials removed, and a proxy that is down
// or wants credentials is proxy-misconfigured. Loopback never goes through a proxy (plain http
// would show it the token), so the proxied server is https://gateway.test:PORT: the test proxy
// resolves that name to 127.0.0.1 (as a corporate proxy resolves names the client cannot) and the
// loopback gateway presents a certificate for it (trusted with NODE_EXTRA_CA_CERTS).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import net from 'node:net';
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { runCli, json } from '../helpers/cli.js';
import { CANARY, leaksCanary, tempHome, type TempHome } from '../helpers/home.js';
import { doctorReportErrors } from '../helpers/schema.js';
import { opensslAvailable, selfSignedCert, startGateway } from '../fixtures/gateway.mjs';
import { startProxy } from '../fixtures/proxy.mjs';

const NET = ['reachability', 'authentication', 'mcp-handshake', 'tool-visibility'];
const PROXY_SECRET = 'pr0xy-Passw0rd-xyz';
const NAME = 'gateway.test';
const HOSTS = { [NAME]: '127.0.0.1' };
const open: { close(): Promise<void> }[] = [];
const homes: TempHome[] = [];
let tls: { cert: string; key: string };
let caFile: string;

beforeAll(() => {
  if (!opensslAvailable()) return;
  tls = selfSignedCert([NAME]);
  const h = tempHome('tray-mcp-proxy-ca-');
  homes.push(h);
  caFile = path.join(h.dir, 'ca.pem');
  writeFileSync(caFile, tls.cert);
});

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

/** A TLS gateway on 127.0.0.1 reached as https://gateway.test:PORT/mcp. */
async function tlsGateway() {
  const g = await startGateway({ scenario: 'tls', token: CANARY, tls });
  open.push(g);
  return { g, url: `https://${NAME}:${g.port}/mcp`, origin: `https://${NAME}:${g.port}` };
}

async function doctor(url: string, env: Record<string, string>, extra: string[] = []) {
  const home = tempHome('tray-mcp-proxy-');
  homes.push(home);
  const r = await runCli(['doctor', '--url', url, '--token', CANARY, '--json', '--home', home.dir, '--only', ...NET, ...extra], {
    env: { NODE_EXTRA_CA_CERTS: caFile, ...env },
  });
  const report = json(r);
  expect(doctorReportErrors(report)).toEqual([]);
  expect(leaksCanary(r.all)).toBe(false);
  expect(r.all).not.toContain(PROXY_SECRET);
  const get = (check: string) => report.results.find((x: any) => x.check === check);
  return { r, report, get };
}

describe.skipIf(!opensslAvailable()).concurrent('proxies', () => {
  it('goes through HTTPS_PROXY and reports it (credentials removed); the proxy never sees the token', async () => {
    const { g, url } = await tlsGateway();
    const proxy = await startProxy({ hosts: HOSTS });
    open.push(proxy);
    const withCreds = proxy.url.replace('http://', `http://user:${PROXY_SECRET}@`);
    const run = await doctor(url, { HTTPS_PROXY: withCreds });
    expect(run.r.code).toBe(0);
    expect(run.get('reachability')).toMatchObject({ status: 'pass', details: { proxy: proxy.url } });
    expect(run.get('reachability').message).toContain(`through the proxy ${proxy.url}`);
    expect(run.get('tool-visibility')).toMatchObject({ status: 'pass', details: { toolCount: 3 } });
    expect(run.report.environment.proxy).toBe(proxy.url);
    // The proxy was asked for a tunnel to the gateway; the token is not in the proxy's request.
    expect(proxy.connects.map((c) => c.target)).toContain(`${NAME}:${g.port}`);
    expect(proxy.connects.every((c) => c.proxyAuthorization && !c.authorization)).toBe(true);
    for (const req of g.requests) expect(req.authorization).toBe(`Bearer ${CANARY}`);
  });

  it('a proxy that is not there: proxy-misconfigured, with the proxy named without its password', async () => {
    const port = await closedPort();
    const run = await doctor(`https://${NAME}:${await closedPort()}/mcp`, { HTTPS_PROXY: `http://user:${PROXY_SECRET}@127.0.0.1:${port}` });
    const reach = run.get('reachability');
    expect(reach).toMatchObject({ status: 'fail', details: { phase: 'tcp', code: 'ECONNREFUSED', proxy: `http://127.0.0.1:${port}` } });
    expect(reach.remedies[0].id).toBe('proxy-misconfigured');
  });

  it('a proxy that wants credentials (407): proxy-misconfigured with details.proxyStatus', async () => {
    const { g, url } = await tlsGateway();
    const proxy = await startProxy({ requireAuth: true, hosts: HOSTS });
    open.push(proxy);
    const run = await doctor(url, { HTTPS_PROXY: proxy.url });
    const reach = run.get('reachability');
    expect(reach).toMatchObject({ status: 'fail', details: { proxyStatus: 407, proxy: proxy.url } });
    expect(reach.message).toContain('407');
    expect(reach.remedies[0].id).toBe('proxy-misconfigured');
    expect(g.requests).toEqual([]);
  });

  it('NO_PROXY bypasses the proxy, and says so', async () => {
    const proxy = await startProxy({ hosts: HOSTS });
    open.push(proxy);
    // Direct, the name is unknown to this machine's resolver: the lookup fails, with the proxy unused.
    const run = await doctor(`https://${NAME}:${await closedPort()}/mcp`, { HTTPS_PROXY: proxy.url, NO_PROXY: `localhost,${NAME}` });
    expect(run.get('reachability')).toMatchObject({ status: 'fail', details: { phase: 'dns', proxy: null, proxyBypassed: true } });
    expect(proxy.connects).toEqual([]);
  });
});

describe.concurrent('proxies and loopback', () => {
  it('a loopback server is never reached through a proxy: plain http would show the proxy the token', async () => {
    const g = await startGateway({ scenario: 'ok', token: CANARY });
    const proxy = await startProxy();
    open.push(g, proxy);
    const env = { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url, http_proxy: proxy.url };
    for (const url of [g.url, g.url.replace('127.0.0.1', 'localhost'), g.url.replace('127.0.0.1', 'tray.localhost')]) {
      const run = await doctor(url, env);
      expect(run.get('reachability'), url).toMatchObject({ status: 'pass', details: { proxy: null, proxyBypassed: true } });
      expect(run.get('tool-visibility'), url).toMatchObject({ status: 'pass' });
    }
    expect(proxy.connects).toEqual([]);
    for (const req of g.requests) expect(req.authorization).toBe(`Bearer ${CANARY}`);
  });

  it('a *.localhost name is this machine without asking the resolver (RFC 6761): a name that embeds a secret reaches no DNS', async () => {
    const g = await startGateway({ scenario: 'ok', token: CANARY });
    open.push(g);
    // With no resolver that knows it, only the pinned 127.0.0.1 can make this work.
    const run = await doctor(g.url.replace('127.0.0.1', 'secret-part-9f8e7d.evil.localhost'), {});
    expect(run.get('reachability')).toMatchObject({ status: 'pass', details: { timings: { dns: expect.any(Number) } } });
    expect(run.get('reachability').details.address).toMatch(/^127\.0\.0\.1:/);
  });
});

describe.skipIf(!opensslAvailable()).concurrent('proxies: bounds and where the token may go', () => {
  it('a proxy that accepts the connection but never answers CONNECT: one bound, the proxy named (no credentials), proxy-misconfigured', async () => {
    const proxy = await startProxy({ silent: true, hosts: HOSTS });
    open.push(proxy);
    const withCreds = proxy.url.replace('http://', `http://user:${PROXY_SECRET}@`);
    const run = await doctor(`https://${NAME}:${await closedPort()}/mcp`, { HTTP_PROXY: withCreds, HTTPS_PROXY: withCreds }, ['--timeout', '1000']);
    const reach = run.get('reachability');
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
  });

  it('config entries whose URL is not Tray (or is this machine) are not probed: no CONNECT for them, and a skip that says why', async () => {
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
    expect(proxy.connects).toEqual([]);
    expect(g.requests).toEqual([]);
    for (const origin of [evil, notUuid, g.origin]) {
      for (const check of NET) {
        const res = report.results.find((x: any) => x.check === check && x.subject === origin);
        expect(res, `${check} ${origin}`).toMatchObject({ status: 'skip', details: { reason: 'url-not-tray' }, remedies: [] });
        expect(res.message).toContain(origin === g.origin ? 'points at this machine' : 'not a Tray Agent Gateway URL');
      }
    }
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
