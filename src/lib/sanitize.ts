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

/** The table shows at most this many results per check, and this many in all (--json has every one). */
export const TABLE_RESULTS_PER_CHECK = 50;
export const TABLE_RESULTS = 200;
/** A result's cell shows at most this many lines (more with --verbose). */
export const CELL_LINES = 14;
export const CELL_LINES_VERBOSE = 40;

const RANK: Record<string, number> = { pass: 0, skip: 1, warn: 2, fail: 3, error: 4 };

/**
 * At most TABLE_RESULTS_PER_CHECK results of each check and TABLE_RESULTS in all, in order; the rest
 * of a check becomes one row saying how many more there are (and the worst status among them). The
 * table library lays rows out in time that grows with the square of their number, so a config with
 * 10,000 entries must not become 10,000 rows.
 */
export function limitResults<T extends { check: string; subject: string; status: string; message: string; details?: Record<string, unknown>; remedies: unknown[] }>(results: readonly T[]): T[] {
  const out: T[] = [];
  const hidden = new Map<string, { first: T; n: number; worst: string; counts: Record<string, number> }>();
  const perCheck = new Map<string, number>();
  for (const r of results) {
    const n = perCheck.get(r.check) ?? 0;
    perCheck.set(r.check, n + 1);
    if (n < TABLE_RESULTS_PER_CHECK && out.length < TABLE_RESULTS) {
      out.push(r);
      continue;
    }
    const h = hidden.get(r.check) ?? { first: r, n: 0, worst: 'pass', counts: {} };
    h.n++;
    h.counts[r.status] = (h.counts[r.status] ?? 0) + 1;
    if ((RANK[r.status] ?? 0) > (RANK[h.worst] ?? 0)) h.worst = r.status;
    hidden.set(r.check, h);
  }
  for (const [check, h] of hidden) {
    const by = Object.entries(h.counts).map(([s, n]) => `${n} ${s}`).join(', ');
    const row = {
      ...h.first,
      subject: `${h.n} more`,
      status: h.worst,
      message: `… and ${h.n} more ${check} result${h.n === 1 ? '' : 's'} (${by}) not shown here: run with --json to see every one`,
      remedies: [],
    } as T;
    delete row.details;
    // after the last shown row of its check
    let at = out.length;
    for (let i = out.length - 1; i >= 0; i--) if (out[i]!.check === check) { at = i + 1; break; }
    out.splice(at, 0, row);
  }
  return out;
}

/** At most `max` lines; the last says how many more there were. */
export function capLines(lines: string[], max: number): string[] {
  if (lines.length <= max) return lines;
  return [...lines.slice(0, max - 1), `… ${lines.length - max + 1} more lines (--json has everything)`];
}
