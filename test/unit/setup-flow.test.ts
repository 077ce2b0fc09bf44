import { describe, it, expect, afterAll } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { performSetup, completionLines, type SetupIo } from '../../src/setup/run.js';
import { checkTestGatewayUrl } from '../../src/commands/setup.js';
import type { Prompter } from '../../src/setup/prompts.js';
import { makeEnvironment } from '../../src/lib/environment.js';
import { ProblemError, UsageError } from '../../src/lib/exit.js';
import { scrub } from '../../src/lib/secrets.js';
import { tempHome, WORKSPACE, type TempHome } from '../helpers/home.js';

const homes: TempHome[] = [];
function home(): TempHome {
  const h = tempHome('tray-setup-flow-');
  homes.push(h);
  return h;
}
afterAll(() => homes.forEach((h) => h.cleanup()));

/** A prompter that answers from a script and records what was asked and said. */
function scripted(answers: string[]): Prompter & { log: string[] } {
  const log: string[] = [];
  const next = (q: string, kind: string) => {
    log.push(`${kind}:${q}`);
    const a = answers.shift();
    if (a === undefined) throw new Error(`unexpected question: ${q}`);
    return Promise.resolve(a);
  };
  return { log, ask: (q) => next(q, 'ask'), askHidden: (q) => next(q, 'hidden'), say: (l) => void log.push(`say:${l}`), close: () => {} };
}

function io(prompter: Prompter | null, vars: Record<string, string> = {}): SetupIo & { said: string[] } {
  const said: string[] = [];
  return { prompter, say: (l) => void said.push(l), vars, said };
}

describe('performSetup', () => {
  it('interactive: asks the documented questions in order, the token hidden, and registers it as a secret at once', async () => {
    const h = home();
    const env = makeEnvironment({ home: h.dir, platform: 'linux' });
    const token = 'typed-token-value-0123456789';
    const p = scripted(['', WORKSPACE, token, '']);
    const o = await performSetup({}, env, io(p));
    expect(p.log.filter((l) => !l.startsWith('say:'))).toEqual([
      'ask:Enter client type (default: claude): ',
      'ask:Enter your Tray.ai Workspace ID (UUID from URL): ',
      'hidden:Enter your Tray.ai API Token: ',
      'ask:Enter a name for this MCP server (default: tray-workspace): ',
    ]);
    expect(o).toMatchObject({ written: true, client: 'claude', name: 'tray-workspace', replaced: false, method: 'file' });
    expect(scrub(`x ${token} y`)).not.toContain(token);
    const doc = JSON.parse(readFileSync(h.path('.config/Claude/claude_desktop_config.json'), 'utf8'));
    expect(doc.mcpServers['tray-workspace'].env.AUTH_HEADER).toBe(`Bearer ${token}`);
  });

  it('a token typed with spaces around it is registered as typed too (it may be echoed back in an error)', async () => {
    const h = home();
    const env = makeEnvironment({ home: h.dir, platform: 'linux' });
    const p = scripted(['cursor', WORKSPACE, '  raw-token-with-spaces-999  ', 'n1']);
    await performSetup({}, env, io(p));
    expect(scrub('raw-token-with-spaces-999')).not.toContain('raw-token-with-spaces-999');
  });

  it('without a prompter and without -w/-t: UsageError, nothing written', async () => {
    const h = home();
    const env = makeEnvironment({ home: h.dir, platform: 'linux' });
    await expect(performSetup({ workspaceId: WORKSPACE }, env, io(null))).rejects.toBeInstanceOf(UsageError);
    await expect(performSetup({ apiToken: 'abcdefabcdef1234' }, env, io(null))).rejects.toBeInstanceOf(UsageError);
    expect(readdirSync(h.dir)).toEqual([]);
  });

  it('a home folder that does not exist: ProblemError before any question, nothing created', async () => {
    const h = home();
    const env = makeEnvironment({ home: h.path('gone'), platform: 'linux' });
    const p = scripted([]);
    await expect(performSetup({ workspaceId: WORKSPACE, apiToken: 'cli-token-value-123456', client: 'cursor' }, env, io(null))).rejects.toBeInstanceOf(ProblemError);
    await expect(performSetup({}, env, io(p))).rejects.toThrow(/does not exist/);
    expect(p.log).toEqual([]);
    expect(readdirSync(h.dir)).toEqual([]);
  });

  it('CLI mode never asks, even with a prompter, and overwrites', async () => {
    const h = home();
    h.write('.cursor/mcp.json', JSON.stringify({ mcpServers: { 'tray-workspace': { url: 'https://old.example' } } }));
    const env = makeEnvironment({ home: h.dir, platform: 'linux' });
    const p = scripted([]);
    const o = await performSetup({ workspaceId: WORKSPACE, apiToken: 'cli-token-value-123456', client: 'cursor' }, env, io(p));
    expect(p.log).toEqual([]);
    expect(o).toMatchObject({ written: true, replaced: true });
  });

  it('TRAY_MCP_API_TOKEN fills in the token: CLI mode with -w alone; interactive skips the token question', async () => {
    const h = home();
    const env = makeEnvironment({ home: h.dir, platform: 'linux' });
    const o = await performSetup({ workspaceId: WORKSPACE, client: 'windsurf' }, env, io(null, { TRAY_MCP_API_TOKEN: 'env-token-value-123456' }));
    expect(o.written).toBe(true);
    const p = scripted(['cursor', WORKSPACE, '']);
    await performSetup({}, env, io(p, { TRAY_MCP_API_TOKEN: 'env-token-value-123456' }));
    expect(p.log.some((l) => l.startsWith('hidden:'))).toBe(false);
    expect(p.log.some((l) => l.includes('$TRAY_MCP_API_TOKEN') && l.includes('…3456'))).toBe(true);
  });

  it('declining the overwrite writes nothing', async () => {
    const h = home();
    const original = JSON.stringify({ mcpServers: { mine: { url: 'https://old.example' } } });
    const f = h.write('.cursor/mcp.json', original);
    const env = makeEnvironment({ home: h.dir, platform: 'linux' });
    const p = scripted([WORKSPACE, 'tok-value-abcdef123', 'mine', 'no']);
    const o = await performSetup({ client: 'cursor' }, env, io(p));
    expect(o.written).toBe(false);
    expect(p.log).toContain('say:⚠️ Server "mine" already exists in config.');
    expect(readFileSync(f, 'utf8')).toBe(original);
    expect(readdirSync(h.path('.cursor'))).toEqual(['mcp.json']);
  });

  it('completion lines: the documented three, the file, the backup and the client’s restart hint', () => {
    const env = makeEnvironment({ home: '/h', platform: 'linux' });
    const lines = completionLines(
      { written: true, client: 'windsurf', name: 'prod', replaced: false, method: 'file', backup: '/h/.codeium/windsurf/mcp_config.json.bak', target: { client: 'windsurf', path: '/h/.codeium/windsurf/mcp_config.json', display: '~/.codeium/windsurf/mcp_config.json', location: { scope: 'user', paths: {} } } },
      env,
    );
    expect(lines[0]).toBe('✓ Configuration successfully updated!');
    expect(lines[1]).toBe('📦 Server "prod" has been added to your Windsurf config.');
    expect(lines).toContain('⚠️ Please restart Windsurf for the changes to take effect.');
    expect(lines.join('\n')).toContain('mcp_config.json.bak');
    expect(lines.join('\n')).toContain('Refresh');
    expect(lines.join('\n')).toContain('tray-mcp doctor --client windsurf --home "/h" --platform linux');
  });

  it('the internal --test-gateway-url takes only a plain loopback URL', () => {
    expect(checkTestGatewayUrl('http://127.0.0.1:4567/')).toBe('http://127.0.0.1:4567/');
    expect(checkTestGatewayUrl('http://[::1]:4567/mcp')).toBe('http://[::1]:4567/mcp');
    for (const bad of ['https://evil.example/', 'not a url', 'http://u:p@localhost:8765/x', 'http://127.0.0.1:1/?t=1', 'http://127.0.0.1:1/#x', 'ftp://127.0.0.1/']) {
      expect(() => checkTestGatewayUrl(bad), bad).toThrow(UsageError);
    }
  });
});
