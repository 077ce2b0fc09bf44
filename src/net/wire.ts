// The probe's HTTP layer: one undici dispatcher per server (direct, or through the proxy that
// HTTPS_PROXY/HTTP_PROXY/NO_PROXY choose), a connector that times and bounds each phase (dns, tcp,
// tls), and an instrumented fetch for the SDK that
//   - sends the token only to the configured origin (any other origin is refused outright),
//   - never follows a redirect (a 3xx becomes a RedirectRefused error, reported, not followed),
//   - bounds every request by the timeout,
//   - bounds every answer in size: a body at most MAX_RESPONSE_BYTES (counted after decompression,
//     so a gzip bomb stops there too), an event-stream line at most MAX_SSE_LINE_BYTES and a whole
//     event stream at most MAX_STREAM_BYTES; past a bound the body errors with ResponseTooLarge,
//   - never sends a loopback request through a proxy (plain http would show the token to it, and a
//     proxy's "localhost" is not this machine), and resolves `localhost` / `*.localhost` to
//     127.0.0.1 itself, never through the system resolver (RFC 6761), and
//   - records each exchange (method, path with query values masked, JSON-RPC method, status,
//     content type, ms) — never a header.
// undici is loaded lazily by the probe (this module imports only its types).
import { isIP, type LookupFunction } from 'node:net';
import { lookup as dnsLookup } from 'node:dns';
import diagnostics from 'node:diagnostics_channel';
import type { Socket } from 'node:net';
import type { Dispatcher, buildConnector } from 'undici';
import type { FetchLike } from '@modelcontextprotocol/client';
import { describeProxy, proxyEnv } from '../lib/proxy.js';
import { firstRequestBudget, requestBudget } from './budget.js';
import { errorCode, type Phase } from './classify.js';
import { displayPath, displayUrl, effectivePort, isLoopbackHost } from './url.js';
import { now } from '../lib/clock.js';

/** A response body (not an event stream) is at most this large. */
export const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
/** One line of an event stream (one `data:` line holds one JSON-RPC message) at most. */
export const MAX_SSE_LINE_BYTES = 4 * 1024 * 1024;
/** A whole event stream (the legacy transport's stream carries every answer) at most. */
export const MAX_STREAM_BYTES = 16 * 1024 * 1024;

/** An answer larger than a bound: its body stops there (nothing more is read or kept). */
export class ResponseTooLarge extends Error {
  readonly code = 'RESPONSE_TOO_LARGE';
  constructor(
    /** 'body': the whole body; 'line': one event-stream line; 'stream': a whole event stream */
    readonly what: 'body' | 'line' | 'stream',
    readonly limit: number,
  ) {
    const mb = `${Math.round((limit / 1024 / 1024) * 10) / 10} MB`;
    super(what === 'line' ? `an event-stream line longer than ${mb}` : what === 'stream' ? `an event stream longer than ${mb}` : `an answer larger than ${mb}`);
    this.name = 'ResponseTooLarge';
  }
}

/** A URL as shown, at most 512 characters (a server chooses what a Location header says). */
function capUrl(s: string): string {
  return s.length > 512 ? `${s.slice(0, 500)}…(${s.length - 500} more)` : s;
}

/** `localhost` and `*.localhost` are this machine (RFC 6761): never asked of the system resolver. */
export function isLocalhostName(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  return h === 'localhost' || h.endsWith('.localhost');
}

/** dns.lookup, except that localhost names resolve to 127.0.0.1 without asking anyone. */
export const pinnedLookup: LookupFunction = (hostname, options, callback) => {
  if (!isLocalhostName(hostname)) {
    (dnsLookup as unknown as (h: string, o: object, cb: unknown) => void)(hostname, options, callback);
    return;
  }
  const cb = callback as unknown as (err: Error | null, address: string | { address: string; family: number }[], family?: number) => void;
  if ((options as { all?: boolean }).all) cb(null, [{ address: '127.0.0.1', family: 4 }]);
  else cb(null, '127.0.0.1', 4);
};

export interface Exchange {
  method: string;
  /** path with query values masked */
  path: string;
  /** JSON-RPC method(s) in the request body */
  rpc?: string;
  status?: number;
  contentType?: string;
  /** until the response headers (or the error) */
  ms: number;
  /** error code when no response came */
  error?: string;
}

export interface ConnInfo {
  startedAt: number;
  phase: Phase;
  /** null: the host is an IP address, no lookup */
  dns?: number | null;
  tcp?: number;
  tls?: number;
  readyAt?: number;
  address?: string;
}

export interface WireEvents {
  request?(startedAt: number): void;
  /** an answer hit a size bound (its body errors; nothing more is read) */
  tooLarge?(e: ResponseTooLarge): void;
  response?(ex: Exchange, res: Response, startedAt: number): void;
  error?(ex: Exchange, err: unknown): void;
}

/** A 3xx answer: reported, never followed (the token must not travel along a redirect). */
export class RedirectRefused extends Error {
  readonly code = 'REDIRECT_REFUSED';
  constructor(
    readonly status: number,
    /** where it pointed (display form), or null when the Location header was missing/invalid */
    readonly location: string | null,
    readonly targetOrigin: string | null,
  ) {
    super(`redirect (HTTP ${status}) to ${location ?? 'an unknown location'} not followed`);
    this.name = 'RedirectRefused';
  }
}

/** A request to an origin other than the configured one (never sent). */
export class OriginRefused extends Error {
  readonly code = 'ORIGIN_REFUSED';
  constructor(readonly origin: string) {
    super(`refused to send a request to ${origin}: the token is configured for another origin`);
    this.name = 'OriginRefused';
  }
}

/** The proxy setting could not be used (e.g. not a URL). */
export class ProxyConfigError extends Error {
  readonly code = 'PROXY_INVALID';
  /** why, in the words of the error that said so */
  readonly reason: string;
  constructor(readonly proxy: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`the proxy setting ${proxy} cannot be used (${reason})`);
    this.reason = reason;
    this.name = 'ProxyConfigError';
  }
}

export interface Wire {
  fetch: FetchLike;
  exchanges: Exchange[];
  /** the first direct connection, with its phase timings */
  firstConn(): ConnInfo | undefined;
  /** the phase a failing request was in */
  currentPhase(): Phase;
  /** requests for this origin go through this proxy (credentials removed), else null */
  proxy: string | null;
  /** the first size bound an answer hit, if any */
  tooLarge(): ResponseTooLarge | undefined;
  /** a proxy is set in the environment (even if NO_PROXY makes this origin bypass it) */
  proxyConfigured: boolean;
  /** a direct connection was made (so the proxy, if any, was bypassed) */
  direct(): boolean;
  tunnelUp(): boolean;
  close(): Promise<void>;
}

export interface WireOptions {
  url: URL;
  token?: string;
  timeoutMs: number;
  vars: Readonly<Record<string, string | undefined>>;
  events: WireEvents;
  /** where to record exchanges (a fresh array when omitted) */
  exchanges?: Exchange[];
  /** size bounds (tests may lower them) */
  limits?: Partial<Limits>;
}

export interface Limits {
  body: number;
  line: number;
  stream: number;
}

/** A copy of `res` whose body stops with ResponseTooLarge past the bounds. */
function bounded(undiciResponse: typeof import('undici').Response, res: Response, limits: Limits, onLimit: (e: ResponseTooLarge) => void): Response {
  if (!res.body || [101, 204, 205, 304].includes(res.status)) return res;
  const sse = (res.headers.get('content-type') ?? '').toLowerCase().startsWith('text/event-stream');
  const max = sse ? limits.stream : limits.body;
  let total = 0;
  let line = 0;
  const fail = (controller: TransformStreamDefaultController<Uint8Array>, e: ResponseTooLarge) => {
    onLimit(e);
    controller.error(e);
  };
  const body = res.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        total += chunk.byteLength;
        if (total > max) return fail(controller, new ResponseTooLarge(sse ? 'stream' : 'body', max));
        if (sse) {
          for (let i = 0; i < chunk.byteLength; i++) {
            const b = chunk[i]!;
            if (b === 10 || b === 13) line = 0;
            else if (++line > limits.line) return fail(controller, new ResponseTooLarge('line', limits.line));
          }
        }
        controller.enqueue(chunk);
      },
    }),
  );
  return new undiciResponse(body as never, { status: res.status, statusText: res.statusText, headers: res.headers as never }) as unknown as Response;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

function rpcOf(body: unknown): string | undefined {
  if (typeof body !== 'string') return undefined;
  try {
    const msg = JSON.parse(body) as unknown;
    const list = Array.isArray(msg) ? msg : [msg];
    const names = list.map((m) => (m && typeof m === 'object' && typeof (m as { method?: unknown }).method === 'string' ? (m as { method: string }).method : 'response'));
    return names.join(',') || undefined;
  } catch {
    return undefined;
  }
}

function tag<E>(err: E, phase: Phase): E {
  if (err && typeof err === 'object' && !('phase' in err)) {
    try {
      Object.defineProperty(err, 'phase', { value: phase, enumerable: false });
    } catch {
      /* frozen: the phase falls back to the wire's view */
    }
  }
  return err;
}

/**
 * The SDK's transport builds each request's headers with the global `Headers`; on first use, Node loads
 * its own bundled copy of undici for it (~50 ms of start-up, a tenth of `doctor --url`), though every
 * request goes through this undici's fetch. While Node's is still unloaded (a lazy accessor on
 * globalThis), the global becomes this undici's Headers: the same class the fetch below uses.
 */
function useUndiciHeaders(headers: unknown): void {
  const d = Object.getOwnPropertyDescriptor(globalThis, 'Headers');
  if (d?.get && d.configurable) Object.defineProperty(globalThis, 'Headers', { value: headers, writable: true, configurable: true, enumerable: d.enumerable ?? false });
}

export async function createWire(o: WireOptions): Promise<Wire> {
  const undici = await import('undici');
  useUndiciHeaders(undici.Headers);
  const t = o.timeoutMs;
  const origin = o.url.origin;
  const hostPort = `${o.url.hostname}:${effectivePort(o.url)}`;
  const conns: ConnInfo[] = [];
  const pending = new Set<ConnInfo>();
  let direct = false;
  let tunnel = false;
  let closing = false;
  const closer = new AbortController();

  // Direct connections: time and bound each phase.
  // undici's connector returns the socket it creates (its types say void).
  const base = undici.buildConnector({ timeout: 4 * t + 1000, lookup: pinnedLookup } as buildConnector.BuildOptions) as unknown as (
    opts: buildConnector.Options,
    cb: buildConnector.Callback,
  ) => Socket;
  const connect = (opts: buildConnector.Options, cb: buildConnector.Callback): Socket => {
    direct = true;
    const conn: ConnInfo = { startedAt: now(), phase: isIP(opts.hostname.replace(/^\[|\]$/g, '')) ? 'tcp' : 'dns' };
    if (conn.phase === 'tcp') conn.dns = null;
    conns.push(conn);
    pending.add(conn);
    let timer: NodeJS.Timeout | undefined;
    // eslint-disable-next-line prefer-const
    let socket: Socket;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const e = Object.assign(new Error(`${conn.phase} phase did not finish within ${t} ms`), { code: 'ETIMEDOUT' });
        socket.destroy(tag(e, conn.phase));
      }, t);
      timer.unref?.();
    };
    const since = (mark: number) => round(now() - mark);
    let mark = conn.startedAt;
    socket = base(opts, (err, s) => {
      clearTimeout(timer);
      pending.delete(conn);
      if (err) {
        cb(tag(err, conn.phase), null);
        return;
      }
      conn.readyAt = now();
      conn.phase = 'http';
      cb(null, s!);
    });
    arm();
    socket.once('lookup', (err: Error | null, address: string) => {
      if (err) return;
      conn.dns = since(mark);
      mark = now();
      conn.address = address;
      conn.phase = 'tcp';
      arm();
    });
    socket.once('connect', () => {
      if (conn.dns === undefined) conn.dns = 0;
      conn.tcp = since(mark);
      mark = now();
      conn.address = socket.remoteAddress ? `${socket.remoteAddress}:${socket.remotePort}` : conn.address;
      if (opts.protocol === 'https:') {
        conn.phase = 'tls';
        arm();
      }
    });
    socket.once('secureConnect', () => {
      conn.tls = since(mark);
    });
    return socket;
  };

  const p = proxyEnv(o.vars);
  // Loopback never goes through a proxy: plain http would hand it the token, and its localhost is not ours.
  const loopback = isLoopbackHost(o.url.hostname);
  const proxyRaw = loopback ? undefined : o.url.protocol === 'https:' ? p.https ?? p.http : p.http;
  const limits: Limits = { body: MAX_RESPONSE_BYTES, line: MAX_SSE_LINE_BYTES, stream: MAX_STREAM_BYTES, ...o.limits };
  let tooLarge: ResponseTooLarge | undefined;
  const onLimit = (e: ResponseTooLarge) => {
    tooLarge ??= e;
    o.events.tooLarge?.(e);
  };
  const agentOpts = { connect, headersTimeout: t, bodyTimeout: t, proxyTls: { timeout: t }, requestTls: { timeout: t } };
  let dispatcher: Dispatcher;
  if (proxyRaw) {
    // The connection to the proxy and its answer to CONNECT are one step each, bounded by the
    // timeout: undici's own pool for the proxy would wait for the CONNECT answer for minutes.
    const clientFactory = (proxyOrigin: URL, opts: object) =>
      new undici.Pool(proxyOrigin, { ...opts, headersTimeout: t, bodyTimeout: t });
    try {
      dispatcher = new undici.EnvHttpProxyAgent({
        ...agentOpts,
        clientFactory,
        httpProxy: p.http ?? '',
        httpsProxy: p.https ?? '',
        noProxy: p.noProxy ?? '',
      } as ConstructorParameters<typeof undici.EnvHttpProxyAgent>[0]);
    } catch (err) {
      throw new ProxyConfigError(describeProxy(proxyRaw) ?? '(invalid)', err);
    }
  } else {
    dispatcher = new undici.Agent({ connect, headersTimeout: t, bodyTimeout: t });
  }

  const onProxyConnected = (msg: unknown) => {
    const params = (msg as { connectParams?: { path?: string } }).connectParams;
    if (params?.path === hostPort || params?.path === o.url.host) tunnel = true;
  };
  diagnostics.subscribe('undici:proxy:connected', onProxyConnected);

  const exchanges: Exchange[] = o.exchanges ?? [];
  const currentPhase = (): Phase => {
    const c = [...pending][0];
    if (c) return c.phase;
    if (proxyRaw && !direct && !tunnel) return 'tcp';
    return 'http';
  };

  const wireFetch = (async (input: string | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(typeof input === 'string' ? input : input.href);
    if (url.origin !== origin) throw new OriginRefused(url.origin);
    const method = (init?.method ?? 'GET').toUpperCase();
    const headers = new undici.Headers(init?.headers as ConstructorParameters<typeof undici.Headers>[0]);
    headers.delete('authorization');
    if (o.token) headers.set('authorization', `Bearer ${o.token}`);
    const ex: Exchange = { method, path: displayPath(url), ms: 0 };
    const rpc = rpcOf(init?.body);
    if (rpc) ex.rpc = rpc;
    exchanges.push(ex);
    const t0 = now();
    o.events.request?.(t0);
    const connectedBefore = conns.some((c) => c.readyAt !== undefined) || tunnel;
    const budget = connectedBefore ? requestBudget(t) : firstRequestBudget(t);
    const deadline = new AbortController();
    const timer = setTimeout(() => {
      const e = Object.assign(new Error(`no answer within ${budget} ms`), { code: 'ETIMEDOUT' });
      deadline.abort(tag(e, currentPhase()));
    }, budget);
    timer.unref?.();
    const signals = [deadline.signal, closer.signal];
    if (init?.signal) signals.push(init.signal);
    try {
      const res = (await undici.fetch(url, {
        method,
        headers,
        body: init?.body as string | undefined,
        signal: AbortSignal.any(signals),
        redirect: 'manual',
        dispatcher,
      })) as unknown as Response;
      clearTimeout(timer);
      ex.status = res.status;
      ex.ms = round(now() - t0);
      const ct = res.headers.get('content-type');
      if (ct) ex.contentType = ct.split(';')[0]!.trim();
      o.events.response?.(ex, res, t0);
      if (res.status >= 300 && res.status < 400 && res.status !== 304) {
        const loc = res.headers.get('location');
        await res.body?.cancel().catch(() => {});
        let target: URL | null = null;
        try {
          target = loc ? new URL(loc, url) : null;
        } catch {
          target = null;
        }
        throw new RedirectRefused(res.status, target ? capUrl(displayUrl(target)) : null, target ? capUrl(target.origin) : null);
      }
      return bounded(undici.Response, res, limits, onLimit);
    } catch (err) {
      clearTimeout(timer);
      if (ex.status === undefined) {
        ex.ms = round(now() - t0);
        const cancelled = closing || (init?.signal?.aborted ?? false);
        ex.error = cancelled ? 'cancelled' : errorCode(err) ?? 'error';
        if (!cancelled) o.events.error?.(ex, err);
      }
      throw err;
    }
  }) as FetchLike;

  return {
    fetch: wireFetch,
    exchanges,
    firstConn: () => conns[0],
    currentPhase,
    proxy: proxyRaw ? describeProxy(proxyRaw) : null,
    tooLarge: () => tooLarge,
    proxyConfigured: Boolean(p.https ?? p.http),
    direct: () => direct,
    tunnelUp: () => tunnel,
    async close() {
      closing = true;
      closer.abort(new Error('probe finished'));
      diagnostics.unsubscribe('undici:proxy:connected', onProxyConnected);
      await dispatcher.destroy().catch(() => {});
    },
  };
}
