// The human rendering of a report, answer first: the headline; then each problem once, most severe
// first, as a block (what, where, why, the fix for this client, its explain id, and what it caused);
// then one line per check for everything else; then a summary line. --verbose lists every row with
// its details and timing. Laid out for `width` columns: text wraps between words (a long path after
// a `/`), commands stand on their own line, unboxed and never wrapped, so they can be copied whole.
import type { Report, ReportResult } from './model.js';
import { isProblem } from './model.js';
import type { Painter } from '../lib/color.js';
import type { CheckId, Status } from '../checks/types.js';
import { CHECK_IDS } from '../checks/index.js';
import { moreProblemsText, shownProblems, triage, type Problem } from './triage.js';
import { hanging, widthOf, wrap } from './layout.js';
import { CELL_LINES_VERBOSE, capLines, cellText, forDisplay, limitResults } from '../lib/sanitize.js';

export interface TableOptions {
  paint: Painter;
  verbose: boolean;
  strict: boolean;
  /** columns to lay out for (see terminalWidth) */
  width: number;
}

export const ICON: Record<Status, string> = { pass: '✔', warn: '!', fail: '✖', skip: '-', error: '‼' };
const STYLE: Record<Status, Parameters<Painter>[0]> = {
  pass: 'green',
  warn: 'yellow',
  fail: 'red',
  skip: 'gray',
  error: 'magenta',
};
const plainPainter = Object.assign((_s: unknown, x: string) => x, { enabled: false }) as Painter;
const LABEL_W = 8; // "  Where ": the label column of a problem block
const CHECK_W = Math.max(...CHECK_IDS.map((c) => c.length)) + 1;

/**
 * Every string that came from a check (file contents, server answers) passes here before it is laid
 * out: control characters and escape sequences shown escaped, the text capped (src/lib/sanitize.ts).
 */
function text(s: string): string {
  return cellText(s.replace(/\r\n?/g, '\n'));
}

export function renderTable(report: Report, o: TableOptions): string {
  const width = Math.max(40, o.width);
  const { paint } = o;
  const t = triage(report.results);
  const lines: string[] = [];
  const worst = t.problems[0]?.status ?? 'pass';
  const head = hanging(`${ICON[worst]} `, '  ', text(report.summary.headline || t.headline), width);
  lines.push(...head.map((l) => paint('bold', paint(STYLE[worst], l))), '');

  const shown = shownProblems(t.problems);
  shown.forEach((p, i) => {
    if ('more' in p) lines.push(...hanging('', '  ', text(moreProblemsText(p)), width).map((l) => paint('gray', l)));
    else lines.push(...problemBlock(p, o, width));
    if (i < shown.length - 1) lines.push('');
  });
  if (t.problems.length) lines.push('');

  lines.push(paint('bold', o.verbose ? 'Every result' : 'Checks'));
  lines.push(...(o.verbose ? everyRow(report.results, o, width) : checkLines(report.results, t.problems, o, width)));
  const plainSummary = summaryLine(report, t.problems, { ...o, paint: plainPainter });
  lines.push('', ...(widthOf(plainSummary) <= width ? [summaryLine(report, t.problems, o)] : wrap(plainSummary, width)));
  return lines.join('\n') + '\n';
}

// ── a problem ───────────────────────────────────────────────────────────────────────────────────

function field(label: string, value: string, width: number): string[] {
  const first = `  ${label.padEnd(LABEL_W - 2)}`;
  return hanging(first, ' '.repeat(LABEL_W), text(value), width);
}

/** A command on its own line: indented when it fits, flush left when that is what it takes; never wrapped. */
function commandLine(cmd: string, width: number): string {
  for (const indent of [4, 2]) if (indent + widthOf(cmd) <= width) return ' '.repeat(indent) + cmd;
  return cmd;
}

/** The message without a leading "file:line: " that the Where line says, nor a command the Fix shows. */
function what(p: Problem): string {
  let m = p.root.message;
  if (p.where && m.startsWith(`${p.where}: `)) m = m.slice(p.where.length + 2);
  for (const cmd of p.fix.commands) m = m.replace(`; run ${cmd}`, '').replace(`run ${cmd}`, 'run the command below');
  return m;
}

/** config-json's code frame, re-windowed to the width so the caret still points at the column. */
export function frameLines(frame: string, width: number): string[] {
  const [src = '', caretLine = ''] = frame.split('\n');
  const m = /^(\d+) \| (.*)$/.exec(src);
  const c = /^\s*\| (\s*)\^/.exec(caretLine);
  if (!m || !c) return [];
  const gutter = `${m[1]} | `;
  const blank = `${' '.repeat(m[1]!.length)} | `;
  const room = width - LABEL_W - gutter.length;
  let code = [...m[2]!];
  let caret = c[1]!.length;
  if (code.length > room && room > 10) {
    const from = Math.max(0, Math.min(caret - Math.floor(room / 2), code.length - room + 1));
    const to = Math.min(code.length, from + room - 2);
    code = [...(from > 0 ? ['…'] : []), ...code.slice(from, to), ...(to < code.length ? ['…'] : [])];
    caret = caret - from + (from > 0 ? 1 : 0);
  }
  const pad = ' '.repeat(LABEL_W);
  return [pad + gutter + code.join(''), pad + blank + ' '.repeat(Math.max(0, caret)) + '^'];
}

function problemBlock(p: Problem, o: TableOptions, width: number): string[] {
  const { paint } = o;
  const r = p.root;
  const out: string[] = [];
  const title = `${ICON[p.status]} ${p.status}  ${r.check}${r.subject && r.subject !== 'system' ? ` · ${r.subject}` : ''}`;
  out.push(...hanging('', '    ', text(title), width).map((l, i) => (i === 0 ? paint('bold', paint(STYLE[p.status], l)) : paint('bold', l))));
  out.push(...field('What', what(p), width));
  if (p.where && p.where !== r.subject) out.push(...field('Where', p.where, width));
  else if (p.where && r.check === 'config-json') out.push(...field('Where', p.where, width));
  if (typeof r.details?.frame === 'string') out.push(...frameLines(r.details.frame, width).map((l) => paint('gray', l)));
  if (p.why) out.push(...field('Why', p.why, width));
  if (p.fix.text || p.fix.commands.length) {
    if (p.fix.text) out.push(...field('Fix', p.fix.text, width));
    else out.push('  Fix');
    for (const cmd of p.fix.commands) out.push('', paint('cyan', commandLine(cmd, width)));
    if (p.fix.commands.length) out.push('');
  }
  if (o.verbose) {
    const steps = r.remedies[0]?.steps ?? [];
    steps.forEach((s, i) => out.push(...field(i === 0 ? 'Steps' : '', `${i + 1}. ${s}`, width)));
    for (const other of r.remedies.slice(1)) out.push(...field('Or', `${other.title} (tray-mcp explain ${other.id})`, width));
  }
  out.push(...consequences(p, width));
  if (p.explain) out.push(...field('More', `tray-mcp explain ${p.explain}`, width).map((l) => paint('gray', l)));
  return out;
}

function consequences(p: Problem, width: number): string[] {
  const out: string[] = [];
  const blocked = p.consequences.filter((c) => c.status === 'skip' && c.details?.blockedBy);
  // A config with 10,000 entries makes 10,000 consequences: as many as a check shows, then a count.
  const other = limitResults([p.root, ...p.consequences.filter((c) => !blocked.includes(c))]).slice(1);
  for (const c of other) {
    const about = c.subject && c.subject !== 'system' && c.subject !== p.root.subject ? ` (${c.subject})` : '';
    out.push(...field('Also', `${ICON[c.status]} ${c.check}${about}: ${c.message}`, width));
  }
  if (blocked.length) {
    const checks = [...new Set(blocked.map((c) => c.check))];
    out.push(...field(other.length ? '' : 'Also', `not checked because of this: ${checks.join(', ')}`, width));
  }
  return out;
}

// ── everything else ─────────────────────────────────────────────────────────────────────────────

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export interface CheckSummary {
  check: CheckId;
  /** the worst status among the check's rows */
  status: Status;
  text: string;
}

/** One phrase per check for the rows that are not problems (problems are counted, "N above"). */
export function checkSummaries(results: readonly ReportResult[], problems: readonly Problem[]): CheckSummary[] {
  const inProblem = new Set<ReportResult>(problems.flatMap((p) => [p.root, ...p.consequences]));
  const out: CheckSummary[] = [];
  for (const check of CHECK_IDS.filter((c) => results.some((r) => r.check === c))) {
    const rows = results.filter((r) => r.check === check);
    const rest = rows.filter((r) => !inProblem.has(r));
    const shown = rows.filter((r) => inProblem.has(r) && isProblemRow(r));
    const blocked = rows.filter((r) => inProblem.has(r) && !isProblemRow(r));
    const status = rows.reduce<Status>((s, r) => (rank(r.status) < rank(s) ? r.status : s), 'skip' as Status);
    const bits: string[] = [];
    if (shown.length) bits.push(`${shown.length} above`);
    const summary = restSummary(check, rest);
    if (summary) bits.push(summary);
    if (blocked.length && !shown.length && !rest.length) bits.push('not checked because of a problem above');
    out.push({ check, status, text: bits.join('; ') || 'see above' });
  }
  return out;
}

/** One line (wrapped when long) per check. */
function checkLines(results: readonly ReportResult[], problems: readonly Problem[], o: TableOptions, width: number): string[] {
  const out: string[] = [];
  for (const { check, status, text: line } of checkSummaries(results, problems)) {
    const lead = `  ${ICON[status]} ${check.padEnd(CHECK_W)}`;
    const lines = hanging(lead, ' '.repeat(widthOf(lead)), text(line), width);
    out.push(...lines.map((l, i) => (i === 0 ? o.paint(STYLE[status], l.slice(0, 3)) + l.slice(3) : l)));
  }
  return out;
}

const isProblemRow = (r: ReportResult) => r.status === 'fail' || r.status === 'error' || r.status === 'warn';
const rank = (s: Status) => ({ fail: 0, error: 1, warn: 2, pass: 3, skip: 4 })[s];

function listSubjects(rows: readonly ReportResult[], max = 3): string {
  const subjects = [...new Set(rows.map((r) => r.subject))];
  const shown = subjects.slice(0, max).join(', ');
  return subjects.length > max ? `${shown} and ${subjects.length - max} more` : shown;
}

/** A check's non-problem rows in a phrase: the message when there is one row, else counts and subjects. */
function restSummary(check: CheckId, rows: readonly ReportResult[]): string {
  if (rows.length === 0) return '';
  if (rows.length === 1) {
    const only = rows[0]!;
    // an entry (client › name) is named; a file or server is in the message or obvious from the check
    return only.subject.includes(' › ') && !only.message.includes(only.subject) ? `${only.subject}: ${only.message}` : only.message;
  }
  const all = rows.find((r) => r.subject === 'all clients');
  if (all && rows.every((r) => r === all || r.status === 'skip')) return `${all.message} (${rows.length - 1} locations looked at)`;
  const by = (s: Status) => rows.filter((r) => r.status === s);
  const parts: string[] = [];
  const passes = by('pass');
  const warns = by('warn');
  const skips = by('skip');
  if (passes.length === 1) parts.push(`${passes[0]!.subject}: ${passes[0]!.message}`);
  else if (passes.length > 1) parts.push(`${passes.length} pass: ${listSubjects(passes)}`);
  if (warns.length) parts.push(`${warns.length} warning${warns.length === 1 ? '' : 's'}: ${listSubjects(warns)}`);
  if (skips.length === 1) parts.push(`skipped ${skips[0]!.subject}: ${skips[0]!.message}`);
  else if (skips.length > 1) {
    const same = skips.every((s) => s.message === skips[0]!.message);
    const what = check === 'config-files' ? 'other locations' : 'subjects';
    parts.push(same ? `${skips.length} ${what} skipped: ${skips[0]!.message}` : `${skips.length} ${what} skipped (not present or not applicable)`);
  }
  return parts.join('; ');
}

/** --verbose: every row, with its details and timing. */
function everyRow(results: readonly ReportResult[], o: TableOptions, width: number): string[] {
  const out: string[] = [];
  // bounded: at most TABLE_RESULTS_PER_CHECK rows a check (a 10,000-entry config is not 10,000 rows)
  for (const r of limitResults(results).map(forDisplay)) {
    const lead = `  ${ICON[r.status]} ${r.check.padEnd(CHECK_W)}`;
    const pad = ' '.repeat(widthOf(lead));
    const head = hanging(lead, pad, text(r.subject), width);
    out.push(...head.map((l, i) => (i === 0 ? o.paint(STYLE[r.status], l.slice(0, 3)) + l.slice(3) : l)));
    out.push(...capLines(hanging(pad, pad, text(r.message), width), CELL_LINES_VERBOSE));
    out.push(...detailLines(r, width, pad).map((l) => o.paint('gray', l)));
  }
  return out;
}

function formatValue(v: unknown): string {
  if (typeof v === 'string') return v;
  const s = JSON.stringify(v);
  return s.length > 300 ? s.slice(0, 297) + '…' : s;
}

function detailLines(r: ReportResult, width: number, pad = ' '.repeat(LABEL_W)): string[] {
  const out: string[] = [];
  const details = r.details ? Object.entries(r.details).filter(([k, v]) => v !== undefined && k !== 'frame') : [];
  for (const [k, v] of details) out.push(...hanging(pad, pad + '  ', text(`${k}: ${formatValue(v)}`), width));
  if (typeof r.durationMs === 'number') out.push(pad + `${Math.round(r.durationMs)} ms`);
  return out;
}

/** "1 problem · 2 warnings · 16 skipped · 11 checks" (problems and warnings as shown above, once per root cause). */
export function summaryLine(report: Report, problems: readonly Problem[], o: Pick<TableOptions, 'paint' | 'verbose' | 'strict'>): string {
  const { paint } = o;
  const s = report.summary;
  const counted = problems.filter((p) => isProblem(p.status, o.strict)).length;
  const warnings = problems.filter((p) => p.status === 'warn' && !o.strict).length;
  const bits: string[] = [];
  const checks = plural(s.checks, 'check');
  if (counted === 0) bits.push(paint('green', `No problems in ${checks}`));
  else bits.push(paint('red', `${plural(counted, 'problem')} in ${checks}`));
  if (warnings) bits.push(paint('yellow', plural(warnings, 'warning')));
  if (s.skip > 0) bits.push(`${s.skip} skipped`);
  if (!o.verbose) bits.push('--verbose shows every result');
  return bits.join(' · ');
}
