// How the CLI behaves as a program: usage errors, exit codes, help, what it loads, what it prints.
import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, rmdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { runCli, cleanEnv, json, BIN, ROOT } from '../helpers/cli.js';
import { CANARY, WORKSPACE, leaksCanary, tempHome } from '../helpers/home.js';
import { doctorReportErrors } from '../helpers/schema.js';
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
    '%j loads neither the SDK, undici, ajv nor ora',
    async (args) => {
      const r = await runCli(args as string[], { env: trace });
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

describe('launcher', () => {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
  // bin/tray-mcp.cjs compares versions itself (no semver at start-up): it reads only ">=X.Y.Z".
  it('V8 accepts the code caches the build wrote (bundle and chunks)', async () => {
    const r = await runCli(['doctor', '--url', 'http://127.0.0.1:9', '--timeout', '500', '--home', tempHome().dir, '--only', 'reachability'], {
      env: { NODE_OPTIONS: `--import=${path.join(ROOT, 'test', 'fixtures', 'trace-modules.mjs')}`, TRAY_MCP_CODE_CACHE: 'check' },
    });
    expect([0, 1]).toContain(r.code);
    expect(r.stderr).not.toMatch(/code-cache: (rejected|missing)/);
    expect(r.stderr).toContain('TRACE-HEAVY undici');
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
