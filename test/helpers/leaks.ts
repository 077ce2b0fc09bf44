// "Nowhere, in any encoding": a token's forms as a hostile server or a log may echo them, and a
// check that none of them (nor 12 characters in a row of one) appears in a text. The last few
// characters of a token may show (its fingerprint, `…zz42`), so windows touching a form's end are
// not counted.

/** The token as is, in other letter case, percent-encoded, hex, and base64/base64url at every byte offset. */
export function tokenForms(token: string): string[] {
  const b = Buffer.from(token);
  const forms = new Set<string>([
    token,
    token.toUpperCase(),
    token.toLowerCase(),
    encodeURIComponent(token),
    Array.from(b, (x) => '%' + x.toString(16).padStart(2, '0')).join(''),
    Array.from(b, (x) => '%' + x.toString(16).toUpperCase().padStart(2, '0')).join(''),
    b.toString('hex'),
    b.toString('hex').toUpperCase(),
  ]);
  for (const k of [0, 1, 2]) {
    const b64 = Buffer.concat([Buffer.alloc(k), b]).toString('base64');
    const middle = b64.slice(k === 0 ? 0 : 4, 4 * Math.floor((k + b.length) / 3));
    forms.add(middle);
    forms.add(middle.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return [...forms];
}

/** The first form of `token` found in `text` (12 characters in a row of it, away from its end), or null. */
export function leakedForm(text: string, token: string): string | null {
  for (const form of tokenForms(token)) {
    const tail = Math.ceil(form.length / token.length) * 6; // what encodes the token's last characters
    for (let i = 0; i + 12 <= form.length - tail; i++) {
      const piece = form.slice(i, i + 12);
      if (text.includes(piece)) return `${form} (…${piece}…)`;
    }
  }
  return null;
}
