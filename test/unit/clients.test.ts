// Every client is one declarative file (src/clients/<id>.ts): this test fails when a client lacks a
// facet, and checks that what is derived from the specs (file inference, schemas, setup's entry)
// holds for every client, new ones included.
import { describe, expect, it } from 'vitest';
import { CLIENT_IDS, CLIENTS, clientFromFileName, clientFromName, restartHint, runsOn, serverDocument, serverMaps, setupLocation } from '../../src/clients/catalog.js';
import type { ClientSpec } from '../../src/clients/types.js';
import { PLATFORMS, makeEnvironment, resolveTemplate } from '../../src/lib/environment.js';
import { findCandidates, gatewayUrl, inspect, judgeRemoteShape, makeEntry, URL_KEYS } from '../../src/gateway/index.js';
import { clientFromShape } from '../../src/checks/config-json.js';
import { schemaFor, AJV_OPTIONS } from '../../src/checks/config-schema.js';
import { createRequire } from 'node:module';

const Ajv = createRequire(import.meta.url)('ajv').default;
/** config-schema's verdict on a document (ajv errors as instancePath + keyword). */
const validate = (id: string, doc: unknown): string[] => {
  const v = new Ajv({ ...AJV_OPTIONS }).compile(schemaFor(id as never));
  return v(doc) ? [] : (v.errors ?? []).map((e: { instancePath: string; keyword: string }) => `${e.instancePath} ${e.keyword}`);
};
import { WORKSPACE } from '../helpers/home.js';

const URL = gatewayUrl(WORKSPACE);

describe('client specs: every facet, for every client', () => {
  it.each(CLIENT_IDS.map((id) => [id, CLIENTS[id] as ClientSpec] as const))('%s', (id, spec) => {
    expect(spec.id).toBe(id);
    expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(spec.name.length).toBeGreaterThan(1);
    expect(['json', 'jsonc', 'toml', 'yaml']).toContain(spec.format);
    expect(spec.rootKey).toMatch(/^[A-Za-z_]+$/);
    // a setup location on every platform the client runs on (all three unless it says otherwise), none
    // elsewhere, and every template resolves
    if (spec.platforms) expect(spec.platforms.length).toBeGreaterThan(0);
    for (const p of PLATFORMS) {
      const loc = setupLocation(id, p);
      if (!runsOn(id, p)) {
        expect(spec.locations.filter((l) => l.paths[p]), `${id} does not run on ${p}`).toEqual([]);
        continue;
      }
      expect(loc, `${id} has no setup location on ${p}`).toBeDefined();
      expect(loc!.scope).toBe('user');
      const env = makeEnvironment({ home: '/h', platform: p, cwd: '/w', vars: {} });
      for (const l of spec.locations) if (l.paths[p]) expect(resolveTemplate(l.paths[p]!, env)).toMatch(/^\/(h|w)\b/);
      expect(restartHint(id, p).length).toBeGreaterThan(10);
    }
    expect(spec.locations.filter((l) => l.setupTarget)).toHaveLength(1);
    // remote entries: forms, or why the file takes none
    if (spec.remote) {
      expect(spec.remote.forms.length).toBeGreaterThan(0);
      expect(spec.remote.forms[0]!.legacy).toBeFalsy();
      for (const f of spec.remote.forms) expect(URL_KEYS).toContain(f.urlKey);
    } else expect(spec.remoteRefused).toBeTruthy();
    expect(['command', 'cmd']).toContain(spec.command.commandKey);
    expect(spec.command.argsKey !== undefined || spec.command.argv === true).toBe(true);
    expect(Array.isArray(spec.variables.syntaxes)).toBe(true);
    expect('logs' in spec).toBe(true); // a log spec, or null said on purpose
    if (spec.logs) expect(PLATFORMS.some((p) => (spec.logs!.dirs[p] ?? []).length > 0)).toBe(true);
    expect(['remote', 'bridge']).toContain(spec.setup.entry);
    // facts have sources: the client's own docs or source
    expect(spec.sources.length).toBeGreaterThan(0);
    for (const s of spec.sources) expect(s.url).toMatch(/^https:\/\//);
    // protocol revisions: a fact with its source, or null (not established) said among the sources
    if (spec.protocolRevisions) {
      expect(spec.protocolRevisions.value.length).toBeGreaterThan(0);
      for (const v of spec.protocolRevisions.value) expect(v).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(spec.protocolRevisions.source).toMatch(/^https:\/\//);
    }
    expect(spec.sources.some((s) => s.what.startsWith('protocol:'))).toBe(true);
    const name = spec.limits?.maxToolNameLength;
    if (name?.prefix) expect(name.prefix).toContain('{server}');
  });

  it('ids, names and aliases name exactly one client each', () => {
    for (const id of CLIENT_IDS) {
      expect(clientFromName(id)).toBe(id);
      expect(clientFromName(CLIENTS[id].name.toUpperCase())).toBe(id);
      for (const a of (CLIENTS[id] as ClientSpec).aliases ?? []) expect(clientFromName(a)).toBe(id);
    }
    expect(clientFromName('notepad')).toBeUndefined();
  });
});

describe('derived from the specs, for every client', () => {
  it.each(CLIENT_IDS.map((id) => [id]))('%s: its setup file is told by its path, its content by its shape, and what setup writes passes', (id) => {
    for (const p of PLATFORMS.filter((x) => runsOn(id, x))) {
      const env = makeEnvironment({ home: '/h', platform: p, cwd: '/w', vars: {} });
      const file = resolveTemplate(setupLocation(id, p)!.paths[p]!, env);
      expect(clientFromFileName(file, env), file).toBe(id);
    }
    const entry = makeEntry(id, URL, 'tok-abcdefghijklmnop-1234');
    const doc = serverDocument(id, { 'tray-workspace': entry });
    // the shape tells the client, except where two clients share a root key and a form
    if (CLIENTS[id].format === 'toml') expect(clientFromFileName('/x/some.toml')).toBe(id); // told by its format
    else {
      const told = clientFromShape(doc);
      expect(told === id || (told !== null && CLIENTS[told].rootKey === CLIENTS[id].rootKey)).toBe(true);
    }
    const [c] = findCandidates(id, doc);
    const insp = inspect(c!, {});
    expect(insp.findings, JSON.stringify(insp.findings)).toEqual([]);
    expect(insp).toMatchObject({ usable: true, url: URL });
    expect(serverMaps(id, doc)).toHaveLength(1);
    expect(schemaFor(id)).toMatchObject({ type: 'object' });
    expect(validate(id, doc)).toEqual([]);
    if (CLIENTS[id].remote) expect(judgeRemoteShape(id, entry, URL_KEYS.find((k) => k in entry))).toEqual([]);
  });
});

describe('docs/clients.md', () => {
  it('is what the specs generate (run `npm run build && node scripts/gen-clients-doc.mjs` after changing a client)', async () => {
    const { readFileSync } = await import('node:fs');
    const path = await import('node:path');
    const { ROOT } = await import('../helpers/cli.js');
    const { renderClientsDoc } = await import('../../src/clients/doc.js');
    const committed = readFileSync(path.join(ROOT, 'docs', 'clients.md'), 'utf8');
    expect(committed).toBe(renderClientsDoc());
    for (const id of CLIENT_IDS) expect(committed).toContain(`| ${CLIENTS[id].name} | \`${id}\``);
  });
});
