// Reading and editing a TOML client config (Codex's config.toml) with @decimalturn/toml-patch, which
// keeps comments, layout and every other table and key: a replaced server is patched in place; a
// new one is appended as its own [root.NAME] table. What is written is parsed back and compared.
import { createRequire } from 'node:module';
import { CLIENTS, isPlainObject, type ClientId } from '../clients/catalog.js';
import { ConfigUnusableError, type ParsedText } from './parsed.js';

interface TomlPatch {
  parse(text: string): unknown;
  patch(text: string, doc: unknown): string;
  stringify(doc: unknown): string;
}

// Loaded only when a TOML client is set up (setup is not on the --help/--version path).
const toml = (): TomlPatch => createRequire(import.meta.url)('@decimalturn/toml-patch') as TomlPatch;

function parseDoc(body: string): Record<string, unknown> {
  let doc: unknown;
  try {
    doc = toml().parse(body);
  } catch (e) {
    const err = e as { message?: string; line?: number; column?: number };
    const detail = String(err.message ?? '').split('\n').pop()!.trim();
    const at = typeof err.line === 'number' ? ` at line ${err.line}, column ${(err.column ?? 0) + 1}` : '';
    throw new ConfigUnusableError(`it is not valid TOML${at}${detail ? ` (${detail.toLowerCase()})` : ''}`, err.line, err.column === undefined ? undefined : err.column + 1);
  }
  if (!isPlainObject(doc)) throw new ConfigUnusableError('its top level is not a TOML table');
  return doc;
}

export function parseTomlConfig(body: string, client: ClientId): ParsedText {
  const doc = parseDoc(body);
  const rootKey = CLIENTS[client].rootKey;
  const map = doc[rootKey];
  if (map !== undefined && !isPlainObject(map)) throw new ConfigUnusableError(`its "${rootKey}" is not a table of servers ([${rootKey}.NAME])`);
  return { empty: false, servers: (map as Record<string, unknown> | undefined) ?? {}, layout: {} };
}

/** `key = value` for one key, in the library's own TOML (keys quoted where they must be). */
function pair(key: string, value: unknown): string {
  if (isPlainObject(value)) return `${keyText(key)} = { ${Object.entries(value).map(([k, v]) => pair(k, v)).join(', ')} }`;
  return toml().stringify({ [key]: value }).trim();
}

function keyText(key: string): string {
  return toml().stringify({ [key]: 1 }).trim().replace(/\s*=\s*1$/, '');
}

export function withTomlServer(text: string | null, client: ClientId, name: string, entry: Record<string, unknown>, parsed?: ParsedText): string {
  const rootKey = CLIENTS[client].rootKey;
  const bom = text?.startsWith('\uFEFF') ? '\uFEFF' : '';
  const body = (text ?? '').slice(bom.length);
  const block = `[${keyText(rootKey)}.${keyText(name)}]\n${Object.entries(entry).map(([k, v]) => pair(k, v)).join('\n')}\n`;
  let out: string;
  if (body.trim() === '') out = block;
  else {
    const doc = parseDoc(body);
    const servers = isPlainObject(doc[rootKey]) ? (doc[rootKey] as Record<string, unknown>) : undefined;
    if (servers && Object.prototype.hasOwnProperty.call(servers, name)) {
      out = toml().patch(body, { ...doc, [rootKey]: { ...servers, [name]: entry } });
    } else {
      const eol = body.includes('\r\n') ? '\r\n' : '\n';
      out = body.replace(/\s*$/, '') + eol + eol + block.replace(/\n/g, eol);
      try {
        parseDoc(out);
      } catch {
        // e.g. the root written as an inline table elsewhere: let the library place it
        out = toml().patch(body, { ...doc, [rootKey]: { ...(servers ?? {}), [name]: entry } });
      }
    }
  }
  void parsed;
  const back = parseDoc(out);
  const got = isPlainObject(back[rootKey]) ? (back[rootKey] as Record<string, unknown>)[name] : undefined;
  if (canonical(got) !== canonical(entry)) throw new ConfigUnusableError('editing it in place did not produce the expected entry');
  return bom + out;
}

/** JSON with object keys sorted: a patched table may list its keys in another order. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (isPlainObject(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : x));
}

/** The TOML text without the server at `jsonPath` ([root, NAME]); comments and everything else kept. */
export function withoutTomlServer(text: string, client: ClientId, jsonPath: readonly (string | number)[]): string {
  const rootKey = CLIENTS[client].rootKey;
  const name = String(jsonPath[jsonPath.length - 1]);
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const body = text.slice(bom.length);
  const doc = parseDoc(body);
  const servers = isPlainObject(doc[rootKey]) ? { ...(doc[rootKey] as Record<string, unknown>) } : {};
  delete servers[name];
  const out = toml().patch(body, { ...doc, [rootKey]: servers });
  const back = parseDoc(out);
  const left = isPlainObject(back[rootKey]) ? (back[rootKey] as Record<string, unknown>) : {};
  if (Object.prototype.hasOwnProperty.call(left, name)) throw new ConfigUnusableError('removing the entry in place did not work');
  return bom + out;
}
