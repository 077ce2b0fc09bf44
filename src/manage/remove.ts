// `tray-mcp remove NAME [-c CLIENT] [--yes]`: take a Tray entry out of the files it is in — the
// same atomic write, lock and `.bak` backup as setup; every other server, key and comment stays.
// On a terminal each removal is confirmed unless --yes; without one, --yes is required when more
// than one entry would go.
import { CLIENTS, type ClientId } from '../clients/catalog.js';
import type { TrayServerEntry } from '../checks/data.js';
import type { Environment } from '../lib/environment.js';
import { ProblemError, UsageError } from '../lib/exit.js';
import { backupPathFor, LockBusyError, NotWritableError, refuseReadOnly, removeOrphanTemps, resolveWriteTarget, SECRET_FILE_MODE, withLock, writeFileAtomic } from '../setup/atomic.js';
import { ConfigUnusableError, distinctRemovals, withoutServer, withoutServersBytes } from '../setup/edit.js';
import { notTextMessage } from '../setup/existing.js';
import { checkBytes } from '../lib/read-config.js';
import { readFileSync } from 'node:fs';
import { findTrayEntries } from './find.js';

export interface RemoveRequest {
  env: Environment;
  name: string;
  clients: ClientId[];
  yes: boolean;
  /** asks a yes/no question on the terminal; null without one */
  confirm: ((question: string) => Promise<boolean>) | null;
  say(line: string): void;
}

export interface Removed {
  entry: TrayServerEntry;
  backup: string;
}

export async function runRemove(req: RemoveRequest): Promise<Removed[]> {
  const { entries: all, unread, notText } = await findTrayEntries(req.env, req.clients);
  // A file that is not UTF-8 text may hold the entry, and could not be rewritten without changing
  // the bytes that are not UTF-8: nothing is removed anywhere until it is fixed (or left out with -c).
  if (notText.length) {
    const f = notText[0]!;
    const others = notText.length > 1 ? ` Not UTF-8 text either: ${notText.slice(1).map((x) => x.file).join(', ')}.` : '';
    throw new ProblemError(`${notTextMessage(f.file, f.failure, 'remove')}${others} Nothing was changed${req.clients.length ? '' : ' (with -c, remove changes only the named clients\' files)'}.`);
  }
  const hits = all.filter((e) => e.name === req.name && e.jsonPath && e.ref.kind === 'file');
  if (hits.length === 0) {
    const names = [...new Set(all.map((e) => e.name))];
    throw new ProblemError(
      `no Tray entry named "${req.name}"${req.clients.length ? ` for ${req.clients.map((c) => CLIENTS[c].name).join(', ')}` : ''}` +
        (names.length ? ` (there are: ${names.map((n) => `"${n}"`).join(', ')}; \`tray-mcp list\` shows where)` : ' (`tray-mcp list` shows every Tray entry)') +
        (unread.length ? `; ${unread.map((u) => u.file).join(', ')} could not be read (\`tray-mcp doctor\` says why), so an entry there cannot be seen` : '') +
        '. Nothing was changed.',
    );
  }
  if (hits.length > 1 && !req.yes && !req.confirm) {
    throw new UsageError(
      `"${req.name}" is in ${hits.length} places (${hits.map(place).join('; ')}): name the client with -c, or add --yes to remove it from all of them. Nothing was changed.`,
    );
  }
  // confirm each entry, then change each file once: one edit, one backup of the file as it was
  const chosen: TrayServerEntry[] = [];
  for (const e of hits) {
    if (!req.yes && req.confirm && !(await req.confirm(`Remove "${e.name}" from ${place(e)}? (y/n): `))) {
      req.say(`Kept ${place(e)}.`);
      continue;
    }
    chosen.push(e);
  }
  const byFile = new Map<string, TrayServerEntry[]>();
  for (const e of chosen) byFile.set(e.ref.path, [...(byFile.get(e.ref.path) ?? []), e]);
  const done: Removed[] = [];
  for (const group of byFile.values()) {
    const backup = await removeFrom(group);
    for (const e of group) {
      done.push({ entry: e, backup });
      req.say(`✓ Removed "${e.name}" from ${place(e)}.`);
    }
    req.say(`  Previous version of ${group[0]!.ref.display} kept as ${group[0]!.ref.display}.bak.`);
  }
  return done;
}

function place(e: TrayServerEntry): string {
  return `${CLIENTS[e.client].name}'s ${e.ref.display}${e.line ? `:${e.line}` : ''}${e.where.startsWith('projects[') ? ` (${e.where})` : ''}`;
}

async function removeFrom(group: readonly TrayServerEntry[]): Promise<string> {
  const e = group[0]!;
  const real = resolveWriteTarget(e.ref.path);
  try {
    return await withLock(real, () => {
      removeOrphanTemps(real);
      refuseReadOnly(real);
      const old = readFileSync(real);
      // (doctor read it as text; it may have changed since)
      const text = checkBytes(old);
      if (!text.ok) throw new ProblemError(`${notTextMessage(e.ref.display, text, 'remove')} Nothing was changed.`);
      // items of a list (Continue's mcpServers) from the last to the first: a removal moves the ones after it
      const at = (g: TrayServerEntry) => (typeof g.jsonPath![g.jsonPath!.length - 1] === 'number' ? (g.jsonPath![g.jsonPath!.length - 1] as number) : -1);
      const order = distinctRemovals([...group].sort((a, b) => at(b) - at(a)));
      // A JSON file is edited as bytes: the original pieces around each removed member (a large
      // ~/.claude.json is never held as a string or a tree); anything else as text.
      let next: string | Buffer[] | undefined = withoutServersBytes(old, order.map((g) => ({ client: g.client, jsonPath: g.jsonPath! })));
      if (next === undefined) {
        let t = old.toString('utf8');
        for (const g of order) t = withoutServer(t, g.client, g.jsonPath!, g.name);
        next = t;
      }
      const backup = backupPathFor(real);
      writeFileAtomic(backup, old, { mode: SECRET_FILE_MODE });
      writeFileAtomic(real, next, { mode: SECRET_FILE_MODE });
      return backup;
    });
  } catch (err) {
    if (err instanceof ConfigUnusableError) throw new ProblemError(`${e.ref.display} cannot be changed: ${err.message}. It was left untouched.`);
    if (err instanceof NotWritableError) throw new ProblemError(`cannot write ${e.ref.display}: ${err.message}. It was left untouched.`);
    if (err instanceof LockBusyError) throw new ProblemError(`cannot update ${e.ref.display}: ${err.message}`);
    throw err;
  }
}
