// One probe per server (URL + token): one dispatcher, one MCP handshake with the official SDK
// client (negotiating the protocol era as current clients do: see era.ts), one tools/list walk. It
// serves the network checks: each awaits its own stage
// (reach → auth → handshake → tools), which settles as soon as the probe knows it, so
// reachability can report while the handshake is still under way.
// Stage promises never reject; an unexpected crash settles the open stages with `crash`.
// The SDK and undici are loaded here, lazily, so `doctor --offline` and --help never load them.
//
// Bounds: every network step is bounded by the timeout t (see budget.ts). Once the server has
// accepted an MCP request (a 2xx), its MCP answer must arrive within t: an SSE stream that sends
// only comments, a body that trickles, a 202 with nothing after it all end as a finding for this
// server (NoAnswer), not as a wait for the SDK's own, much longer, request time-out. The whole
// tools/list walk has one deadline (toolsWalkBudget), whatever the number of pages. Sizes are
// bounded too: every answer (wire.ts), the tools kept (MAX_TOOLS, cut before the SDK validates a
// page), and every string a server sends (names, descriptions, messages: cut to a few KB, redacted
// before the cut). When the probe ends, a 2025-era session is ended (DELETE), then the SDK client,
// its transport and the wire's dispatcher (every socket) are closed.
import type { JSONRPCMessage, Transport } from '@modelcontextprotocol/client';
import { checkLegacyServed, clientOptions, discoverFactsOf, endSession, eraOf, loadSdk, type DiscoverFacts, type Era, type LegacyServed, type Sdk } from './era.js';
/** The network check a stage's outcome belongs to (the checks in src/checks/ word the results). */
export type StageId = 'reachability' | 'authentication' | 'mcp-handshake' | 'tool-visibility';
import { MAX_CURSOR_CHARS, MAX_TOOLS, MAX_TOOL_PAGES, attemptBudget, mcpRequestBudget, requestBudget, toolsWalkBudget } from './budget.js';
export { MAX_TOOLS, MAX_TOOL_PAGES, stageBudget } from './budget.js';
import { clip, type Secrets } from '../lib/redact.js';
import { classifyNetworkError, errorChain, errorCode, errorMessage, type NetFailure } from './classify.js';
import type { ProbeTarget } from './targets.js';
import { isInsecure, isLoopbackHost, effectivePort } from './url.js';
import { createWire, OriginRefused, ProxyConfigError, RedirectRefused, ResponseTooLarge, type Exchange, type Limits, type Wire } from './wire.js';
import { now } from '../lib/clock.js';

/** A name (tool, server) from a server is kept to this many characters. */
export const NAME_MAX = 512;
/** A description, a title or a message from a server is kept to this many characters. */
export const TEXT_MAX = 2048;
/** A URL a server names (a redirect's Location) is kept to this many characters. */
export const URL_MAX = 512;

export interface ProbeConfig {
  timeoutMs: number;
  vars: Readonly<Record<string, string | undefined>>;
  /** this tool's version, sent as clientInfo */
  version: string;
  /** the run's secrets: server text is redacted with them before it is cut */
  secrets?: Secrets;
  /** size bounds of answers (tests may lower them) */
  limits?: Partial<Limits>;
}

export interface Timings {
  /** null: an IP address, no lookup */
  dns?: number | null;
  tcp?: number;
  tls?: number;
  http?: number;
  total: number;
}

export interface ReachOutcome {
  ok: boolean;
  insecure?: boolean;
  failure?: NetFailure;
  redirect?: { status: number; location: string | null; targetOrigin: string | null; sameOrigin: boolean };
  /** HTTP status of the first answer */
  status?: number;
  timings: Timings;
  address?: string;
  /** the proxy the request went through (credentials removed), or null */
  proxy: string | null;
  /** a proxy is set, but NO_PROXY makes this server bypass it */
  proxyBypassed?: boolean;
  crash?: string;
}

export interface Challenge {
  /** the WWW-Authenticate header as received (no secret in it) */
  raw: string;
  error?: string;
  scope?: string;
}

/**
 * The server accepted an MCP request (2xx) but gave no MCP answer, as facts. `why`:
 * - `too-large`: the answer was cut off at `tooLarge` (nothing more was read)
 * - `not-mcp-type`: its content type is not an MCP one; `no-type`: it had none (and it is not a 202)
 * - `not-json-rpc`: the body is not an MCP (JSON-RPC) message
 * - `body-incomplete`: the body did not complete within `ms`
 * - `no-endpoint-event`: the legacy SSE stream sent no endpoint event within `ms`
 * - `no-answer`: no MCP answer within `ms`
 * - `broke-off`: the answer broke off (`code`, `detail`: the error's own message, redacted and cut)
 */
export interface NoMcpAnswer {
  why: 'too-large' | 'not-mcp-type' | 'no-type' | 'not-json-rpc' | 'body-incomplete' | 'no-endpoint-event' | 'no-answer' | 'broke-off';
  /** the request: its JSON-RPC method(s), or null for the legacy SSE stream (GET) */
  request: string | null;
  status: number | undefined;
  /** the answer's content type, lower case */
  contentType?: string;
  ms?: number;
  tooLarge?: { what: ResponseTooLarge['what']; limit: number };
  code?: string;
  detail?: string;
}

/**
 * Why a request of the probe (the MCP handshake, tools/list) failed, as facts:
 * - `too-large`: the answer was cut off at `what`/`limit`
 * - `redirect`: a redirect (not followed) to `location`
 * - `no-answer`: accepted (HTTP `status`, `contentType`) but no MCP answer within `ms`
 * - `timeout`: no answer within `ms` (the SDK's request bound); `deadline`: the step did not finish within `ms`
 * - `method-not-found`, `rpc-error`: a JSON-RPC error (`rpcCode`, what the server said)
 * - `http-error`: an HTTP error status, with the body (redacted, cut)
 * - `network`: a network failure (classify.ts)
 * - `protocol-unsupported`: the server speaks only revisions (`named`) this client does not know (`known`)
 * - `no-endpoint`: no MCP endpoint: Streamable HTTP (POST) answered `postStatus`, and the legacy SSE
 *   transport (GET) answered `getStatus` or failed (`getError`)
 * - `other`: anything else (`detail`: the error's own message, redacted and cut)
 */
export type RequestFailure =
  | { kind: 'too-large'; what: ResponseTooLarge['what']; limit: number }
  | { kind: 'redirect'; status: number; location: string | null }
  | { kind: 'no-answer'; status: number; contentType?: string; ms: number }
  | { kind: 'timeout'; ms: number }
  | { kind: 'deadline'; ms: number }
  | { kind: 'method-not-found'; rpcCode: number }
  | { kind: 'rpc-error'; rpcCode: number; serverSays: string }
  | { kind: 'http-error'; status: number | undefined; body: string }
  | { kind: 'network'; net: NetFailure }
  | { kind: 'protocol-unsupported'; named: string[]; known: string[] }
  | { kind: 'no-endpoint'; postStatus: number; getStatus?: number; getError?: string }
  | { kind: 'other'; detail: string };

export interface AuthOutcome {
  state: 'ok' | 'failed' | 'unknown' | 'blocked';
  /** how it failed: the token was refused (401/403, the default), the server accepted the request
   *  but no MCP answer came within the bound, or what came back is not MCP at all */
  failure?: 'refused' | 'no-answer' | 'not-mcp';
  /** for no-answer / not-mcp: what came back instead */
  answer?: NoMcpAnswer;
  /** content type of the decisive answer */
  contentType?: string;
  by?: StageId;
  status?: number;
  tokenSent: boolean;
  challenge?: Challenge;
  /** what the server said in the body of a 401/403 (short) */
  serverSays?: string;
  /** why it is unknown */
  reason?: string;
  crash?: string;
}

export type TransportKind = 'streamable-http' | 'sse';

export interface HandshakeOutcome {
  state: 'ok' | 'failed' | 'blocked';
  by?: StageId;
  transport?: TransportKind;
  protocolVersion?: string;
  /** the protocol era negotiated (see era.ts): 'modern' (2026-07-28 and later, server/discover) or 'legacy' (the 2025 initialize handshake) */
  era?: Era;
  /** 2026 era: the revisions the server named in server/discover */
  discover?: DiscoverFacts;
  /** 2026 era: whether a client that only speaks the 2025 era is served too */
  legacy?: LegacyServed;
  /** the server opened a session (Mcp-Session-Id); it is ended with DELETE when the probe is done */
  session?: boolean;
  server?: { name: string; version: string };
  /** how responses were framed (Streamable HTTP) */
  responseFormat?: 'json' | 'sse';
  /** Streamable HTTP answered this status, so the legacy SSE transport was tried */
  fellBackFrom?: number;
  failure?: RequestFailure;
  code?: string | number;
  supportedVersions?: string[];
  ms?: number;
  crash?: string;
}

export interface ToolInfo {
  name: string;
  title?: string;
  description?: string;
}

export interface ToolsOutcome {
  state: 'ok' | 'failed' | 'blocked';
  by?: StageId;
  tools?: ToolInfo[];
  pages?: number;
  /** the walk stopped before the server's last page */
  truncated?: boolean;
  /** why: MAX_TOOL_PAGES pages, a repeated (or huge) cursor, MAX_TOOLS tools, the walk's deadline,
   *  or a page larger than the answer bound */
  truncatedBy?: 'pages' | 'cursor' | 'tools' | 'time' | 'size';
  /** the server does not declare the tools capability */
  noCapability?: boolean;
  failure?: RequestFailure;
  code?: string | number;
  ms?: number;
  crash?: string;
}

export interface Probe {
  target: ProbeTarget;
  reach: Promise<ReachOutcome>;
  auth: Promise<AuthOutcome>;
  handshake: Promise<HandshakeOutcome>;
  tools: Promise<ToolsOutcome>;
  /** every HTTP exchange so far (live; complete once `done` settles) */
  exchanges: Exchange[];
  done: Promise<void>;
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve(v: T): void;
  settled: boolean;
}

function deferred<T>(): Deferred<T> {
  let res!: (v: T) => void;
  const d: Deferred<T> = {
    promise: new Promise<T>((r) => (res = r)),
    settled: false,
    resolve(v) {
      if (d.settled) return;
      d.settled = true;
      res(v);
    },
  };
  return d;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/** Server text for a message: one line, redacted, then cut (never the other way round). */
function shortText(text: string, max = 200, secrets?: Secrets): string {
  const one = text.length > 64 * 1024 ? text.slice(0, 64 * 1024 + (secrets?.longestForm ?? 0) + 256) : text;
  return clip(one.replace(/\s+/g, ' ').trim(), max, secrets);
}

class Deadline extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(
    message: string,
    readonly ms: number,
  ) {
    super(message);
  }
}

/**
 * Bound what a server sent before the SDK validates and keeps it: at most `room` tools in a
 * tools/list page (`onCut` when some were dropped), names to NAME_MAX and descriptions, titles,
 * server info and error messages to TEXT_MAX, each redacted before it is cut.
 */
export function tame(m: { result?: unknown; error?: unknown }, room: number, secrets: Secrets | undefined, onCut: () => void): void {
  const cut = (o: Record<string, unknown>, key: string, max: number) => {
    const v = o[key];
    if (typeof v === 'string' && v.length > max) o[key] = shortText(v, max, secrets);
  };
  const r = m.result;
  if (r && typeof r === 'object') {
    const res = r as Record<string, unknown>;
    if (Array.isArray(res.tools)) {
      if (res.tools.length > room) {
        res.tools = res.tools.slice(0, Math.max(0, room));
        onCut();
      }
      for (const tool of res.tools as unknown[]) {
        if (!tool || typeof tool !== 'object') continue;
        const x = tool as Record<string, unknown>;
        cut(x, 'name', NAME_MAX);
        cut(x, 'title', TEXT_MAX);
        cut(x, 'description', TEXT_MAX);
      }
    }
    if (res.serverInfo && typeof res.serverInfo === 'object') {
      const info = res.serverInfo as Record<string, unknown>;
      cut(info, 'name', NAME_MAX);
      cut(info, 'version', NAME_MAX);
      cut(info, 'title', TEXT_MAX);
    }
    cut(res, 'instructions', TEXT_MAX);
    cut(res, 'protocolVersion', 64);
  }
  const e = m.error;
  if (e && typeof e === 'object') cut(e as Record<string, unknown>, 'message', TEXT_MAX);
}

/** The server accepted an MCP request (2xx) but its MCP answer did not arrive within the bound. */
export class NoAnswer extends Error {
  readonly code = 'NO_MCP_ANSWER';
  constructor(
    /** 'answer': a JSON-RPC response; 'endpoint': the legacy SSE stream's endpoint event */
    readonly awaited: 'answer' | 'endpoint',
    readonly request: string,
    readonly status: number,
    readonly contentType: string | undefined,
    readonly ms: number,
  ) {
    super(`no MCP ${awaited} to ${request} within ${ms} ms after HTTP ${status}`);
    this.name = 'NoAnswer';
  }
}

function withDeadline<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Deadline(`${what} did not finish within ${ms} ms`, ms)), ms);
      timer.unref?.();
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Wraps a transport to see the messages the client receives (the initialize result). */
class TapTransport implements Transport {
  constructor(
    private readonly inner: Transport,
    private readonly seen: (m: JSONRPCMessage) => void,
    private readonly started: () => void = () => {},
    private readonly sent: (m: JSONRPCMessage) => void = () => {},
  ) {}
  get onmessage() {
    return this.inner.onmessage;
  }
  set onmessage(fn: Transport['onmessage']) {
    this.inner.onmessage = fn
      ? (m, extra) => {
          this.seen(m);
          fn(m, extra);
        }
      : undefined;
  }
  get onclose() {
    return this.inner.onclose;
  }
  set onclose(fn: Transport['onclose']) {
    this.inner.onclose = fn;
  }
  get onerror() {
    return this.inner.onerror;
  }
  set onerror(fn: Transport['onerror']) {
    this.inner.onerror = fn;
  }
  get sessionId() {
    return this.inner.sessionId;
  }
  get hasPerRequestStream() {
    return this.inner.hasPerRequestStream;
  }
  async start() {
    await this.inner.start();
    this.started();
  }
  send(message: JSONRPCMessage, options?: Parameters<Transport['send']>[1]) {
    this.sent(message);
    return this.inner.send(message, options);
  }
  close() {
    return this.inner.close();
  }
  setProtocolVersion(version: string) {
    this.inner.setProtocolVersion?.(version);
  }
  setSupportedProtocolVersions(versions: string[]) {
    this.inner.setSupportedProtocolVersions?.(versions);
  }
}

export function startProbe(target: ProbeTarget, cfg: ProbeConfig): Probe {
  const reach = deferred<ReachOutcome>();
  const auth = deferred<AuthOutcome>();
  const handshake = deferred<HandshakeOutcome>();
  const tools = deferred<ToolsOutcome>();
  const exchanges: Exchange[] = [];
  const t = cfg.timeoutMs;
  const url = target.url;
  const tokenSent = Boolean(target.token);
  const started = now();

  const block = (by: StageId, from: 'auth' | 'handshake' | 'tools') => {
    if (from === 'auth') auth.resolve({ state: 'blocked', by, tokenSent });
    if (from === 'auth' || from === 'handshake') handshake.resolve({ state: 'blocked', by });
    tools.resolve({ state: 'blocked', by });
  };

  const short = (text: string, max?: number) => shortText(text, max, cfg.secrets);
  const run = async (): Promise<void> => {
    // 0. A URL that must not be contacted at all (see targets.ts): nothing is loaded or sent.
    if (target.notProbed) {
      reach.resolve({ ok: false, timings: { total: 0 }, proxy: null });
      block('reachability', 'auth');
      return;
    }
    // 1. The token goes over https only (plain http only to this machine): fail before any request.
    if (isInsecure(url)) {
      reach.resolve({ ok: false, insecure: true, timings: { total: 0 }, proxy: null });
      block('reachability', 'auth');
      return;
    }

    // 2. The wire: dispatcher, timed connector, instrumented fetch.
    const challenges = new Map<Exchange, Challenge>();

    // The MCP answer watchdog: once a request is accepted (2xx), its answer must come within t
    // (and the legacy SSE stream's endpoint event within t of the stream's headers).
    const pendingIds = new Set<string | number>();
    /** JSON-RPC method of each request sent, by id; and the methods that got an answer */
    const sentMethods = new Map<string | number, string>();
    const answered = new Set<string>();
    let watch: { reject(e: Error): void; awaitEndpoint: boolean } | undefined;
    let armed: { awaited: 'answer' | 'endpoint'; timer: NodeJS.Timeout } | undefined;
    const disarm = (awaited?: 'answer' | 'endpoint') => {
      if (!armed || (awaited && armed.awaited !== awaited)) return;
      clearTimeout(armed.timer);
      armed = undefined;
    };
    const arm = (awaited: 'answer' | 'endpoint', ex: Exchange) => {
      disarm();
      const w = watch;
      const timer = setTimeout(() => {
        armed = undefined;
        if (awaited === 'answer' && pendingIds.size === 0) return; // answered meanwhile
        w?.reject(new NoAnswer(awaited, ex.rpc ?? `${ex.method} ${ex.path}`, ex.status ?? 0, ex.contentType, t));
      }, t);
      armed = { awaited, timer };
    };
    /** `p`, but rejected with NoAnswer when the watchdog fires while it is pending. */
    const guarded = <T>(p: Promise<T>, awaitEndpoint: boolean): Promise<T> => {
      let reject!: (e: Error) => void;
      const stalled = new Promise<never>((_, r) => (reject = r));
      const w = { reject, awaitEndpoint };
      watch = w;
      return Promise.race([p, stalled]).finally(() => {
        if (watch !== w) return;
        watch = undefined;
        disarm();
      });
    };
    const carriesRequest = (rpc: string | undefined) => Boolean(rpc?.split(',').some((n) => n !== 'response' && !n.startsWith('notifications/')));
    const outgoing = (m: JSONRPCMessage) => {
      const msg = m as { id?: unknown; method?: unknown };
      if (typeof msg.method === 'string' && (typeof msg.id === 'string' || typeof msg.id === 'number')) {
        pendingIds.add(msg.id);
        sentMethods.set(msg.id, msg.method);
      }
    };
    const incoming = (m: JSONRPCMessage) => {
      const msg = m as { id?: unknown; method?: unknown; result?: unknown; error?: unknown };
      if (msg.method === undefined && ('result' in msg || 'error' in msg)) {
        if (typeof msg.id === 'string' || typeof msg.id === 'number') {
          pendingIds.delete(msg.id);
          const method = sentMethods.get(msg.id);
          if (method) answered.add(method);
        }
        if (pendingIds.size === 0) disarm('answer');
      }
    };
    const endpointSeen = () => {
      if (watch) watch.awaitEndpoint = false;
      disarm('endpoint');
    };
    // Tools still to be kept (the walk below consumes it) and whether a page was cut to fit.
    let kept = 0;
    let cutTools = false;
    const toolsRoom = () => MAX_TOOLS - kept;
    let sdk: Sdk | undefined;
    const sdkLoading = loadSdk();
    sdkLoading.catch(() => {});
    let wire!: Wire;
    const failureContext = () => {
      const viaProxy = wire.proxy !== null && !wire.direct();
      return {
        phase: wire.currentPhase(),
        host: url.hostname,
        port: effectivePort(url),
        timeoutMs: t,
        proxy: viaProxy ? wire.proxy : null,
        tunnelUp: wire.tunnelUp(),
        proxyConfigured: wire.proxyConfigured,
        loopback: isLoopbackHost(url.hostname),
      };
    };
    let firstRequestAt: number | undefined;
    const timings = (firstResponseAt?: number, requestStartedAt?: number): Timings => {
      const c = wire.firstConn();
      const from = firstRequestAt ?? c?.startedAt ?? started;
      const out: Timings = { total: round((firstResponseAt ?? now()) - from) };
      if (c && wire.direct()) {
        if (c.dns !== undefined) out.dns = c.dns;
        if (c.tcp !== undefined) out.tcp = c.tcp;
        if (c.tls !== undefined) out.tls = c.tls;
      }
      if (firstResponseAt !== undefined && requestStartedAt !== undefined) {
        out.http = round(firstResponseAt - Math.max(requestStartedAt, c?.readyAt ?? requestStartedAt));
      }
      return out;
    };
    const proxyFacts = () => {
      const viaProxy = wire.proxy !== null && !wire.direct();
      // Bypassed: NO_PROXY sent this server direct, or it is loopback (never through a proxy).
      const bypassed = wire.direct() && (wire.proxy !== null || wire.proxyConfigured);
      return { proxy: viaProxy ? wire.proxy : null, ...(bypassed ? { proxyBypassed: true } : {}) };
    };
    const reachFailed = (err: unknown) => {
      if (reach.settled) return;
      const failure = classifyNetworkError(err, failureContext());
      reach.resolve({ ok: false, failure, timings: timings(), address: wire.firstConn()?.address, ...proxyFacts() });
    };

    try {
      wire = await createWire({
        url,
        token: target.token,
        timeoutMs: t,
        vars: cfg.vars,
        exchanges,
        limits: cfg.limits,
        events: {
          tooLarge(e) {
            // Nothing more is read from that answer: end the wait for it now.
            watch?.reject(e);
          },
          request(t0) {
            firstRequestAt ??= t0;
          },
          response(ex, res, t0) {
            if (watch && res.status >= 200 && res.status < 300) {
              if (ex.method === 'POST' && carriesRequest(ex.rpc) && pendingIds.size > 0) arm('answer', ex);
              else if (ex.method === 'GET' && watch.awaitEndpoint) arm('endpoint', ex);
            }
            if ((res.status === 401 || res.status === 403) && sdk) {
              const p = sdk.extractWWWAuthenticateParams(res);
              const raw = res.headers.get('www-authenticate');
              if (raw) challenges.set(ex, { raw: short(raw, 300), ...(p.error ? { error: p.error } : {}), ...(p.scope ? { scope: p.scope } : {}) });
            }
            if (reach.settled) return;
            const base = { timings: timings(now(), t0), address: wire.firstConn()?.address, status: res.status, ...proxyFacts() };
            if (res.status >= 300 && res.status < 400 && res.status !== 304) {
              let loc: URL | null = null;
              try {
                const l = res.headers.get('location');
                loc = l ? new URL(l, url) : null;
              } catch {
                loc = null;
              }
              const sameOrigin = loc?.origin === url.origin;
              reach.resolve({
                ok: false,
                ...base,
                redirect: { status: res.status, location: loc ? short(loc.origin + loc.pathname, URL_MAX) : null, targetOrigin: loc ? short(loc.origin, URL_MAX) : null, sameOrigin },
              });
              return;
            }
            reach.resolve({ ok: true, ...base });
          },
          error(_ex, err) {
            if (err instanceof RedirectRefused || err instanceof OriginRefused) return;
            reachFailed(err);
          },
        },
      });
    } catch (err) {
      if (err instanceof ProxyConfigError) {
        reach.resolve({
          ok: false,
          failure: {
            kind: 'proxy-config',
            phase: 'tcp',
            code: err.code,
            host: url.hostname,
            port: effectivePort(url),
            timeoutMs: t,
            proxy: err.proxy,
            loopback: isLoopbackHost(url.hostname),
            proxyConfigured: true,
            detail: err.reason,
          },
          timings: { total: round(now() - started) },
          proxy: err.proxy,
        });
        block('reachability', 'auth');
        return;
      }
      throw err;
    }

    let closeClient: (() => Promise<void>) | undefined;
    try {
      sdk = await sdkLoading;
      const s = sdk;
      let initResult: { protocolVersion?: unknown; serverInfo?: { name?: unknown; version?: unknown } } | undefined;
      let discovered: DiscoverFacts | undefined;
      const tap = (m: JSONRPCMessage) => {
        incoming(m);
        tame(m as { result?: unknown; error?: unknown }, toolsRoom(), cfg.secrets, () => (cutTools = true));
        const r = (m as { result?: Record<string, unknown> }).result;
        if (!initResult && r && typeof r === 'object' && 'protocolVersion' in r) initResult = r as unknown as typeof initResult;
        discovered ??= discoverFactsOf(m);
      };
      const clientInfo = { name: 'tray-mcp-doctor', version: cfg.version };
      const newClient = (kind: TransportKind) => {
        // Streamable HTTP: server/discover (2026 era) first, then the 2025 handshake; legacy SSE is 2025-era only.
        const c = new s.Client(clientInfo, clientOptions(s, kind === 'sse' ? 'legacy' : 'auto', mcpRequestBudget(t)));
        c.onerror = () => {};
        return c;
      };
      const attempt = async (transport: Transport, kind: TransportKind) => {
        const client = newClient(kind);
        const t0 = now();
        try {
          const tapped = new TapTransport(transport, tap, endpointSeen, outgoing);
          await withDeadline(guarded(client.connect(tapped, { timeout: mcpRequestBudget(t) }), kind === 'sse'), attemptBudget(t), 'the MCP handshake');
          closeClient = async () => {
            await endSession(transport, requestBudget(t));
            await client.close().catch(() => {});
          };
          return { ok: true as const, client, transport, ms: round(now() - t0) };
        } catch (error) {
          await client.close().catch(() => {});
          await transport.close().catch(() => {});
          return { ok: false as const, error, ms: round(now() - t0) };
        }
      };
      const statusOf = (ex: Exchange | undefined) => ex?.status;
      const serverSays = (err: unknown): string | undefined => {
        // The negotiation's own 401/403 carries the body as data.text.
        const text = err instanceof s.SdkHttpError && typeof err.data.text === 'string' ? err.data.text : undefined;
        const m = (text ?? errorMessage(err)).replace(/^(Streamable HTTP error|SSE error): /, '').replace(/^Error POSTing to endpoint( \(HTTP \d+\))?: /, '');
        return m && m !== 'null' ? short(m) : undefined;
      };

      // 3. Streamable HTTP first, as clients do.
      const first = await attempt(
        new s.StreamableHTTPClientTransport(url, {
          fetch: wire.fetch,
          requestInit: { redirect: 'manual' },
          reconnectionOptions: { maxRetries: 0, initialReconnectionDelay: t, maxReconnectionDelay: t, reconnectionDelayGrowFactor: 1 },
        }),
        'streamable-http',
      );
      if (!first.ok) reachFailed(first.error);
      const r = await reach.promise;
      if (!r.ok) {
        block('reachability', 'auth');
        return;
      }
      // The decisive request: the 2025 handshake's initialize, else the 2026 era's server/discover.
      const handshakeEx = (...methods: string[]) => wire.exchanges.find((e) => e.method === 'POST' && e.rpc?.split(',').some((m) => methods.includes(m)));
      const initEx = handshakeEx('initialize') ?? handshakeEx('server/discover');
      let outcome = first;
      let transportKind: TransportKind = 'streamable-http';
      let decisive = initEx;
      let fellBackFrom: number | undefined;

      /** The server accepted the request (2xx) but no MCP answer came, or what came is not MCP:
       *  authentication fails for this server (the token was never judged) and the rest is blocked. */
      const notAnswered = (ex: Exchange | undefined, err: unknown, what: string | null): boolean => {
        const status = ex?.status;
        if (status === undefined || status < 200 || status >= 300) return false;
        // An answer to an earlier request (a 2026-era server/discover refused) does not count.
        if (ex?.rpc?.split(',').some((m) => answered.has(m))) return false;
        const answer = describeNoMcpAnswer(wire.tooLarge() ?? err, ex!, what, t, cfg.secrets);
        const notMcp = answer.why === 'not-mcp-type' || answer.why === 'no-type' || answer.why === 'not-json-rpc';
        auth.resolve({ state: 'failed', failure: notMcp ? 'not-mcp' : 'no-answer', status, tokenSent, contentType: ex!.contentType, answer });
        block('authentication', 'handshake');
        return true;
      };
      const authFromStatus = (status: number | undefined, ex: Exchange | undefined, err: unknown): boolean => {
        if (status === 401 || status === 403) {
          auth.resolve({ state: 'failed', status, tokenSent, challenge: ex ? challenges.get(ex) : undefined, serverSays: serverSays(err) });
          block('authentication', 'handshake');
          return true;
        }
        return false;
      };

      if (!first.ok) {
        const status = statusOf(initEx);
        if (authFromStatus(status, initEx, first.error)) return;
        if (status === 400 || status === 404 || status === 405) {
          // 4. Legacy HTTP+SSE transport at the same URL, as clients fall back.
          fellBackFrom = status;
          const mark = wire.exchanges.length;
          const second = await attempt(new s.SSEClientTransport(url, { fetch: wire.fetch, requestInit: { redirect: 'manual' } }), 'sse');
          const getEx = wire.exchanges.slice(mark).find((e) => e.method === 'GET');
          if (second.ok) {
            outcome = second;
            transportKind = 'sse';
            decisive = getEx;
          } else {
            if (authFromStatus(statusOf(getEx), getEx, second.error)) return;
            if (notAnswered(getEx, second.error, null)) return;
            auth.resolve({
              state: 'unknown',
              tokenSent,
              status: getEx?.status ?? status,
              reason: 'no MCP endpoint answered at this URL, so the token was never checked',
            });
            const getStatus = getEx?.status;
            handshake.resolve({
              state: 'failed',
              fellBackFrom,
              code: getStatus ?? errorCode(second.error),
              failure: { kind: 'no-endpoint', postStatus: status, ...(getStatus !== undefined ? { getStatus } : { getError: short(errorMessage(second.error)) }) },
              ms: second.ms,
            });
            tools.resolve({ state: 'blocked', by: 'mcp-handshake' });
            return;
          }
        } else {
          if (notAnswered(initEx, first.error, initEx?.rpc ?? 'initialize')) return;
          const ok2xx = status !== undefined && status >= 200 && status < 300;
          auth.resolve(
            ok2xx
              ? { state: 'ok', status, tokenSent }
              : { state: 'unknown', status, tokenSent, reason: status !== undefined ? `the server answered HTTP ${status} before the token could be judged` : 'the handshake did not get an answer' },
          );
          handshake.resolve({ state: 'failed', ...describeHandshakeFailure(wire.tooLarge() ?? first.error, s, initResult, t, failureContext, discovered, cfg.secrets), ms: first.ms });
          tools.resolve({ state: 'blocked', by: 'mcp-handshake' });
          return;
        }
      }

      // Handshake complete.
      auth.resolve({ state: 'ok', status: decisive?.status, tokenSent });
      const client = outcome.client!;
      const server = client.getServerVersion();
      const pv = client.getNegotiatedProtocolVersion() ?? (typeof initResult?.protocolVersion === 'string' ? initResult.protocolVersion : undefined);
      const era = pv ? eraOf(pv) : undefined;
      // 2026 era: are clients that only speak the 2025 era served too? (one more handshake, bounded)
      const legacy = era === 'modern' ? await checkLegacyServed(s, url, wire.fetch, clientInfo, mcpRequestBudget(t), attemptBudget(t)) : undefined;
      handshake.resolve({
        state: 'ok',
        transport: transportKind,
        protocolVersion: pv,
        ...(era ? { era } : {}),
        ...(era === 'modern' && discovered ? { discover: discovered } : {}),
        ...(legacy ? { legacy } : {}),
        ...(outcome.transport?.sessionId ? { session: true } : {}),
        server: server ? { name: short(String(server.name), NAME_MAX), version: short(String(server.version), NAME_MAX) } : undefined,
        ...(transportKind === 'streamable-http' ? { responseFormat: initEx?.contentType === 'text/event-stream' ? 'sse' : 'json' } : {}),
        ...(fellBackFrom !== undefined ? { fellBackFrom } : {}),
        ms: outcome.ms,
      });

      // 5. tools/list, every page.
      const t0 = now();
      if (!client.getServerCapabilities()?.tools) {
        tools.resolve({ state: 'failed', noCapability: true, tools: [], pages: 0, ms: 0 });
        return;
      }
      // One deadline for the whole walk, however many pages the server makes of it.
      const walkEnds = t0 + toolsWalkBudget(t);
      const list: ToolInfo[] = [];
      const seen = new Set<string>();
      let cursor: string | undefined;
      let pages = 0;
      let truncatedBy: ToolsOutcome['truncatedBy'];
      try {
        do {
          const left = Math.round(walkEnds - now());
          if (left <= 0) {
            truncatedBy = 'time';
            break;
          }
          let page;
          try {
            // One page per request (listTools() without a cursor would walk every page itself).
            page = await withDeadline(guarded(client.request({ method: 'tools/list', params: cursor ? { cursor } : {} }, { timeout: left }), false), left, 'tools/list');
          } catch (err: unknown) {
            // Out of time with pages already listed: report what came, and that the walk stopped.
            const timedOut = err instanceof Deadline || (err instanceof s.SdkError && err.code === s.SdkErrorCode.RequestTimeout);
            if (pages > 0 && timedOut && now() >= walkEnds - 50) {
              truncatedBy = 'time';
              break;
            }
            throw err;
          }
          pages++;
          for (const tool of page.tools) {
            if (list.length >= MAX_TOOLS) break;
            list.push({
              name: tool.name,
              ...(typeof tool.title === 'string' ? { title: tool.title } : {}),
              ...(typeof tool.description === 'string' ? { description: tool.description } : {}),
            });
          }
          kept = list.length;
          if (cutTools || list.length >= MAX_TOOLS) {
            if (page.nextCursor !== undefined || cutTools) truncatedBy = 'tools';
            break;
          }
          cursor = page.nextCursor;
          if (cursor !== undefined && (seen.has(cursor) || cursor.length > MAX_CURSOR_CHARS)) {
            truncatedBy = 'cursor';
            break;
          }
          if (cursor !== undefined) seen.add(cursor);
          if (cursor !== undefined && pages >= MAX_TOOL_PAGES) {
            truncatedBy = 'pages';
            break;
          }
        } while (cursor !== undefined);
        tools.resolve({ state: 'ok', tools: list, pages, truncated: truncatedBy !== undefined, ...(truncatedBy ? { truncatedBy } : {}), ms: round(now() - t0) });
      } catch (err) {
        const tooLarge = wire.tooLarge();
        if (tooLarge && pages > 0) {
          // A later page was larger than an answer may be: keep what the earlier pages listed.
          tools.resolve({ state: 'ok', tools: list, pages, truncated: true, truncatedBy: 'size', ms: round(now() - t0) });
        } else {
          const d = describeRequestFailure(tooLarge ?? err, s, t, failureContext, cfg.secrets);
          tools.resolve({ state: 'failed', tools: list, pages, ...d, ms: round(now() - t0) });
        }
      }
    } finally {
      disarm();
      await closeClient?.();
      await wire.close();
    }
  };

  const done = run().catch((err: unknown) => {
    const crash = short(errorMessage(err), TEXT_MAX);
    reach.resolve({ ok: false, crash, timings: { total: round(now() - started) }, proxy: null });
    auth.resolve({ state: 'unknown', tokenSent, crash });
    handshake.resolve({ state: 'failed', crash });
    tools.resolve({ state: 'failed', crash });
  });
  return { target, reach: reach.promise, auth: auth.promise, handshake: handshake.promise, tools: tools.promise, exchanges, done };
}

type FailureCtx = () => Parameters<typeof classifyNetworkError>[1];

function isNetworkError(err: unknown): boolean {
  return errorChain(err).some((e) => e instanceof TypeError && e.message === 'fetch failed') || err instanceof Deadline || errorCode(err) === 'ETIMEDOUT';
}

/** The first error of this class in the cause chain (the SDK wraps what the wire throws during negotiation). */
function inChain<T>(err: unknown, cls: abstract new (...args: never[]) => T): T | undefined {
  return errorChain(err).find((e) => e instanceof cls) as T | undefined;
}

function describeRequestFailure(err: unknown, s: Sdk, t: number, ctx: FailureCtx, secrets?: Secrets): { code: string | number | undefined; failure: RequestFailure } {
  const short = (text: string, max?: number) => shortText(text, max, secrets);
  const redirect = inChain(err, RedirectRefused);
  if (redirect) err = redirect;
  const tooLarge = inChain(err, ResponseTooLarge);
  if (tooLarge) return { code: tooLarge.code, failure: { kind: 'too-large', what: tooLarge.what, limit: tooLarge.limit } };
  if (err instanceof RedirectRefused) return { code: err.status, failure: { kind: 'redirect', status: err.status, location: err.location } };
  if (err instanceof NoAnswer) {
    return { code: err.code, failure: { kind: 'no-answer', status: err.status, ...(err.contentType ? { contentType: err.contentType } : {}), ms: err.ms } };
  }
  if (err instanceof s.SdkError && err.code === s.SdkErrorCode.RequestTimeout) return { code: err.code, failure: { kind: 'timeout', ms: mcpRequestBudget(t) } };
  if (err instanceof s.ProtocolError) {
    if (err.code === s.ProtocolErrorCode.MethodNotFound) return { code: err.code, failure: { kind: 'method-not-found', rpcCode: err.code } };
    return { code: err.code, failure: { kind: 'rpc-error', rpcCode: err.code, serverSays: short(err.message) } };
  }
  if (err instanceof s.SdkHttpError || err instanceof s.SseError) {
    const status = err instanceof s.SdkHttpError ? err.status : err.code;
    const text = err instanceof s.SdkHttpError && typeof err.data.text === 'string' && err.data.text ? err.data.text : undefined;
    const body = short(text ?? errorMessage(err).replace(/^(Streamable HTTP error|SSE error): /, '').replace(/^Error POSTing to endpoint: /, ''));
    return { code: status, failure: { kind: 'http-error', status: typeof status === 'number' ? status : undefined, body } };
  }
  if (err instanceof Deadline) return { code: err.code, failure: { kind: 'deadline', ms: err.ms } };
  if (isNetworkError(err)) {
    const net = classifyNetworkError(err, ctx());
    return { code: net.code, failure: { kind: 'network', net } };
  }
  return { code: errorCode(err), failure: { kind: 'other', detail: short(errorMessage(err)) } };
}

const MCP_TYPES = new Set(['application/json', 'text/event-stream']);

/**
 * The server accepted a request (2xx) but no MCP answer came: within the bound, or what came back
 * is not MCP at all (e.g. an HTML page). What came back, as facts (see NoMcpAnswer).
 */
export function describeNoMcpAnswer(
  err: unknown,
  ex: Pick<Exchange, 'status' | 'contentType'>,
  request: string | null,
  t: number,
  secrets?: Secrets,
): NoMcpAnswer {
  const short = (text: string, max?: number) => shortText(text, max, secrets);
  const ct = ex.contentType?.toLowerCase();
  const base = { request, status: ex.status, ...(ct !== undefined ? { contentType: ct } : {}) };
  if (err instanceof ResponseTooLarge) return { ...base, why: 'too-large', tooLarge: { what: err.what, limit: err.limit } };
  if (ct !== undefined && !MCP_TYPES.has(ct)) return { ...base, why: 'not-mcp-type' };
  if (ct === undefined && !(err instanceof NoAnswer) && ex.status !== 202) return { ...base, why: 'no-type' };
  if (errorChain(err).some((e) => e.name === 'ZodError' || e.name === 'SyntaxError' || e instanceof SyntaxError)) return { ...base, why: 'not-json-rpc' };
  const code = errorCode(err);
  if (code === 'UND_ERR_BODY_TIMEOUT') return { ...base, why: 'body-incomplete', ms: t };
  if (err instanceof NoAnswer) {
    if (err.awaited === 'endpoint') return { ...base, why: 'no-endpoint-event', ms: err.ms };
    if (ct === 'application/json') return { ...base, why: 'body-incomplete', ms: err.ms };
    return { ...base, why: 'no-answer', ms: err.ms };
  }
  return { ...base, why: 'broke-off', ...(code !== undefined ? { code } : {}), detail: short(errorMessage(err)) };
}

function describeHandshakeFailure(
  err: unknown,
  s: Sdk,
  initResult: { protocolVersion?: unknown } | undefined,
  t: number,
  ctx: FailureCtx,
  discovered?: DiscoverFacts,
  secrets?: Secrets,
): Pick<HandshakeOutcome, 'failure' | 'code' | 'protocolVersion' | 'supportedVersions' | 'discover'> {
  // The revision the server speaks, when it is one this client does not know: from its initialize
  // answer (2025 era), its server/discover answer, or the unsupported-version error it sent.
  const refused = inChain(err, s.UnsupportedProtocolVersionError);
  const named = [
    ...(typeof initResult?.protocolVersion === 'string' ? [initResult.protocolVersion] : []),
    ...(discovered?.supportedVersions ?? []),
    ...(refused?.supported ?? []),
  ].slice(0, 20).map((v) => shortText(String(v), 64, secrets));
  const pv = named.length > 0 && !named.some((v) => s.SUPPORTED_PROTOCOL_VERSIONS.includes(v)) ? named[0] : undefined;
  if (pv !== undefined) {
    return {
      code: 'PROTOCOL_VERSION_UNSUPPORTED',
      protocolVersion: pv,
      ...(discovered ? { discover: discovered } : {}),
      supportedVersions: [...s.SUPPORTED_PROTOCOL_VERSIONS],
      failure: { kind: 'protocol-unsupported', named: [...new Set(named)], known: [...s.SUPPORTED_PROTOCOL_VERSIONS] },
    };
  }
  return describeRequestFailure(err, s, t, ctx, secrets);
}
