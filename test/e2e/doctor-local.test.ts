// The built CLI, offline, against temp homes: node-version, config-files, config-json and
// config-schema for every client on every platform, and each failure they report. Every run:
// stdout is one JSON document valid against the contract schema; the canary appears nowhere.
import { afterAll, describe, expect, it } from 'vitest';
import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { json, runCli, type CliResult } from '../helpers/cli.js';
import { CANARY, WORKSPACE, leaksCanary, tempHome, type TempHome, scratch, configText } from '../helpers/home.js';
import { doctorReportErrors, rowsOf } from '../helpers/schema.js';
import { CLIENT_IDS, CLIENTS, runsOn, serverDocument, type ClientId } from '../../src/clients/catalog.js';
import { gatewayUrl, makeEntry } from '../../src/gateway/index.js';
import { PLATFORMS, hostPlatformAsTarget, makeEnvironment, resolveTemplate, type Platform } from '../../src/lib/environment.js';

const MINE = ['node-version', 'config-files', 'config-json', 'config-schema'];
const HOST = hostPlatformAsTarget();
const posix = process.platform !== 'win32';
const scratchDirs = scratch();
afterAll(scratchDirs.cleanup);
const tmp = (prefix: string): string => scratchDirs.dir(prefix);

function home(): TempHome {
  const h = tempHome('doctor-local-');
  scratchDirs.also(h.cleanup);
  return h;
}

/** A PATH folder with executables `node` (printing `version`) and `npx`. */
function fakeNode(version: string | null, npx = true): string {
  const dir = tmp('doctor-local-bin-');
  const put = (name: string, body: string) => {
    writeFileSync(path.join(dir, name), `#!/bin/sh\n${body}\n`);
    chmodSync(path.join(dir, name), 0o755);
  };
  if (version) put('node', `echo ${version}`);
  if (npx) put('npx', 'echo 10.9.0');
  return dir;
}

function userFile(client: ClientId, platform: Platform, h: TempHome): string {
  const loc = CLIENTS[client].locations.find((l) => l.setupTarget)!;
  return path.relative(h.dir, resolveTemplate(loc.paths[platform]!, makeEnvironment({ home: h.dir, platform })));
}

const valid = (client: ClientId) =>
  configText(client, serverDocument(client, { 'tray-workspace': makeEntry(client, gatewayUrl(WORKSPACE), CANARY) }));

interface Row { check: string; subject: string; status: string; message: string; client: string | null; details?: Record<string, any>; remedies: { id: string }[] }
interface Report { summary: { ok: boolean; fail: number; warn: number; error: number }; environment: { pathNode: string | null }; results: Row[] }

async function doctor(h: TempHome, platform: Platform, extra: string[] = [], o: { PATH?: string; cwd?: string } = {}): Promise<{ r: CliResult; report: Report }> {
  const r = await runCli(['doctor', '--offline', '--json', '--home', h.dir, '--platform', platform, ...extra], {
    cwd: o.cwd ?? tmp('doctor-local-cwd-'),
    env: { PATH: o.PATH ?? fakeNode('v22.1.0') },
  });
  expect(leaksCanary(r.all), `canary leaked:\n${r.all.slice(0, 3000)}`).toBe(false);
  expect(r.stderr).not.toMatch(/^\s{4}at /m);
  const report = json<Report>(r);
  expect(doctorReportErrors(report)).toEqual([]);
  expect(r.code).toBe(report.summary.ok ? 0 : 1);
  return { r, report };
}

const rows = (report: Report, check: string) => rowsOf<Row>(report).filter((x) => x.check === check);
const ids = (x: Row) => x.remedies.map((m) => m.id);
const only = ['--only', ...MINE];

describe('doctor --offline: the local checks, every platform and client', () => {
  for (const platform of PLATFORMS) {
    const here = CLIENT_IDS.filter((c) => runsOn(c, platform));
    // One home with every client's file, and one run of the four checks over it: each client is
    // judged on its own rows (results are per subject; one client's file never changes another's).
    // Each client's own test below reads that run; `--client` filtering has its own tests.
    let once: Promise<{ r: CliResult; report: Report; h: TempHome }> | undefined;
    const allClients = () =>
      (once ??= (async () => {
        const h = home();
        for (const c of here) h.write(userFile(c, platform, h), valid(c), 0o600);
        return { ...(await doctor(h, platform, only)), h };
      })());

    for (const client of here) {
      it(`${platform} · ${client}: a valid file passes all four checks (exit 0)`, async () => {
        const { r, report, h } = await allClients();
        expect(r.code).toBe(0);
        const rel = userFile(client, platform, h);
        for (const check of ['config-files', 'config-json', 'config-schema']) {
          const mine = rows(report, check).filter((x) => x.client === client && x.status !== 'skip');
          expect(mine, check).toHaveLength(1);
          expect(mine[0], check).toMatchObject({ status: 'pass', client, subject: path.join('~', rel) });
        }
        const node = rows(report, 'node-version')[0]!;
        if (platform === HOST) {
          expect(node).toMatchObject({ status: 'pass', details: { version: '22.1.0' } });
          expect(report.environment.pathNode).toBe('22.1.0');
        } else {
          expect(node).toMatchObject({ status: 'skip', details: { reason: 'platform-mismatch' } });
          expect(report.environment.pathNode).toBeNull();
        }
      });
    }

    it(`${platform}: every client at once, the whole report is valid and token-free`, async () => {
      const h = home();
      for (const c of here) h.write(userFile(c, platform, h), valid(c), 0o600);
      const { report } = await doctor(h, platform);
      // one result per file: clients that share a file (none yet among user files) would count once
      const files = new Set(here.map((c) => userFile(c, platform, h)));
      for (const check of ['config-json', 'config-schema']) {
        expect(rows(report, check).filter((x) => x.status === 'pass')).toHaveLength(files.size);
      }
      expect(rows(report, 'config-files').filter((x) => x.status === 'fail' || x.status === 'error')).toEqual([]);
    });
  }

  it('--client: only that client\'s files are judged', async () => {
    const h = home();
    for (const c of ['cursor', 'vscode'] as const) h.write(userFile(c, 'linux', h), valid(c), 0o600);
    const { r, report } = await doctor(h, 'linux', ['--client', 'cursor', ...only]);
    expect(r.code).toBe(0);
    for (const check of ['config-files', 'config-json', 'config-schema']) {
      const judged = rows(report, check).filter((x) => x.status !== 'skip');
      expect(judged.map((x) => x.client), check).toEqual(['cursor']);
    }
  });
});

describe('doctor --offline: what the local checks find wrong', () => {
  it('nothing configured: config-not-found for all clients, exit 1', async () => {
    const { r, report } = await doctor(home(), 'darwin', only);
    expect(r.code).toBe(1);
    const all = rows(report, 'config-files').find((x) => x.subject === 'all clients')!;
    expect(all).toMatchObject({ status: 'fail', client: null });
    expect(ids(all)).toEqual(['config-not-found']);
    expect(all.message).toMatch(/tray-mcp setup/);
  });

  it('a syntax error: config-json-invalid with line, column and frame; schema blocked', async () => {
    const h = home();
    const rel = userFile('claude', 'win32', h);
    h.write(rel, `{\n  "mcpServers": {\n    "tray": {"command": "npx" "args": ["-y"], "env": {"AUTH_HEADER": "Bearer ${CANARY}"}}\n  }\n}\n`);
    const { r, report } = await doctor(h, 'win32', ['--client', 'claude', ...only]);
    expect(r.code).toBe(1);
    const bad = rows(report, 'config-json')[0]!;
    expect(bad).toMatchObject({ status: 'fail', client: 'claude', details: { line: 3, column: 31 } });
    expect(bad.message).toMatch(/^Expected a comma or closing brace at line 3, column 31/);
    expect(bad.details!.frame).toMatch(/^3 \| /);
    expect(ids(bad)).toEqual(['config-json-invalid']);
    expect(rows(report, 'config-schema')[0]).toMatchObject({ status: 'skip', details: { blockedBy: 'config-json' } });
  });

  it('a trailing comma fails for Cursor but passes for VS Code (JSONC)', async () => {
    const h = home();
    h.write(userFile('cursor', 'linux', h), '{"mcpServers": {},}');
    h.write(userFile('vscode', 'linux', h), '{"servers": {}, // fine here\n}');
    const { report } = await doctor(h, 'linux', ['--client', 'cursor', 'vscode', ...only]);
    const byClient = Object.fromEntries(rows(report, 'config-json').map((x) => [x.client, x.status]));
    expect(byClient).toEqual({ cursor: 'fail', vscode: 'pass' });
  });

  it('a wrong structure: config-schema-invalid in plain words', async () => {
    const h = home();
    h.write(userFile('claude', 'darwin', h), JSON.stringify({ mcpServers: { 'tray-workspace': { command: 'npx', args: '-y mcp-remote' } } }));
    const { r, report } = await doctor(h, 'darwin', ['--client', 'claude', ...only]);
    expect(r.code).toBe(1);
    const bad = rows(report, 'config-schema')[0]!;
    expect(bad).toMatchObject({ status: 'fail', client: 'claude' });
    expect(bad.message).toMatch(/^mcpServers › tray-workspace › args must be a list of strings/);
    expect(ids(bad)).toEqual(['config-schema-invalid']);
  });

  it('a stale location: warn config-wrong-location (exit 0), exit 1 with --strict', async () => {
    const h = home();
    h.write('.codeium/windsurf/mcp_config.json', valid('windsurf'));
    h.write('.codeium/windsurf/mcp.json', valid('windsurf'));
    const { r, report } = await doctor(h, 'linux', ['--client', 'windsurf', ...only]);
    expect(r.code).toBe(0);
    const w = rows(report, 'config-files').find((x) => x.status === 'warn')!;
    expect(ids(w)).toEqual(['config-wrong-location']);
    expect(w.message).toContain('mcp_config.json');
    const strict = await doctor(h, 'linux', ['--client', 'windsurf', '--strict', ...only]);
    expect(strict.r.code).toBe(1);
  });

  it('a folder where the file should be: config-not-found', async () => {
    const h = home();
    h.mkdir(userFile('cursor', 'darwin', h));
    const { r, report } = await doctor(h, 'darwin', ['--client', 'cursor', ...only]);
    expect(r.code).toBe(1);
    expect(rows(report, 'config-files').find((x) => x.status === 'fail' && x.subject !== 'all clients')).toMatchObject({ details: { kind: 'directory' } });
  });

  it('--config: checks just that file, the client told by its shape', async () => {
    const h = home();
    h.write(userFile('claude', 'linux', h), '{ broken');
    const p = h.write('exports/from-customer.json', valid('windsurf'));
    const { r, report } = await doctor(h, 'linux', ['--config', p, ...only]);
    expect(r.code).toBe(0);
    expect(rows(report, 'config-files')).toHaveLength(1);
    expect(rows(report, 'config-json')[0]).toMatchObject({ status: 'pass', client: 'windsurf' });
    expect(rows(report, 'config-schema')[0]).toMatchObject({ status: 'pass', client: 'windsurf' });
  });

  it('--config of a missing file: config-not-found', async () => {
    const { r, report } = await doctor(home(), 'linux', ['--config', 'no/such/file.json', ...only]);
    expect(r.code).toBe(1);
    expect(ids(rows(report, 'config-files')[0]!)).toEqual(['config-not-found']);
  });

  describe.skipIf(!posix)('node on the PATH', () => {
    const withFile = () => {
      const h = home();
      h.write(userFile('cursor', HOST, h), valid('cursor'));
      return h;
    };

    it('too old: node-too-old, exit 1', async () => {
      const { r, report } = await doctor(withFile(), HOST, ['--client', 'cursor', ...only], { PATH: fakeNode('v18.0.0') });
      expect(r.code).toBe(1);
      const n = rows(report, 'node-version')[0]!;
      expect(n).toMatchObject({ status: 'fail', subject: 'system', details: { version: '18.0.0' } });
      expect(ids(n)).toEqual(['node-too-old']);
      expect(report.environment.pathNode).toBe('18.0.0');
    });

    it('missing: node-missing, exit 1 (the doctor’s own Node does not count)', async () => {
      const { r, report } = await doctor(withFile(), HOST, ['--client', 'cursor', ...only], { PATH: fakeNode(null, false) });
      expect(r.code).toBe(1);
      expect(ids(rows(report, 'node-version')[0]!)).toEqual(['node-missing']);
      expect(report.environment.pathNode).toBeNull();
    });

    it('garbage from node --version: node-missing', async () => {
      const dir = fakeNode(null);
      writeFileSync(path.join(dir, 'node'), '#!/bin/sh\necho "Segmentation fault"\n');
      chmodSync(path.join(dir, 'node'), 0o755);
      const { report } = await doctor(withFile(), HOST, ['--client', 'cursor', ...only], { PATH: dir });
      expect(rows(report, 'node-version')[0]).toMatchObject({ status: 'fail' });
      expect(rows(report, 'node-version')[0]!.message).toContain('Segmentation fault');
    });
  });
});
