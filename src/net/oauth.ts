// The OAuth2 discovery chain an MCP client (a Claude Desktop custom connector, Claude Code, the
// SDKs) walks before it can ask the user to sign in, checked WITHOUT credentials:
//
//   1. challenge                     an MCP request without a token gets 401 with
//                                    `WWW-Authenticate: Bearer resource_metadata="…"`
//   2. protected-resource-metadata   RFC 9728: that document (or the well-known one), naming this
//                                    server as its `resource` and at least one authorization server
//   3. authorization-server-metadata RFC 8414 or OpenID Connect discovery for that server, whose
//                                    `issuer` echoes its URL
//   4. client-registration           a dynamic registration endpoint (RFC 7591), or client ID
//                                    metadata documents (client_id_metadata_document_supported)
//   5. pkce                          S256 in code_challenge_methods_supported (MCP clients refuse
//                                    to go on without it)
//
// Steps 2 and 3 use the v2 SDK's own discovery helpers (discoverOAuthProtectedResourceMetadata,
// discoverAuthorizationServerMetadata, checkResourceAllowed), so a chain passes here when it would
// pass for clients built on that SDK. No request carries a token, a cookie or an Authorization
// header: the wires are created without one. Each request goes through a wire of its own origin
// (proxy settings honoured, every phase bounded by the timeout, redirects reported, not followed);
// a body is read up to MAX_METADATA_BYTES within the timeout. Plain http is refused unless the
// host is this machine. Facts only: src/checks/oauth.ts words them.
import { errorCode, errorMessage } from './classify.js';
import { displayUrl, isInsecure } from './url.js';
import { RedirectRefused, createWire, type Wire } from './wire.js';
import { now } from '../lib/clock.js';

export type OAuthStep = 'challenge' | 'protected-resource-metadata' | 'authorization-server-metadata' | 'client-registration' | 'pkce';
export const OAUTH_STEPS: readonly OAuthStep[] = ['challenge', 'protected-resource-metadata', 'authorization-server-metadata', 'client-registration', 'pkce'];

/** A metadata document larger than this is refused (real ones are a few KiB). */
export const MAX_METADATA_BYTES = 256 * 1024;

export interface OAuthRequest {
  method: string;
  /** shown form: no userinfo, query values masked */
  url: string;
  status?: number;
  contentType?: string;
  /** when no answer came */
  error?: string;
  ms: number;
  /** always false: asserted by tests, shown with --verbose */
  credentials: false;
}

export interface OAuthOutcome {
  /** ok: every step passed; broken: `broken` names the first step that fails; not-required: the server answered without credentials */
  state: 'ok' | 'broken' | 'not-required';
  broken?: OAuthStep;
  /** what broke, in plain words (no secret: none was ever sent) */
  problem?: string;
  /** the answer to the unauthenticated MCP request */
  challenge?: { status?: number; scheme?: string; resourceMetadata?: string; scope?: string };
  /** where the protected resource metadata came from, and what it says */
  resourceMetadataUrl?: string;
  resource?: string;
  authorizationServers?: string[];
  /** the authorization server whose metadata was read, and its issuer */
  authorizationServer?: string;
  issuer?: string;
  registration?: { dynamic: boolean; clientIdMetadataDocument: boolean; endpoint?: string };
  codeChallengeMethods?: string[];
  /** steps that passed, in order */
  passed: OAuthStep[];
  requests: OAuthRequest[];
  ms: number;
}

export interface OAuthConfig {
  timeoutMs: number;
  vars: Readonly<Record<string, string | undefined>>;
  /** MCP-Protocol-Version sent on the discovery requests, as the SDK does */
  protocolVersion?: string;
}

class Broken extends Error {
  constructor(
    readonly step: OAuthStep,
    message: string,
  ) {
    super(message);
  }
}

const round = (ms: number) => Math.round(ms * 10) / 10;

function short(text: string, max = 200): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? one.slice(0, max - 1) + '…' : one;
}

const NETWORK_WORDS: Record<string, string> = {
  UND_ERR_HEADERS_TIMEOUT: 'no answer',
  UND_ERR_BODY_TIMEOUT: 'the body did not complete',
  UND_ERR_CONNECT_TIMEOUT: 'no connection',
  ETIMEDOUT: 'no answer',
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'the connection was reset',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name does not resolve (DNS lookup failed)',
};

/** One ZodError, a network failure, or any error, as one line. */
function describe(err: unknown, t?: number): string {
  const code = errorCode(err);
  if (code && NETWORK_WORDS[code]) {
    const timed = /TIMEOUT|ETIMEDOUT/.test(code) && t !== undefined ? ` within ${t} ms` : '';
    return `${NETWORK_WORDS[code]}${timed} (${code})`;
  }
  const issues = (err as { issues?: { path?: unknown[]; message?: string }[] }).issues;
  if (Array.isArray(issues) && issues.length > 0) {
    return issues
      .slice(0, 3)
      .map((i) => `${(i.path ?? []).join('.') || 'document'}: ${i.message ?? 'invalid'}`)
      .join('; ');
  }
  if (err instanceof SyntaxError) return `not JSON (${short(err.message, 80)})`;
  return short(errorMessage(err));
}

/** Read a body up to `max` bytes within `ms`; the Response handed on holds what was read. */
async function bounded(res: Response, max: number, ms: number, ResponseClass: typeof Response): Promise<Response> {
  const reader = res.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (reader) {
    const timer = setTimeout(() => void reader.cancel(new Error('timeout')).catch(() => {}), ms);
    timer.unref?.();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > max) {
          await reader.cancel().catch(() => {});
          throw Object.assign(new Error(`the document is larger than ${max / 1024} KiB`), { code: 'BODY_TOO_LARGE' });
        }
        chunks.push(value);
      }
    } catch (err) {
      if ((err as { code?: unknown }).code === 'BODY_TOO_LARGE') throw err;
      throw Object.assign(new Error(`the body did not complete within ${ms} ms`), { code: 'UND_ERR_BODY_TIMEOUT' });
    } finally {
      clearTimeout(timer);
    }
  }
  const body = res.status === 204 || res.status === 304 ? null : Buffer.concat(chunks);
  return new ResponseClass(body, { status: res.status, statusText: res.statusText, headers: res.headers });
}

/**
 * Walk the chain for one MCP server URL. Never throws: a failure is the outcome's `broken` step.
 */
export async function walkOAuthChain(serverUrl: URL, cfg: OAuthConfig): Promise<OAuthOutcome> {
  const started = now();
  const t = cfg.timeoutMs;
  const sdk = await import('@modelcontextprotocol/client');
  // undici's classes, as the wire's: the globals would load Node's own copy of undici (~50 ms)
  const { Headers: UndiciHeaders, Response: UndiciResponse } = await import('undici');
  const requests: OAuthRequest[] = [];
  const wires = new Map<string, Promise<Wire>>();
  const out: OAuthOutcome = { state: 'broken', passed: [], requests, ms: 0 };

  /** fetch for the SDK's helpers: one credential-less wire per origin, bounded, recorded. */
  const oauthFetch = async (input: string | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(typeof input === 'string' ? input : input.href);
    const rec: OAuthRequest = { method: (init?.method ?? 'GET').toUpperCase(), url: displayUrl(url), ms: 0, credentials: false };
    requests.push(rec);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`${rec.url} is not an http(s) URL`);
    if (isInsecure(url)) throw new Error(`${rec.url} is plain http to a host that is not this machine; OAuth metadata must come over https`);
    if (url.username || url.password) throw new Error(`${rec.url} has a user name or password in it`);
    let wire = wires.get(url.origin);
    if (!wire) {
      // No token: the wire sends no Authorization header at all (and removes one, were it given).
      wire = createWire({ url: new URL(url.origin), timeoutMs: t, vars: cfg.vars, events: {} });
      wire.catch(() => {});
      wires.set(url.origin, wire);
    }
    const headers = new UndiciHeaders(init?.headers as ConstructorParameters<typeof UndiciHeaders>[0]);
    headers.delete('authorization');
    headers.delete('cookie');
    const t0 = now();
    try {
      const res = await (await wire).fetch(url, { ...init, headers: headers as unknown as Headers, redirect: 'manual' });
      rec.status = res.status;
      const ct = res.headers.get('content-type');
      if (ct) rec.contentType = ct.split(';')[0]!.trim();
      const body = await bounded(res, MAX_METADATA_BYTES, t, UndiciResponse as unknown as typeof Response);
      rec.ms = round(now() - t0);
      return body;
    } catch (err) {
      rec.ms = round(now() - t0);
      if (rec.status === undefined) rec.error = errorCode(err) ?? 'error';
      throw err;
    }
  };

  const step = async <T>(s: OAuthStep, fn: () => Promise<T>): Promise<T> => {
    try {
      const v = await fn();
      out.passed.push(s);
      return v;
    } catch (err) {
      if (err instanceof Broken) throw err;
      const redirect = err instanceof RedirectRefused ? err : undefined;
      const last = requests[requests.length - 1];
      const where = last && last.status === undefined ? `${last.url}: ` : '';
      throw new Broken(s, where + (redirect ? `answered with a redirect (HTTP ${redirect.status}) to ${redirect.location ?? 'an unknown location'}, which is not followed` : describe(err, t)));
    }
  };

  try {
    // 1. The challenge: an MCP request without credentials, as a client's first request.
    const challenge = await step('challenge', async () => {
      const res = await oauthFetch(serverUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          ...(cfg.protocolVersion ? { 'mcp-protocol-version': cfg.protocolVersion } : {}),
        },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: cfg.protocolVersion ?? sdk.LATEST_PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: 'tray-mcp-doctor', version: '0' } } }),
      });
      const raw = res.headers.get('www-authenticate') ?? undefined;
      const p = sdk.extractWWWAuthenticateParams(res);
      out.challenge = {
        status: res.status,
        ...(raw ? { scheme: raw.trim().split(/\s+/)[0] } : {}),
        ...(p.resourceMetadataUrl ? { resourceMetadata: displayUrl(p.resourceMetadataUrl) } : {}),
        ...(p.scope ? { scope: p.scope } : {}),
      };
      if (res.status >= 200 && res.status < 300) return { required: false as const };
      if (res.status !== 401) {
        throw new Broken('challenge', `the MCP request without credentials was answered HTTP ${res.status}, not 401 Unauthorized, so a client is never asked to sign in`);
      }
      if (raw && !/^\s*(bearer|dpop)\b/i.test(raw)) {
        throw new Broken('challenge', `the 401 challenges with "${short(raw, 40)}", not a Bearer token; OAuth2 clients do not know how to answer it`);
      }
      return { required: true as const, resourceMetadataUrl: p.resourceMetadataUrl };
    });
    if (!challenge.required) {
      out.state = 'not-required';
      return out;
    }

    // 2. Protected resource metadata (RFC 9728): the challenge's resource_metadata, else the well-known URLs.
    const prm = await step('protected-resource-metadata', async () => {
      const url = challenge.resourceMetadataUrl;
      out.resourceMetadataUrl = url ? displayUrl(url) : displayUrl(new URL('/.well-known/oauth-protected-resource' + serverUrl.pathname.replace(/\/$/, ''), serverUrl));
      let doc;
      try {
        doc = await sdk.discoverOAuthProtectedResourceMetadata(serverUrl, { ...(url ? { resourceMetadataUrl: url } : {}), ...(cfg.protocolVersion ? { protocolVersion: cfg.protocolVersion } : {}) }, oauthFetch);
      } catch (err) {
        const where = url ? `at ${displayUrl(url)} (the 401's resource_metadata)` : `at the well-known URLs (the 401 names no resource_metadata)`;
        const last = requests[requests.length - 1];
        const why = last?.status !== undefined && last.status >= 400 ? `HTTP ${last.status}` : describe(err, t);
        throw new Broken('protected-resource-metadata', `no usable protected resource metadata ${where}: ${why}`);
      }
      out.resource = doc.resource;
      out.authorizationServers = doc.authorization_servers ?? [];
      if (!sdk.checkResourceAllowed({ requestedResource: sdk.resourceUrlFromServerUrl(serverUrl), configuredResource: doc.resource })) {
        throw new Broken('protected-resource-metadata', `the metadata is for the resource ${displayUrl(doc.resource)}, not this server (${displayUrl(serverUrl)}); clients refuse it`);
      }
      if (!doc.authorization_servers?.length) {
        throw new Broken('protected-resource-metadata', 'the metadata names no authorization server (authorization_servers is missing or empty)');
      }
      return doc;
    });

    // 3. Authorization server metadata (RFC 8414, else OpenID Connect discovery), issuer echoed.
    const asUrl = prm.authorization_servers![0]!;
    out.authorizationServer = displayUrl(asUrl);
    const as = await step('authorization-server-metadata', async () => {
      let meta;
      try {
        meta = await sdk.discoverAuthorizationServerMetadata(asUrl, { fetchFn: oauthFetch, ...(cfg.protocolVersion ? { protocolVersion: cfg.protocolVersion } : {}) });
      } catch (err) {
        if (err instanceof sdk.IssuerMismatchError) {
          throw new Broken('authorization-server-metadata', `the metadata's issuer (${err.received ?? 'none'}) is not the authorization server it was fetched for (${err.expected ?? asUrl}); clients reject it`);
        }
        throw err;
      }
      if (!meta) {
        const tried = requests.filter((r) => r.url.includes('/.well-known/oauth-authorization-server') || r.url.includes('openid-configuration'));
        throw new Broken(
          'authorization-server-metadata',
          `no authorization server metadata for ${displayUrl(asUrl)}: ${tried.map((r) => `${r.url} → ${r.status !== undefined ? `HTTP ${r.status}` : r.error}`).join(', ') || 'nothing answered'}`,
        );
      }
      out.issuer = meta.issuer;
      return meta;
    });

    // 4. Client registration: dynamic (RFC 7591) or client ID metadata documents.
    await step('client-registration', async () => {
      const dynamic = typeof as.registration_endpoint === 'string' && as.registration_endpoint !== '';
      const cimd = (as as { client_id_metadata_document_supported?: unknown }).client_id_metadata_document_supported === true;
      out.registration = { dynamic, clientIdMetadataDocument: cimd, ...(dynamic ? { endpoint: displayUrl(as.registration_endpoint!) } : {}) };
      if (!dynamic && !cimd) {
        throw new Broken(
          'client-registration',
          'the authorization server offers no way for a client to register: no registration_endpoint (dynamic registration) and client_id_metadata_document_supported is not true, so only a client given a pre-registered client ID can sign in',
        );
      }
    });

    // 5. PKCE with S256.
    await step('pkce', async () => {
      const methods = (as as { code_challenge_methods_supported?: unknown }).code_challenge_methods_supported;
      out.codeChallengeMethods = Array.isArray(methods) ? methods.filter((m): m is string => typeof m === 'string') : [];
      if (!out.codeChallengeMethods.includes('S256')) {
        throw new Broken(
          'pkce',
          methods === undefined
            ? 'the authorization server does not list code_challenge_methods_supported, so it does not advertise PKCE; MCP clients refuse to sign in without it'
            : `the authorization server supports PKCE with ${out.codeChallengeMethods.join(', ') || 'no method'}, not S256, which MCP clients require`,
        );
      }
    });
    out.state = 'ok';
    return out;
  } catch (err) {
    const b = err instanceof Broken ? err : new Broken(OAUTH_STEPS[out.passed.length] ?? 'challenge', describe(err, t));
    out.state = 'broken';
    out.broken = b.step;
    out.problem = b.message;
    return out;
  } finally {
    out.ms = round(now() - started);
    await Promise.all([...wires.values()].map((w) => w.then((x) => x.close(), () => {})));
  }
}
