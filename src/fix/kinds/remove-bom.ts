// A UTF-8 byte-order mark in front of a file its client reads as strict JSON: it loads no server.
import type { FixKind } from '../types.js';
import { FixNotSafe } from '../types.js';

export const kind: FixKind = {
  id: 'remove-bom',
  when: 'a strict-JSON config starts with a UTF-8 byte-order mark',
  does: 'removes the mark (the file is saved as UTF-8 without BOM); nothing else changes',
  plan: (ctx) =>
    ctx.results
      .filter((r) => r.check === 'config-json' && r.status === 'fail' && r.details?.bom === true)
      .flatMap((r) => {
        const file = ctx.realPath(r.subject);
        const client = r.client ?? ctx.clientOf(r.subject);
        if (!file || !client) return [];
        return [
          {
            kind: 'remove-bom',
            title: `Remove the byte-order mark at the start of ${r.subject}`,
            remedy: 'config-json-invalid' as const,
            changes: [
              {
                kind: 'text' as const,
                file,
                display: r.subject,
                client,
                edit: (text: string | null) => {
                  if (text === null || !text.startsWith('\uFEFF')) throw new FixNotSafe('the file no longer starts with a byte-order mark');
                  return text.slice(1);
                },
              },
            ],
          },
        ];
      }),
};
