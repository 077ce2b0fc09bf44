// The human report of the built CLI, answer first, laid out for 60, 80 and 120 columns (no snapshots):
// no line is wider than the terminal except a command too long for any line, every command stands
// whole on one line, and no word is cut. Also: --format markdown/json, piped output follows COLUMNS,
// and with --url the exit code comes from the probe, not from missing client configs.
import { afterAll, describe, expect, it } from 'vitest';
import { json, runCli } from '../helpers/cli.js';
import { CANARY, WORKSPACE, leaksCanary, scratch, tempHome, type TempHome } from '../helpers/home.js';
import { doctorReportErrors } from '../helpers/schema.js';
import { triage } from '../../src/report/triage.js';
import type { Report } from '../../src/report/model.js';
import { startGateway } from '../fixtures/gateway.mjs';

const tmp = scratch();
const gateways: { close(): Promise<void> }[] = [];
afterAll(async () => {
  await Promise.all(gateways.map((g) => g.close()));
  tmp.cleanup();
});

const URL_OK = `https://${WORKSPACE}.mcp.tray.ai`;
const CLINE_IN_CURSOR = 'Library/Application Support/Cursor/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json';

/** A macOS home with several problems at once: long paths, a broken file, an exposed token, a stale location. */
function messyHome(): TempHome {
  const h = tempHome('report-layout-');
  tmp.also(h.cleanup);
  const cursorEntry = { mcpServers: { tray: { url: URL_OK, headers: { Authorization: `Bearer ${CANARY}` } } } };
  h.write(CLINE_IN_CURSOR, JSON.stringify(cursorEntry, null, 2), 0o644);
  h.write('Library/Application Support/Claude/claude_desktop_config.json', `{\n  "mcpServers": {\n    "tray-workspace": {"command": "npx" "args": ["-y"]}\n  }\n}\n`, 0o600);
  h.write('.codeium/windsurf/mcp.json', JSON.stringify({ mcpServers: { tray: { serverUrl: URL_OK, headers: { Authorization: `Bearer ${CANARY}` } } } }), 0o600);
  h.write('.cursor/mcp.json', JSON.stringify({ mcpServers: { 'tray-a': cursorEntry.mcpServers.tray, 'tray-b': cursorEntry.mcpServers.tray } }, null, 2), 0o644);
  return h;
}

async function doctor(h: TempHome, extra: string[], env: Record<string, string | undefined> = {}) {
  const r = await runCli(['doctor', '--offline', '--home', h.dir, '--platform', 'darwin', ...extra], { cwd: tmp.dir('report-cwd-'), env: { PATH: '', ...env } });
  expect(leaksCanary(r.all)).toBe(false);
  expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  return r;
}

/** Words of the texts a reader must be able to read whole (those that fit on a line). */
function words(texts: string[], max: number): string[] {
  const all = texts.flatMap((t) => t.replace(/`[^`]*`/g, ' ').split(/\s+/)).map((w) => w.replace(/[:;,.]+$/, ''));
  return [...new Set(all.filter((w) => w.length >= 3 && w.length <= max))];
}

describe('doctor: the report leads with the answer and fits the terminal', () => {
  const h = messyHome();

  for (const width of [60, 80, 120]) {
    for (const verbose of [false, true]) {
      it(`${width} columns${verbose ? ', --verbose' : ''}: no line too wide, no command split, no word cut`, async () => {
        const j = await doctor(h, ['--json']);
        const report = json<Report>(j);
        const t = triage(report.results);
        const commands = t.problems.flatMap((p) => p.fix.commands);
        expect(commands.length).toBeGreaterThanOrEqual(3);

        const r = await doctor(h, verbose ? ['--verbose'] : [], { COLUMNS: String(width) });
        expect(r.code).toBe(1);
        const lines = r.stdout.split('\n');
        expect(lines[0]).toContain(report.summary.headline.split(' ').slice(0, 4).join(' '));
        for (const line of lines) {
          if ([...line].length <= width) continue;
          expect(commands, `a line wider than ${width} that is not a command:\n${line}`).toContain(line.trim());
        }
        for (const cmd of commands) expect(lines.map((l) => l.trim()), `command not whole on one line: ${cmd}`).toContain(cmd);
        // every problem's message, and with --verbose every message, is readable word by word
        const texts = verbose ? report.results.map((x) => x.message) : t.problems.map((p) => p.root.message);
        const flat = lines.join('\n');
        for (const w of words(texts, width - 24)) expect(flat, `word cut: ${w}`).toContain(w);
        // problems first, in severity order, each once; then one line per check
        const titles = lines.filter((l) => /^[✖‼!] (fail|error|warn) {2}/.test(l));
        expect(titles).toHaveLength(t.problems.length);
        expect(titles.map((l) => l.split(' ')[1])).toEqual(t.problems.map((p) => p.status));
      });
    }
  }

  it('one mistake is one problem: the Cursor file in the docs’ stale path', async () => {
    const only = tempHome('report-stale-');
    tmp.also(only.cleanup);
    only.write(CLINE_IN_CURSOR, JSON.stringify({ mcpServers: { tray: { url: URL_OK, headers: { Authorization: `Bearer ${CANARY}` } } } }, null, 2), 0o600);
    const r = await doctor(only, ['--json']);
    const t = triage(json<Report>(r).results);
    const stale = t.problems.filter((p) => p.root.details?.file === `~/${CLINE_IN_CURSOR}` || p.root.subject === `~/${CLINE_IN_CURSOR}`);
    const tray = stale.filter((p) => p.root.check === 'tray-servers');
    expect(tray).toHaveLength(1);
    expect(tray[0]!.root.subject).toBe('cursor › tray');
    expect(tray[0]!.consequences.map((c) => c.subject)).toContain('cline › tray');
    expect(tray[0]!.fix.commands).toEqual([`tray-mcp setup -c cursor -w ${WORKSPACE} -n tray`]);
    expect(t.problems).toHaveLength(1);
    expect(t.headline).toBe('Cursor cannot use Tray: the Tray entry is in a file it does not read');
  });

  it('piped output follows COLUMNS, 80 when unset', async () => {
    const r = await doctor(h, [], { COLUMNS: undefined });
    const report = json<Report>(await doctor(h, ['--json']));
    const commands = triage(report.results).problems.flatMap((p) => p.fix.commands);
    const wide = r.stdout.split('\n').filter((l) => [...l].length > 80 && !commands.includes(l.trim()));
    expect(wide).toEqual([]);
    expect(r.stdout.split('\n').some((l) => [...l].length > 70)).toBe(true);
  });

  it('--format markdown: headline heading, problem sections, commands in code blocks, a table of checks', async () => {
    const r = await doctor(h, ['--format', 'markdown']);
    const report = json<Report>(await doctor(h, ['--json']));
    expect(r.stdout.split('\n')[0]).toMatch(/^## ✖ /);
    expect(r.stdout).toContain('### 1. ✖ fail: ');
    expect(r.stdout).toContain('| | check | result |');
    for (const cmd of triage(report.results).problems.flatMap((p) => p.fix.commands)) expect(r.stdout).toContain(`  \`\`\`sh\n  ${cmd}\n  \`\`\``);
  });

  it('--format json is --json, with summary.headline; --json with another --format is a usage error', async () => {
    const a = json<Report>(await doctor(h, ['--format', 'json']));
    expect(doctorReportErrors(a)).toEqual([]);
    expect(a.summary.headline).toMatch(/cannot use Tray/);
    const bad = await doctor(h, ['--json', '--format', 'markdown']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--json and --format markdown/);
  });
});

describe('clashes only between entries the client loads', () => {
  it("two url entries of one workspace in Claude Desktop's file (which it skips): no \"tools appear twice\"", async () => {
    const h = tempHome('report-clash-');
    tmp.also(h.cleanup);
    const entry = { url: URL_OK, headers: { Authorization: `Bearer ${CANARY}` } };
    h.write('.config/Claude/claude_desktop_config.json', JSON.stringify({ mcpServers: { 'tray-a': entry, 'tray-b': entry } }, null, 2), 0o600);
    h.write('.cursor/mcp.json', JSON.stringify({ mcpServers: { 'tray-a': entry, 'tray-b': { ...entry, disabled: true }, 'tray-c': entry } }, null, 2), 0o600);
    const r = await runCli(['doctor', '--offline', '--json', '--home', h.dir, '--platform', 'linux', '--only', 'tray-servers'], { cwd: tmp.dir('report-cwd-') });
    const rows = json<Report>(r).results.filter((x) => x.check === 'tray-servers');
    const problems = (subject: string) => (rows.find((x) => x.subject === subject)!.details!.problems as string[] | undefined) ?? [];
    expect(problems('claude › tray-a')).not.toContain('duplicate-workspace');
    expect(problems('claude › tray-b')).not.toContain('duplicate-workspace');
    expect(problems('cursor › tray-b')).not.toContain('duplicate-workspace');
    // the two Cursor entries it does load still clash
    expect(problems('cursor › tray-a')).toContain('duplicate-workspace');
    expect(rows.find((x) => x.subject === 'cursor › tray-a')!.message).toContain('"tray-c"');
    expect(rows.find((x) => x.subject === 'cursor › tray-a')!.message).not.toContain('"tray-b"');
  });
});

describe('doctor --url on a machine without client configs: the probe decides', () => {
  async function gateway(scenario: string) {
    const g = await startGateway({ scenario: scenario as never, token: CANARY });
    gateways.push(g);
    return g;
  }

  it('a healthy server: exit 0, and the missing configs are said, not counted', async () => {
    const g = await gateway('ok');
    const home = tempHome('report-url-');
    tmp.also(home.cleanup);
    const r = await runCli(['doctor', '--url', g.url, '--token', CANARY, '--home', home.dir, '--json'], { cwd: tmp.dir('report-cwd-') });
    const report = json<Report>(r);
    expect(r.code).toBe(0);
    expect(report.summary.ok).toBe(true);
    const none = report.results.filter((x) => x.subject === 'all clients' && (x.check === 'config-files' || x.check === 'tray-servers'));
    expect(none.map((x) => x.status)).toEqual(['skip', 'skip']);
    expect(none.every((x) => x.details?.reason === 'direct-probe')).toBe(true);
    expect(report.summary.headline).toMatch(/^All good: /);
    expect(leaksCanary(r.all)).toBe(false);
  });

  it('a refused token: exit 1, the headline names the server and the 401', async () => {
    const g = await gateway('401');
    const home = tempHome('report-url-');
    tmp.also(home.cleanup);
    const r = await runCli(['doctor', '--url', g.url, '--token', CANARY, '--home', home.dir], { cwd: tmp.dir('report-cwd-') });
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe(`✖ The server ${g.origin} cannot be used: the token was rejected (401)`);
    expect(r.stdout).toContain(`tray-mcp doctor --url ${g.url}`);
    expect(leaksCanary(r.all)).toBe(false);
  });
});
