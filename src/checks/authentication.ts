// authentication: is the token accepted? The MCP initialize goes out with
// `Authorization: Bearer <token>` (to the configured origin only); 401 and 403 are told apart
// (WWW-Authenticate's insufficient_scope is said so), and no token where one is needed is its own finding.
// It passes only on an MCP answer: a 2xx that is not MCP (an HTML page: a captive portal, a wrong
// URL) or that brings no MCP answer within --timeout (an SSE stream that stays silent, a body that
// never completes) fails here for that server, and the later checks skip it.
import type { Check } from './types.js';
import { stageBudget } from '../net/budget.js';
import type { NetworkData } from './network-results.js';

const check: Check<NetworkData, 'authentication'> = {
  id: 'authentication',
  title: 'authentication',
  needs: ['reachability'],
  network: true,
  timeoutMs: (o) => stageBudget.auth(o.timeoutMs) + 2000,
  async run(ctx) {
    const { stageResults, authResult } = await import('./network-results.js');
    const prev = await ctx.need<NetworkData>('reachability');
    return stageResults(ctx, prev.data?.probes ?? [], (p) => p.auth, authResult);
  },
};
export default check;
