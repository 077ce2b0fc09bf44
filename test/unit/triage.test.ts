// One root cause is one problem: grouping, severity order, the headline and the client-specific fix.
import { describe, it, expect } from 'vitest';
import { buildReport } from '../../src/report/model.js';
import { triage } from '../../src/report/triage.js';
import type { Result } from '../../src/checks/types.js';
import { WORKSPACE } from '../helpers/home.js';

const meta = { version: '0.0.0-test', platform: 'darwin' as const, pathNode: '22.1.0', proxy: null, strict: false, durationMs: 1 };
const run = (results: Result[]) => triage(buildReport(results, meta).results);
const URL = `https://${WORKSPACE}.mcp.tray.ai`;
const STALE = '~/Library/Application Support/Cursor/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json';

describe('one root cause, one problem', () => {
  it('a file that does not parse: the checks it blocks for that file are listed under it', () => {
    const t = run([
      { check: 'config-json', subject: '~/.cursor/mcp.json', client: 'cursor', status: 'fail', message: 'Expected a comma at line 3, column 9', details: { line: 3, column: 9 }, remedies: ['config-json-invalid'] },
      { check: 'config-json', subject: '~/.claude.json', client: 'claude-code', status: 'pass', message: 'valid JSON', remedies: [] },
      { check: 'config-schema', subject: '~/.cursor/mcp.json', client: 'cursor', status: 'skip', message: 'not checked', details: { blockedBy: 'config-json' }, remedies: [] },
      { check: 'tray-servers', subject: 'cursor › ~/.cursor/mcp.json', client: 'cursor', status: 'skip', message: 'not checked', details: { blockedBy: 'config-json', file: '~/.cursor/mcp.json' }, remedies: [] },
    ]);
    expect(t.problems).toHaveLength(1);
    const [p] = t.problems;
    expect(p!.root.check).toBe('config-json');
    expect(p!.consequences.map((c) => c.check)).toEqual(['config-schema', 'tray-servers']);
    expect(p!.where).toBe('~/.cursor/mcp.json:3:9');
    expect(t.headline).toBe('Cursor cannot use Tray: its config file is not valid JSON');
    expect(t.others.map((r) => r.subject)).toEqual(['~/.claude.json']);
  });

  it("a Cursor entry in the docs' stale Cursor path (Cline's file) is one problem, not three", () => {
    const t = run([
      { check: 'config-files', subject: STALE, client: 'cursor', status: 'warn', message: 'Cursor does not read this file', remedies: ['config-wrong-location'] },
      { check: 'tray-servers', subject: 'cursor › tray', client: 'cursor', status: 'warn', message: `${STALE}:3: Cursor does not read this file; move the entry to ~/.cursor/mcp.json`, details: { file: STALE, line: 3, workspaceId: WORKSPACE, readsInstead: '~/.cursor/mcp.json', problems: ['stale-location'] }, remedies: ['config-wrong-location'] },
      { check: 'tray-servers', subject: 'cline › tray', client: 'cline', status: 'fail', message: `${STALE}:3: the entry has no "type"`, details: { file: STALE, line: 3, workspaceId: WORKSPACE, problems: ['shape-cline-sse'] }, remedies: ['client-entry-unsupported'] },
    ]);
    expect(t.problems).toHaveLength(1);
    const [p] = t.problems;
    expect(p!.status).toBe('fail');
    expect(p!.root.subject).toBe('cursor › tray');
    expect(p!.consequences.map((c) => c.subject).sort()).toEqual(['cline › tray', STALE]);
    expect(t.headline).toBe('Cursor cannot use Tray: the Tray entry is in a file it does not read');
    expect(p!.fix.commands).toEqual([`tray-mcp setup -c cursor -w ${WORKSPACE} -n tray`]);
    expect(p!.fix.text).toContain('~/.cursor/mcp.json');
  });

  it('a rejected token: the checks it blocked and the client log showing the same 401 are under it; the fix names the client', () => {
    const t = run([
      { check: 'tray-servers', subject: 'claude › tray-workspace', client: 'claude', status: 'pass', message: 'ok', details: { file: '~/Library/Application Support/Claude/claude_desktop_config.json', line: 3, workspaceId: WORKSPACE }, remedies: [] },
      { check: 'reachability', subject: URL, client: 'claude', status: 'pass', message: 'answered', details: { url: URL, usedBy: ['claude › tray-workspace (~/Library/Application Support/Claude/claude_desktop_config.json)'] }, remedies: [] },
      { check: 'authentication', subject: URL, client: 'claude', status: 'fail', message: 'the server refused the token …zz42 (HTTP 401 Unauthorized)', details: { url: URL, status: 401 }, remedies: ['token-invalid-or-expired', 'restart-client'] },
      { check: 'mcp-handshake', subject: URL, client: 'claude', status: 'skip', message: 'not checked', details: { blockedBy: 'authentication' }, remedies: [] },
      { check: 'tool-visibility', subject: URL, client: 'claude', status: 'skip', message: 'not checked', details: { blockedBy: 'authentication' }, remedies: [] },
      { check: 'client-logs', subject: '~/Library/Logs/Claude/mcp.log', client: 'claude', status: 'warn', message: 'Claude Desktop log: Tray rejected the API token', details: { file: '~/Library/Logs/Claude/mcp.log' }, remedies: ['token-invalid-or-expired'] },
    ]);
    expect(t.problems).toHaveLength(1);
    const [p] = t.problems;
    expect(p!.root.check).toBe('authentication');
    expect(p!.consequences.map((c) => c.check)).toEqual(['mcp-handshake', 'tool-visibility', 'client-logs']);
    expect(t.headline).toBe('Claude Desktop cannot use Tray: the token was rejected (401)');
    expect(p!.fix.commands).toEqual([`tray-mcp setup -c claude -w ${WORKSPACE} -n tray-workspace`]);
    expect(p!.explain).toBe('token-invalid-or-expired');
  });

  it('nothing configured: one problem, with the Tray-entry and permission rows under it', () => {
    const t = run([
      { check: 'config-files', subject: 'all clients', status: 'fail', message: 'No client config file found', remedies: ['config-not-found'] },
      { check: 'config-json', subject: 'all clients', status: 'skip', message: 'no config file to parse', details: { blockedBy: 'config-files' }, remedies: [] },
      { check: 'tray-servers', subject: 'all clients', status: 'fail', message: 'No Tray Agent Gateway entry', remedies: ['tray-server-missing'] },
      { check: 'file-permissions', subject: 'all clients', status: 'skip', message: 'nothing to check', remedies: [] },
    ]);
    expect(t.problems).toHaveLength(1);
    expect(t.problems[0]!.consequences.map((c) => c.check)).toEqual(['config-json', 'tray-servers', 'file-permissions']);
    expect(t.headline).toBe('No client can use Tray yet: no client config file was found');
    expect(t.problems[0]!.fix.commands).toEqual(['tray-mcp setup']);
  });

  it('the two rows of one clash are one problem', () => {
    const t = run([
      { check: 'tray-servers', subject: 'cursor › tray-a', client: 'cursor', status: 'warn', message: 'the same workspace is also configured as "tray-b"', details: { file: '~/.cursor/mcp.json', workspaceId: WORKSPACE, problems: ['duplicate-workspace'] }, remedies: ['multiple-workspaces'] },
      { check: 'tray-servers', subject: 'cursor › tray-b', client: 'cursor', status: 'warn', message: 'the same workspace is also configured as "tray-a"', details: { file: '~/.cursor/mcp.json', workspaceId: WORKSPACE, problems: ['duplicate-workspace'] }, remedies: ['multiple-workspaces'] },
    ]);
    expect(t.problems).toHaveLength(1);
    expect(t.problems[0]!.consequences.map((c) => c.subject)).toEqual(['cursor › tray-b']);
    expect(t.headline).toBe('Cursor can use Tray, but two Tray entries clash');
  });

  it('problems come most severe first, and each problem once', () => {
    const t = run([
      { check: 'node-version', subject: 'system', status: 'warn', message: 'nvm', remedies: ['node-missing'] },
      { check: 'file-permissions', subject: '~/.cursor/mcp.json', client: 'cursor', status: 'warn', message: 'readable by others; run chmod 600 ~/.cursor/mcp.json', details: { fix: 'chmod 600 ~/.cursor/mcp.json' }, remedies: ['config-file-exposed'] },
      { check: 'tool-visibility', subject: URL, status: 'error', message: 'crashed', remedies: [] },
      { check: 'client-logs', subject: '~/x.log', client: 'vscode', status: 'fail', message: 'x', remedies: ['server-unreachable'] },
    ]);
    expect(t.problems.map((p) => `${p.status} ${p.root.check}`)).toEqual(['fail client-logs', 'error tool-visibility', 'warn node-version', 'warn file-permissions']);
    expect(t.problems[3]!.fix.commands).toEqual(['chmod 600 ~/.cursor/mcp.json']);
    expect(t.headline).toBe('VS Code cannot use Tray: the server cannot be reached (and 1 more problem, 2 warnings)');
  });

  it('remedy steps get the client filled in when the client is known', () => {
    const t = run([{ check: 'config-files', subject: '~/.codeium/windsurf/mcp.json', client: 'windsurf', status: 'warn', message: 'Windsurf does not read this file', remedies: ['config-wrong-location'] }]);
    expect(t.problems[0]!.fix.text).toContain('tray-mcp setup --client windsurf');
    expect(t.problems[0]!.fix.commands).toEqual(['tray-mcp setup --client windsurf']);
  });
});

describe('the headline when all is well', () => {
  it('names the clients and the tools found', () => {
    const t = run([
      { check: 'tray-servers', subject: 'cursor › tray', client: 'cursor', status: 'pass', message: 'ok', remedies: [] },
      { check: 'tray-servers', subject: 'claude-code › tray', client: 'claude-code', status: 'pass', message: 'ok', remedies: [] },
      { check: 'tool-visibility', subject: URL, status: 'pass', message: '12 tools', details: { toolCount: 12 }, remedies: [] },
    ]);
    expect(t.problems).toEqual([]);
    expect(t.headline).toBe(`All good: Cursor and Claude Code can use Tray; ${URL} answered with 12 tools`);
  });

  it('offline: says the server was not contacted', () => {
    const t = run([
      { check: 'tray-servers', subject: 'cursor › tray', client: 'cursor', status: 'pass', message: 'ok', remedies: [] },
      { check: 'reachability', subject: 'network', status: 'skip', message: 'skipped: --offline', details: { reason: 'offline' }, remedies: [] },
    ]);
    expect(t.headline).toBe('No problems found: Cursor is set up for Tray (the server was not contacted: --offline)');
  });
});
