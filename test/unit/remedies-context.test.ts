// Where a pasted error comes from: the client and platform the text tells, and how that combines with
// --client/--platform and this machine's platform.
import { describe, it, expect } from 'vitest';
import { ContextHints, clientOfLine, platformOfLine, resolveContext } from '../../src/remedies/context.js';
import { Scanner, scanText } from '../../src/remedies/match.js';
import { scanOptions } from '../../src/explain.js';

describe('platform hints', () => {
  it.each([
    ["Error: ENOENT: no such file or directory, open 'C:\\Users\\ana\\AppData\\Roaming\\Claude\\claude_desktop_config.json'", 'win32'],
    ['%APPDATA%\\Claude\\claude_desktop_config.json', 'win32'],
    ['"command": "cmd", "args": ["/c", "npx", "mcp-remote"]', 'win32'],
    ['at async StreamableHTTPClientTransport.send (file:///C:/Users/zak/AppData/Local/npm-cache/_npx/1a3c/node_modules/mcp-remote/dist/x.js)', 'win32'],
    ['PS C:\\Users\\ana> npx mcp-remote', 'win32'],
    ['It fails on Windows 11', 'win32'],
    ['/Users/ana/Library/Logs/Claude/mcp.log', 'darwin'],
    ['/Applications/Claude.app/Contents/Resources/app.asar/.vite/build/index.js:52:189', 'darwin'],
    ['/home/ana/.config/Claude/claude_desktop_config.json', 'linux'],
    ['spawn npx ENOENT', undefined],
    ['HTTP 401', undefined],
  ] as const)('%s → %s', (line, platform) => {
    expect(platformOfLine(line)).toBe(platform);
  });

  it('Windows outranks the others wherever it appears (a Windows log may name WSL paths)', () => {
    const h = new ContextHints();
    h.observe('args: ["/home/ana/project"]');
    expect(h.found.platform).toBe('linux');
    h.observe('C:\\Users\\ana\\.cursor\\mcp.json');
    expect(h.found.platform).toBe('win32');
    h.observe('/Users/ana/x');
    expect(h.found.platform).toBe('win32');
  });
});

describe('client hints', () => {
  it.each([
    ['2025-06-03T07:23:52.664Z [error] [tray-workspace] spawn npx ENOENT', 'claude'],
    ['2025-09-11T23:28:52.407Z [mcp-server-firecrawl] [error] Unexpected token', 'claude'],
    ['There was an error reading or parsing claude_desktop_config.json', 'claude'],
    ['Claude Code: mcpServers.tray: Windows requires \'cmd /c\' wrapper to execute npx', 'claude-code'],
    ['Location: C:\\Users\\ana\\.claude.json', 'claude-code'],
    ['Cline shows "Invalid MCP settings schema"', 'cline'],
    ['~/Library/Application Support/Cursor/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json', 'cline'],
    ['2025-04-08 11:16:16.790 [info] rmcp: Starting new stdio process with command: npx @browsermcp/mcp@latest', 'cursor'],
    ['2025-10-06 16:15:19.117 [info] Connection state: Starting', 'vscode'],
    ['I put it in ~/.codeium/windsurf/mcp_config.json', 'windsurf'],
    ['MCP error -32000: Connection closed', undefined],
  ] as const)('%s → %s', (line, client) => {
    expect(clientOfLine(line)).toBe(client);
  });
});

describe('resolveContext', () => {
  it('named by the user beats told by the text beats this machine', () => {
    expect(resolveContext({}, {}, 'darwin')).toEqual({ platform: 'darwin', from: { platform: 'this machine' } });
    expect(resolveContext({}, { platform: 'win32', client: 'cline' }, 'darwin')).toEqual({
      client: 'cline',
      platform: 'win32',
      from: { client: 'text', platform: 'text' },
    });
    expect(resolveContext({ platform: 'linux', client: 'vscode' }, { platform: 'win32', client: 'cline' }, 'darwin')).toEqual({
      client: 'vscode',
      platform: 'linux',
      from: { client: 'option', platform: 'option' },
    });
    expect(resolveContext({}, {})).toEqual({ from: {} });
  });

  it('the scanner reports it, from the whole input, and explain passes --client/--platform and this machine', () => {
    const s = new Scanner({ defaultPlatform: 'darwin' });
    s.push('MCP error -32000: Connection closed');
    expect(s.context).toEqual({ platform: 'darwin', from: { platform: 'this machine' } });
    s.push('at C:\\Users\\ana\\AppData\\Roaming\\npm\\node_modules\\mcp-remote\\dist\\proxy.js');
    expect(s.context.platform).toBe('win32');
    expect(scanText('HTTP 401', scanOptions({ client: 'cursor', platform: 'win32' }, [], 'linux')).context).toEqual({
      client: 'cursor',
      platform: 'win32',
      from: { client: 'option', platform: 'option' },
    });
    expect(scanText('HTTP 401', scanOptions({}, [], 'linux')).context).toEqual({ platform: 'linux', from: { platform: 'this machine' } });
  });
});

describe('matchers bound to a platform', () => {
  it('count when the platform is known from anywhere in the text, even after the line, or named by the caller', () => {
    const ids = (text: string, opts = {}) => scanText(text, opts).matches.map((m) => m.id);
    expect(ids('spawn npx ENOENT')).toEqual(['node-missing']);
    expect(ids('spawn npx ENOENT\n    at C:\\Users\\ana\\AppData\\Roaming\\npm\\x.js')[0]).toBe('windows-npx-needs-cmd');
    expect(ids('spawn npx ENOENT\n    at C:\\Users\\ana\\AppData\\Roaming\\npm\\x.js', { client: 'cline' })[0]).toBe('windows-npx-needs-cmd');
    expect(ids('spawn npx ENOENT', { platform: 'win32' })).toEqual(['windows-npx-needs-cmd', 'node-missing']);
    // named by the caller, the platform beats the text
    expect(ids('spawn npx ENOENT\n    at C:\\Users\\ana\\x.js', { platform: 'darwin' })).toEqual(['node-missing']);
    // this machine's platform counts only when the text does not tell
    expect(ids('spawn npx ENOENT', { defaultPlatform: 'win32' })[0]).toBe('windows-npx-needs-cmd');
    expect(ids('spawn npx ENOENT /Users/ana/.nvm/versions/node/v18/bin', { defaultPlatform: 'win32' })[0]).toBe('node-missing');
  });
});
