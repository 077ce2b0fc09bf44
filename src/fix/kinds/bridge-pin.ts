// npx's cache holds a half-written mcp-remote: pinning the version stops a fetch on every start.
import { BRIDGE_VERSION, mcpRemoteIndex } from '../../gateway/entry.js';
import type { FixKind } from '../types.js';
import { commandChange, label } from './common.js';

export const kind: FixKind = {
  id: 'bridge-pin',
  when: "npx's cache is broken (`npx-cache-corrupt`) and a bridge entry runs an unpinned `mcp-remote`",
  does: `pins the bridge: \`mcp-remote\` becomes \`mcp-remote@${BRIDGE_VERSION}\``,
  plan: (ctx) => {
    if (!ctx.results.some((r) => r.check === 'bridge' && r.remedies.some((m) => m.id === 'npx-cache-corrupt'))) return [];
    return ctx.entries
      .filter((e) => e.form === 'command' && e.jsonPath && e.ref.kind === 'file' && !e.ref.stale)
      .filter((e) => JSON.stringify(e.raw ?? {}).match(/"mcp-remote"/))
      .map((e) => ({
        kind: 'bridge-pin',
        title: `Pin the bridge to mcp-remote@${BRIDGE_VERSION} in ${label(e)}`,
        remedy: 'npx-cache-corrupt',
        changes: [
          commandChange(e, (argv, env) => {
            const at = mcpRemoteIndex(argv);
            if (at >= 0 && argv[at] === 'mcp-remote') argv[at] = `mcp-remote@${BRIDGE_VERSION}`;
            return { argv, env };
          }),
        ],
      }));
  },
};
