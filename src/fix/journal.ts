// What the last `doctor --fix` changed, for `tray-mcp undo`: one journal in the tray-mcp folder of
// the home (so --home keeps a reproduction's undo apart), with a copy of each file as it was.
//   <home>/.tray-mcp/undo/journal.json   (0600, in a 0700 folder)
//   <home>/.tray-mcp/undo/<n>.orig       each changed file's previous content
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Environment } from '../lib/environment.js';
import { ProblemError } from '../lib/exit.js';
import { NEW_DIR_MODE, SECRET_FILE_MODE, writeFileAtomic } from '../setup/atomic.js';

export interface JournalFile {
  /** real path */
  file: string;
  display: string;
  /** the file did not exist before the fix (undo removes it) */
  created?: boolean;
  /** copy of the previous content, relative to the journal's folder */
  copy?: string;
  /** sha256 of the content the fix wrote (undo refuses a file changed since) */
  after?: string;
  /** permission bits before and after (POSIX) */
  modeBefore?: number;
  modeAfter?: number;
}

export interface Journal {
  version: 1;
  /** ISO time of the fix */
  at: string;
  fixes: string[];
  files: JournalFile[];
}

export const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

export function journalDir(env: Environment): string {
  return path.join(env.home, '.tray-mcp', 'undo');
}

/**
 * A new journal, prepared beside the current one (`undo.new`): the previous journal stays until this
 * one has something in it (`commit`), so a --fix that writes nothing never loses the last undo.
 * Refused when the tray-mcp folder leads out of --home (a symbolic link).
 */
export function startJournal(env: Environment): { saveCopy(n: number, content: Buffer): string; commit(j: Journal): void; abandon(): void } {
  const final = journalDir(env);
  confine(env);
  let dir = `${final}.new`;
  let committed = false;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true, mode: NEW_DIR_MODE });
  return {
    saveCopy(n, content) {
      const name = `${n}.orig`;
      writeFileAtomic(path.join(dir, name), content, { mode: SECRET_FILE_MODE });
      return name;
    },
    commit(j) {
      writeFileAtomic(path.join(dir, 'journal.json'), JSON.stringify(j, null, 2) + '\n', { mode: SECRET_FILE_MODE });
      if (committed) return;
      rmSync(final, { recursive: true, force: true });
      renameSync(dir, final);
      dir = final;
      committed = true;
    },
    abandon() {
      if (!committed) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** With --home, the journal stays inside it: a ~/.tray-mcp that is a link out of it is refused. */
function confine(env: Environment): void {
  if (!env.homeOverridden) return;
  const folder = path.join(env.home, '.tray-mcp');
  try {
    if (!lstatSync(folder).isSymbolicLink()) return;
  } catch {
    return;
  }
  const real = realpathSync(folder);
  const home = realpathSync(env.home);
  if (real !== home && !real.startsWith(home + path.sep)) throw new ProblemError(`${folder} leads out of the --home folder (a symbolic link to ${real}): the undo journal is not written there. Nothing was changed.`);
}

/** The last fix's journal; null when there is none; throws ProblemError when it cannot be read. */
export function readJournal(env: Environment): Journal | null {
  const file = path.join(journalDir(env), 'journal.json');
  if (!existsSync(file)) return null;
  let j: Journal | undefined;
  try {
    j = JSON.parse(readFileSync(file, 'utf8')) as Journal;
  } catch {
    j = undefined;
  }
  if (!j || j.version !== 1 || !Array.isArray(j.files)) {
    throw new ProblemError(`the undo journal ${file} cannot be read (damaged, or written by another version), so nothing was restored. The previous version of each file the fix changed is also kept beside it as <file>.bak.`);
  }
  return j;
}

export function clearJournal(env: Environment): void {
  rmSync(journalDir(env), { recursive: true, force: true });
}
