// setup in CLI mode, for every client on every platform (--home/--platform), from each starting
// point: no file, a file with other servers and keys, a same-name server, an unparseable file.
// Expected paths and entry shapes are written out here, not taken from the catalog, so a catalog
// regression fails this test.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { parse } from 'jsonc-parser';
import { runCli } from '../helpers/cli.js';
import { tempHome, CANARY, WORKSPACE, leaksCanary, type TempHome } from '../helpers/home.js';

type Client = 'claude' | 'claude-code' | 'cursor' | 'windsurf' | 'vscode' | 'cline' | 'gemini' | 'codex' | 'zed' | 'continue' | 'goose' | 'opencode' | 'kilo-code'
  | 'roo-code' | 'copilot-cli' | 'amazon-q' | 'visual-studio' | 'vscode-insiders' | 'kiro' | 'warp' | 'lm-studio';
type Platform = 'darwin' | 'win32' | 'linux';
const PLATFORMS: Platform[] = ['darwin', 'win32', 'linux'];
const CLIENTS: Client[] = [
  'claude', 'claude-code', 'cursor', 'windsurf', 'vscode', 'cline', 'gemini', 'zed', 'opencode', 'kilo-code',
  'roo-code', 'copilot-cli', 'amazon-q', 'visual-studio', 'vscode-insiders', 'kiro', 'warp', 'lm-studio',
];
/** Visual Studio runs on Windows only (setup refuses the others: see below). */
const runsOn = (c: Client, p: Platform) => c !== 'visual-studio' || p === 'win32';
const URL_ = `https://${WORKSPACE}.mcp.tray.ai`;
const CLINE = 'globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json';
/** The names the completion message uses (written out: a catalog regression fails this test). */
const NAMES: Record<Client, string> = { claude: 'Claude Desktop', 'claude-code': 'Claude Code', cursor: 'Cursor', windsurf: 'Windsurf', vscode: 'VS Code', cline: 'Cline', gemini: 'Gemini CLI', codex: 'Codex CLI', zed: 'Zed', continue: 'Continue', goose: 'Goose', opencode: 'OpenCode', 'kilo-code': 'Kilo Code',
  'roo-code': 'Roo Code', 'copilot-cli': 'GitHub Copilot CLI', 'amazon-q': 'Amazon Q Developer', 'visual-studio': 'Visual Studio',
  'vscode-insiders': 'VS Code Insiders', kiro: 'Kiro', warp: 'Warp', 'lm-studio': 'LM Studio',
};

const appSupport: Record<Platform, string> = { darwin: 'Library/Application Support', win32: 'AppData/Roaming', linux: '.config' };

function expectedPath(c: Client, p: Platform): string {
  switch (c) {
    case 'claude':
      return `${appSupport[p]}/Claude/claude_desktop_config.json`;
    case 'claude-code':
      return '.claude.json';
    case 'cursor':
      return '.cursor/mcp.json';
    case 'windsurf':
      return '.codeium/windsurf/mcp_config.json';
    case 'vscode':
      return `${appSupport[p]}/Code/User/mcp.json`;
    case 'cline':
      // Cline 4.0+ keeps one settings file for every editor (the per-editor file below is read too)
      return '.cline/data/settings/cline_mcp_settings.json';
    case 'gemini':
      return '.gemini/settings.json';
    case 'codex':
      return '.codex/config.toml';
    case 'zed':
      return p === 'win32' ? 'AppData/Roaming/Zed/settings.json' : '.config/zed/settings.json';
    case 'continue':
      return '.continue/config.yaml';
    case 'goose':
      return p === 'win32' ? 'AppData/Roaming/Block/goose/config/config.yaml' : '.config/goose/config.yaml';
    case 'opencode':
      // xdg-basedir's ~/.config on every platform
      return '.config/opencode/opencode.json';
    case 'kilo-code':
      return '.config/kilo/kilo.jsonc';
    case 'roo-code':
      // VS Code's global storage folder for RooVeterinaryInc.roo-cline, lower-cased
      return `${appSupport[p]}/Code/User/globalStorage/rooveterinaryinc.roo-cline/settings/mcp_settings.json`;
    case 'copilot-cli':
      return '.copilot/mcp-config.json';
    case 'amazon-q':
      return '.aws/amazonq/mcp.json';
    case 'visual-studio':
      return '.mcp.json';
    case 'vscode-insiders':
      return `${appSupport[p]}/Code - Insiders/User/mcp.json`;
    case 'kiro':
      return '.kiro/settings/mcp.json';
    case 'warp':
      return '.warp/.mcp.json';
    case 'lm-studio':
      return '.lmstudio/mcp.json';
  }
}

const rootKey = (c: Client) =>
  c === 'vscode' || c === 'vscode-insiders' || c === 'visual-studio' ? 'servers' : c === 'zed' ? 'context_servers' : c === 'codex' ? 'mcp_servers' : c === 'opencode' || c === 'kilo-code' ? 'mcp' : 'mcpServers';

function expectedEntry(c: Client, token = CANARY): unknown {
  const headers = { Authorization: `Bearer ${token}` };
  switch (c) {
    case 'claude':
      return { command: 'npx', args: ['-y', 'mcp-remote', URL_, '--header', 'Authorization:${AUTH_HEADER}'], env: { AUTH_HEADER: `Bearer ${token}` } };
    case 'claude-code':
    case 'vscode':
      return { type: 'http', url: URL_, headers };
    case 'cursor':
      return { url: URL_, headers };
    case 'windsurf':
      return { serverUrl: URL_, headers };
    case 'cline':
      return { type: 'streamableHttp', url: URL_, headers };
    case 'gemini':
      return { httpUrl: URL_, headers };
    case 'codex':
      return { url: URL_, http_headers: headers };
    case 'zed':
      return { url: URL_, headers };
    case 'continue':
      return { name: 'tray-workspace', type: 'streamable-http', url: URL_, apiKey: token };
    case 'goose':
      return { name: 'tray-workspace', type: 'streamable_http', uri: URL_, headers, enabled: true, description: '', timeout: 300 };
    case 'opencode':
    case 'kilo-code':
      return { type: 'remote', url: URL_, headers };
    case 'roo-code':
      return { type: 'streamable-http', url: URL_, headers };
    case 'copilot-cli':
      return { type: 'http', url: URL_, headers, tools: ['*'] };
    case 'amazon-q':
    case 'visual-studio':
    case 'vscode-insiders':
      return { type: 'http', url: URL_, headers };
    case 'kiro':
    case 'warp':
    case 'lm-studio':
      return { url: URL_, headers };
  }
}

/** A realistic existing file with other servers and other keys (JSONC with comments for VS Code). */
function existingText(c: Client, withSameName = false): string {
  const same = withSameName ? `,\n    "tray-workspace": { "url": "https://old.example", "headers": { "Authorization": "Bearer OLD-token-aaaaaaaa1111" } }` : '';
  switch (c) {
    case 'claude':
      return `{\n  "globalShortcut": "Ctrl+Space",\n  "mcpServers": {\n    "filesystem": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "/Users/me/Desktop"] }${same}\n  },\n  "preferences": { "menuBar": true, "list": [1, 2.5, { "x": null }] }\n}\n`;
    case 'claude-code':
      return `{\n  "numStartups": 42,\n  "installMethod": "npm",\n  "projects": {\n    "/home/me/proj": { "mcpServers": { "local-one": { "type": "stdio", "command": "node", "args": ["srv.js"] } }, "allowedTools": [], "hasTrustDialogAccepted": true }\n  },\n  "mcpServers": {\n    "github": { "type": "http", "url": "https://api.example.com/mcp" }${same}\n  },\n  "tipsHistory": { "a": 1 },\n  "userID": "abc123"\n}\n`;
    case 'visual-studio':
      return `{\n  "servers": {\n    "other": { "type": "stdio", "command": "node", "args": ["x.js"] }${same}\n  },\n  "inputs": []\n}\n`;
    case 'vscode':
    case 'vscode-insiders':
      return `// VS Code user MCP servers\n{\n  "inputs": [\n    { "type": "promptString", "id": "key", "description": "API key", "password": true }, // keep me\n  ],\n  "servers": {\n    /* the fetch server */\n    "fetch": { "type": "stdio", "command": "uvx", "args": ["mcp-server-fetch"] },${same ? same.slice(1) + ',' : ''}\n  },\n}\n`;
    case 'cline':
      return `{\n  "mcpServers": {\n    "other": { "type": "stdio", "command": "node", "args": ["x.js"], "disabled": false, "autoApprove": [] }${same}\n  }\n}\n`;
    case 'zed':
      return `// Zed settings\n{\n  "theme": "One Dark",\n  "context_servers": {\n    "other": { "command": "node", "args": ["x.js"] }, // keep me${same ? same.slice(1) + ',' : ''}\n  },\n}\n`;
    case 'opencode':
    case 'kilo-code':
      return `{\n  "$schema": "https://opencode.ai/config.json",\n  // my servers\n  "mcp": {\n    "other": { "type": "local", "command": ["node", "x.js"], "environment": { "A": "1" } }${same ? same.replace('"url"', '"type": "remote", "url"') : ''}\n  },\n  "model": "anthropic/claude-sonnet-4-5",\n}\n`;
    default:
      return `{\n  "mcpServers": {\n    "other": { "command": "node", "args": ["x.js"], "env": { "A": "1" } }${same}\n  },\n  "someSetting": { "nested": [true, false] }\n}\n`;
  }
}

function parseAny(text: string): any {
  const errors: any[] = [];
  const v = parse(text, errors, { allowTrailingComma: true });
  expect(errors).toEqual([]);
  return v;
}

function leftovers(file: string): string[] {
  const dir = path.dirname(file);
  const base = path.basename(file);
  return readdirSync(dir).filter((n) => n !== base && n !== `${base}.bak` && n.includes(base));
}

const mode = (p: string) => statSync(p).mode & 0o777;
const posix = process.platform !== 'win32';

function setup(h: TempHome, c: Client, p: Platform, extra: string[] = []) {
  return runCli(['setup', '-w', WORKSPACE, '-t', CANARY, '-c', c, '--home', h.dir, '--platform', p, ...extra]);
}

describe.concurrent('setup CLI mode: every client × platform', () => {
  const homes: TempHome[] = [];
  const home = () => {
    const h = tempHome('tray-setup-e2e-');
    homes.push(h);
    return h;
  };
  afterAll(() => homes.forEach((h) => h.cleanup()));

  // Every client writes on every platform it runs on (the paths and restart hints differ by platform).
  // Editing an existing file is the same code whatever the platform (only the path differs): each
  // client edits on one of its platforms, taken in turn, so every platform edits for some clients.
  for (const [i, c] of CLIENTS.entries()) {
    const platforms = PLATFORMS.filter((x) => runsOn(c, x));
    for (const p of platforms) {
      it(`${c} on ${p}: no file → creates it (0600, no backup)`, async () => {
        const h = home();
        const r = await setup(h, c, p);
        expect(r.code, r.stderr).toBe(0);
        const file = h.path(expectedPath(c, p));
        const doc = parseAny(readFileSync(file, 'utf8'));
        expect(doc).toEqual({ [rootKey(c)]: { 'tray-workspace': expectedEntry(c) } });
        if (posix) expect(mode(file)).toBe(0o600);
        expect(existsSync(`${file}.bak`)).toBe(false);
        expect(leftovers(file)).toEqual([]);
        expect(r.stderr).toContain('✓ Configuration successfully updated!');
        expect(r.stderr).toContain(`📦 Server "tray-workspace" has been added to your ${NAMES[c]} config.`);
        expect(r.stderr).toContain(`⚠️ Please restart ${NAMES[c]} for the changes to take effect.`);
        expect(r.stderr).toContain(`tray-mcp doctor --client ${c} `);
        if (c === 'claude') expect(r.stderr).toContain(p === 'darwin' ? 'Cmd+Q' : p === 'win32' ? 'notification area' : 'File → Quit');
        if (c === 'claude' && p !== 'darwin') expect(r.stderr).not.toContain('Cmd+Q');
        expect(leaksCanary(r.all)).toBe(false);
      });

    }
    {
      const p = platforms[i % platforms.length]!;
      it(`${c} on ${p}: keeps other servers and keys, backs up the old file`, async () => {
        const h = home();
        const original = existingText(c);
        const file = h.write(expectedPath(c, p), original, 0o644);
        const r = await setup(h, c, p, ['-n', 'production-mcp']);
        expect(r.code, r.stderr).toBe(0);
        const text = readFileSync(file, 'utf8');
        const before = parseAny(original);
        const after = parseAny(text);
        for (const k of Object.keys(before)) {
          if (k !== rootKey(c)) expect(after[k], `key ${k}`).toEqual(before[k]);
        }
        expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
        expect(after[rootKey(c)]).toEqual({ ...before[rootKey(c)], 'production-mcp': expectedEntry(c) });
        if (c === 'vscode' || c === 'vscode-insiders') {
          for (const comment of ['// VS Code user MCP servers', '// keep me', '/* the fetch server */']) expect(text).toContain(comment);
        }
        if (c === 'zed') for (const comment of ['// Zed settings', '// keep me']) expect(text).toContain(comment);
        if (c === 'opencode' || c === 'kilo-code') expect(text).toContain('// my servers');
        expect(readFileSync(`${file}.bak`, 'utf8')).toBe(original);
        if (posix) {
          expect(mode(file)).toBe(0o600);
          expect(mode(`${file}.bak`)).toBe(0o600);
        }
        expect(leftovers(file)).toEqual([]);
        expect(leaksCanary(r.all)).toBe(false);
      });

      it(`${c} on ${p}: same-name server → overwritten without asking; the backup holds the old`, async () => {
        const h = home();
        const original = existingText(c, true);
        const file = h.write(expectedPath(c, p), original);
        const r = await setup(h, c, p);
        expect(r.code, r.stderr).toBe(0);
        const after = parseAny(readFileSync(file, 'utf8'));
        const before = parseAny(original);
        expect(after[rootKey(c)]['tray-workspace']).toEqual(expectedEntry(c));
        expect(Object.keys(after[rootKey(c)]).sort()).toEqual(Object.keys(before[rootKey(c)]).sort());
        expect(readFileSync(`${file}.bak`, 'utf8')).toBe(original);
        expect(r.stderr).toContain(`📦 Server "tray-workspace" has been updated in your ${NAMES[c]} config.`);
        expect(r.all).not.toContain('OLD-token-aaaaaaaa1111');
        expect(leaksCanary(r.all)).toBe(false);
      });

      it(`${c} on ${p}: unparseable file → left untouched, exit 1`, async () => {
        const h = home();
        const broken = `{\n  "mcpServers": {\n    "other": { "url": "https://x.example" \n  \n`;
        const file = h.write(expectedPath(c, p), broken, 0o640);
        const r = await setup(h, c, p);
        expect(r.code, r.stderr).toBe(1);
        expect(readFileSync(file, 'utf8')).toBe(broken);
        if (posix) expect(mode(file)).toBe(0o640);
        expect(existsSync(`${file}.bak`)).toBe(false);
        expect(leftovers(file)).toEqual([]);
        expect(r.stderr).toMatch(/line \d+, column \d+/);
        expect(r.stderr).toContain('untouched');
        expect(r.stdout).toBe('');
        expect(leaksCanary(r.all)).toBe(false);
      });
    }
  }
});

describe.concurrent('setup CLI mode: Codex CLI (TOML) on every platform', () => {
  const homes: TempHome[] = [];
  afterAll(() => homes.forEach((h) => h.cleanup()));
  const toml = createRequire(import.meta.url)('@decimalturn/toml-patch') as { parse(t: string): any };
  const EXISTING = [
    '# my Codex settings',
    'model = "o3" # keep this comment',
    '',
    '[mcp_servers.other]',
    'command = "node"',
    'args = ["x.js"]',
    '',
    '[profiles.fast]',
    'model = "gpt-5"',
    '',
  ].join('\n');
  for (const p of PLATFORMS) {
    it(`codex on ${p}: new file, then added beside other tables, then replaced in place; comments kept`, async () => {
      const h = tempHome('tray-setup-codex-');
      homes.push(h);
      const file = h.path(expectedPath('codex', p));
      let r = await setup(h, 'codex', p);
      expect(r.code, r.stderr).toBe(0);
      expect(toml.parse(readFileSync(file, 'utf8'))).toEqual({ mcp_servers: { 'tray-workspace': expectedEntry('codex') } });
      if (posix) expect(mode(file)).toBe(0o600);

      h.write(expectedPath('codex', p), EXISTING, 0o644);
      r = await setup(h, 'codex', p);
      expect(r.code, r.stderr).toBe(0);
      let text = readFileSync(file, 'utf8');
      expect(text.startsWith(EXISTING.trimEnd())).toBe(true); // everything before stays as it was
      for (const c of ['# my Codex settings', '# keep this comment']) expect(text).toContain(c);
      let doc = toml.parse(text);
      expect(doc).toMatchObject({ model: 'o3', profiles: { fast: { model: 'gpt-5' } }, mcp_servers: { other: { command: 'node', args: ['x.js'] }, 'tray-workspace': expectedEntry('codex') } });
      expect(readFileSync(`${file}.bak`, 'utf8')).toBe(EXISTING);

      // a same-name server with its own settings: replaced in place, startup_timeout_sec kept
      h.write(expectedPath('codex', p), EXISTING + '\n[mcp_servers.tray-workspace]\nurl = "https://old.example"\nstartup_timeout_sec = 30\n');
      r = await setup(h, 'codex', p, ['-t', 'NEWTOKEN-abcdef123456']);
      expect(r.code, r.stderr).toBe(0);
      text = readFileSync(file, 'utf8');
      doc = toml.parse(text);
      expect(doc.mcp_servers['tray-workspace']).toEqual({ url: URL_, http_headers: { Authorization: 'Bearer NEWTOKEN-abcdef123456' }, startup_timeout_sec: 30 });
      expect(text).toContain('# keep this comment');
      expect(leaksCanary(r.all)).toBe(false);
      expect(r.all).not.toContain('NEWTOKEN-abcdef123456');

      // and doctor passes what setup wrote
      const d = await runCli(['doctor', '--offline', '--json', '--home', h.dir, '--platform', p, '--client', 'codex']);
      const rows = JSON.parse(d.stdout).results.filter((x: any) => x.check === 'tray-servers');
      expect(rows).toMatchObject([{ subject: 'codex › tray-workspace', status: 'pass' }]);
    });
  }
});

describe.concurrent('setup CLI mode: YAML clients (Continue, Goose) on every platform', () => {
  const homes: TempHome[] = [];
  afterAll(() => homes.forEach((h) => h.cleanup()));
  const yaml = createRequire(import.meta.url)('yaml') as { parse(t: string): any };
  const EXISTING: Record<'continue' | 'goose', string> = {
    continue: [
      '# my Continue config',
      'name: Local Config # keep this comment',
      'version: 1.0.0',
      'schema: v1',
      'models:',
      '  - name: gpt',
      '    provider: openai',
      'mcpServers:',
      '  - uses: anthropic/memory-mcp',
      '  - name: other',
      '    command: npx',
      '    args: ["-y", "x"]',
      '',
    ].join('\n'),
    goose: [
      '# my Goose config',
      'GOOSE_MODE: smart_approve # keep this comment',
      'extensions:',
      '  developer:',
      '    type: builtin',
      '    name: developer',
      '    enabled: true',
      '  other:',
      '    type: stdio',
      '    name: other',
      '    enabled: true',
      '    cmd: npx',
      '    args: ["-y", "x"]',
      '',
    ].join('\n'),
  };
  /** the servers of a parsed file, by name (Continue: its list; Goose: its map) */
  const servers = (c: 'continue' | 'goose', doc: any): Record<string, any> =>
    c === 'continue' ? Object.fromEntries(doc.mcpServers.filter((s: any) => s.name).map((s: any) => [s.name, s])) : doc.extensions;
  for (const c of ['continue', 'goose'] as const) {
    for (const p of PLATFORMS) {
      it(`${c} on ${p}: new file, then added beside other servers, then replaced in place; comments kept; doctor passes`, async () => {
        const h = tempHome(`tray-setup-${c}-`);
        homes.push(h);
        const file = h.path(expectedPath(c, p));
        let r = await setup(h, c, p);
        expect(r.code, r.stderr).toBe(0);
        let doc = yaml.parse(readFileSync(file, 'utf8'));
        expect(doc).toEqual(c === 'continue' ? { name: 'Main Config', version: '1.0.0', schema: 'v1', mcpServers: [expectedEntry(c)] } : { extensions: { 'tray-workspace': expectedEntry(c) } });
        if (posix) expect(mode(file)).toBe(0o600);
        expect(r.stderr).toContain(`📦 Server "tray-workspace" has been added to your ${NAMES[c]} config.`);

        h.write(expectedPath(c, p), EXISTING[c], 0o644);
        r = await setup(h, c, p);
        expect(r.code, r.stderr).toBe(0);
        let text = readFileSync(file, 'utf8');
        for (const comment of [`# my ${NAMES[c]} config`, '# keep this comment']) expect(text).toContain(comment);
        doc = yaml.parse(text);
        const before = yaml.parse(EXISTING[c]);
        for (const k of Object.keys(before)) if (k !== 'mcpServers' && k !== 'extensions') expect(doc[k], k).toEqual(before[k]);
        expect(servers(c, doc)).toEqual({ ...servers(c, before), 'tray-workspace': expectedEntry(c) });
        if (c === 'continue') expect(doc.mcpServers[0]).toEqual({ uses: 'anthropic/memory-mcp' });
        expect(readFileSync(`${file}.bak`, 'utf8')).toBe(EXISTING[c]);

        // a same-name server (switched off, with its own settings): replaced where it stands, settings kept, on again
        const old = c === 'continue'
          ? EXISTING[c].replace('  - uses:', '  - name: tray-workspace\n    type: sse\n    url: https://old.example/sse\n    apiKey: OLD-token-aaaaaaaa1111\n    connectionTimeout: 30\n  - uses:')
          : EXISTING[c].replace('  other:', '  tray-workspace:\n    type: streamable_http\n    name: tray-workspace\n    enabled: false\n    uri: https://old.example/mcp\n    headers: { Authorization: Bearer OLD-token-aaaaaaaa1111 }\n    available_tools: [a]\n  other:');
        h.write(expectedPath(c, p), old);
        r = await setup(h, c, p);
        expect(r.code, r.stderr).toBe(0);
        text = readFileSync(file, 'utf8');
        doc = yaml.parse(text);
        const kept = c === 'continue' ? { connectionTimeout: 30 } : { available_tools: ['a'] };
        expect(servers(c, doc)['tray-workspace']).toEqual({ ...(expectedEntry(c) as object), ...kept });
        if (c === 'continue') expect(doc.mcpServers.map((s: any) => s.name ?? s.uses)).toEqual(['tray-workspace', 'anthropic/memory-mcp', 'other']);
        else expect(Object.keys(doc.extensions)).toEqual(['developer', 'tray-workspace', 'other']);
        expect(r.stderr).toContain(`📦 Server "tray-workspace" has been updated in your ${NAMES[c]} config.`);
        if (c === 'goose') expect(r.stderr).toContain('switched off ("enabled": false); it is switched on again');
        expect(r.all).not.toContain('OLD-token-aaaaaaaa1111');
        expect(leaksCanary(r.all)).toBe(false);

        const d = await runCli(['doctor', '--offline', '--json', '--home', h.dir, '--platform', p, '--client', c]);
        const rows = JSON.parse(d.stdout).results.filter((x: any) => ['config-json', 'config-schema', 'tray-servers'].includes(x.check));
        expect(rows.map((x: any) => [x.check, x.status])).toEqual([['config-json', 'pass'], ['config-schema', 'pass'], ['tray-servers', 'pass']]);
        expect(rows[2].subject).toBe(`${c} › tray-workspace`);
        expect(leaksCanary(d.all)).toBe(false);
      });

      it(`${c} on ${p}: a broken YAML file is left untouched (exit 1, with its line)`, async () => {
        const h = tempHome(`tray-setup-${c}-`);
        homes.push(h);
        const broken = c === 'continue' ? 'name: a\nmcpServers:\n  - name: b\n   command: x\n' : 'extensions:\n  a: [1, 2\nGOOSE_MODE: auto\n';
        const file = h.write(expectedPath(c, p), broken, 0o640);
        const r = await setup(h, c, p);
        expect(r.code, r.stderr).toBe(1);
        expect(readFileSync(file, 'utf8')).toBe(broken);
        expect(existsSync(`${file}.bak`)).toBe(false);
        expect(r.stderr).toMatch(/not valid YAML at line \d+, column \d+/);
        expect(r.stderr).toContain('untouched');
        expect(leaksCanary(r.all)).toBe(false);
      });
    }
  }
});

describe.concurrent('setup CLI mode: a client that does not run on the platform', () => {
  for (const p of ['darwin', 'linux'] as const) {
    it(`visual-studio on ${p}: usage error (exit 2), nothing written`, async () => {
      const h = tempHome('tray-setup-vs-');
      try {
        const r = await setup(h, 'visual-studio', p);
        expect(r.code, r.stderr).toBe(2);
        expect(r.stderr).toContain(`Visual Studio runs only on Windows, not on ${p === 'darwin' ? 'macOS' : 'Linux'}`);
        expect(r.stderr).toContain('--platform win32');
        expect(r.stderr).not.toMatch(/^\s+at /m);
        expect(readdirSync(h.dir)).toEqual([]);
        expect(leaksCanary(r.all)).toBe(false);
      } finally {
        h.cleanup();
      }
    });
  }
});

describe('setup CLI mode: replacing a same-name server keeps the settings setup does not control', () => {
  let h: TempHome;
  beforeAll(() => {
    h = tempHome('tray-setup-e2e-');
  });
  afterAll(() => h.cleanup());

  it('Cline: autoApprove, timeout and other keys stay; "disabled" goes, and the message says it is on again', async () => {
    const rel = expectedPath('cline', 'linux');
    const old = { type: 'sse', url: 'https://old.example', headers: { Authorization: 'Bearer OLD-token-aaaaaaaa1111', 'X-Team': 'ops' }, autoApprove: ['list_tools'], alwaysAllow: [], timeout: 120, disabled: true };
    const file = h.write(rel, JSON.stringify({ mcpServers: { 'tray-workspace': old, other: { command: 'node' } } }, null, 2));
    const r = await setup(h, 'cline', 'linux');
    expect(r.code, r.stderr).toBe(0);
    const after = parseAny(readFileSync(file, 'utf8'));
    const want = expectedEntry('cline') as any;
    expect(after.mcpServers['tray-workspace']).toEqual({ ...want, headers: { ...want.headers, 'X-Team': 'ops' }, autoApprove: ['list_tools'], alwaysAllow: [], timeout: 120 });
    expect(after.mcpServers.other).toEqual({ command: 'node' });
    expect(r.stderr).toContain('Kept the server\'s other settings: autoApprove, alwaysAllow, timeout, headers.X-Team.');
    expect(r.stderr).toContain('switched on again');
    expect(r.all).not.toContain('OLD-token-aaaaaaaa1111');
    expect(leaksCanary(r.all)).toBe(false);
  });

  it('an entry that was not disabled: no "switched on" line', async () => {
    const rel = expectedPath('cursor', 'linux');
    h.write(rel, JSON.stringify({ mcpServers: { 'tray-workspace': { url: 'https://old.example', timeout: 5 } } }));
    const r = await setup(h, 'cursor', 'linux');
    expect(r.code, r.stderr).toBe(0);
    expect(parseAny(readFileSync(h.path(rel), 'utf8')).mcpServers['tray-workspace'].timeout).toBe(5);
    expect(r.stderr).not.toContain('switched on again');
  });
});

describe('setup CLI mode: strict JSON clients refuse comments, VS Code accepts them', () => {
  let h: TempHome;
  beforeAll(() => {
    h = tempHome('tray-setup-e2e-');
  });
  afterAll(() => h.cleanup());

  it('a Cursor file with a comment is not valid for Cursor: untouched, exit 1', async () => {
    const text = '{\n  // a comment\n  "mcpServers": {}\n}\n';
    const file = h.write('.cursor/mcp.json', text);
    const r = await setup(h, 'cursor', 'linux');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/comments are not allowed/i);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('an empty file is treated as a new one (and still backed up)', async () => {
    const file = h.write('.codeium/windsurf/mcp_config.json', '\n');
    const r = await setup(h, 'windsurf', 'linux');
    expect(r.code, r.stderr).toBe(0);
    expect(parseAny(readFileSync(file, 'utf8'))).toEqual({ mcpServers: { 'tray-workspace': expectedEntry('windsurf') } });
    expect(readFileSync(`${file}.bak`, 'utf8')).toBe('\n');
  });

  it('a file whose server map is not an object is left untouched', async () => {
    const text = '{ "mcpServers": [] }';
    const file = h.write('.cursor/mcp.json', text);
    const r = await setup(h, 'cursor', 'darwin');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('"mcpServers" is not an object');
    expect(readFileSync(file, 'utf8')).toBe(text);
  });
});
