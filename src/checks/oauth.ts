// oauth: the OAuth2 discovery chain a client walks before it asks the user to sign in (a Claude
// Desktop custom connector, Claude Code, clients on the MCP SDKs), for each Tray server, WITHOUT
// credentials: the 401 challenge and its resource_metadata, the protected resource metadata
// (RFC 9728), the authorization server metadata (RFC 8414 / OpenID discovery), a way to register
// (dynamic registration or client ID metadata documents) and PKCE with S256. A broken step fails
// with oauth-authorization-failed naming the step (details.step). Runs for servers configured
// without a token (Tray's Headless MCP server signs in with OAuth2 only) and, with --oauth, for
// every server. No request carries a token (src/net/oauth.ts).
import type { Check, CheckContext, CheckOutput, Result } from './types.js';
import { oauthBudget, stageBudget } from '../net/budget.js';
import type { OAuthOutcome, OAuthStep } from '../net/oauth.js';
import type { ProbeTarget } from '../net/targets.js';
import type { NetworkData } from './network-results.js';

type Out = Omit<Result, 'check'>;

const STEP_NAMES: Record<OAuthStep, string> = {
  challenge: 'the 401 challenge (WWW-Authenticate)',
  'protected-resource-metadata': 'the protected resource metadata (RFC 9728)',
  'authorization-server-metadata': 'the authorization server metadata (RFC 8414 / OpenID discovery)',
  'client-registration': 'client registration',
  pkce: 'PKCE (S256)',
};

export function oauthResult(t: ProbeTarget, o: OAuthOutcome, verbose: boolean): Out {
  const base = { subject: t.subject, client: t.client };
  const details: Record<string, unknown> = {
    url: t.display,
    tokenSent: false,
    ...(o.challenge ? { challenge: o.challenge } : {}),
    ...(o.resourceMetadataUrl ? { resourceMetadataUrl: o.resourceMetadataUrl } : {}),
    ...(o.resource ? { resource: o.resource } : {}),
    ...(o.authorizationServers ? { authorizationServers: o.authorizationServers } : {}),
    ...(o.issuer ? { issuer: o.issuer } : {}),
    ...(o.registration ? { registration: o.registration } : {}),
    ...(o.codeChallengeMethods ? { codeChallengeMethods: o.codeChallengeMethods } : {}),
    passed: o.passed,
    ...(verbose || o.state === 'broken' ? { requests: o.requests.map((r) => ({ ...r })) } : {}),
  };
  if (o.state === 'not-required') {
    return {
      ...base,
      status: 'skip',
      message: `the server answered an MCP request without credentials (HTTP ${o.challenge?.status}): it asks for no sign-in, so there is no OAuth2 chain to check`,
      details: { ...details, reason: 'not-required' },
      durationMs: o.ms,
      remedies: [],
    };
  }
  if (o.state === 'broken' && o.broken) {
    return {
      ...base,
      status: 'fail',
      message: `OAuth2 sign-in breaks at ${STEP_NAMES[o.broken]}: ${o.problem ?? 'it failed'}. Clients that sign in with OAuth2 (a Claude Desktop custom connector) fail or time out here`,
      details: { ...details, step: o.broken },
      durationMs: o.ms,
      remedies: ['oauth-authorization-failed'],
    };
  }
  const reg = o.registration?.dynamic && o.registration.clientIdMetadataDocument ? 'dynamic registration or client ID metadata documents' : o.registration?.dynamic ? 'dynamic registration' : 'client ID metadata documents';
  return {
    ...base,
    status: 'pass',
    message: `OAuth2 discovery chain complete, without credentials: 401 ${o.challenge?.resourceMetadata ? 'names its resource metadata' : 'then the well-known resource metadata'}, authorization server ${o.issuer ?? o.authorizationServer}, ${reg}, PKCE S256`,
    details,
    durationMs: o.ms,
    remedies: [],
  };
}

async function run(ctx: CheckContext): Promise<CheckOutput<NetworkData>> {
  const [{ walkOAuthChain }, nr] = await Promise.all([import('../net/oauth.js'), import('./network-results.js')]);
  const prev = await ctx.need<NetworkData>('reachability');
  const probes = prev.data?.probes ?? [];
  if (probes.length === 0) return { results: [nr.noTargets()], data: { probes } };
  const one = async (p: NetworkData['probes'][number]): Promise<Out> => {
    const t = p.target;
    const skipped = nr.notProbed(t);
    if (skipped) return skipped;
    if (t.token && !ctx.options.oauth) {
      return {
        subject: t.subject,
        client: t.client,
        status: 'skip',
        message: 'not checked: the server is configured with an API token, so the client does not sign in with OAuth2 (`doctor --oauth` checks the OAuth2 chain too)',
        details: { url: t.display, reason: 'token-configured' },
        remedies: [],
      };
    }
    const reach = await p.reach;
    if (reach.crash) return nr.crashed(t, reach.crash);
    if (!reach.ok) return nr.blocked(t, 'reachability', 'OAuth2 discovery');
    const outcome = await ctx.memo(`oauth\n${t.url.href}`, () => walkOAuthChain(t.url, { timeoutMs: ctx.options.timeoutMs, vars: ctx.env.vars }));
    return oauthResult(t, outcome, ctx.options.verbose);
  };
  const results = await nr.awaitStage(Promise.all(probes.map(one)), ctx.signal);
  return { results, data: { probes } };
}

const check: Check<NetworkData, 'oauth'> = {
  id: 'oauth',
  title: 'oauth',
  needs: ['reachability'],
  network: true,
  timeoutMs: (o) => stageBudget.reach(o.timeoutMs) + oauthBudget(o.timeoutMs) + 2000,
  run,
};
export default check;
