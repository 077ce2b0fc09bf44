// The human rendering of a report: one row per result, grouped by check in contract order;
// every non-pass row carries its remedy's title and first step; a summary line closes it.
import Table from 'cli-table3';
import type { Report, ReportResult } from './model.js';
import { isProblem } from './model.js';
import type { Painter } from '../lib/color.js';
import type { Status } from '../checks/types.js';

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
  const statusW = 8;
  const checkW = 18;
  const subjectW = Math.max(18, Math.floor((width - statusW - checkW) * 0.38));
  const messageW = Math.max(20, width - statusW - checkW - subjectW - 5 /* borders */);
  const table = new Table({
    head: ['Status', 'Check', 'Subject', 'Result'].map((h) => paint('bold', h)),
    colWidths: [statusW, checkW, subjectW, messageW],
    wordWrap: true,
    wrapOnWordBoundary: false,
    style: { head: [], border: paint.enabled ? ['gray'] : [], compact: true },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  let lastCheck = '';
  for (const r of o.verbose ? report.results : collapseSkips(report.results)) {
    const first = r.check !== lastCheck;
    lastCheck = r.check;
    table.push([
      paint(STYLE[r.status], `${ICON[r.status]} ${r.status}`),
      first ? r.check : '',
      r.subject,
      messageCell(r, o),
    ]);
  }
  const lines = [table.toString(), '', summaryLine(report, o)];
  return lines.join('\n') + '\n';
}

/**
 * Without --verbose, skip rows of one check that say the same thing (e.g. "not present" for nine
 * config locations) become one row naming how many subjects it stands for.
 */
export function collapseSkips(results: readonly ReportResult[]): ReportResult[] {
  const out: ReportResult[] = [];
  const seen = new Map<string, { row: ReportResult; subjects: string[] }>();
  for (const r of results) {
    if (r.status !== 'skip') {
      out.push(r);
      continue;
    }
    const key = `${r.check}\u0000${r.message}`;
    const group = seen.get(key);
    if (group) {
      group.subjects.push(r.subject);
      continue;
    }
    const row = { ...r };
    seen.set(key, { row, subjects: [r.subject] });
    out.push(row);
  }
  for (const { row, subjects } of seen.values()) {
    if (subjects.length > 1) {
      row.subject = `${subjects.length} subjects: ${subjects[0]}, …`;
      row.message = `${row.message} (--verbose lists each)`;
    }
  }
  return out;
}

function messageCell(r: ReportResult, o: TableOptions): string {
  const { paint } = o;
  const parts = [r.message];
  if (r.status !== 'pass' && r.remedies.length > 0) {
    const rem = r.remedies[0]!;
    parts.push(paint('cyan', `→ ${rem.title}: ${rem.steps[0]}`));
    if (o.verbose) {
      for (const s of rem.steps.slice(1)) parts.push(paint('cyan', `  · ${s}`));
      for (const other of r.remedies.slice(1)) parts.push(paint('cyan', `→ also: ${other.title}`));
    }
    parts.push(paint('gray', `  tray-mcp explain ${rem.id}`));
  }
  if (o.verbose) {
    const details = r.details ? Object.entries(r.details).filter(([, v]) => v !== undefined) : [];
    for (const [k, v] of details) parts.push(paint('gray', `${k}: ${formatValue(v)}`));
    if (typeof r.durationMs === 'number') parts.push(paint('gray', `${Math.round(r.durationMs)} ms`));
  }
  return parts.join('\n');
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
