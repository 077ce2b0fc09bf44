// reachability: for every Agent Gateway server (each distinct URL + token from the configs, plus
// --url/--workspace-id), can this machine reach it? DNS, TCP, TLS and an HTTP answer, each timed and
// bounded by --timeout; on failure details.phase says where. Plain http to a host that is not this
// machine fails before any request. A config entry whose URL is not a Tray Agent Gateway URL, an
// entry of a project config (unless --probe-project), or any URL with a user name or password, is
// not probed at all: a `skip` says why (see src/net/targets.ts).
// This check starts the probes (one per server, memoised); the other three network checks read
// later stages of the same probes.
import type { Check } from './types.js';
import type { TrayServersData } from './data.js';
import { stageBudget } from '../net/budget.js';
import type { NetworkData } from './network-results.js';

const check: Check<NetworkData, 'reachability'> = {
  id: 'reachability',
  title: 'reachability',
  needs: ['tray-servers'],
  network: true,
  timeoutMs: (o) => stageBudget.reach(o.timeoutMs) + 2000,
  async run(ctx) {
    // src/net is loaded only when the check runs: under --offline it never is.
    const [{ collectTargets }, { startProbe }, { noTargets, probeConfig, reachResult, stageResults }] = await Promise.all([
      import('../net/targets.js'),
      import('../net/probe.js'),
      import('./network-results.js'),
    ]);
    const servers = await ctx.need<TrayServersData>('tray-servers');
    const targets = collectTargets(servers.data?.entries ?? [], ctx.options.urls, ctx.options.token, { probeProject: ctx.options.probeProject });
    if (targets.length === 0) return { results: [noTargets()], data: { probes: [] } };
    const cfg = probeConfig(ctx);
    const probes = await Promise.all(targets.map((t) => ctx.memo(t.key, async () => startProbe(t, cfg))));
    return stageResults(ctx, probes, (p) => p.reach, reachResult);
  },
};
export default check;
