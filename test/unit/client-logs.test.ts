import { describe, it, expect, afterAll } from 'vitest';
import { utimesSync } from 'node:fs';
import { LOG_SOURCES, findLogFiles, logDirs, readTail, serverOfLine } from '../../src/clients/logs.js';
import { makeEnvironment } from '../../src/lib/environment.js';
import { tempHome } from '../helpers/home.js';

const h = tempHome('logs-unit-');
afterAll(() => h.cleanup());
const src = (id: string) => LOG_SOURCES.find((s) => s.id === id)!;

describe('client log locations', () => {
  it('names the server a log line or file is about', () => {
    expect(serverOfLine('2025-06-03T07:23:52.664Z [info] [tray-workspace] Initializing server...')).toBe('tray-workspace');
    expect(serverOfLine('2025-06-03T07:23:52.664Z [tray-workspace] [error] boom')).toBe('tray-workspace');
    expect(serverOfLine('2025-06-03T07:23:52.664Z [error] something general')).toBeUndefined();
    expect(serverOfLine('plain text')).toBeUndefined();
    expect(src('claude').serverOf!('/x/mcp-server-acme prod.log')).toBe('acme prod');
    expect(src('claude').serverOf!('/x/mcp.log')).toBeUndefined();
    expect(src('vscode').serverOf!('/x/mcpServer.mcp.config.usrlocal.tray-workspace.log')).toBe('tray-workspace');
    expect(src('cursor').serverOf!('/x/MCP user-tray.log')).toBe('tray');
    expect(src('cursor').serverOf!('/x/MCP project-2-myapp-tray.log')).toBe('tray');
    expect(src('claude-code').serverOf!('/c/-home-p/mcp-logs-tray/2025.jsonl')).toBe('tray');
  });

  it('resolves folders per platform under --home', () => {
    const env = (platform: 'darwin' | 'win32' | 'linux') => makeEnvironment({ home: '/h', platform });
    expect(logDirs(src('claude'), env('darwin'))).toEqual(['/h/Library/Logs/Claude']);
    expect(logDirs(src('claude'), env('win32'))).toEqual(['/h/AppData/Roaming/Claude/logs', '/h/AppData/Local/Claude/Logs']);
    expect(logDirs(src('vscode'), env('linux'))).toEqual(['/h/.config/Code/logs']);
    // MCP_REMOTE_CONFIG_DIR only for the real home, never for a reproduced one
    expect(logDirs(src('mcp-remote'), makeEnvironment({ home: '/h', vars: { MCP_REMOTE_CONFIG_DIR: '/elsewhere' } }))).toEqual(['/h/.mcp-auth']);
  });

  it('finds recent files only, newest first, at most N per source', async () => {
    const now = Date.now() / 1000;
    for (let i = 0; i < 12; i++) {
      const p = h.write(`Library/Logs/Claude/mcp-server-s${i}.log`, 'x\n');
      utimesSync(p, now - i * 3600, now - i * 3600);
    }
    const old = h.write('Library/Logs/Claude/mcp.log', 'x\n');
    utimesSync(old, now - 10 * 86_400, now - 10 * 86_400);
    h.write('Library/Logs/Claude/other.log', 'not an MCP log\n');
    const env = makeEnvironment({ home: h.dir, platform: 'darwin' });
    const files = await findLogFiles(env, { maxAgeMs: 7 * 86_400_000, maxFilesPerSource: 5, sources: [src('claude')] });
    expect(files.map((f) => f.server)).toEqual(['s0', 's1', 's2', 's3', 's4']);
  });

  it('reads only the tail, from a line boundary', async () => {
    const p = h.write('tail.log', 'first line\nsecond line\nthird line\n');
    expect(await readTail(p, 1000)).toEqual({ text: 'first line\nsecond line\nthird line\n', partial: false });
    const t = await readTail(p, 15); // "e\nthird line\n" → starts after the cut line
    expect(t).toEqual({ text: 'third line\n', partial: true });
  });
});
