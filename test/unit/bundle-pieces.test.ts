// report writes its bundle's JSON in pieces (bundleJson: a redacted ~/.claude.json is tens of MB, and
// its JSON is never one string): joined, the pieces are JSON.stringify(bundle, null, 2) + '\n'; and
// the leak check finds a secret's form wherever it is, also across the seam of two pieces.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { bundleJson, leaks, FormFinder } from '../../src/bundle/command.js';
import { secretForms } from '../../src/bundle/redact.js';
import { fingerprint } from '../../src/lib/redact.js';
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

  it('finds what a search for each form finds, for any secrets and text (one pass for all of them)', () => {
    const alphabet = fc.constantFrom(...'aAb0=+/%_-.: "\\\n'.split(''), 'é', '😀');
    const str = (min: number, max: number) => fc.array(alphabet, { minLength: min, maxLength: max }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.array(str(8, 14), { minLength: 1, maxLength: 6 }), fc.array(fc.tuple(str(0, 20), fc.nat(), fc.nat(3))), (secrets, parts) => {
        // text: noise with forms (whole, or cut short) of the secrets planted in it
        const forms = secretForms(secrets);
        const text = parts.map(([noise, k, cut]) => noise + forms[k % forms.length]!.slice(cut)).join('');
        const want = new Set<string>();
        for (const s of secrets) if (secretForms([s]).some((f) => text.includes(f))) want.add(fingerprint(s));
        expect(new Set(leaks(text, secrets))).toEqual(want);
        // and as pieces cut anywhere
        const at = parts.length ? parts[0]![1] % (text.length + 1) : 0;
        expect(new Set(leaks([text.slice(0, at), text.slice(at)], secrets))).toEqual(want);
      }),
      { numRuns: 300 },
    );
  });

  it('FormFinder: strings shorter than its window, at the very start and end, and repeated', () => {
    const seen: string[] = [];
    new FormFinder(['abc', 'abcdefgh', 'abcdefghij', 'zzzzzzzz']).each('abcdefghij-abc-zzzzzzzz', (f) => seen.push(f));
    expect(seen.sort()).toEqual(['abc', 'abcdefgh', 'abcdefghij', 'zzzzzzzz']);
    const none: string[] = [];
    new FormFinder(['abcdefgh']).each('abcdefg', (f) => none.push(f));
    expect(none).toEqual([]);
  });

  it('thousands of secrets in a 20 MB text: one pass for all their forms', () => {
    const secrets = Array.from({ length: 3000 }, (_, i) => `sk-live-${String(i).padStart(12, '0')}-tail`);
    const text = 'x'.repeat(10 * MB) + `"token": "${secrets[2999]}"` + 'y'.repeat(10 * MB);
    const t0 = process.cpuUsage();
    expect(leaks(text, secrets)).toEqual([fingerprint(secrets[2999]!)]);
    const cpu = process.cpuUsage(t0);
    // a ceiling on this process's own CPU time (not wall time, which a busy machine stretches): one
    // pass takes ~0.5 s here; a search per form (27,000 of them) took ~15 s
    expect((cpu.user + cpu.system) / 1000).toBeLessThan(5_000);
  });
});

