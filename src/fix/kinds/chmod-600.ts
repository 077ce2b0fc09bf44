// A config file that holds a token and is readable by other accounts: made readable by its owner only.
import type { FixKind } from '../types.js';

export const kind: FixKind = {
  id: 'chmod-600',
  when: 'a config file holding a token is readable by group or others (POSIX)',
  does: 'sets its mode to 0600 (`chmod 600`)',
  plan: (ctx) => {
    if (ctx.env.hostPlatform === 'win32' || ctx.env.platform === 'win32') return [];
    return ctx.results
      .filter((r) => r.check === 'file-permissions' && Array.isArray(r.details?.problems) && (r.details!.problems as unknown[]).includes('mode-exposed'))
      .flatMap((r) => {
        const file = ctx.realPath(r.subject);
        if (!file) return [];
        return [{ kind: 'chmod-600', title: `Make ${r.subject} readable only by you (chmod 600)`, remedy: 'config-file-exposed' as const, changes: [{ kind: 'mode' as const, file, display: r.subject, to: 0o600 }] }];
      });
  },
};
