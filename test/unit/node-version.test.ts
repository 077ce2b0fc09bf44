// node-version against real executables named node/npx in temp dirs on a PATH we choose.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync, chmodSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import checkDefault, { makeNodeVersionCheck, meetsBridgeNode, parseNodeVersion, versionManagerOf } from '../../src/checks/node-version.js';
import { runChecks } from '../../src/checks/runner.js';
import type { Check, DoctorOptions } from '../../src/checks/types.js';
import type { NodeVersionData } from '../../src/checks/data.js';
import { makeEnvironment, type Environment } from '../../src/lib/environment.js';
import { BRIDGE_NODE_RANGE } from '../../src/lib/bridge.js';
import satisfies from 'semver/functions/satisfies.js';
import { which, pathDirs, pathExts } from '../../src/lib/which.js';

const options: DoctorOptions = { clients: [], configPaths: [], urls: [], offline: true, timeoutMs: 1000, verbose: false, strict: false };
const posix = process.platform !== 'win32';
let root: string;

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'tray-mcp-node-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
/** A dir holding tiny executables: name → shell script body. */
function binDir(scripts: Record<string, string>, sub = `bin${n++}`): string {
  const dir = path.join(root, sub);
  mkdirSync(dir, { recursive: true });
  for (const [name, body] of Object.entries(scripts)) {
    const p = path.join(dir, name);
    writeFileSync(p, `#!/bin/sh\n${body}\n`);
    chmodSync(p, 0o755);
  }
  return dir;
}

const node = (v: string) => ({ node: `echo ${v}`, npx: 'echo 10.0.0' });

async function run(env: Environment, check: Check = checkDefault as Check, signal?: AbortSignal) {
  const out = await runChecks({ checks: [check], options, env, signal });
  return { result: out.results[0]!, data: out.data['node-version'] as NodeVersionData };
}

function envWith(PATH: string, extra: Partial<Environment> = {}): Environment {
  return { ...makeEnvironment({ home: root, vars: { PATH } }), ...extra };
}

describe.skipIf(!posix)('node-version', () => {
  it('passes for a current node with npx beside it, reporting what it found', async () => {
    const dir = binDir(node('v22.1.0'));
    const { result, data } = await run(envWith(dir));
    expect(result).toMatchObject({ check: 'node-version', subject: 'system', status: 'pass', remedies: [] });
    expect(result.message).toContain('v22.1.0');
    expect(data.node).toEqual({ path: path.join(dir, 'node'), version: '22.1.0' });
    expect(data.npx).toEqual({ path: path.join(dir, 'npx') });
    expect(result.details).toMatchObject({ version: '22.1.0', required: BRIDGE_NODE_RANGE });
  });

  it('the node on the PATH is this very executable (through a link): its version without starting it', async () => {
    // Checks run under a signal already aborted: a process it starts is stopped at once (runFile answers
    // `timeout`), so only an answer that started nothing can pass. (A fact, not a race with a timer.)
    const aborted = AbortSignal.abort();
    const dir = binDir({ npx: 'echo 10.0.0' });
    symlinkSync(process.execPath, path.join(dir, 'node'));
    const { result, data } = await run(envWith(dir), checkDefault as Check, aborted);
    expect(result).toMatchObject({ status: 'pass', details: { version: process.versions.node } });
    expect(data.node).toEqual({ path: path.join(dir, 'node'), version: process.versions.node });
    // a wrapper around the same node is another file: it is run (and stopped)
    const wrapper = binDir({ node: `exec "${process.execPath}" "$@"`, npx: 'echo 10.0.0' });
    const viaWrapper = await run(envWith(wrapper), checkDefault as Check, aborted);
    expect(viaWrapper.result).toMatchObject({ status: 'fail', details: { timedOut: true } });
    // and unstopped, it answers
    expect((await run(envWith(wrapper))).result).toMatchObject({ status: 'pass', details: { version: process.versions.node } });
  });

  it('fails node-too-old for v18.0.0 and for v20.18.0 (one patch short of mcp-remote)', async () => {
    for (const v of ['v18.0.0', 'v20.18.0']) {
      const { result, data } = await run(envWith(binDir(node(v))));
      expect(result).toMatchObject({ status: 'fail', remedies: ['node-too-old'] });
      expect(result.message).toContain(v);
      expect(result.message).toContain(BRIDGE_NODE_RANGE);
      expect(data.node?.version).toBe(v.slice(1));
    }
  });

  it('passes exactly at the requirement (v20.18.1)', async () => {
    const { result } = await run(envWith(binDir(node('v20.18.1'))));
    expect(result.status).toBe('pass');
  });

  it('fails node-missing when there is no node on the PATH (not the doctor’s own Node)', async () => {
    const { result, data } = await run(envWith(binDir({ npx: 'echo 10' })));
    expect(result).toMatchObject({ status: 'fail', remedies: ['node-missing'] });
    expect(result.message).toMatch(/No `node`/);
    expect(data).toEqual({ node: null, npx: { path: expect.stringContaining('npx') } });
  });

  it('runs `node --version` with a minimal environment: no token, no other variable of ours', async () => {
    const dump = path.join(root, `env-${n}.txt`);
    const dir = binDir({ node: `/usr/bin/env > '${dump}'\necho v22.1.0`, npx: 'echo 10.0.0' });
    const env = { ...makeEnvironment({ home: root, vars: { PATH: `node_modules/.bin:${dir}`, TRAY_MCP_API_TOKEN: 'CANARY-tok-9f8e7d6c5b4a-SECRET-zz42', AWS_SECRET_ACCESS_KEY: 'aws-secret-value-123', NODE_OPTIONS: '--require ./evil.js', LANG: 'C.UTF-8' } }) };
    const { result } = await run(env);
    expect(result.status).toBe('pass');
    const seen = (await import('node:fs')).readFileSync(dump, 'utf8');
    expect(seen).not.toMatch(/TRAY_MCP_API_TOKEN|CANARY|AWS_SECRET|aws-secret|NODE_OPTIONS|evil/);
    expect(seen).toContain(`PATH=${dir}\n`); // the relative entry dropped
    expect(seen).toContain('LANG=C.UTF-8');
  });

  it('fails node-missing with an empty PATH', async () => {
    const { result } = await run(envWith(''));
    expect(result).toMatchObject({ status: 'fail', remedies: ['node-missing'] });
  });

  it('fails node-missing when node is there but npx is not', async () => {
    const { result } = await run(envWith(binDir({ node: 'echo v22.1.0' })));
    expect(result).toMatchObject({ status: 'fail', remedies: ['node-missing'] });
    expect(result.message).toMatch(/no `npx`/);
  });

  it('finds node and npx in different PATH folders, first match wins', async () => {
    const a = binDir({ node: 'echo v22.1.0' });
    const b = binDir({ node: 'echo v18.0.0', npx: 'echo 10' });
    const { result, data } = await run(envWith(`${a}:${b}`));
    expect(result.status).toBe('pass');
    expect(data.node?.path).toBe(path.join(a, 'node'));
    expect(data.npx?.path).toBe(path.join(b, 'npx'));
  });

  it('skips a non-executable file named node', async () => {
    const a = binDir({ node: 'echo v22.1.0' });
    chmodSync(path.join(a, 'node'), 0o644);
    const b = binDir(node('v18.0.0'));
    const { result } = await run(envWith(`${a}:${b}`));
    // root ignores missing x bits for access(X_OK) only if some x bit is set; 0644 has none
    expect(result).toMatchObject({ status: 'fail', remedies: ['node-too-old'] });
  });

  it('fails node-missing for garbage output, without crashing', async () => {
    const { result } = await run(envWith(binDir({ node: 'echo "hello, I am not node"', npx: 'echo 1' })));
    expect(result).toMatchObject({ status: 'fail', remedies: ['node-missing'] });
    expect(result.message).toContain('hello, I am not node');
  });

  it('fails node-missing when node --version exits non-zero', async () => {
    const { result } = await run(envWith(binDir({ node: 'echo "dyld: Library not loaded" >&2; exit 3', npx: 'echo 1' })));
    expect(result).toMatchObject({ status: 'fail', remedies: ['node-missing'] });
    expect(result.message).toContain('exited with code 3');
    expect(result.message).toContain('Library not loaded');
  });

  it('gives up on a hanging node within its bound, killing it and its children', async () => {
    const check = makeNodeVersionCheck({ timeoutMs: 400 }) as Check;
    const t0 = performance.now();
    const { result } = await run(envWith(binDir({ node: '/bin/sleep 30 & /bin/sleep 30', npx: 'echo 1' })), check);
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(result).toMatchObject({ status: 'fail', remedies: ['node-missing'], details: { timedOut: true } });
    expect(result.message).toMatch(/did not answer/);
  });

  it('skips when --platform is not this machine', async () => {
    const other = process.platform === 'darwin' ? 'linux' : 'darwin';
    const env = makeEnvironment({ home: root, platform: other, vars: { PATH: binDir(node('v22.1.0')) } });
    const { result, data } = await run(env);
    expect(result).toMatchObject({ status: 'skip', details: { reason: 'platform-mismatch' } });
    expect(result.message).toContain(other);
    expect(data).toEqual({ node: null, npx: null });
  });

  it('on macOS warns when node comes only from a version manager the GUI PATH lacks', async () => {
    const dir = binDir(node('v22.1.0'), '.nvm/versions/node/v22.1.0/bin');
    const emptyGui = binDir({}, 'gui-empty');
    const check = makeNodeVersionCheck({ darwinGuiPath: [emptyGui] }) as Check;
    const env = envWith(dir, { hostPlatform: 'darwin', platform: 'darwin' });
    const { result } = await run(env, check);
    expect(result).toMatchObject({ status: 'warn', remedies: ['node-missing'], details: { versionManager: 'nvm' } });
    expect(result.message).toMatch(/Dock/);
    expect(result.message).toContain('spawn npx ENOENT');
  });

  it('on macOS does not warn when the GUI PATH has npx too', async () => {
    const dir = binDir(node('v22.1.0'), '.volta/bin');
    const gui = binDir(node('v22.1.0'), 'gui-has-npx');
    const check = makeNodeVersionCheck({ darwinGuiPath: [gui] }) as Check;
    const { result } = await run(envWith(dir, { hostPlatform: 'darwin', platform: 'darwin' }), check);
    expect(result.status).toBe('pass');
  });

  it('on Windows honours PATHEXT and the ; separator', async () => {
    const a = binDir({ 'node.EXE': 'echo v22.1.0', 'npx.CMD': 'echo 1' });
    const env = envWith('', { hostPlatform: 'win32', platform: 'win32', vars: { Path: `C:\\nowhere;${a}`, PATHEXT: '.COM;.EXE;.BAT;.CMD' } });
    const { result, data } = await run(env);
    expect(result.status).toBe('pass');
    expect(data.node?.path).toBe(path.join(a, 'node.EXE'));
    expect(data.npx?.path).toBe(path.join(a, 'npx.CMD'));
  });
});

describe('node-version helpers', () => {
  it('parses versions with semver', () => {
    expect(parseNodeVersion('v22.1.0\n')).toBe('22.1.0');
    expect(parseNodeVersion('garbage')).toBeNull();
    expect(parseNodeVersion('')).toBeNull();
  });

  it('recognises version-manager folders', () => {
    expect(versionManagerOf('/Users/a/.nvm/versions/node/v22.1.0/bin/npx')).toBe('nvm');
    expect(versionManagerOf('/Users/a/.volta/bin/npx')).toBe('Volta');
    expect(versionManagerOf('/Users/a/.local/state/fnm_multishells/123_456/bin/npx')).toBe('fnm');
    expect(versionManagerOf('/Users/a/.asdf/shims/npx')).toBe('asdf');
    expect(versionManagerOf('/Users/a/.local/share/mise/installs/node/22/bin/npx')).toBe('mise');
    expect(versionManagerOf('/opt/homebrew/bin/npx')).toBeNull();
    expect(versionManagerOf('/usr/local/bin/npx')).toBeNull();
  });

  it('splits PATH per platform and reads PATHEXT', () => {
    expect(pathDirs('/a::/b', 'linux')).toEqual(['/a', '/b']);
    expect(pathDirs('C:\\a;"C:\\b c";', 'win32')).toEqual(['C:\\a', 'C:\\b c']);
    // relative entries (the folder doctor runs in, a cloned repo's node_modules/.bin) are never searched
    expect(pathDirs('node_modules/.bin:.:/usr/bin::bin:./x', 'linux')).toEqual(['/usr/bin']);
    expect(pathDirs('node_modules\\.bin;.;C:\\node;\\rooted;x;C:rel', 'win32')).toEqual(['C:\\node', '\\rooted']);
    expect(pathExts(undefined)).toEqual(['.COM', '.EXE', '.BAT', '.CMD']);
    expect(pathExts('.EXE;.Cmd; ;junk')).toEqual(['.EXE', '.Cmd']);
  });

  it('which() returns null on an empty PATH and never throws on odd entries', async () => {
    expect(await which('node', { pathValue: '', platform: 'linux' })).toBeNull();
    expect(await which('node', { pathValue: '/definitely/not/here:/dev/null', platform: 'linux' })).toBeNull();
  });
});

describe.skipIf(!posix)('node-version: the node each client really runs', () => {
  // Claude Desktop on macOS puts every ~/.nvm/versions/node/*/bin first, in lexical order (its own log,
  // directus/mcp#2): an old nvm node's npx wins over a current one and over the shell's PATH.
  async function claudeDesktop(entryEnv: Record<string, string>, log?: (home: string) => string) {
    const { default: configFiles } = await import('../../src/checks/config-files.js');
    const { default: configJson } = await import('../../src/checks/config-json.js');
    const { default: trayServers } = await import('../../src/checks/tray-servers.js');
    const home = mkdtempSync(path.join(root, 'home-'));
    for (const v of ['v14.17.0', 'v22.14.0']) {
      const bin = path.join(home, '.nvm', 'versions', 'node', v, 'bin');
      mkdirSync(bin, { recursive: true });
      for (const [name, body] of Object.entries(node(v))) {
        writeFileSync(path.join(bin, name), `#!/bin/sh\n${body}\n`);
        chmodSync(path.join(bin, name), 0o755);
      }
    }
    const cfg = path.join(home, 'Library', 'Application Support', 'Claude', 'claude_desktop_config.json');
    mkdirSync(path.dirname(cfg), { recursive: true });
    const entry = { command: 'npx', args: ['-y', 'mcp-remote', 'https://12345678-abcd-1234-ef56-0123456789ab.mcp.tray.ai', '--header', 'Authorization:${AUTH_HEADER}'], env: { AUTH_HEADER: 'Bearer tok-abcdefghijklmnop12', ...entryEnv } };
    writeFileSync(cfg, JSON.stringify({ mcpServers: { 'tray-workspace': entry } }, null, 2));
    if (log) {
      mkdirSync(path.join(home, 'Library', 'Logs', 'Claude'), { recursive: true });
      writeFileSync(path.join(home, 'Library', 'Logs', 'Claude', 'mcp-server-tray-workspace.log'), log(home));
    }
    const shell = binDir(node('v22.1.0'));
    const env = { ...makeEnvironment({ home, platform: 'darwin', cwd: home, vars: { PATH: shell } }), hostPlatform: 'darwin' as const };
    const out = await runChecks({ checks: [checkDefault as Check, configFiles, configJson, trayServers] as Check[], options: { ...options, clients: ['claude'] }, env, selection: { only: ['node-version'] } });
    return { rows: out.results.filter((r) => r.check === 'node-version'), home, shell };
  }

  it("modelled PATH: the oldest nvm node wins for Claude Desktop → fail node-too-old, with the env.PATH fix naming the good node's folder", async () => {
    const { rows, shell } = await claudeDesktop({});
    const row = rows.find((r) => r.subject === 'claude › node')!;
    expect(row).toMatchObject({ status: 'fail', client: 'claude', details: { pathFrom: 'client', version: '14.17.0' } });
    expect(row.remedies).toEqual(['node-too-old']);
    expect(row.message).toContain('Node.js v14.17.0');
    // the fix: the folder of a node that works, first in the entry's env.PATH
    expect(row.message).toContain(`add "PATH": "${shell}:/usr/local/bin:/usr/bin:/bin" to its "env"`);
    expect(JSON.stringify(rows)).not.toContain('tok-abcdefghijklmnop12');
    expect(rows.find((r) => r.subject === 'system')).toBeDefined();
  });

  it("the entry's own env.PATH is what the client uses: a good node there passes; relative folders are never searched", async () => {
    const good = binDir(node('v22.3.0'));
    const { rows } = await claudeDesktop({ PATH: `node_modules/.bin:${good}` });
    expect(rows.find((r) => r.subject === 'claude › node')).toMatchObject({ status: 'pass', details: { pathFrom: 'entry', version: '22.3.0' } });
  });

  it("the PATH Claude Desktop logged when it last started the server wins over the model (its mcp-server-NAME.log)", async () => {
    const logged = binDir(node('v23.0.0'));
    const { rows } = await claudeDesktop({}, (home) =>
      [
        `2026-11-30T10:00:00.000Z [tray-workspace] [info] Using MCP server command: ${home}/.nvm/versions/node/v14.17.0/bin/npx with args and path: {`,
        `  metadata: {`,
        `    args: [ '-y', 'mcp-remote' ],`,
        `    paths: [`,
        `      '${logged}',`,
        `      '/usr/bin',`,
        `    ]`,
        `  }`,
        `} { metadata: undefined }`,
      ].join('\n'),
    );
    expect(rows.find((r) => r.subject === 'claude › node')).toMatchObject({ status: 'pass', details: { pathFrom: 'client-log', version: '23.0.0' } });
  });

  it('no npx on the PATH the client gives → fail node-missing', async () => {
    const empty = mkdtempSync(path.join(root, 'empty-'));
    const { rows } = await claudeDesktop({ PATH: empty });
    expect(rows.find((r) => r.subject === 'claude › node')).toMatchObject({ status: 'fail', remedies: ['node-missing'] });
  });
});

describe('meetsBridgeNode', () => {
  it.each(['20.18.1', '20.18.0', '20.18.2', '20.19.0', '18.20.4', '22.12.0', '24.0.0-nightly20250101', '20.18.1-rc.1', '20.18.2-pre', '0.0.0', '100.0.0', 'v22.1.0', '  v20.18.1 ', 'garbage', '', '20', '20.19'])(
    '%s: the same answer as semver.satisfies(v, BRIDGE_NODE_RANGE)',
    (v) => {
      expect(meetsBridgeNode(v)).toBe(satisfies(v, BRIDGE_NODE_RANGE));
    },
  );
});
