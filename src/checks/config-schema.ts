// config-schema: each parsed config has the structure its client accepts — an object, the client's
// root key (`mcpServers`, or `servers` for VS Code; ~/.claude.json also projects[dir].mcpServers)
// holding an object of entries, each a local (command) entry or a remote entry with the fields that
// client knows. One ajv schema per client, compiled on first use; ajv is loaded only here.
// Whether a Tray entry is usable by its client is tray-servers' business, not this check's.
import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Check, CheckOutput, Result } from './types.js';
import type { ConfigJsonData, ConfigSchemaData, ParsedConfig } from './data.js';
import { CLIENT_IDS, CLIENTS, isPlainObject, serverMaps, type ClientId } from '../clients/catalog.js';
import { classify, isCommandEntry, isOtherType, judgeRemoteShape, URL_KEYS, type Finding } from '../gateway/entry.js';

type Row = Omit<Result, 'check'>;
type Schema = Record<string, unknown>;

/** Every `type` value a client accepts for any entry (its command type, its remote forms, and the types it knows). */
export function entryTypes(client: ClientId): readonly string[] | undefined {
  const spec = CLIENTS[client];
  const types = new Set<string>(spec.remote?.knownTypes ?? []);
  for (const f of spec.remote?.forms ?? []) if (typeof f.type === 'string') types.add(f.type);
  if (spec.command.type) types.add(spec.command.type);
  return types.size ? [...types] : undefined;
}

const stringMap: Schema = { type: 'object', additionalProperties: { type: 'string' } };

/** `{ properties: { a: { properties: { b: schema } } } }` for the key "a.b". */
function propertyAt(key: string, schema: Schema): Schema {
  const [head, ...rest] = key.split('.');
  return { [head!]: rest.length ? { type: 'object', properties: propertyAt(rest.join('.'), schema) } : schema };
}

/**
 * The JSON schema (draft-07, for ajv) of a client's config file, derived from its spec: the server
 * map under its root key (a list of named items for Continue; and per-project maps), each entry a
 * local (command) entry or a remote one with a URL, or one of the client's other entry types
 * (Goose: builtin …), with the keys the client requires. Extra keys are allowed everywhere. Whether
 * a remote entry's form is one the client uses is judged from the same spec by judgeRemoteShape
 * (below), not here.
 */
export function schemaFor(client: ClientId): Schema {
  const spec = CLIENTS[client];
  const types = entryTypes(client);
  const typeProp: Schema = types ? { enum: [...types] } : { type: 'string' };
  const commandTypes = spec.command.type ? [spec.command.type] : undefined;
  const cmd = spec.command;
  const program: Schema = cmd.argv
    ? { type: 'array', minItems: 1, items: { type: 'string' } }
    : client === 'zed'
      ? // Zed's older form nests them: { "command": { "path": …, "args": […], "env": {…} } }
        { anyOf: [{ type: 'string', minLength: 1 }, { type: 'object', required: ['path'], properties: { path: { type: 'string', minLength: 1 }, args: { type: 'array', items: { type: 'string' } }, env: stringMap } }] }
      : { type: 'string', minLength: 1 };
  const local: Schema = {
    properties: {
      [cmd.commandKey]: program,
      ...(cmd.argsKey ? { [cmd.argsKey]: { type: 'array', items: { type: 'string' } } } : {}),
      [cmd.envKey]: stringMap,
      type: typeProp,
    },
  };
  const url: Schema = { type: 'string', minLength: 1 };
  const headersKey = spec.remote?.headersKey ?? 'headers';
  const remote: Schema = {
    anyOf: URL_KEYS.map((k) => ({ required: [k] })),
    properties: {
      ...Object.fromEntries(URL_KEYS.map((k) => [k, url])),
      ...propertyAt(headersKey, stringMap),
      ...(spec.remote?.tokenKey ? { [spec.remote.tokenKey]: { type: 'string' } } : {}),
      type: typeProp,
    },
  };
  // type "stdio" without a command is a local entry missing its command, not a bad remote one.
  const notCommand: Schema = commandTypes
    ? { if: { required: ['type'], properties: { type: { const: commandTypes[0] } } }, then: { required: [cmd.commandKey] }, else: remote }
    : remote;
  let entry: Schema = { type: 'object', if: { required: [cmd.commandKey] }, then: local, else: notCommand };
  // entries of another kind (Goose: builtin, platform): only their type is known here
  if (spec.otherTypes?.length) entry = { type: 'object', if: { required: ['type'], properties: { type: { enum: [...spec.otherTypes] } } }, then: {}, else: entry };
  if (spec.requiredKeys?.length) entry = { allOf: [{ type: 'object', required: [...spec.requiredKeys] }, entry] };
  const list = spec.serverList;
  const serverMap: Schema = list
    ? {
        type: 'array',
        items: {
          type: 'object',
          // an item standing for a block from elsewhere (Continue: uses) is not an entry here
          ...(list.refKey ? { if: { required: [list.refKey] }, then: {}, else: { allOf: [{ required: [list.nameKey], properties: { [list.nameKey]: { type: 'string', minLength: 1 } } }, entry] } } : { allOf: [{ required: [list.nameKey] }, entry] }),
        },
      }
    : { type: 'object', additionalProperties: entry };
  const root: Schema = { type: 'object', properties: { [spec.rootKey]: serverMap } };
  if (spec.projectMaps) {
    (root.properties as Schema)[spec.projectMaps.key] = { type: 'object', additionalProperties: { properties: { [spec.projectMaps.rootKey]: serverMap } } };
  }
  return root;
}

export const AJV_OPTIONS = { allErrors: true, verbose: true, strict: false } as const;

let ajvInstance: Promise<{ compile(s: Schema): ValidateFunction }> | undefined;
const validators = new Map<ClientId, ValidateFunction>();
let precompiled: Partial<Record<ClientId, ValidateFunction>> | null | undefined;

/**
 * The build (scripts/build-validators.mjs) writes ajv's standalone code for every client schema
 * next to this file; the built CLI uses it and never loads or compiles ajv. Run from source (unit
 * tests), there is no such file and ajv compiles the same schemas on first use.
 */
async function validatorFor(client: ClientId): Promise<ValidateFunction> {
  const cached = validators.get(client);
  if (cached) return cached;
  if (precompiled === undefined) {
    try {
      precompiled = createRequire(import.meta.url)('./config-validators.cjs') as Partial<Record<ClientId, ValidateFunction>>;
    } catch {
      precompiled = null;
    }
  }
  let v = precompiled?.[client];
  if (!v) {
    ajvInstance ??= import('ajv').then((mod) => {
      // ajv is CommonJS: its class is module.exports and module.exports.default.
      const Ajv = mod.default.default;
      return new Ajv({ ...AJV_OPTIONS });
    });
    v = (await ajvInstance).compile(schemaFor(client));
  }
  validators.set(client, v);
  return v;
}

const check: Check<ConfigSchemaData, 'config-schema'> = {
  id: 'config-schema',
  title: 'Config structure',
  needs: ['config-json'],
  async run(ctx): Promise<CheckOutput<ConfigSchemaData>> {
    const json = await ctx.need<ConfigJsonData>('config-json');
    const parsed = json.data?.parsed ?? [];
    const unparsed = json.data?.unparsed ?? [];
    const rows: Row[] = [];
    const data: Required<ConfigSchemaData> = { valid: [], invalid: [] };

    const seen = new Set<string>();
    for (const { ref } of unparsed) {
      if (seen.has(ref.path)) continue;
      seen.add(ref.path);
      rows.push({
        subject: ref.display,
        client: ref.clientFrom === 'default' ? null : ref.client,
        status: 'skip',
        message: 'not checked: the file did not parse (see config-json)',
        details: { blockedBy: 'config-json' },
        remedies: [],
      });
    }

    const byPath = new Map<string, ParsedConfig[]>();
    for (const p of parsed) byPath.set(p.ref.path, [...(byPath.get(p.ref.path) ?? []), p]);
    for (const group of byPath.values()) {
      const primary = group.find((p) => !p.ref.stale) ?? group[0]!;
      const problems = await validate(primary.ref.client, primary.doc);
      const name = CLIENTS[primary.ref.client].name;
      const client = primary.ref.clientFrom === 'default' ? null : primary.ref.client;
      const neighbours = problems.length === 0 ? neighbourShapes(primary.ref.client, primary.doc) : [];
      if (problems.length === 0 && neighbours.length === 0) {
        data.valid.push(...group);
        rows.push({ subject: primary.ref.display, client, status: 'pass', message: `structure fits ${name}: ${countServers(primary)}`, remedies: [] });
      } else if (problems.length === 0) {
        // Other servers the client skips or misreads: a warning (Tray's own entries are tray-servers' business).
        data.valid.push(...group);
        const shown = neighbours.slice(0, 3).map((n) => `"${n.name}": ${n.finding.text}`);
        const more = neighbours.length > 3 ? ` (and ${neighbours.length - 3} more)` : '';
        rows.push({
          subject: primary.ref.display,
          client,
          status: 'warn',
          message: `${name} will skip or misread ${neighbours.length === 1 ? 'a server' : `${neighbours.length} servers`} in this file: ${shown.join('; ')}${more}. Fix ${neighbours.length === 1 ? 'it' : 'them'} so the rest of the file is not in doubt.`,
          details: { entries: neighbours.slice(0, 20).map((n) => ({ name: n.name, where: n.where, code: n.finding.code })) },
          remedies: ['client-entry-unsupported'],
        });
      } else {
        for (const p of group) data.invalid.push({ parsed: p, problems });
        const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length === 2 ? '' : 's'}; --verbose lists them)` : '';
        rows.push({
          subject: primary.ref.display,
          client,
          status: 'fail',
          message: `${problems[0]}${more}. ${name} will not load ${problems.length === 1 ? 'this entry' : 'these entries'} as written.`,
          details: { errors: problems.slice(0, 20), errorCount: problems.length },
          remedies: ['config-schema-invalid'],
        });
      }
    }
    if (rows.length === 0) {
      rows.push({ subject: 'all clients', client: null, status: 'skip', message: 'no parsed config to check (see config-files and config-json)', details: { blockedBy: 'config-json' }, remedies: [] });
    }
    return { results: rows, data };
  },
};
export default check;

/** Non-Tray remote entries whose form the client does not use (Tray's are judged by tray-servers). */
export function neighbourShapes(client: ClientId, doc: unknown): { name: string; where: string; finding: Finding }[] {
  const out: { name: string; where: string; finding: Finding }[] = [];
  for (const map of serverMaps(client, doc)) {
    for (const [name, value] of Object.entries(map.servers)) {
      if (!isPlainObject(value) || isCommandEntry(client, value) || isOtherType(client, value)) continue;
      if (classify(client, name, map.where, map.entryPath(name), value)) continue;
      const urlKey = URL_KEYS.find((k) => typeof value[k] === 'string');
      if (!urlKey) continue; // the schema reports an entry with neither command nor URL
      // a legacy form still loads (the server may speak only SSE): only what the client skips or misreads
      for (const f of judgeRemoteShape(client, value, urlKey)) if (f.status !== 'skip' && f.code !== 'shape-legacy') out.push({ name, where: map.where, finding: f });
    }
  }
  return out;
}

function countServers(p: ParsedConfig): string {
  const maps = serverMaps(p.ref.client, p.doc);
  const key = CLIENTS[p.ref.client].rootKey;
  if (maps.length === 0) return `no "${key}" yet (no servers configured)`;
  const n = (k: number) => `${k} server${k === 1 ? '' : 's'}`;
  const top = maps.find((m) => m.where === key);
  const projects = maps.filter((m) => m.where !== key);
  const parts: string[] = [];
  if (top) parts.push(`${n(Object.keys(top.servers).length)} in ${key}`);
  if (projects.length) parts.push(`${n(projects.reduce((s, m) => s + Object.keys(m.servers).length, 0))} in ${projects.length} project${projects.length === 1 ? '' : 's'}`);
  return parts.join(', ');
}

/** The problems with a document for a client, as plain sentences (empty when it fits). */
export async function validate(client: ClientId, doc: unknown): Promise<string[]> {
  const key = CLIENTS[client].rootKey;
  const problems: string[] = [];
  if (isPlainObject(doc)) {
    // the server map one level down, e.g. a VS Code settings.json snippet ("mcp": { "servers": … }) pasted into mcp.json
    const wrapper = Object.keys(doc).find((k) => k !== key && isPlainObject(doc[k]) && isPlainObject((doc[k] as Record<string, unknown>)[key]));
    if (!(key in doc) && wrapper !== undefined) {
      problems.push(`${CLIENTS[client].name} reads "${key}" at the top level of this file, but here it is inside "${wrapper}", where it is ignored: move "${key}" out of "${wrapper}"`);
    }
    // another client's root key (servers, mcpServers, context_servers, mcp_servers, mcp, extensions) in its place
    const other = [...new Set(CLIENT_IDS.map((c) => CLIENTS[c].rootKey))].find((k) => k !== key && k !== wrapper && isPlainObject(doc[k]));
    if (!(key in doc) && other !== undefined) {
      problems.push(`${CLIENTS[client].name} reads "${key}", but this file has "${other}", which it ignores: rename the key to "${key}"`);
    }
  }
  const v = await validatorFor(client);
  if (!v(doc)) problems.push(...sentences(v.errors ?? [], client));
  return [...new Set(problems)];
}

/** ajv errors → sentences naming the place with a readable path (mcpServers › name › args). */
export function sentences(errors: readonly ErrorObject[], client: ClientId): string[] {
  const anyOfAt = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  const out: string[] = [];
  for (const e of errors) {
    if (e.keyword === 'if') continue;
    if (e.schemaPath.includes('/anyOf/') && anyOfAt.has(e.instancePath)) continue;
    const s = sentence(e, client);
    if (s) out.push(s);
  }
  return out;
}

function segments(pointer: string): string[] {
  if (!pointer) return [];
  return pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** projects[/dir] › mcpServers › name style path. */
function place(segs: readonly string[]): string {
  const parts: string[] = [];
  for (let i = 0; i < segs.length; i++) {
    if (segs[i] === 'projects' && i === 0 && segs.length > 1) {
      parts.push(`projects[${segs[1]}]`);
      i++;
    } else parts.push(segs[i]!);
  }
  return parts.join(' › ');
}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  switch (typeof v) {
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return `${v}`;
    case 'object':
      return 'an object';
    default:
      return typeof v;
  }
}

const WANT: Record<string, string> = { object: 'an object { … }', array: 'a list [ … ]', string: 'a string in double quotes', number: 'a number', boolean: 'true or false' };

/** Is this path a server entry (mcpServers › name, or projects › dir › mcpServers › name)? */
function isEntry(segs: readonly string[]): boolean {
  return segs.length === 2 || (segs[0] === 'projects' && segs.length === 4);
}

function sentence(e: ErrorObject, client: ClientId): string | null {
  const segs = segments(e.instancePath);
  const last = segs[segs.length - 1] ?? '';
  const parent = segs[segs.length - 2] ?? '';
  const at = place(segs);
  const remoteKey = CLIENTS[client].remote?.forms[0]?.urlKey ?? 'url';
  const commandKey = CLIENTS[client].command.commandKey;
  switch (e.keyword) {
    case 'type': {
      const want = String((e.params as { type: string }).type);
      const is = kindOf(e.data);
      if (segs.length === 0) return `The top level must be an object { … } (it is ${is})`;
      if (want === 'string' && /^\d+$/.test(last) && parent === 'args') return `${place(segs.slice(0, -1))} must be a list of strings (item ${Number(last) + 1} is ${is})`;
      if (want === 'string' && (parent === 'env' || parent === 'headers')) return `${place(segs.slice(0, -1))} values must be strings ("${last}" is ${is})`;
      if (want === 'array' && last === 'args') return `${at} must be a list of strings, like ["-y", "mcp-remote", "https://…"] (it is ${is})`;
      if (want === 'object' && (last === 'env' || last === 'headers')) return `${at} must be an object of names to strings, like { "NAME": "value" } (it is ${is})`;
      if (want === 'object' && (segs.length === 1 || (segs[0] === 'projects' && segs.length === 3))) return `${at} must be an object mapping server names to servers (it is ${is})`;
      if (want === 'object' && isEntry(segs)) return `${at} must be an object describing the server (it is ${is})`;
      return `${at} must be ${WANT[want] ?? want} (it is ${is})`;
    }
    case 'required': {
      const missing = String((e.params as { missingProperty: string }).missingProperty);
      if ((URL_KEYS as readonly string[]).includes(missing)) return `${at} has no "${commandKey}" (a local server) and no "${remoteKey}" (a remote server)`;
      if (missing === commandKey) return `${at} has "type": "${CLIENTS[client].command.type ?? 'stdio'}" but no "${commandKey}"`;
      return `${at} is missing "${missing}"`;
    }
    case 'anyOf':
      return `${at} has no "${commandKey}" (a local server) and no "${remoteKey}" (a remote server)`;
    case 'enum': {
      const allowed = ((e.params as { allowedValues: unknown[] }).allowedValues ?? []).map((v) => JSON.stringify(v)).join(', ');
      const v = e.data;
      const is = typeof v === 'string' && v.length <= 32 ? JSON.stringify(v) : kindOf(v);
      return `${at} must be one of ${allowed} for ${CLIENTS[client].name} (it is ${is})`;
    }
    case 'minLength':
      return `${at} must not be empty`;
    case 'const':
      return null;
    default:
      return `${at || 'the file'} ${e.message ?? 'is not valid'}`;
  }
}
