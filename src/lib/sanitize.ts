// Text from servers, files and logs on its way to a terminal: control characters and escape
// sequences shown escaped (`\x1b[2J` printed as those six characters, never acted on), and every
// value cut to a size a person can read. Used by the table and text renderers; JSON output keeps
// the data (JSON escaping makes it inert). Redaction happens before any of this (a token cut in
// half is no longer recognisable): reports are scrubbed when they are built.
/** C0 and C1 controls, DEL, and the Unicode format characters that reorder or hide text. */
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/g;
const CONTROLS_AND_NEWLINES = /[\u0000-\u0009\u000a-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/g;

function escapeOne(c: string): string {
  const code = c.charCodeAt(0);
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  if (c === '\t') return '\\t';
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * Control characters (ESC, BEL, CR, backspace, C1 controls, bidi overrides, zero-width characters)
 * shown as escapes. Newlines are escaped too unless `keepNewlines` (our own multi-line messages);
 * a tab is shown as `\t` unless `keepNewlines`, where it is a space.
 */
export function escapeControls(text: string, o: { keepNewlines?: boolean } = {}): string {
  if (o.keepNewlines) return text.replace(CONTROLS, (c) => (c === '\t' ? ' ' : escapeOne(c)));
  return text.replace(CONTROLS_AND_NEWLINES, escapeOne);
}

/** At most `max` characters, ending in `…(N more bytes)` when cut (never inside a surrogate pair). */
export function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  return `${text.slice(0, cut)}…(${Buffer.byteLength(text) - Buffer.byteLength(text.slice(0, cut))} more bytes)`;
}

/** Words longer than this are shortened in a table cell (a 400 KB URL helps nobody on screen). */
export const CELL_WORD_MAX = 160;
/** A table cell's text at most (the JSON report has the whole value). */
export const CELL_MAX = 2048;
export const SUBJECT_MAX = 300;
export const DETAIL_MAX = 1024;

/** One cell's text for a terminal table: escaped, capped, with very long words shortened. */
export function cellText(text: string, max = CELL_MAX): string {
  const capped = capText(text, max);
  const short = capped.replace(/\S{161,}/g, (w) => `${w.slice(0, CELL_WORD_MAX - 20)}…${w.slice(-12)}`);
  return escapeControls(short, { keepNewlines: true });
}

function detailValue(v: unknown, depth = 0): unknown {
  if (typeof v === 'string') return escapeControls(capText(v, DETAIL_MAX));
  if (depth > 8) return '…';
  if (Array.isArray(v)) return v.slice(0, 50).map((x) => detailValue(x, depth + 1)).concat(v.length > 50 ? [`…(${v.length - 50} more)`] : []);
  if (v && typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v).slice(0, 50)) o[escapeControls(k)] = detailValue(x, depth + 1);
    return o;
  }
  return v;
}

/**
 * A report result as the table shows it: subject, message and details (for --verbose) escaped
 * and capped. The result itself is left as it is (the JSON renderer uses it whole).
 */
export function forDisplay<T extends { subject: string; message: string; details?: Record<string, unknown> }>(r: T): T {
  return {
    ...r,
    subject: escapeControls(capText(r.subject, SUBJECT_MAX)),
    message: cellText(r.message),
    ...(r.details ? { details: detailValue(r.details) as Record<string, unknown> } : {}),
  };
}
