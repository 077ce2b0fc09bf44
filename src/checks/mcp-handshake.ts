// mcp-handshake: does the MCP handshake complete with the official SDK client? Streamable HTTP
// first; on 400/404/405 the legacy HTTP+SSE transport, as clients fall back. Reports the protocol
// revision, the transport and the server's name and version; with --verbose every HTTP exchange.
import type { Check } from './types.js';
import { stageBudget } from '../net/budget.js';
import type { Probe } from '../net/probe.js';
import type { NetworkData } from './network-results.js';

const check: Check<NetworkData, 'mcp-handshake'> = {
  id: 'mcp-handshake',
  title: 'mcp-handshake',
  needs: ['authentication'],
  network: true,
  timeoutMs: (o) => stageBudget.handshake(o.timeoutMs) + (o.verbose ? stageBudget.tools(o.timeoutMs) : 0) + 2000,
  async run(ctx) {
    const { handshakeResult, stageResults } = await import('./network-results.js');
    const prev = await ctx.need<NetworkData>('authentication');
    // With --verbose the result lists every HTTP exchange of the probe, so wait for it to finish.
    const stage = (p: Probe) => (ctx.options.verbose ? p.done.then(() => p.handshake) : p.handshake);
    return stageResults(ctx, prev.data?.probes ?? [], stage, (t, h, p) => handshakeResult(t, h, p, ctx.options.verbose));
  },
};
export default check;
