// The published package works: pack a copy of the project as built, install the tarball into an
// empty project, and run `npx tray-mcp doctor` there. A missing `files` entry fails this test.
// `prepare` is the same `npm run build` as `pretest`, which builds from a clean clone before these
// tests run (CI): packing skips it here rather than build the whole project a second time.
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../helpers/cli.js';
import { CANARY, WORKSPACE, leaksCanary, tempHome, scratch } from '../helpers/home.js';
import { doctorReportErrors } from '../helpers/schema.js';
import { gatewayUrl, makeEntry } from '../../src/gateway/index.js';

const scratchDirs = scratch();
afterAll(scratchDirs.cleanup);
const tmp = (prefix: string): string => scratchDirs.dir(prefix);

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const NPX = process.platform === 'win32' ? 'npx.cmd' : 'npx';

function sh(cmd: string, args: string[], cwd: string, timeoutMs = 120_000) {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', CI: 'true', npm_config_update_notifier: 'false' };
  for (const k of Object.keys(env)) if (/^(npm_lifecycle_|npm_package_|INIT_CWD$|TRAY_MCP_API_TOKEN$)/i.test(k)) delete env[k];
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, shell: process.platform === 'win32' });
  return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', all: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
}

const SKIP = new Set(['node_modules', '.git', 'coverage', '.vitest-cache']);

describe('npm pack → install → npx tray-mcp', () => {
  it('prepare builds the package as pretest does', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.prepare).toBe('npm run build');
    expect(pkg.scripts.pretest).toBe('npm run build');
  });

  // An honest ceiling: npm install from its cache on a 2-core machine kept busy.
  it('works from the tarball alone', { timeout: 600_000 }, () => {
    // 1. A copy of the project as built (dist/ holds tsc's output too, which `files` must leave out).
    const copy = tmp('tray-mcp-pack-src-');
    cpSync(ROOT, copy, {
      recursive: true,
      filter: (src) => {
        const rel = path.relative(ROOT, src);
        const top = rel.split(path.sep)[0] ?? '';
        return !SKIP.has(top) && !rel.endsWith('.tgz');
      },
    });
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'), 'junction');

    // 2. npm pack honours `files` (its `prepare`, the build, is what pretest ran).
    const out = tmp('tray-mcp-pack-out-');
    const pack = sh(NPM, ['pack', '--json', '--ignore-scripts', '--pack-destination', out], copy, 240_000);
    expect(pack.code, pack.all.slice(-4000)).toBe(0);
    const info = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('\n[') + 1 || pack.stdout.indexOf('['))) as { filename: string; files: { path: string }[] }[];
    const files = info[0]!.files.map((f) => f.path);
    // The CLI ships as its bundle (scripts/bundle.mjs): one file, lazy chunks, V8 code caches.
    for (const needed of ['package.json', 'README.md', 'bin/tray-mcp.cjs', 'dist/tray-mcp.cjs', 'dist/tray-mcp.jscache', 'dist/tray-mcp-explain.cjs', 'dist/tray-mcp-explain.jscache', 'dist/tray-mcp-doctor.cjs', 'dist/tray-mcp-doctor.jscache', 'dist/help.json', 'dist/chunks/undici.cjs', 'dist/chunks/@modelcontextprotocol/client.cjs', 'schemas/doctor-report.schema.json', 'docs/checks.md']) {
      expect(files, `tarball lacks ${needed}`).toContain(needed);
    }
    expect(files.filter((f) => f.startsWith('src/') || f.startsWith('test/'))).toEqual([]);
    expect(files.filter((f) => f.startsWith('dist/') && f.endsWith('.js')), 'tsc output is not shipped').toEqual([]);
    const tgz = path.join(out, info[0]!.filename);

    // 3. Install into an empty project, from the npm cache when it can.
    const project = tmp('tray-mcp-pack-proj-');
    writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'pack-smoke', version: '1.0.0', private: true }));
    let install = sh(NPM, ['install', '--offline', '--no-audit', '--no-fund', tgz], project, 180_000);
    if (install.code !== 0) install = sh(NPM, ['install', '--prefer-offline', '--no-audit', '--no-fund', tgz], project, 180_000);
    expect(install.code, install.all.slice(-4000)).toBe(0);

    // 4. The installed command answers.
    const version = sh(NPX, ['--no', '--', 'tray-mcp', '--version'], project, 30_000);
    expect(version.code, version.all).toBe(0);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);

    // explain runs there too (from its own main file, dist/tray-mcp-explain.cjs)
    const explain = sh(NPX, ['--no', '--', 'tray-mcp', 'explain', '--json', 'HTTP 401'], project, 30_000);
    expect(explain.code, explain.all).toBe(0);
    expect(JSON.parse(explain.stdout).matches[0].id).toBe('token-invalid-or-expired');

    // 5. doctor runs there against a temp home and prints a valid report.
    const h = tempHome('pack-home-');
    scratchDirs.also(h.cleanup);
    h.write('.cursor/mcp.json', JSON.stringify({ mcpServers: { 'tray-workspace': makeEntry('cursor', gatewayUrl(WORKSPACE), CANARY) } }), 0o600);
    const doctor = sh(NPX, ['--no', '--', 'tray-mcp', 'doctor', '--offline', '--home', h.dir, '--platform', 'linux', '--json'], project, 60_000);
    expect([0, 1], doctor.all.slice(-4000)).toContain(doctor.code);
    expect(doctor.stderr).not.toMatch(/^\s{4}at /m);
    expect(leaksCanary(doctor.all)).toBe(false);
    const report = JSON.parse(doctor.stdout);
    expect(doctorReportErrors(report)).toEqual([]);
    const json = report.results.find((r: { check: string; subject: string }) => r.check === 'config-json' && r.subject === path.join('~', '.cursor', 'mcp.json'));
    expect(json).toMatchObject({ status: 'pass' });
  });
});
