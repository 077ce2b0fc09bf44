// The probe and its wire, in process, against real loopback servers.
import { describe, it, expect, afterAll } from 'vitest';
import http from 'node:http';
import net from 'node:net';
import { startProbe, type AuthOutcome } from '../../src/net/probe.js';
import { noMcpAnswerWords } from '../../src/checks/network-results.js';
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

/** The probe returns facts (never words or remedies); the authentication check words them. */
function worded(a: AuthOutcome) {
  expect(a).not.toHaveProperty('message');
  expect(a).not.toHaveProperty('remedies');
  return { ...a, ...noMcpAnswerWords(a.answer!) };
}

/** Wait until `cond()` holds (polling), or give up after `ms`. */
async function until(cond: () => boolean, ms = 2000): Promise<boolean> {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    if (cond()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return cond();
}

describe('net/probe: an accepted request must get its MCP answer within the bound', () => {
  it('200 text/event-stream that sends one comment and then nothing: authentication fails (no-answer) after about one bound; later stages blocked', async () => {
    const g = await gateway('sse-silent');
    const p = probeOf(g.url, CANARY, 400);
    expect(await p.reach).toMatchObject({ ok: true, status: 200 });
    const t0 = performance.now(); // the request was accepted: from here, one bound
    const auth = worded(await p.auth);
    const took = performance.now() - t0;
    expect(auth).toMatchObject({ state: 'failed', failure: 'no-answer', status: 200, contentType: 'text/event-stream', remedies: ['server-unreachable'] });
    expect(auth.message).toContain('no MCP answer within 400 ms');
    expect(took).toBeLessThan(400 * 3);
    expect(await p.handshake).toMatchObject({ state: 'blocked', by: 'authentication' });
    expect(await p.tools).toMatchObject({ state: 'blocked', by: 'authentication' });
  });

  it('when the probe is done, its connections are closed (the server sees none left open)', async () => {
    const g = await gateway('sse-silent');
    const p = probeOf(g.url, CANARY, 300);
    await p.reach;
    expect(g.connections()).toBeGreaterThan(0);
    const t0 = performance.now();
    await p.done;
    expect(performance.now() - t0).toBeLessThan(3 * 300); // about one bound, not the SDK's own time-out
    expect(await until(() => g.connections() === 0)).toBe(true);
  });

  it('a JSON body that trickles: the answer did not complete within the bound (headers did arrive)', async () => {
    const g = await gateway('trickle');
    const p = probeOf(g.url, CANARY, 500);
    const auth = worded(await p.auth);
    expect(auth).toMatchObject({ state: 'failed', failure: 'no-answer', status: 200, contentType: 'application/json' });
    expect(auth.message).toContain('body of its answer did not complete within 500 ms');
    expect(auth.message).not.toMatch(/no HTTP answer|HEADERS_TIMEOUT/);
    await p.done;
    expect(await until(() => g.connections() === 0)).toBe(true);
  });

  it('200 text/html (a captive portal) is not an MCP answer: authentication fails, it never passes', async () => {
    const g = await gateway('html');
    const p = probeOf(g.url);
    const auth = worded(await p.auth);
    expect(auth).toMatchObject({ state: 'failed', failure: 'not-mcp', status: 200, contentType: 'text/html', remedies: ['workspace-id-invalid', 'proxy-misconfigured'] });
    expect(auth.message).toContain('HTTP 200, content type text/html');
    expect(auth.message).not.toContain('HTTP -1');
    expect(await p.handshake).toMatchObject({ state: 'blocked', by: 'authentication' });
  });

  it('JSON that is not JSON-RPC is not an MCP answer either', async () => {
    const server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"hello":"world"}'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    closers.push(() => new Promise((r) => server.close(r)));
    const p = probeOf(`http://127.0.0.1:${(server.address() as net.AddressInfo).port}/mcp`);
    expect(await p.auth).toMatchObject({ state: 'failed', failure: 'not-mcp', status: 200 });
    expect(worded(await p.auth).message).toContain('not an MCP (JSON-RPC) message');
  });

  it('a server that answers initialize on the SSE stream after a slow start still passes (the bound is per step, not too eager)', async () => {
    const g = await startGateway({ scenario: 'sse', token: CANARY, latencyMs: 150 });
    closers.push(() => g.close());
    const p = probeOf(g.url, CANARY, 400);
    expect(await p.auth).toMatchObject({ state: 'ok' });
    expect(await p.tools).toMatchObject({ state: 'ok' });
  });

  it('legacy SSE fallback: the answer arriving on the stream before the POST’s 202 is not mistaken for a missing one', async () => {
    const g = await gateway('legacy-sse');
    const p = probeOf(g.url, CANARY, 400);
    expect(await p.handshake).toMatchObject({ state: 'ok', transport: 'sse' });
    expect(await p.tools).toMatchObject({ state: 'ok' });
  });
});

describe('net/probe: targets that are not probed', () => {
  it('a config entry whose URL is not a Tray gateway URL: nothing is sent, every stage says so', async () => {
    const g = await gateway('ok');
    const entry = {
      client: 'cursor' as const,
      ref: { client: 'cursor' as const, path: '/h/mcp.json', display: '~/.cursor/mcp.json', scope: 'user' as const, stale: false, explicit: false, kind: 'file' as const },
      name: 'tray',
      where: 'mcpServers',
      url: g.url.replace('127.0.0.1', 'user:pa55word-in-url@127.0.0.1'),
      token: CANARY,
      usable: true,
    };
    const [t] = collectTargets([entry], [], undefined);
    expect(t!.notProbed?.reason).toBe('url-credentials');
    expect(t!.token).toBeUndefined();
    const p = startProbe(t!, cfg);
    await p.done;
    expect(await p.auth).toMatchObject({ state: 'blocked' });
    expect(p.exchanges).toEqual([]);
    expect(g.requests).toEqual([]);
  });
});
