// tool-visibility: does tools/list (every page) return tools? None is a failure; more than 15 and
// tools without a meaningful description are warnings.
import type { Check } from './types.js';
import { stageBudget } from '../net/budget.js';
import type { NetworkData } from './network-results.js';

const check: Check<NetworkData, 'tool-visibility'> = {
  id: 'tool-visibility',
  title: 'tool-visibility',
  needs: ['mcp-handshake'],
  network: true,
  timeoutMs: (o) => stageBudget.tools(o.timeoutMs) + 2000,
  async run(ctx) {
    const { stageResults, toolsResult } = await import('./network-results.js');
    const prev = await ctx.need<NetworkData>('mcp-handshake');
    // the probe's own end (the 2025-era session DELETE, bounded by the step budget) before the answer:
    // the CLI exits right after printing, and a server must not be left with an open session
    return stageResults(ctx, prev.data?.probes ?? [], (p) => p.done.then(() => p.tools), toolsResult);
  },
};
export default check;
