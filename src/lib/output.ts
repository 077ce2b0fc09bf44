// The only way output leaves the process: data on stdout, chatter on stderr, both scrubbed.
// Chatter is never painted, so its control characters are shown escaped (a server name or a file
// path cannot move the cursor or write the clipboard); stdout is escaped by its renderers.
import { scrub } from './secrets.js';
import { escapeControls } from './sanitize.js';

export function out(text: string): void {
  process.stdout.write(scrub(text.endsWith('\n') ? text : text + '\n'));
}

export function err(text: string): void {
  process.stderr.write(escapeControls(scrub(text.endsWith('\n') ? text : text + '\n'), { keepNewlines: true }));
}

/** Resolve once stdout and stderr have flushed (so an explicit exit never truncates piped output). */
export async function flushOutput(): Promise<void> {
  await Promise.all(
    [process.stdout, process.stderr].map(
      (stream) =>
        new Promise<void>((resolve) => {
          if (stream.writableLength === 0 || stream.destroyed) resolve();
          else {
            stream.once('drain', () => resolve());
            stream.once('error', () => resolve());
          }
        }),
    ),
  );
}
