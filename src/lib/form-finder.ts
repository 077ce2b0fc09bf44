// Which of many strings (a secret's forms: as written, base64, percent-encoded, …) occur in a text,
// found in one pass: a report holds thousands of tokens, and a search per form per string was
// minutes. Light: no imports.

/**
 * Finds which of many strings occur in a text, in one pass: a rolling hash of the text's last K
 * characters is looked up among the hashes of one K-character window of each string (a bitmap,
 * then a map), and only there is a string compared. Each string is filed under the window of its
 * own whose bucket is the emptiest so far: tokens often share a start ("Bearer ", "sk-live-") or an
 * end, and a bucket of thousands would make the pass quadratic. Strings shorter than K are looked
 * for with includes().
 */
export class FormFinder {
  private static readonly K = 8;
  private static readonly B = 0x01000193;
  /** window hash → the strings filed under it, each with its window's offset */
  private readonly byHash = new Map<number, { form: string; at: number }[]>();
  private readonly bits = new Uint8Array(1 << 17); // 2^20 bits
  private readonly short: string[] = [];
  private readonly bk: number; // B^K (mod 2^32)

  constructor(forms: readonly string[]) {
    const { K, B } = FormFinder;
    let bk = 1;
    for (let k = 0; k < K; k++) bk = Math.imul(bk, B);
    this.bk = bk;
    for (const form of new Set(forms)) {
      if (form.length < K) {
        this.short.push(form);
        continue;
      }
      // every window's hash, rolling; the one whose bucket holds fewest strings wins (the first on a tie)
      let h = 0;
      for (let k = 0; k < K; k++) h = (Math.imul(h, B) + form.charCodeAt(k)) | 0;
      let best = h;
      let bestAt = 0;
      let bestSize = this.byHash.get(h)?.length ?? 0;
      for (let i = K; i < form.length && bestSize > 0; i++) {
        h = (Math.imul(h, B) + form.charCodeAt(i) - Math.imul(bk, form.charCodeAt(i - K))) | 0;
        const size = this.byHash.get(h)?.length ?? 0;
        if (size < bestSize) {
          best = h;
          bestAt = i - K + 1;
          bestSize = size;
        }
      }
      const list = this.byHash.get(best);
      if (list) list.push({ form, at: bestAt });
      else this.byHash.set(best, [{ form, at: bestAt }]);
      const b = best >>> 12;
      this.bits[b >>> 3]! |= 1 << (b & 7);
    }
  }

  /** Calls `hit` with each string found in `text` (a string found more than once: more than once). */
  each(text: string, hit: (form: string) => void): void {
    const { K, B } = FormFinder;
    const { bits, bk, byHash } = this;
    for (const f of this.short) if (text.includes(f)) hit(f);
    if (!byHash.size || text.length < K) return;
    let h = 0;
    for (let i = 0; i < K; i++) h = (Math.imul(h, B) + text.charCodeAt(i)) | 0;
    for (let i = K - 1; ; ) {
      const b = h >>> 12;
      if (bits[b >>> 3]! & (1 << (b & 7))) {
        const list = byHash.get(h);
        if (list) {
          for (const { form, at } of list) {
            const start = i - K + 1 - at;
            if (start >= 0 && text.startsWith(form, start)) hit(form);
          }
        }
      }
      if (++i >= text.length) return;
      h = (Math.imul(h, B) + text.charCodeAt(i) - Math.imul(bk, text.charCodeAt(i - K))) | 0;
    }
  }
}

const finders = new WeakMap<readonly string[], FormFinder>();

/**
 * `text` with each of `forms` it holds replaced by `by(form)`, the forms taken in their order (as
 * replacing each in turn does; secretForms puts the longest first). The forms held are found in one
 * pass (a FormFinder per forms array, kept while the array lives).
 */
export function replaceForms(text: string, forms: readonly string[], by: (form: string) => string): string {
  let t = text;
  if (forms.length <= 8) {
    for (const f of forms) if (t.includes(f)) t = t.split(f).join(by(f));
    return t;
  }
  let finder = finders.get(forms);
  if (!finder) finders.set(forms, (finder = new FormFinder(forms)));
  const held = new Set<string>();
  finder.each(text, (f) => void held.add(f));
  if (!held.size) return text;
  for (const f of forms) if (held.has(f) && t.includes(f)) t = t.split(f).join(by(f));
  return t;
}
