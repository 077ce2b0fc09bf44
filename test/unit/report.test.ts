import { describe, it, expect } from 'vitest';
import { buildReport, isProblem } from '../../src/report/model.js';
import { renderTable, collapseSkips, wrapText } from '../../src/report/table.js';
import { painter } from '../../src/lib/color.js';
import { registerSecret } from '../../src/lib/secrets.js';
import type { Result } from '../../src/checks/types.js';
import { doctorReportErrors } from '../helpers/schema.js';
import { CANARY } from '../helpers/home.js';

const meta = { version: '0.0.0-test', platform: 'linux' as const, pathNode: 'v22.1.0', proxy: null, strict: false, durationMs: 12 };
const results: Result[] = [
  { check: 'node-version', subject: 'system', status: 'pass', message: 'node v22.1.0', remedies: [] },
  { check: 'config-files', subject: '~/.cursor/mcp.json', status: 'skip', message: 'not present', remedies: [] },
  { check: 'config-files', subject: '~/.codeium/windsurf/mcp_config.json', status: 'skip', message: 'not present', remedies: [] },
  { check: 'tray-servers', subject: 'cursor › tray', status: 'fail', message: `token ${CANARY} is a placeholder`, remedies: ['token-missing'] },
  { check: 'tool-visibility', subject: 'https://x.mcp.tray.ai', status: 'warn', message: '25 tools', remedies: ['too-many-tools'] },
];

describe('report model', () => {
  it('builds a schema-valid document with remedies resolved and counts summed', () => {
    const doc = buildReport(results, meta);
    expect(doctorReportErrors(doc)).toEqual([]);
    expect(doc.summary).toMatchObject({ pass: 1, skip: 2, fail: 1, warn: 1, error: 0, ok: false });
    expect(doc.results[3]!.remedies[0]).toMatchObject({ id: 'token-missing' });
    expect(doc.results[3]!.remedies[0]!.steps.length).toBeGreaterThan(0);
  });

  it("shows each remedy's steps for the result's client and the run's platform, in JSON and the table", () => {
    const entry: Result = { check: 'tray-servers', subject: 'cline › tray', client: 'cline', status: 'fail', message: 'url entry without type', remedies: ['client-entry-unsupported'] };
    const cline = buildReport([entry], meta);
    expect(cline.results[0]!.remedies[0]!.steps[0]).toContain('"type": "streamableHttp"');
    const claude = buildReport([{ ...entry, subject: 'claude › tray', client: 'claude' }], meta);
    expect(claude.results[0]!.remedies[0]!.steps[0]).toMatch(/only local commands/);
    const text = renderTable(cline, { paint: painter(false), verbose: false, strict: false, width: 200 });
    expect(text).toContain('"type": "streamableHttp"');
    // the run's platform picks the platform's steps
    const npx: Result = { check: 'node-version', subject: 'system', client: null, status: 'fail', message: 'npx not found', remedies: ['node-missing'] };
    expect(buildReport([npx], { ...meta, platform: 'win32' }).results[0]!.remedies[0]!.steps[0]).toContain('Command Prompt');
    expect(buildReport([npx], meta).results[0]!.remedies[0]!.steps[0]).not.toContain('Command Prompt');
  });

  it('--strict makes a warning a problem', () => {
    const onlyWarn = results.filter((r) => r.status !== 'fail');
    expect(buildReport(onlyWarn, meta).summary.ok).toBe(true);
    expect(buildReport(onlyWarn, { ...meta, strict: true }).summary.ok).toBe(false);
    expect(isProblem('warn', true)).toBe(true);
    expect(isProblem('skip', true)).toBe(false);
  });

  it('scrubs registered secrets from every string', () => {
    registerSecret(CANARY);
    expect(JSON.stringify(buildReport(results, meta))).not.toContain(CANARY);
  });

  it('refuses a remedy id that is not in the catalog', () => {
    expect(() => buildReport([{ ...results[3]!, remedies: ['no-such-remedy'] }], meta)).toThrow(/not in the catalog/);
  });
});

describe('table', () => {
  it('shows remedy title and first step on problem rows and a summary line', () => {
    const text = renderTable(buildReport(results, meta), { paint: painter(false), verbose: false, strict: false, width: 120 });
    expect(text).toContain('tray-mcp explain token-missing');
    expect(text).toMatch(/1 problem found in 4 checks/);
    expect(text).toContain('1 warning');
    expect(text).toContain('run with --verbose for details');
    expect(text).not.toContain('\u001b[');
  });

  it('prints every status label whole (no truncation) and one visual line per row', () => {
    const all: Result[] = (['pass', 'warn', 'fail', 'skip', 'error'] as const).map((status, i) => ({
      check: 'client-logs', subject: `s${i}`, status, message: 'm', remedies: [],
    }));
    const text = renderTable(buildReport(all, meta), { paint: painter(false), verbose: true, strict: false, width: 80 });
    for (const label of ['✔ pass', '! warn', '✖ fail', '- skip', '‼ error']) expect(text).toContain(label);
    expect(text).not.toContain('…');
  });

  it('collapses identical skip rows unless verbose', () => {
    const doc = buildReport(results, meta);
    const collapsed = collapseSkips(doc.results);
    expect(collapsed).toHaveLength(4);
    expect(collapsed[1]!.subject).toBe('2 subjects');
    expect(collapsed[1]!.message).toContain('--verbose');
    const verbose = renderTable(doc, { paint: painter(false), verbose: true, strict: false, width: 160 });
    expect(verbose).toContain('mcp_config.json');
  });
});

describe('wrapText', () => {
  it('wraps on spaces, keeps line breaks, cuts words longer than a line', () => {
    expect(wrapText('aaa bbb ccc', 8)).toEqual(['aaa bbb', 'ccc']);
    expect(wrapText('one\ntwo', 20)).toEqual(['one', 'two']);
    const long = '~/Library/Application Support/Claude/claude_desktop_config.json';
    const lines = wrapText(long, 20);
    expect(lines.every((l) => [...l].length <= 20)).toBe(true);
    expect(lines.join('').replace(/ /g, '')).toBe(long.replace(/ /g, ''));
  });

  it('never loses a word and never exceeds the width', () => {
    const text = 'No client config file found: none of the 10 places where Claude Desktop, Claude Code, Cursor read their MCP servers. Run `tray-mcp setup` → https://12345678-abcd-1234-ef56-0123456789ab.mcp.tray.ai';
    for (const width of [8, 13, 20, 37, 54]) {
      const lines = wrapText(text, width);
      expect(lines.every((l) => [...l].length <= width)).toBe(true);
      expect(lines.join(' ').split(/\s+/).join('')).toBe(text.split(/\s+/).join(''));
    }
  });
});
