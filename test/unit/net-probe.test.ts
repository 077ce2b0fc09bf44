// The probe and its wire, in process, against real loopback servers.
import { describe, it, expect, afterAll } from 'vitest';
import http from 'node:http';
import net from 'node:net';
import { startProbe } from '../../src/net/probe.js';
import { collectTargets } from '../../src/net/targets.js';
import { createWire, OriginRefused } from '../../src/net/wire.js';
import { startGateway } from '../fixtures/gateway.mjs';
import { CANARY } from '../helpers/home.js';

const closers: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

async function gateway(scenario: string, token = CANARY) {
  const g = await startGateway({ scenario: scenario as never, token });
  closers.push(() => g.close());
  return g;
}

const cfg = { timeoutMs: 2000, vars: {}, version: '0.0.0-test' };
const probeOf = (url: string, token: string | undefined = CANARY, timeoutMs = cfg.timeoutMs) =>
  startProbe(collectTargets([], [url], token)[0]!, { ...cfg, timeoutMs });

describe('net/probe', () => {
  it('settles stages in order, reach first, and records exchanges without any header', async () => {
    const g = await gateway('ok');
    const p = probeOf(g.url);
    const order: string[] = [];
    await Promise.all(
      (['tools', 'handshake', 'auth', 'reach'] as const).map((k) => (p[k] as Promise<unknown>).then(() => order.push(k))),
    );
    expect(order).toEqual(['reach', 'auth', 'handshake', 'tools']);
    await p.done;
    expect(p.exchanges.length).toBe(g.requests.length);
    expect(p.exchanges.map((e) => e.rpc ?? e.method)).toEqual(expect.arrayContaining(['initialize', 'notifications/initialized', 'tools/list']));
    expect(JSON.stringify(p.exchanges)).not.toContain(CANARY);
    expect(JSON.stringify(p.exchanges).toLowerCase()).not.toContain('authorization');
  });

  it('the wire refuses any origin but the configured one (the token never leaves it)', async () => {
    const a = await gateway('ok');
    const b = await gateway('ok');
    const wire = await createWire({ url: new URL(a.url), token: CANARY, timeoutMs: 1000, vars: {}, events: {} });
    closers.push(() => wire.close());
    await expect(wire.fetch(b.url, { method: 'POST', body: '{}' })).rejects.toBeInstanceOf(OriginRefused);
    expect(b.requests).toEqual([]);
    const res = await wire.fetch(a.url, { method: 'GET', headers: { authorization: 'Bearer something-else' } });
    expect(res.status).toBe(405);
    expect(a.requests.at(-1)!.authorization).toBe(`Bearer ${CANARY}`); // the wire's token, not a caller's
  });

  it('a same-origin redirect is not followed either', async () => {
    const seen: string[] = [];
    const server = http.createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      res.writeHead(308, { location: '/elsewhere' }).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    closers.push(() => new Promise((r) => server.close(r)));
    const url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/mcp`;
    const p = probeOf(url);
    const reach = await p.reach;
    expect(reach).toMatchObject({ ok: false, status: 308, redirect: { status: 308, sameOrigin: true } });
    await p.done;
    expect(seen).toEqual(['POST /mcp']);
  });

  it('bounds each connection phase: a TLS handshake that never finishes fails in the tls phase', async () => {
    const sockets = new Set<net.Socket>();
    const hole = net.createServer((s) => {
      sockets.add(s);
      s.on('error', () => {});
    });
    await new Promise<void>((r) => hole.listen(0, '127.0.0.1', () => r()));
    closers.push(() => new Promise((r) => { for (const s of sockets) s.destroy(); hole.close(r); }));
    const t0 = performance.now();
    const p = probeOf(`https://127.0.0.1:${(hole.address() as net.AddressInfo).port}/mcp`, CANARY, 300);
    const reach = await p.reach;
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(reach.failure).toMatchObject({ phase: 'tls', code: 'ETIMEDOUT' });
    expect(reach.timings.tcp).toBeGreaterThanOrEqual(0);
    expect((await p.tools).state).toBe('blocked');
  });

  it('times the DNS lookup of a host name (localhost resolves locally)', async () => {
    const g = await gateway('ok');
    const p = probeOf(g.url.replace('127.0.0.1', 'localhost'));
    const reach = await p.reach;
    await p.done;
    expect(reach.ok).toBe(true);
    expect(typeof reach.timings.dns).toBe('number');
  });

  it('a plain-http non-loopback URL is refused before anything is loaded or sent', async () => {
    const p = probeOf('http://gateway.example.invalid/mcp');
    expect(await p.reach).toMatchObject({ ok: false, insecure: true });
    expect(await p.auth).toMatchObject({ state: 'blocked', by: 'reachability' });
    await p.done;
    expect(p.exchanges).toEqual([]);
  });
});
