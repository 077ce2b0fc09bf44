import { describe, it, expect } from 'vitest';
import { buildReport, isProblem, relaxForDirectProbe } from '../../src/report/model.js';
import { renderTable, frameLines } from '../../src/report/table.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { wrap, hanging, terminalWidth } from '../../src/report/layout.js';
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
  { check: 'tray-servers', subject: 'cursor › tray', client: 'cursor', status: 'fail', message: `token ${CANARY} is a placeholder`, remedies: ['token-missing'] },
  { check: 'tool-visibility', subject: 'https://x.mcp.tray.ai', status: 'warn', message: '25 tools', remedies: ['too-many-tools'] },
];
const plain = { paint: painter(false), verbose: false, strict: false };

describe('report model', () => {
  it('builds a schema-valid document with remedies resolved, counts summed and a headline', () => {
    const doc = buildReport(results, meta);
    expect(doctorReportErrors(doc)).toEqual([]);
    expect(doc.summary).toMatchObject({ pass: 1, skip: 2, fail: 1, warn: 1, error: 0, ok: false });
    expect(doc.results[3]!.remedies[0]).toMatchObject({ id: 'token-missing' });
    expect(doc.results[3]!.remedies[0]!.steps.length).toBeGreaterThan(0);
    expect(doc.summary.headline).toBe('Cursor cannot use Tray: the API token is missing or not usable (and 1 warning)');
  });

  it("shows each remedy's steps for the result's client and the run's platform, in JSON and the table", () => {
    const entry: Result = { check: 'tray-servers', subject: 'cline › tray', client: 'cline', status: 'fail', message: 'url entry without type', remedies: ['client-entry-unsupported'] };
    const cline = buildReport([entry], meta);
    expect(cline.results[0]!.remedies[0]!.steps[0]).toContain('"type": "streamableHttp"');
    const claude = buildReport([{ ...entry, subject: 'claude › tray', client: 'claude' }], meta);
    expect(claude.results[0]!.remedies[0]!.steps[0]).toMatch(/only local commands/);
    // the table leads with the fix for this client; --verbose adds the remedy's steps, Cline's own
    expect(renderTable(cline, { paint: painter(false), verbose: false, strict: false, width: 200 })).toContain('tray-mcp setup -c cline');
    const text = renderTable(cline, { paint: painter(false), verbose: true, strict: false, width: 200 });
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

  it('scrubs registered secrets from every string, the headline too', () => {
    registerSecret(CANARY);
    const doc = buildReport(results, meta);
    expect(JSON.stringify(doc)).not.toContain(CANARY);
  });

  it('refuses a remedy id that is not in the catalog', () => {
    expect(() => buildReport([{ ...results[3]!, remedies: ['no-such-remedy'] }], meta)).toThrow(/not in the catalog/);
  });

  it('a direct probe (--url) turns "no client config" and "no Tray entry" into information', () => {
    const none: Result[] = [
      { check: 'config-files', subject: 'all clients', status: 'fail', message: 'No client config file found', remedies: ['config-not-found'] },
      { check: 'tray-servers', subject: 'all clients', status: 'fail', message: 'No Tray Agent Gateway entry', remedies: ['tray-server-missing'] },
      { check: 'config-json', subject: '~/.cursor/mcp.json', status: 'fail', message: 'broken', remedies: ['config-json-invalid'] },
    ];
    const relaxed = relaxForDirectProbe(none);
    expect(relaxed.map((r) => r.status)).toEqual(['skip', 'skip', 'fail']);
    expect(relaxed[0]!.details).toMatchObject({ reason: 'direct-probe' });
    expect(buildReport(none.slice(0, 2), { ...meta, directProbe: true }).summary.ok).toBe(true);
    expect(buildReport(none.slice(0, 2), meta).summary.ok).toBe(false);
  });
});

describe('text rendering', () => {
  it('leads with the headline, then the problem block with its fix and explain id, then a line per check', () => {
    const text = renderTable(buildReport(results, meta), { ...plain, width: 100 });
    const lines = text.split('\n');
    expect(lines[0]).toBe('✖ Cursor cannot use Tray: the API token is missing or not usable (and 1 warning)');
    const fail = lines.findIndex((l) => l.startsWith('✖ fail  tray-servers · cursor › tray'));
    const warn = lines.findIndex((l) => l.startsWith('! warn  tool-visibility'));
    const checks = lines.indexOf('Checks');
    expect(0 < fail && fail < warn && warn < checks).toBe(true);
    expect(text).toContain('  More  tray-mcp explain token-missing');
    expect(text).toMatch(/^ {4}tray-mcp setup -c cursor -w <workspace-id> -n tray$/m);
    expect(lines.slice(checks + 1).filter((l) => /^ {2}\S /.test(l)).map((l) => l.slice(4).split(' ')[0])).toEqual([
      'node-version', 'config-files', 'tray-servers', 'tool-visibility',
    ]);
    expect(text).toMatch(/1 problem in 4 checks · 1 warning · 2 skipped · --verbose shows every result/);
    expect(text).not.toContain('\u001b[');
  });

  it('--verbose lists every result with its details and timing', () => {
    const withDetails: Result[] = [...results, { check: 'client-logs', subject: 'system', status: 'skip', message: 'no logs', details: { looked: ['~/x'] }, durationMs: 3.4, remedies: [] }];
    const text = renderTable(buildReport(withDetails, meta), { ...plain, verbose: true, width: 120 });
    expect(text).toContain('Every result');
    expect(text).toContain('~/.codeium/windsurf/mcp_config.json');
    expect(text).toContain('looked: ["~/x"]');
    expect(text).toContain('3 ms');
  });

  it('colour only when asked', () => {
    expect(renderTable(buildReport(results, meta), { ...plain, paint: painter(true), width: 80 })).toContain('\u001b[');
  });
});

describe('markdown', () => {
  it('a heading with the headline, a section per problem with commands in code blocks, a table of checks', () => {
    const text = renderMarkdown(buildReport(results, meta), { verbose: false, strict: false });
    expect(text.split('\n')[0]).toBe('## ✖ Cursor cannot use Tray: the API token is missing or not usable (and 1 warning)');
    expect(text).toContain('### 1. ✖ fail: tray-servers · cursor › tray');
    expect(text).toContain('  ```sh\n  tray-mcp setup -c cursor -w \\<workspace-id\\> -n tray\n  ```'.replace(/\\</g, '<').replace(/\\>/g, '>'));
    expect(text).toContain('| ✔ pass | node-version | node v22.1.0 |');
    expect(text).toContain('`tray-mcp explain token-missing`');
  });

  it('escapes what would break the table or turn into markup', () => {
    const odd: Result[] = [{ check: 'config-json', subject: '~/a|b.json', status: 'pass', message: 'a | b <script> *x* [l](u)', remedies: [] }];
    const text = renderMarkdown(buildReport(odd, meta), { verbose: false, strict: false });
    expect(text).toContain('a \\| b \\<script\\> \\*x\\* \\[l\\](u)');
  });
});

describe('layout', () => {
  it('wraps between words, never inside one; a path longer than the line breaks after a /', () => {
    expect(wrap('aaa bbb ccc', 8)).toEqual(['aaa bbb', 'ccc']);
    expect(wrap('one\ntwo', 20)).toEqual(['one', 'two']);
    const long = '~/Library/Application Support/Claude/claude_desktop_config.json';
    const lines = wrap(long, 20);
    expect(lines.every((l) => [...l].length <= 20)).toBe(true);
    expect(lines.join(' ').replace(/ /g, '')).toBe(long.replace(/ /g, ''));
    for (const l of lines.slice(0, -1)) expect(l).toMatch(/(?:[/_]|Application)$/);
  });

  it('keeps a `backquoted command` on one line', () => {
    const lines = wrap('then run `tray-mcp setup -c cursor` and restart', 30);
    expect(lines.some((l) => l.includes('`tray-mcp setup -c cursor`'))).toBe(true);
  });

  it('never loses a word and never exceeds the width', () => {
    const text = 'No client config file found: none of the 10 places where Claude Desktop, Claude Code, Cursor read their MCP servers. Run `tray-mcp setup` → https://12345678-abcd-1234-ef56-0123456789ab.mcp.tray.ai';
    for (const width of [30, 37, 54, 80]) {
      const lines = wrap(text, width);
      expect(lines.every((l) => [...l].length <= width)).toBe(true);
      expect(lines.join(' ').split(/\s+/).join('')).toBe(text.split(/\s+/).join(''));
    }
    expect(hanging('  What  ', '        ', 'a b c', 80)).toEqual(['  What  a b c']);
  });

  it('terminal width: the terminal on a TTY; piped output follows COLUMNS, default 80', () => {
    expect(terminalWidth({ isTTY: true, columns: 132 }, { COLUMNS: '60' })).toBe(132);
    expect(terminalWidth({ isTTY: false }, { COLUMNS: '60' })).toBe(60);
    expect(terminalWidth({ isTTY: false }, {})).toBe(80);
    expect(terminalWidth({ isTTY: false }, { COLUMNS: 'wide' })).toBe(80);
  });

  it("re-windows config-json's code frame so the caret still points at the column", () => {
    const src = 'x'.repeat(100) + 'ERR' + 'y'.repeat(40);
    const frame = `3 | ${src}\n  | ${' '.repeat(100)}^`;
    const [code, caret] = frameLines(frame, 60);
    expect([...code!].length).toBeLessThanOrEqual(60);
    expect([...caret!].length).toBeLessThanOrEqual(60);
    expect([...code!][[...caret!].length - 1]).toBe('E');
  });
});
