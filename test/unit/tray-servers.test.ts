// tray-servers: entry finding, ${…} resolution and every validation rule, each with a failing and a
// passing case. The check runs through the real runner; config-files and config-json are stand-in
// checks that hand over the data tray-servers reads (test data, not mocks of a library).
import { afterAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { runChecks } from '../../src/checks/runner.js';
import trayServers from '../../src/checks/tray-servers.js';
import type { Check, DoctorOptions, Result } from '../../src/checks/types.js';
import type { ConfigFileRef, ConfigFilesData, ConfigJsonData, TrayServersData } from '../../src/checks/data.js';
import { CLIENT_IDS, CLIENTS, serverDocument, type ClientId } from '../../src/clients/catalog.js';
import { makeEntry } from '../../src/gateway/index.js';
import { parseDocument, type ParsedDocument } from '../../src/config/document.js';
import { displayPath, makeEnvironment, type Platform } from '../../src/lib/environment.js';
import { knownSecrets, scrub } from '../../src/lib/secrets.js';
import {
  classify,
  duplicateFindings,
  hasReference,
  isPlaceholder,
  judgeAuthorization,
  judgeUrl,
  nameLooksTray,
  resolveRefs,
  urlLooksTray,
} from '../../src/gateway/index.js';
import { CANARY, WORKSPACE, tempHome } from '../helpers/home.js';

const URL_OK = `https://${WORKSPACE}.mcp.tray.ai`;
const OTHER_WS = '87654321-dcba-4321-fe65-ba9876543210';
const home = tempHome('tray-servers-unit-');
afterAll(() => home.cleanup());

const baseOptions: DoctorOptions = { clients: [], configPaths: [], urls: [], offline: true, timeoutMs: 1000, verbose: false, strict: false };

interface FileSpec {
  client: ClientId;
  /** path under the temp home */
  rel: string;
  /** the parsed document; undefined = the file exists but did not parse */
  doc?: unknown;
  scope?: 'user' | 'project';
  stale?: boolean;
  /** also write the document to disk (for line numbers) */
  write?: boolean;
  /** what config-files found at the path (default: a file) */
  kind?: ConfigFileRef['kind'];
  /** config-json's one-line reason when the file did not parse */
  reason?: string;
}

interface RunOpts {
  vars?: Record<string, string | undefined>;
  clients?: ClientId[];
  platform?: Platform;
  cwd?: string;
  missing?: { client: ClientId; rel: string }[];
}

async function run(files: FileSpec[], o: RunOpts = {}) {
  const env = makeEnvironment({ home: home.dir, platform: o.platform ?? 'linux', vars: o.vars ?? {}, cwd: o.cwd ?? home.dir });
  const refs: ConfigFileRef[] = files.map((f) => {
    const p = home.path(f.rel);
    if (f.write && f.doc !== undefined) home.write(f.rel, JSON.stringify(f.doc, null, 2));
    return { client: f.client, path: p, display: displayPath(p, env), scope: f.scope ?? 'user', stale: f.stale ?? false, explicit: false, kind: f.kind ?? 'file' };
  });
  for (const m of o.missing ?? []) {
    const p = home.path(m.rel);
    refs.push({ client: m.client, path: p, display: displayPath(p, env), scope: 'user', stale: false, explicit: false, kind: 'missing' });
  }
  const configFiles: Check<ConfigFilesData> = {
    id: 'config-files',
    title: 'stand-in config-files',
    needs: [],
    run: async () => ({ results: [{ subject: 'x', status: 'pass', message: 'stand-in', remedies: [] }], data: { refs } }),
  };
  const configJson: Check<ConfigJsonData> = {
    id: 'config-json',
    title: 'stand-in config-json',
    needs: ['config-files'],
    run: async () => ({
      results: [{ subject: 'x', status: 'pass', message: 'stand-in', remedies: [] }],
      data: {
        // config-json hands on the text it read, for line numbers (no second read)
        parsed: files
          .map((f, i) => ({ ref: refs[i]!, doc: f.doc, ...(f.write && f.doc !== undefined ? { linesOf: (parseDocument(JSON.stringify(f.doc, null, 2), 'json') as ParsedDocument).linesOf } : {}) }))
          .filter((p) => p.doc !== undefined),
        unparsed: files.flatMap((f, i) => (f.doc === undefined && f.reason ? [{ ref: refs[i]!, reason: f.reason }] : [])),
      },
    }),
  };
  const out = await runChecks({
    checks: [configFiles, configJson, trayServers as Check],
    options: { ...baseOptions, clients: o.clients ?? [] },
    env,
    selection: { only: ['tray-servers'] },
  });
  const results = out.results;
  const data = out.data['tray-servers'] as TrayServersData;
  // Whatever the case, no token value is ever in a result.
  const text = JSON.stringify(results);
  for (const e of data?.entries ?? []) if (e.token && e.token.length >= 4) expect(text).not.toContain(e.token);
  expect(text).not.toContain(CANARY.slice(0, 16));
  return { results, data, env };
}

const one = (results: Result[], subject: string) => {
  const r = results.find((x) => x.subject === subject);
  if (!r) throw new Error(`no result for ${subject}: ${JSON.stringify(results.map((x) => x.subject))}`);
  return r;
};

const doc = (client: ClientId, servers: Record<string, unknown>) => serverDocument(client, servers);
const LOC: Record<ClientId, string> = {
  claude: '.config/Claude/claude_desktop_config.json',
  'claude-code': '.claude.json',
  cursor: '.cursor/mcp.json',
  windsurf: '.codeium/windsurf/mcp_config.json',
  vscode: '.config/Code/User/mcp.json',
  cline: '.config/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json',
  gemini: '.gemini/settings.json',
  codex: '.codex/config.toml',
  zed: '.config/zed/settings.json',
  continue: '.continue/config.yaml',
  goose: '.config/goose/config.yaml',
  opencode: '.config/opencode/opencode.json',
  'kilo-code': '.config/kilo/kilo.jsonc',
  'roo-code': '.config/Code/User/globalStorage/rooveterinaryinc.roo-cline/settings/mcp_settings.json',
  'copilot-cli': '.copilot/mcp-config.json',
  'amazon-q': '.aws/amazonq/mcp.json',
  'visual-studio': '.mcp.json',
  'vscode-insiders': '.config/Code - Insiders/User/mcp.json',
  kiro: '.kiro/settings/mcp.json',
  warp: '.warp/.mcp.json',
  'lm-studio': '.lmstudio/mcp.json',
};
const entryFor = (client: ClientId, entry: unknown, name = 'tray-workspace'): FileSpec => ({ client, rel: LOC[client], doc: doc(client, { [name]: entry }) });

describe('tray-servers: what setup writes passes for every client', () => {
  it.each(CLIENT_IDS)('%s: makeEntry() → pass with URL and token fingerprint, usable, token resolved', async (client) => {
    const { results, data } = await run([entryFor(client, makeEntry(client, URL_OK, CANARY))]);
    const r = one(results, `${client} › tray-workspace`);
    expect(r.status).toBe('pass');
    expect(r.message).toContain(URL_OK);
    expect(r.message).toContain(`token …${CANARY.slice(-4)}`);
    expect(r.remedies).toEqual([]);
    expect(r.client).toBe(client);
    expect(r.details).toMatchObject({ tokenFingerprint: `…${CANARY.slice(-4)}`, usable: true, workspaceId: WORKSPACE });
    expect(data.entries).toHaveLength(1);
    expect(data.entries[0]).toMatchObject({ client, name: 'tray-workspace', url: URL_OK, workspaceId: WORKSPACE, token: CANARY, usable: true, tokenInFile: true });
  });

  it('registers every resolved token as a secret the moment it is read', async () => {
    const token = 'tok-registered-1234567890';
    await run([entryFor('cursor', makeEntry('cursor', URL_OK, token))]);
    expect(knownSecrets()).toContain(token);
    expect(scrub(`x ${token} y`)).not.toContain(token);
  });

  it('gives the line of the entry in the file', async () => {
    const spec = { ...entryFor('cursor', makeEntry('cursor', URL_OK, CANARY)), rel: 'lines/.cursor/mcp.json', write: true };
    spec.doc = { mcpServers: { github: { command: 'gh' }, 'tray-workspace': makeEntry('cursor', URL_OK, CANARY) } };
    const { results } = await run([spec]);
    const r = one(results, 'cursor › tray-workspace');
    // {, "mcpServers": {, "github": {, "command", }, "tray-workspace" → line 6
    expect(r.details).toMatchObject({ line: 6, file: '~/lines/.cursor/mcp.json'.replace(/\//g, path.sep) });
    expect(r.message).toContain(`mcp.json:6`);
  });

  it('gives the line in a large ~/.claude.json too (over 5 MB of history), in projects[dir] as well', async () => {
    const history = Array.from({ length: 60_000 }, (_, i) => ({ display: `a long history line number ${i} with some words in it` }));
    const doc = {
      projects: { '/work/app': { history, mcpServers: { 'tray-local': makeEntry('claude-code', URL_OK, CANARY) } } },
      mcpServers: { 'tray-workspace': makeEntry('claude-code', URL_OK, CANARY) },
    };
    const spec: FileSpec = { client: 'claude-code', rel: 'big/.claude.json', doc, write: true };
    const { results } = await run([spec]);
    const text = JSON.stringify(doc, null, 2);
    expect(text.length).toBeGreaterThan(5 * 1024 * 1024);
    const lineOfKey = (key: string) => text.slice(0, text.indexOf(`"${key}": {`)).split('\n').length;
    expect(one(results, 'claude-code › tray-workspace').details).toMatchObject({ line: lineOfKey('tray-workspace') });
    expect(one(results, 'claude-code › tray-local').details).toMatchObject({ line: lineOfKey('tray-local') });
  });
});

describe('tray-servers: finding Tray entries', () => {
  it('finds entries in ~/.claude.json projects[dir].mcpServers as well as the top level', async () => {
    const file: FileSpec = {
      client: 'claude-code',
      rel: '.claude.json',
      doc: { mcpServers: {}, projects: { '/work/app': { mcpServers: { 'tray-app': makeEntry('claude-code', URL_OK, CANARY) } } } },
    };
    const { results, data } = await run([file], { cwd: '/work/app' });
    expect(one(results, 'claude-code › tray-app').status).toBe('pass');
    expect(data.entries[0]!).toMatchObject({ where: 'projects[/work/app].mcpServers', usable: true });
    expect(one(results, 'claude-code › tray-app').details).toMatchObject({ scope: 'local' });
    // run in another folder, Claude Code does not load that project's local servers
    const elsewhere = await run([file], { cwd: '/work/other' });
    expect(one(elsewhere.results, 'claude-code › tray-app').message).toMatch(/only loaded when Claude Code runs in \/work\/app/);
    expect(elsewhere.data.entries[0]!.usable).toBe(false);
  });

  it('ignores servers that are not Tray, and a local command merely named tray', async () => {
    const { results } = await run([entryFor('cursor', { command: 'node', args: ['tray-server.js'] }, 'tray-local'), {
      client: 'windsurf',
      rel: LOC.windsurf,
      doc: { mcpServers: { github: { serverUrl: 'https://api.githubcopilot.com/mcp/' }, ashtray: { serverUrl: 'https://example.com/mcp' } } },
    }]);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ subject: 'all clients', status: 'fail', remedies: ['tray-server-missing'] });
  });

  it('reports an entry named like tray-* with a broken URL as a Tray entry with a bad URL', async () => {
    const { results, data } = await run([entryFor('cursor', { url: 'https://example.com/mcp', headers: { Authorization: `Bearer ${CANARY}` } }, 'tray-prod')]);
    const r = one(results, 'cursor › tray-prod');
    expect(r).toMatchObject({ status: 'fail', remedies: ['workspace-id-invalid'] });
    expect(r.message).toMatch(/does not point at Tray/);
    expect(data.entries[0]!.usable).toBe(false);
  });

  it('finds an mcp-remote entry by its Tray URL whatever its name, and an unnamed bridge (node …/proxy.js)', async () => {
    const { results } = await run([{
      client: 'claude',
      rel: LOC.claude,
      doc: {
        mcpServers: {
          work: makeEntry('claude', URL_OK, CANARY),
          other: {
            command: 'node',
            args: ['C:/npm/node_modules/mcp-remote/dist/proxy.js', `https://${OTHER_WS}.mcp.tray.ai`, '--header', 'Authorization:${AUTH_HEADER}'],
            env: { AUTH_HEADER: `Bearer ${CANARY}x` },
          },
        },
      },
    }]);
    expect(one(results, 'claude › work').status).toBe('pass');
    expect(one(results, 'claude › other').status).toBe('pass');
  });

  it('unit: name and URL heuristics', () => {
    expect(nameLooksTray('tray-workspace')).toBe(true);
    expect(nameLooksTray('prod_tray')).toBe(true);
    expect(nameLooksTray('Tray')).toBe(true);
    expect(nameLooksTray('ashtray')).toBe(false);
    expect(nameLooksTray('github')).toBe(false);
    expect(urlLooksTray(URL_OK)).toBe(true);
    expect(urlLooksTray('https://tray.ai')).toBe(true);
    expect(urlLooksTray('https://evil.com/?x=tray.ai')).toBe(false);
    expect(urlLooksTray('https://notatray.ai')).toBe(false);
    expect(urlLooksTray('https://${WS}.mcp.tray.ai')).toBe(true);
    expect(classify('cursor', 'x', 'mcpServers', [], { command: 'npx', args: ['-y', 'supergateway', '--sse', URL_OK] })).toMatchObject({ form: 'command', bridge: 'other' });
  });
});

describe('tray-servers: resolving ${…}', () => {
  it('${VAR} comes from the entry env first, then the environment', () => {
    const all = ['${VAR}', '${VAR:-default}', '${env:VAR}', '${input:ID}'] as const;
    expect(resolveRefs('Bearer ${T}', all, { T: 'from-entry' }, { T: 'from-env' })).toEqual({ kind: 'value', value: 'Bearer from-entry', fromEnvironment: false });
    expect(resolveRefs('Bearer ${T}', all, {}, { T: 'from-env' })).toEqual({ kind: 'value', value: 'Bearer from-env', fromEnvironment: true });
    expect(resolveRefs('${A}', all, { A: 'Bearer ${B}' }, { B: 'deep' })).toMatchObject({ kind: 'value', value: 'Bearer deep' });
    expect(resolveRefs('${T:-fallback}', all, {}, {})).toMatchObject({ kind: 'value', value: 'fallback' });
    // reported as written, so the user finds it in the file
    expect(resolveRefs('${T}', all, {}, {})).toEqual({ kind: 'unset', vars: ['${T}'] });
    expect(resolveRefs('${env:T}', all, { T: 'not-used' }, {})).toEqual({ kind: 'unset', vars: ['${env:T}'] });
    expect(resolveRefs('${env:T}', all, {}, { T: 'v' })).toMatchObject({ kind: 'value', value: 'v' });
    expect(resolveRefs('Bearer ${input:tray-token}', all, {}, {})).toEqual({ kind: 'input', ids: ['tray-token'], syntax: '${input:ID}' });
    // only the syntaxes the program expands: Cursor's ${env:VAR} is not Claude Code's ${VAR}
    expect(resolveRefs('Bearer ${T}', ['${env:VAR}'], {}, { T: 'v' })).toEqual({ kind: 'unsupported', written: '${T}', want: '${env:T}' });
    expect(resolveRefs('Bearer ${env:T}', ['${VAR}'], {}, { T: 'v' })).toEqual({ kind: 'unsupported', written: '${env:T}', want: '${T}' });
    // a bare $NAME is text to a program that does not expand it, a reference to one that does (Gemini CLI)
    expect(resolveRefs('Bearer $T', ['${VAR}'], {}, { T: 'v' })).toMatchObject({ kind: 'value', value: 'Bearer $T' });
    expect(resolveRefs('Bearer $T', ['$VAR', '${VAR}'], {}, { T: 'v' })).toMatchObject({ kind: 'value', value: 'Bearer v' });
  });

  it('OpenCode and Kilo Code: {env:VAR} from the environment only, unset reported; {file:PATH} not checked', () => {
    const oc = ['{env:VAR}', '{file:PATH}'] as const;
    expect(resolveRefs('Bearer {env:T}', oc, {}, { T: 'from-env' })).toEqual({ kind: 'value', value: 'Bearer from-env', fromEnvironment: true });
    // never from an entry's own environment block (OpenCode replaces it in the config text, from its own process)
    expect(resolveRefs('Bearer {env:T}', oc, { T: 'x' }, {})).toEqual({ kind: 'unset', vars: ['{env:T}'] });
    expect(resolveRefs('Bearer {file:~/.tray-token}', oc, {}, {})).toEqual({ kind: 'input', ids: ['~/.tray-token'], syntax: '{file:PATH}' });
    // another client's syntax in OpenCode's file, and OpenCode's in another client's
    expect(resolveRefs('Bearer ${env:T}', oc, {}, { T: 'v' })).toEqual({ kind: 'unsupported', written: '${env:T}', want: '{env:T}' });
    expect(resolveRefs('Bearer {env:T}', ['${env:VAR}'], {}, { T: 'v' })).toEqual({ kind: 'unsupported', written: '{env:T}', want: '${env:T}' });
    // a {file:…} is text to a client without that syntax (judged later as a placeholder-shaped token)
    expect(resolveRefs('Bearer {file:x}', ['${env:VAR}'], {}, {})).toEqual({ kind: 'value', value: 'Bearer {file:x}', fromEnvironment: false });
    expect(hasReference('https://{env:WS}.mcp.tray.ai')).toBe(true);
    expect(hasReference('Bearer tok{en}')).toBe(false);
  });

  it('OpenCode: a {env:VAR} token passes when set, fails when unset; an argv command running mcp-remote is a bridge', async () => {
    const entry = { type: 'remote', url: URL_OK, headers: { Authorization: 'Bearer {env:TRAY_TOKEN}' } };
    const set = await run([entryFor('opencode', entry)], { vars: { TRAY_TOKEN: CANARY } });
    expect(one(set.results, 'opencode › tray-workspace')).toMatchObject({ status: 'pass' });
    expect(set.data.entries[0]).toMatchObject({ token: CANARY, tokenInFile: false });
    const unset = await run([entryFor('opencode', entry)]);
    expect(one(unset.results, 'opencode › tray-workspace')).toMatchObject({ status: 'fail', details: { problems: ['token-unset'] } });
    const bridge = { type: 'local', command: ['npx', '-y', 'mcp-remote', URL_OK, '--header', 'Authorization:${AUTH_HEADER}'], environment: { AUTH_HEADER: `Bearer ${CANARY}` } };
    expect(classify('opencode', 'tray', 'mcp', [], bridge)).toMatchObject({ form: 'command', bridge: 'mcp-remote', env: { AUTH_HEADER: `Bearer ${CANARY}` } });
    expect(one((await run([entryFor('opencode', bridge)])).results, 'opencode › tray-workspace')).toMatchObject({ status: 'pass' });
    // switched off with OpenCode's own key
    const off = await run([entryFor('opencode', { ...makeEntry('opencode', URL_OK, CANARY), enabled: false })]);
    expect(one(off.results, 'opencode › tray-workspace')).toMatchObject({ status: 'warn', details: { problems: ['disabled'] } });
  });

  it('Continue: ${{ secrets.NAME }} comes from its .env files and is not checked; ${VAR} is not its syntax', () => {
    const cont = ['${{ secrets.NAME }}'] as const;
    expect(resolveRefs('Bearer ${{ secrets.TRAY_TOKEN }}', cont, {}, { TRAY_TOKEN: 'v' })).toEqual({ kind: 'input', ids: ['TRAY_TOKEN'], syntax: '${{ secrets.NAME }}' });
    expect(resolveRefs('Bearer ${TRAY_TOKEN}', cont, {}, { TRAY_TOKEN: 'v' })).toEqual({ kind: 'unsupported', written: '${TRAY_TOKEN}', want: '${{ secrets.TRAY_TOKEN }}' });
    // and the secrets syntax is not taken for ${VAR} by a client that does not know it
    expect(resolveRefs('Bearer ${{ secrets.T }}', ['${VAR}'], {}, {})).toEqual({ kind: 'unsupported', written: '${{ secrets.T }}' });
  });

  it('resolves the mcp-remote header from env and ${VAR} from the environment (pass), and an unset one fails', async () => {
    const entry = { command: 'npx', args: ['-y', 'mcp-remote', URL_OK, '--header', 'Authorization:${AUTH_HEADER}'], env: { AUTH_HEADER: 'Bearer ${TRAY_TOKEN}' } };
    const ok = await run([entryFor('claude', entry)], { vars: { TRAY_TOKEN: CANARY } });
    expect(one(ok.results, 'claude › tray-workspace').status).toBe('pass');
    expect(ok.data.entries[0]).toMatchObject({ token: CANARY, tokenInFile: false });
    const bad = await run([entryFor('claude', entry)], { vars: {} });
    const r = one(bad.results, 'claude › tray-workspace');
    expect(r).toMatchObject({ status: 'fail', remedies: ['token-missing'] });
    expect(r.message).toContain('${TRAY_TOKEN}');
    expect(r.message).toMatch(/not set/);
  });

  it('${env:VAR} in a VS Code header resolves from the environment', async () => {
    const entry = { type: 'http', url: URL_OK, headers: { Authorization: 'Bearer ${env:TRAY_TOKEN}' } };
    const ok = await run([entryFor('vscode', entry)], { vars: { TRAY_TOKEN: CANARY } });
    expect(one(ok.results, 'vscode › tray-workspace').status).toBe('pass');
    const bad = await run([entryFor('vscode', entry)], { vars: {} });
    expect(one(bad.results, 'vscode › tray-workspace')).toMatchObject({ status: 'fail', remedies: ['token-missing'] });
    expect(one(bad.results, 'vscode › tray-workspace').message).toContain('${env:TRAY_TOKEN}');
    const url = await run([entryFor('cursor', { url: 'https://${env:TRAY_WS}.mcp.tray.ai', headers: { Authorization: `Bearer ${CANARY}` } })]);
    expect(one(url.results, 'cursor › tray-workspace').message).toContain('${env:TRAY_WS}');
  });

  it('${input:…} warns in VS Code (prompted at start-up, cannot be verified) and fails elsewhere', async () => {
    const entry = { type: 'http', url: URL_OK, headers: { Authorization: 'Bearer ${input:tray-token}' } };
    const vs = await run([entryFor('vscode', entry)]);
    const r = one(vs.results, 'vscode › tray-workspace');
    expect(r.status).toBe('warn');
    expect(r.message).toMatch(/VS Code asks for it/);
    expect(vs.data.entries[0]).toMatchObject({ token: undefined, usable: true });
    const cur = await run([entryFor('cursor', { url: URL_OK, headers: { Authorization: 'Bearer ${input:tray-token}' } })]);
    expect(one(cur.results, 'cursor › tray-workspace')).toMatchObject({ status: 'fail', remedies: ['token-missing'] });
  });
});

describe('tray-servers: workspace id and URL', () => {
  const withUrl = (url: string) => entryFor('cursor', { url, headers: { Authorization: `Bearer ${CANARY}` } });

  it.each([
    ['a trailing slash', `${URL_OK}/`],
    ['upper-case UUID', `https://${WORKSPACE.toUpperCase()}.mcp.tray.ai`],
  ])('passes with %s', async (_what, url) => {
    const { results, data } = await run([withUrl(url)]);
    expect(one(results, 'cursor › tray-workspace').status).toBe('pass');
    expect(data.entries[0]!.url).toBe(URL_OK);
  });

  it.each([
    ['a workspace id that is not a UUID', 'https://my-workspace.mcp.tray.ai', /"my-workspace" is not a UUID/],
    ['a path', `${URL_OK}/mcp`, /has a path \(\/mcp\)/],
    ['a port', `${URL_OK}:8443`, /has a port/],
    ['another tray.ai host', `https://${WORKSPACE}.tray.ai`, /the host is/],
    ['a placeholder workspace', 'https://<WORKSPACE_ID>.mcp.tray.ai', /not a valid URL/],
    ['a query', `${URL_OK}/?ws=1`, /query/],
  ])('fails workspace-id-invalid with %s', async (_what, url, why) => {
    const { results, data } = await run([withUrl(url)]);
    const r = one(results, 'cursor › tray-workspace');
    expect(r).toMatchObject({ status: 'fail', remedies: ['workspace-id-invalid'] });
    expect(r.message).toMatch(why);
    expect(data.entries[0]!.usable).toBe(false);
  });

  it('fails a missing URL', async () => {
    const { results } = await run([entryFor('cursor', { headers: { Authorization: `Bearer ${CANARY}` } })]);
    expect(one(results, 'cursor › tray-workspace')).toMatchObject({ status: 'fail', remedies: ['workspace-id-invalid'] });
  });

  it('fails plain http to a non-loopback host as insecure-url, and is not usable (never probed with the token)', async () => {
    const { results, data } = await run([withUrl(`http://${WORKSPACE}.mcp.tray.ai`)]);
    expect(one(results, 'cursor › tray-workspace')).toMatchObject({ status: 'fail', remedies: ['insecure-url'] });
    expect(data.entries[0]!.usable).toBe(false);
  });

  it('warns (not fails) for a loopback URL: a local proxy or test server, usable', async () => {
    const { results, data } = await run([withUrl('http://127.0.0.1:3999/')]);
    const r = one(results, 'cursor › tray-workspace');
    expect(r.status).toBe('warn');
    expect(r.message).toMatch(/points at this machine/);
    expect(data.entries[0]).toMatchObject({ usable: true, url: 'http://127.0.0.1:3999/' });
  });

  it('unit: judgeUrl never fills a variable into a URL: set → not checked nor probed, unset → fail', () => {
    const secret = 'AKIAsecretvalue1234567890';
    const set = judgeUrl('http://127.0.0.1:9/c/${AWS_SECRET}', CLIENTS['claude-code'], 'remote', { AWS_SECRET: secret });
    expect(set).toMatchObject({ reachable: false, findings: [{ code: 'url-variable', status: 'warn' }] });
    expect(JSON.stringify(set)).not.toContain(secret);
    expect(judgeUrl('https://${WS}.mcp.tray.ai', CLIENTS['claude-code'], 'remote', {}).findings[0]).toMatchObject({ code: 'url-unset', status: 'fail' });
    // a syntax the client does not expand is used literally by it
    expect(judgeUrl('https://${WS}.mcp.tray.ai', CLIENTS.cursor, 'remote', { WS: WORKSPACE }).findings[0]).toMatchObject({ code: 'variable-unsupported', status: 'fail' });
  });
});

describe('tray-servers: the token', () => {
  const withAuth = (value: unknown) => entryFor('cursor', { url: URL_OK, headers: value === undefined ? {} : { Authorization: value } });

  it('fails with no Authorization header at all', async () => {
    const { results } = await run([withAuth(undefined)]);
    const r = one(results, 'cursor › tray-workspace');
    expect(r).toMatchObject({ status: 'fail', remedies: ['token-missing'] });
    expect(r.message).toMatch(/no Authorization header/);
  });

  it('fails an mcp-remote entry without --header (it would try OAuth instead)', async () => {
    const { results } = await run([entryFor('claude', { command: 'npx', args: ['-y', 'mcp-remote', URL_OK] })]);
    const r = one(results, 'claude › tray-workspace');
    expect(r).toMatchObject({ status: 'fail', remedies: ['token-missing'] });
    expect(r.message).toMatch(/OAuth/);
  });

  it.each(['your-api-token-here', '<TOKEN>', '<api-token>', 'YOUR_TOKEN', 'xxxxxxxx', 'xxx…', 'YOUR_TRAY_API_TOKEN', ''])(
    'fails the placeholder %j as token-missing',
    async (placeholder) => {
      const { results, data } = await run([withAuth(`Bearer ${placeholder}`)]);
      const r = one(results, 'cursor › tray-workspace');
      expect(r).toMatchObject({ status: 'fail', remedies: ['token-missing'] });
      expect(data.entries[0]!.token).toBeUndefined();
      expect(data.entries[0]!.tokenInFile).toBe(false);
    },
  );

  it('quotes a well-known placeholder back, so the user recognises it', async () => {
    const { results } = await run([withAuth('Bearer your-api-token-here')]);
    const msg = one(results, 'cursor › tray-workspace').message;
    expect(msg).toContain('"your-api-token-here"');
    // … and it is not registered as a secret, so output scrubbing leaves it readable
    expect(scrub(msg)).toContain('"your-api-token-here"');
  });

  it.each([
    ['Bearer Bearer …', `Bearer Bearer ${CANARY}`, /twice/],
    ['no Bearer scheme', CANARY, /no "Bearer "/],
    ['whitespace inside', `Bearer ${CANARY.slice(0, 10)} ${CANARY.slice(10)}`, /whitespace inside/],
    ['quotes inside', `Bearer "${CANARY}"`, /quote/],
    ['another scheme', `Basic ${CANARY}`, /uses "Basic"/],
  ])('fails a malformed header: %s', async (_what, value, why) => {
    const { results } = await run([withAuth(value)]);
    const r = one(results, 'cursor › tray-workspace');
    expect(r).toMatchObject({ status: 'fail', remedies: ['token-missing'] });
    expect(r.message).toMatch(why);
  });

  it.each(['$TRAY_API_TOKEN', '%TRAY_API_TOKEN%', '$env:TRAY_API_TOKEN'])('fails a token that is an unexpanded variable name: %s', async (tok) => {
    for (const entry of [withAuth(`Bearer ${tok}`), entryFor('claude', { command: 'npx', args: ['-y', 'mcp-remote', URL_OK, '--header', 'Authorization:${AUTH_HEADER}'], env: { AUTH_HEADER: `Bearer ${tok}` } })]) {
      const { results, data } = await run([entry]);
      const r = results.find((x) => x.subject.endsWith('› tray-workspace'))!;
      expect(r).toMatchObject({ status: 'fail', remedies: ['token-missing'] });
      expect((r.details as any).problems).toContain('token-unexpanded');
      expect(r.message).toMatch(/not expanded/);
      expect(r.message).not.toContain('TRAY_API_TOKEN');
      expect(data.entries[0]!.token).toBeUndefined();
    }
  });

  it('a short token is shown as "token (short)", never as an empty fingerprint', async () => {
    const { results } = await run([withAuth('Bearer s3cr3t-9')]);
    const r = one(results, 'cursor › tray-workspace');
    expect(r.status).toBe('pass');
    expect(r.message).toContain('token (short, not shown)');
    expect(r.message).not.toMatch(/token …(\s|$)/);
    expect(r.message).not.toContain('s3cr3t');
  });

  it('a problem found twice is listed once, in details.problems and in the message', async () => {
    const dup = { command: 'npx', args: ['-y', 'mcp-remote', URL_OK, '--header', `Authorization: Bearer ${CANARY}`, '--header', `Authorization: Bearer ${CANARY}`] };
    const { results } = await run([entryFor('cursor', dup)]);
    const r = one(results, 'cursor › tray-workspace');
    const problems = (r.details as any).problems as string[];
    expect(problems).toEqual([...new Set(problems)]);
    expect(r.message.match(/contains spaces/g)).toHaveLength(1);
    // the same name in three places: one sentence naming the other two
    const twoCursor = { ...entryFor('cursor', makeEntry('cursor', URL_OK, CANARY), 'tray') };
    const cursorProject: FileSpec = { client: 'cursor', rel: 'proj/.cursor/mcp.json', scope: 'project', doc: doc('cursor', { tray: makeEntry('cursor', URL_OK, CANARY) }) };
    const third: FileSpec = { client: 'cursor', rel: 'proj2/.cursor/mcp.json', scope: 'project', doc: doc('cursor', { tray: makeEntry('cursor', URL_OK, CANARY) }) };
    const cc = await run([twoCursor, cursorProject, third]);
    const top = cc.results.find((x) => x.subject === 'cursor › tray' && (x.details as any).scope === 'user')!;
    expect((top.details as any).problems).toEqual(['duplicate-name']);
    expect(top.message.match(/one hides the other/g)).toHaveLength(1);
    expect(top.message).toContain(`proj${path.sep}.cursor`);
    expect(top.message).toContain(`proj2${path.sep}.cursor`);
  });

  it('accepts any case of the Bearer scheme and surrounding whitespace', async () => {
    const { results } = await run([withAuth(`  bearer ${CANARY} `)]);
    expect(one(results, 'cursor › tray-workspace').status).toBe('pass');
  });

  it('never echoes a value it cannot classify as a known placeholder', () => {
    const secret = '<real-token-in-brackets-123456>';
    const j = judgeAuthorization(`Bearer ${secret}`);
    expect(j.findings[0]!.text).not.toContain(secret);
    expect(scrub(secret)).not.toContain('real-token');
  });

  it('unit: placeholder detection does not catch real-looking tokens', () => {
    expect(isPlaceholder('your-api-token-here')).toBe(true);
    expect(isPlaceholder('<TOKEN>')).toBe(true);
    expect(isPlaceholder('xxxx-xxxx')).toBe(true);
    expect(isPlaceholder(CANARY)).toBe(false);
    expect(isPlaceholder('a1b2c3d4e5f60718293a4b5c6d7e8f90')).toBe(false);
  });

  it('warns about spaces inside an mcp-remote --header argument (Windows splits it), passes Authorization:${AUTH_HEADER}', async () => {
    const spaced = { command: 'npx', args: ['-y', 'mcp-remote', URL_OK, '--header', 'Authorization: Bearer ${TRAY_TOKEN}'], env: { TRAY_TOKEN: CANARY } };
    const { results } = await run([entryFor('claude', spaced)]);
    const r = one(results, 'claude › tray-workspace');
    expect(r.status).toBe('warn');
    expect(r.message).toMatch(/Authorization:\$\{AUTH_HEADER\}/);
    expect(r.details).toMatchObject({ problems: ['header-space'] });
    const good = await run([entryFor('claude', makeEntry('claude', URL_OK, CANARY))]);
    expect(one(good.results, 'claude › tray-workspace').status).toBe('pass');
  });
});

describe('tray-servers: shapes each client ignores', () => {
  const remote = { url: URL_OK, headers: { Authorization: `Bearer ${CANARY}` } };

  it('fails a url entry in Claude Desktop\'s file (command-based only) and marks it unusable', async () => {
    const { results, data } = await run([entryFor('claude', remote)]);
    const r = one(results, 'claude › tray-workspace');
    expect(r).toMatchObject({ status: 'fail', remedies: ['client-entry-unsupported'] });
    expect(r.message).toMatch(/only command-based servers/);
    expect(data.entries[0]).toMatchObject({ usable: false, token: CANARY });
  });

  it('fails a Cline entry without type (legacy SSE); passes with type streamableHttp', async () => {
    const bad = await run([entryFor('cline', remote)]);
    expect(one(bad.results, 'cline › tray-workspace')).toMatchObject({ status: 'fail', remedies: ['client-entry-unsupported'] });
    const good = await run([entryFor('cline', { type: 'streamableHttp', ...remote })]);
    expect(one(good.results, 'cline › tray-workspace').status).toBe('pass');
  });

  it('fails a Claude Code url entry without type http; passes with it', async () => {
    const bad = await run([entryFor('claude-code', remote)]);
    expect(one(bad.results, 'claude-code › tray-workspace')).toMatchObject({ status: 'fail', remedies: ['client-entry-unsupported'] });
    const good = await run([entryFor('claude-code', { type: 'http', ...remote })]);
    expect(one(good.results, 'claude-code › tray-workspace').status).toBe('pass');
  });

  it('fails serverUrl in Cursor (reads url); Windsurf takes either', async () => {
    const bad = await run([entryFor('cursor', { serverUrl: URL_OK, headers: remote.headers })]);
    expect(one(bad.results, 'cursor › tray-workspace')).toMatchObject({ status: 'fail', remedies: ['client-entry-unsupported'] });
    const ws = await run([entryFor('windsurf', remote)]);
    expect(one(ws.results, 'windsurf › tray-workspace').status).toBe('pass');
  });

  it('warns about a VS Code url entry without type; passes with type http', async () => {
    const bad = await run([entryFor('vscode', remote)]);
    expect(one(bad.results, 'vscode › tray-workspace')).toMatchObject({ status: 'warn', remedies: ['client-entry-unsupported'] });
    const good = await run([entryFor('vscode', { type: 'http', ...remote })]);
    expect(one(good.results, 'vscode › tray-workspace').status).toBe('pass');
  });

  it('the mcp-remote command form works in every client', async () => {
    const { results } = await run([entryFor('cursor', makeEntry('claude', URL_OK, CANARY))]);
    expect(one(results, 'cursor › tray-workspace').status).toBe('pass');
  });

  it('warns about a disabled entry and marks it unusable; enabled passes', async () => {
    const off = await run([entryFor('cline', { ...makeEntry('cline', URL_OK, CANARY), disabled: true })]);
    const r = one(off.results, 'cline › tray-workspace');
    expect(r.status).toBe('warn');
    expect(r.message).toMatch(/disabled/);
    expect(off.data.entries[0]).toMatchObject({ usable: false, disabled: true });
    const on = await run([entryFor('cline', { ...makeEntry('cline', URL_OK, CANARY), disabled: false })]);
    expect(one(on.results, 'cline › tray-workspace').status).toBe('pass');
  });
});

describe('tray-servers: clashes', () => {
  it('warns about the same server name in two of a client\'s files', async () => {
    const { results } = await run([
      entryFor('cursor', makeEntry('cursor', URL_OK, CANARY)),
      { client: 'cursor', rel: 'proj/.cursor/mcp.json', scope: 'project', doc: { mcpServers: { 'tray-workspace': makeEntry('cursor', `https://${OTHER_WS}.mcp.tray.ai`, CANARY) } } },
    ]);
    const rs = results.filter((r) => r.subject === 'cursor › tray-workspace');
    expect(rs).toHaveLength(2);
    for (const r of rs) {
      expect(r).toMatchObject({ status: 'warn', remedies: ['multiple-workspaces'] });
      expect(r.message).toMatch(/another entry named "tray-workspace"/);
    }
  });

  it('warns about the same workspace twice in one client under two names', async () => {
    const { results } = await run([{ client: 'windsurf', rel: LOC.windsurf, doc: { mcpServers: { 'tray-a': makeEntry('windsurf', URL_OK, CANARY), 'tray-b': makeEntry('windsurf', `${URL_OK}/`, CANARY) } } }]);
    expect(one(results, 'windsurf › tray-a')).toMatchObject({ status: 'warn', remedies: ['multiple-workspaces'] });
    expect(one(results, 'windsurf › tray-b').message).toMatch(/also configured as "tray-a"/);
  });

  it('passes two workspaces under two names, and one workspace in two different clients', async () => {
    const { results } = await run([
      { client: 'windsurf', rel: LOC.windsurf, doc: { mcpServers: { 'tray-prod': makeEntry('windsurf', URL_OK, CANARY), 'tray-dev': makeEntry('windsurf', `https://${OTHER_WS}.mcp.tray.ai`, CANARY) } } },
      entryFor('cursor', makeEntry('cursor', URL_OK, CANARY), 'tray-prod'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['pass', 'pass', 'pass']);
  });

  it('Cline in VS Code and Cline in Cursor are separate installs: the same name in both is no clash', async () => {
    const inCursor = '.config/Cursor/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json';
    const { results } = await run([
      entryFor('cline', makeEntry('cline', URL_OK, CANARY), 'tray'),
      { ...entryFor('cline', makeEntry('cline', URL_OK, CANARY), 'tray'), rel: inCursor },
    ]);
    const rs = results.filter((r) => r.subject === 'cline › tray');
    expect(rs).toHaveLength(2);
    expect(rs.map((r) => r.status)).toEqual(['pass', 'pass']);
    // … but inside one install the same workspace twice still clashes
    const one_ = await run([{ client: 'cline', rel: inCursor, doc: { mcpServers: { 'tray-a': makeEntry('cline', URL_OK, CANARY), 'tray-b': makeEntry('cline', URL_OK, CANARY) } } }]);
    expect(one(one_.results, 'cline › tray-b')).toMatchObject({ status: 'warn', remedies: ['multiple-workspaces'] });
  });

  it('does not count Claude Code projects of different directories as clashing', () => {
    const k = (where: string) => ({ client: 'claude-code' as const, name: 'tray', workspaceId: WORKSPACE, file: '~/.claude.json', where });
    expect(duplicateFindings([k('projects[/a].mcpServers'), k('projects[/b].mcpServers')])).toEqual([[], []]);
    expect(duplicateFindings([k('mcpServers'), k('projects[/b].mcpServers')]).map((f) => f.length)).toEqual([1, 1]);
  });
});

describe('tray-servers: files', () => {
  it('warns config-wrong-location for an entry only in a stale file, naming the file the client reads', async () => {
    const { results, data, env } = await run([{ ...entryFor('windsurf', makeEntry('windsurf', URL_OK, CANARY)), rel: '.codeium/windsurf/mcp.json', stale: true }]);
    const r = one(results, 'windsurf › tray-workspace');
    expect(r).toMatchObject({ status: 'warn', remedies: ['config-wrong-location'] });
    expect(r.message).toContain(displayPath(home.path('.codeium/windsurf/mcp_config.json'), env));
    expect(data.entries[0]!.usable).toBe(false);
  });

  it('a stale copy next to the real entry is reported as an ignored copy (skip), the real one passes', async () => {
    const { results } = await run([
      entryFor('windsurf', makeEntry('windsurf', URL_OK, CANARY)),
      { ...entryFor('windsurf', makeEntry('windsurf', URL_OK, CANARY)), rel: '.codeium/windsurf/mcp.json', stale: true },
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['pass', 'skip']);
  });

  it('a stale entry\'s own problems are shown as warnings (the client ignores it for now)', async () => {
    const { results } = await run([{ ...entryFor('windsurf', { serverUrl: URL_OK, headers: { Authorization: 'Bearer your-api-token-here' } }), rel: '.codeium/windsurf/mcp.json', stale: true }]);
    const r = one(results, 'windsurf › tray-workspace');
    expect(r.status).toBe('warn');
    expect(r.remedies).toEqual(expect.arrayContaining(['config-wrong-location', 'token-missing']));
  });

  it('no Tray entry anywhere → one fail tray-server-missing for "all clients" that says where it looked', async () => {
    const { results, env } = await run(
      [{ client: 'cursor', rel: LOC.cursor, doc: { mcpServers: { github: { command: 'gh' } } } }],
      { missing: [{ client: 'windsurf', rel: LOC.windsurf }] },
    );
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ subject: 'all clients', status: 'fail', remedies: ['tray-server-missing'], client: null });
    expect(results[0]!.message).toContain(displayPath(home.path(LOC.cursor), env));
    expect(results[0]!.message).toMatch(/1 other known location does not exist/);
  });

  it('with --client, the missing-entry message names that client; a path two clients share counts once', async () => {
    const shared = '.config/Cursor/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json';
    const { results } = await run([], { clients: ['cursor', 'cline'], missing: [{ client: 'cursor', rel: shared }, { client: 'cline', rel: shared }, { client: 'cursor', rel: LOC.cursor }] });
    expect(results[0]!.message).toMatch(/in the config of Cursor, Cline\. None of the 2 known config locations exists/);
  });

  it('a file that did not parse gets a skip with blockedBy config-json; the other files are still judged', async () => {
    const { results } = await run([{ client: 'cursor', rel: LOC.cursor }, entryFor('windsurf', makeEntry('windsurf', URL_OK, CANARY))]);
    const skip = results.find((r) => r.status === 'skip')!;
    expect(skip).toMatchObject({ client: 'cursor', details: { blockedBy: 'config-json' } });
    expect(one(results, 'windsurf › tray-workspace').status).toBe('pass');
  });

  it('a file that could not be read: says so, and never claims there is no Tray entry', async () => {
    for (const spec of [
      { client: 'cursor' as const, rel: LOC.cursor, reason: 'permission denied' },
      { client: 'cursor' as const, rel: LOC.cursor, kind: 'unreadable' as const },
      { client: 'cursor' as const, rel: LOC.cursor, reason: 'Expected a comma or closing brace at line 3, column 5' },
    ]) {
      const { results } = await run([spec], { missing: [{ client: 'windsurf', rel: LOC.windsurf }] });
      expect(results).toHaveLength(1);
      expect(results[0]).toMatchObject({ status: 'skip', client: 'cursor', details: { blockedBy: 'config-json' } });
      expect(results[0]!.message).toMatch(/could not be read/);
      expect(JSON.stringify(results)).not.toMatch(/No Tray Agent Gateway entry/);
    }
  });

  it('some files unreadable, the readable ones without an entry: a skip that names both, not a fail', async () => {
    const { results } = await run([
      { client: 'cursor', rel: LOC.cursor, reason: 'permission denied' },
      { client: 'windsurf', rel: LOC.windsurf, doc: { mcpServers: { github: { command: 'gh' } } } },
    ]);
    const all = one(results, 'all clients');
    expect(all).toMatchObject({ status: 'skip', details: { blockedBy: 'config-json' }, remedies: [] });
    expect(all.message).toContain('mcp_config.json');
    expect(all.message).toContain('.cursor');
    expect(results.every((r) => r.status === 'skip')).toBe(true);
  });

  it('--client limits the files looked at', async () => {
    const { results } = await run([entryFor('cursor', makeEntry('cursor', URL_OK, CANARY)), entryFor('windsurf', { serverUrl: 'http://x.mcp.tray.ai' })], { clients: ['cursor'] });
    expect(results.map((r) => r.subject)).toEqual(['cursor › tray-workspace']);
  });
});
