// A url entry without "type" where the client needs one (Cline: "streamableHttp"; else it takes the
// entry for its legacy SSE transport or skips it).
import { CLIENTS } from '../../clients/catalog.js';
import type { FixKind } from '../types.js';
import { entriesWith, entryChange, label } from './common.js';

export const kind: FixKind = {
  id: 'add-type',
  when: 'a url entry has no `"type"` and its client needs one (Cline: `streamableHttp`)',
  does: "adds the `type` of the client's Streamable HTTP form",
  plan: (ctx) =>
    entriesWith(ctx, 'shape-no-type').flatMap((e) => {
      const remote = CLIENTS[e.client].remote;
      const urlKey = remote?.forms.find((f) => e.raw && f.urlKey in e.raw)?.urlKey;
      const type = remote?.forms.find((f) => f.urlKey === urlKey && typeof f.type === 'string' && !f.legacy)?.type;
      if (typeof type !== 'string') return [];
      return [
        {
          kind: 'add-type',
          title: `Add "type": "${type}" to ${label(e)}`,
          remedy: 'client-entry-unsupported' as const,
          changes: [entryChange(e, (entry) => (entry.type === undefined ? { type, ...entry } : entry))],
        },
      ];
    }),
};
