// report writes its bundle's JSON in pieces (bundleJson: a redacted ~/.claude.json is tens of MB, and
// its JSON is never one string): joined, the pieces are JSON.stringify(bundle, null, 2) + '\n'; and
// the leak check finds a secret's form wherever it is, also across the seam of two pieces.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { bundleJson, leaks } from '../../src/bundle/command.js';
import { FormFinder, replaceForms } from '../../src/lib/form-finder.js';
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

  it('thousands of secrets sharing their start and their end (Bearer …, one suffix): still one pass', () => {
    const secrets = Array.from({ length: 6000 }, (_, i) => `Bearer tok${String(i).padStart(8, "0")}Zq9xYw7vUt6sRr5`);
    const text = secrets.slice(0, 4000).join('\n');
    const t0 = process.cpuUsage();
    expect(leaks(text, secrets)).toEqual([fingerprint(secrets[0]!)]); // (one fingerprint: they end alike)
    expect(replaceForms(text, secretForms(secrets), fingerprint)).not.toContain('Zq9xYw7vUt6sRr5');
    const cpu = process.cpuUsage(t0);
    // this process's CPU time: ~0.6 s here; with every string filed under its first window it is
    // quadratic (one bucket of 6,000 for "Bearer t"): ~8 s
    expect((cpu.user + cpu.system) / 1000).toBeLessThan(3_000);
  });

  it('tens of thousands of secrets: no argument list too long anywhere', () => {
    const secrets = Array.from({ length: 20_000 }, (_, i) => `tok${String(i).padStart(8, '0')}Zq9xYw7vUt6sRr5`);
    expect(leaks(`a ${secrets[12_345]} b`, secrets)).toEqual([fingerprint(secrets[12_345]!)]);
  });
});

describe('replaceForms and secretForms (one pass over the forms)', () => {
  const alphabet = fc.constantFrom(...'aAb0=+/%_-.: "'.split(''), 'é', '😀', '…');
  const str = (min: number, max: number) => fc.array(alphabet, { minLength: min, maxLength: max }).map((a) => a.join(''));

  it('replaceForms: what replacing each form in turn gives, for few forms and many', () => {
    fc.assert(
      fc.property(fc.array(str(6, 12), { minLength: 1, maxLength: 14 }), fc.array(fc.tuple(str(0, 12), fc.nat(), fc.nat(2))), (secrets, parts) => {
        const forms = secretForms(secrets);
        const text = parts.map(([noise, k, cut]) => noise + forms[k % forms.length]!.slice(cut)).join('');
        let want = text;
        for (const f of forms) if (want.includes(f)) want = want.split(f).join(fingerprint(f));
        expect(replaceForms(text, forms, fingerprint)).toBe(want);
      }),
      { numRuns: 300 },
    );
  });

  it('secretForms: a secret that holds another (8+ characters) adds no forms of its own, as before', () => {
    fc.assert(
      fc.property(fc.array(str(6, 14), { maxLength: 10 }), fc.array(fc.tuple(fc.nat(), fc.nat(), str(0, 4)), { maxLength: 4 }), (base, grow) => {
        // some secrets made by wrapping others, so that one holds another
        const secrets = [...base, ...grow.filter(() => base.length > 0).map(([k, _, pad]) => pad + base[k % base.length]! + pad)];
        const known = [...new Set(secrets.filter((s) => s.length >= 6))];
        const minimal = known.filter((s) => !known.some((t) => t !== s && t.length < s.length && s.includes(t) && t.length >= 8));
        expect(new Set(secretForms(secrets))).toEqual(new Set(secretForms(minimal)));
      }),
      { numRuns: 300 },
    );
  });
});

