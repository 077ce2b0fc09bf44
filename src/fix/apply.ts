// From proposed fixes to written files: each fix is tried on the text as the fixes before it left
// it (a fix whose file is not as expected is dropped, with the reason), shown as a diff, confirmed
// (or taken with --yes), and then every touched file is written once: under its lock, only if it
// is still what doctor read, through the atomic writer, with its `.bak` backup and a copy in the
// undo journal.
import { chmodSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Environment } from '../lib/environment.js';
import { backupPathFor, ensureDir, refuseReadOnly, resolveWriteTarget, SECRET_FILE_MODE, withLock, writeFileAtomic } from '../setup/atomic.js';
import { ConfigUnusableError } from '../setup/edit.js';
import { unifiedDiff } from './diff.js';
import { sha256, type JournalFile } from './journal.js';
import { FixNotSafe, type ModeChange, type PlannedFix } from './types.js';

/** A file's text as on disk (null: no file). */
function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

function modeOf(file: string): number | undefined {
  try {
    return statSync(file).mode & 0o777;
  } catch {
    return undefined;
  }
}

export interface Staged {
  fix: PlannedFix;
  /** the diff (or mode change) to show */
  shown: string;
}

/** The files as the accepted fixes leave them, and the modes they set. */
export class Workspace {
  /** file → text on disk when first read */
  readonly before = new Map<string, { text: string | null; display: string }>();
  /** file → text after the accepted fixes */
  readonly after = new Map<string, string>();
  readonly modes = new Map<string, ModeChange>();

  private current(file: string, display: string): string | null {
    if (this.after.has(file)) return this.after.get(file)!;
    if (!this.before.has(file)) this.before.set(file, { text: readText(file), display });
    return this.before.get(file)!.text;
  }

  /**
   * Try `fix` on the texts as they stand: its diff, or why it cannot be applied. Nothing is kept
   * until `accept`.
   */
  stage(fix: PlannedFix): { ok: true; staged: Staged; texts: Map<string, string> } | { ok: false; why: string } | { ok: false; noop: true } {
    const texts = new Map<string, string>();
    const shown: string[] = [];
    try {
      for (const c of fix.changes) {
        if (c.kind === 'mode') {
          const m = modeOf(c.file);
          if (m === undefined || m === c.to || this.modes.has(c.file)) continue;
          shown.push(`mode of ${c.display}: ${m.toString(8).padStart(4, '0')} → ${c.to.toString(8).padStart(4, '0')}`);
          continue;
        }
        const was = texts.get(c.file) ?? this.current(c.file, c.display);
        const next = c.edit(was);
        if (next === was) continue;
        texts.set(c.file, next);
      }
    } catch (e) {
      if (e instanceof FixNotSafe || e instanceof ConfigUnusableError) return { ok: false, why: e.message };
      throw e;
    }
    for (const [file, next] of texts) shown.push(unifiedDiff(this.before.get(file)?.display ?? file, this.current(file, file), next));
    if (shown.length === 0) return { ok: false, noop: true };
    return { ok: true, staged: { fix, shown: shown.join('\n') }, texts };
  }

  accept(fix: PlannedFix, texts: Map<string, string>): void {
    for (const [file, text] of texts) this.after.set(file, text);
    for (const c of fix.changes) if (c.kind === 'mode' && !this.modes.has(c.file)) this.modes.set(c.file, c);
  }

  get empty(): boolean {
    return this.after.size === 0 && this.modes.size === 0;
  }
}

export interface Written {
  files: JournalFile[];
  /** files left alone, with the reason */
  skipped: { file: string; display: string; why: string }[];
}

/**
 * Write what the workspace holds. `saveCopy` keeps a file's previous content for undo (returns its
 * name in the journal). A file changed on disk since doctor read it is left alone.
 */
export async function writeWorkspace(ws: Workspace, env: Environment, saveCopy: (content: Buffer) => string): Promise<Written> {
  const files: JournalFile[] = [];
  const skipped: Written['skipped'] = [];
  const root = env.homeOverridden ? env.home : undefined;
  for (const [file, text] of ws.after) {
    const display = ws.before.get(file)?.display ?? file;
    const expected = ws.before.get(file)?.text ?? null;
    try {
      const real = resolveWriteTarget(file, root);
      await withLock(real, () => {
        const now = readText(real);
        if (now !== expected) throw new FixNotSafe('it changed since doctor read it');
        refuseReadOnly(real);
        const modeBefore = modeOf(real);
        const entry: JournalFile = { file: real, display, ...(modeBefore !== undefined ? { modeBefore } : {}) };
        if (now === null) {
          ensureDir(path.dirname(real));
          entry.created = true;
        } else {
          const old = readFileSync(real);
          writeFileAtomic(backupPathFor(real), old, { mode: SECRET_FILE_MODE, ownerOf: real });
          entry.copy = saveCopy(old);
        }
        writeFileAtomic(real, text, { mode: SECRET_FILE_MODE });
        entry.after = sha256(Buffer.from(text, 'utf8'));
        entry.modeAfter = modeOf(real);
        files.push(entry);
      });
    } catch (e) {
      skipped.push({ file, display, why: e instanceof Error ? e.message : String(e) });
    }
  }
  for (const [file, c] of ws.modes) {
    const written = files.find((f) => f.file === file);
    try {
      const before = written?.modeBefore ?? modeOf(file);
      chmodSync(file, c.to);
      if (written) written.modeAfter = c.to;
      else files.push({ file, display: c.display, ...(before !== undefined ? { modeBefore: before } : {}), modeAfter: c.to });
    } catch (e) {
      skipped.push({ file, display: c.display, why: `cannot change its mode (${(e as NodeJS.ErrnoException).code ?? 'error'})` });
    }
  }
  return { files, skipped };
}
