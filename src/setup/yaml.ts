// Reading and editing a YAML client config (Continue's config.yaml, Goose's config.yaml) with the yaml
// library, which keeps comments and every other key: a same-name server is replaced where it stands
// (an item of Continue's mcpServers list, or a key of Goose's extensions map); a new one is added at
// the end of the list or map. What is written is parsed back and compared with what was meant, the
// rest of the document included.
import { createRequire } from 'node:module';
import { CLIENTS, isPlainObject, serverDocument, serverMaps, type ClientId } from '../clients/catalog.js';
import { ConfigUnusableError, type ParsedText } from './parsed.js';

type Yaml = typeof import('yaml');
type YamlDocument = ReturnType<Yaml['parseDocument']>;

// Loaded only when a YAML client is set up (setup is not on the --help/--version path).
const lib = (): Yaml => createRequire(import.meta.url)('yaml') as Yaml;

function parseDoc(body: string): YamlDocument {
  const y = lib();
  const lc = new y.LineCounter();
  let doc: YamlDocument;
  try {
    doc = y.parseDocument(body, { lineCounter: lc, prettyErrors: false });
  } catch (e) {
    throw new ConfigUnusableError(e instanceof RangeError ? 'it is nested too deeply to be a config file' : `it is not valid YAML (${(e as Error).message})`);
  }
  const err = doc.errors[0];
  if (err && /call stack/i.test(err.message)) throw new ConfigUnusableError('it is nested too deeply to be a config file');
  if (err) {
    const { line, col } = lc.linePos(err.pos[0]);
    const what = err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new ConfigUnusableError(`it is not valid YAML at line ${line}, column ${col} (${what.charAt(0).toLowerCase()}${what.slice(1)})`, line, col);
  }
  if (doc.contents !== null && !y.isMap(doc.contents)) throw new ConfigUnusableError('its top level is not a YAML mapping (key: value lines)');
  return doc;
}

/** The document as plain data (aliases bounded, as doctor reads it). */
function plain(doc: YamlDocument): Record<string, unknown> {
  let js: unknown;
  try {
    js = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    const deep = e instanceof RangeError && /call stack/i.test(e.message);
    throw new ConfigUnusableError(deep ? 'it is nested too deeply to be a config file' : `it cannot be read (${(e as Error).message.replace(/ indicates a resource exhaustion attack/, ': aliases that multiply')})`);
  }
  return isPlainObject(js) ? js : {};
}

function checkRoot(doc: Record<string, unknown>, client: ClientId): void {
  const spec = CLIENTS[client];
  const root = doc[spec.rootKey];
  if (root === undefined || root === null) return;
  if (spec.serverList && !Array.isArray(root)) throw new ConfigUnusableError(`its "${spec.rootKey}" is not a list of servers (- ${spec.serverList.nameKey}: …)`);
  if (!spec.serverList && !isPlainObject(root)) throw new ConfigUnusableError(`its "${spec.rootKey}" is not a mapping of server names to servers`);
}

export function parseYamlConfig(body: string, client: ClientId): ParsedText {
  const doc = plain(parseDoc(body));
  checkRoot(doc, client);
  return { empty: false, servers: serverMaps(client, doc)[0]?.servers ?? {}, layout: {} };
}

/** Indentation as the file already uses it: its smallest indent, and whether list items sit under their key or in line with it. */
function layoutOf(body: string): { indent: number; indentSeq: boolean } {
  const indents = [...body.matchAll(/^( +)[^\s#]/gm)].map((m) => m[1]!.length);
  const indent = indents.length ? Math.min(8, Math.max(1, Math.min(...indents))) : 2;
  // "key:\n- item" (items in line with their key) rather than "key:\n  - item"
  const inline = /^([ ]*)[^\s#-][^\n]*:[ \t]*(?:#[^\n]*)?\r?\n\1- /m.test(body);
  const nested = /^([ ]*)[^\s#-][^\n]*:[ \t]*(?:#[^\n]*)?\r?\n\1[ ]+- /m.test(body);
  return { indent, indentSeq: !(inline && !nested) };
}

/** Nodes a block collection holds print as blocks; an empty flow collection ([] or {}) becomes a block one. */
function unflow(node: unknown): void {
  const n = node as { flow?: boolean; items?: unknown[] } | null;
  if (n && n.flow && Array.isArray(n.items) && n.items.length === 0) n.flow = false;
}

/** JSON with object keys sorted (for comparing what was meant with what was written). */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (isPlainObject(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : x));
}

/** The new file text with `entry` as the server `name`: added, or replacing the same-name server in place. */
export function withYamlServer(text: string | null, client: ClientId, name: string, entry: Record<string, unknown>): string {
  const y = lib();
  const spec = CLIENTS[client];
  const key = spec.rootKey;
  const bom = text?.startsWith('\uFEFF') ? '\uFEFF' : '';
  const body = (text ?? '').slice(bom.length);
  const eol = body.includes('\r\n') ? '\r\n' : '\n';
  let out: string;
  let expected: Record<string, unknown>;
  /** where the replaced server stood in `body`, and how to find it again in the rendered text */
  let replaced: { range: [number, number]; find: (d: YamlDocument) => unknown } | undefined;
  if (body.trim() === '') {
    expected = serverDocument(client, { [name]: entry });
    out = y.stringify(expected, { lineWidth: 0 });
  } else {
    const doc = parseDoc(body);
    const before = plain(doc);
    checkRoot(before, client);
    if (doc.contents === null) (doc as { contents: unknown }).contents = doc.createNode({});
    unflow(doc.contents);
    const node = doc.createNode(entry);
    const root = doc.get(key, true);
    const list = spec.serverList;
    if (list) {
      if (!y.isSeq(root)) doc.set(key, doc.createNode([entry]));
      else {
        unflow(root);
        const at = root.items.findIndex((it) => y.isMap(it) && it.get(list.nameKey) === name && (!list.refKey || !it.has(list.refKey)));
        if (at >= 0) {
          const old = root.items[at] as { range?: [number, number, number] };
          if (old.range) replaced = { range: [old.range[0], old.range[1]], find: (d) => (d.get(key, true) as { items?: unknown[] } | undefined)?.items?.[at] };
          root.set(at, node);
        } else root.add(node);
      }
      const items = Array.isArray(before[key]) ? [...(before[key] as unknown[])] : [];
      const at = items.findIndex((it) => isPlainObject(it) && it[list.nameKey] === name && (!list.refKey || it[list.refKey] === undefined));
      if (at >= 0) items[at] = entry;
      else items.push(entry);
      expected = { ...before, [key]: items };
    } else {
      if (!y.isMap(root)) doc.set(key, doc.createNode({ [name]: entry }));
      else {
        unflow(root);
        const old = root.get(name, true) as { range?: [number, number, number] } | undefined;
        if (old?.range && y.isMap(old)) replaced = { range: [old.range[0], old.range[1]], find: (d) => d.getIn([key, name], true) };
        root.set(name, node);
      }
      expected = { ...before, [key]: { ...(isPlainObject(before[key]) ? before[key] : {}), [name]: entry } };
    }
    out = doc.toString({ lineWidth: 0, ...layoutOf(body) });
    // A server replaced where it stands: only its own lines change. The library lays the whole
    // document out again (comment spacing, flow lists); the new entry's text is taken from that
    // layout and put in place of the old one in the original text, then checked like the rest.
    if (replaced) {
      const spliced = splice(body, out, replaced, client, expected);
      if (spliced !== undefined) out = spliced;
    }
  }
  // Refuse to write what would not read back as intended: the entry, and every other key as it was.
  let back: Record<string, unknown>;
  try {
    back = plain(parseDoc(out));
  } catch {
    throw new ConfigUnusableError('editing it in place did not produce the expected entry');
  }
  if (canonical(back) !== canonical(expected)) throw new ConfigUnusableError('editing it in place did not produce the expected entry');
  return bom + (eol === '\r\n' ? out.replace(/\r?\n/g, '\r\n') : out);
}

/** `body` with the replaced server's old text swapped for its new text from `rendered`, when that reads back as `expected`. */
function splice(body: string, rendered: string, replaced: { range: [number, number]; find: (d: YamlDocument) => unknown }, client: ClientId, expected: Record<string, unknown>): string | undefined {
  try {
    const node = replaced.find(parseDoc(rendered)) as { range?: [number, number, number] } | undefined;
    if (!node?.range) return undefined;
    let text = rendered.slice(node.range[0], node.range[1]);
    // the old text's own ending (its trailing newline, or none at the end of a file)
    const oldTail = /\r?\n?$/.exec(body.slice(replaced.range[0], replaced.range[1]))![0];
    text = text.replace(/\r?\n?$/, '') + oldTail.replace('\r', '');
    const out = body.slice(0, replaced.range[0]) + text + body.slice(replaced.range[1]);
    const back = plain(parseDoc(out));
    checkRoot(back, client);
    return canonical(back) === canonical(expected) ? out : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The file text without the server at `jsonPath` (Goose: ["extensions", NAME]; Continue:
 * ["mcpServers", INDEX], whose item must still be named `name`); comments and every other key stay,
 * and what is written is read back and compared.
 */
export function withoutYamlServer(text: string, client: ClientId, jsonPath: readonly (string | number)[], name?: string): string {
  const spec = CLIENTS[client];
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const body = text.slice(bom.length);
  const eol = body.includes('\r\n') ? '\r\n' : '\n';
  const doc = parseDoc(body);
  const before = plain(doc);
  checkRoot(before, client);
  const [key, at] = jsonPath;
  if (jsonPath.length !== 2 || key !== spec.rootKey) throw new ConfigUnusableError('the entry is not in the server map setup edits');
  let expected: Record<string, unknown>;
  const list = spec.serverList;
  if (list) {
    const items = Array.isArray(before[key]) ? [...(before[key] as unknown[])] : [];
    const item = typeof at === 'number' ? items[at] : undefined;
    // the item must still be the named server (the file may have changed since it was read)
    if (!isPlainObject(item) || (name !== undefined && item[list.nameKey] !== name)) throw new ConfigUnusableError('the entry is no longer where it was; run the command again');
    items.splice(at as number, 1);
    expected = { ...before, [key]: items };
  } else {
    const map = isPlainObject(before[key]) ? { ...(before[key] as Record<string, unknown>) } : {};
    if (!Object.prototype.hasOwnProperty.call(map, String(at))) throw new ConfigUnusableError('the entry is no longer there; run the command again');
    delete map[String(at)];
    expected = { ...before, [key]: map };
  }
  if (!doc.deleteIn([key, at])) throw new ConfigUnusableError('removing the entry in place did not work');
  const out = doc.toString({ lineWidth: 0, ...layoutOf(body) });
  let back: Record<string, unknown>;
  try {
    back = plain(parseDoc(out));
  } catch {
    throw new ConfigUnusableError('removing the entry in place did not work');
  }
  if (canonical(back) !== canonical(expected)) throw new ConfigUnusableError('removing the entry in place did not work');
  return bom + (eol === '\r\n' ? out.replace(/\r?\n/g, '\r\n') : out);
}
