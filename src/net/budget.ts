// Time budgets of the network checks, in multiples of --timeout (t). Each network step is bounded
// by t on its own: the DNS lookup, the TCP connect, the TLS handshake, the proxy's answer to
// CONNECT, the response headers of each request, and the MCP answer once a request was accepted.
// The sums below are upper bounds built from those steps: the probe enforces them as a safety net
// and each check's time limit is above them, so a slow server ends as a finding for its own
// origin, never as a check that timed out. Kept apart from the probe so that loading a check's
// declaration stays cheap.

/** tools/list pages followed at most */
export const MAX_TOOL_PAGES = 20;

/** Response headers of a request that may need a fresh connection: dns + tcp + tls + headers. */
export const firstRequestBudget = (t: number) => 4 * t + 250;
/** Response headers of a request on a connection that was already up (a new one may still be needed). */
export const requestBudget = (t: number) => 2 * t + 250;
/** One MCP request: its headers (fresh connection), then the MCP answer within t. */
export const mcpRequestBudget = (t: number) => firstRequestBudget(t) + t + 250;
/**
 * One connection attempt with one transport: Streamable HTTP (initialize, its answer, the
 * initialized notification) or the legacy SSE transport (the GET stream, its endpoint event, then
 * the same three), each request possibly on a fresh connection.
 */
export const attemptBudget = (t: number) => 3 * mcpRequestBudget(t) + 500;

export const stageBudget = {
  /** until the first HTTP answer (or failure) */
  reach: (t: number) => firstRequestBudget(t) + 500,
  /** after reach: the rest of the Streamable HTTP attempt, or the whole legacy SSE attempt */
  auth: (t: number) => attemptBudget(t) + 500,
  /** after auth: settled together with it, or after the 2025-era handshake a 2026-era server gets too (era.ts) */
  handshake: (t: number) => mcpRequestBudget(t) + attemptBudget(t) + 500,
  /** after the handshake: every tools/list page */
  tools: (t: number) => MAX_TOOL_PAGES * mcpRequestBudget(t) + 500,
};

/**
 * The OAuth2 discovery walk (oauth.ts): at most 6 requests without credentials (the challenge, up
 * to two for the protected resource metadata, up to three for the authorization server's), each on
 * a possibly fresh connection, its body read within t.
 */
export const oauthBudget = (t: number) => 6 * (firstRequestBudget(t) + t) + 1000;
