// A 5xx from the server reads the same in doctor as in explain: 500 is the server answering and
// failing (contact support first); 502–504 a gateway or proxy on the way (unreachable first).
import { describe, it, expect, afterAll } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { runCli, json } from '../helpers/cli.js';
import { CANARY, leaksCanary, tempHome } from '../helpers/home.js';
import { doctorReportErrors } from '../helpers/schema.js';

const servers: http.Server[] = [];
afterAll(() => servers.forEach((s) => s.close()));

async function failing(status: number): Promise<string> {
  const server = http.createServer((req, res) => {
    req.resume();
    res.writeHead(status, { 'content-type': 'text/plain' }).end(`upstream said ${status}`);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('doctor and explain agree on 5xx', () => {
  it.each([
    [500, ['contact-support', 'server-unreachable']],
    [503, ['server-unreachable', 'contact-support']],
  ])('HTTP %i', async (status, expected) => {
    const url = await failing(status);
    const r = await runCli(['doctor', '--json', '--url', url, '--token', CANARY, '--timeout', '2000', '--home', tempHome().dir]);
    const report = json(r);
    expect(doctorReportErrors(report)).toEqual([]);
    const failed = report.results.filter((x: { status: string; subject: string }) => x.status === 'fail' && x.subject.startsWith(url));
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0].remedies.map((m: { id: string }) => m.id)).toEqual(expected);
    expect(leaksCanary(r.all)).toBe(false);

    const e = await runCli(['explain', '--json', `HTTP ${status}`]);
    expect(json(e).matches.slice(0, 2).map((m: { id: string }) => m.id)).toEqual(expected);
  });
});
