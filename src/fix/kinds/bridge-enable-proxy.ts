// A proxy is set, but mcp-remote ignores HTTPS_PROXY unless --enable-proxy is among its arguments.
import { mcpRemoteIndex } from '../../gateway/entry.js';
import type { FixKind } from '../types.js';
import { commandChange, entriesWith, label } from './common.js';

export const kind: FixKind = {
  id: 'bridge-enable-proxy',
  when: 'a proxy is configured and a bridge entry lacks `--enable-proxy`',
  does: 'adds `--enable-proxy` after the server URL',
  plan: (ctx) =>
    entriesWith(ctx, 'bridge-no-proxy').map((e) => ({
      kind: 'bridge-enable-proxy',
      title: `Add "--enable-proxy" to ${label(e)}`,
      remedy: 'proxy-misconfigured',
      changes: [
        commandChange(e, (argv, env) => {
          const at = mcpRemoteIndex(argv);
          if (at >= 0 && !argv.includes('--enable-proxy')) argv.splice(Math.min(at + 2, argv.length), 0, '--enable-proxy');
          return { argv, env };
        }),
      ],
    })),
};
