// config-schema: ajv schemas per client, errors as sentences with readable paths.
import { describe, it, expect, afterEach } from 'vitest';
import path from 'node:path';
import configFiles from '../../src/checks/config-files.js';
import configJson from '../../src/checks/config-json.js';
import configSchema, { validate, schemaFor, entryTypes, neighbourShapes } from '../../src/checks/config-schema.js';
import { runChecks } from '../../src/checks/runner.js';
import type { Check, DoctorOptions } from '../../src/checks/types.js';
import type { ConfigSchemaData } from '../../src/checks/data.js';
import { CLIENT_IDS, CLIENTS, serverDocument, type ClientId } from '../../src/clients/catalog.js';
import { makeEntry, gatewayUrl } from '../../src/gateway/index.js';
import { makeEnvironment } from '../../src/lib/environment.js';
import { tempHome, CANARY, WORKSPACE, leaksCanary, configText, localEntry, type TempHome } from '../helpers/home.js';

const base: DoctorOptions = { clients: [], configPaths: [], urls: [], offline: true, timeoutMs: 1000, verbose: false, strict: false };
const homes: TempHome[] = [];
afterEach(() => homes.splice(0).forEach((h) => h.cleanup()));

const URL = gatewayUrl(WORKSPACE);
/** a neighbour's server (not Tray): config-schema judges its shape */
const OTHER = 'https://mcp.example.com/mcp';
const entry = (c: ClientId) => makeEntry(c, URL, CANARY);
const withServers = (c: ClientId, servers: Record<string, unknown>) => serverDocument(c, servers);

async function runFile(client: ClientId, content: string) {
  const h = tempHome();
  homes.push(h);
  const p = h.write('cfg/some-config.json', content);
  const env = makeEnvironment({ home: h.dir, platform: 'linux', cwd: h.dir });
  const out = await runChecks({
    checks: [configFiles, configJson, configSchema] as Check[],
    options: { ...base, configPaths: [{ path: p, client }] },
    env,
    selection: { only: ['config-schema'] },
  });
  return { results: out.results, data: out.data['config-schema'] as Required<ConfigSchemaData>, subject: path.join('~', 'cfg', 'some-config.json') };
}

describe('config-schema', () => {
  for (const c of CLIENT_IDS) {
    it(`passes the entry setup writes for ${c}, next to a local server and extra keys`, async () => {
      const doc = withServers(c, {
        'tray-workspace': entry(c),
        local: { ...localEntry(c), autoApprove: [] },
      });
      const all = { ...doc, somethingElse: { x: 1 } };
      // each client's own format: Codex's file is TOML, Continue's and Goose's YAML
      const text = configText(c, all);
      const { results, data } = await runFile(c, text);
      expect(results).toHaveLength(1);
      expect(results[0]).toMatchObject({ check: 'config-schema', status: 'pass', client: c, remedies: [] });
      expect(results[0]!.message).toMatch(/2 servers/);
      expect(data.valid).toHaveLength(1);
    });
  }

  it('passes a file with no server map yet', async () => {
    const { results } = await runFile('claude', '{"preferences": {}}');
    expect(results[0]).toMatchObject({ status: 'pass' });
    expect(results[0]!.message).toMatch(/no "mcpServers" yet/);
  });

  it('says "args must be a list of strings" with the path', async () => {
    const doc = withServers('claude', { 'tray-workspace': { command: 'npx', args: ['-y', 2, 'mcp-remote'] } });
    const { results, data } = await runFile('claude', JSON.stringify(doc));
    expect(results[0]).toMatchObject({ status: 'fail', remedies: ['config-schema-invalid'] });
    expect(results[0]!.message).toMatch(/^mcpServers › tray-workspace › args must be a list of strings \(item 2 is a number\)/);
    expect(data.invalid).toHaveLength(1);
    expect(data.valid).toHaveLength(0);
  });

  it('explains wrong roots and wrong server maps', async () => {
    expect((await validate('cursor', []))[0]).toBe('The top level must be an object { … } (it is a list)');
    expect((await validate('cursor', { mcpServers: [] }))[0]).toBe('mcpServers must be an object mapping server names to servers (it is a list)');
    expect((await validate('cursor', { mcpServers: { a: 'https://x' } }))[0]).toBe('mcpServers › a must be an object describing the server (it is a string)');
  });

  it('tells VS Code files with mcpServers (and others with servers) to rename the key', async () => {
    const [p] = await validate('vscode', { mcpServers: { t: entry('vscode') } });
    expect(p).toMatch(/VS Code reads "servers", but this file has "mcpServers"/);
    const [q] = await validate('cursor', { servers: { t: entry('cursor') } });
    expect(q).toMatch(/Cursor reads "mcpServers", but this file has "servers"/);
  });

  it('requires a type on Claude Code remote entries (a shape judgement, from the spec)', async () => {
    expect(await validate('claude-code', { mcpServers: { t: { url: URL } } })).toEqual([]);
    const [n] = neighbourShapes('claude-code', { mcpServers: { t: { url: OTHER } } });
    expect(n!.finding.text).toMatch(/no "type"; Claude Code needs "type": "http"/);
    // "streamable-http" is a Claude Code alias of "http": the structure and the shape both accept it
    expect(await validate('claude-code', { mcpServers: { t: { type: 'streamable-http', url: URL } } })).toEqual([]);
    expect(neighbourShapes('claude-code', { mcpServers: { t: { type: 'streamable-http', url: OTHER } } })).toEqual([]);
    // a legacy form still loads: not a neighbour's problem (a Tray entry gets the warning in tray-servers)
    expect(neighbourShapes('claude-code', { mcpServers: { t: { type: 'sse', url: OTHER } } })).toEqual([]);
    // Tray's own entries are tray-servers' business, not a neighbour's
    expect(neighbourShapes('claude-code', { mcpServers: { t: { url: URL } } })).toEqual([]);
  });

  it("a Claude Desktop file with a url entry does not 'fit': the client skips it", async () => {
    const { results } = await runFile('claude', JSON.stringify({ mcpServers: { remote: { url: 'https://example.com/mcp' }, local: { command: 'node' } } }));
    expect(results[0]).toMatchObject({ status: 'warn', remedies: ['client-entry-unsupported'] });
    expect(results[0]!.message).toMatch(/"remote": Claude Desktop's config file takes only command-based servers/);
  });

  it('a server map nested one level down (a settings.json snippet pasted into mcp.json) is named', async () => {
    const [p] = await validate('vscode', { mcp: { servers: { t: { type: 'stdio', command: 'x' } } } });
    expect(p).toMatch(/VS Code reads "servers" at the top level of this file, but here it is inside "mcp"/);
  });

  it('an SSE endpoint for a client that speaks only Streamable HTTP is a warning; legacy SSE forms of neighbours are not', () => {
    expect(neighbourShapes('codex', { mcp_servers: { a: { url: 'https://mcp.example.com/v1/sse' } } })[0]!.finding).toMatchObject({ code: 'shape-sse-endpoint', status: 'warn' });
    expect(neighbourShapes('claude-code', { mcpServers: { a: { type: 'sse', url: 'https://mcp.example.com/v1/sse' } } })).toEqual([]);
    expect(neighbourShapes('vscode', { servers: { a: { type: 'sse', url: 'https://mcp.example.com/sse' } } })).toEqual([]);
  });

  it('checks entry types per client', async () => {
    const [p] = await validate('cline', { mcpServers: { t: { type: 'streamable-http', url: URL } } });
    expect(p).toBe('mcpServers › t › type must be one of "stdio", "sse", "streamableHttp" for Cline (it is "streamable-http")');
    expect((await validate('vscode', { servers: { t: { type: 'streamableHttp', url: URL } } }))[0]).toMatch(/"stdio", "http", "sse" for VS Code/);
    expect(await validate('cline', { mcpServers: { t: { url: URL } } })).toEqual([]);
    expect(entryTypes('cursor')).toBeUndefined();
  });

  it('names the remote key each client knows when an entry has neither command nor url', async () => {
    expect((await validate('windsurf', { mcpServers: { t: { headers: {} } } }))).toEqual(['mcpServers › t has no "command" (a local server) and no "serverUrl" (a remote server)']);
    expect(await validate('windsurf', { mcpServers: { t: { url: URL } } })).toEqual([]);
    expect((await validate('cursor', { mcpServers: { t: {} } }))).toEqual(['mcpServers › t has no "command" (a local server) and no "url" (a remote server)']);
    expect((await validate('claude-code', { mcpServers: { t: { type: 'stdio' } } }))).toEqual(['mcpServers › t has "type": "stdio" but no "command"']);
  });

  it('checks string maps and empty strings', async () => {
    const problems = await validate('claude', { mcpServers: { t: { command: '', env: { A: 1 }, args: 'x' } } });
    expect(problems).toEqual(expect.arrayContaining([
      'mcpServers › t › command must not be empty',
      'mcpServers › t › env values must be strings ("A" is a number)',
      'mcpServers › t › args must be a list of strings, like ["-y", "mcp-remote", "https://…"] (it is a string)',
    ]));
    expect((await validate('cursor', { mcpServers: { t: { url: URL, headers: 'Bearer x' } } }))[0]).toMatch(/headers must be an object of names to strings/);
  });

  it("checks Claude Code's projects[dir].mcpServers", async () => {
    const doc = { mcpServers: {}, projects: { '/home/me/app': { mcpServers: { bad: { url: 5 } } }, '/other': { history: [] } } };
    const [p] = await validate('claude-code', doc);
    expect(p).toMatch(/^projects\[\/home\/me\/app\] › mcpServers › bad › url must be a string/);
    expect(neighbourShapes('claude-code', { projects: { '/a': { mcpServers: { bad: { url: OTHER } } } } })[0]).toMatchObject({ name: 'bad', where: 'projects[/a].mcpServers' });
  });

  it('lists the problems in details and never a token', async () => {
    const doc = withServers('cursor', { a: { url: 5, headers: { Authorization: `Bearer ${CANARY}`, X: 1 } }, b: [] });
    const { results } = await runFile('cursor', JSON.stringify(doc));
    const r = results[0]!;
    expect(r.status).toBe('fail');
    expect(r.message).toMatch(/and 2 more problems/);
    expect(r.details).toMatchObject({ errorCount: 3 });
    expect(leaksCanary(JSON.stringify(r))).toBe(false);
  });

  it('skips a file that did not parse, blocked by config-json', async () => {
    const { results, subject } = await runFile('cursor', '{"mcpServers": ');
    expect(results).toEqual([expect.objectContaining({ subject, status: 'skip', details: { blockedBy: 'config-json' } })]);
  });

  it('schemas allow extra keys everywhere', () => {
    for (const c of CLIENT_IDS) expect(JSON.stringify(schemaFor(c))).not.toContain('additionalProperties":false');
  });
});
