// The credential shapes users paste and clients log, through the matching engine explain and the
// client-logs check share: no token reaches a match (evidence = client-logs' details.line, facts),
// whether the line is recognised or not. Redaction itself is src/lib/redact.ts; this proves the
// engine applies it to everything it hands out (also when a long line is cut around the match).
import { describe, it, expect } from 'vitest';
import { explainText, Scanner, evidenceOf } from '../../src/remedies/match.js';
import { MATCHED_LINES, OLD_TOKEN, QUOTED_ARG_LINES, SHAPES, TOKEN, WS, leaksToken } from './token-shapes.js';

describe('no token leaves the matching engine', () => {
  it('the leak check itself catches a token, a part of one, and lets the fingerprint and the workspace id through', () => {
    expect(leaksToken(`x ${OLD_TOKEN} y`)).toBe(true);
    expect(leaksToken(`-t ${OLD_TOKEN.slice(3, 15)}…`)).toBe(true);
    expect(leaksToken(`Bearer ${TOKEN.slice(0, 10)}`)).toBe(true);
    expect(leaksToken(`-w ${WS} -t [redacted …1c0b] Bearer [redacted …6789]`)).toBe(false);
  });

  it.each(SHAPES.map((s) => [s]))('unrecognised or not, nothing leaks: %s', (input) => {
    expect(leaksToken(JSON.stringify(explainText(input)))).toBe(false);
    // and as part of a recognised line: the evidence keeps the line, with the token masked
    const m = explainText(`${input} → HTTP 401`);
    expect(m[0]?.id).toBe('token-invalid-or-expired');
    expect(m[0]!.evidence).toContain('[redacted');
    expect(leaksToken(JSON.stringify(m))).toBe(false);
  });

  it.each(MATCHED_LINES)('evidence (client-logs details.line) and facts are masked: %s', (line, id) => {
    const m = explainText(line);
    expect(m.map((x) => x.id)).toContain(id);
    for (const x of m) {
      expect(x.evidence).toContain('[redacted');
      expect(leaksToken(x.evidence), x.evidence).toBe(false);
    }
    expect(leaksToken(JSON.stringify(m))).toBe(false);
  });

  it('the last 4 characters are all that show, as a fingerprint', () => {
    const m = explainText(MATCHED_LINES[0]![0])[0]!;
    expect(m.evidence).toContain('-t [redacted …1c0b]');
    expect(explainText(MATCHED_LINES[1]![0])[0]!.evidence).toContain('…6789]');
  });

  it('a long line cut around the match never exposes a token at the cut', () => {
    for (const [line] of MATCHED_LINES) {
      for (const pad of [0, 1, 7, 50, 119, 120, 121, 200, 333]) {
        const long = 'x'.repeat(pad) + ' ' + line + ' ' + 'y'.repeat(900 - pad);
        const m = explainText(long);
        expect(m.length).toBeGreaterThan(0);
        expect(m[0]!.evidence.length).toBeLessThanOrEqual(402);
        expect(leaksToken(JSON.stringify(m)), `pad ${pad}: ${line}`).toBe(false);
      }
      // and cut right through the token itself
      for (let at = 0; at < line.length; at += 13) expect(leaksToken(evidenceOf('z'.repeat(500) + line, line.slice(at, at + 5)))).toBe(false);
    }
  });

  it('the scanner client-logs runs masks every line it reports, across a whole log', () => {
    const s = new Scanner();
    for (const [line] of MATCHED_LINES) s.push(line);
    for (const input of SHAPES) s.push(input);
    const all = s.results();
    expect(all.length).toBeGreaterThanOrEqual(3);
    expect(leaksToken(JSON.stringify(all))).toBe(false);
  });
});

describe('quoted flag and value (args arrays, spawn errors): needs a redact.ts pattern', () => {
  it.each(QUOTED_ARG_LINES)('%s', (line, id) => {
    const m = explainText(line);
    expect(m.map((x) => x.id)).toContain(id);
    expect(leaksToken(JSON.stringify(m)), m[0]?.evidence).toBe(false);
  });
});
