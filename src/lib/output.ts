// The only way output leaves the process: data on stdout, chatter on stderr, both scrubbed.
import { scrub } from './secrets.js';

export function out(text: string): void {
  process.stdout.write(scrub(text.endsWith('\n') ? text : text + '\n'));
}

export function err(text: string): void {
  process.stderr.write(scrub(text.endsWith('\n') ? text : text + '\n'));
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
