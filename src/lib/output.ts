// The only way output leaves the process: data on stdout, chatter on stderr, both scrubbed.
// Chatter is never painted, so its control characters are shown escaped (a server name or a file
// path cannot move the cursor or write the clipboard); stdout is escaped by its renderers.
import { scrub } from './secrets.js';
import { escapeControls } from './sanitize.js';
import { flushStd, writeStd } from './stdio.js';

/** Large output (a JSON report of 10,000 results) is scrubbed and written a piece at a time. */
const PIECE = 256 * 1024;

export function out(text: string): void {
  const all = text.endsWith('\n') ? text : text + '\n';
  if (all.length <= PIECE) {
    writeStd(1, scrub(all));
    return;
  }
  // Cut only at line ends: no secret or credential pattern spans a line (a JSON string never holds
  // a raw newline), so each piece is scrubbed as well as the whole would be.
  for (let start = 0; start < all.length; ) {
    let end = all.indexOf('\n', Math.min(all.length - 1, start + PIECE));
    end = end < 0 ? all.length : end + 1;
    writeStd(1, scrub(all.slice(start, end)));
    start = end;
  }
}

export function err(text: string): void {
  writeStd(2, escapeControls(scrub(text.endsWith('\n') ? text : text + '\n'), { keepNewlines: true }));
}

/** Text that comes in pieces, each ending at a line end (a large JSON report): scrubbed piece by piece. */
export function outPieces(pieces: Iterable<string>): void {
  let batch = '';
  for (const piece of pieces) {
    batch += piece;
    if (batch.length >= PIECE) {
      writeStd(1, scrub(batch));
      batch = '';
    }
  }
  if (batch) writeStd(1, scrub(batch));
}

/** Resolve once stdout and stderr have flushed (so an explicit exit never truncates piped output). */
export const flushOutput = flushStd;
