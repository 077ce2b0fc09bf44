// MCP protocol eras, and the SDK that negotiates them.
//
// Two eras are live. The 2025 era (revisions 2024-11-05 … 2025-11-25) opens with the `initialize`
// handshake and may hold a session (Mcp-Session-Id, ended with an HTTP DELETE). The 2026 era
// (revision 2026-07-28 and later) is stateless: no handshake, no session; a client asks
// `server/discover` and every request carries its revision (MCP-Protocol-Version and Mcp-Method
// headers, the per-request _meta envelope). A server may serve both.
//
// The probe connects as current clients do: the v2 MCP client SDK (@modelcontextprotocol/client,
// versionNegotiation 'auto') asks server/discover first and falls back to the 2025 handshake. When
// the server negotiates the 2026 era, one more, 2025-era handshake tells whether clients that only
// speak the 2025 era are still served. Facts only: src/checks/ words them, and judges each client
// against its `protocolRevisions` (src/clients/).
//
// The SDK is loaded here, lazily: --help, --version and `doctor --offline` never load it.
import type { ClientOptions, FetchLike, Transport } from '@modelcontextprotocol/client';

export type Era = 'modern' | 'legacy';

/** The first revision of the stateless era (server/discover, no session). */
export const FIRST_MODERN_REVISION = '2026-07-28';

/** 'modern' for 2026-07-28 and later (the stateless era), 'legacy' for the 2025-era handshake. */
export function eraOf(revision: string): Era {
  return revision >= FIRST_MODERN_REVISION ? 'modern' : 'legacy';
}

export async function loadSdk() {
  const m = await import('@modelcontextprotocol/client');
  const legacy = m.SUPPORTED_PROTOCOL_VERSIONS as readonly string[];
  return {
    Client: m.Client,
    StreamableHTTPClientTransport: m.StreamableHTTPClientTransport,
    SSEClientTransport: m.SSEClientTransport,
    SseError: m.SseError,
    SdkError: m.SdkError,
    SdkHttpError: m.SdkHttpError,
    SdkErrorCode: m.SdkErrorCode,
    ProtocolError: m.ProtocolError,
    ProtocolErrorCode: m.ProtocolErrorCode,
    UnsupportedProtocolVersionError: m.UnsupportedProtocolVersionError,
    /** every revision this probe speaks, newest first (both eras) */
    SUPPORTED_PROTOCOL_VERSIONS: [FIRST_MODERN_REVISION, ...legacy.filter((v) => v !== FIRST_MODERN_REVISION)] as readonly string[],
    /** the 2025-era revisions alone */
    LEGACY_PROTOCOL_VERSIONS: legacy.filter((v) => eraOf(v) === 'legacy'),
    extractWWWAuthenticateParams: m.extractWWWAuthenticateParams,
  };
}
export type Sdk = Awaited<ReturnType<typeof loadSdk>>;

/**
 * Options for the SDK client: over Streamable HTTP it negotiates as the v2 SDK does (server/discover
 * within `probeMs`, then the 2025 handshake); the legacy SSE transport and `mode: 'legacy'` open
 * with the 2025 handshake only.
 */
export function clientOptions(sdk: Sdk, mode: 'auto' | 'legacy', probeMs: number): ClientOptions {
  return mode === 'auto'
    ? { capabilities: {}, supportedProtocolVersions: [...sdk.SUPPORTED_PROTOCOL_VERSIONS], versionNegotiation: { mode: 'auto', probe: { timeoutMs: probeMs, maxRetries: 0 } } }
    : { capabilities: {}, supportedProtocolVersions: [...sdk.LEGACY_PROTOCOL_VERSIONS], versionNegotiation: { mode: 'legacy' } };
}

/** What the server told the probe about its revisions in server/discover (2026 era). */
export interface DiscoverFacts {
  supportedVersions: string[];
}

/** Pick the server/discover result out of a message the client received. */
export function discoverFactsOf(message: unknown): DiscoverFacts | undefined {
  const r = (message as { result?: { supportedVersions?: unknown } } | undefined)?.result;
  const v = r?.supportedVersions;
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) return undefined;
  return { supportedVersions: [...v] };
}

/** Whether a 2025-era client (the initialize handshake) is served by a server that negotiated the 2026 era. */
export interface LegacyServed {
  served: boolean;
  /** the revision the server answered the handshake with */
  protocolVersion?: string;
  /** when not served: what the server said (JSON-RPC or HTTP code, and the revisions it named) */
  code?: string | number;
  supported?: string[];
  message?: string;
  /** the handshake's session was ended with DELETE (true), or the server has none (undefined) */
  sessionEnded?: boolean;
}

const short = (text: string, max = 200) => {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? one.slice(0, max - 1) + '…' : one;
};

function bounded<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error(`${what} did not finish within ${ms} ms`), { code: 'ETIMEDOUT' })), ms);
      timer.unref?.();
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * The 2025-era handshake against a server that negotiated the 2026 era, as a client that only
 * speaks the 2025 era opens it: initialize, initialized, then DELETE of the session if the server
 * made one. Every request goes through `fetch` (the probe's wire: same origin, same token, bounded).
 */
export async function checkLegacyServed(
  sdk: Sdk,
  url: URL,
  fetch: FetchLike,
  info: { name: string; version: string },
  requestMs: number,
  totalMs: number,
): Promise<LegacyServed> {
  const client = new sdk.Client(info, clientOptions(sdk, 'legacy', requestMs));
  client.onerror = () => {};
  const transport = new sdk.StreamableHTTPClientTransport(url, {
    fetch,
    requestInit: { redirect: 'manual' },
    reconnectionOptions: { maxRetries: 0, initialReconnectionDelay: requestMs, maxReconnectionDelay: requestMs, reconnectionDelayGrowFactor: 1 },
  });
  try {
    await bounded(client.connect(transport, { timeout: requestMs }), totalMs, 'the 2025-era handshake');
    const protocolVersion = client.getNegotiatedProtocolVersion();
    const ended = await endSession(transport, requestMs);
    return { served: true, ...(protocolVersion ? { protocolVersion } : {}), ...(ended !== undefined ? { sessionEnded: ended } : {}) };
  } catch (err) {
    return { served: false, ...describeRefusal(sdk, err) };
  } finally {
    await client.close().catch(() => {});
  }
}

function describeRefusal(sdk: Sdk, err: unknown): Pick<LegacyServed, 'code' | 'supported' | 'message'> {
  if (err instanceof sdk.UnsupportedProtocolVersionError) {
    return { code: err.code, supported: err.supported, message: short(err.message) };
  }
  if (err instanceof sdk.SdkHttpError) {
    // A modern-only server answers the 2025 handshake with HTTP 400 and the JSON-RPC error in the body.
    const text = typeof err.data.text === 'string' ? err.data.text : '';
    let rpc: { code?: unknown; message?: unknown; data?: { supported?: unknown } } | undefined;
    try {
      rpc = (JSON.parse(text) as { error?: typeof rpc }).error;
    } catch {
      rpc = undefined;
    }
    const supported = Array.isArray(rpc?.data?.supported) ? rpc.data.supported.filter((v): v is string => typeof v === 'string') : undefined;
    return {
      code: typeof rpc?.code === 'number' ? rpc.code : err.status,
      ...(supported?.length ? { supported } : {}),
      message: short(typeof rpc?.message === 'string' ? `HTTP ${err.status}: ${rpc.message}` : `HTTP ${err.status}${text ? `: ${text}` : ''}`),
    };
  }
  if (err instanceof sdk.ProtocolError) return { code: err.code, message: short(err.message) };
  const code = (err as { code?: unknown } | undefined)?.code;
  return { ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}), message: short(err instanceof Error ? err.message : String(err)) };
}

/**
 * End a 2025-era session as a client should when it is done: HTTP DELETE with the session id
 * (bounded). undefined: the transport holds no session (stateless server, 2026 era, legacy SSE);
 * true: ended (or the server answered 405, it does not let clients end sessions); false: failed.
 */
export async function endSession(transport: Transport & { terminateSession?: () => Promise<void> }, ms: number): Promise<boolean | undefined> {
  if (!transport.sessionId || typeof transport.terminateSession !== 'function') return undefined;
  try {
    await bounded(transport.terminateSession(), ms, 'DELETE of the MCP session');
    return true;
  } catch {
    return false;
  }
}
