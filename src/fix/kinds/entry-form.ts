// A url entry in a form its client does not use for a Tray server: the URL under a key the client
// does not read (Windsurf's "serverUrl" written as "url"), a "type" it does not know, or its legacy
// SSE transport (the Agent Gateway speaks Streamable HTTP). Rewritten to the client's first form:
// the URL key and "type" change; headers and every other key stay.
import { CLIENTS } from '../../clients/catalog.js';
import { URL_KEYS } from '../../gateway/entry.js';
import type { FixKind, PlannedFix } from '../types.js';
import { entryChange, label } from './common.js';

const CODES = new Set(['shape-type', 'shape-legacy', ...URL_KEYS.map((k) => `shape-${k.toLowerCase()}`)]);

export const kind: FixKind = {
  id: 'entry-form',
  when: 'a Tray url entry uses a URL key, `type` or legacy SSE form its client does not use for it',
  does: "rewrites the URL key and `type` to the client's Streamable HTTP form; headers and other keys stay",
  plan: (ctx) =>
    ctx.entries
      .filter((e) => e.form === 'remote' && e.workspaceId && e.jsonPath && e.ref.kind === 'file' && e.codes?.some((c) => CODES.has(c)))
      .flatMap((e): PlannedFix[] => {
        const form = CLIENTS[e.client].remote?.forms.find((f) => !f.legacy && f.transport === 'streamable-http');
        if (!form) return [];
        const want = `"${form.urlKey}"${typeof form.type === 'string' ? ` with "type": "${form.type}"` : ''}`;
        return [
          {
            kind: 'entry-form',
            title: `Write ${label(e)} in the form ${CLIENTS[e.client].name} uses: ${want}`,
            remedy: 'client-entry-unsupported',
            changes: [
              entryChange(e, (entry) => {
                const from = URL_KEYS.find((k) => typeof entry[k] === 'string');
                if (!from) return entry;
                const out: Record<string, unknown> = {};
                if (typeof form.type === 'string') out.type = form.type;
                for (const [k, v] of Object.entries(entry)) {
                  if (k === 'type' || (URL_KEYS as readonly string[]).includes(k) && k !== from) continue;
                  out[k === from ? form.urlKey : k] = v;
                }
                return out;
              }),
            ],
          },
        ];
      }),
};
