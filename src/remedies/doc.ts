// docs/remedies.md, generated from the catalog (scripts/gen-remedies-doc.mjs writes it; a test fails
// when the committed file differs from what this renders).
import { REMEDIES, type Remedy, type RemedyGroup, type StepVariant } from './catalog.js';
import { CLIENTS } from '../clients/catalog.js';

const GROUPS: [RemedyGroup, string][] = [
  ['local', 'Local setup'],
  ['network', 'Network and authentication'],
  ['tools', 'Tools and execution'],
  ['user-auth', 'User-provided authentication'],
  ['info', 'Informational (known behaviours)'],
];

const code = (s: string) => '`' + s.replace(/`/g, "'") + '`';
const PLATFORM_NAMES = { darwin: 'macOS', win32: 'Windows', linux: 'Linux' } as const;

/** "For Claude Desktop on Windows" */
function variantTitle(v: StepVariant): string {
  const who = v.client ? `For ${CLIENTS[v.client].name}` : '';
  const where = v.platform ? `${who ? ' on' : 'On'} ${PLATFORM_NAMES[v.platform]}` : '';
  return who + where;
}
const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ').trim();

function entry(r: Remedy): string {
  const lines = [`### \`${r.id}\``, '', `**${r.title}**`, '', oneLine(r.cause), ''];
  r.steps.forEach((s, i) => lines.push(`${i + 1}. ${oneLine(s)}`));
  lines.push('');
  for (const v of r.stepsFor ?? []) {
    lines.push(`${variantTitle(v)}, instead:`, '');
    v.steps.forEach((s, i) => lines.push(`${i + 1}. ${oneLine(s)}`));
    lines.push('');
  }
  if (r.docs) lines.push(`- Docs: ${r.docs}`);
  lines.push(`- Source: ${oneLine(r.source)}`);
  if (r.matchers.length) {
    lines.push('- Recognised by `explain` and the `client-logs` check:');
    for (const m of r.matchers) lines.push(`  - ${m.label} — e.g. ${code(oneLine(m.example).slice(0, 160))}`);
  }
  lines.push('');
  return lines.join('\n');
}

export function renderRemediesDoc(remedies: readonly Remedy[] = REMEDIES): string {
  const parts = [
    '# Remedies',
    '',
    '<!-- Generated from src/remedies/catalog.ts by scripts/gen-remedies-doc.mjs. Do not edit by hand:',
    '     change the catalog, run `npm run build && node scripts/gen-remedies-doc.mjs`. -->',
    '',
    'Every problem `tray-mcp doctor` reports and `tray-mcp explain` recognises, by its stable id.',
    'Show one in the terminal with `tray-mcp explain ID`; list them all with `tray-mcp explain --list`.',
    'Each entry says which section of the Tray documentation backs it, or that it goes beyond the docs.',
    'Some entries have other steps for one client or OS ("For Cline, instead:"): `explain` shows those when',
    'the error tells the client or OS, or `--client` / `--platform` name it; `doctor` shows those for the',
    "result's client on the platform it checked.",
    '',
    `${remedies.length} remedies:`,
    '',
  ];
  for (const [group, title] of GROUPS) {
    const inGroup = remedies.filter((r) => r.group === group);
    if (!inGroup.length) continue;
    parts.push(`- ${title}: ${inGroup.map((r) => `[\`${r.id}\`](#${r.id})`).join(', ')}`);
  }
  parts.push('');
  for (const [group, title] of GROUPS) {
    const inGroup = remedies.filter((r) => r.group === group);
    if (!inGroup.length) continue;
    parts.push(`## ${title}`, '');
    for (const r of inGroup) parts.push(entry(r));
  }
  return parts.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}
