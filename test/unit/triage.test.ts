// One root cause is one problem: grouping, severity order, the headline and the client-specific fix.
import { describe, it, expect } from 'vitest';
import { buildReport } from '../../src/report/model.js';
import { moreProblemsText, PROBLEMS_PER_KIND, PROBLEMS_SHOWN, shownProblems, triage, type MoreProblems, type Problem } from '../../src/report/triage.js';
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

describe('many problems of one kind', () => {
  const entry = (i: number, remedy: 'workspace-id-invalid' | 'token-missing'): Result => ({
    check: 'tray-servers',
    subject: `cursor › tray-${i}`,
    client: 'cursor',
    status: 'fail',
    message: `entry ${i} is wrong`,
    details: { file: '~/.cursor/mcp.json', line: i + 2, problems: [remedy] },
    remedies: [remedy],
  });

  it('shows three of a kind in full and counts the rest after them; another kind still shows', () => {
    const results = [...Array.from({ length: 10_000 }, (_, i) => entry(i, 'workspace-id-invalid')), entry(10_000, 'token-missing')];
    const t = run(results);
    expect(t.problems).toHaveLength(10_001); // every one is still a problem (--json keeps them all)
    const shown = shownProblems(t.problems);
    expect(shown).toHaveLength(5);
    const more = shown.filter((p): p is MoreProblems => 'more' in p);
    expect(more).toEqual([{ more: 9997, check: 'tray-servers', explain: 'workspace-id-invalid', status: 'fail' }]);
    expect(shown.indexOf(more[0]!)).toBe(3);
    expect((shown[4] as Problem).explain).toBe('token-missing');
    expect(moreProblemsText(more[0]!)).toBe('… and 9997 more tray-servers problems like these (workspace-id-invalid) not shown here: tray-mcp doctor --json lists every one');
  });

  it('at most PROBLEMS_SHOWN in full in all', () => {
    const ids = ['workspace-id-invalid', 'token-missing'] as const;
    const results = Array.from({ length: 60 }, (_, i) => ({ ...entry(i, ids[i % 2]!), check: (['tray-servers', 'config-schema', 'file-permissions'] as const)[i % 3] }));
    const shown = shownProblems(run(results as Result[]).problems);
    expect(shown.filter((p) => !('more' in p))).toHaveLength(Math.min(PROBLEMS_SHOWN, 6 * PROBLEMS_PER_KIND));
    const counted = shown.filter((p): p is MoreProblems => 'more' in p).reduce((n, m) => n + m.more, 0);
    expect(counted + shown.filter((p) => !('more' in p)).length).toBe(60);
  });

  it('triage of 10,000 clashing entries stays linear: every later entry hangs off the first', () => {
    const results: Result[] = Array.from({ length: 10_000 }, (_, i) => ({
      check: 'tray-servers',
      subject: `cursor › tray-${i}`,
      client: 'cursor',
      status: 'warn',
      message: 'the same workspace is also configured elsewhere',
      details: { file: '~/.cursor/mcp.json', line: i + 2, workspaceId: WORKSPACE, problems: ['duplicate-workspace'] },
      remedies: ['multiple-workspaces'],
    }));
    const t = run(results);
    expect(t.problems).toHaveLength(1);
    expect(t.problems[0]!.root.subject).toBe('cursor › tray-0');
    expect(t.problems[0]!.consequences).toHaveLength(9_999);
  });
});
