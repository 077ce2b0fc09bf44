// `tray-mcp undo`: put back what the last `doctor --fix` changed — each file's previous content
// and mode, from the journal's copies. A file changed since the fix (its content is not what the fix
// wrote) is left alone unless --force: undoing would throw that later change away.
import { chmodSync, existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Environment } from '../lib/environment.js';
import { ProblemError } from '../lib/exit.js';
import { resolveWriteTarget, SECRET_FILE_MODE, withLock, writeFileAtomic } from '../setup/atomic.js';
import { clearJournal, journalDir, readJournal, sha256 } from './journal.js';

export interface UndoRequest {
  env: Environment;
  force: boolean;
  say(line: string): void;
}

export async function runUndo(req: UndoRequest): Promise<{ restored: string[]; kept: string[] }> {
  const j = readJournal(req.env);
  if (!j) throw new ProblemError(`there is nothing to undo: no \`doctor --fix\` has changed a file${req.env.homeOverridden ? ` under ${req.env.home}` : ''} since the last undo.`);
  const restored: string[] = [];
  const kept: string[] = [];
  const root = req.env.homeOverridden ? req.env.home : undefined;
  const dir = journalDir(req.env);
  // First every file, before any is changed: its copy is there, and it is what the fix left.
  const plan: { f: (typeof j.files)[number]; real: string; old?: Buffer }[] = [];
  for (const f of j.files) {
    const real = resolveWriteTarget(f.file, root);
    let old: Buffer | undefined;
    if (f.copy !== undefined) {
      if (path.basename(f.copy) !== f.copy) throw new ProblemError(`the undo journal names a copy outside its folder (${f.copy}): nothing was restored`);
      try {
        old = readFileSync(path.join(dir, f.copy));
      } catch {
        throw new ProblemError(`the undo journal's copy of ${f.display} (${path.join(dir, f.copy)}) is missing, so nothing was restored. The version before the fix is also kept as ${f.display}.bak.`);
      }
    }
    if (f.after !== undefined) {
      const now = existsSync(real) ? sha256(readFileSync(real)) : undefined;
      if (now !== f.after && !req.force) {
        kept.push(f.display);
        req.say(`✗ Kept ${f.display}: it changed after the fix (undo would throw that change away; --force puts the old version back anyway).`);
        continue;
      }
    }
    plan.push({ f, real, ...(old ? { old } : {}) });
  }
  for (const { f, real, old } of plan) {
    await withLock(real, () => {
      if (f.after !== undefined) {
        if (f.created) {
          if (existsSync(real)) rmSync(real);
        } else if (old) writeFileAtomic(real, old, { mode: f.modeBefore ?? SECRET_FILE_MODE });
      }
      if (f.modeBefore !== undefined && !f.created && existsSync(real)) chmodSync(real, f.modeBefore);
      restored.push(f.display);
      req.say(`✓ Restored ${f.display}${f.created ? ' (removed: the fix had created it)' : ''}.`);
    });
  }
  if (kept.length === 0) clearJournal(req.env);
  return { restored, kept };
}
