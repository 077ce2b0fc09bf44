// report writes its bundle's JSON in pieces (bundleJson: a redacted ~/.claude.json is tens of MB, and
// its JSON is never one string): joined, the pieces are JSON.stringify(bundle, null, 2) + '\n'; and
// the leak check finds a secret's form wherever it is, also across the seam of two pieces.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { bundleJson, leaks } from '../../src/bundle/command.js';
import type { Bundle } from '../../src/bundle/types.js';
import { CANARY } from '../helpers/home.js';

const MB = 1 << 20;
const bundleWith = (texts: (string | undefined)[]): Bundle =>
  ({ kind: 'tray-mcp-support-bundle', notes: ['a "note"'], files: texts.map((text, i) => ({ path: `~/f${i}.json`, ...(text === undefined ? {} : { text }), masks: [] })), logs: [], after: { x: 1 } }) as unknown as Bundle;

describe('bundleJson', () => {
  it('joined, the pieces are the bundle as JSON.stringify writes it (texts across piece boundaries, surrogate pairs on them)', () => {
    const big = 'a'.repeat(MB - 1) + '😀' + '"\\\n\u0001\u2028é'.repeat(10) + 'b'.repeat(MB) + '\ud800' + 'x';
    for (const texts of [[], [undefined], ['{"a": 1}'], [big, undefined, '', '\u0000 "x"', big.slice(3)]]) {
      const b = bundleWith(texts);
      const j = bundleJson(b);
      const pieces = [...j.pieces()];
      expect(pieces.join('')).toBe(JSON.stringify(b, null, 2) + '\n');
      expect(j.length()).toBe(pieces.join('').length);
      // (a megabyte of text at a time: at most 6 MB escaped, \u0001 for each character)
      expect(Math.max(0, ...pieces.map((p) => p.length))).toBeLessThanOrEqual(6 * MB + 1024);
    }
  });

  it('the same for any texts', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.string({ unit: 'binary' }), { nil: undefined }), { maxLength: 4 }), (texts) => {
        const b = bundleWith(texts);
        expect([...bundleJson(b).pieces()].join('')).toBe(JSON.stringify(b, null, 2) + '\n');
      }),
    );
  });
});

describe('leaks', () => {
  it('a secret, or one of its encodings, split across two pieces is found', () => {
    const b64 = Buffer.from(CANARY).toString('base64');
    for (const form of [CANARY, b64]) {
      for (let cut = 1; cut < form.length; cut += 5) {
        expect(leaks(['x'.repeat(100) + form.slice(0, cut), form.slice(cut) + 'y'], [CANARY])).toHaveLength(1);
        expect(leaks(['x', form.slice(0, cut), '', form.slice(cut)], [CANARY])).toHaveLength(1);
      }
    }
    expect(leaks(['no', 'thing here'], [CANARY])).toEqual([]);
    expect(leaks(`a ${CANARY} b`, [CANARY])).toHaveLength(1);
  });
});
