// The node a desktop client starts the bridge with is missing or too old, and a good one was found
// elsewhere (nvm, Homebrew): the entry's env.PATH puts that one first, for this entry only.
import { entryPathWith } from '../../checks/node-version.js';
import { CLIENTS } from '../../clients/catalog.js';
import type { FixKind } from '../types.js';
import { commandChange, label } from './common.js';

export const kind: FixKind = {
  id: 'env-path',
  when: 'the node a client starts the bridge with is missing or too old, and a node that fits was found on this machine',
  does: "sets the entry's `env.PATH` to that node's folder followed by the system folders",
  plan: (ctx) =>
    ctx.results
      .filter((r) => r.check === 'node-version' && r.status === 'fail' && typeof r.details?.goodNode === 'string' && r.details.pathFrom !== 'entry')
      .flatMap((r) => {
        const e = ctx.entries.find((x) => x.client === r.details!.client && x.name === r.details!.server && x.form === 'command' && !x.ref.stale && x.jsonPath && x.ref.kind === 'file');
        if (!e) return [];
        const value = entryPathWith(r.details!.goodNode as string, ctx.env.hostPlatform, ctx.env.vars);
        return [
          {
            kind: 'env-path',
            title: `Give ${label(e)} a PATH with a working Node first (${CLIENTS[e.client].name} starts it with another)`,
            remedy: (r.remedies[0]?.id ?? 'node-too-old') as 'node-too-old',
            changes: [commandChange(e, (argv, env) => (env.PATH === undefined ? { argv, env: { ...env, PATH: value } } : { argv, env }))],
          },
        ];
      }),
};
