// Bytes that are not a config file's text (src/lib/read-config.ts): a UTF-16 mark, a NUL byte, or
// bytes that are not UTF-8, with the offset of the first bad byte as the platform's own decoder
// (TextDecoder, fatal) finds it — also in files larger than the 64 KB pieces it is checked in.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { isUtf8 } from 'node:buffer';
import { checkBytes, firstInvalidUtf8, notTextReason } from '../../src/lib/read-config.js';

/** The first bad byte, the slow way: the longest prefix TextDecoder accepts whole, grown a byte at a time. */
function slowFirstInvalid(b: Buffer): number {
  const fatal = new TextDecoder('utf-8', { fatal: true });
  try {
    fatal.decode(b);
    return -1;
  } catch {
    /* below */
  }
  // the first n whose prefix has an error no longer prefix can repair (streaming decode throws)
  for (let n = 1; n <= b.length; n++) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(0, n), { stream: true });
    } catch {
      // the bad sequence starts at the longest whole-UTF-8 prefix just before
      for (let m = n - 1; m >= Math.max(0, n - 4); m--) if (isUtf8(b.subarray(0, m))) return m;
    }
  }
  // an unfinished sequence at the end
  for (let m = b.length - 1; m >= 0; m--) if (isUtf8(b.subarray(0, m))) return m;
  return 0;
}

const byte = fc.oneof(
  fc.integer({ min: 0x20, max: 0x7e }),
  fc.integer({ min: 0x80, max: 0xff }),
  fc.constantFrom(0xc2, 0xc3, 0xe0, 0xe2, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0x80, 0xbf, 0xa0, 0x9f, 0x90, 0x8f),
);
const piece = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('a', 'é', '日', '😀', '\uFFFD', '"', '{').map((s) => [...Buffer.from(s)]) },
  { weight: 1, arbitrary: byte.map((x) => [x]) },
);

describe('firstInvalidUtf8', () => {
  it('finds the first bad byte exactly where TextDecoder does, or -1 for UTF-8', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }), (parts) => {
        const b = Buffer.from(parts.flat());
        expect(firstInvalidUtf8(b)).toBe(slowFirstInvalid(b));
        expect(firstInvalidUtf8(b) === -1).toBe(isUtf8(b));
      }),
      { numRuns: 3000 },
    );
  });

  it('across the 64 KB pieces it reads: a character or a bad sequence split by a piece boundary', () => {
    const STEP = 64 * 1024;
    for (let shift = -4; shift <= 4; shift++) {
      for (const bad of [[0xe9], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0xed, 0xa0, 0x80], [0x80], [0xc0, 0xaf]]) {
        const head = Buffer.alloc(STEP + shift, 'a');
        // a good 4-byte character just before the bad bytes, straddling the boundary too
        const b = Buffer.concat([head, Buffer.from('😀'), Buffer.from(bad), Buffer.from('tail')]);
        expect(firstInvalidUtf8(b), `${shift} ${bad}`).toBe(head.length + 4);
      }
      const good = Buffer.concat([Buffer.alloc(STEP + shift, 'a'), Buffer.from('😀日é'.repeat(3))]);
      expect(firstInvalidUtf8(good)).toBe(-1);
      // unfinished at the very end
      const cut = Buffer.concat([Buffer.alloc(STEP + shift, 'a'), Buffer.from('😀').subarray(0, 3)]);
      expect(firstInvalidUtf8(cut)).toBe(STEP + shift);
    }
  });
});

describe('checkBytes', () => {
  it('says why bytes are not text, with the offset in the file (after a UTF-8 BOM too)', () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const latin1 = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xe9, 0x22, 0x7d]);
    const cases: [Buffer, object, string][] = [
      [latin1, { reason: 'invalid-utf8', offset: 6, byte: 0xe9 }, 'is not valid UTF-8 text (first bad byte 0xE9 at offset 6)'],
      [Buffer.concat([bom, latin1]), { reason: 'invalid-utf8', offset: 9, byte: 0xe9 }, 'is not valid UTF-8 text (first bad byte 0xE9 at offset 9)'],
      [Buffer.from([0xff, 0xfe, 0x7b, 0x00]), { reason: 'utf16', bom: 'utf16le' }, 'is saved as UTF-16 (byte-order mark FF FE at offset 0), not UTF-8'],
      [Buffer.from([0xfe, 0xff, 0x00, 0x7b]), { reason: 'utf16', bom: 'utf16be' }, 'is saved as UTF-16 (byte-order mark FE FF at offset 0), not UTF-8'],
      [Buffer.concat([bom, Buffer.from('{"a":\u0000}')]), { reason: 'binary', offset: 8 }, 'holds a NUL byte at offset 8: it is binary, not text'],
    ];
    for (const [b, failure, words] of cases) {
      const c = checkBytes(b);
      expect(c).toMatchObject({ ok: false, ...failure });
      if (!c.ok) expect(notTextReason(c)).toBe(words);
    }
    expect(checkBytes(Buffer.concat([bom, Buffer.from('{"é": 1}')]))).toMatchObject({ ok: true, bom: true });
  });
});
