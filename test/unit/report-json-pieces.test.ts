// The JSON report written a result at a time is exactly the JSON report (a 10,000-result report is
// never one 30 MB string).
import { describe, it, expect } from 'vitest';
import { buildReport } from '../../src/report/model.js';
import { renderJson, renderJsonPieces } from '../../src/report/json.js';
import type { Result } from '../../src/checks/types.js';

const meta = { version: '1.0.0', platform: 'linux' as const, pathNode: null, proxy: null, strict: false, durationMs: 1 };

describe('renderJsonPieces', () => {
  it.each([0, 1, 3, 250])('%i results: the pieces joined are renderJson', (n) => {
    const results: Result[] = Array.from({ length: n }, (_, i) => ({
      check: 'tray-servers',
      subject: `cursor › tray-${i} "quoted" \\ \u001b[2J`,
      status: i % 2 ? 'warn' : 'pass',
      message: `line one\nline two ${'x'.repeat(i)}`,
      details: { nested: { a: [1, 2, { b: null }], empty: {}, list: [] }, u: undefined },
      remedies: i % 2 ? ['multiple-workspaces'] : [],
    }));
    const report = buildReport(results, meta);
    const pieces = [...renderJsonPieces(report)];
    expect(pieces.join('')).toBe(renderJson(report));
    for (const p of pieces) expect(p.endsWith('\n')).toBe(true);
    if (n > 1) expect(pieces.length).toBe(n + 2);
  });
});
