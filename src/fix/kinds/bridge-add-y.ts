// `npx mcp-remote …` without -y: npx asks "Ok to proceed?" on the first run and nobody answers.
import { mcpRemoteIndex } from '../../gateway/entry.js';
import type { FixKind } from '../types.js';
import { commandChange, entriesWith, label } from './common.js';

export const kind: FixKind = {
  id: 'bridge-add-y',
  when: 'a bridge entry runs `npx mcp-remote` without `-y`',
  does: 'adds `-y` after `npx`',
  plan: (ctx) =>
    entriesWith(ctx, 'bridge-no-y').map((e) => ({
      kind: 'bridge-add-y',
      title: `Add "-y" before mcp-remote in ${label(e)}`,
      remedy: 'server-exited-early',
      changes: [
        commandChange(e, (argv, env) => {
          const at = mcpRemoteIndex(argv);
          const npx = argv.findIndex((a, i) => i < at && /(?:^|[\\/])npx(?:\.cmd)?$/i.test(a));
          if (at > 0 && npx >= 0 && !argv.slice(0, at).some((a) => a === '-y' || a === '--yes')) argv.splice(npx + 1, 0, '-y');
          return { argv, env };
        }),
      ],
    })),
};
