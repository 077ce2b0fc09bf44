// A url entry in a client that takes only commands (Claude Desktop's file): it skips the entry.
// Rewritten in the bridge form setup writes (npx -y mcp-remote URL --header Authorization:${AUTH_HEADER}).
import { CLIENTS } from '../../clients/catalog.js';
import { makeEntry } from '../../gateway/entry.js';
import type { FixKind } from '../types.js';
import { entriesWith, entryChange, label } from './common.js';

export const kind: FixKind = {
  id: 'url-to-bridge',
  when: 'a client that only runs commands (Claude Desktop) has a `url` entry, with the token in the file',
  does: 'rewrites the entry in the bridge form setup writes (`npx -y mcp-remote URL --header Authorization:${AUTH_HEADER}`, the token in `env`)',
  plan: (ctx) =>
    entriesWith(ctx, 'shape-remote-refused')
      .filter((e) => e.url && e.token && e.tokenInFile && !CLIENTS[e.client].remote)
      .map((e) => ({
        kind: 'url-to-bridge',
        title: `Rewrite ${label(e)} as a command entry that runs the Tray bridge`,
        remedy: 'client-entry-unsupported',
        changes: [
          entryChange(e, (entry) => {
            const bridge = makeEntry(e.client, e.url, e.token!, e.name);
            // keep what is not about the connection (a "disabled" flag, notes)
            const keep = Object.fromEntries(Object.entries(entry).filter(([k]) => !['url', 'serverUrl', 'httpUrl', 'uri', 'type', 'transport', 'headers', 'command', 'args', 'env'].includes(k)));
            return { ...keep, ...bridge };
          }),
        ],
      })),
};
