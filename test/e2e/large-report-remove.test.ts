// report and remove on a large ~/.claude.json (Claude Code keeps every project's history there, and
// each project has its own mcpServers): the file is never a string, a token list or a tree of the
// whole document. Each runs with a V8 heap cap it must stay within, and its peak RSS is held to the
// ceiling the README promises (test/helpers/cli.ts MEMORY_CEILING_MB). On this ~36 MB file the
// earlier implementation peaked at ~450 MB (report) and ~630 MB (remove); measured now ~210 MB and
// ~160 MB, and both run within a 96 MB heap. The results are those of the text way, computed here.
import { describe, it, expect, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { MEMORY_CEILING_MB, runCli } from '../helpers/cli.js';
import { CANARY, leaksCanary, tempHome, WORKSPACE, type TempHome } from '../helpers/home.js';
import { redactConfigText } from '../../src/bundle/redact.js';
import { withoutServer } from '../../src/setup/edit.js';

const HEAP_CAP_MB = 128;
const homes: TempHome[] = [];
afterAll(() => homes.forEach((h) => h.cleanup()));
const home = () => {
  const h = tempHome('tray-large-rr-');
  homes.push(h);
  return h;
};

const URL_ = `https://${WORKSPACE}.mcp.tray.ai`;
const tray = (token: string) => ({ type: 'http', url: URL_, headers: { Authorization: `Bearer ${token}` } });
const projectToken = (i: number) => `proj-${String(i).padStart(4, '0')}-tok-abcdefghijklmnop`;
/** the projects holding a Tray entry of their own */
const TRAY_PROJECTS = [5, 300, 700];

/** A ~36 MB ~/.claude.json shaped like Claude Code's: many projects, each with its history and its own mcpServers. */
function bigClaudeJson(): string {
  const projects: Record<string, unknown> = {};
  let size = 0;
  for (let i = 0; size < 27 * 1024 * 1024; i++) {
    const history = Array.from({ length: 200 }, (_, k) => ({ display: `fix the failing test in module ${i}-${k} and explain why — é 日本 😀`, pastedContents: {} }));
    const mcpServers: Record<string, unknown> = { [`local-${i}`]: { command: 'node', args: ['server.js'], env: i % 10 ? {} : { API_KEY: `key-${i}-abcdefghijklmnop1234` } } };
    if (TRAY_PROJECTS.includes(i)) mcpServers['tray-workspace'] = tray(projectToken(i));
    const p = { allowedTools: [], history, mcpServers, hasTrustDialogAccepted: true, lastCost: 1.23 };
    projects[`/home/me/work/project-${i}`] = p;
    size += JSON.stringify(p).length;
  }
  const doc = { numStartups: 812, installMethod: 'npm', mcpServers: { github: { type: 'http', url: 'https://api.example.com/mcp' }, 'tray-workspace': tray(CANARY) }, projects, oauthAccount: { emailAddress: 'me@example.com' } };
  return JSON.stringify(doc, null, 2) + '\n';
}

const original = bigClaudeJson();

describe('a 36 MB ~/.claude.json', () => {
  it(`remove -c claude-code: every Tray entry gone, the rest byte for byte as the text way leaves it, within a ${HEAP_CAP_MB} MB heap and ${MEMORY_CEILING_MB} MB`, async () => {
    expect(original.length).toBeGreaterThan(34 * 1024 * 1024);
    const h = home();
    const file = h.write('.claude.json', original, 0o600);
    const r = await runCli(['remove', 'tray-workspace', '-c', 'claude-code', '--yes', '--home', h.dir, '--platform', 'linux'], {
      env: { NODE_OPTIONS: `--max-old-space-size=${HEAP_CAP_MB}` },
      measure: true,
      timeoutMs: 90_000,
    });
    expect(r.code, r.stderr.slice(0, 800)).toBe(0);
    expect(r.stderr.match(/✓ Removed/g)).toHaveLength(1 + TRAY_PROJECTS.length);
    expect(leaksCanary(r.all)).toBe(false);
    expect(r.maxRssMb, 'peak RSS').toBeLessThan(MEMORY_CEILING_MB);
    // what withoutServer (the text way) writes, one removal after the other
    let expected = original;
    for (const p of [['mcpServers', 'tray-workspace'], ...TRAY_PROJECTS.map((i) => ['projects', `/home/me/work/project-${i}`, 'mcpServers', 'tray-workspace'])]) expected = withoutServer(expected, 'claude-code', p);
    expect(readFileSync(file, 'utf8') === expected).toBe(true);
    expect(readFileSync(`${file}.bak`, 'utf8') === original).toBe(true);
  }, 180_000);

  it(`report: the file redacted as the text way redacts it (history trimmed, tokens as fingerprints), within a ${HEAP_CAP_MB} MB heap and ${MEMORY_CEILING_MB} MB`, async () => {
    const h = home();
    h.write('.claude.json', original, 0o600);
    const out = h.path('bundle.json');
    const r = await runCli(['report', '--offline', '--out', out, '--home', h.dir, '--platform', 'linux'], {
      cwd: h.dir,
      env: { NODE_OPTIONS: `--max-old-space-size=${HEAP_CAP_MB}` },
      measure: true,
      timeoutMs: 120_000,
    });
    expect(r.code, r.stderr.slice(0, 800)).toBe(0);
    expect(r.maxRssMb, 'peak RSS').toBeLessThan(MEMORY_CEILING_MB);
    const text = readFileSync(out, 'utf8');
    expect(leaksCanary(text)).toBe(false);
    for (const i of TRAY_PROJECTS) expect(text.includes(projectToken(i))).toBe(false);
    const bundle = JSON.parse(text);
    const f = bundle.files.find((x: { path: string }) => x.path === '~/.claude.json');
    expect(f).toMatchObject({ trimmed: true, size: Buffer.byteLength(original) });
    // every credential of the file is a secret of the run: the text way, given them, writes the same
    const secrets = [CANARY, `Bearer ${CANARY}`, ...TRAY_PROJECTS.flatMap((i) => [projectToken(i), `Bearer ${projectToken(i)}`])];
    for (let i = 0; ; i += 10) {
      if (!original.includes(`"key-${i}-`)) break;
      secrets.push(`key-${i}-abcdefghijklmnop1234`);
    }
    const red = redactConfigText(original, { secrets, trim: true });
    expect(f.text === red.text).toBe(true);
    expect(f.masks).toEqual(red.masks);
    expect(JSON.parse(f.text).mcpServers['tray-workspace'].headers.Authorization).toBe(`Bearer …${CANARY.slice(-4)}`);
  }, 180_000);
});
