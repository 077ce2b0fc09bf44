// How the CLI behaves as a program: usage errors, exit codes, help, what it loads, what it prints.
import { describe, it, expect } from 'vitest';
import { closeSync, constants, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, rmdirSync, writeFileSync } from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { runCli, cleanEnv, json, BIN, ROOT } from '../helpers/cli.js';
import { CANARY, WORKSPACE, leaksCanary, tempHome } from '../helpers/home.js';
import { doctorReportErrors } from '../helpers/schema.js';
import { startGateway } from '../fixtures/gateway.mjs';
import { maskOpaque } from '../../src/cli.js';
import { spinnerWanted } from '../../src/doctor.js';

const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe('usage errors never echo a token', () => {
  const home = tempHome();
  it.each([
    ['a token left where a UUID goes', ['doctor', '--offline', '--home', home.dir, '--workspace-id', WORKSPACE, CANARY], {}],
    ['a token left as a positional', ['doctor', '--offline', '--home', home.dir, CANARY], {}],
    ['a token as --url', ['doctor', '--offline', '--home', home.dir, '--url', CANARY], {}],
    ['a token as the command', [CANARY], {}],
    ['swapped -w and -t', ['setup', '-w', CANARY, '-t', WORKSPACE, '--home', home.dir], {}],
    ['the env token echoed elsewhere', ['doctor', '--offline', '--home', home.dir, '--workspace-id', CANARY], { TRAY_MCP_API_TOKEN: CANARY }],
  ])('%s', async (_name, args, env) => {
    const r = await runCli(args as string[], { env: env as Record<string, string> });
    expect(r.code).toBe(2);
    expect(leaksCanary(r.all)).toBe(false);
    expect(r.stderr).toMatch(/^tray-mcp: /);
    noStack(r.all);
  });

  it('masks only opaque token-shaped words', () => {
    expect(maskOpaque(`Unknown argument: ${CANARY}`)).not.toContain(CANARY.slice(0, 12));
    for (const keep of [WORKSPACE, 'config-schema', '/tmp/tray-mcp-home-abc123def456', 'https://12345678-abcd.mcp.tray.ai', 'tool-description-missing']) {
      expect(maskOpaque(`x ${keep} y`)).toBe(`x ${keep} y`);
    }
  });
});

describe('usage', () => {
  it('an unknown command says so, exit 2', async () => {
    const r = await runCli(['doctr']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command "doctr"');
  });

  it.each([
    [['--only', 'node-version', '--skip', 'node-version'], /leave no check to run/],
    [['--client'], /Not enough arguments following: client/],
    [['--only'], /Not enough arguments following: only/],
    [['--url', 'http://user:pw@127.0.0.1:9'], /must not carry credentials/],
    [['--timeout', 'abc'], /got "abc"/],
    [['--home', '/nonexistent/nowhere'], /is not a directory/],
  ])('doctor %j → exit 2', async (args, message) => {
    const r = await runCli(['doctor', '--offline', ...(args as string[])]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message as RegExp);
    expect(r.stdout).toBe('');
    noStack(r.all);
  });

  it.each([
    [['docter'], 'unknown command "docter". Did you mean doctor?'],
    [['reprot'], 'unknown command "reprot". Did you mean report?'],
    [['doctor', '--only', 'reachabilty'], '--only "reachabilty" is not one of: node-version,'],
    [['doctor', '--only', 'reachabilty'], 'Did you mean reachability?'],
    [['doctor', '--client', 'cursr'], 'Did you mean cursor?'],
  ])('%j → exit 2: %s', async (args, message) => {
    const r = await runCli(args as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
  });

  it.each([['mac', 'darwin'], ['macos', 'darwin'], ['osx', 'darwin'], ['windows', 'win32'], ['win', 'win32'], ['Linux', 'linux']])('--platform %s means %s', async (given, platform) => {
    const r = await runCli(['doctor', '--offline', '--json', '--home', tempHome().dir, '--platform', given, '--only', 'config-files']);
    expect(json(r).environment.platform).toBe(platform);
  });

  it('top-level --help: commands and global options only, one exit-code paragraph', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['tray-mcp setup', 'tray-mcp doctor', 'tray-mcp explain', 'tray-mcp report']) expect(r.stdout).toContain(c);
    for (const setupOnly of ['--workspace-id', '--api-token', '--verify', '--code-cli', '--platform']) expect(r.stdout).not.toContain(setupOnly);
    expect(r.stdout.match(/Exit codes/g)).toHaveLength(1);
    expect(r.stdout).not.toContain('@trayio');
  });

  it.each([[['--help']], [['doctor', '--help']], [['explain', '--help']], [['setup', '--help']], [['report', '--help']]])('%j at 80 columns: each example a whole command on one line', async (args) => {
    const r = await runCli(args as string[], { env: { COLUMNS: '80' } });
    const lines = r.stdout.slice(r.stdout.indexOf('Examples:') + 'Examples:'.length).split('\n\n')[0]!.split('\n').filter((l) => l.trim());
    expect(lines.length).toBeGreaterThanOrEqual(4);
    for (const l of lines) {
      expect([...l].length, l).toBeLessThanOrEqual(80);
      expect(l, 'a wrapped example').toMatch(/^ {2}(?:# |tray-mcp\b|pbpaste \| tray-mcp\b)/);
    }
  });

  it('flags without a command are setup, as the product docs’ utility', async () => {
    const home = tempHome();
    const r = await runCli(['-w', WORKSPACE, '-t', CANARY, '--home', home.dir, '--platform', 'linux']);
    expect(r.code).toBe(0);
    expect(leaksCanary(r.all)).toBe(false);
    expect(JSON.parse(readFileSync(home.path('.config/Claude/claude_desktop_config.json'), 'utf8')).mcpServers['tray-workspace']).toBeTruthy();
  });

  it.each([[['--help']], [['doctor', '--help']], [['explain', '--help']], [['setup', '--help']], [['report', '--help']]])('%j shows examples and exit codes', async (args) => {
    const r = await runCli(args as string[]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toMatch(/Exit codes/i);
    expect(r.stdout).not.toContain('$0');
  });
});

describe('start-up stays light', () => {
  const trace = { NODE_OPTIONS: `--import=${path.join(ROOT, 'test', 'fixtures', 'trace-modules.mjs')}` };

  it('the tracer sees what it should (positive control)', async () => {
    const r = await runCli(['explain', '--list'], { env: { ...trace, FORCE_COLOR: '0' } });
    const probe = await runCli(['doctor', '--url', 'http://127.0.0.1:9', '--timeout', '500', '--home', tempHome().dir, '--only', 'reachability'], { env: trace });
    expect(probe.stderr).toContain('TRACE-HEAVY undici');
    expect(r.code).toBe(0);
  });

  it.each([[['--version']], [['--help']], [['doctor', '--help']], [['explain', '--help']], [['setup', '--help']], [['report', '--help']]])(
    '%j loads neither the SDK, undici, ajv nor ora (laid out by yargs, not from the help cache)',
    async (args) => {
      const r = await runCli(args as string[], { env: { ...trace, TRAY_MCP_HELP_CACHE: 'off' } });
      expect(r.code).toBe(0);
      expect(r.stderr).not.toContain('TRACE-HEAVY');
    },
  );

  it('doctor --offline loads neither the SDK, undici nor the ajv compiler', async () => {
    const home = tempHome();
    home.write('.cursor/mcp.json', JSON.stringify({ mcpServers: { t: { url: `https://${WORKSPACE}.mcp.tray.ai`, headers: { Authorization: `Bearer ${CANARY}` } } } }));
    const r = await runCli(['doctor', '--offline', '--json', '--home', home.dir], { env: trace });
    expect(json(r).results.find((x: { check: string }) => x.check === 'config-schema').status).toBe('pass');
    expect(r.stderr).not.toContain('TRACE-HEAVY');
  });
});

describe('help cache (dist/help.json, scripts/help-cache.mjs)', () => {
  const cache = JSON.parse(readFileSync(path.join(ROOT, 'dist', 'help.json'), 'utf8')) as { build: string; widths: number[]; texts: Record<string, string> };
  const commands = ['', 'setup', 'doctor', 'explain', 'report', 'list', 'remove', 'undo'];

  it('holds every command at every cached width, for this build', () => {
    const build = /^\/\/ tray-mcp build (\w+)\n/.exec(readFileSync(path.join(ROOT, 'dist', 'tray-mcp.cjs'), 'latin1').slice(0, 64))?.[1];
    expect(cache.build).toBe(build);
    expect(Object.keys(cache.texts).sort()).toEqual(commands.flatMap((c) => cache.widths.map((w) => `${c}@${w}`)).sort());
  });

  // What the launcher prints from the cache is what yargs prints, whatever width the terminal asks for
  // (COLUMNS when piped: unset, narrow, odd, wide, nonsense): a cached width gives the cached text, any
  // other width goes to yargs.
  it.each([
    ['', undefined],
    ['doctor', '120'],
    ['explain', '300'],
    ['setup', '100'],
    ['report', 'abc'],
    ['list', '0'],
    ['remove', '30'],
    ['undo', '80'],
  ])('tray-mcp %s --help with COLUMNS=%s is what yargs lays out', async (command, columns) => {
    const args = [...(command ? [command] : []), '--help'];
    const env = { COLUMNS: columns };
    const [cached, live] = await Promise.all([runCli(args, { env }), runCli(args, { env: { ...env, TRAY_MCP_HELP_CACHE: 'off' } })]);
    expect(live.code).toBe(0);
    expect(cached.code).toBe(0);
    expect(cached.stderr).toBe('');
    expect(cached.stdout).toBe(live.stdout);
  });

  it('-h after a command is the same text; an unknown command is left to yargs', async () => {
    const r = await runCli(['doctor', '-h']);
    expect(r.stdout).toBe(cache.texts['doctor@80']);
    // yargs answers an unknown command's --help with the top-level help (not in the cache as "doctr")
    const unknown = await runCli(['doctr', '--help'], { env: { TRAY_MCP_HELP_CACHE: 'off' } });
    expect((await runCli(['doctr', '--help'])).stdout).toBe(unknown.stdout);
    expect(unknown.stdout).toBe(cache.texts['@80']);
  });

  // The launcher answers only `--help` and `-h` from the cache: a word that happens to name a property
  // every JavaScript object has (constructor, toString, __proto__…) is not a help flag. `explain
  // constructor` explains the word; `doctor constructor` is an unknown argument (exit 2).
  it.each([[['constructor']], [['__proto__']], [['doctor', 'constructor']], [['explain', 'constructor']], [['explain', 'toString']], [['setup', 'hasOwnProperty']]])(
    'tray-mcp %j is not a request for help: the same answer as yargs gives',
    async (args) => {
      const [cached, live] = await Promise.all([runCli(args), runCli(args, { env: { TRAY_MCP_HELP_CACHE: 'off' } })]);
      expect({ code: cached.code, stdout: cached.stdout, stderr: cached.stderr }).toEqual({ code: live.code, stdout: live.stdout, stderr: live.stderr });
      expect(live.stdout).not.toContain('Options:');
    },
  );

  it('is used only for the build that wrote it', async () => {
    // A copy of the launcher and the bundle, with a help cache that is not this build's, then one that is.
    const dir = mkdtempSync(path.join(tmpdir(), 'tray-mcp-help-'));
    try {
      mkdirSync(path.join(dir, 'bin'));
      mkdirSync(path.join(dir, 'dist'));
      copyFileSync(BIN, path.join(dir, 'bin', 'tray-mcp.cjs'));
      copyFileSync(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'));
      copyFileSync(path.join(ROOT, 'dist', 'tray-mcp.cjs'), path.join(dir, 'dist', 'tray-mcp.cjs'));
      const texts = Object.fromEntries(Object.keys(cache.texts).map((k) => [k, `CACHED ${k}\n`]));
      const run = () => spawnSync(process.execPath, [path.join(dir, 'bin', 'tray-mcp.cjs'), 'undo', '--help'], { env: cleanEnv(), encoding: 'utf8' });
      writeFileSync(path.join(dir, 'dist', 'help.json'), JSON.stringify({ ...cache, build: '0000000000000000', texts }));
      expect(run().stdout).toBe(cache.texts['undo@80']);
      writeFileSync(path.join(dir, 'dist', 'help.json'), JSON.stringify({ ...cache, texts }));
      expect(run().stdout).toBe('CACHED undo@80\n');
      writeFileSync(path.join(dir, 'dist', 'help.json'), '{ broken');
      expect(run().stdout).toBe(cache.texts['undo@80']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // The build (npm run build: also `npm ci` through prepare, and `npm test` through pretest) writes the
  // cache by running the CLI in the builder's environment. Node itself may write to stderr there — a
  // NODE_EXTRA_CA_CERTS that names a missing file (a stale corporate setting) makes every node print
  // "Warning: Ignoring extra certs from …" — and the help yargs prints is the same: the build goes on.
  it('is written by the build even where Node warns on stderr (NODE_EXTRA_CA_CERTS naming a missing file)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tray-mcp-help-build-'));
    try {
      for (const d of ['bin', 'dist', 'scripts']) mkdirSync(path.join(dir, d));
      copyFileSync(BIN, path.join(dir, 'bin', 'tray-mcp.cjs'));
      copyFileSync(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'));
      copyFileSync(path.join(ROOT, 'dist', 'tray-mcp.cjs'), path.join(dir, 'dist', 'tray-mcp.cjs'));
      copyFileSync(path.join(ROOT, 'scripts', 'help-cache.mjs'), path.join(dir, 'scripts', 'help-cache.mjs'));
      const r = spawnSync(process.execPath, [path.join(dir, 'scripts', 'help-cache.mjs')], {
        env: cleanEnv({ NODE_EXTRA_CA_CERTS: path.join(dir, 'no-such-ca.pem') }),
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(r.status, r.stderr.slice(0, 400)).toBe(0);
      const written = JSON.parse(readFileSync(path.join(dir, 'dist', 'help.json'), 'utf8')) as typeof cache;
      expect(written.texts).toEqual(cache.texts);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 150_000);
});

describe('launcher', () => {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string; engines: { node: string }; 'tray-mcp': { bundles: Record<string, string[]> } };

  // package.json "tray-mcp".bundles: a command with a file of its own runs from it (and reads no other
  // main file); every other command, and a command whose file is missing, runs from tray-mcp.cjs.
  it('runs each command from the main file made for it, and from tray-mcp.cjs when there is none', () => {
    const probe = path.join(mkdtempSync(path.join(tmpdir(), 'tray-mcp-probe-')), 'reads.cjs');
    writeFileSync(probe, "const fs = require('fs'); const read = fs.readFileSync; fs.readFileSync = function (f, ...rest) { if (/tray-mcp[\\w-]*\\.cjs$/.test(String(f)) && String(f).includes('dist')) fs.writeSync(2, 'MAIN ' + require('path').basename(String(f)) + '\\n'); return read.call(this, f, ...rest); };\n");
    const home = tempHome().dir;
    const mainsOf = (args: string[], bin = BIN) => {
      const r = spawnSync(process.execPath, ['-r', probe, bin, ...args], { env: cleanEnv({ TRAY_MCP_HELP_CACHE: 'off' }), encoding: 'utf8' });
      expect([0, 1, 2], `${args.join(' ')}: ${r.stderr.slice(0, 400)}`).toContain(r.status);
      return [...r.stderr.matchAll(/^MAIN (\S+)$/gm)].map((m) => m[1]);
    };
    const own = Object.entries(pkg['tray-mcp'].bundles);
    expect(own.map(([f]) => f).sort()).toEqual(['tray-mcp-doctor.cjs', 'tray-mcp-explain.cjs']);
    const argsOf: Record<string, string[]> = { explain: ['explain', '401'], doctor: ['doctor', '--offline', '--home', home], list: ['list', '--home', home], remove: ['remove', '--help'], report: ['report', '--help'] };
    for (const [file, commands] of own) {
      for (const c of commands) expect(mainsOf(argsOf[c]!), c).toEqual([file]);
    }
    for (const args of [['--help'], ['setup', '--help'], ['undo', '--help'], ['doctr']]) expect(mainsOf(args), args.join(' ')).toEqual(['tray-mcp.cjs']);
    // A copy without explain's own file: explain runs from tray-mcp.cjs, as before (and a package.json
    // saved with a BOM, which require() used to skip, is read the same).
    const dir = mkdtempSync(path.join(tmpdir(), 'tray-mcp-mains-'));
    try {
      mkdirSync(path.join(dir, 'bin'));
      mkdirSync(path.join(dir, 'dist'));
      copyFileSync(BIN, path.join(dir, 'bin', 'tray-mcp.cjs'));
      writeFileSync(path.join(dir, 'package.json'), '\uFEFF' + readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
      copyFileSync(path.join(ROOT, 'dist', 'tray-mcp.cjs'), path.join(dir, 'dist', 'tray-mcp.cjs'));
      expect(mainsOf(['explain', '401'], path.join(dir, 'bin', 'tray-mcp.cjs'))).toEqual(['tray-mcp.cjs']);
      const version = spawnSync(process.execPath, [path.join(dir, 'bin', 'tray-mcp.cjs'), '--version'], { env: cleanEnv(), encoding: 'utf8' });
      expect({ code: version.status, out: version.stdout.trim() }).toEqual({ code: 0, out: pkg.version });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // bin/tray-mcp.cjs compares versions itself (no semver at start-up): it reads only ">=X.Y.Z".
  it('V8 accepts the code caches the build wrote (bundle and chunks)', async () => {
    const r = await runCli(['doctor', '--url', 'http://127.0.0.1:9', '--timeout', '500', '--home', tempHome().dir, '--only', 'reachability'], {
      env: { NODE_OPTIONS: `--import=${path.join(ROOT, 'test', 'fixtures', 'trace-modules.mjs')}`, TRAY_MCP_CODE_CACHE: 'check' },
    });
    expect([0, 1]).toContain(r.code);
    expect(r.stderr).not.toMatch(/code-cache: (rejected|missing)/);
    expect(r.stderr).toContain('TRACE-HEAVY undici');
  });

  it('doctor --url through the handshake loads neither Node’s own copy of undici, node:http2 nor WebCrypto (the slim chunks)', async () => {
    const g = await startGateway({ token: CANARY });
    try {
      const r = await runCli(['doctor', '--json', '--url', g.url, '--token', CANARY, '--home', tempHome().dir], {
        env: { NODE_OPTIONS: `--import=${path.join(ROOT, 'test', 'fixtures', 'trace-modules.mjs')}` },
      });
      expect(json(r).results.find((x: { check: string }) => x.check === 'tool-visibility').status).toBe('pass');
      expect(r.stderr).toContain('TRACE-HEAVY undici');
      expect(r.stderr).toContain('TRACE-HEAVY @modelcontextprotocol/client');
      expect(r.stderr).not.toContain('TRACE-HEAVY node:');
    } finally {
      await g.close();
    }
  });

  // The OAuth2 walk (src/net/oauth.ts) builds its request headers and the bounded Response it hands the
  // SDK with the global Headers and Response: Node's own copy of undici (and, through it, node:http2).
  it('doctor --url --oauth loads neither Node’s own copy of undici nor node:http2 either', async () => {
    const g = await startGateway({ token: CANARY });
    try {
      const r = await runCli(['doctor', '--json', '--oauth', '--url', g.url, '--token', CANARY, '--home', tempHome().dir], {
        env: { NODE_OPTIONS: `--import=${path.join(ROOT, 'test', 'fixtures', 'trace-modules.mjs')}` },
      });
      // the walk ran (the fixture has no OAuth2 metadata: it breaks at the resource metadata)
      expect(json(r).additionalResults.find((x: { check: string }) => x.check === 'oauth')).toMatchObject({ status: 'fail', details: { url: expect.any(String) } });
      expect(r.stderr).toContain('TRACE-HEAVY undici');
      expect(r.stderr).not.toContain('TRACE-HEAVY node:');
    } finally {
      await g.close();
    }
  });

  it('--version and the cached --help write their bytes at once: no stream set up, a closed pipe is a quiet exit 0', async () => {
    // a preload that says at exit whether Node's stream module was ever loaded (process.stdout loads it)
    const probe = path.join(mkdtempSync(path.join(tmpdir(), 'tray-mcp-probe-')), 'streams.cjs');
    writeFileSync(probe, "process.on('exit', () => require('fs').writeSync(2, 'STREAM ' + process.moduleLoadList.includes('NativeModule stream') + '\\n'));\n");
    for (const args of [['--version'], ['--help'], ['doctor', '--help']]) {
      const r = spawnSync(process.execPath, ['-r', probe, BIN, ...args], { env: cleanEnv({ COLUMNS: '80' }), encoding: 'utf8' });
      expect(r.status).toBe(0);
      expect(r.stdout.length).toBeGreaterThan(3);
      expect(r.stderr).toBe(process.platform === 'win32' ? 'STREAM true\n' : 'STREAM false\n');
      // the reader gone before a byte is written: EPIPE, said nowhere, exit 0
      const child = spawn(process.execPath, [BIN, ...args], { env: cleanEnv({ COLUMNS: '80' }), stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.destroy();
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      expect(await new Promise((resolve) => child.on('close', resolve))).toBe(0);
      expect(stderr).toBe('');
    }
  });

  it('on pipes, explain, doctor and list write without Node\'s streams (src/lib/stdio.ts); a closed pipe ends them quietly', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tray-mcp-probe-'));
    const probe = path.join(dir, 'streams.cjs');
    writeFileSync(probe, "process.on('exit', () => require('fs').writeSync(2, 'STREAM ' + process.moduleLoadList.includes('NativeModule stream') + '\\n'));\n");
    const home = tempHome();
    home.write('.cursor/mcp.json', JSON.stringify({ mcpServers: { t: { url: `https://${WORKSPACE}.mcp.tray.ai`, headers: { Authorization: `Bearer ${CANARY}` } } } }));
    const empty = tempHome();
    const runs: string[][] = [
      ['explain', 'HTTP 401'],
      ['doctor', '--offline', '--json', '--home', home.dir],
      ['doctor', '--offline', '--home', empty.dir],
      ['list', '--home', home.dir],
    ];
    const codes: number[] = [];
    for (const args of runs) {
      const r = spawnSync(process.execPath, ['-r', probe, BIN, ...args], { env: cleanEnv({ COLUMNS: '80' }), encoding: 'utf8' });
      const code = r.status!;
      codes.push(code);
      expect([0, 1], args.join(' ')).toContain(code);
      expect(r.stdout.length, args.join(' ')).toBeGreaterThan(20);
      if (args.includes('--json')) expect(JSON.parse(r.stdout).results.length).toBeGreaterThan(3);
      // (a URL to judge loads node:net, and with it the stream modules; explain and an empty home need neither)
      if (!args.includes(home.dir)) expect(r.stderr, args.join(' ')).toContain(process.platform === 'win32' ? 'STREAM true' : 'STREAM false');
      expect(leaksCanary(r.stdout + r.stderr)).toBe(false);
      // the reader gone at once: the command's own exit code, nothing but its chatter on stderr
      const child = spawn(process.execPath, [BIN, ...args], { env: cleanEnv({ COLUMNS: '80' }), stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.destroy();
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      expect(await new Promise((resolve) => child.on('close', resolve)), args.join(' ')).toBe(code);
      noStack(stderr);
      expect(stderr).not.toMatch(/cannot write|internal error/);
    }
    expect(codes).toEqual([0, 0, 1, 0]); // (a problem found keeps its exit code 1 through a closed pipe)
  });

  it.skipIf(!existsSync('/dev/full'))('stdout on a full disk (/dev/full): one line and exit 1, never a silent 0', () => {
    const full = openSync('/dev/full', 'w');
    try {
      for (const args of [['--version'], ['explain', 'HTTP 401'], ['doctor', '--offline', '--home', tempHome().dir]]) {
        const r = spawnSync(process.execPath, [BIN, ...args], { env: cleanEnv(), stdio: ['ignore', full, 'pipe'], encoding: 'utf8' });
        expect(r.status, args.join(' ')).toBe(1);
        expect(r.stderr, args.join(' ')).toContain('tray-mcp: cannot write to standard output (ENOSPC)');
        noStack(r.stderr);
      }
    } finally {
      closeSync(full);
    }
  });

  it.skipIf(process.platform === 'win32')('a non-blocking pipe that fills up (EAGAIN): every byte of a large report arrives, in order', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tray-mcp-fifo-'));
    const fifo = path.join(dir, 'out');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const home = tempHome();
    const servers = Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`t${i}`, { url: `https://${WORKSPACE}.mcp.tray.ai`, headers: { Authorization: 'Bearer ${TRAY_TOKEN}' } }]));
    home.write('.cursor/mcp.json', JSON.stringify({ mcpServers: servers }));
    const args = [BIN, 'doctor', '--offline', '--json', '--home', home.dir];
    const rfd = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    const wfd = openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
    const child = spawn(process.execPath, args, { env: cleanEnv(), stdio: ['ignore', wfd, 'pipe'] });
    // The child's start made its stdout blocking again (libuv does): made non-blocking here, after the
    // spawn, on the open file the child shares (a pipe handle sets O_NONBLOCK), long before its Node
    // has started. Then the parent's copy is closed.
    new Socket({ fd: wfd, readable: false, writable: true }).destroy();
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    // not read for a while: the child meets a full pipe (64 KB of megabytes) and EAGAIN
    await new Promise((r) => setTimeout(r, 300));
    const reader = new Socket({ fd: rfd, readable: true, writable: false });
    const parts: Buffer[] = [];
    reader.on('data', (d: Buffer) => parts.push(d));
    await new Promise((resolve) => reader.on('close', resolve));
    const code = await exited;
    const got = Buffer.concat(parts).toString('utf8');
    const want = spawnSync(process.execPath, args, { env: cleanEnv(), encoding: 'utf8', maxBuffer: 64 << 20 });
    expect(got.length).toBeGreaterThan(1 << 20);
    expect(code).toBe(want.status);
    const rows = (text: string) => (JSON.parse(text) as { results: { check: string; subject: string; status: string; message: string }[] }).results.map((r) => [r.check, r.subject, r.status, r.message]);
    expect(rows(got)).toEqual(rows(want.stdout));
    noStack(stderr);
  });

  it('engines.node is a plain minimum the launcher understands', () => {
    expect(pkg.engines.node).toMatch(/^>=\d+(\.\d+){0,2}$/);
  });

  it.each([
    ['18.20.4', 2],
    ['20.18.9', 2],
    [pkg.engines.node.replace(/^>=/, ''), 0],
    ['22.0.0', 0],
  ])('on Node %s it exits %i', async (version, code) => {
    const fake = `Object.defineProperty(process, 'versions', { value: { ...process.versions, node: '${version}' } });
      Object.defineProperty(process, 'version', { value: 'v${version}' });
      process.argv = [process.argv[0], ${JSON.stringify(BIN)}, '--version'];
      require(${JSON.stringify(BIN)});`;
    const child = spawn(process.execPath, ['-e', fake], { env: cleanEnv() });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    expect(await new Promise((resolve) => child.on('close', resolve))).toBe(code);
    if (code) expect(stderr).toBe(`tray-mcp needs Node.js ${pkg.engines.node} but this is v${version}. Install a current Node.js LTS (https://nodejs.org) and try again.\n`);
  });
});

describe('environment', () => {
  it('a deleted working directory still gives a report', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tray-mcp-gone-'));
    const home = tempHome();
    const child = spawn(process.execPath, [BIN, 'doctor', '--offline', '--json', '--home', home.dir], { cwd: dir, env: cleanEnv() });
    rmdirSync(dir);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect([0, 1]).toContain(code);
    expect(doctorReportErrors(JSON.parse(stdout))).toEqual([]);
    noStack(stderr);
  });

  it('spinner only on a real, sized terminal, never with --json or CI', () => {
    expect(spinnerWanted(false, { isTTY: true, columns: 80 }, {})).toBe(true);
    expect(spinnerWanted(false, { isTTY: true, columns: 0 }, {})).toBe(false);
    expect(spinnerWanted(false, { isTTY: true, columns: 80 }, { CI: 'true' })).toBe(false);
    expect(spinnerWanted(true, { isTTY: true, columns: 80 }, {})).toBe(false);
    expect(spinnerWanted(false, { isTTY: false, columns: 80 }, {})).toBe(false);
  });
});
