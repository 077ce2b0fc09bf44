// The only way output leaves the process: data on stdout, chatter on stderr, both scrubbed.
import { scrub } from './secrets.js';

export function out(text: string): void {
  process.stdout.write(scrub(text.endsWith('\n') ? text : text + '\n'));
}

export function err(text: string): void {
  process.stderr.write(scrub(text.endsWith('\n') ? text : text + '\n'));
}

/** Resolve once stdout has flushed (so exit codes never truncate piped output). */
export function flushStdout(): Promise<void> {
  return new Promise((resolve) => {
    if (process.stdout.writableLength === 0) resolve();
    else process.stdout.once('drain', () => resolve());
  });
}
