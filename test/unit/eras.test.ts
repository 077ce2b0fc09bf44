// Protocol eras and tool names against each client's facts: the era of a revision, which clients
// connect to a server of each era, the name a client gives a tool, and the findings per client
// that uses a server (src/net/era.ts, src/checks/network-results.ts, src/clients/<id>.ts).
import { describe, expect, it } from 'vitest';
import { FIRST_MODERN_REVISION, discoverFactsOf, eraOf } from '../../src/net/era.js';
import {
  authResult,
  clientSpeaks,
  clientToolFindings,
  clientToolName,
  handshakeResult,
  invalidToolName,
  toolsResult,
} from '../../src/checks/network-results.js';
import { CLIENTS, CLIENT_IDS } from '../../src/clients/catalog.js';
import type { HandshakeOutcome, Probe } from '../../src/net/probe.js';
import { collectTargets, type ConfigTarget } from '../../src/net/targets.js';

const URL_ = 'http://127.0.0.1:4000/mcp';
const entry = (client: ConfigTarget['client'], name: string): ConfigTarget => ({ client, name, url: URL_, token: 'tok-for-eras-0001', ref: { display: `~/${client}.json` } });
const probe = { exchanges: [] } as unknown as Probe;

const modernBoth: HandshakeOutcome = { state: 'ok', era: 'modern', protocolVersion: '2026-07-28', discover: { supportedVersions: ['2026-07-28'] }, legacy: { served: true, protocolVersion: '2025-11-25' } };
const modernOnly: HandshakeOutcome = {
  state: 'ok',
  era: 'modern',
  protocolVersion: '2026-07-28',
  discover: { supportedVersions: ['2026-07-28'] },
  legacy: { served: false, code: -32022, supported: ['2026-07-28'], message: 'HTTP 400: Unsupported protocol version: 2025-11-25' },
};
const legacyEra: HandshakeOutcome = { state: 'ok', era: 'legacy', protocolVersion: '2025-11-25' };

describe('eras', () => {
  it('2026-07-28 and later is the stateless (modern) era; earlier revisions the 2025 handshake', () => {
    expect(FIRST_MODERN_REVISION).toBe('2026-07-28');
    expect(eraOf('2026-07-28')).toBe('modern');
    expect(eraOf('2027-01-15')).toBe('modern');
    expect(eraOf('2025-11-25')).toBe('legacy');
    expect(eraOf('2024-11-05')).toBe('legacy');
  });

  it('server/discover results are recognised by their supportedVersions; other messages are not', () => {
    expect(discoverFactsOf({ jsonrpc: '2.0', id: 1, result: { supportedVersions: ['2026-07-28'], capabilities: {} } })).toEqual({ supportedVersions: ['2026-07-28'] });
    expect(discoverFactsOf({ jsonrpc: '2.0', id: 1, result: { protocolVersion: '2025-11-25' } })).toBeUndefined();
    expect(discoverFactsOf({ jsonrpc: '2.0', id: 1, result: { supportedVersions: [1, 2] } })).toBeUndefined();
    expect(discoverFactsOf(undefined)).toBeUndefined();
  });

  it('which clients connect: a 2025-era server takes every 2025 client; a 2026-only server only 2026 clients', () => {
    const old = ['2025-11-25', '2025-06-18'];
    const both = ['2026-07-28', '2025-11-25'];
    expect(clientSpeaks(old, legacyEra)).toBe(true);
    expect(clientSpeaks(both, legacyEra)).toBe(true);
    expect(clientSpeaks(old, modernBoth)).toBe(true); // the 2025 handshake is served too
    expect(clientSpeaks(both, modernBoth)).toBe(true);
    expect(clientSpeaks(old, modernOnly)).toBe(false);
    expect(clientSpeaks(both, modernOnly)).toBe(true);
    expect(clientSpeaks(['2027-01-15'], modernOnly)).toBe(false);
    expect(clientSpeaks(null, modernOnly)).toBeNull();
    expect(clientSpeaks(old, { ...modernOnly, era: undefined })).toBeNull();
  });

  it('every client states its revisions as a fact with a source, or null', () => {
    for (const id of CLIENT_IDS) {
      const r = CLIENTS[id].protocolRevisions;
      expect(r === null || (r.value.length > 0 && /^https:\/\//.test(r.source)), id).toBe(true);
    }
    // what was established (src/clients/<id>.ts): Claude Code asks server/discover; Cline and Gemini CLI do not
    expect(CLIENTS['claude-code'].protocolRevisions?.value).toContain('2026-07-28');
    expect(CLIENTS.cline.protocolRevisions?.value.some((v) => eraOf(v) === 'modern')).toBe(false);
    expect(CLIENTS.gemini.protocolRevisions?.value[0]).toBe('2025-06-18');
    expect(CLIENTS.cursor.protocolRevisions).toBeNull();
  });
});

describe('mcp-handshake per client', () => {
  const [t] = collectTargets([entry('claude-code', 'tray'), entry('cline', 'tray'), entry('cursor', 'tray-workspace')], [], undefined);

  it('a 2026-only server: a 2025-only client fails, an unknown one warns, a 2026 client is fine', () => {
    const out = handshakeResult(t!, modernOnly, probe, false) as any[];
    expect(Array.isArray(out)).toBe(true);
    const [main, ...per] = out;
    expect(main).toMatchObject({ status: 'pass', details: { era: 'modern', protocolVersion: '2026-07-28', legacy: { served: false } } });
    expect(main.message).toContain('refuses the 2025 handshake');
    expect(main.details.clients).toEqual([
      expect.objectContaining({ client: 'claude-code', speaks: true }),
      expect.objectContaining({ client: 'cline', speaks: false }),
      expect.objectContaining({ client: 'cursor', speaks: null, revisions: null }),
    ]);
    expect(per.map((r) => [r.subject, r.status])).toEqual([
      ['cline › tray', 'fail'],
      ['cursor › tray-workspace', 'warn'],
    ]);
    expect(per[0].remedies).toEqual(['protocol-revision-mismatch', 'contact-support']);
    expect(per[0].message).toContain('cannot connect although the server is up');
    expect(per[0].details).toMatchObject({ clientRevisions: CLIENTS.cline.protocolRevisions!.value, serverVersions: ['2026-07-28'] });
    expect(per[1].message).toContain('not established');
  });

  it('a server of both eras, or of the 2025 era: no finding for any client', () => {
    for (const h of [modernBoth, legacyEra]) {
      const out = handshakeResult(t!, h, probe, false);
      expect(Array.isArray(out)).toBe(false);
      expect(out).toMatchObject({ status: 'pass', details: { era: h.era, protocolVersion: h.protocolVersion } });
    }
  });

  it('--url only (no client config): no per-client result', () => {
    const [u] = collectTargets([], [URL_], 'tok-for-eras-0002');
    expect(Array.isArray(handshakeResult(u!, modernOnly, probe, false))).toBe(false);
  });
});

describe('tool names against the spec and each client', () => {
  it('spec: 1–128 characters of A–Z a–z 0–9 _ - .', () => {
    for (const ok of ['create_ticket', 'a', 'crm.lookup-v2', 'x'.repeat(128)]) expect(invalidToolName(ok), ok).toBe(false);
    for (const bad of ['', 'x'.repeat(129), 'create ticket', 'créer', 'a/b', 'tool!']) expect(invalidToolName(bad), bad).toBe(true);
  });

  it('the name a client counts: Claude Code and Codex put mcp__<server>__ in front; Claude Code replaces other characters in the server name', () => {
    expect(clientToolName(CLIENTS['claude-code'], 'tray', 'lookup')).toBe('mcp__tray__lookup');
    expect(clientToolName(CLIENTS['claude-code'], 'tray workspace.eu', 'lookup')).toBe('mcp__tray_workspace_eu__lookup');
    expect(clientToolName(CLIENTS.codex, 'tray', 'lookup')).toBe('mcp__tray__lookup');
    expect(clientToolName(CLIENTS.zed, 'tray', 'lookup')).toBe('lookup');
    expect(clientToolName(CLIENTS.cursor, 'tray', 'lookup')).toBe('lookup');
  });

  it('too long once prefixed: Claude Code fails (refused), Codex warns (shortened), Zed counts the bare name', () => {
    const name53 = 'a'.repeat(53); // mcp__tray__ (11) + 53 = 64: fits
    const name54 = 'b'.repeat(54); // 65: over for Claude Code and Codex, fits for Zed
    const [t] = collectTargets([entry('claude-code', 'tray'), entry('codex', 'tray'), entry('zed', 'tray')], [], undefined);
    const out = clientToolFindings(t!, [{ name: name53 }, { name: name54 }]);
    expect(out.map((r) => [r.subject, r.status])).toEqual([
      ['claude-code › tray', 'fail'],
      ['codex › tray', 'warn'],
    ]);
    expect(out[0]!.details).toMatchObject({ maxToolNameLength: 64, longToolNames: [{ tool: name54, length: 65 }] });
    expect(out[0]!.remedies).toEqual(['tool-name-invalid']);
    expect(out[0]!.message).toContain('refuses');
    expect(out[1]!.message).toContain('shortens');
  });

  it('a longer server name makes the same tool too long for Claude Code', () => {
    const [t] = collectTargets([entry('claude-code', 'tray-workspace-sales-and-support')], [], undefined);
    const out = clientToolFindings(t!, [{ name: 'lookup_customer_by_email_address' }]);
    expect(out).toHaveLength(1);
    expect(out[0]!.message).toContain('"tray-workspace-sales-and-support"');
  });

  it('tool counts over a client’s documented limit: Windsurf 100, VS Code 128', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `tool_${i}`, description: `Looks up record number ${i} in the CRM.` }));
    const [t] = collectTargets([entry('windsurf', 'tray'), entry('vscode', 'tray'), entry('cursor', 'tray')], [], undefined);
    expect(clientToolFindings(t!, many(100))).toEqual([]);
    expect(clientToolFindings(t!, many(101)).map((r) => [r.subject, r.status, r.details?.maxTools])).toEqual([['windsurf › tray', 'warn', 100]]);
    expect(clientToolFindings(t!, many(129)).map((r) => r.subject)).toEqual(['windsurf › tray', 'vscode › tray']);
  });

  it('tool-visibility: invalid names warn on the server result; client findings follow it', () => {
    const [t] = collectTargets([entry('claude-code', 'tray')], [], undefined);
    const out = toolsResult(t!, { state: 'ok', pages: 1, tools: [{ name: 'create ticket', description: 'Create a support ticket in the helpdesk.' }, { name: 'c'.repeat(60), description: 'A tool with a name that is much too long.' }] }) as any[];
    expect(out[0]).toMatchObject({ status: 'warn', remedies: ['tool-name-invalid'], details: { invalidNames: ['create ticket'] } });
    expect(out[1]).toMatchObject({ subject: 'claude-code › tray', client: 'claude-code', status: 'fail' });
  });
});

describe("Tray's Headless MCP server without a token", () => {
  it('a 401 is how it signs in (OAuth2), not a missing token: authentication skips and says so', () => {
    const [h] = collectTargets([{ client: 'claude-code', name: 'tray', url: 'https://api.tray.io/mcp', ref: { display: '~/.claude.json' } }], [], undefined);
    const r = authResult(h!, { state: 'failed', status: 401, tokenSent: false });
    expect(r).toMatchObject({ status: 'skip', details: { reason: 'oauth-only' }, remedies: [] });
    expect(r.message).toContain('OAuth2');
    // an Agent Gateway URL without a token is still token-missing
    const [g] = collectTargets([{ client: 'claude-code', name: 'tray', url: 'https://12345678-abcd-1234-ef56-0123456789ab.mcp.tray.ai', ref: { display: '~/.claude.json' } }], [], undefined);
    expect(authResult(g!, { state: 'failed', status: 401, tokenSent: false }).remedies[0]).toBe('token-missing');
  });
});
