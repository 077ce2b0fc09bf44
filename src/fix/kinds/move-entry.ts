// A Tray entry in a file the product docs name but the client does not read (the docs' Cursor
// path is Cline's file; ~/.codeium/windsurf/mcp.json): moved to the file the client reads.
import { CLIENTS } from '../../clients/catalog.js';
import { setupTarget } from '../../setup/target.js';
import { dropEntry, entryIn, putEntry } from '../entry-edit.js';
import { FixNotSafe, type FixKind } from '../types.js';
import { label } from './common.js';

export const kind: FixKind = {
  id: 'move-entry',
  when: 'a Tray entry sits in a file its client does not read',
  does: 'moves the entry, as written, into the file the client reads (where setup writes), and takes it out of the other one — or copies it, when another client reads that other file',
  plan: (ctx) =>
    ctx.entries
      .filter((e) => e.ref.stale && e.jsonPath && e.ref.kind === 'file' && e.raw)
      .flatMap((e) => {
        let target;
        try {
          target = setupTarget(e.client, ctx.env);
        } catch {
          return [];
        }
        if (target.path === e.ref.path) return [];
        const path = [CLIENTS[e.client].rootKey, e.name];
        // the docs' Cursor path is Cline's own file (Cline before 4.0, inside Cursor): copied, not
        // moved, so the client that reads it there keeps its server
        const others = ctx.readers(e.ref.path).filter((c) => c !== e.client);
        const copyOnly = others.length > 0;
        return [
          {
            kind: 'move-entry',
            title: copyOnly
              ? `Copy ${label(e)} to ${target.display}, the file ${CLIENTS[e.client].name} reads (${others.map((c) => CLIENTS[c].name).join(', ')} ${others.length === 1 ? 'reads' : 'read'} the other file too, so it stays there)`
              : `Move ${label(e)} to ${target.display}, the file ${CLIENTS[e.client].name} reads`,
            remedy: 'config-wrong-location' as const,
            changes: [
              {
                kind: 'text' as const,
                file: target.path,
                display: target.display,
                client: e.client,
                edit: (text: string | null) => {
                  if (text !== null && text.trim() !== '' && entryIn(text, e.client, path)) throw new FixNotSafe(`${target.display} already has a server named "${e.name}"`);
                  return putEntry(text, e.client, path, e.name, e.raw!);
                },
              },
              ...(copyOnly ? [] : [{ kind: 'text' as const, file: e.ref.path, display: e.ref.display, client: e.client, edit: (text: string | null) => dropEntry(text, e.client, e.jsonPath!) }]),
            ],
          },
        ];
      }),
};
