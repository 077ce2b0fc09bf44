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
import { CLIENTS, type ClientId } from '../clients/catalog.js';
import { parseDocument } from '../config/document.js';
import { isPlaceholder } from '../gateway/token.js';
import { checkBytes, notTextReason } from '../lib/read-config.js';
import { secretsInConfig } from '../lib/redact.js';
import { registerSecret } from '../lib/secrets.js';
import { unifiedDiff } from './diff.js';
import { sha256, type JournalFile } from './journal.js';
import { FixNotSafe, type ModeChange, type PlannedFix } from './types.js';

/** Keys whose values are credentials more often than not, whatever they are called inside. */
const BLOCKS = /^(?:env|environment|envs|headers|http_headers|requestInit|requestOptions|env_vars)$/i;

/**
 * A file's text as on disk (null: no file). A file that is not UTF-8 text (UTF-16, a NUL byte, bytes
 * that are not UTF-8) is never edited (FixNotSafe, naming the first bad byte): its text would hold
 * U+FFFD where those bytes were, and writing it back would change them.
 */
function readText(file: string, display = file): string | null {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  const checked = checkBytes(bytes);
  if (!checked.ok) throw new FixNotSafe(`${display} ${notTextReason(checked)}, and --fix rewrites only a file it can read as UTF-8 text (save it again as UTF-8, or restore its .bak)`);
  return bytes.toString('utf8');
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
  private readonly touched = new Map<string, PlannedFix[]>();

  /** the accepted fixes that change `file` */
  fixesOf(file: string): PlannedFix[] {
    return this.touched.get(file) ?? [];
  }

  private readonly scanned = new Set<string>();

  /**
   * Every value of an env or headers block in the file (any server's, not only Tray's) is masked in
   * what --fix prints: a diff's context lines show neighbours, and their keys need not say "token".
   */
  private guard(file: string, client: ClientId, text: string | null): void {
    if (text === null || this.scanned.has(file)) return;
    this.scanned.add(file);
    const parsed = parseDocument(text.replace(/^\uFEFF/, ''), CLIENTS[client].format);
    if (!parsed.ok) return;
    for (const v of secretsInConfig(parsed.doc, isPlaceholder)) registerSecret(v);
    const walk = (v: unknown, depth: number, inBlock: boolean) => {
      if (depth > 64) return;
      if (typeof v === 'string') {
        const t = v.trim();
        if (inBlock && t.length >= 6 && !/^(?:\$\{[^}]*\}|\$[A-Za-z_]\w*|%[^%\s]+%|\{env:[^}]+\}|\$\{\{[^}]*\}\})$/.test(t)) registerSecret(v);
        return;
      }
      if (Array.isArray(v)) return v.forEach((x) => walk(x, depth + 1, inBlock));
      if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, depth + 1, inBlock || BLOCKS.test(k));
    };
    walk(parsed.doc, 0, false);
  }

  private current(file: string, display: string): string | null {
    if (this.after.has(file)) return this.after.get(file)!;
    if (!this.before.has(file)) this.before.set(file, { text: readText(file, display), display });
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
        this.guard(c.file, c.client, this.before.get(c.file)?.text ?? null);
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
    const touch = (file: string) => this.touched.set(file, [...this.fixesOf(file), fix]);
    for (const [file, text] of texts) {
      this.after.set(file, text);
      touch(file);
    }
    for (const c of fix.changes) {
      if (c.kind !== 'mode') continue;
      if (!this.modes.has(c.file)) this.modes.set(c.file, c);
      touch(c.file);
    }
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

/** Why `file` cannot be written as planned, or null: checked for every file before any is written. */
function preflight(real: string, expected: string | null): string | null {
  const now = readText(real);
  if (now !== expected) return 'it changed since doctor read it';
  try {
    refuseReadOnly(real);
  } catch (e) {
    return (e as Error).message;
  }
  try {
    if (statSync(backupPathFor(real)).isDirectory()) return `its backup ${path.basename(backupPathFor(real))} cannot be written: a folder has that name`;
  } catch {
    /* no backup yet: fine */
  }
  return null;
}

/**
 * Write what the workspace holds: every file is checked first (changed since doctor read it,
 * read-only, its backup's place taken) and a fix is written whole or not at all — a fix that moves an
 * entry never takes it out of one file without putting it into the other. `saveCopy` keeps a file's
 * previous content for undo; `backedUp` names files whose `.bak` already holds the original (an
 * earlier round), so a later round does not overwrite it.
 */
export async function writeWorkspace(ws: Workspace, env: Environment, saveCopy: (content: Buffer) => string, backedUp: ReadonlySet<string> = new Set()): Promise<Written> {
  const files: JournalFile[] = [];
  const skipped: Written['skipped'] = [];
  const root = env.homeOverridden ? env.home : undefined;
  const failed = new Set<PlannedFix>();
  const fail = (file: string, why: string) => {
    skipped.push({ file, display: ws.before.get(file)?.display ?? ws.modes.get(file)?.display ?? file, why });
    for (const f of ws.fixesOf(file)) failed.add(f);
  };
  // 1. every file, before any is written
  const reals = new Map<string, string>();
  for (const file of ws.after.keys()) {
    try {
      const real = resolveWriteTarget(file, root);
      reals.set(file, real);
      const why = preflight(real, ws.before.get(file)?.text ?? null);
      if (why) fail(file, why);
    } catch (e) {
      fail(file, e instanceof Error ? e.message : String(e));
    }
  }
  // 2. write, in the order the fixes touched the files (a move's target before its source); a file
  //    carrying any part of a fix that failed is not written
  for (const [file, text] of ws.after) {
    if (skipped.some((x) => x.file === file)) continue;
    if (ws.fixesOf(file).some((f) => failed.has(f))) {
      fail(file, 'another file of the same fix could not be written, so this one was not changed either');
      continue;
    }
    const display = ws.before.get(file)?.display ?? file;
    const expected = ws.before.get(file)?.text ?? null;
    const real = reals.get(file)!;
    try {
      if (expected === null) ensureDir(path.dirname(real));
      await withLock(real, () => {
        const why = preflight(real, expected);
        if (why) throw new FixNotSafe(why);
        const modeBefore = modeOf(real);
        const entry: JournalFile = { file: real, display, ...(modeBefore !== undefined ? { modeBefore } : {}) };
        const now = readText(real);
        if (now === null) entry.created = true;
        else {
          const old = readFileSync(real);
          if (!backedUp.has(real)) writeFileAtomic(backupPathFor(real), old, { mode: SECRET_FILE_MODE, ownerOf: real });
          entry.copy = saveCopy(old);
        }
        writeFileAtomic(real, text, { mode: SECRET_FILE_MODE });
        entry.after = sha256(Buffer.from(text, 'utf8'));
        entry.modeAfter = modeOf(real);
        files.push(entry);
      });
    } catch (e) {
      fail(file, e instanceof Error ? e.message : String(e));
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
      fail(file, `cannot change its mode (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  return { files, skipped };
}
