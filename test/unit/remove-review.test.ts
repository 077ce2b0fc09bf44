// Removal cases an adversarial review found failing (YAML ranges that end in the next line's indentation,
// a comment that belongs to the item before, one file two clients read).
import { describe, it, expect } from 'vitest';
import { withoutServer, withoutServersBytes } from '../../src/setup/edit.js';

describe('after review: YAML removal', () => {
  // The yaml library's range for an item that ends with a nested block collection followed by a
  // comment line runs into the indentation of the next line; yamlCuts then exec()s a regex that
  // cannot match and reads [0] of null: a TypeError, "internal error" from the CLI. (Base cf0b778 removed it.)
  it('Continue: an item ending with a nested map/list whose last line is a comment', () => {
    const text = 'mcpServers:\n  - name: tray\n    env:\n      A: 1\n      # B: 2\n  - name: b\n';
    expect(withoutServer(text, 'continue', ['mcpServers', 0], 'tray')).toBe('mcpServers:\n  - name: b\n');
  });
  it('Continue: same, with a blank line before the next item', () => {
    const text = 'mcpServers:\n  - name: tray\n    args:\n      - a\n      # - b\n\n  - name: b\n';
    expect(withoutServer(text, 'continue', ['mcpServers', 0], 'tray')).toBe('mcpServers:\n\n  - name: b\n');
  });
  it('Goose: an extension ending with a nested map whose last line is a comment', () => {
    const text = 'extensions:\n  tray:\n    enabled: true\n    envs:\n      A: 1\n      # B: 2\n  other:\n    enabled: false\n';
    expect(withoutServer(text, 'goose', ['extensions', 'tray'])).toBe('extensions:\n  other:\n    enabled: false\n');
  });
  // The doc comment says comment lines directly above go "as the library reads them (its commentBefore)";
  // the library reads this one as the previous item's own comment (items[0].comment), yet it is deleted.
  it('a comment indented inside the previous item stays with that item', () => {
    const text = 'mcpServers:\n  - name: a\n    url: 1\n    # note about a\n  - name: tray\n  - name: b\n';
    expect(withoutServer(text, 'continue', ['mcpServers', 1], 'tray')).toBe('mcpServers:\n  - name: a\n    url: 1\n    # note about a\n  - name: b\n');
  });
});

describe('after review: one file, two readers', () => {
  // ./.mcp.json is read by Claude Code and GitHub Copilot CLI (and Cline's file in Cursor's user dir
  // by Cline and, stale, Cursor): `remove NAME --yes` gets two removals with the same path in one file.
  // The bytes way refuses (one map twice); the text way's second withoutServer throws "the entry is no
  // longer there; run the command again" — every time. Base cf0b778 removed it.
  it('the same entry removed for two clients of one file', () => {
    const text = '{\n  "mcpServers": {\n    "tray": {"url": "https://x.mcp.tray.ai"},\n    "github": {"command": "gh"}\n  }\n}\n';
    const removals = [
      { client: 'claude-code' as const, jsonPath: ['mcpServers', 'tray'] },
      { client: 'copilot-cli' as const, jsonPath: ['mcpServers', 'tray'] },
    ];
    const bytes = withoutServersBytes(Buffer.from(text), removals);
    let out: string;
    if (bytes) out = Buffer.concat(bytes).toString('utf8');
    else {
      out = text;
      for (const r of removals) out = withoutServer(out, r.client, r.jsonPath, 'tray'); // what runRemove does
    }
    expect(out).toBe('{\n  "mcpServers": {\n    "github": {"command": "gh"}\n  }\n}\n');
  });
});
