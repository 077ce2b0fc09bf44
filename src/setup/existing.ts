// Reading the config setup is about to change, the way doctor reads configs: without blocking
// (a FIFO never hangs setup), regular files only (never /dev/zero or /dev/urandom), size-capped.
// Anything else stops setup before it writes, with what to do.
import { configCapFor, readRegularFileSync } from '../lib/read-config.js';
import { ProblemError } from '../lib/exit.js';

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** The existing file's bytes, or null when there is none yet; ProblemError when setup cannot use it. */
export function readExistingConfig(display: string, realPath: string): Buffer | null {
  const r = readRegularFileSync(realPath, configCapFor(realPath));
  if (r.ok) return r.bytes;
  switch (r.reason) {
    case 'missing':
      return null; // (ENOTDIR: a parent is a file, so there is no config yet; creating its folder reports that)
    case 'directory':
      throw new ProblemError(`${display} is a folder, not a file: move it aside and run setup again`);
    case 'not-a-file':
      throw new ProblemError(`${display} is ${r.kind}, not a config file: setup reads and replaces only regular files. Move it aside and run setup again. Nothing was written.`);
    case 'too-large':
      throw new ProblemError(
        `${display} is ${mb(r.size)}, more than a config file can be (at most ${mb(r.limit)}): it is damaged or not a config file. ` +
          'Move it aside (or restore it from its .bak) and run setup again. Nothing was written.',
      );
    case 'unreadable':
      throw new ProblemError(`cannot read ${display} (${r.code}): check its permissions (ls -l) and run setup again`);
  }
}
