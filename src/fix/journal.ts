// What the last `doctor --fix` changed, for `tray-mcp undo`: one journal in the tray-mcp folder of
// the home (so --home keeps a reproduction's undo apart), with a copy of each file as it was.
//   <home>/.tray-mcp/undo/journal.json   (0600, in a 0700 folder)
//   <home>/.tray-mcp/undo/<n>.orig       each changed file's previous content
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Environment } from '../lib/environment.js';
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

/** Start a new journal: the previous one (and its copies) is replaced. */
export function startJournal(env: Environment): { dir: string; saveCopy(n: number, content: Buffer): string } {
  const dir = journalDir(env);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true, mode: NEW_DIR_MODE });
  return {
    dir,
    saveCopy(n, content) {
      const name = `${n}.orig`;
      writeFileAtomic(path.join(dir, name), content, { mode: SECRET_FILE_MODE });
      return name;
    },
  };
}

export function writeJournal(env: Environment, j: Journal): void {
  writeFileAtomic(path.join(journalDir(env), 'journal.json'), JSON.stringify(j, null, 2) + '\n', { mode: SECRET_FILE_MODE });
}

export function readJournal(env: Environment): Journal | null {
  const file = path.join(journalDir(env), 'journal.json');
  if (!existsSync(file)) return null;
  try {
    const j = JSON.parse(readFileSync(file, 'utf8')) as Journal;
    return j && j.version === 1 && Array.isArray(j.files) ? j : null;
  } catch {
    return null;
  }
}

export function clearJournal(env: Environment): void {
  rmSync(journalDir(env), { recursive: true, force: true });
}
