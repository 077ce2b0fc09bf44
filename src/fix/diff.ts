// A change shown as a unified diff, made by jsdiff over the part of the file that changed (a 100 MB
// ~/.claude.json is not diffed whole: the common head and tail are cut first, and the hunks' line
// numbers put back). Long lines are cut for the terminal; tokens are scrubbed on output.
type DiffLib = typeof import('diff');
let lib: DiffLib | undefined;

/** jsdiff, loaded on first use (its own chunk: only `doctor --fix` needs it). */
export async function loadDiff(): Promise<void> {
  lib ??= await import('diff');
}

const CONTEXT = 3;
const LINE_MAX = 200;

export function unifiedDiff(display: string, before: string | null, after: string): string {
  if (!lib) throw new Error('loadDiff() must be awaited before unifiedDiff()');
  const { formatPatch, structuredPatch } = lib;
  const a = (before ?? '').split('\n');
  const b = after.split('\n');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const from = Math.max(0, head - CONTEXT);
  const keepTail = Math.max(0, tail - CONTEXT);
  const part = (lines: string[]) => {
    const end = lines.length - keepTail;
    return lines.slice(from, end).join('\n') + (end < lines.length ? '\n' : '');
  };
  const patch = structuredPatch(before === null ? '/dev/null' : display, display, part(a), part(b), '', '', { context: CONTEXT });
  for (const h of patch.hunks) {
    h.oldStart += from;
    h.newStart += from;
    h.lines = h.lines.map((l) => (l.length > LINE_MAX ? `${l.slice(0, LINE_MAX)}…(${l.length - LINE_MAX} more characters)` : l));
  }
  // jsdiff's header starts with an "Index:" line and a rule: a plain ---/+++ header is enough here
  return formatPatch(patch)
    .split('\n')
    .filter((l, i) => !(i < 2 && (l.startsWith('Index:') || /^=+$/.test(l))))
    .join('\n');
}
