// The built CLI validates configs with ajv's standalone code generated at build time
// (scripts/build-validators.mjs); unit tests from source compile with ajv. Both must agree.
import { describe, it, expect } from 'vitest';
import { createRequire } from 'node:module';
import path from 'node:path';
import { schemaFor, AJV_OPTIONS } from '../../src/checks/config-schema.js';
import { CLIENT_IDS } from '../../src/clients/catalog.js';
import { makeEntry } from '../../src/gateway/index.js';
import { ROOT } from '../helpers/cli.js';

const require = createRequire(import.meta.url);
const Ajv = require('ajv').default;
const built = require(path.join(ROOT, 'dist/checks/config-validators.cjs'));

const samples = (client: string): unknown[] => [
  {},
  [],
  'text',
  { mcpServers: [] },
  { servers: [] },
  { mcpServers: { a: makeEntry(client as never, 'https://x.mcp.tray.ai', 'tok') }, servers: { a: makeEntry(client as never, 'https://x.mcp.tray.ai', 'tok') } },
  { mcpServers: { a: { command: 3 } }, servers: { a: { command: 'npx', args: 'nope' } } },
  { mcpServers: { a: { url: 'https://x' } }, servers: { a: { type: 'http' } } },
  { mcpServers: { a: { type: 'sse', url: '' } }, projects: { '/p': { mcpServers: { b: { type: 'bogus' } } } } },
  { mcpServers: { a: { serverUrl: 'https://x', headers: { Authorization: 7 } } } },
];

describe('precompiled config validators', () => {
  it.each(CLIENT_IDS)('agree with a fresh ajv compile for %s', (client) => {
    const fresh = new Ajv({ ...AJV_OPTIONS }).compile(schemaFor(client));
    const pre = built[client];
    expect(typeof pre).toBe('function');
    for (const doc of samples(client)) {
      const a = fresh(doc);
      const b = pre(doc);
      expect(b).toBe(a);
      const shape = (errs: any[] | null | undefined) => (errs ?? []).map((e) => `${e.instancePath} ${e.keyword} ${e.schemaPath}`);
      expect(shape(pre.errors)).toEqual(shape(fresh.errors));
    }
  });
});
