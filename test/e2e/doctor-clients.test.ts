// doctor --offline against temp homes laid out like a customer's machine, for every platform and
// client: a valid setup passes tray-servers, and each local failure is reported with its remedy.
// Every run: stdout is one JSON document valid against the contract schema, and the planted
// canary token appears nowhere in stdout or stderr.
import { afterAll, describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { json, runCli, type CliResult } from '../helpers/cli.js';
import { CANARY, WORKSPACE, leaksCanary, tempHome, type TempHome, configText } from '../helpers/home.js';
import { doctorReportErrors, rowsOf } from '../helpers/schema.js';
import { CLIENT_IDS, CLIENTS, runsOn, serverDocument, type ClientId } from '../../src/clients/catalog.js';
import { makeEntry } from '../../src/gateway/index.js';
import { PLATFORMS, makeEnvironment, resolveTemplate, type Platform } from '../../src/lib/environment.js';

const URL_OK = `https://${WORKSPACE}.mcp.tray.ai`;
const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));

function home(): TempHome {
  const h = tempHome('doctor-clients-');
  cleanups.push(h.cleanup);
  return h;
}

/** An empty directory to run in, so no project-level file of this repository is picked up. */
function emptyCwd(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'doctor-clients-cwd-'));
  cleanups.push(() => rmSync(d, { recursive: true, force: true }));
  return d;
}

/** Where a client reads its user-scope file for `platform`, under the temp home, relative to it. */
function setupTarget(client: ClientId, platform: Platform, h: TempHome): string {
  const loc = CLIENTS[client].locations.find((l) => l.setupTarget)!;
  const env = makeEnvironment({ home: h.dir, platform });
  return path.relative(h.dir, resolveTemplate(loc.paths[platform]!, env));
}

function configWith(client: ClientId, servers: Record<string, unknown>): string {
  return configText(client, serverDocument(client, servers));
}

interface Report {
  summary: { ok: boolean; fail: number; error: number };
  results: { check: string; subject: string; status: string; message: string; client: string | null; details?: Record<string, any>; remedies: { id: string }[] }[];
}

async function doctor(h: TempHome, platform: Platform, extra: string[] = [], cwd = emptyCwd(), env: Record<string, string | undefined> = {}): Promise<{ r: CliResult; report: Report }> {
  const r = await runCli(['doctor', '--offline', '--json', '--home', h.dir, '--platform', platform, ...extra], { cwd, env });
  expect(leaksCanary(r.all), `canary leaked:\n${r.all.slice(0, 3000)}`).toBe(false);
  const report = json<Report>(r);
  expect(doctorReportErrors(report)).toEqual([]);
  expect(r.stderr).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/); // never a stack trace
  return { r, report };
}

const of = (report: Report, check: string) => rowsOf<Report['results'][number]>(report).filter((x) => x.check === check);
const remedyIds = (x: { remedies: { id: string }[] }) => x.remedies.map((m) => m.id);

describe('doctor: a setup as `tray-mcp setup` writes it passes tray-servers', () => {
  for (const platform of PLATFORMS) {
    const here = CLIENT_IDS.filter((c) => runsOn(c, platform));
    // One home with every client set up, one doctor run: each client's test reads its own rows
    // (results are per subject), and the whole run must be free of failures. A run per client
    // with `--client` is covered below and in doctor-local.
    let once: Promise<{ r: CliResult; report: Report }> | undefined;
    const allClients = () =>
      (once ??= (async () => {
        const h = home();
        for (const c of here) h.write(setupTarget(c, platform, h), configWith(c, { 'tray-workspace': makeEntry(c, URL_OK, CANARY) }), 0o600);
        return doctor(h, platform);
      })());

    for (const client of here) {
      it(`${platform} · ${client}`, async () => {
        const { r, report } = await allClients();
        const tray = of(report, 'tray-servers').filter((x) => x.client === client);
        expect(tray).toHaveLength(1);
        expect(tray[0]).toMatchObject({ subject: `${client} › tray-workspace`, status: 'pass', client, remedies: [] });
        expect(tray[0]!.message).toContain(URL_OK);
        expect(tray[0]!.message).toContain(`…${CANARY.slice(-4)}`);
        const fps = of(report, 'file-permissions').filter((x) => x.client === client);
        expect(fps.length).toBeGreaterThan(0);
        for (const fp of fps) expect(fp.status).toBe('pass');
        const problems = rowsOf<Report['results'][number]>(report).filter((x) => x.status === 'fail' || x.status === 'error');
        expect(problems, JSON.stringify(problems, null, 2)).toEqual([]);
        expect(r.code).toBe(0);
      });
    }
  }

  it('--client: the other clients\' entries are not judged', async () => {
    const h = home();
    for (const c of ['cursor', 'claude'] as const) h.write(setupTarget(c, 'darwin', h), configWith(c, { 'tray-workspace': makeEntry(c, URL_OK, CANARY) }), 0o600);
    const { r, report } = await doctor(h, 'darwin', ['--client', 'cursor']);
    expect(of(report, 'tray-servers').map((x) => x.subject)).toEqual(['cursor › tray-workspace']);
    expect(r.code).toBe(0);
  });
});

describe('doctor: each local failure is reported with its remedy', () => {
  async function expectTray(
    client: ClientId,
    servers: Record<string, unknown>,
    status: string,
    remedy: string,
    opts: { platform?: Platform; rel?: string; extra?: string[]; subject?: string } = {},
  ) {
    const h = home();
    const platform = opts.platform ?? 'linux';
    h.write(opts.rel ?? setupTarget(client, platform, h), configWith(client, servers), 0o600);
    const { r, report } = await doctor(h, platform, ['--client', client, ...(opts.extra ?? [])]);
    const tray = of(report, 'tray-servers');
    const hit = tray.find((x) => x.status === status && remedyIds(x).includes(remedy) && (!opts.subject || x.subject === opts.subject));
    expect(hit, JSON.stringify(tray, null, 2)).toBeDefined();
    expect(r.code).toBe(report.summary.ok ? 0 : 1);
    if (status === 'fail') expect(r.code).toBe(1);
    return { r, report, hit: hit! };
  }

  it('placeholder token → fail token-missing', async () => {
    const { hit } = await expectTray('cursor', { 'tray-workspace': makeEntry('cursor', URL_OK, 'your-api-token-here') }, 'fail', 'token-missing');
    expect(hit.message).toContain('your-api-token-here');
    // the entry's line, from the text config-json read
    expect(hit.details).toMatchObject({ line: 3 });
    expect(hit.message).toContain('mcp.json:3:');
  });

  it('missing token → fail token-missing (url entry without headers, on darwin)', async () => {
    await expectTray('cursor', { 'tray-workspace': { url: URL_OK } }, 'fail', 'token-missing', { platform: 'darwin' });
  });

  it('bad workspace id → fail workspace-id-invalid (on win32)', async () => {
    const { hit } = await expectTray('windsurf', { 'tray-workspace': makeEntry('windsurf', 'https://my-workspace.mcp.tray.ai', CANARY) }, 'fail', 'workspace-id-invalid', { platform: 'win32' });
    expect(hit.message).toContain('"my-workspace" is not a UUID');
  });

  it('http URL → fail insecure-url', async () => {
    await expectTray('vscode', { 'tray-workspace': makeEntry('vscode', `http://${WORKSPACE}.mcp.tray.ai`, CANARY) }, 'fail', 'insecure-url');
  });

  it('url entry in Claude Desktop\'s file → fail client-entry-unsupported', async () => {
    await expectTray('claude', { 'tray-workspace': makeEntry('cursor', URL_OK, CANARY) }, 'fail', 'client-entry-unsupported', { platform: 'darwin' });
  });

  it('Cline entry without type → fail client-entry-unsupported', async () => {
    await expectTray('cline', { 'tray-workspace': makeEntry('cursor', URL_OK, CANARY) }, 'fail', 'client-entry-unsupported');
  });

  it('a Tray entry only in Windsurf\'s stale mcp.json → warn config-wrong-location naming mcp_config.json', async () => {
    const servers = { 'tray-workspace': makeEntry('windsurf', URL_OK, CANARY) };
    const { hit } = await expectTray('windsurf', servers, 'warn', 'config-wrong-location', { rel: '.codeium/windsurf/mcp.json' });
    expect(hit.message).toMatch(/mcp_config\.json/);
    expect(hit.details).toMatchObject({ usable: false });
  });

  it('the same workspace configured twice → warn multiple-workspaces', async () => {
    await expectTray(
      'claude-code',
      { 'tray-a': makeEntry('claude-code', URL_OK, CANARY), 'tray-b': makeEntry('claude-code', URL_OK, CANARY) },
      'warn',
      'multiple-workspaces',
      { subject: 'claude-code › tray-b' },
    );
  });

  it('Cline in VS Code and Cline in Cursor, both with a server "tray": separate installs, no clash (--strict passes)', async () => {
    const h = home();
    const entry = { tray: makeEntry('cline', URL_OK, CANARY) };
    h.write('.config/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json', configWith('cline', entry), 0o600);
    h.write('.config/Cursor/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json', configWith('cline', entry), 0o600);
    const { r, report } = await doctor(h, 'linux', ['--client', 'cline', '--strict']);
    const t = of(report, 'tray-servers');
    expect(t.map((x) => [x.subject, x.status])).toEqual([['cline › tray', 'pass'], ['cline › tray', 'pass']]);
    expect(JSON.stringify(report)).not.toContain('hides');
    expect(r.code, JSON.stringify(report.results.filter((x) => x.status !== 'pass' && x.status !== 'skip'))).toBe(0);
  });

  it('${input:…} token in VS Code → warn, token not verifiable', async () => {
    const entry = { type: 'http', url: URL_OK, headers: { Authorization: 'Bearer ${input:tray-token}' } };
    const h = home();
    h.write(setupTarget('vscode', 'linux', h), JSON.stringify({ inputs: [{ id: 'tray-token', type: 'promptString', password: true }], servers: { 'tray-workspace': entry } }), 0o600);
    const { report } = await doctor(h, 'linux', ['--client', 'vscode']);
    const [t] = of(report, 'tray-servers');
    expect(t).toMatchObject({ status: 'warn', subject: 'vscode › tray-workspace', details: { tokenFingerprint: null } });
    expect(t!.message).toMatch(/VS Code asks for it/);
  });

  it('a Continue block file in the project (.continue/mcpServers/*.yaml, YAML) is found and judged, with its line', async () => {
    const h = home();
    const repo = emptyCwd();
    mkdirSync(path.join(repo, '.continue', 'mcpServers'), { recursive: true });
    const block = ['name: Tray', 'version: 0.0.1', 'schema: v1', 'mcpServers:', '  # the Tray workspace', '  - name: tray', '    type: streamable-http', `    url: ${URL_OK}`, `    apiKey: ${CANARY}`, ''].join('\n');
    writeFileSync(path.join(repo, '.continue', 'mcpServers', 'tray.yaml'), block);
    chmodSync(path.join(repo, '.continue', 'mcpServers', 'tray.yaml'), 0o600);
    // a block with a problem (another workspace): a type Continue does not know
    const other = URL_OK.replace(/^https:\/\/[0-9a-f]{8}/, 'https://87654321');
    writeFileSync(path.join(repo, '.continue', 'mcpServers', 'zz-bad.yaml'), block.replace('name: tray', 'name: tray-2').replace('streamable-http', 'http').replace(URL_OK, other));
    const { report } = await doctor(h, 'linux', ['--client', 'continue'], repo);
    const rows = of(report, 'tray-servers');
    const good = rows.find((x) => x.subject === 'continue › tray')!;
    expect(good).toMatchObject({ status: 'pass', details: { scope: 'project', line: 6 } });
    expect(good.message).toContain(`…${CANARY.slice(-4)}`);
    const bad = rows.find((x) => x.subject === 'continue › tray-2')!;
    expect(bad).toMatchObject({ status: 'fail', details: { problems: expect.arrayContaining(['shape-type']) } });
    expect(remedyIds(bad)).toContain('client-entry-unsupported');
    expect(good.message + bad.message).not.toContain(CANARY);
  });

  it('a project .mcp.json holding a token and committed to git → file-permissions fail config-file-exposed', async () => {
    const h = home();
    const repo = emptyCwd();
    execFileSync('git', ['-C', repo, 'init', '-q'], { stdio: 'pipe' });
    writeFileSync(path.join(repo, '.mcp.json'), configWith('claude-code', { 'tray-workspace': makeEntry('claude-code', URL_OK, CANARY) }));
    chmodSync(path.join(repo, '.mcp.json'), 0o600);
    execFileSync('git', ['-C', repo, 'add', '.mcp.json'], { stdio: 'pipe' });
    execFileSync('git', ['-C', repo, '-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'commit.gpgsign=false', 'commit', '-qm', 'oops'], { stdio: 'pipe' });
    const { r, report } = await doctor(h, 'linux', ['--client', 'claude-code'], repo);
    // a project server Claude Code has not been told to trust yet: a warning, not a pass
    expect(of(report, 'tray-servers').find((x) => x.subject === 'claude-code › tray-workspace')).toMatchObject({ status: 'warn', details: { scope: 'project', problems: ['project-unapproved'] } });
    const fp = of(report, 'file-permissions').find((x) => x.subject.endsWith('.mcp.json'));
    expect(fp).toMatchObject({ status: 'fail', details: { git: 'tracked' } });
    expect(remedyIds(fp!)).toEqual(['config-file-exposed']);
    expect(r.code).toBe(1);
  });

  it('Claude Code scopes: approval of project servers, a disabled one, and which same-name entry wins', async () => {
    const h = home();
    const repo = emptyCwd();
    const entry = makeEntry('claude-code', URL_OK, CANARY);
    writeFileSync(path.join(repo, '.mcp.json'), configWith('claude-code', { 'tray-workspace': entry, 'tray-other': entry }));
    // approved in the project's settings: loaded; listed as disabled in the local settings: not loaded
    mkdirSync(path.join(repo, '.claude'));
    writeFileSync(path.join(repo, '.claude', 'settings.json'), JSON.stringify({ enabledMcpjsonServers: ['tray-workspace'] }));
    writeFileSync(path.join(repo, '.claude', 'settings.local.json'), JSON.stringify({ disabledMcpjsonServers: ['tray-other'] }));
    // the same name in the user scope and in this folder's local scope: local wins over project and user
    h.write('.claude.json', JSON.stringify({ mcpServers: { 'tray-workspace': entry }, projects: { [repo]: { mcpServers: { 'tray-workspace': entry } } } }), 0o600);
    const { report } = await doctor(h, 'linux', ['--client', 'claude-code'], repo);
    const rows = of(report, 'tray-servers');
    const byScope = (scope: string, name = 'tray-workspace') => rows.find((x) => x.subject === `claude-code › ${name}` && (x.details as { scope?: string }).scope === scope)!;
    expect(byScope('local')).toMatchObject({ status: 'pass' });
    expect(byScope('project')).toMatchObject({ status: 'warn', details: { problems: ['shadowed'] } });
    expect(byScope('user')).toMatchObject({ status: 'warn', details: { problems: ['shadowed'] } });
    expect(byScope('user').message).toMatch(/local-scope entry "tray-workspace" .* wins \(local > project > user\)/);
    expect(byScope('project', 'tray-other')).toMatchObject({ status: 'warn', details: { problems: ['project-disabled'] } });
    expect(remedyIds(byScope('project', 'tray-other'))).toEqual(['project-server-not-approved']);
    expect(byScope('project', 'tray-other').message).toContain('disabledMcpjsonServers');
    expect(leaksCanary(JSON.stringify(report))).toBe(false);
  });

  it.runIf(process.platform !== 'win32')('a world-readable token file → file-permissions warn config-file-exposed with mode and chmod 600; not under --platform win32', async () => {
    const h = home();
    h.write(setupTarget('cursor', 'linux', h), configWith('cursor', { 'tray-workspace': makeEntry('cursor', URL_OK, CANARY) }), 0o644);
    const { r, report } = await doctor(h, 'linux', ['--client', 'cursor']);
    const [fp] = of(report, 'file-permissions');
    expect(fp).toMatchObject({ status: 'warn', details: { mode: '0644' } });
    expect(remedyIds(fp!)).toEqual(['config-file-exposed']);
    expect(fp!.message).toContain('chmod 600');
    expect(r.code).toBe(0);

    const w = home();
    w.write(setupTarget('cursor', 'win32', w), configWith('cursor', { 'tray-workspace': makeEntry('cursor', URL_OK, CANARY) }), 0o644);
    const win = await doctor(w, 'win32', ['--client', 'cursor']);
    expect(of(win.report, 'file-permissions')[0]).toMatchObject({ status: 'pass', details: { modeChecked: false } });
  });

  it('no Tray entry anywhere → fail tray-server-missing for all clients', async () => {
    const h = home();
    h.write(setupTarget('cursor', 'linux', h), configWith('cursor', { github: { command: 'gh', args: ['mcp'] } }), 0o600);
    const { r, report } = await doctor(h, 'linux');
    const [t] = of(report, 'tray-servers');
    expect(t).toMatchObject({ subject: 'all clients', status: 'fail' });
    expect(remedyIds(t!)).toEqual(['tray-server-missing']);
    expect(t!.message).toContain('.cursor');
    expect(r.code).toBe(1);
  });

  it('a config that does not parse → tray-servers skip blockedBy config-json, never a crash', async () => {
    const h = home();
    h.write(setupTarget('cursor', 'linux', h), `{ "mcpServers": { "tray-workspace": { "url": "${URL_OK}", "headers": { "Authorization": "Bearer ${CANARY}" } }, }`, 0o600);
    const { report } = await doctor(h, 'linux', ['--client', 'cursor']);
    const skip = of(report, 'tray-servers').find((x) => x.status === 'skip');
    expect(skip?.details?.blockedBy).toBe('config-json');
    expect(report.results.filter((x) => x.status === 'error')).toEqual([]);
  });
});

// fs.access cannot fail for root, so the unreadable case runs the CLI as an unprivileged user
// when the tests themselves run as root.
describe('doctor: an unreadable config file', () => {
  const uid = process.getuid?.();
  it.runIf(process.platform !== 'win32')('→ file-permissions fail config-file-unreadable, tray-servers skip, exit 1', async () => {
    const h = home();
    const rel = setupTarget('cursor', 'linux', h);
    h.write(rel, configWith('cursor', { 'tray-workspace': makeEntry('cursor', URL_OK, CANARY) }), 0o000);
    const cwd = emptyCwd();
    let r: CliResult;
    if (uid === 0) {
      for (let d = path.dirname(h.path(rel)); d.startsWith(h.dir); d = path.dirname(d)) chmodSync(d, 0o755);
      chmodSync(cwd, 0o755);
      r = await runAs(65534, ['doctor', '--offline', '--json', '--home', h.dir, '--platform', 'linux', '--client', 'cursor'], cwd);
    } else {
      r = await runCli(['doctor', '--offline', '--json', '--home', h.dir, '--platform', 'linux', '--client', 'cursor'], { cwd });
    }
    expect(leaksCanary(r.all)).toBe(false);
    const report = json<Report>(r);
    expect(doctorReportErrors(report)).toEqual([]);
    const [fp] = of(report, 'file-permissions');
    expect(fp).toMatchObject({ status: 'fail' });
    // (the folder may also be unwritable for that user: config-dir-not-writable comes second)
    expect(remedyIds(fp!)[0]).toBe('config-file-unreadable');
    expect(of(report, 'tray-servers')[0]).toMatchObject({ status: 'skip', details: { blockedBy: 'config-json' } });
    // tray-servers says the file could not be read, and never that there is no entry
    expect(of(report, 'tray-servers').map((x) => x.status)).toEqual(['skip']);
    expect(of(report, 'tray-servers')[0]!.message).toMatch(/could not be read/);
    expect(JSON.stringify(report)).not.toMatch(/No Tray Agent Gateway entry/);
    // config-json's chmod works when pasted: ~ outside any quotes
    const cj = of(report, 'config-json')[0]!;
    expect(cj.message).toContain('chmod u+rw ~/.cursor/mcp.json');
    expect(cj.message).not.toContain('"~');
    expect(r.code).toBe(1);
  });
});

/** runCli as another (unprivileged) user, with that folder as its home and working directory. */
function runAs(uid: number, args: string[], cwd: string): Promise<CliResult> {
  return runCli(args, { cwd, uid, env: { HOME: cwd } });
}
