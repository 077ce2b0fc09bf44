// setup on a large ~/.claude.json (Claude Code keeps its history there: tens of MB). The file is
// checked and edited without turning the whole text into objects or a syntax tree, so setup runs
// in a small, fixed heap: it is run with a V8 heap cap that whole-document parsing exceeds (the
// earlier implementation ran out of memory at 200 MB on this file; it peaked at ~820 MB RSS).
import { describe, it, expect, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { runCli } from '../helpers/cli.js';
import { tempHome, CANARY, WORKSPACE, leaksCanary, type TempHome } from '../helpers/home.js';

const homes: TempHome[] = [];
afterAll(() => homes.forEach((h) => h.cleanup()));

/** A ~36 MB ~/.claude.json shaped like Claude Code's: many projects with long histories. */
function bigClaudeJson(withMap: boolean): string {
  const projects: Record<string, unknown> = {};
  const doc: Record<string, unknown> = { numStartups: 812, installMethod: 'npm', autoUpdates: true };
  if (withMap) doc.mcpServers = { github: { type: 'http', url: 'https://api.example.com/mcp' } };
  doc.projects = projects;
  let size = 0;
  for (let i = 0; size < 27 * 1024 * 1024; i++) {
    const history = Array.from({ length: 200 }, (_, k) => ({ display: `fix the failing test in module ${i}-${k} and explain why it failed, with some more words here`, pastedContents: {} }));
    const p = { allowedTools: [], history, mcpServers: {}, hasTrustDialogAccepted: true, lastCost: 1.23 };
    projects[`/home/me/work/project-${i}`] = p;
    size += JSON.stringify(p).length;
  }
  return JSON.stringify(doc, null, 2);
}

const HEAP_CAP_MB = 160;

describe('setup: a 36 MB ~/.claude.json', () => {
  for (const withMap of [true, false]) {
    it(`${withMap ? 'with' : 'without'} a top-level mcpServers: written within a ${HEAP_CAP_MB} MB heap, nothing else changed`, async () => {
      const h = tempHome('tray-setup-large-');
      homes.push(h);
      const original = bigClaudeJson(withMap);
      expect(original.length).toBeGreaterThan(34 * 1024 * 1024);
      const file = h.write('.claude.json', original);
      const r = await runCli(['setup', '-w', WORKSPACE, '-t', CANARY, '-c', 'claude-code', '--home', h.dir, '--platform', 'linux'], {
        env: { NODE_OPTIONS: `--max-old-space-size=${HEAP_CAP_MB}` },
        timeoutMs: 60_000,
      });
      expect(r.code, r.stderr.slice(0, 500)).toBe(0);
      expect(leaksCanary(r.all)).toBe(false);
      const text = readFileSync(file, 'utf8');
      const before = JSON.parse(original);
      const after = JSON.parse(text);
      const entry = { type: 'http', url: `https://${WORKSPACE}.mcp.tray.ai`, headers: { Authorization: `Bearer ${CANARY}` } };
      expect(after).toEqual({ ...before, mcpServers: { ...(before.mcpServers ?? {}), 'tray-workspace': entry } });
      // only lines were added: every original line is still there, in order
      expect(text.length - original.length).toBeLessThan(400);
      expect(readFileSync(`${file}.bak`, 'utf8')).toBe(original);
    }, 120_000);
  }
});
