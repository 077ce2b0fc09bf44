// The OAuth2 discovery walk (src/net/oauth.ts) against the 2026-era fixture, in process: every step
// broken in turn is named, the working variants pass, no request carries a credential, and a silent
// authorization server ends the walk within its bound.
import { afterAll, describe, expect, it } from 'vitest';
import { walkOAuthChain } from '../../src/net/oauth.js';
import { oauthBudget } from '../../src/net/budget.js';
import { OAUTH_BREAKS, startModernGateway } from '../fixtures/gateway-2026.mjs';
import { startGateway } from '../fixtures/gateway.mjs';

const open: { close(): Promise<void> }[] = [];
afterAll(async () => {
  await Promise.all(open.splice(0).map((g) => g.close()));
});

const cfg = { timeoutMs: 2000, vars: {} };

const EXPECTED: Record<keyof typeof OAUTH_BREAKS, string | null> = {
  challenge: 'challenge',
  'challenge-status': 'challenge',
  'protected-resource-metadata': 'protected-resource-metadata',
  'prm-resource': 'protected-resource-metadata',
  'prm-no-as': 'protected-resource-metadata',
  'authorization-server-metadata': 'authorization-server-metadata',
  issuer: 'authorization-server-metadata',
  'client-registration': 'client-registration',
  pkce: 'pkce',
  'pkce-missing': 'pkce',
  'well-known-only': null,
  cimd: null,
};

async function walk(oauth: Parameters<typeof startModernGateway>[0]['oauth']) {
  const g = await startModernGateway({ oauth });
  open.push(g);
  const outcome = await walkOAuthChain(new URL(g.url), cfg);
  // never a credential on any request, to either origin
  expect(g.requests.length).toBeGreaterThan(0);
  for (const r of g.requests) {
    expect(r.authorization, `${r.origin} ${r.method} ${r.path}`).toBeUndefined();
    expect(r.cookie).toBeUndefined();
  }
  for (const r of outcome.requests) expect(r.credentials).toBe(false);
  return { g, outcome };
}

describe('net/oauth: the discovery chain, without credentials', () => {
  it('complete chain: every step passes, the documents are read across two origins', async () => {
    const { g, outcome } = await walk({});
    expect(outcome).toMatchObject({
      state: 'ok',
      passed: ['challenge', 'protected-resource-metadata', 'authorization-server-metadata', 'client-registration', 'pkce'],
      challenge: { status: 401, scheme: 'Bearer' },
      resource: g.url,
      issuer: g.asOrigin,
      registration: { dynamic: true, clientIdMetadataDocument: false },
      codeChallengeMethods: ['S256'],
    });
    expect(outcome.challenge?.resourceMetadata).toContain('/.well-known/oauth-protected-resource/mcp');
    expect(g.requests.some((r) => r.origin === 'as')).toBe(true);
  });

  it.each(Object.entries(EXPECTED))('%s', async (broken, step) => {
    const { outcome } = await walk({ broken: broken as keyof typeof OAUTH_BREAKS });
    if (step === null) {
      expect(outcome.state, outcome.problem).toBe('ok');
    } else {
      expect(outcome).toMatchObject({ state: 'broken', broken: step });
      expect(outcome.problem).toBeTruthy();
    }
  });

  it('a server that answers without credentials needs no sign-in', async () => {
    const g = await startGateway({ scenario: 'html' }); // 200 to anything, no token check
    open.push(g);
    const outcome = await walkOAuthChain(new URL(g.url), cfg);
    expect(outcome).toMatchObject({ state: 'not-required', challenge: { status: 200 } });
  });

  it('an authorization server that never answers ends the walk within its bound, as a broken step', async () => {
    const hole = await startGateway({ scenario: 'blackhole' });
    open.push(hole);
    const t = 300;
    const g = await startModernGateway({ oauth: { authorizationServer: hole.origin } });
    open.push(g);
    const outcome = await walkOAuthChain(new URL(g.url), { timeoutMs: t, vars: {} });
    expect(outcome).toMatchObject({ state: 'broken', broken: 'authorization-server-metadata' });
    expect(outcome.problem).toMatch(/within|timed? ?out|ETIMEDOUT/i);
    expect(outcome.ms).toBeLessThan(oauthBudget(t));
  });
});
