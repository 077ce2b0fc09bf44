// Interactive setup typed into a real pseudo-terminal. The pty is driven by Python's standard `pty`
// module (python3 is on every machine of this project's image; tmux is not guaranteed there). The
// driver waits for each prompt, types the answer, and returns everything drawn on the terminal, so
// the test sees exactly what a user would see, including whether the token was echoed.
import { describe, it, expect, afterAll } from 'vitest';
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { parse } from 'jsonc-parser';
import { ptyUnavailable, typeInto } from '../helpers/pty.js';
import { tempHome, CANARY, WORKSPACE, leaksCanary, type TempHome } from '../helpers/home.js';

const SKIP = ptyUnavailable();
if (SKIP) console.warn(`interactive setup tests skipped: ${SKIP}`);

const ENTER = '\r';

/** Each needle appears, in this order. */
function expectInOrder(text: string, needles: string[]): void {
  let at = 0;
  for (const n of needles) {
    const i = text.indexOf(n, at);
    expect(i, `expected ${JSON.stringify(n)} after position ${at} in:\n${text}`).toBeGreaterThanOrEqual(0);
    at = i + n.length;
  }
}

const P = {
  clients: 'Supported clients: claude, claude-code, cursor, windsurf, vscode, cline',
  client: 'Enter client type (default: claude): ',
  ws: 'Enter your Tray.ai Workspace ID (UUID from URL): ',
  token: 'Enter your Tray.ai API Token: ',
  name: 'Enter a name for this MCP server (default: tray-workspace): ',
  overwrite: 'Do you want to overwrite it? (y/n): ',
};

const homes: TempHome[] = [];
function home(): TempHome {
  const h = tempHome('tray-setup-pty-');
  homes.push(h);
  return h;
}
afterAll(() => homes.forEach((h) => h.cleanup()));

const CLAUDE_LINUX = '.config/Claude/claude_desktop_config.json';

describe.skipIf(SKIP !== null)('interactive setup in a pseudo-terminal', () => {
  it('asks in the documented order, re-asks bad answers, hides the token, writes the file', async () => {
    const h = home();
    const s = await typeInto(['--home', h.dir, '--platform', 'linux'], [
      { expect: P.client, send: 'cursr' + ENTER },
      { expect: P.client, send: ENTER },
      { expect: P.ws, send: 'not-a-uuid' + ENTER },
      { expect: P.ws, send: WORKSPACE + ENTER },
      { expect: P.token, send: 'your-api-token-here' + ENTER },
      { expect: P.token, send: CANARY + ENTER },
      { expect: P.name, send: ENTER },
    ]);
    expect(s.error, s.text).toBeNull();
    expect(s.code, s.text).toBe(0);
    expectInOrder(s.text, [
      P.clients,
      P.client,
      '"cursr" is not a supported client',
      P.client,
      P.ws,
      '"not-a-uuid" is not a workspace id',
      P.ws,
      P.token,
      'placeholder',
      P.token,
      P.name,
      '✓ Configuration successfully updated!',
      '📦 Server "tray-workspace" has been added to your Claude Desktop config.',
      '⚠️ Please restart Claude Desktop for the changes to take effect.',
      'Quit Claude Desktop completely',
    ]);
    // What was typed at the token prompt never reached the screen, not even a prefix of it.
    expect(leaksCanary(s.screen)).toBe(false);
    expect(s.screen).not.toContain(CANARY.slice(0, 8));
    expect(s.screen).not.toContain('your-api-token-here');
    expect(s.screen).not.toMatch(/\*{4,}/);
    // ...while what was typed at visible prompts was echoed.
    expect(s.text).toContain(WORKSPACE);
    const doc = JSON.parse(readFileSync(h.path(CLAUDE_LINUX), 'utf8'));
    expect(doc.mcpServers['tray-workspace'].env.AUTH_HEADER).toBe(`Bearer ${CANARY}`);
  });

  it('asks before overwriting: an unclear answer is asked again, "n" changes nothing', async () => {
    const h = home();
    const original = '{\n  "mcpServers": {\n    "tray-workspace": { "url": "https://old.example" }\n  }\n}\n';
    const file = h.write('.cursor/mcp.json', original);
    const s = await typeInto(['--home', h.dir, '--platform', 'linux'], [
      { expect: P.client, send: 'cursor' + ENTER },
      { expect: P.ws, send: WORKSPACE + ENTER },
      { expect: P.token, send: CANARY + ENTER },
      { expect: P.name, send: ENTER },
      { expect: P.overwrite, send: 'maybe' + ENTER },
      { expect: P.overwrite, send: 'n' + ENTER },
    ]);
    expect(s.error, s.text).toBeNull();
    expect(s.code, s.text).toBe(0);
    expectInOrder(s.text, [P.name, '⚠️ Server "tray-workspace" already exists in config.', P.overwrite, 'Answer y (yes) or n (no). Please try again.', P.overwrite, 'Nothing was changed']);
    expect(s.text).not.toContain('Configuration successfully updated');
    expect(readFileSync(file, 'utf8')).toBe(original);
    expect(existsSync(`${file}.bak`)).toBe(false);
    expect(leaksCanary(s.screen)).toBe(false);
  });

  it('"y" overwrites and keeps a backup', async () => {
    const h = home();
    const original = '{\n  "mcpServers": {\n    "tray-workspace": { "url": "https://old.example" },\n    "other": { "url": "https://x.example" }\n  }\n}\n';
    const file = h.write('.cursor/mcp.json', original);
    const s = await typeInto(['--home', h.dir, '--platform', 'linux'], [
      { expect: P.client, send: 'cursor' + ENTER },
      { expect: P.ws, send: WORKSPACE + ENTER },
      { expect: P.token, send: CANARY + ENTER },
      { expect: P.name, send: ENTER },
      { expect: P.overwrite, send: 'y' + ENTER },
    ]);
    expect(s.code, s.text).toBe(0);
    expect(s.text).toContain('📦 Server "tray-workspace" has been updated in your Cursor config.');
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    expect(doc.mcpServers.other).toEqual({ url: 'https://x.example' });
    expect(doc.mcpServers['tray-workspace'].headers.Authorization).toBe(`Bearer ${CANARY}`);
    expect(readFileSync(`${file}.bak`, 'utf8')).toBe(original);
    expect(leaksCanary(s.screen)).toBe(false);
  });

  it('asks only for what the flags left out', async () => {
    const h = home();
    const s = await typeInto(['setup', '-c', 'windsurf', '-n', 'prod-ws', '--home', h.dir, '--platform', 'darwin'], [
      { expect: P.ws, send: WORKSPACE + ENTER },
      { expect: P.token, send: CANARY + ENTER },
    ]);
    expect(s.code, s.text).toBe(0);
    expect(s.text).not.toContain(P.client);
    expect(s.text).not.toContain(P.name);
    const doc = JSON.parse(readFileSync(h.path('.codeium/windsurf/mcp_config.json'), 'utf8'));
    expect(Object.keys(doc.mcpServers)).toEqual(['prod-ws']);
    expect(leaksCanary(s.screen)).toBe(false);
  });

  it('Ctrl-C at the token prompt cancels and writes nothing', async () => {
    const h = home();
    const s = await typeInto(['--home', h.dir, '--platform', 'linux'], [
      { expect: P.client, send: 'claude-code' + ENTER },
      { expect: P.ws, send: WORKSPACE + ENTER },
      { expect: P.token, send: CANARY.slice(0, 10) + '\x03' },
    ]);
    expect(s.code, s.text).toBe(130);
    expect(s.text).toContain('Setup cancelled; nothing was written.');
    expect(readdirSync(h.dir)).toEqual([]);
    expect(s.screen).not.toContain(CANARY.slice(0, 10));
  });

  it('an unparseable config stops setup before the workspace question', async () => {
    const h = home();
    const broken = '{ "mcpServers": { ';
    const file = h.write('.cursor/mcp.json', broken);
    const s = await typeInto(['--home', h.dir, '--platform', 'linux'], [{ expect: P.client, send: 'cursor' + ENTER }]);
    expect(s.code, s.text).toBe(1);
    expect(s.text).toContain('untouched');
    expect(s.text).not.toContain(P.ws);
    expect(readFileSync(file, 'utf8')).toBe(broken);
  });

  it('a VS Code JSONC file typed into interactively keeps its comments', async () => {
    const h = home();
    const original = '// mine\n{\n  "servers": {}, // none yet\n}\n';
    const file = h.write('.config/Code/User/mcp.json', original);
    const s = await typeInto(['--home', h.dir, '--platform', 'linux'], [
      { expect: P.client, send: 'vscode' + ENTER },
      { expect: P.ws, send: WORKSPACE + ENTER },
      { expect: P.token, send: CANARY + ENTER },
      { expect: P.name, send: 'tray-dev' + ENTER },
    ]);
    expect(s.code, s.text).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('// mine');
    expect(text).toContain('// none yet');
    expect(parse(text).servers['tray-dev'].type).toBe('http');
  });
});
