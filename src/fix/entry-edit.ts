// Changing one server entry in a config's text, whatever its format: the entry as it is in the
// text now (earlier fixes may have changed it), a new value for it, written back through setup's
// editors (JSON/JSONC in place with jsonc-parser, TOML and YAML with their libraries), so every other
// server, key and comment stays as it was.
import { applyEdits, modify } from 'jsonc-parser';
import { CLIENTS, isPlainObject, type ClientId } from '../clients/catalog.js';
import { parseDocument } from '../config/document.js';
import { detectFormatting, parseConfigText, withoutServer, withServer } from '../setup/edit.js';
import { FixNotSafe } from './types.js';

type Path = readonly (string | number)[];

/** The entry at `path` in `text` as its client reads it, or undefined. */
export function entryIn(text: string, client: ClientId, path: Path): Record<string, unknown> | undefined {
  const parsed = parseDocument(text.replace(/^\uFEFF/, ''), CLIENTS[client].format);
  if (!parsed.ok) return undefined;
  let at: unknown = parsed.doc;
  for (const k of path) at = Array.isArray(at) && typeof k === 'number' ? at[k] : isPlainObject(at) ? at[String(k)] : undefined;
  return isPlainObject(at) ? at : undefined;
}

/** The name of an entry (its key, or a list item's name). */
function nameOf(path: Path, entry: Record<string, unknown>, client: ClientId): string {
  const last = path[path.length - 1];
  if (typeof last === 'number') {
    const key = CLIENTS[client].serverList?.nameKey ?? 'name';
    return String(entry[key] ?? '');
  }
  return String(last);
}

/**
 * `text` with the entry at `path` replaced by `change(entry)`. Throws FixNotSafe when the entry is
 * no longer there (the file changed since doctor read it).
 */
export function changeEntry(text: string | null, client: ClientId, path: Path, change: (entry: Record<string, unknown>) => Record<string, unknown>): string {
  if (text === null) throw new FixNotSafe('the file is gone');
  const entry = entryIn(text, client, path);
  if (!entry) throw new FixNotSafe('the entry is no longer where doctor found it');
  return putEntry(text, client, path, nameOf(path, entry, client), change(structuredClone(entry)));
}

/** `text` with `value` at `path` (inserted or replacing). */
export function putEntry(text: string | null, client: ClientId, path: Path, name: string, value: Record<string, unknown>): string {
  const spec = CLIENTS[client];
  const top = path.length === 2 && path[0] === spec.rootKey;
  if (text === null || top || spec.format !== 'json' && spec.format !== 'jsonc') return withServer(text, client, name, value);
  // a nested map (Claude Code's projects[dir].mcpServers): jsonc-parser over the file
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const body = text.slice(bom.length);
  parseConfigText(text, client); // throws on anything unusable
  const out = applyEdits(body, modify(body, [...path], value, { formattingOptions: detectFormatting(body) }));
  const back = entryIn(out, client, path);
  if (JSON.stringify(back) !== JSON.stringify(value)) throw new FixNotSafe('editing the file in place did not produce the expected entry');
  return bom + out;
}

/** `text` without the entry at `path`. */
export function dropEntry(text: string | null, client: ClientId, path: Path): string {
  if (text === null) throw new FixNotSafe('the file is gone');
  const entry = entryIn(text, client, path);
  if (!entry) throw new FixNotSafe('the entry is no longer where doctor found it');
  return withoutServer(text, client, path, nameOf(path, entry, client));
}
