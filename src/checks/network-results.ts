// From probe stages to check results: one result per server (subject = its origin), in plain words,
// with remedies most likely first. The probe (src/net/) returns facts; every word and every remedy
// choice of the four network checks is here. A stage that a failed earlier stage made pointless is a `skip`
// with details.blockedBy naming the check that failed for this server.
import type { CheckContext, CheckOutput, Result } from './types.js';
import { CLIENTS, type ClientId } from '../clients/catalog.js';
import type { ClientSpec } from '../clients/types.js';
import { isHeadlessUrl } from '../gateway/url.js';
import { fingerprint } from '../lib/redact.js';
import { escapeControls } from '../lib/sanitize.js';
import { toolVersion } from '../version.js';
import { eraOf } from '../net/era.js';
import type { NetFailure } from '../net/classify.js';
import type { AuthOutcome, HandshakeOutcome, NoMcpAnswer, Probe, ReachOutcome, RequestFailure, ToolInfo, ToolsOutcome } from '../net/probe.js';
import type { NotProbed, ProbeTarget } from '../net/targets.js';
import type { RemedyId } from '../remedies/catalog.js';

type Out = Omit<Result, 'check'>;

/** What each network check hands to the next: the probes (one per server). Never rendered. */
export interface NetworkData {
  probes: Probe[];
}

/** More than this many tools and selection degrades (the docs: noticeably beyond 15–20). */
export const TOOL_LIMIT = 15;
/** Names listed in a message at most; details carry all of them. */
const NAMES_IN_MESSAGE = 5;

export function noTargets(): Out {
  return {
    subject: 'network',
    status: 'skip',
    message: 'no Agent Gateway server to probe (add one with `tray-mcp setup`, or probe one with --url / --workspace-id)',
    details: { reason: 'no-targets' },
    remedies: [],
  };
}

/**
 * Await `p`, but give up when the check is aborted (timed out or cancelled). One listener on the
 * signal, removed as soon as `p` settles: await all of a check's probes through one call (see
 * stageResults), not one call per probe, or eleven servers mean eleven listeners on one signal.
 */
export function awaitStage<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  const reason = () => (signal.reason instanceof Error ? signal.reason : new Error('aborted'));
  if (signal.aborted) return Promise.reject(reason());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(reason());
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

export function probeConfig(ctx: CheckContext) {
  return { timeoutMs: ctx.options.timeoutMs, vars: ctx.env.vars, version: toolVersion(), secrets: ctx.secrets };
}

/** Run one stage of every probe in the previous check's data, concurrently. */
export async function stageResults<T>(
  ctx: CheckContext,
  probes: Probe[],
  stage: (p: Probe) => Promise<T>,
  render: (target: ProbeTarget, outcome: T, probe: Probe) => Out | Out[],
): Promise<CheckOutput<NetworkData>> {
  if (probes.length === 0) return { results: [noTargets()], data: { probes } };
  const results = await awaitStage(Promise.all(probes.map(async (p) => render(p.target, await stage(p), p))), ctx.signal);
  return { results: results.flat(), data: { probes } };
}

/** Tray's Headless MCP server configured without a token: it signs in with OAuth2 in the client. */
const oauthOnly = (t: ProbeTarget) => !t.token && isHeadlessUrl(t.url);

/** Each (client, server name) of the configs that use this server (--url has no client). */
function configuredBy(t: ProbeTarget): { client: ClientId; spec: ClientSpec; name: string }[] {
  const seen = new Set<string>();
  const out: { client: ClientId; spec: ClientSpec; name: string }[] = [];
  for (const s of t.sources) {
    if (!s.client || s.name === undefined) continue;
    const key = `${s.client}\n${s.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ client: s.client, spec: CLIENTS[s.client], name: s.name });
  }
  return out;
}

const base = (t: ProbeTarget) => ({ subject: t.subject, client: t.client });
const sources = (t: ProbeTarget) => t.sources.map((s) => s.label);

/** Why a target is not contacted (src/net/targets.ts), in plain words (no credentials). */
export function notProbedText(n: NotProbed): string {
  switch (n.reason) {
    case 'url-credentials':
      return (
        `not probed: the URL ${n.url} has a user name or password in it (not shown). ` +
        'Clients do not send it as the token; remove it from the URL and put the token in the Authorization header'
      );
    case 'url-not-tray':
      return n.local
        ? `not probed: ${n.url} points at this machine, not at a Tray Agent Gateway URL (https://<workspace-id>.mcp.tray.ai); ` +
            'a config entry is probed only at a Tray URL, so the token was not sent. To probe a local server, name it with --url'
        : `not probed: ${n.url} is not a Tray Agent Gateway URL (https://<workspace-id>.mcp.tray.ai), ` +
            'so the token was not sent there. Fix the URL in the config (see tray-servers); to probe it anyway, use --url';
    case 'project-config':
      return (
        `not probed: this entry comes from a project config (${n.file}), which came with the folder, not from you; ` +
        'it is checked (see tray-servers) but its URL was not contacted and its token not sent. To probe it, run doctor with --probe-project'
      );
  }
}

/** A target that was deliberately not contacted (see targets.ts): the same skip in every network check. */
export function notProbed(t: ProbeTarget): Out | undefined {
  if (!t.notProbed) return undefined;
  return {
    ...base(t),
    status: 'skip',
    message: notProbedText(t.notProbed),
    details: { reason: t.notProbed.reason, url: t.display, usedBy: sources(t) },
    remedies: [],
  };
}

export function blocked(t: ProbeTarget, by: string | undefined, what: string): Out {
  const why: Record<string, string> = {
    reachability: 'the server could not be reached',
    authentication: oauthOnly(t) ? 'the server signs in with OAuth2 in the client, which tray-mcp does not do (the sign-in chain is checked by oauth)' : 'authentication failed for this server',
    'mcp-handshake': 'the MCP handshake did not complete',
  };
  return {
    ...base(t),
    status: 'skip',
    message: `${what} not checked: ${why[by ?? ''] ?? `${by} failed`} (see ${by})`,
    details: { blockedBy: by, url: t.display },
    remedies: [],
  };
}

export function crashed(t: ProbeTarget, crash: string): Out {
  return { ...base(t), status: 'error', message: `the probe of ${t.display} crashed: ${crash}`, details: { crash: true, url: t.display }, remedies: [] };
}

function ms(n: number | null | undefined): string {
  return n === null || n === undefined ? '–' : `${Math.round(n)} ms`;
}

/** The first answer was a 4xx to the 2026 era's server/discover: a 2025-era server saying so, not a problem. */
function refusedDiscover(r: ReachOutcome, p: Pick<Probe, 'exchanges'> | undefined): boolean {
  const first = p?.exchanges?.[0];
  return r.status !== undefined && r.status >= 400 && r.status < 500 && r.status !== 401 && r.status !== 403 && first?.rpc === 'server/discover';
}

// ── the probe's facts in words ────────────────────────────────────────────────────────────────

/** A finding in plain words, with its remedies most likely first. */
export interface Worded {
  message: string;
  remedies: RemedyId[];
}

/** A network failure (src/net/classify.ts) in plain words. */
export function netFailureWords(f: NetFailure): Worded {
  const where = `${f.host}:${f.port}`;
  const { code, timeoutMs: ms, proxy } = f;
  const viaProxy: RemedyId[] = ['proxy-misconfigured', 'server-unreachable'];
  const check = 'check HTTPS_PROXY/HTTP_PROXY and NO_PROXY';
  const proxyFailure = (message: string): Worded => ({ message: `${message}; ${check}`, remedies: viaProxy });
  // Offer the proxy remedy only where a proxy could be the cause (not loopback, none set).
  const unreachable: RemedyId[] = !f.loopback && !f.proxyConfigured ? ['server-unreachable', 'proxy-misconfigured'] : ['server-unreachable'];
  switch (f.kind) {
    case 'proxy-config':
      return { message: `the proxy setting ${proxy} cannot be used (${f.detail}); set HTTPS_PROXY to a URL like http://proxy.example:8080`, remedies: ['proxy-misconfigured'] };
    case 'proxy-refused': {
      const status = f.proxyStatus;
      const why = status === 407 ? 'it wants proxy credentials' : status === 403 ? 'it does not allow this destination' : 'it could not connect onwards';
      return { message: `the proxy ${proxy} refused to open a tunnel to ${where} (HTTP ${status}: ${why})`, remedies: viaProxy };
    }
    case 'proxy-silent':
      return proxyFailure(`the proxy ${proxy} accepted the connection but did not answer the request to open a tunnel to ${where} (CONNECT) within ${ms} ms (${code})`);
    case 'proxy-connect-timeout':
      return proxyFailure(`no TCP connection to the proxy ${proxy} within ${ms} ms (${code}), so ${where} was not tried`);
    case 'proxy-timeout':
      return proxyFailure(`the proxy ${proxy} did not open a tunnel to ${where} in time (${code}; each step is bounded by ${ms} ms)`);
    case 'proxy-connection-refused':
      return proxyFailure(`the proxy ${proxy} refused the connection (ECONNREFUSED): nothing is listening there, so ${where} was not tried`);
    case 'proxy-dns':
      return proxyFailure(`the proxy's host name in ${proxy} does not resolve (${code}), so ${where} was not tried`);
    case 'proxy-other':
      return proxyFailure(`could not get through the proxy ${proxy} to ${where} (${code}: ${f.detail})`);
    case 'certificate':
      return {
        message:
          `the TLS certificate of ${f.host} is not trusted (${code})` +
          (proxy !== null ? `; the proxy ${proxy} may be intercepting TLS` : '; a proxy, VPN or antivirus on this network may be intercepting TLS') +
          '. If your IT team gives you their root certificate, point NODE_EXTRA_CA_CERTS at it (a PEM file) and restart the client',
        remedies: ['tls-untrusted', 'proxy-misconfigured'],
      };
    case 'dns':
      return { message: `DNS lookup of ${f.host} failed (${code}): the name does not resolve from this machine; check the URL (workspace id), your network, VPN or DNS`, remedies: unreachable };
    case 'refused':
      return { message: `connection to ${where} refused (ECONNREFUSED): nothing is listening there, or a firewall rejects it`, remedies: unreachable };
    case 'unreachable':
      return { message: `no route to ${where} (${code}): the network, VPN or a firewall blocks it`, remedies: unreachable };
    case 'body-timeout':
      return { message: `${where} started its HTTP answer (the headers arrived), but the body did not complete: nothing more came for ${ms} ms (${code})`, remedies: unreachable };
    case 'timeout': {
      const what =
        f.phase === 'dns'
          ? `DNS lookup of ${f.host} did not finish`
          : f.phase === 'tcp'
            ? `no TCP connection to ${where}`
            : f.phase === 'tls'
              ? `the TLS handshake with ${where} did not finish`
              : `connected to ${where}, but no HTTP answer (not even its headers) came`;
      return {
        message: `${what} within ${ms} ms (${code})${f.phase === 'tcp' ? ': a firewall may drop the traffic' : ''}`,
        remedies: f.phase === 'tls' ? ['server-unreachable', 'tls-untrusted'] : unreachable,
      };
    }
    case 'tls':
      return { message: `the TLS handshake with ${where} failed (${code}: ${f.detail}); is it really an https server? A proxy or VPN may be interfering`, remedies: ['server-unreachable', 'tls-untrusted'] };
    case 'other':
      return {
        message: f.phase === 'http' ? `the connection to ${where} broke before an HTTP answer (${code}: ${f.detail})` : `could not connect to ${where} (${code}: ${f.detail})`,
        remedies: unreachable,
      };
  }
}

/** An answer cut off at a size bound: "an answer larger than 4 MB". */
function tooLargeText(t: { what: 'body' | 'line' | 'stream'; limit: number }): string {
  const mb = `${Math.round((t.limit / 1024 / 1024) * 10) / 10} MB`;
  return t.what === 'line' ? `an event-stream line longer than ${mb}` : t.what === 'stream' ? `an event stream longer than ${mb}` : `an answer larger than ${mb}`;
}

/** A failed request of the probe in plain words; `what` is the request ("the MCP handshake", "tools/list"). */
export function requestFailureWords(f: RequestFailure, what: string, t: ProbeTarget): Worded {
  switch (f.kind) {
    case 'too-large':
      return { message: `the server's answer to ${what} was cut off: it sent ${tooLargeText(f)}, and nothing more was read`, remedies: ['contact-support'] };
    case 'redirect':
      return {
        message: `the server answered ${what} with a redirect (HTTP ${f.status}) to ${f.location ?? 'an unknown location'}; it was not followed, so the token did not go there`,
        remedies: ['workspace-id-invalid'],
      };
    case 'no-answer':
      return { message: `the server accepted ${what} (HTTP ${f.status}${f.contentType ? `, ${f.contentType}` : ''}) but sent no MCP answer within ${f.ms} ms`, remedies: ['server-unreachable'] };
    case 'timeout':
      return { message: `no answer to ${what} within ${f.ms} ms`, remedies: ['server-unreachable'] };
    case 'deadline':
      return { message: `${what} did not finish within ${f.ms} ms`, remedies: ['server-unreachable'] };
    case 'method-not-found':
      return { message: `the server does not implement ${what} (JSON-RPC ${f.rpcCode})`, remedies: ['mcp-server-disabled', 'contact-support'] };
    case 'rpc-error':
      return { message: `the server answered ${what} with JSON-RPC error ${f.rpcCode}: ${f.serverSays}`, remedies: ['mcp-server-disabled', 'contact-support'] };
    case 'http-error':
      if (f.status !== undefined && f.status >= 500) {
        // As explain reads a 5xx: 500 is Tray answering and failing; 502–504 a gateway or proxy on the way.
        return { message: `the server failed on ${what} (HTTP ${f.status}): ${f.body}`, remedies: f.status === 500 ? ['contact-support', 'server-unreachable'] : ['server-unreachable', 'contact-support'] };
      }
      return { message: `the server refused ${what} (HTTP ${f.status ?? '?'}): ${f.body}`, remedies: ['contact-support'] };
    case 'network': {
      const n = netFailureWords(f.net);
      return { message: `${what}: ${n.message}`, remedies: n.remedies };
    }
    case 'protocol-unsupported':
      return {
        message:
          `the server speaks MCP protocol revision ${f.named.join(', ')}, which this client does not know ` +
          `(it knows ${f.known.join(', ')}); clients built on the same MCP SDK will fail the same way. ` +
          'Update tray-mcp and your AI client; if they are current, contact support',
        remedies: ['protocol-revision-mismatch', 'contact-support'],
      };
    case 'no-endpoint': {
      const both = f.getStatus === 404 && f.postStatus === 404;
      return {
        message:
          `no MCP endpoint at ${t.display}: Streamable HTTP (POST) answered HTTP ${f.postStatus}, ` +
          `and the legacy SSE transport (GET) ${f.getStatus !== undefined ? `answered HTTP ${f.getStatus}` : `failed (${f.getError})`}` +
          (both ? '; check the URL (it should be https://<workspace-id>.mcp.tray.ai) and that the MCP server is enabled' : ''),
        remedies: both || f.postStatus === 404 ? ['workspace-id-invalid', 'mcp-server-disabled'] : ['mcp-server-disabled', 'contact-support'],
      };
    }
    case 'other':
      return { message: `${what} failed: ${f.detail}`, remedies: ['contact-support'] };
  }
}

const NOT_MCP_ADVICE =
  'the URL does not lead to an MCP server. Check that it is https://<workspace-id>.mcp.tray.ai; ' +
  'a captive portal (hotel or guest Wi-Fi sign-in) or a proxy’s login page answers like this too';

/** The server accepted an MCP request but gave no MCP answer (src/net/probe.ts NoMcpAnswer), in plain words. */
export function noMcpAnswerWords(a: NoMcpAnswer): Worded {
  const what = a.request ?? 'the legacy SSE stream (GET)';
  const ct = a.contentType;
  const head = `HTTP ${a.status}, ${ct ? `content type ${ct}` : 'no content type'}`;
  const notMcp = (why: string): Worded => ({ message: `${why}: ${NOT_MCP_ADVICE}`, remedies: ['workspace-id-invalid', 'proxy-misconfigured'] });
  const noAnswer = (message: string): Worded => ({ message, remedies: ['server-unreachable'] });
  switch (a.why) {
    case 'too-large':
      return {
        message: `the server accepted the MCP request (${what}: HTTP ${a.status}${ct ? `, ${ct}` : ''}) but its answer was cut off: it sent ${tooLargeText(a.tooLarge!)}, and nothing more was read`,
        remedies: ['contact-support'],
      };
    case 'not-mcp-type':
      return notMcp(`the server answered the MCP request (${what}) with ${head}, which is not an MCP answer (that is application/json or text/event-stream)`);
    case 'no-type':
      return notMcp(`the server answered the MCP request (${what}) with ${head}, which is not an MCP answer`);
    case 'not-json-rpc':
      return notMcp(`the server answered the MCP request (${what}) with ${head}, but the body is not an MCP (JSON-RPC) message`);
    case 'body-incomplete':
      return noAnswer(`the server accepted the MCP request (${what}: ${head}) but the body of its answer did not complete within ${a.ms} ms`);
    case 'no-endpoint-event':
      return noAnswer(`the server accepted the request for ${what} (${head}) but sent no endpoint event on it within ${a.ms} ms, so no MCP request could be made`);
    case 'no-answer':
      return noAnswer(`the server accepted the MCP request (${what}: ${head}) but sent no MCP answer within ${a.ms} ms${ct === 'text/event-stream' ? ' (the event stream stayed open without one)' : ''}`);
    case 'broke-off':
      return noAnswer(`the server accepted the MCP request (${what}: ${head}) but its answer broke off before the MCP answer arrived (${a.code ?? 'error'}: ${a.detail})`);
  }
}

// ── reachability ──────────────────────────────────────────────────────────────────────────────

export function reachResult(t: ProbeTarget, r: ReachOutcome, p?: Pick<Probe, 'exchanges'>): Out {
  const skipped = notProbed(t);
  if (skipped) return skipped;
  if (r.crash) return crashed(t, r.crash);
  const details: Record<string, unknown> = {
    url: t.display,
    usedBy: sources(t),
    proxy: r.proxy,
    ...(r.proxyBypassed ? { proxyBypassed: true } : {}),
    timings: r.timings,
    ...(r.address ? { address: r.address } : {}),
  };
  if (r.insecure) {
    return {
      ...base(t),
      status: 'fail',
      message: `${t.display} is plain http to a host that is not this machine: the token would cross the network unencrypted, so nothing was sent. Use the https:// URL (https://<workspace-id>.mcp.tray.ai)`,
      details: { ...details, reason: 'insecure-url' },
      remedies: ['insecure-url'],
    };
  }
  if (r.redirect) {
    const rd = r.redirect;
    const where = rd.location ?? 'a location it did not name';
    return {
      ...base(t),
      status: 'fail',
      message:
        `${t.display} answered with a redirect (HTTP ${rd.status}) to ${where}. tray-mcp does not follow redirects with your token, so nothing was sent ${rd.sameOrigin ? 'further' : 'there'}; ` +
        'configure the server’s real URL (https://<workspace-id>.mcp.tray.ai). A redirect to another site can also be a captive portal or a proxy’s login page',
      details: { ...details, phase: 'http', status: rd.status, redirect: { location: rd.location, origin: rd.targetOrigin, sameOrigin: rd.sameOrigin } },
      durationMs: r.timings.total,
      remedies: rd.sameOrigin ? ['workspace-id-invalid'] : ['workspace-id-invalid', 'proxy-misconfigured'],
    };
  }
  if (!r.ok && r.failure) {
    const f = r.failure;
    const w = netFailureWords(f);
    return {
      ...base(t),
      status: 'fail',
      message: w.message,
      details: { ...details, phase: f.phase, code: f.code, ...(f.proxyStatus ? { proxyStatus: f.proxyStatus } : {}) },
      durationMs: r.timings.total,
      remedies: w.remedies,
    };
  }
  const tm = r.timings;
  const phases = [
    tm.dns === null ? null : `dns ${ms(tm.dns)}`,
    `tcp ${ms(tm.tcp)}`,
    t.url.protocol === 'https:' ? `tls ${ms(tm.tls)}` : null,
    `http ${ms(tm.http)}`,
  ].filter(Boolean);
  const timingText = r.proxy ? `http ${ms(tm.http)}` : phases.join(' · ');
  return {
    ...base(t),
    status: 'pass',
    message: `${t.display} answered (HTTP ${r.status}${refusedDiscover(r, p) ? ' to server/discover, as a 2025-era server does' : ''}) in ${ms(tm.total)} (${timingText})${r.proxy ? ` through the proxy ${r.proxy}` : ''}`,
    details: { ...details, status: r.status },
    durationMs: tm.total,
    remedies: [],
  };
}

// ── authentication ────────────────────────────────────────────────────────────────────────────

export function authResult(t: ProbeTarget, a: AuthOutcome): Out {
  const skipped = notProbed(t);
  if (skipped) return skipped;
  if (a.crash) return crashed(t, a.crash);
  if (a.state === 'blocked') return blocked(t, a.by, 'Token');
  const details: Record<string, unknown> = {
    url: t.display,
    status: a.status,
    tokenSent: a.tokenSent,
    ...(t.token ? { token: fingerprint(t.token) } : {}),
    ...(a.challenge ? { wwwAuthenticate: a.challenge.raw, ...(a.challenge.error ? { authError: a.challenge.error } : {}), ...(a.challenge.scope ? { scope: a.challenge.scope } : {}) } : {}),
    ...(a.serverSays ? { serverSays: a.serverSays } : {}),
  };
  if (a.state === 'failed' && (a.failure === 'no-answer' || a.failure === 'not-mcp')) {
    // The server accepted the request but gave no MCP answer: the token was never judged.
    const w: Worded = a.answer ? noMcpAnswerWords(a.answer) : { message: 'the server gave no MCP answer', remedies: ['server-unreachable'] };
    return {
      ...base(t),
      status: 'fail',
      message: w.message,
      details: { ...details, phase: 'http', reason: a.failure, ...(a.contentType ? { contentType: a.contentType } : {}) },
      remedies: w.remedies,
    };
  }
  if (a.state === 'unknown') {
    return { ...base(t), status: 'skip', message: `could not tell whether the token is accepted: ${a.reason ?? 'no answer'}`, details, remedies: [] };
  }
  if (a.state === 'failed' && a.status === 401 && oauthOnly(t)) {
    // Tray's Headless MCP server: no token in the config is how it is meant to be used.
    return {
      ...base(t),
      status: 'skip',
      message: "Tray's Headless MCP server asks for an OAuth2 sign-in (HTTP 401), which the client does itself; tray-mcp has no credentials for it and sends none, so the handshake and tools are not checked here. The sign-in chain is checked by oauth",
      details: { ...details, reason: 'oauth-only' },
      remedies: [],
    };
  }
  if (a.state === 'ok') {
    return {
      ...base(t),
      status: 'pass',
      message: a.tokenSent
        ? `the token (${fingerprint(t.token)}) was accepted (HTTP ${a.status})`
        : `the server accepted a request without a token (HTTP ${a.status})`,
      details,
      remedies: [],
    };
  }
  if (a.status === 401) {
    if (!a.tokenSent) {
      return {
        ...base(t),
        status: 'fail',
        message:
          'the server requires an API token (HTTP 401 Unauthorized) and none is configured for it: add `Authorization: Bearer <token>` to the entry (or pass --token / TRAY_MCP_API_TOKEN with --url). ' +
          'Clients that sign in with OAuth2 instead do it themselves; the oauth check walks that chain',
        details,
        remedies: ['token-missing', 'token-invalid-or-expired'],
      };
    }
    const said = a.challenge?.error ? ` (the server says: ${a.challenge.error})` : '';
    return {
      ...base(t),
      status: 'fail',
      message: `the server refused the token ${fingerprint(t.token)} (HTTP 401 Unauthorized)${said}: it is wrong, revoked or expired. Create a new API token in Tray, put it in the config, and restart the client`,
      details,
      remedies: ['token-invalid-or-expired', 'restart-client'],
    };
  }
  // 403
  const scope = a.challenge?.error === 'insufficient_scope';
  return {
    ...base(t),
    status: 'fail',
    message: scope
      ? `the token was recognised but lacks the permission this MCP server needs (HTTP 403, insufficient_scope${a.challenge?.scope ? `: needs ${a.challenge.scope}` : ''}): grant the user access in the MCP server’s Access Management tab, or use a token of a user who has it`
      : 'the token was recognised but access is refused (HTTP 403 Forbidden): the user is not granted access to this MCP server (Access Management tab), or is the wrong user type',
    details: { ...details, ...(scope ? { insufficientScope: true } : {}) },
    remedies: ['access-not-granted', 'tray-account-required'],
  };
}

// ── mcp-handshake ─────────────────────────────────────────────────────────────────────────────

/** The revisions the server serves, as far as the probe saw: server/discover's list, the one negotiated, and the 2025 one if served. */
function serverRevisions(h: HandshakeOutcome): string[] {
  const out = new Set<string>(h.discover?.supportedVersions ?? []);
  if (h.protocolVersion) out.add(h.protocolVersion);
  if (h.legacy?.served && h.legacy.protocolVersion) out.add(h.legacy.protocolVersion);
  return [...out];
}

/**
 * Does a client that speaks `revisions` connect to this server? true/false, or null when the
 * client's revisions are not established (or the probe learnt no era).
 * - 2025 era server (initialize answered): every client that speaks a 2025-era revision.
 * - 2026 era server: a client that speaks one of the revisions it named in server/discover; else a
 *   2025-era client only if the server also answered the 2025 handshake.
 */
export function clientSpeaks(revisions: readonly string[] | null, h: Pick<HandshakeOutcome, 'era' | 'protocolVersion' | 'discover' | 'legacy'>): boolean | null {
  if (!revisions || !h.era) return null;
  const legacyClient = revisions.some((v) => eraOf(v) === 'legacy');
  if (h.era === 'legacy') return legacyClient;
  const modern = new Set([...(h.discover?.supportedVersions ?? []), ...(h.protocolVersion ? [h.protocolVersion] : [])]);
  if (revisions.some((v) => modern.has(v))) return true;
  return Boolean(h.legacy?.served) && legacyClient;
}

const ERA_WORDS = { modern: 'the stateless 2026 era: server/discover, no session', legacy: 'the 2025 era: initialize handshake' } as const;

export function handshakeResult(t: ProbeTarget, h: HandshakeOutcome, p: Probe, verbose: boolean): Out | Out[] {
  const skipped = notProbed(t);
  if (skipped) return skipped;
  if (h.crash) return crashed(t, h.crash);
  if (h.state === 'blocked') return blocked(t, h.by, 'MCP handshake');
  const exchanges = verbose ? { exchanges: p.exchanges.map((e) => ({ ...e })) } : {};
  if (h.state === 'failed') {
    const w: Worded = h.failure ? requestFailureWords(h.failure, 'the MCP handshake', t) : { message: 'the MCP handshake failed', remedies: ['contact-support'] };
    return {
      ...base(t),
      status: 'fail',
      message: w.message,
      details: {
        url: t.display,
        code: h.code,
        ...(h.protocolVersion ? { protocolVersion: h.protocolVersion, era: eraOf(h.protocolVersion) } : {}),
        ...(h.supportedVersions ? { supportedVersions: h.supportedVersions } : {}),
        ...(h.discover ? { serverVersions: h.discover.supportedVersions } : {}),
        ...(h.fellBackFrom !== undefined ? { fellBackFrom: h.fellBackFrom } : {}),
        ...exchanges,
      },
      durationMs: h.ms,
      remedies: w.remedies,
    };
  }
  const who = h.server ? `${h.server.name} ${h.server.version}` : 'the server';
  const how =
    h.transport === 'sse'
      ? `the legacy HTTP+SSE transport (Streamable HTTP answered ${h.fellBackFrom}; clients that only speak Streamable HTTP will not connect)`
      : `Streamable HTTP${h.responseFormat === 'sse' ? ', responses framed as SSE' : ''}`;
  const served = serverRevisions(h);
  const clients = configuredBy(t).map((c) => ({
    client: c.client,
    name: c.name,
    revisions: c.spec.protocolRevisions?.value ?? null,
    speaks: clientSpeaks(c.spec.protocolRevisions?.value ?? null, h),
  }));
  let eraText = h.era ? ` (${ERA_WORDS[h.era]})` : '';
  if (h.era === 'modern' && h.legacy) {
    eraText += h.legacy.served
      ? `; the 2025 handshake is served too (${h.legacy.protocolVersion ?? 'answered'}), so clients of both eras connect`
      : `; it refuses the 2025 handshake (${h.legacy.message ?? h.legacy.code ?? 'refused'}), so only clients that speak ${served.join(', ')} connect`;
  }
  const main: Out = {
    ...base(t),
    status: 'pass',
    message: `MCP handshake complete with ${who}: protocol ${h.protocolVersion ?? 'unknown'} over ${how}${eraText}`,
    details: {
      url: t.display,
      protocolVersion: h.protocolVersion,
      ...(h.era ? { era: h.era } : {}),
      ...(h.discover ? { serverVersions: h.discover.supportedVersions } : {}),
      ...(h.legacy ? { legacy: h.legacy } : {}),
      ...(h.session ? { session: true } : {}),
      transport: h.transport,
      server: h.server,
      ...(h.responseFormat ? { responseFormat: h.responseFormat } : {}),
      ...(h.fellBackFrom !== undefined ? { fellBackFrom: h.fellBackFrom } : {}),
      ...(clients.length ? { clients } : {}),
      ...exchanges,
    },
    durationMs: h.ms,
    remedies: [],
  };
  // Per client that uses this server: one that does not speak what the server serves cannot
  // connect although the server is up (a finding for that client, not for the server).
  const modernOnly = h.era === 'modern' && h.legacy !== undefined && !h.legacy.served;
  const findings: Out[] = [];
  for (const c of configuredBy(t)) {
    const revisions = c.spec.protocolRevisions?.value ?? null;
    const speaks = clientSpeaks(revisions, h);
    if (speaks === true || (speaks === null && !modernOnly)) continue;
    const details = {
      url: t.display,
      era: h.era,
      protocolVersion: h.protocolVersion,
      serverVersions: served,
      clientRevisions: revisions,
      ...(c.spec.protocolRevisions ? { clientRevisionsSource: c.spec.protocolRevisions.source } : {}),
      ...(h.legacy ? { legacy: h.legacy } : {}),
    };
    findings.push({
      subject: `${c.client} › ${c.name}`,
      client: c.client,
      status: speaks === false ? 'fail' : 'warn',
      message:
        speaks === false
          ? `${c.spec.name} speaks MCP ${revisions!.join(', ')}, but this server serves only ${served.join(', ')}: ${c.spec.name} cannot connect although the server is up and answers. Update ${c.spec.name}; if it is current, the server must also serve the 2025 handshake (contact support)`
          : `this server serves only ${served.join(', ')} (it refuses the 2025 handshake), and which revisions ${c.spec.name} speaks is not established: if it does not speak ${served.join(', ')}, it cannot connect although the server is up`,
      details,
      remedies: speaks === false ? ['protocol-revision-mismatch', 'contact-support'] : ['protocol-revision-mismatch'],
    });
  }
  return findings.length ? [main, ...findings] : main;
}

// ── tool-visibility ───────────────────────────────────────────────────────────────────────────

const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '');

/** No description, one that only repeats the name/title, or one too short to tell the AI anything. */
export function lacksDescription(tool: ToolInfo): boolean {
  const d = (tool.description ?? '').trim();
  if (!d) return true;
  if (squash(d) === squash(tool.name) || (tool.title && squash(d) === squash(tool.title))) return true;
  return d.length < 12 || d.split(/\s+/).length < 3;
}

function nameList(names: string[]): string {
  const shown = names.slice(0, NAMES_IN_MESSAGE).join(', ');
  return names.length > NAMES_IN_MESSAGE ? `${shown} and ${names.length - NAMES_IN_MESSAGE} more` : shown;
}

/** Why the tools walk stopped before the server's last page, in plain words. */
function stoppedText(o: ToolsOutcome, count: number): string {
  const n = `${o.pages} page${o.pages === 1 ? '' : 's'}`;
  switch (o.truncatedBy) {
    case 'tools':
      return `stopped listing at ${count} tools (the most doctor keeps)`;
    case 'time':
      return `stopped listing after ${n}: the server took longer than the bound for the whole list (${stageBoundText(o)})`;
    case 'cursor':
      return `stopped listing after ${n}: the server sent a page cursor it had sent before (or one too long to send back)`;
    case 'size':
      return `stopped listing after ${n}: the next page was larger than an answer may be`;
    default:
      return `stopped listing after ${n} (the most doctor follows)`;
  }
}

function stageBoundText(o: ToolsOutcome): string {
  return o.ms !== undefined ? `${Math.round(o.ms)} ms` : 'the bound';
}

/** MCP tool names (2025-11-25 spec): 1–128 characters of A–Z a–z 0–9 _ - . */
const SPEC_NAME = /^[A-Za-z0-9_.-]{1,128}$/;

/** A tool name the spec's rules do not allow (clients refuse or rename it). */
export function invalidToolName(name: string): boolean {
  return !SPEC_NAME.test(name);
}

/**
 * The name a client gives the model for a tool, when its limit counts the server's name in:
 * the prefix with `{server}` filled in (characters outside `serverNameChars` replaced by `_`).
 */
export function clientToolName(spec: ClientSpec, server: string, tool: string): string {
  const n = spec.limits?.maxToolNameLength;
  if (!n?.includesServerName || !n.prefix) return tool;
  const safe = n.serverNameChars ? server.replace(new RegExp(`[^${n.serverNameChars}]`, 'g'), '_') : server;
  return n.prefix.replace('{server}', safe) + tool;
}

/** Per client that uses this server: tool names too long for it, more tools than it takes. */
export function clientToolFindings(t: ProbeTarget, tools: readonly ToolInfo[]): Out[] {
  const out: Out[] = [];
  for (const c of configuredBy(t)) {
    const problems: string[] = [];
    const remedies: RemedyId[] = [];
    const details: Record<string, unknown> = { url: t.display, server: c.name, toolCount: tools.length };
    let fail = false;
    const n = c.spec.limits?.maxToolNameLength;
    if (n) {
      const long = tools.map((x) => ({ tool: x.name, as: clientToolName(c.spec, c.name, x.name) })).filter((x) => x.as.length > n.value);
      if (long.length) {
        const counted = n.includesServerName && n.prefix ? ` counted as ${n.prefix.replace('{server}', c.name)}<tool>` : '';
        const what =
          n.overflow === 'refused'
            ? `${c.spec.name} refuses names over ${n.value} characters${counted}, so its requests fail while these tools are enabled`
            : n.overflow === 'shortened'
              ? `${c.spec.name} shortens names over ${n.value} characters${counted}, so the model sees them renamed`
              : `${c.spec.name} takes names up to ${n.value} characters${counted}`;
        problems.push(`${long.length} tool name${long.length === 1 ? ' is' : 's are'} too long for ${c.spec.name} (${nameList(long.map((x) => `${x.tool} (${x.as.length})`))}): ${what}. Shorten the tool names in Tray, or give the server a shorter name than "${c.name}"`);
        details.maxToolNameLength = n.value;
        details.longToolNames = long.map((x) => ({ tool: x.tool, length: x.as.length }));
        remedies.push('tool-name-invalid');
        if (n.overflow === 'refused') fail = true;
      }
    }
    const m = c.spec.limits?.maxTools;
    if (m && tools.length > m.value) {
      problems.push(`${tools.length} tools from this server alone, and ${c.spec.name} uses at most ${m.value} (from all its servers together): the rest are left out. Disable tools, or split them across servers`);
      details.maxTools = m.value;
      remedies.push('too-many-tools');
    }
    if (problems.length) {
      out.push({ subject: `${c.client} › ${c.name}`, client: c.client, status: fail ? 'fail' : 'warn', message: problems.join('; '), details, remedies });
    }
  }
  return out;
}

export function toolsResult(t: ProbeTarget, o: ToolsOutcome): Out | Out[] {
  const skipped = notProbed(t);
  if (skipped) return skipped;
  if (o.crash) return crashed(t, o.crash);
  if (o.state === 'blocked') return blocked(t, o.by, 'Tools');
  const tools = o.tools ?? [];
  const details: Record<string, unknown> = { url: t.display, toolCount: tools.length, pages: o.pages, tools: tools.map((x) => x.name) };
  if (o.truncated) {
    details.truncated = true;
    if (o.truncatedBy) details.truncatedBy = o.truncatedBy;
  }
  if (o.state === 'failed' && !o.noCapability) {
    const w: Worded = o.failure ? requestFailureWords(o.failure, 'tools/list', t) : { message: 'tools/list failed', remedies: ['contact-support'] };
    return { ...base(t), status: 'fail', message: w.message, details: { ...details, code: o.code }, durationMs: o.ms, remedies: w.remedies };
  }
  if (o.noCapability || tools.length === 0) {
    return {
      ...base(t),
      status: 'fail',
      message: o.noCapability
        ? 'the server offers no tools at all (it does not declare the tools capability): enable at least one Workflow or Connector tool on the MCP server'
        : 'tools/list is empty: no tool is enabled on this MCP server. Enable at least one tool (green indicator) in the Workflow tools or Connector tools tab, then reconnect the client',
      details,
      durationMs: o.ms,
      remedies: ['no-tools-enabled', 'client-tool-cache-stale'],
    };
  }
  const problems: string[] = [];
  const remedies: RemedyId[] = [];
  if (tools.length > TOOL_LIMIT) {
    problems.push(`${tools.length} tools: beyond ${TOOL_LIMIT}–20 tools, AI clients pick tools more slowly and less accurately; split them across MCP servers by use case or team`);
    remedies.push('too-many-tools');
  }
  const bare = tools.filter(lacksDescription).map((x) => x.name);
  if (bare.length) {
    details.missingDescriptions = bare;
    problems.push(
      `${bare.length} tool${bare.length === 1 ? ' has' : 's have'} no meaningful description (${nameList(bare)}): the AI chooses tools by their descriptions, so these get invoked wrongly or not at all`,
    );
    remedies.push('tool-description-missing');
  }
  const invalid = tools.map((x) => x.name).filter(invalidToolName);
  if (invalid.length) {
    details.invalidNames = invalid;
    problems.push(
      `${invalid.length} tool name${invalid.length === 1 ? ' is' : 's are'} not valid MCP tool names (1–128 characters of A–Z, a–z, 0–9, _, - and .): ${nameList(invalid.map((x) => `"${escapeControls(x.length > 40 ? x.slice(0, 37) + '…' : x)}"`))}; clients refuse or rename them`,
    );
    remedies.push('tool-name-invalid');
  }
  if (o.truncated) problems.push(stoppedText(o, tools.length));
  const perClient = clientToolFindings(t, tools);
  const main: Out = problems.length
    ? { ...base(t), status: 'warn', message: problems.join('; '), details, durationMs: o.ms, remedies }
    : {
        ...base(t),
        status: 'pass',
        message: `${tools.length} tool${tools.length === 1 ? '' : 's'} visible${o.pages && o.pages > 1 ? ` (${o.pages} pages)` : ''}: ${nameList(tools.map((x) => x.name))}`,
        details,
        durationMs: o.ms,
        remedies: [],
      };
  return perClient.length ? [main, ...perClient] : main;
}
