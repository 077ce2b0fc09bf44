// "--header", "Authorization: Bearer …": Windows splits the argument at its spaces. The value goes
// into env.AUTH_HEADER and the argument becomes "Authorization:${AUTH_HEADER}" (as setup writes).
import { BRIDGE_HEADER_VAR } from '../../gateway/entry.js';
import type { TrayServerEntry } from '../../checks/data.js';
import type { FixKind } from '../types.js';
import { commandChange, label } from './common.js';

const HEADER = /^\s*Authorization\s*:\s*(.+?)\s*$/i;

export const kind: FixKind = {
  id: 'header-to-env',
  when: 'a bridge entry passes `--header "Authorization: Bearer …"` with spaces (split apart on Windows)',
  does: `moves the header value into \`env.${BRIDGE_HEADER_VAR}\` and passes \`Authorization:\${${BRIDGE_HEADER_VAR}}\``,
  plan: (ctx) =>
    ctx.entries
      .filter((e: TrayServerEntry) => (e.codes?.includes('header-space') || e.codes?.includes('windows-args-split')) && e.jsonPath && e.ref.kind === 'file' && e.form === 'command')
      .map((e) => ({
        kind: 'header-to-env',
        title: `Move the Authorization header into env.${BRIDGE_HEADER_VAR} in ${label(e)}`,
        remedy: 'windows-args-split' as const,
        changes: [
          commandChange(e, (argv, env) => {
            const i = argv.findIndex((a, k) => argv[k - 1] === '--header' && HEADER.test(a) && /\s/.test(a.trim()));
            if (i < 0 || env[BRIDGE_HEADER_VAR] !== undefined) return { argv, env };
            env[BRIDGE_HEADER_VAR] = HEADER.exec(argv[i]!)![1]!;
            argv[i] = `Authorization:\${${BRIDGE_HEADER_VAR}}`;
            return { argv, env };
          }),
        ],
      })),
};
