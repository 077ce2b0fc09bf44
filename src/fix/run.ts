// `doctor --fix`: run the checks, offer each safe fix the findings allow (a diff, then a question
// on a terminal, or all of them with --yes), write the accepted ones (atomic, `.bak` backup, undo
// journal), and run the checks again — up to three rounds, since a fix can uncover the next (a file
// that parses again shows its entries). The report printed at the end is the machine as it is now.
import type { ConfigFilesData, TrayServersData } from '../checks/data.js';
import type { RunSelection } from '../checks/runner.js';
import type { DoctorOptions } from '../checks/types.js';
import type { ClientId } from '../clients/catalog.js';
import { loadToml, loadYaml } from '../config/document.js';
import type { Environment } from '../lib/environment.js';
import { UsageError } from '../lib/exit.js';
import { registerSecret } from '../lib/secrets.js';
import type { Painter } from '../lib/color.js';
import type { Report } from '../report/model.js';
import { runReport } from '../run.js';
import { Workspace, writeWorkspace, type Written } from './apply.js';
import { loadDiff } from './diff.js';
import { FIX_KINDS } from './catalog.js';
import { startJournal, type JournalFile } from './journal.js';
import type { FixContext, PlannedFix } from './types.js';

export interface FixRequest {
  options: DoctorOptions;
  env: Environment;
  selection?: RunSelection;
  /** apply without asking */
  yes: boolean;
  /** asks a yes/no question on the terminal; null without one */
  confirm: ((question: string) => Promise<boolean>) | null;
  /** data (the diffs) to stdout */
  show(text: string): void;
  /** chatter to stderr */
  say(line: string): void;
  paint: Painter;
}

const ROUNDS = 3;

/** What the fix kinds propose for one run. */
export function planFixes(report: Report, data: Record<string, unknown>, env: Environment): PlannedFix[] {
  const refs = (data['config-files'] as ConfigFilesData | undefined)?.refs ?? [];
  const entries = (data['tray-servers'] as TrayServersData | undefined)?.entries ?? [];
  for (const e of entries) registerSecret(e.token);
  const ctx: FixContext = {
    env,
    results: report.results,
    entries,
    realPath: (display) => refs.find((r) => r.display === display && r.kind === 'file')?.path,
    clientOf: (display) => refs.find((r) => r.display === display)?.client as ClientId | undefined,
    readers: (file) => [...new Set(refs.filter((r) => r.path === file && !r.stale).map((r) => r.client as ClientId))],
  };
  return FIX_KINDS.flatMap((k) => k.plan(ctx));
}

function colorDiff(text: string, paint: Painter): string {
  return text
    .split('\n')
    .map((l) => (l.startsWith('+++') || l.startsWith('---') ? paint('bold', l) : l.startsWith('+') ? paint('green', l) : l.startsWith('-') ? paint('red', l) : l.startsWith('@@') ? paint('cyan', l) : l))
    .join('\n');
}

export interface FixOutcome {
  report: Report;
  applied: string[];
  /** accepted fixes that could not be written */
  failed: string[];
  journal: JournalFile[];
}

/** A fix's identity across rounds: its title without line numbers (an earlier fix may shift them). */
const keyOf = (f: PlannedFix) => `${f.kind}\u0000${f.title.replace(/:\d+\)/g, ')')}`;

export async function runFix(req: FixRequest): Promise<FixOutcome> {
  await Promise.all([loadToml(), loadYaml(), loadDiff()]);
  const declined = new Set<string>();
  const applied: string[] = [];
  const failedTitles: string[] = [];
  const backedUp = new Set<string>();
  const journalFiles: JournalFile[] = [];
  let journal: ReturnType<typeof startJournal> | undefined;
  let copies = 0;
  let { report, run } = await runReport({ options: req.options, env: req.env, json: false, selection: req.selection });
  for (let round = 0; round < ROUNDS; round++) {
    const planned = planFixes(report, run.data, req.env).filter((f) => !declined.has(keyOf(f)));
    if (planned.length === 0) {
      if (round === 0) req.say('No safe fix to offer for what doctor found (the report below says what to do by hand).');
      break;
    }
    const ws = new Workspace();
    const offered: { fix: PlannedFix; texts: Map<string, string> }[] = [];
    for (const fix of planned) {
      const s = ws.stage(fix);
      if (!s.ok) {
        if (!('noop' in s)) req.say(`Not offered: ${fix.title}: ${s.why}.`);
        declined.add(keyOf(fix));
        continue;
      }
      req.show(`${req.paint('bold', `Fix: ${fix.title}`)}\n${colorDiff(s.staged.shown, req.paint)}\n`);
      if (!req.yes) {
        if (!req.confirm) {
          offered.push({ fix, texts: s.texts });
          ws.accept(fix, s.texts); // later fixes are shown on top of this one, as --yes would apply them
          continue;
        }
        if (!(await req.confirm('Apply this fix? (y/n): '))) {
          req.say('Skipped.');
          declined.add(keyOf(fix));
          continue;
        }
      }
      ws.accept(fix, s.texts);
      offered.push({ fix, texts: s.texts });
    }
    if (!req.yes && !req.confirm) {
      if (offered.length === 0) break;
      throw new UsageError(
        `doctor --fix shows ${offered.length === 1 ? 'the fix' : `the ${offered.length} fixes`} above but needs --yes to apply ${offered.length === 1 ? 'it' : 'them'} without a terminal to confirm on. Nothing was changed.`,
      );
    }
    if (ws.empty) break;
    journal ??= startJournal(req.env);
    const j = journal;
    let written: Written;
    try {
      written = await writeWorkspace(ws, req.env, (content) => j.saveCopy(++copies, content), backedUp);
    } catch (e) {
      j.abandon();
      throw e;
    }
    for (const f of written.files) {
      if (f.copy) backedUp.add(f.file);
      const earlier = journalFiles.find((x) => x.file === f.file);
      if (earlier) Object.assign(earlier, { after: f.after, modeAfter: f.modeAfter });
      else journalFiles.push(f);
    }
    for (const s of written.skipped) req.say(`✗ Left ${s.display} alone: ${s.why.replace(/[.\s]+$/, '')}.`);
    const failed = new Set(written.skipped.map((s) => s.file));
    for (const o of offered) {
      declined.add(keyOf(o.fix)); // applied or failed: not offered again in a later round
      if (o.fix.changes.some((c) => failed.has(c.file))) {
        failedTitles.push(o.fix.title);
        continue;
      }
      applied.push(o.fix.title);
      req.say(`✓ ${o.fix.title}`);
    }
    if (journalFiles.length) j.commit({ version: 1, at: new Date().toISOString(), fixes: applied, files: journalFiles });
    else {
      j.abandon();
      journal = undefined;
    }
    ({ report, run } = await runReport({ options: req.options, env: req.env, json: false, selection: req.selection }));
  }
  if (applied.length) {
    const backups = journalFiles.filter((f) => f.copy).map((f) => `${f.display}.bak`);
    req.say(`${backups.length ? `Previous versions kept as ${backups.join(', ')}. ` : ''}\`tray-mcp undo\` puts back what this changed.`);
  }
  return { report, applied, failed: failedTitles, journal: journalFiles };
}
