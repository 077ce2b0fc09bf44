// The parts of `doctor --fix`: the trailing-comma fixer, the trimmed diff, argv written back in
// each client's command shape, entry edits at nested paths, and the catalog itself.
import { describe, it, expect, beforeAll } from 'vitest';
import { withoutTrailingCommas } from '../../src/fix/kinds/trailing-comma.js';
import { loadDiff, unifiedDiff } from '../../src/fix/diff.js';
import { commandOf, withCommand } from '../../src/gateway/entry.js';
import { changeEntry, putEntry } from '../../src/fix/entry-edit.js';
import { FIX_KINDS } from '../../src/fix/catalog.js';
import { FixNotSafe } from '../../src/fix/types.js';
import { CLIENTS } from '../../src/clients/catalog.js';

beforeAll(() => loadDiff());

describe('withoutTrailingCommas', () => {
  it('removes only the commas before } and ], keeping every other byte', () => {
    const text = '{\n  "a": [1, 2,],\n  "b": { "c": true, },\n}\n';
    expect(withoutTrailingCommas(text)).toBe('{\n  "a": [1, 2],\n  "b": { "c": true }\n}\n');
  });
  it('keeps a BOM it did not come for', () => {
    expect(withoutTrailingCommas('\uFEFF{"a": 1,}')).toBe('\uFEFF{"a": 1}');
  });
  it('refuses a file with other errors, a comma inside a string, or nothing to do', () => {
    expect(() => withoutTrailingCommas('{"a": 1,, }')).toThrow(FixNotSafe);
    expect(() => withoutTrailingCommas('{"a": 1, // note\n}')).toThrow(FixNotSafe);
    expect(() => withoutTrailingCommas('{"a": ",}"}')).toThrow(FixNotSafe);
  });
});

describe('unifiedDiff', () => {
  it('diffs only what changed and numbers the hunk as in the whole file', () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `line ${i}`);
    const after = [...lines];
    after[4000] = 'changed';
    const d = unifiedDiff('~/f.json', lines.join('\n') + '\n', after.join('\n') + '\n');
    expect(d).toMatch(/^--- ~\/f\.json\n\+\+\+ ~\/f\.json\n@@ -3998,7 \+3998,7 @@/);
    expect(d).toContain('-line 4000\n+changed');
    expect(d.split('\n').length).toBeLessThan(15);
  });
  it('a new file is diffed from /dev/null; a very long line is cut', () => {
    const d = unifiedDiff('~/new.json', null, `{"a": "${'x'.repeat(1000)}"}\n`);
    expect(d).toMatch(/^--- \/dev\/null/);
    expect(d).toMatch(/…\(\d+ more characters\)/);
  });
});

describe('withCommand is the inverse of commandOf, in every command shape', () => {
  const argv = ['cmd', '/c', 'npx', '-y', 'mcp-remote', 'https://x'];
  for (const [id, spec] of Object.entries(CLIENTS)) {
    it(id, () => {
      const c = spec.command;
      const entry: Record<string, unknown> = { keep: 1, [c.commandKey]: c.argv ? ['npx', 'mcp-remote'] : 'npx', ...(c.argsKey ? { [c.argsKey]: ['mcp-remote'] } : {}) };
      const out = withCommand(entry, c, argv, { A: 'b' });
      expect(commandOf(out, c)).toEqual({ argv, env: { A: 'b' } });
      expect(out.keep).toBe(1);
    });
  }
  it("Zed's older nested form stays nested", () => {
    const spec = { commandKey: 'command' as const, argsKey: 'args' as const, envKey: 'env' as const };
    const out = withCommand({ command: { path: 'npx', args: ['a'], env: { X: '1' } } }, spec, ['npx', '-y', 'a']);
    expect(out).toEqual({ command: { path: 'npx', args: ['-y', 'a'], env: { X: '1' } } });
  });
});

describe('entry edits', () => {
  it("a project map of ~/.claude.json is changed in place; the rest of the file stays", () => {
    const text = '{\n  "numStartups": 3,\n  "projects": {\n    "/w": {\n      "mcpServers": {\n        "tray": { "command": "npx", "args": ["mcp-remote"] }\n      }\n    }\n  },\n  "tail": true\n}\n';
    const out = changeEntry(text, 'claude-code', ['projects', '/w', 'mcpServers', 'tray'], (e) => ({ ...e, args: ['-y', 'mcp-remote'] }));
    expect(JSON.parse(out)).toEqual({ numStartups: 3, projects: { '/w': { mcpServers: { tray: { command: 'npx', args: ['-y', 'mcp-remote'] } } } }, tail: true });
    expect(out.startsWith('{\n  "numStartups": 3,\n  "projects": {\n')).toBe(true);
    expect(out.endsWith('  },\n  "tail": true\n}\n')).toBe(true);
  });
  it('an entry that is gone is not edited: FixNotSafe', () => {
    expect(() => changeEntry('{"mcpServers": {}}', 'cursor', ['mcpServers', 'tray'], (e) => e)).toThrow(FixNotSafe);
    expect(() => changeEntry(null, 'cursor', ['mcpServers', 'tray'], (e) => e)).toThrow(FixNotSafe);
  });
  it('putEntry into a missing file makes a fresh document', () => {
    expect(JSON.parse(putEntry(null, 'windsurf', ['mcpServers', 'tray'], 'tray', { serverUrl: 'https://x' }))).toEqual({ mcpServers: { tray: { serverUrl: 'https://x' } } });
  });
});

describe('the fix catalog', () => {
  it('ids are unique, kebab-case, each described', () => {
    const ids = FIX_KINDS.map((k) => k.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const k of FIX_KINDS) {
      expect(k.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(k.when.length).toBeGreaterThan(10);
      expect(k.does.length).toBeGreaterThan(10);
    }
  });
});

describe('docs/fixes.md', () => {
  it('is what the catalog generates (run `npm run build && node scripts/gen-fixes-doc.mjs` after changing a fix)', async () => {
    const { readFileSync } = await import('node:fs');
    const path = await import('node:path');
    const { ROOT } = await import('../helpers/cli.js');
    const { renderFixesDoc } = await import('../../src/fix/doc.js');
    const committed = readFileSync(path.join(ROOT, 'docs', 'fixes.md'), 'utf8');
    expect(committed).toBe(renderFixesDoc());
    for (const k of FIX_KINDS) expect(committed).toContain(`| \`${k.id}\` |`);
  });
});
