// `doctor --fix` on a terminal or in a script: the prompter, the painter, then the report of the
// machine as the fixes left it.
import type { RunSelection } from '../checks/runner.js';
import type { DoctorOptions } from '../checks/types.js';
import { colorEnabled, painter } from '../lib/color.js';
import type { Environment } from '../lib/environment.js';
import { err, out } from '../lib/output.js';
import { terminalOf } from '../lib/stdio.js';
import type { Report } from '../report/model.js';
import { render } from '../run.js';
import { runFix } from './run.js';

export async function fixAndRender(o: { options: DoctorOptions; env: Environment; selection?: RunSelection; yes: boolean }): Promise<{ report: Report; failed: number }> {
  let confirm: ((q: string) => Promise<boolean>) | null = null;
  let close = () => {};
  if (terminalOf(2).isTTY && process.stdin.isTTY && !o.yes) {
    const { terminalPrompter } = await import('../setup/prompts.js');
    const p = terminalPrompter();
    close = () => p.close();
    confirm = async (q) => /^y(es)?$/i.test((await p.ask(q)).trim());
  }
  try {
    const { report, failed } = await runFix({ ...o, confirm, show: out, say: err, paint: painter(colorEnabled(terminalOf(1))) });
    out('');
    await render(report, 'table', o.options);
    if (failed.length) err(`${failed.length === 1 ? 'A fix' : `${failed.length} fixes`} you accepted could not be written (said above why): nothing of ${failed.length === 1 ? 'it' : 'them'} was changed.`);
    return { report, failed: failed.length };
  } finally {
    close();
  }
}
