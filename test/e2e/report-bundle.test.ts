// `tray-mcp report` and `doctor --bundle`, end to end with the built CLI: a planted canary token never
// enters a bundle (any client's config shape, broken files, comments, logs, environment, ticket
// answers; in any encoding), and replaying a bundle gives the same offline results as the run on the
// "customer's machine" (temp homes for every client and platform), durations aside.
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { json, runCli, type CliResult } from '../helpers/cli.js';
import { CANARY, WORKSPACE, leaksCanary, scratch, tempHome, type TempHome, configText } from '../helpers/home.js';
import { doctorReportErrors, rowsOf } from '../helpers/schema.js';
import { CLIENT_IDS, CLIENTS, runsOn, serverDocument, type ClientId } from '../../src/clients/catalog.js';
import { gatewayUrl, makeEntry } from '../../src/gateway/index.js';
import { PLATFORMS, makeEnvironment, resolveTemplate, type Platform } from '../../src/lib/environment.js';
import type { Bundle } from '../../src/bundle/types.js';
import { ptyUnavailable, typeInto } from '../helpers/pty.js';

const tmp = scratch();
afterAll(tmp.cleanup);

const OFFLINE = ['node-version', 'config-files', 'config-json', 'config-schema', 'tray-servers', 'bridge', 'file-permissions', 'client-logs'];
const ts = '2025-06-03T07:23:52.664Z';
const URL_OK = gatewayUrl(WORKSPACE);

function home(prefix = 'bundle-home-'): TempHome {
  const h = tempHome(prefix);
  tmp.also(h.cleanup);
  return h;
}

function userFile(client: ClientId, platform: Platform, h: TempHome): string {
  const loc = CLIENTS[client].locations.find((l) => l.setupTarget)!;
  return path.relative(h.dir, resolveTemplate(loc.paths[platform]!, makeEnvironment({ home: h.dir, platform })));
}

/** The canary, or any encoding of it a server or a log might use, anywhere in `text`. */
function leaksAnyForm(text: string): boolean {
  const forms = [CANARY, encodeURIComponent(CANARY), Buffer.from(CANARY).toString('base64'), Buffer.from(CANARY).toString('base64url'), Buffer.from(`Bearer ${CANARY}`).toString('base64')];
  return leaksCanary(text) || forms.some((f) => text.includes(f.slice(0, 20)));
}

interface Made {
  r: CliResult;
  file: string;
  text: string;
  bundle: Bundle;
}

async function report(h: TempHome, platform: Platform, o: { cwd?: string; env?: Record<string, string | undefined>; args?: string[] } = {}): Promise<Made> {
  const out = path.join(tmp.dir('bundle-out-'), 'b.json');
  const r = await runCli(['report', '--offline', '--home', h.dir, '--platform', platform, '--out', out, ...(o.args ?? [])], { cwd: o.cwd ?? tmp.dir('bundle-cwd-'), env: o.env });
  expect(r.code, r.all).toBe(0);
  expect(leaksAnyForm(r.all)).toBe(false);
  const text = readFileSync(out, 'utf8');
  expect(leaksAnyForm(text), 'the canary entered the bundle').toBe(false);
  if (process.platform !== 'win32') expect(statSync(out).mode & 0o777).toBe(0o600);
  const bundle = JSON.parse(text) as Bundle;
  expect(doctorReportErrors(bundle.doctor)).toEqual([]);
  return { r, file: out, text, bundle };
}

/** Results of the offline checks, without timings (what a replay must reproduce). */
function offline(results: { check: string; durationMs?: number }[]): unknown[] {
  return results.filter((x) => OFFLINE.includes(x.check)).map(({ durationMs: _d, ...rest }) => rest);
}

async function replayEquals(made: Made): Promise<any> {
  const r = await runCli(['doctor', '--bundle', made.file, '--json'], { cwd: tmp.dir('bundle-replay-cwd-') });
  expect([0, 1]).toContain(r.code);
  expect(leaksAnyForm(r.all)).toBe(false);
  const replayed = json(r);
  expect(doctorReportErrors(replayed)).toEqual([]);
  expect(offline(replayed.results)).toEqual(offline(made.bundle.doctor.results));
  expect(replayed.environment.platform).toBe(made.bundle.platform);
  for (const x of replayed.results.filter((y: { check: string }) => !OFFLINE.includes(y.check))) expect(x).toMatchObject({ status: 'skip', details: { reason: 'bundle' } });
  return replayed;
}

describe('report → doctor --bundle: the same results, no token', () => {
  for (const platform of PLATFORMS) {
    it(`${platform}: every client's config as setup writes it`, async () => {
      const h = home();
      const here = CLIENT_IDS.filter((c) => runsOn(c, platform));
      for (const c of here) h.write(userFile(c, platform, h), configText(c, serverDocument(c, { 'tray-workspace': makeEntry(c, URL_OK, CANARY) })), 0o600);
      const made = await report(h, platform);
      expect(made.bundle.files.filter((f) => f.kind === 'file')).toHaveLength(here.length);
      for (const f of made.bundle.files) {
        expect(f.text).toContain(`…${CANARY.slice(-4)}`);
        // same lines, same structure: the redacted text still parses, with the token's place kept
        expect(f.text!.split('\n')).toHaveLength(readFileSync(path.join(h.dir, f.path.slice(2)), 'utf8').split('\n').length);
      }
      const replayed = await replayEquals(made);
      const tray = rowsOf(replayed).filter((x: { check: string; status: string }) => x.check === 'tray-servers' && x.status === 'pass');
      expect(tray).toHaveLength(here.length);
      for (const x of tray) expect(x.message).toContain(`token …${CANARY.slice(-4)}`);
    });
  }

  it('darwin, a messy home: a broken file, the docs’ stale paths, a clash, exposed files, Claude Desktop logs', async () => {
    const h = home();
    const entry = { url: URL_OK, headers: { Authorization: `Bearer ${CANARY}` } };
    h.write('Library/Application Support/Cursor/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json', JSON.stringify({ mcpServers: { tray: entry } }, null, 2), 0o644);
    h.write('Library/Application Support/Claude/claude_desktop_config.json', `{\n  "mcpServers": {\n    "tray-workspace": {"command": "npx", "env": {"AUTH_HEADER": "Bearer ${CANARY}"} "args": ["-y"]}\n  }\n}\n`, 0o600);
    h.write('.codeium/windsurf/mcp.json', JSON.stringify({ mcpServers: { tray: { serverUrl: URL_OK, headers: { Authorization: `Bearer ${CANARY}` } } } }), 0o600);
    h.write('.cursor/mcp.json', JSON.stringify({ mcpServers: { 'tray-a': entry, 'tray-b': entry } }, null, 2), 0o644);
    const log = h.write('Library/Logs/Claude/mcp.log', [
      `${ts} [info] [tray-workspace] Initializing server...`,
      `${ts} [error] [tray-workspace] spawn npx ENOENT`,
      `${ts} [error] [github] Error POSTing to endpoint (HTTP 401) Authorization: Bearer ghp_${CANARY}`,
      `${ts} [info] [tray-workspace] Message from client: {"method":"tools/call","params":{"arguments":{"customer":"private data"}}}`,
      `${ts} [error] [tray-workspace] spawn npx ENOENT`,
      `${ts} [tray-workspace] [error] SSE error: Non-200 status code (403) Authorization: Bearer ${CANARY} (${Buffer.from(CANARY).toString('base64')})`,
    ].join('\n') + '\n');
    const tenMinAgo = (Date.now() - 10 * 60_000) / 1000;
    utimesSync(log, tenMinAgo, tenMinAgo);
    h.write('Library/Logs/Claude/mcp-server-tray-workspace.log', `${ts} Error: Streamable HTTP error: Error POSTing to endpoint (HTTP 401): {"error":"invalid_token"} ${encodeURIComponent(`Bearer ${CANARY}`)}\n`);
    const made = await report(h, 'darwin', { args: ['--error', `HTTP 401 with Authorization: Bearer ${CANARY}`, '--tool', 'create_ticket', '--execution-id', 'exec-123'] });
    expect(made.bundle.ticket).toMatchObject({ tool: 'create_ticket', executionIds: ['exec-123'], serverUrl: URL_OK, serverUrlFrom: 'config' });
    expect(made.bundle.ticket.errors[0]).toContain('…zz42');
    const mcpLog = made.bundle.logs.find((l) => l.path === '~/Library/Logs/Claude/mcp.log')!;
    expect(mcpLog.lineCount).toBe(7);
    // only the lines that matter, with their numbers: not other servers', not a tool call's data
    expect(mcpLog.lines.map((l) => l.n)).toEqual([2, 5, 6]);
    expect(made.text).not.toContain('private data');
    // (the github server's log line; GitHub Copilot CLI's .github/mcp.json location may be listed)
    expect(made.text).not.toMatch(/\[github\]|ghp_/);
    const replayed = await replayEquals(made);
    const logs = rowsOf(replayed).filter((x: { check: string }) => x.check === 'client-logs');
    expect(logs.map((x: { remedies: { id: string }[] }) => x.remedies[0]?.id).sort()).toEqual(['access-not-granted', 'node-missing', 'token-invalid-or-expired']);
  });

  it('linux: ~/.claude.json (history left out), a ${VAR} token from the environment, a project file, JSONC comments, files that are not text', async () => {
    const h = home();
    h.write('.claude.json', JSON.stringify({
      numStartups: 12,
      history: [{ display: 'my private prompt' }],
      oauthAccount: { emailAddress: 'ana@example.com' },
      projects: { '/home/ana/app': { history: [{ display: 'another private prompt' }], mcpServers: { tray: { type: 'http', url: URL_OK, headers: { Authorization: 'Bearer ${TRAY_TOKEN}' } } } } },
      mcpServers: { 'tray-env': { type: 'http', url: URL_OK, headers: { Authorization: 'Bearer ${TRAY_TOKEN}' } } },
    }, null, 2), 0o600);
    h.write('.config/Code/User/mcp.json', `{\n  // pasted by hand: ${CANARY}\n  "servers": {\n    "tray": {"type": "http", "url": "${URL_OK}", "headers": {"Authorization": "Bearer ${CANARY}"}},\n  },\n}\n`, 0o600);
    h.write('.cursor/mcp.json', Buffer.from([0x7b, 0x00, 0x01, 0x02, 0x7d]));
    h.write('.codeium/windsurf/mcp_config.json', '   \n');
    const cwd = tmp.dir('bundle-project-');
    writeFileSync(path.join(cwd, '.mcp.json'), JSON.stringify({ mcpServers: { tray: { type: 'http', url: URL_OK, headers: { Authorization: `Bearer ${CANARY}` } } } }, null, 2));
    const made = await report(h, 'linux', { cwd, env: { TRAY_TOKEN: CANARY, TRAY_MCP_API_TOKEN: CANARY, HTTPS_PROXY: `http://ana:${CANARY}@127.0.0.1:3128`, MY_SERVICE_TOKEN: CANARY } });
    const state = made.bundle.files.find((f) => f.path === '~/.claude.json')!;
    expect(state.trimmed).toBe(true);
    expect(made.text).not.toContain('private prompt');
    expect(made.text).not.toContain('ana@example.com');
    expect(made.bundle.environment.referenced).toEqual([expect.objectContaining({ name: 'TRAY_TOKEN', set: true, value: `…${CANARY.slice(-4)}` })]);
    expect(made.bundle.environment.proxy.HTTPS_PROXY).toBe('http://127.0.0.1:3128');
    expect(made.bundle.files.find((f) => f.path.endsWith('.cursor/mcp.json'))!.unreadable).toMatchObject({ reason: 'binary', offset: 1 });
    const replayed = await replayEquals(made);
    // the project file keeps the customer's path, and the env token its fingerprint
    expect(rowsOf(replayed).some((x: { subject: string }) => x.subject === path.join(cwd, '.mcp.json'))).toBe(true);
    expect(rowsOf(replayed).find((x: { subject: string }) => x.subject === 'claude-code › tray-env').details.tokenFingerprint).toBe(`…${CANARY.slice(-4)}`);
  });

  it('win32: %APPDATA% and %LOCALAPPDATA% files and logs land where the recorded platform reads them', async () => {
    const h = home();
    h.write('AppData/Roaming/Claude/claude_desktop_config.json', JSON.stringify({ mcpServers: { 'tray-workspace': makeEntry('claude', URL_OK, CANARY) } }, null, 2));
    h.write('AppData/Roaming/Code/User/mcp.json', JSON.stringify({ servers: { tray: { url: URL_OK, headers: { Authorization: `Bearer ${CANARY}` } } } }));
    const log = h.write('AppData/Local/Claude/Logs/mcp.log', `${ts} [tray-workspace] [error] Error: self-signed certificate in certificate chain\n`);
    const now = Date.now() / 1000;
    utimesSync(log, now - 3600, now - 3600);
    const made = await report(h, 'win32');
    expect(made.bundle.files.map((f) => f.base).sort()).toEqual(['%APPDATA%', '%APPDATA%']);
    expect(made.bundle.logs.map((l) => l.base)).toEqual(['%LOCALAPPDATA%']);
    await replayEquals(made);
  });
});

describe('report: where the bundle goes', () => {
  it('--out - prints it on stdout; by default a dated file in the working folder, readable only by you', async () => {
    const h = home();
    h.write('.cursor/mcp.json', JSON.stringify({ mcpServers: { tray: makeEntry('cursor', URL_OK, CANARY) } }));
    const cwd = tmp.dir('bundle-default-');
    const r = await runCli(['report', '--offline', '--home', h.dir, '--platform', 'linux'], { cwd });
    expect(r.code).toBe(0);
    const [name] = readdirSync(cwd);
    expect(name).toMatch(/^tray-mcp-report-\d{8}-\d{6}\.json$/);
    expect(r.stdout.trim()).toBe(path.join(cwd, name!));
    if (process.platform !== 'win32') expect(statSync(path.join(cwd, name!)).mode & 0o777).toBe(0o600);
    const piped = await runCli(['report', '--offline', '--home', h.dir, '--platform', 'linux', '--out', '-'], { cwd });
    expect(piped.code).toBe(0);
    expect(leaksAnyForm(piped.all)).toBe(false);
    expect(JSON.parse(piped.stdout).kind).toBe('tray-mcp-support-bundle');
    expect(readdirSync(cwd)).toHaveLength(1);
  });

  it('asks nothing without a terminal; an unwritable --out is exit 1 with nothing written', async () => {
    const h = home();
    const r = await runCli(['report', '--offline', '--home', h.dir, '--out', path.join(h.dir, 'no', 'such', 'dir', 'b.json')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/could not write/);
    expect(existsSync(path.join(h.dir, 'no'))).toBe(false);
  });
});

describe.skipIf(ptyUnavailable())('report on a terminal asks what the ticket needs', () => {
  it('server URL (the configured one offered), tool, error (redacted), execution id; Enter skips', async () => {
    const h = home();
    h.write('.cursor/mcp.json', JSON.stringify({ mcpServers: { tray: makeEntry('cursor', URL_OK, CANARY) } }));
    const out = path.join(tmp.dir('bundle-tty-'), 'b.json');
    const s = await typeInto(['report', '--offline', '--home', h.dir, '--platform', 'linux', '--out', out], [
      { expect: `MCP server URL [${URL_OK}]: `, send: '\r' },
      { expect: 'Tool name: ', send: 'create_ticket\r' },
      { expect: 'Error message you saw (paste one line): ', send: `HTTP 401 Unauthorized, Authorization: Bearer ${CANARY}\r` },
      { expect: 'Execution id from the workflow logs: ', send: '\r' },
    ]);
    expect(s.error, s.text).toBeNull();
    expect(s.code, s.text).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(leaksAnyForm(text)).toBe(false);
    expect(JSON.parse(text).ticket).toEqual({
      serverUrl: URL_OK,
      serverUrlFrom: 'config',
      tool: 'create_ticket',
      errors: [`HTTP 401 Unauthorized, Authorization: …${CANARY.slice(-4)}`],
      executionIds: [],
    });
  });
});

describe('doctor --bundle refuses what is not a bundle', () => {
  it.each([
    ['not JSON', '{ nope', /not valid JSON/],
    ['another JSON document', JSON.stringify({ schemaVersion: 1 }), /no "kind"/],
    ['a newer bundle', JSON.stringify({ kind: 'tray-mcp-support-bundle', bundleVersion: 99 }), /bundle version 99/],
  ])('%s: exit 2', async (_n, content, message) => {
    const f = path.join(tmp.dir('bundle-bad-'), 'b.json');
    writeFileSync(f, content);
    const r = await runCli(['doctor', '--bundle', f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('a file placed outside the home (../) is not written anywhere', async () => {
    const h = home();
    h.write('.cursor/mcp.json', JSON.stringify({ mcpServers: { tray: makeEntry('cursor', URL_OK, CANARY) } }));
    const made = await report(h, 'linux');
    const outside = tmp.dir('bundle-outside-');
    const b = JSON.parse(made.text) as Bundle;
    b.files[0]!.rel = `../../../../../../../../../../..${outside}/pwned.json`;
    b.logs.push({ source: 'claude', client: 'claude', path: '/x', base: '~', rel: '../../pwned.log', mtimeMs: Date.now(), lineCount: 1, lines: [{ n: 1, text: 'x' }] });
    writeFileSync(made.file, JSON.stringify(b));
    const r = await runCli(['doctor', '--bundle', made.file]);
    expect([0, 1]).toContain(r.code);
    expect(readdirSync(outside)).toEqual([]);
    expect(r.stderr).toMatch(/not reproduced: .*mcp\.json/);
  });

  it('--bundle with --home is a usage error', async () => {
    const r = await runCli(['doctor', '--bundle', 'x.json', '--home', '/tmp']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/mutually exclusive/);
  });
});

describe('report: a token nothing registered (a broken TOML file) never enters the bundle', () => {
  it('Codex config.toml that does not parse, with the token under a key the redaction cannot judge', async () => {
    const h = home();
    h.write('.codex/config.toml', `[mcp_servers.tray]\nurl = "https://${WORKSPACE}.mcp.tray.ai"\nenv_http_headers = { Authorization = "TRAYK" }\nenv = { TRAYK = "${CANARY}" oops\n`, 0o600);
    const made = await report(h, 'linux');
    expect(leaksCanary(JSON.stringify(made.bundle))).toBe(false);
    const f = made.bundle.files.find((x) => x.path.endsWith('config.toml'))!;
    expect(f.text).toContain(CANARY.slice(-4));
    expect(f.text!.split('\n')).toHaveLength(5);
  });
});
