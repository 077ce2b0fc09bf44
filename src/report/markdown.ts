// The report as Markdown, to paste into a support ticket or an issue: the headline, each problem as
// a section (what, where, why, the fix with its commands in code blocks, explain id, consequences),
// then a table with one row per check. Renders the same triage as the terminal table.
import type { Report, ReportResult } from './model.js';
import type { Status } from '../checks/types.js';
import { moreProblemsText, shownProblems, triage, type Problem } from './triage.js';
import { ICON, checkSummaries } from './table.js';
import { cellText, forDisplay, limitResults } from '../lib/sanitize.js';

export interface MarkdownOptions {
  verbose: boolean;
  strict: boolean;
}

/**
 * Text for a Markdown paragraph: no raw HTML, links or emphasis by accident. Backquoted `code` stays
 * code (remedy texts use it); underscores inside words (file names) are not emphasis in GFM.
 */
function md(s: string): string {
  // escaped and capped like the terminal table's text (src/lib/sanitize.ts): a report pasted into a
  // terminal or a ticket carries no live escape sequence
  return cellText(s.replace(/\r\n?/g, '\n'))
    .replace(/[\\*[\]<>]/g, (c) => `\\${c}`)
    .replace(/(^|\s)_|_(?=\s|$)/g, (m) => m.replace('_', '\\_'))
    .replace(/\n+/g, ' ');
}

/** Inline code, with a fence long enough for any backticks inside. */
function code(s: string): string {
  const longest = Math.max(0, ...[...s.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${/^`|`$/.test(s) ? ` ${s} ` : s}${fence}`;
}

function block(lang: string, body: string): string {
  const longest = Math.max(2, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${body}\n${fence}`;
}

function problemSection(p: Problem, n: number, o: MarkdownOptions): string {
  const r = p.root;
  const out: string[] = [];
  out.push(`### ${n}. ${ICON[p.status]} ${p.status}: ${md(r.check)}${r.subject && r.subject !== 'system' ? ` · ${md(r.subject)}` : ''}`);
  out.push('');
  out.push(`- **What:** ${md(r.message)}`);
  if (p.where) out.push(`- **Where:** ${code(p.where)}`);
  if (p.why) out.push(`- **Why:** ${md(p.why)}`);
  if (typeof r.details?.frame === 'string') out.push(indent(block('text', r.details.frame)));
  if (p.fix.text || p.fix.commands.length) out.push(`- **Fix:** ${md(p.fix.text)}`);
  for (const cmd of p.fix.commands) out.push(indent(block('sh', cmd)));
  const blocked = p.consequences.filter((c) => c.status === 'skip' && c.details?.blockedBy);
  for (const c of limitResults([r, ...p.consequences.filter((x) => !blocked.includes(x))]).slice(1)) {
    const about = c.subject && c.subject !== 'system' && c.subject !== r.subject ? ` (${md(c.subject)})` : '';
    out.push(`- **Also:** ${md(c.check)}${about}, ${c.status}: ${md(c.message)}`);
  }
  if (blocked.length) out.push(`- **Not checked because of this:** ${[...new Set(blocked.map((c) => c.check))].join(', ')}`);
  if (p.explain) out.push(`- **More:** ${code(`tray-mcp explain ${p.explain}`)}`);
  if (o.verbose) {
    const steps = r.remedies[0]?.steps ?? [];
    if (steps.length) out.push(`- **Steps:**`, ...steps.map((s, i) => `  ${i + 1}. ${md(s)}`));
  }
  return out.join('\n');
}

/** A block nested under a list item. */
function indent(text: string): string {
  return text.split('\n').map((l) => `  ${l}`).join('\n');
}

function cell(s: string): string {
  return md(s).replace(/\|/g, '\\|');
}

function checkRows(results: readonly ReportResult[], problems: readonly Problem[], o: MarkdownOptions): string[] {
  if (o.verbose) {
    const rows = ['| | check | subject | result |', '| --- | --- | --- | --- |'];
    for (const r of limitResults(results).map(forDisplay)) rows.push(`| ${ICON[r.status]} ${r.status} | ${cell(r.check)} | ${cell(r.subject)} | ${cell(r.message)} |`);
    return rows;
  }
  const rows = ['| | check | result |', '| --- | --- | --- |'];
  for (const c of checkSummaries(results, problems)) rows.push(`| ${ICON[c.status]} ${c.status} | ${cell(c.check)} | ${cell(c.text)} |`);
  return rows;
}

export function renderMarkdown(report: Report, o: MarkdownOptions): string {
  const t = triage(report.results);
  const worst = t.problems[0]?.status ?? 'pass';
  const s = report.summary;
  const out: string[] = [];
  out.push(`## ${ICON[worst]} ${md(s.headline || t.headline)}`, '');
  out.push(
    `_tray-mcp ${md(report.tool.version)} · ${report.environment.platform} · Node ${md(report.environment.doctorNode)} (clients' Node: ${md(report.environment.pathNode ?? 'none found')})` +
      `${report.environment.proxy ? ` · proxy ${md(report.environment.proxy)}` : ''} · ${md(report.generatedAt)}_`,
    '',
  );
  let n = 0;
  for (const p of shownProblems(t.problems)) out.push('more' in p ? `_${md(moreProblemsText(p))}_` : problemSection(p, ++n, o), '');
  out.push('### Checks', '', ...checkRows(report.results, t.problems, o), '');
  out.push(`${s.checks} checks: ${(['pass', 'warn', 'fail', 'error', 'skip'] as Status[]).map((k) => `${s[k]} ${k}`).join(' · ')}`);
  return out.join('\n') + '\n';
}
