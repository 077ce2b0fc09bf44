// Plain-text layout for terminals: how wide the output may be, and word wrapping that never cuts a
// word in the middle (a path longer than a line breaks after a `/`, not inside a name). Light: no
// dependencies (but lib/stdio's node:fs), so --help can use terminalWidth() too.
import { terminalOf } from '../lib/stdio.js';

export const DEFAULT_WIDTH = 80;
export const MIN_WIDTH = 40;
export const MAX_WIDTH = 240;

/**
 * Columns to lay out for: the terminal's width on a terminal; piped or redirected output follows
 * `COLUMNS` (default 80), so `tray-mcp doctor | less` and a CI log are as wide as asked.
 */
export function terminalWidth(
  stream: { isTTY?: boolean; columns?: number } = terminalOf(1),
  env: Readonly<Record<string, string | undefined>> = process.env,
): number {
  let w = stream.isTTY && stream.columns && stream.columns > 0 ? stream.columns : Number.parseInt(env.COLUMNS ?? '', 10);
  if (!Number.isFinite(w) || w <= 0) w = DEFAULT_WIDTH;
  return Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, w));
}

/** Width in columns of plain text (no ANSI codes): code points, which is right for what doctor prints. */
export const widthOf = (s: string): number => [...s].length;

/** Characters after which a word too long for a line may be broken: path separators first, then others. */
const BREAK_AFTER: readonly (ReadonlySet<string>)[] = [new Set(['/', '\\']), new Set(['-', '_', ',', '?', '&', '=', ':', '·', '›', ')', '.'])];

/** Split a word longer than `room` at the last break character that fits (a hard cut only when none does). */
function splitLong(word: string, room: number): [string, string] {
  const cps = [...word];
  for (const set of BREAK_AFTER) {
    for (let i = Math.min(room, cps.length - 1); i >= Math.max(1, Math.floor(room / 3)); i--) {
      if (set.has(cps[i - 1]!)) return [cps.slice(0, i).join(''), cps.slice(i).join('')];
    }
  }
  return [cps.slice(0, room).join(''), cps.slice(room).join('')];
}

const KEEP = '\u0000';

/** Words of a paragraph; a `backquoted command` is one word (never broken inside). */
function words(paragraph: string): string[] {
  return paragraph.replace(/`[^`\n]*`/g, (m) => m.replace(/ /g, KEEP)).split(' ');
}

/**
 * Greedy word wrap to `width` columns, keeping existing line breaks. Words are never cut in the
 * middle; a word longer than a whole line (a long path) breaks after a separator.
 */
export function wrap(text: string, width: number): string[] {
  const w = Math.max(8, width);
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of words(paragraph)) {
      let rest = word;
      if (line && widthOf(line) + 1 + widthOf(rest) <= w) {
        line = `${line} ${rest}`;
        continue;
      }
      // Does not fit after what is on the line: a new line, unless the word is too long for any line,
      // then it starts here (when there is reasonable room) and breaks at a separator.
      if (widthOf(rest) > w && line && w - widthOf(line) - 1 >= Math.min(12, w / 4)) {
        const [head, tail] = splitLong(rest, w - widthOf(line) - 1);
        out.push(`${line} ${head}`);
        line = '';
        rest = tail;
      } else if (line) {
        out.push(line);
        line = '';
      }
      while (widthOf(rest) > w) {
        const [head, tail] = splitLong(rest, w);
        out.push(head);
        rest = tail;
      }
      line = rest;
    }
    out.push(line);
  }
  return out.map((l) => l.replaceAll(KEEP, ' '));
}

/** `text` wrapped to `width`, every line prefixed: `first` on the first line, `rest` on the others. */
export function hanging(first: string, rest: string, text: string, width: number): string[] {
  const lines = wrap(text, width - Math.max(widthOf(first), widthOf(rest)));
  return lines.map((l, i) => (i === 0 ? first : rest) + l).map((l) => l.replace(/\s+$/, ''));
}
