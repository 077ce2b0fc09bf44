// A client that starts commands without a shell cannot start npx (a .cmd shim) on Windows.
import type { FixKind } from '../types.js';
import { commandChange, entriesWith, label } from './common.js';

export const kind: FixKind = {
  id: 'windows-cmd',
  when: 'on Windows, a client that starts commands without a shell runs `npx` directly',
  does: 'runs it through `cmd /c`: `"command": "cmd"`, args `/c`, `npx`, …',
  plan: (ctx) =>
    entriesWith(ctx, 'windows-npx-needs-cmd').map((e) => ({
      kind: 'windows-cmd',
      title: `Start npx through cmd /c in ${label(e)}`,
      remedy: 'windows-npx-needs-cmd',
      changes: [
        commandChange(e, (argv, env) => {
          if (/^cmd(?:\.exe)?$/i.test(argv[0] ?? '')) return { argv, env };
          return { argv: ['cmd', '/c', ...argv], env };
        }),
      ],
    })),
};
