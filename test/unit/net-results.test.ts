import { describe, it, expect } from 'vitest';
import { getEventListeners } from 'node:events';
import { authResult, handshakeResult, lacksDescription, stageResults, toolsResult, reachResult, TOOL_LIMIT } from '../../src/checks/network-results.js';
import type { Probe } from '../../src/net/probe.js';
import type { CheckContext } from '../../src/checks/types.js';
import { collectTargets } from '../../src/net/targets.js';

const [target] = collectTargets([], ['https://12345678-abcd-1234-ef56-0123456789ab.mcp.tray.ai'], 'secret-token-for-results-4242');
const t = target!;
const tools = (n: number, describe = (i: number) => `Looks up record number ${i} in the CRM.`) =>
  Array.from({ length: n }, (_, i) => ({ name: `tool_${i}`, description: describe(i) }));

describe('net/results', () => {
  it('a meaningful description says more than the name', () => {
    expect(lacksDescription({ name: 'a' })).toBe(true);
    expect(lacksDescription({ name: 'a', description: '   ' })).toBe(true);
    expect(lacksDescription({ name: 'send_invoice', description: 'send_invoice' })).toBe(true);
    expect(lacksDescription({ name: 'send_invoice', description: 'Send invoice' })).toBe(true);
    expect(lacksDescription({ name: 'x', title: 'Send Invoice', description: 'send-invoice' })).toBe(true);
    expect(lacksDescription({ name: 'x', description: 'Do it' })).toBe(true);
    expect(lacksDescription({ name: 'send_invoice', description: 'Email the invoice PDF to the customer.' })).toBe(false);
  });

  it(`up to ${TOOL_LIMIT} tools pass; one more warns too-many-tools`, () => {
    expect(toolsResult(t, { state: 'ok', tools: tools(TOOL_LIMIT), pages: 1 })).toMatchObject({ status: 'pass', details: { toolCount: TOOL_LIMIT } });
    const over = toolsResult(t, { state: 'ok', tools: tools(TOOL_LIMIT + 1), pages: 1 });
    expect(over).toMatchObject({ status: 'warn', remedies: ['too-many-tools'] });
    expect(over.message).toContain('15–20');
  });

  it('names at most a handful of undescribed tools in the message, all of them in details', () => {
    const r = toolsResult(t, { state: 'ok', tools: tools(8, () => ''), pages: 1 });
    expect(r.status).toBe('warn');
    expect(r.remedies).toEqual(['tool-description-missing']);
    expect(r.message).toContain('tool_0, tool_1, tool_2, tool_3, tool_4 and 3 more');
    expect((r.details as any).missingDescriptions).toHaveLength(8);
  });

  it('too many and undescribed: one warning with both remedies', () => {
    const r = toolsResult(t, { state: 'ok', tools: tools(20, (i) => (i === 3 ? '' : `Looks up record number ${i} in the CRM.`)), pages: 2 });
    expect(r).toMatchObject({ status: 'warn', remedies: ['too-many-tools', 'tool-description-missing'] });
  });

  it('no tools, or no tools capability: no-tools-enabled then client-tool-cache-stale', () => {
    expect(toolsResult(t, { state: 'ok', tools: [], pages: 1 })).toMatchObject({ status: 'fail', remedies: ['no-tools-enabled', 'client-tool-cache-stale'] });
    expect(toolsResult(t, { state: 'failed', noCapability: true, tools: [], pages: 0 })).toMatchObject({ status: 'fail', remedies: ['no-tools-enabled', 'client-tool-cache-stale'] });
  });

  it('401 with a token → token-invalid-or-expired; without → token-missing; 403 → access-not-granted', () => {
    expect(authResult(t, { state: 'failed', status: 401, tokenSent: true }).remedies[0]).toBe('token-invalid-or-expired');
    expect(authResult(t, { state: 'failed', status: 401, tokenSent: false }).remedies[0]).toBe('token-missing');
    const scope = authResult(t, { state: 'failed', status: 403, tokenSent: true, challenge: { raw: 'Bearer error="insufficient_scope"', error: 'insufficient_scope' } });
    expect(scope.remedies[0]).toBe('access-not-granted');
    expect(scope.message).toContain('insufficient_scope');
    expect(scope.details).toMatchObject({ status: 403, insufficientScope: true });
  });

  it('never puts the token in a result, only its fingerprint', () => {
    const rs = [
      authResult(t, { state: 'ok', status: 200, tokenSent: true }),
      authResult(t, { state: 'failed', status: 401, tokenSent: true }),
      reachResult(t, { ok: true, status: 200, timings: { total: 5, dns: 1, tcp: 1, tls: 1, http: 2 }, proxy: null }),
    ];
    for (const r of rs) expect(JSON.stringify(r)).not.toContain('secret-token-for-results');
    expect(JSON.stringify(rs[0])).toContain('…4242');
  });

  it('blocked stages are skips naming the check that failed for this server', () => {
    expect(authResult(t, { state: 'blocked', by: 'reachability', tokenSent: true })).toMatchObject({ status: 'skip', details: { blockedBy: 'reachability' } });
    expect(toolsResult(t, { state: 'blocked', by: 'authentication' })).toMatchObject({ status: 'skip', details: { blockedBy: 'authentication' } });
  });

  it('a target that was not probed is the same skip, with details.reason, in all four checks', () => {
    const [np] = collectTargets(
      [{ client: 'cursor', ref: { client: 'cursor', path: '/h/m.json', display: '~/m.json', scope: 'user', stale: false, explicit: false, kind: 'file' }, name: 'tray', where: 'mcpServers', url: 'https://12345678-abcd-1234-ef56-0123456789ab.mcp.tray.ai.evil.com', token: 'secret-token-for-results-4242', usable: false }],
      [],
      undefined,
    );
    const probe = { exchanges: [] } as unknown as Probe;
    const rs = [
      reachResult(np!, { ok: false, timings: { total: 0 }, proxy: null }),
      authResult(np!, { state: 'blocked', by: 'reachability', tokenSent: false }),
      handshakeResult(np!, { state: 'blocked', by: 'reachability' }, probe, false),
      toolsResult(np!, { state: 'blocked', by: 'reachability' }),
    ];
    for (const r of rs) {
      expect(r).toMatchObject({ status: 'skip', subject: 'https://12345678-abcd-1234-ef56-0123456789ab.mcp.tray.ai.evil.com', details: { reason: 'url-not-tray' }, remedies: [] });
      expect(r.message).toContain('not probed');
    }
  });

  it('the server accepted the request but gave no MCP answer: authentication fails with the finding, phase http', () => {
    const answer = { why: 'no-answer', request: 'initialize', status: 200, contentType: 'text/event-stream', ms: 1000 } as const;
    const r = authResult(t, { state: 'failed', failure: 'no-answer', status: 200, tokenSent: true, contentType: 'text/event-stream', answer });
    expect(r).toMatchObject({ status: 'fail', remedies: ['server-unreachable'], details: { phase: 'http', reason: 'no-answer', status: 200, contentType: 'text/event-stream' } });
    expect(r.message).toBe(
      'the server accepted the MCP request (initialize: HTTP 200, content type text/event-stream) but sent no MCP answer within 1000 ms (the event stream stayed open without one)',
    );
    const html = authResult(t, { state: 'failed', failure: 'not-mcp', status: 200, tokenSent: true, contentType: 'text/html', answer: { why: 'not-mcp-type', request: 'initialize', status: 200, contentType: 'text/html' } });
    expect(html).toMatchObject({ status: 'fail', remedies: ['workspace-id-invalid', 'proxy-misconfigured'], details: { reason: 'not-mcp' } });
    expect(html.message).toContain('HTTP 200, content type text/html, which is not an MCP answer');
  });

  it('awaiting many probes adds one abort listener to the check’s signal, and removes it', async () => {
    const ctrl = new AbortController();
    const release: (() => void)[] = [];
    const probes = Array.from({ length: 12 }, () => ({ target: t, reach: new Promise<any>((r) => release.push(() => r({ ok: true, status: 200, timings: { total: 1 }, proxy: null }))) }) as unknown as Probe);
    const ctx = { signal: ctrl.signal } as unknown as CheckContext;
    const out = stageResults(ctx, probes, (p) => p.reach, reachResult);
    await new Promise((r) => setTimeout(r, 10));
    expect(getEventListeners(ctrl.signal, 'abort')).toHaveLength(1);
    for (const r of release) r();
    expect((await out).results).toHaveLength(12);
    expect(getEventListeners(ctrl.signal, 'abort')).toHaveLength(0);
  });
});
