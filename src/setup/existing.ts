// Reading the config setup is about to change, the way doctor reads configs: without blocking
// (a FIFO never hangs setup), regular files only (never /dev/zero or /dev/urandom), size-capped.
// Anything else stops setup before it writes, with what to do. So does a file that is not UTF-8
// text (UTF-16, a NUL byte, bytes that are not UTF-8): written back, the bytes it cannot read would
// change, and with them the rest of the file.
import { checkBytes, configCapFor, notTextReason, readRegularFileSync, type CheckedBytes } from '../lib/read-config.js';
import { ProblemError } from '../lib/exit.js';

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/**
 * One line for a file setup, remove or doctor --fix will not rewrite because it is not UTF-8 text:
 * which file, what is wrong and where (the offset of the first bad byte), and what to do.
 */
export function notTextMessage(display: string, f: Exclude<CheckedBytes, { ok: true }>, command: string): string {
  return (
    `${display} ${notTextReason(f)}; ${command} rewrites only a file it can read as UTF-8 text (anything else would change bytes it cannot read), so it left this one untouched. ` +
    'Save it again as UTF-8 in an editor (or restore it from its .bak), then try again.'
  );
}

/** The existing file's bytes, or null when there is none yet; ProblemError when setup cannot use it. */
export function readExistingConfig(display: string, realPath: string): Buffer | null {
  const r = readRegularFileSync(realPath, configCapFor(realPath));
  if (r.ok) {
    const text = checkBytes(r.bytes);
    if (!text.ok) throw new ProblemError(`${notTextMessage(display, text, 'setup')} Nothing was written.`);
    return r.bytes;
  }
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
