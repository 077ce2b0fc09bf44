// Real config files from public repositories and issue threads (test/corpus/configs.jsonl, each with
// its source and a verdict decided from the client's documented format): doctor raises no false
// alarm on a valid one, and catches what is really wrong in the others. The built CLI, as a user runs
// it: `doctor --offline --json --config FILE --client CLIENT`.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, runCli } from '../helpers/cli.js';
import { doctorReportErrors } from '../helpers/schema.js';

interface Item {
  file: string;
  source: string;
  client: string;
  verdict: 'valid' | 'invalid';
  problems: { kind: string; note: string }[];
  note: string;
}
interface Row {
  check: string;
  subject: string;
  status: string;
  message: string;
  remedies: { id: string }[];
}

const DIR = path.join(ROOT, 'test', 'corpus', 'configs');
const items: Item[] = readFileSync(path.join(ROOT, 'test', 'corpus', 'configs.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));

/** One doctor run per client over all of that client's files (--config is repeatable). */
async function doctorFor(client: string, files: string[]): Promise<Row[]> {
  const args = ['doctor', '--offline', '--json', '--only', 'config-json', 'config-schema', '--client', client, ...files.flatMap((f) => ['--config', path.join(DIR, f)])];
  const r = await runCli(args, { cwd: DIR });
  const report = JSON.parse(r.stdout);
  expect(doctorReportErrors(report)).toEqual([]);
  return report.results as Row[];
}

describe('real config files: no false alarms, real problems caught', () => {
  it(`holds at least 30 files, valid and invalid, each with its source`, () => {
    expect(items.length).toBeGreaterThanOrEqual(30);
    expect(items.some((i) => i.verdict === 'invalid')).toBe(true);
    for (const i of items) expect(i.source).toMatch(/^https:\/\/github\.com\//);
  });

  const clients = [...new Set(items.map((i) => i.client))];
  it.each(clients.map((c) => [c]))('%s files', async (client) => {
    const mine = items.filter((i) => i.client === client);
    const rows = await doctorFor(client, mine.map((i) => i.file));
    const misses: string[] = [];
    for (const item of mine) {
      const about = rows.filter((r) => (r.check === 'config-json' || r.check === 'config-schema') && r.subject.endsWith(item.file));
      const alarms = about.filter((r) => r.status === 'fail' || r.status === 'warn' || r.status === 'error');
      if (item.verdict === 'valid' && alarms.length) misses.push(`false alarm on ${item.file}: ${alarms.map((a) => `${a.check} ${a.status}: ${a.message}`).join(' | ')}`);
      if (item.verdict === 'invalid' && !alarms.length) misses.push(`missed ${item.file} (${item.problems.map((p) => p.kind).join(', ')}: ${item.note})`);
      if (item.problems.some((p) => p.kind === 'json-syntax') && !about.some((r) => r.check === 'config-json' && r.status === 'fail')) misses.push(`${item.file}: the syntax error is not a config-json fail`);
    }
    expect(misses).toEqual([]);
  });
});
