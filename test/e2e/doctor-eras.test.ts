// Both protocol eras, the OAuth2 path and Tray's Headless MCP server, end to end: the built CLI
// against loopback servers built with the SDKs' server side — the 2026-07-28 era (v2 server SDK,
// test/fixtures/gateway-2026.mjs: with and without the 2025 handshake, OAuth2-protected with each
// discovery step broken in turn) and the 2025 era with a session (SDK 1.x, test/fixtures/gateway.mjs).
// Every run: valid against the schema, the canary token in no output, and the token only at its own
// origin; OAuth2 discovery requests carry no token at all.
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, json } from '../helpers/cli.js';
import { CANARY, leaksCanary, tempHome, type TempHome } from '../helpers/home.js';
import { doctorReportErrors, rowsOf } from '../helpers/schema.js';
import { startGateway } from '../fixtures/gateway.mjs';
import { startModernGateway, type OAUTH_BREAKS } from '../fixtures/gateway-2026.mjs';

const NET = ['reachability', 'authentication', 'oauth', 'mcp-handshake', 'tool-visibility'];
const open: { close(): Promise<void> }[] = [];
const homes: TempHome[] = [];
afterAll(async () => {
  await Promise.all(open.splice(0).map((g) => g.close()));
  for (const h of homes.splice(0)) h.cleanup();
});

function home(): TempHome {
  const h = tempHome('tray-mcp-eras-');
  homes.push(h);
  return h;
}

async function modern(o: Parameters<typeof startModernGateway>[0] = {}) {
  const g = await startModernGateway({ token: CANARY, ...o });
  open.push(g);
  return g;
}

async function doctor(args: string[], h: TempHome = home()) {
  const r = await runCli(['doctor', '--json', '--home', h.dir, ...args], { timeoutMs: 60_000 });
  const report = json(r);
  expect(doctorReportErrors(report)).toEqual([]);
  expect(leaksCanary(r.all), 'the token must not appear in any output').toBe(false);
  const all = (check: string) => rowsOf(report).filter((x: any) => x.check === check);
  const one = (check: string, subject?: string) => {
    const found = all(check).filter((x: any) => subject === undefined || x.subject === subject);
    expect(found, `one ${check} result${subject ? ` for ${subject}` : ''}`).toHaveLength(1);
    return found[0];
  };
  return { r, report, all, one };
}

const ids = (result: any) => result.remedies.map((x: any) => x.id);

/** Config entries for a server at `url`, each client in its own file shape. */
function configs(h: TempHome, url: string, token: string | undefined, clients: string[]) {
  const headers = token ? { headers: { Authorization: `Bearer ${token}` } } : {};
  if (clients.includes('claude-code')) h.write('.claude.json', JSON.stringify({ mcpServers: { tray: { type: 'http', url, ...headers } } }));
  if (clients.includes('cursor')) h.write('.cursor/mcp.json', JSON.stringify({ mcpServers: { 'tray-workspace': { url, ...headers } } }));
  if (clients.includes('cline')) h.write('.cline/data/settings/cline_mcp_settings.json', JSON.stringify({ mcpServers: { tray: { type: 'streamableHttp', url, ...headers } } }));
}

describe.concurrent('the 2026-07-28 era', () => {
  it('a server of both eras: negotiated with server/discover; era, revision and the 2025 handshake reported; tools listed', async () => {
    const g = await modern();
    const run = await doctor(['--url', g.url, '--token', CANARY, '--only', ...NET]);
    expect(run.r.code).toBe(0);
    const hs = run.one('mcp-handshake', g.origin);
    expect(hs).toMatchObject({
      status: 'pass',
      details: { era: 'modern', protocolVersion: '2026-07-28', serverVersions: ['2026-07-28'], legacy: { served: true, protocolVersion: '2025-11-25' }, transport: 'streamable-http' },
    });
    expect(hs.message).toContain('server/discover');
    expect(run.one('tool-visibility', g.origin)).toMatchObject({ status: 'pass', details: { toolCount: 3 } });
    // The first request asks server/discover with the 2026 headers; a 2025-era initialize follows.
    const posts = g.requests.filter((x) => x.origin === 'mcp' && x.method === 'POST');
    expect(posts[0]).toMatchObject({ mcpMethod: 'server/discover', protocolVersion: '2026-07-28' });
    expect(posts.some((x) => x.mcpMethod === 'tools/list' && x.protocolVersion === '2026-07-28')).toBe(true);
    expect(posts.some((x) => x.mcpMethod === undefined && x.protocolVersion === undefined)).toBe(true); // initialize
    for (const x of g.requests) expect(x.authorization).toBe(`Bearer ${CANARY}`);
    // no session in this era: nothing to DELETE
    expect(g.requests.some((x) => x.method === 'DELETE')).toBe(false);
  });

  it('a 2026-only server: the doctor connects; a client that speaks only the 2025 era fails, one not established warns', async () => {
    const g = await modern({ legacy: 'reject' });
    const h = home();
    configs(h, g.url, CANARY, ['claude-code', 'cursor', 'cline']);
    const run = await doctor(['--url', g.url, '--token', CANARY, '--only', ...NET], h);
    expect(run.r.code).toBe(1);
    expect(run.one('mcp-handshake', g.origin)).toMatchObject({ status: 'pass', details: { era: 'modern', protocolVersion: '2026-07-28', legacy: { served: false, code: -32022 } } });
    const cline = run.one('mcp-handshake', 'cline › tray');
    expect(cline).toMatchObject({ client: 'cline', status: 'fail', details: { serverVersions: ['2026-07-28'] } });
    expect(ids(cline)[0]).toBe('protocol-revision-mismatch');
    expect(cline.message).toContain('cannot connect although the server is up');
    expect(run.one('mcp-handshake', 'cursor › tray-workspace')).toMatchObject({ client: 'cursor', status: 'warn' });
    expect(run.all('mcp-handshake').filter((x: any) => x.client === 'claude-code')).toEqual([]); // Claude Code asks server/discover
    expect(run.one('tool-visibility', g.origin).status).toBe('pass');
  });

  it('tool names too long once a client prefixes them, and names the spec does not allow', async () => {
    const long = 'lookup_customer_record_by_email_address_and_region_x'; // 52: with mcp__tray__ 63, fits
    const longer = `${long}_v2`; // 55: with mcp__tray__ 66, over Claude Code's 64
    const g = await modern({ tools: [[long, 'Find a customer record by email address and region.'], [longer, 'Find a customer record, second version.'], ['create ticket', 'Create a support ticket in the helpdesk.']] });
    const h = home();
    configs(h, g.url, CANARY, ['claude-code', 'cursor']);
    const run = await doctor(['--url', g.url, '--token', CANARY, '--only', ...NET], h);
    const server = run.one('tool-visibility', g.origin);
    expect(server).toMatchObject({ status: 'warn', details: { invalidNames: ['create ticket'] } });
    expect(ids(server)).toContain('tool-name-invalid');
    const cc = run.one('tool-visibility', 'claude-code › tray');
    expect(cc).toMatchObject({ client: 'claude-code', status: 'fail', details: { maxToolNameLength: 64, longToolNames: [{ tool: longer, length: 66 }] } });
    expect(cc.message).toContain('mcp__tray__');
    expect(run.all('tool-visibility').filter((x: any) => x.client === 'cursor')).toEqual([]); // no documented limit
  });

  it('more tools than a client takes: Windsurf (100) and VS Code (128) each get their finding', async () => {
    const tools = Array.from({ length: 130 }, (_, i) => [`tool_${i}`, `Looks up record number ${i} in the demo CRM.`] as [string, string]);
    const g = await modern({ tools });
    const h = home();
    h.write('.codeium/windsurf/mcp_config.json', JSON.stringify({ mcpServers: { tray: { serverUrl: g.url, headers: { Authorization: `Bearer ${CANARY}` } } } }));
    h.write('.config/Code/User/mcp.json', JSON.stringify({ servers: { tray: { type: 'http', url: g.url, headers: { Authorization: `Bearer ${CANARY}` } } } }));
    const run = await doctor(['--url', g.url, '--token', CANARY, '--only', ...NET, '--platform', 'linux'], h);
    expect(run.one('tool-visibility', 'windsurf › tray')).toMatchObject({ status: 'warn', details: { maxTools: 100, toolCount: 130 } });
    expect(run.one('tool-visibility', 'vscode › tray')).toMatchObject({ status: 'warn', details: { maxTools: 128 } });
    expect(ids(run.one('tool-visibility', 'vscode › tray'))).toEqual(['too-many-tools']);
  });
});

describe.concurrent('the 2025 era with a session', () => {
  it('negotiates the 2025 handshake after server/discover is refused, and ends the session with DELETE', async () => {
    const g = await startGateway({ scenario: 'session', token: CANARY });
    open.push(g);
    const run = await doctor(['--url', g.url, '--token', CANARY, '--only', ...NET]);
    expect(run.r.code).toBe(0);
    expect(run.one('mcp-handshake', g.origin)).toMatchObject({ status: 'pass', details: { era: 'legacy', protocolVersion: '2025-11-25', session: true } });
    expect(run.one('tool-visibility', g.origin)).toMatchObject({ status: 'pass', details: { toolCount: 3 } });
    const session = g.requests.find((x) => x.session)?.session;
    expect(session).toBeTruthy();
    const deletes = g.requests.filter((x) => x.method === 'DELETE');
    expect(deletes).toHaveLength(1);
    expect(deletes[0]).toMatchObject({ session, authorization: `Bearer ${CANARY}` });
    expect(g.requests.at(-1)?.method).toBe('DELETE'); // the last thing the doctor does
  });
});

const STEPS: [keyof typeof OAUTH_BREAKS, string][] = [
  ['challenge', 'challenge'],
  ['protected-resource-metadata', 'protected-resource-metadata'],
  ['authorization-server-metadata', 'authorization-server-metadata'],
  ['client-registration', 'client-registration'],
  ['pkce', 'pkce'],
];

describe.concurrent('the OAuth2 discovery chain (oauth), without credentials', () => {
  it('a server without a token (Headless-shaped, at loopback through --url): the chain is walked automatically and passes', async () => {
    const g = await modern({ oauth: {} });
    const run = await doctor(['--url', g.url, '--only', ...NET]);
    const oauth = run.one('oauth', g.origin);
    expect(oauth).toMatchObject({
      status: 'pass',
      details: { tokenSent: false, resource: g.url, issuer: g.asOrigin, registration: { dynamic: true }, codeChallengeMethods: ['S256'] },
    });
    expect(oauth.details.passed).toEqual(['challenge', 'protected-resource-metadata', 'authorization-server-metadata', 'client-registration', 'pkce']);
    for (const x of g.requests) expect(x.authorization, `${x.origin} ${x.method} ${x.path}`).toBeUndefined();
    expect(g.requests.some((x) => x.origin === 'as')).toBe(true);
  });

  it.each(STEPS)('broken at %s: oauth-authorization-failed naming the step', async (broken, step) => {
    const g = await modern({ oauth: { broken } });
    const run = await doctor(['--url', g.url, '--only', ...NET]);
    expect(run.r.code).toBe(1);
    const oauth = run.one('oauth', g.origin);
    expect(oauth).toMatchObject({ status: 'fail', details: { step, tokenSent: false } });
    expect(ids(oauth)).toEqual(['oauth-authorization-failed']);
    expect(oauth.details.requests.length).toBeGreaterThan(0);
    for (const x of g.requests) expect(x.authorization).toBeUndefined();
  });

  it('--oauth with a token: the probe sends the token to its origin, the discovery requests send none', async () => {
    const g = await modern({ oauth: {} });
    const run = await doctor(['--url', g.url, '--token', CANARY, '--oauth', '--only', ...NET]);
    expect(run.r.code).toBe(0);
    expect(run.one('oauth', g.origin)).toMatchObject({ status: 'pass', details: { tokenSent: false } });
    expect(run.one('tool-visibility', g.origin).status).toBe('pass');
    const withToken = g.requests.filter((x) => x.authorization === `Bearer ${CANARY}`);
    const without = g.requests.filter((x) => x.authorization === undefined);
    expect(withToken.length).toBeGreaterThan(0); // the probe (discover, tools/list, …)
    expect(without.some((x) => x.origin === 'mcp' && x.method === 'POST')).toBe(true); // the unauthenticated challenge
    for (const x of g.requests.filter((r) => r.origin === 'as' || r.path.startsWith('/.well-known/'))) expect(x.authorization).toBeUndefined();
    for (const x of g.requests) expect([undefined, `Bearer ${CANARY}`]).toContain(x.authorization);
  });

  it('without --oauth, a server with a token is not walked (skip, said why)', async () => {
    const g = await modern({ oauth: {} });
    const run = await doctor(['--url', g.url, '--token', CANARY, '--only', ...NET]);
    expect(run.one('oauth', g.origin)).toMatchObject({ status: 'skip', details: { reason: 'token-configured' } });
    expect(g.requests.some((x) => x.path.startsWith('/.well-known/'))).toBe(false);
  });

  it('a Headless-shaped config entry at loopback ({ type: "http", url }, no header) is walked, for its client', async () => {
    const g = await modern({ oauth: {} });
    const h = home();
    configs(h, g.url, undefined, ['claude-code']);
    const run = await doctor(['--url', g.url, '--only', ...NET], h);
    expect(run.one('oauth', g.origin)).toMatchObject({ status: 'pass', client: 'claude-code' });
    for (const x of g.requests) expect(x.authorization).toBeUndefined();
  });
});

describe.concurrent("Tray's Headless MCP server in a config (offline: never contacted from tests)", () => {
  it('the plugin’s entry passes tray-servers; an Authorization header on it is a warning, the token never shown', async () => {
    const plain = home();
    plain.write('.claude.json', JSON.stringify({ mcpServers: { tray: { type: 'http', url: 'https://api.tray.io/mcp' } } }));
    const ok = await doctor(['--offline', '--only', 'tray-servers'], plain);
    expect(ok.one('tray-servers', 'claude-code › tray')).toMatchObject({ status: 'pass' });
    const withHeader = home();
    withHeader.write('.claude.json', JSON.stringify({ mcpServers: { tray: { type: 'http', url: 'https://api.eu1.tray.io/mcp', headers: { Authorization: `Bearer ${CANARY}` } } } }));
    const warned = await doctor(['--offline', '--only', 'tray-servers'], withHeader);
    const r = warned.one('tray-servers', 'claude-code › tray');
    expect(r.status).toBe('warn');
    expect(r.message).toContain('OAuth2');
    expect(ids(r)).toContain('oauth-authorization-failed');
  });
});
