// The human rendering of a report: one row per result, grouped by check in contract order;
// every non-pass row carries its remedy's title and first step; a summary line closes it.
import Table from 'cli-table3';
import type { Report, ReportResult } from './model.js';
import { isProblem } from './model.js';
import type { Painter } from '../lib/color.js';
import type { Status } from '../checks/types.js';
import { CELL_LINES, CELL_LINES_VERBOSE, capLines, forDisplay, limitResults } from '../lib/sanitize.js';

export interface TableOptions {
  paint: Painter;
  verbose: boolean;
  strict: boolean;
  /** terminal width to wrap to */
  width: number;
}

const ICON: Record<Status, string> = { pass: '✔', warn: '!', fail: '✖', skip: '-', error: '‼' };
const STYLE: Record<Status, Parameters<Painter>[0]> = {
  pass: 'green',
  warn: 'yellow',
  fail: 'red',
  skip: 'gray',
  error: 'magenta',
};

export function renderTable(report: Report, o: TableOptions): string {
  const { paint } = o;
  const width = Math.max(60, Math.min(o.width, 200));
  const statusW = 10;
  const checkW = 18;
  const subjectW = Math.max(18, Math.floor((width - statusW - checkW) * 0.38));
  const messageW = Math.max(20, width - statusW - checkW - subjectW - 5 /* borders */);
  // Cells arrive wrapped (see wrapText) and one visual line per table row: cli-table3 measures
  // multi-line cells (and its own wordWrap) character by character with string-width, which cost
  // ~100 ms for one report, most of doctor's wall time.
  const table = new Table({
    head: ['Status', 'Check', 'Subject', 'Result'].map((h) => paint('bold', h)),
    colWidths: [statusW, checkW, subjectW, messageW],
    wordWrap: false,
    style: { head: [], border: paint.enabled ? ['gray'] : [], compact: true },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  let lastCheck = '';
  // Server, file and log text is escaped and capped before it is wrapped, and the rows are bounded
  // (src/lib/sanitize.ts): cli-table3 lays out rows in time that grows with the square of their number.
  for (const r of limitResults(o.verbose ? report.results : collapseSkips(report.results)).map(forDisplay)) {
    const first = r.check !== lastCheck;
    lastCheck = r.check;
    const subject = wrapText(r.subject, subjectW - 2);
    const message = capLines(
      messageCell(r, o).flatMap(([style, text]) => wrapText(text, messageW - 2).map((line) => (style ? paint(style, line) : line))),
      o.verbose ? CELL_LINES_VERBOSE : CELL_LINES,
    );
    for (let i = 0; i < Math.max(subject.length, message.length); i++) {
      table.push([
        i === 0 ? paint(STYLE[r.status], `${ICON[r.status]} ${r.status}`) : '',
        i === 0 && first ? r.check : '',
        subject[i] ?? '',
        message[i] ?? '',
      ]);
    }
  }
  const lines = [table.toString(), '', summaryLine(report, o)];
  return lines.join('\n') + '\n';
}

/**
 * Without --verbose, a check's skip rows (e.g. "not present" for nine config locations) become one
 * row that says how many there are and shows the first; problems and passes are never folded.
 */
export function collapseSkips(results: readonly ReportResult[]): ReportResult[] {
  const skipsByCheck = new Map<string, ReportResult[]>();
  for (const r of results) if (r.status === 'skip') skipsByCheck.set(r.check, [...(skipsByCheck.get(r.check) ?? []), r]);
  const out: ReportResult[] = [];
  for (const r of results) {
    const skips = skipsByCheck.get(r.check)!;
    if (r.status !== 'skip' || skips.length < 2) {
      out.push(r);
    } else if (r === skips[0]) {
      const same = skips.every((x) => x.message === r.message);
      out.push({
        ...r,
        subject: `${skips.length} subjects`,
        message: same
          ? `${r.message} (--verbose lists each)`
          : `e.g. ${r.subject}: ${r.message} (--verbose lists all ${skips.length})`,
      });
    }
  }
  return out;
}

type Part = [style: Parameters<Painter>[0] | null, text: string];

function messageCell(r: ReportResult, o: TableOptions): Part[] {
  const parts: Part[] = [[null, r.message]];
  if (r.status !== 'pass' && r.remedies.length > 0) {
    const rem = r.remedies[0]!;
    parts.push(['cyan', `→ ${rem.title}: ${rem.steps[0]}`]);
    if (o.verbose) {
      for (const s of rem.steps.slice(1)) parts.push(['cyan', `  · ${s}`]);
      for (const other of r.remedies.slice(1)) parts.push(['cyan', `→ also: ${other.title}`]);
    }
    parts.push(['gray', `  tray-mcp explain ${rem.id}`]);
  }
  if (o.verbose) {
    const details = r.details ? Object.entries(r.details).filter(([, v]) => v !== undefined) : [];
    for (const [k, v] of details) parts.push(['gray', `${k}: ${formatValue(v)}`]);
    if (typeof r.durationMs === 'number') parts.push(['gray', `${Math.round(r.durationMs)} ms`]);
  }
  return parts;
}

/**
 * Greedy word wrap of plain text (no ANSI codes: paint after wrapping) to `width` columns, keeping
 * existing line breaks; words longer than a line (paths, URLs) are cut. Width is counted in code
 * points, which is right for everything doctor prints (ASCII, arrows, check marks).
 */
export function wrapText(text: string, width: number): string[] {
  const w = Math.max(8, width);
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      let rest = word;
      while ([...rest].length > w) {
        const room = line ? w - [...line].length - 1 : w;
        if (room < 4) {
          out.push(line);
          line = '';
          continue;
        }
        const cps = [...rest];
        line = line ? `${line} ${cps.slice(0, room).join('')}` : cps.slice(0, room).join('');
        out.push(line);
        line = '';
        rest = cps.slice(room).join('');
      }
      if (!line) line = rest;
      else if ([...line].length + 1 + [...rest].length <= w) line = `${line} ${rest}`;
      else {
        out.push(line);
        line = rest;
      }
    }
    out.push(line);
  }
  return out;
}

function formatValue(v: unknown): string {
  if (typeof v === 'string') return v;
  const s = JSON.stringify(v);
  return s.length > 300 ? s.slice(0, 297) + '…' : s;
}

export function summaryLine(report: Report, o: Pick<TableOptions, 'paint' | 'verbose' | 'strict'>): string {
  const { paint } = o;
  const s = report.summary;
  const checks = `${s.checks} check${s.checks === 1 ? '' : 's'}`;
  const problems = report.results.filter((r) => isProblem(r.status, o.strict)).length;
  const bits: string[] = [];
  if (problems === 0) bits.push(paint('green', `No problems found in ${checks}`));
  else bits.push(paint('red', `${problems} problem${problems === 1 ? '' : 's'} found in ${checks}`));
  if (!o.strict && s.warn > 0) bits.push(paint('yellow', `${s.warn} warning${s.warn === 1 ? '' : 's'}`));
  if (s.skip > 0) bits.push(`${s.skip} skipped`);
  if (!o.verbose) bits.push('run with --verbose for details');
  return bits.join(' · ');
}
