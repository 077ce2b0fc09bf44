// setup's safety properties, run as a user would: usage errors write nothing; what a killed run left
// behind is cleaned up; parallel runs all land; an unwritable folder names its remedy; symlinked
// configs are written through; VS Code's token never goes on a command line.
import { describe, it, expect, afterAll } from 'vitest';
import { readFileSync, readdirSync, existsSync, writeFileSync, chmodSync, mkdtempSync, symlinkSync, lstatSync, statSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { parse } from 'jsonc-parser';
import { runCli } from '../helpers/cli.js';
import { tempHome, CANARY, WORKSPACE, leaksCanary, type TempHome } from '../helpers/home.js';

const homes: TempHome[] = [];
function home(): TempHome {
  const h = tempHome('tray-setup-safety-');
  homes.push(h);
  return h;
}
afterAll(() => homes.forEach((h) => h.cleanup()));

const posix = process.platform !== 'win32';
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const CURSOR = '.cursor/mcp.json';

function allFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...allFiles(p));
    else out.push(path.relative(dir, p));
  }
  return out;
}

function parseStrict(text: string): any {
  const errors: unknown[] = [];
  const v = parse(text, errors as any, { allowTrailingComma: false, disallowComments: true });
  expect(errors).toEqual([]);
  return v;
}

describe('setup: wrong usage exits 2 and writes nothing', () => {
  const cases: [string, string[], Record<string, string>?][] = [
    ['no terminal and no flags (setup)', ['setup']],
    ['no terminal and no flags (bare tray-mcp)', []],
    ['no terminal and only -w', ['-w', WORKSPACE]],
    ['no terminal and only -t', ['setup', '-t', CANARY]],
    ['a workspace id that is not a UUID', ['setup', '-w', 'not-a-uuid', '-t', CANARY]],
    ['an unsupported client', ['setup', '-w', WORKSPACE, '-t', CANARY, '-c', 'emacs']],
    ['a placeholder token', ['setup', '-w', WORKSPACE, '-t', 'your-api-token-here']],
    ['an empty token', ['setup', '-w', WORKSPACE, '-t', '']],
    ['a token that is an unexpanded $VAR (cmd.exe passes "$TRAY_API_TOKEN" as is)', ['setup', '-w', WORKSPACE, '-t', '$TRAY_API_TOKEN', '-c', 'cursor']],
    ['a token that is an unexpanded %VAR% (cmd.exe, variable not set)', ['setup', '-w', WORKSPACE, '-t', '%TRAY_API_TOKEN%', '-c', 'cursor']],
    ['a token still wrapped in quotes', ['setup', '-w', WORKSPACE, '-t', "'tok123456789'", '-c', 'cursor']],
    ['TRAY_MCP_API_TOKEN holding an unexpanded $VAR', ['setup', '-w', WORKSPACE, '-c', 'cursor'], { TRAY_MCP_API_TOKEN: '$TRAY_API_TOKEN' }],
    ['a server name JavaScript treats specially (__proto__)', ['setup', '-w', WORKSPACE, '-t', CANARY, '-c', 'cursor', '-n', '__proto__']],
    ['a server name JavaScript treats specially (constructor)', ['setup', '-w', WORKSPACE, '-t', CANARY, '-c', 'cursor', '-n', 'constructor']],
    ['an unknown flag', ['setup', '-w', WORKSPACE, '-t', CANARY, '--frobnicate']],
    ['a bad --platform', ['setup', '-w', WORKSPACE, '-t', CANARY, '--platform', 'beos']],
    ['--json without --verify', ['setup', '-w', WORKSPACE, '-t', CANARY, '--json']],
  ];
  for (const [title, args, env] of cases) {
    it(title, async () => {
      const h = home();
      const r = await runCli([...args, '--home', h.dir, '--platform', 'linux'], { env });
      expect(r.code, r.stderr).toBe(2);
      expect(allFiles(h.dir)).toEqual([]);
      expect(r.stderr).toMatch(/^tray-mcp: /m);
      expect(r.stderr).not.toMatch(/\n\s+at .+\(.*:\d+:\d+\)/); // no stack trace
      expect(leaksCanary(r.all)).toBe(false);
    });
  }

  it('says what to do when there is no terminal', async () => {
    const h = home();
    const r = await runCli(['--home', h.dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('needs a terminal');
    expect(r.stderr).toContain('-w/--workspace-id');
    expect(r.stderr).toContain('Nothing was written');
  });

  it('an unexpanded variable as the token: the message says the shell did not expand it and how to write it', async () => {
    const h = home();
    for (const tok of ['$TRAY_API_TOKEN', '%TRAY_API_TOKEN%']) {
      const r = await runCli(['setup', '-w', WORKSPACE, '-t', tok, '-c', 'cursor', '--home', h.dir]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/shell did not expand/);
      expect(r.stderr).toContain('%NAME%');
      expect(r.stderr).toContain('$env:NAME');
      expect(r.stderr).not.toContain('TRAY_API_TOKEN');
    }
    const q = await runCli(['setup', '-w', WORKSPACE, '-t', "'tok123456789'", '-c', 'cursor', '--home', h.dir]);
    expect(q.stderr).toMatch(/quote/);
    expect(q.stderr).not.toContain('tok1234');
    expect(allFiles(h.dir)).toEqual([]);
  });

  it('a HOME that does not exist: exit 1, says so, creates nothing (not even the home)', async () => {
    const base = mkdtempSync(path.join(tmpdir(), 'tray-setup-nohome-'));
    try {
      const missing = path.join(base, 'nonexistent');
      const r = await runCli(['setup', '-w', WORKSPACE, '-t', CANARY, '-c', 'cursor'], { env: { HOME: missing, USERPROFILE: missing } });
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toContain(`home folder ${missing} does not exist`);
      expect(r.stderr).toContain('Nothing was written');
      expect(r.stderr).not.toMatch(/\n\s+at .+\(.*:\d+:\d+\)/);
      expect(existsSync(missing)).toBe(false);
      expect(leaksCanary(r.all)).toBe(false);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });

  it('--home that is not a directory', async () => {
    const r = await runCli(['setup', '-w', WORKSPACE, '-t', CANARY, '--home', path.join(tmpdir(), 'no-such-dir-tray-mcp-xyz')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is not a directory');
  });
});

describe('setup: entry points and token sources', () => {
  it('bare `tray-mcp -w … -t …` is setup in CLI mode', async () => {
    const h = home();
    const r = await runCli(['-w', WORKSPACE, '-t', CANARY, '-c', 'cursor', '--home', h.dir, '--platform', 'linux']);
    expect(r.code, r.stderr).toBe(0);
    expect(parseStrict(readFileSync(h.path(CURSOR), 'utf8')).mcpServers['tray-workspace'].url).toBe(`https://${WORKSPACE}.mcp.tray.ai`);
    expect(leaksCanary(r.all)).toBe(false);
  });

  it('long option names work, and the token may come from TRAY_MCP_API_TOKEN', async () => {
    const h = home();
    const r = await runCli(['setup', '--workspace-id', WORKSPACE.toUpperCase(), '--client', 'windsurf', '--name', 'prod', '--home', h.dir, '--platform', 'darwin'], {
      env: { TRAY_MCP_API_TOKEN: CANARY },
    });
    expect(r.code, r.stderr).toBe(0);
    const doc = parseStrict(readFileSync(h.path('.codeium/windsurf/mcp_config.json'), 'utf8'));
    expect(doc.mcpServers.prod).toEqual({ serverUrl: `https://${WORKSPACE}.mcp.tray.ai`, headers: { Authorization: `Bearer ${CANARY}` } });
    expect(leaksCanary(r.all)).toBe(false);
  });

  it('a pasted workspace URL yields its UUID; a pasted "Bearer " prefix is dropped', async () => {
    const h = home();
    const r = await runCli(['setup', '-w', `https://app.tray.io/workspaces/${WORKSPACE}/projects`, '-t', `Bearer ${CANARY}`, '-c', 'cursor', '--home', h.dir, '--platform', 'linux']);
    expect(r.code, r.stderr).toBe(0);
    const doc = parseStrict(readFileSync(h.path(CURSOR), 'utf8'));
    expect(doc.mcpServers['tray-workspace'].headers.Authorization).toBe(`Bearer ${CANARY}`);
    expect(doc.mcpServers['tray-workspace'].url).toBe(`https://${WORKSPACE}.mcp.tray.ai`);
    expect(leaksCanary(r.all)).toBe(false);
  });

  it('--help lists the options and examples', async () => {
    const r = await runCli(['setup', '--help']);
    expect(r.code).toBe(0);
    for (const s of ['--workspace-id', '-w', '--api-token', '-t', '--name', '-n', '--client', '-c', '--verify', 'Examples:', 'tray-mcp setup -w']) expect(r.stdout).toContain(s);
  });
});

describe('setup: what a killed run left behind', () => {
  // A run killed between writing its temp files and renaming them leaves `.<file>.<pid>.<hex>.tmp`
  // and `.<file>.bak.<pid>.<hex>.tmp` (0600, holding the token) and maybe a lock moved aside. (That
  // the original survives such a kill is tested in test/unit/setup-atomic.test.ts, at the rename.)
  it('every kind is removed by the next run: of dead processes, and of live ones older than the run', async () => {
    const h = home();
    const original = '{\n  "mcpServers": {\n    "other": { "url": "https://x.example/mcp" }\n  }\n}\n';
    const file = h.write(CURSOR, original, 0o600);
    const dir = path.dirname(file);
    const dead = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString());
    const old = new Date(Date.now() - 3600_000);
    const orphans = [
      `.mcp.json.${dead}.a1b2c3d4.tmp`,
      `.mcp.json.bak.${dead}.0badf00d.tmp`,
      `mcp.json.lock.${dead}.abcdef.stale`,
      `.mcp.json.1.deadbeef.tmp`, // pid 1 is alive, but the file is older than the run
      `.mcp.json.bak.1.feedface.tmp`,
    ];
    for (const n of orphans) {
      writeFileSync(path.join(dir, n), `{"token":"${CANARY}"}`, { mode: 0o600 });
      utimesSync(path.join(dir, n), old, old);
    }
    h.write('.cursor/.other.json.123.abcd.tmp', 'not ours to remove');
    const r = await runCli(['setup', '-w', WORKSPACE, '-t', CANARY, '-c', 'cursor', '--home', h.dir, '--platform', 'linux']);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['.other.json.123.abcd.tmp', 'mcp.json', 'mcp.json.bak']);
    expect(readFileSync(`${file}.bak`, 'utf8')).toBe(original);
    expect(leaksCanary(r.all)).toBe(false);
  });
});

describe('setup: concurrent runs', () => {
  it('N parallel CLI-mode runs with different names all land, and the file parses', async () => {
    const h = home();
    const file = h.write(CURSOR, '{ "mcpServers": { "other": { "url": "https://x.example/mcp" } }, "keep": 1 }\n');
    const N = 8;
    const runs = await Promise.all(
      Array.from({ length: N }, (_, i) => runCli(['setup', '-w', WORKSPACE, '-t', CANARY, '-c', 'cursor', '-n', `ws-${i}`, '--home', h.dir, '--platform', 'linux'], { timeoutMs: 60_000 })),
    );
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const doc = parseStrict(readFileSync(file, 'utf8'));
    expect(Object.keys(doc.mcpServers).sort()).toEqual(['other', ...Array.from({ length: N }, (_, i) => `ws-${i}`)].sort());
    expect(doc.keep).toBe(1);
    expect(readdirSync(path.dirname(file)).sort()).toEqual(['mcp.json', 'mcp.json.bak']);
    for (const r of runs) expect(leaksCanary(r.all)).toBe(false);
  });

  it('a lock left by a dead process is taken over', async () => {
    const h = home();
    const file = h.write(CURSOR, '{}');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    writeFileSync(`${file}.lock`, JSON.stringify({ pid: Number(dead), host: (await import('node:os')).hostname(), at: Date.now() }));
    const r = await runCli(['setup', '-w', WORKSPACE, '-t', CANARY, '-c', 'cursor', '--home', h.dir, '--platform', 'linux']);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(`${file}.lock`)).toBe(false);
    expect(parseStrict(readFileSync(file, 'utf8')).mcpServers['tray-workspace']).toBeDefined();
  });
});

describe('setup: where it cannot write', () => {
  it('a file where the config folder should be → exit 1 naming config-dir-not-writable', async () => {
    const h = home();
    h.write('.cursor', 'I am a file'); // ~/.cursor must be a folder
    const r = await runCli(['setup', '-w', WORKSPACE, '-t', CANARY, '-c', 'cursor', '--home', h.dir, '--platform', 'linux']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('config-dir-not-writable');
    expect(r.stderr).toContain('.cursor');
    expect(readFileSync(h.path('.cursor'), 'utf8')).toBe('I am a file');
    expect(leaksCanary(r.all)).toBe(false);
  });

  it.skipIf(!posix || isRoot)('a read-only config folder → exit 1 naming config-dir-not-writable, file untouched (needs a non-root user)', async () => {
    const h = home();
    const original = '{ "mcpServers": {} }';
    const file = h.write(CURSOR, original);
    chmodSync(path.dirname(file), 0o500);
    try {
      const r = await runCli(['setup', '-w', WORKSPACE, '-t', CANARY, '-c', 'cursor', '--home', h.dir, '--platform', 'linux']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('config-dir-not-writable');
      expect(readFileSync(file, 'utf8')).toBe(original);
    } finally {
      chmodSync(path.dirname(file), 0o700);
    }
  });

  it.skipIf(!posix)('a read-only config file (0400) is refused, even as root: exit 1, file and mode untouched; remove refuses it too', async () => {
    const h = home();
    const original = JSON.stringify({ mcpServers: { 'tray-workspace': { url: `https://${WORKSPACE}.mcp.tray.ai`, headers: { Authorization: `Bearer ${CANARY}` } } } }, null, 2);
    const file = h.write(CURSOR, original);
    chmodSync(file, 0o400);
    const r = await runCli(['setup', '-w', WORKSPACE, '-t', CANARY, '-n', 'other', '-c', 'cursor', '--home', h.dir, '--platform', 'linux']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/read-only \(mode 0400\)/);
    expect(readFileSync(file, 'utf8')).toBe(original);
    expect(statSync(file).mode & 0o777).toBe(0o400);
    const rm = await runCli(['remove', 'tray-workspace', '-c', 'cursor', '--home', h.dir, '--platform', 'linux']);
    expect(rm.code).toBe(1);
    expect(rm.stderr).toMatch(/read-only/);
    expect(readFileSync(file, 'utf8')).toBe(original);
    expect(leaksCanary(r.all + rm.all)).toBe(false);
  });

  it('creates missing parent folders with mode 0700', async () => {
    const h = home();
    const r = await runCli(['setup', '-w', WORKSPACE, '-t', CANARY, '-c', 'cline', '--home', h.dir, '--platform', 'linux']);
    expect(r.code, r.stderr).toBe(0);
    if (posix) {
      // Cline 4.0+: ~/.cline/data/settings/cline_mcp_settings.json, three folders deep
      const dir = h.path('.cline/data/settings');
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      expect(statSync(h.path('.cline')).mode & 0o777).toBe(0o700);
    }
  });

  it.skipIf(!posix)('a symlinked config is written through to its target; the link stays a link', async () => {
    const h = home();
    const real = h.write('dotfiles/cursor-mcp.json', '{ "mcpServers": { "other": { "url": "https://x.example" } } }');
    h.mkdir('.cursor');
    symlinkSync(real, h.path(CURSOR));
    const r = await runCli(['setup', '-w', WORKSPACE, '-t', CANARY, '-c', 'cursor', '--home', h.dir, '--platform', 'linux']);
    expect(r.code, r.stderr).toBe(0);
    expect(lstatSync(h.path(CURSOR)).isSymbolicLink()).toBe(true);
    expect(Object.keys(parseStrict(readFileSync(real, 'utf8')).mcpServers).sort()).toEqual(['other', 'tray-workspace']);
    expect(existsSync(`${real}.bak`)).toBe(true);
  });
});

describe.skipIf(!posix)('setup -c vscode never puts the token on a command line', () => {
  const hostUserDir = process.platform === 'darwin' ? 'Library/Application Support/Code/User' : '.config/Code/User';

  /** A real executable named `code` that records its arguments (NUL-separated) when run. */
  function fakeCode(): { bin: string; record: string } {
    const bin = mkdtempSync(path.join(tmpdir(), 'tray-fake-code-'));
    const record = path.join(bin, 'argv.bin');
    writeFileSync(path.join(bin, 'code'), `#!/bin/sh\nfor a in "$@"; do printf '%s\\0' "$a"; done > "${record}"\nexit 0\n`);
    chmodSync(path.join(bin, 'code'), 0o755);
    homes.push({ dir: bin, cleanup: () => rmSync(bin, { recursive: true, force: true }) } as TempHome);
    return { bin, record };
  }

  it('`code` on the PATH is not run (its argv is visible to every user in ps): setup writes the user mcp.json itself', async () => {
    const h = home();
    const { bin, record } = fakeCode();
    const r = await runCli(['setup', '-w', WORKSPACE, '-t', CANARY, '-c', 'vscode', '-n', 'tray-prod'], { env: { HOME: h.dir, PATH: bin } });
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(record)).toBe(false);
    const file = h.path(`${hostUserDir}/mcp.json`);
    expect(parse(readFileSync(file, 'utf8')).servers['tray-prod']).toEqual({ type: 'http', url: `https://${WORKSPACE}.mcp.tray.ai`, headers: { Authorization: `Bearer ${CANARY}` } });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(r.stderr).not.toContain('code --add-mcp');
    expect(leaksCanary(r.all)).toBe(false);
  });

  it('a same-name server keeps its other settings; --no-code-cli (old scripts) is still accepted', async () => {
    const h = home();
    h.write(`${hostUserDir}/mcp.json`, '{ "servers": { "tray-prod": { "type": "http", "url": "https://old.example", "dev": { "watch": "x" } } } }');
    const { bin, record } = fakeCode();
    const r = await runCli(['setup', '-w', WORKSPACE, '-t', CANARY, '-c', 'vscode', '-n', 'tray-prod', '--no-code-cli'], { env: { HOME: h.dir, PATH: bin } });
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(record)).toBe(false);
    expect(parse(readFileSync(h.path(`${hostUserDir}/mcp.json`), 'utf8')).servers['tray-prod']).toEqual({ type: 'http', url: `https://${WORKSPACE}.mcp.tray.ai`, headers: { Authorization: `Bearer ${CANARY}` }, dev: { watch: 'x' } });
    expect(r.stderr).toContain('has been updated');
  });

  it('the user mcp.json is written with its comments preserved', async () => {
    const h = home();
    const empty = mkdtempSync(path.join(tmpdir(), 'tray-empty-path-'));
    homes.push({ dir: empty, cleanup: () => rmSync(empty, { recursive: true, force: true }) } as TempHome);
    const original = '{\n  // my servers\n  "servers": {\n    "fetch": { "type": "stdio", "command": "uvx", "args": ["mcp-server-fetch"] }, // fetch\n  },\n  /* inputs */\n  "inputs": [],\n}\n';
    const file = h.write(`${hostUserDir}/mcp.json`, original);
    const r = await runCli(['setup', '-w', WORKSPACE, '-t', CANARY, '-c', 'vscode'], { env: { HOME: h.dir, PATH: empty } });
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(file, 'utf8');
    for (const c of ['// my servers', '// fetch', '/* inputs */']) expect(text).toContain(c);
    const doc = parse(text);
    expect(doc.servers.fetch).toEqual({ type: 'stdio', command: 'uvx', args: ['mcp-server-fetch'] });
    expect(doc.servers['tray-workspace']).toEqual({ type: 'http', url: `https://${WORKSPACE}.mcp.tray.ai`, headers: { Authorization: `Bearer ${CANARY}` } });
    expect(doc.inputs).toEqual([]);
    expect(readFileSync(`${file}.bak`, 'utf8')).toBe(original);
  });
});
