// Reading and editing a YAML client config (Continue's config.yaml, Goose's config.yaml) with the yaml
// library, which keeps comments and every other key: a same-name server is replaced where it stands
// (an item of Continue's mcpServers list, or a key of Goose's extensions map); a new one is added at
// the end of the list or map. What is written is parsed back and compared with what was meant, the
// rest of the document included. A server is removed by cutting its own text out of the original
// (withoutYamlServer), never by laying the document out again.
import { createRequire } from 'node:module';
import { CLIENTS, isPlainObject, serverDocument, serverMaps, type ClientId } from '../clients/catalog.js';
import { ConfigUnusableError, type ParsedText } from './parsed.js';

type Yaml = typeof import('yaml');
type YamlDocument = ReturnType<Yaml['parseDocument']>;

// Loaded only when a YAML client is set up (setup is not on the --help/--version path).
const lib = (): Yaml => createRequire(import.meta.url)('yaml') as Yaml;

function parseDoc(body: string, keepSourceTokens = false): YamlDocument {
  const y = lib();
  const lc = new y.LineCounter();
  let doc: YamlDocument;
  try {
    doc = y.parseDocument(body, { lineCounter: lc, prettyErrors: false, keepSourceTokens });
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
 * ["mcpServers", INDEX], whose item must still be named `name`): the item's (or map entry's) own
 * text is cut out of the original, every other byte kept (the library would lay the whole
 * document out again: comment spacing, flow lists, quotes). What is left is read back and must be
 * the document without that server; otherwise nothing is written. The rules (yamlCuts):
 *
 * - Block style (one item or entry per line or lines): the whole lines of the item, from the line of
 *   its `-` (or key) through the line its content ends on (a comment at the end of that line goes
 *   with it), line end included. Comment lines directly above it (no blank line between) are part
 *   of it, as the library reads them (its commentBefore); so are comment lines right after it
 *   indented deeper than its `-` or key (inside it, as YAML reads indentation). Any other comment
 *   after it, or one separated from it by a blank line, stays; blank lines stay.
 * - Flow style (`[a, b]`, `{a: 1, b: 2}`): the item and the comma after it, with the white space up
 *   to the next item; for the last item, the comma before it. Anything else between the items (a
 *   comment) is refused rather than guessed at.
 * - The only item: its lines go, and the key gets an empty collection (`mcpServers: []`,
 *   `extensions: {}`), as the library wrote it before.
 * - An item that shares its first or last line with something else in block style (`- a: 1` after
 *   `? complex key`, text after it on its last line) is refused (ConfigUnusableError), naming the
 *   line: remove it by hand.
 */
export function withoutYamlServer(text: string, client: ClientId, jsonPath: readonly (string | number)[], name?: string): string {
  const y = lib();
  const spec = CLIENTS[client];
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const body = text.slice(bom.length);
  const doc = parseDoc(body, true);
  const before = plain(doc);
  checkRoot(before, client);
  const [key, at] = jsonPath;
  if (jsonPath.length !== 2 || key !== spec.rootKey) throw new ConfigUnusableError('the entry is not in the server map setup edits');
  let expected: Record<string, unknown>;
  let index: number;
  const list = spec.serverList;
  const root = doc.get(key, true);
  if (list) {
    const items = Array.isArray(before[key]) ? [...(before[key] as unknown[])] : [];
    const item = typeof at === 'number' ? items[at] : undefined;
    // the item must still be the named server (the file may have changed since it was read)
    if (!isPlainObject(item) || (name !== undefined && item[list.nameKey] !== name)) throw new ConfigUnusableError('the entry is no longer where it was; run the command again');
    items.splice(at as number, 1);
    expected = { ...before, [key]: items };
    index = at as number;
  } else {
    const map = isPlainObject(before[key]) ? { ...(before[key] as Record<string, unknown>) } : {};
    if (!Object.prototype.hasOwnProperty.call(map, String(at))) throw new ConfigUnusableError('the entry is no longer there; run the command again');
    delete map[String(at)];
    expected = { ...before, [key]: map };
    index = y.isMap(root) ? root.items.findIndex((p) => y.isScalar(p.key) && String(p.key.value) === String(at)) : -1;
  }
  // (its data came through an alias, or a key merged in: there is no text of its own to cut)
  if (!(list ? y.isSeq(root) : y.isMap(root)) || index < 0) throw new ConfigUnusableError(`its "${key}" is not written out where it stands (an alias or a merged key); remove the entry by hand`);
  const parent = y.isMap(doc.contents) ? doc.contents.items.find((p) => y.isScalar(p.key) && p.key.value === key) : undefined;
  const cut = parent ? yamlCuts(body, root as YamlCollection, index, parent as YamlPair) : undefined;
  if (typeof cut === 'number') {
    throw new ConfigUnusableError(`the entry shares line ${lineOf(body, cut)} with other text and cannot be cut out of it cleanly; remove it by hand`);
  }
  if (!cut) throw new ConfigUnusableError('removing the entry in place did not work');
  let out = '';
  let from = 0;
  for (const c of cut) {
    out += body.slice(from, c[0]) + (c[2] ?? '');
    from = c[1];
  }
  out += body.slice(from);
  let back: Record<string, unknown>;
  try {
    back = plain(parseDoc(out));
  } catch {
    throw new ConfigUnusableError('removing the entry in place did not work');
  }
  if (canonical(back) !== canonical(expected)) throw new ConfigUnusableError('removing the entry in place did not work');
  return bom + out;
}

type Range = [number, number, number];
interface YamlNode {
  range?: Range | null;
}
interface YamlPair {
  key: unknown;
  value: unknown;
  srcToken?: { sep?: { type: string; offset: number }[] };
}
interface YamlCollection {
  flow?: boolean;
  items: unknown[];
  srcToken?: { type: string; items: { start: { type: string; offset: number }[]; value?: { offset: number } }[] };
}

/** 1-based line of an offset. */
function lineOf(text: string, offset: number): number {
  let n = 1;
  for (let i = 0; i < offset; i++) if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] !== '\n')) n++;
  return n;
}

/**
 * The pieces of `body` to cut ([from, to), or [at, at, text] to insert) to take item `i` out of
 * `coll` (the server list or map, the value of the top-level `parent` pair), by the rules above;
 * or the offset of the line it shares with other text (refused); or undefined when the library
 * gave no ranges to go by.
 */
function yamlCuts(body: string, coll: YamlCollection, i: number, parent: YamlPair): [number, number, string?][] | number | undefined {
  /** an item's content: [start, end) (a map entry: its key through its value) */
  const span = (item: unknown): [number, number] | undefined => {
    const pair = item as Partial<YamlPair>;
    const first = ('key' in pair ? pair.key : item) as YamlNode | null;
    const last = ('key' in pair ? (pair.value ?? pair.key) : item) as YamlNode | null;
    if (!first?.range || !last?.range) return undefined;
    return [first.range[0], Math.max(first.range[1], last.range[1])];
  };
  const spans = coll.items.map(span);
  if (spans.some((s) => !s)) return undefined;
  const [s, e] = spans[i]!;
  const prev = spans[i - 1];
  const next = spans[i + 1];
  if (coll.flow) {
    const sep = (a: number, b: number) => /^\s*,\s*$/.test(body.slice(a, b));
    if (next) return sep(e, next[0]) ? [[s, next[0]]] : s;
    if (prev) return sep(prev[1], s) ? [[prev[1], e]] : s;
    const after = /^\s*,?/.exec(body.slice(e))![0];
    return [[s, e + after.length]];
  }
  const lineStart = (at: number) => Math.max(body.lastIndexOf('\n', at - 1), body.lastIndexOf('\r', at - 1)) + 1;
  // where the item starts: its `-` (a list), or its key (a map), alone on the line but for indentation
  let lead = s;
  if (coll.srcToken?.type === 'block-seq') {
    const cst = coll.srcToken.items[i];
    const dash = cst?.start.find((t) => t.type === 'seq-item-ind');
    if (!dash || cst!.value?.offset !== s) return undefined;
    lead = dash.offset;
  } else if (coll.srcToken?.type !== 'block-map' || (coll.srcToken.items[i]?.start ?? []).some((t) => t.type === 'explicit-key-ind')) return s;
  let start = lineStart(lead);
  if (!/^[ \t]*$/.test(body.slice(start, lead))) return lead;
  // where it ends: the end of the line its content ends on (the library's range may end after the
  // next line's indentation, when the content ends on a comment line: that indentation is not its)
  let end = e;
  if (lineStart(e) > s && /^[ \t]+$/.test(body.slice(lineStart(e), e))) {
    end = lineStart(e);
    // …and the blank lines before that line are not its either (blank lines stay)
    for (let up = lineStart(end - (body[end - 2] === '\r' && body[end - 1] === '\n' ? 2 : 1)); up > s && /^[ \t]*(?:\r\n|\r|\n)$/.test(body.slice(up, end)); ) {
      end = up;
      up = lineStart(end - (body[end - 2] === '\r' && body[end - 1] === '\n' ? 2 : 1));
    }
  }
  if (body[end - 1] !== '\n' && body[end - 1] !== '\r') {
    const rest = /^[ \t]*(?:#[^\r\n]*)?(?:\r\n|\r|\n|$)/.exec(body.slice(end))?.[0];
    if (rest === undefined || (end + rest.length < body.length && !/[\r\n]$/.test(rest))) return e;
    end += rest.length;
  }
  // comment lines right after it, indented deeper than its `-` or key: inside it
  const column = lead - start;
  for (;;) {
    const m = /^([ \t]*)#[^\r\n]*(?:\r\n|\r|\n|$)/.exec(body.slice(end));
    if (!m || m[0].length === 0 || m[1]!.length <= column) break;
    end += m[0].length;
  }
  // comment lines directly above it, after the item before it (or the key of the list or map)
  const floor = prev ? prev[1] : ((parent.key as YamlNode).range?.[1] ?? start);
  while (start > 0) {
    const above = lineStart(start - (body[start - 1] === '\n' && body[start - 2] === '\r' ? 2 : 1));
    const m = /^([ \t]*)#[^\r\n]*(?:\r\n|\r|\n)$/.exec(body.slice(above, start));
    // (one indented deeper than its `-` or key is the end of the item before it: it stays)
    if (above < floor || !m || m[1]!.length > column) break;
    start = above;
  }
  if (prev || next) return [[start, end]];
  // the only item: the key keeps an empty list or map
  const colon = parent.srcToken?.sep?.find((t) => t.type === 'map-value-ind');
  if (!colon) return undefined;
  const after = /^[^\r\n]*/.exec(body.slice(colon.offset + 1))![0];
  if (!/^(?:[ \t]+#.*|[ \t]*)$/.test(after)) return colon.offset;
  const empty = coll.srcToken?.type === 'block-seq' ? ' []' : ' {}';
  return [[colon.offset + 1, colon.offset + 1, empty], [start, end]];
}
