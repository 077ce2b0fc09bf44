// A comma after the last entry of an object or list, in a file its client reads as strict JSON.
// Only those commas are removed, and only when the file then reads as JSON to exactly the values a
// tolerant reader saw; anything else wrong with the file leaves it to the person.
import { isDeepStrictEqual } from 'node:util';
import { parse, visit, ParseErrorCode } from 'jsonc-parser';
import type { FixKind } from '../types.js';
import { FixNotSafe } from '../types.js';

/** `text` without its trailing commas; throws FixNotSafe unless that alone makes it strict JSON. */
export function withoutTrailingCommas(text: string): string {
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const body = text.slice(bom.length);
  const commas: number[] = [];
  visit(
    body,
    {
      onError: (error, offset) => {
        if (error !== ParseErrorCode.PropertyNameExpected && error !== ParseErrorCode.ValueExpected) return;
        const close = body[offset];
        if (close !== '}' && close !== ']') return;
        let i = offset - 1;
        while (i >= 0 && /\s/.test(body[i]!)) i--;
        if (body[i] === ',') commas.push(i);
      },
    },
    { allowTrailingComma: false, disallowComments: true },
  );
  if (commas.length === 0) throw new FixNotSafe('the file has no trailing comma to remove');
  let out = body;
  for (const at of [...new Set(commas)].sort((a, b) => b - a)) out = out.slice(0, at) + out.slice(at + 1);
  let strict: unknown;
  try {
    strict = JSON.parse(out);
  } catch {
    throw new FixNotSafe('the file has other syntax errors besides trailing commas: fix them by hand (doctor shows where)');
  }
  if (!isDeepStrictEqual(strict, parse(body, [], { allowTrailingComma: true }))) throw new FixNotSafe('removing the commas would change what the file says');
  return bom + out;
}

export const kind: FixKind = {
  id: 'trailing-comma',
  when: 'a strict-JSON config does not parse only because of commas after last entries',
  does: 'removes those commas; nothing else changes',
  plan: (ctx) =>
    ctx.results
      .filter((r) => r.check === 'config-json' && r.status === 'fail' && /^Trailing comma/.test(r.message))
      .flatMap((r) => {
        const file = ctx.realPath(r.subject);
        const client = r.client ?? ctx.clientOf(r.subject);
        if (!file || !client) return [];
        return [
          {
            kind: 'trailing-comma',
            title: `Remove the trailing comma${r.details?.line ? ` at line ${r.details.line}` : ''} of ${r.subject}`,
            remedy: 'config-json-invalid' as const,
            changes: [{ kind: 'text' as const, file, display: r.subject, client, edit: (text: string | null) => withoutTrailingCommas(text ?? '') }],
          },
        ];
      }),
};
