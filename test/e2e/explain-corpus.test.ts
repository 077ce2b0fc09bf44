// The built CLI on real errors users pasted (test/corpus/errors.jsonl): one item per expected remedy,
// each in its own `tray-mcp explain --json` process, as a user runs it: a one-line error as an
// argument, a multi-line paste on standard input (`pbpaste | tray-mcp explain`), with --platform set to
// the OS the error came from when the corpus knows it. The CLI must answer as the engine does (the
// unit test test/unit/corpus.test.ts scores every item through it).
import { describe, it, expect } from 'vitest';
import { runCli, json } from '../helpers/cli.js';
import { explainResultErrors } from '../helpers/schema.js';
import { loadErrorCorpus, machinePlatform, report, score, type CorpusItem } from '../helpers/corpus.js';
import { scanText } from '../../src/remedies/match.js';

const ITEMS = loadErrorCorpus();
/** The first item of each expected remedy, in corpus order. */
const SAMPLE: CorpusItem[] = [...new Map(ITEMS.map((i) => [i.expected, i] as const)).keys()].map((id) => ITEMS.find((i) => i.expected === id)!);

interface Answer {
  item: CorpusItem;
  code: number | null;
  doc: { schemaVersion: 1; matches: { id: string; steps: string[] }[]; context?: { platform?: string; client?: string } };
}

async function explainAsUser(item: CorpusItem): Promise<Answer> {
  const platform = machinePlatform(item);
  const opts = ['--json', ...(platform ? ['--platform', platform] : [])];
  const oneLine = !item.text.includes('\n') && !item.text.trimStart().startsWith('-');
  const r = oneLine ? await runCli(['explain', ...opts, item.text]) : await runCli(['explain', ...opts, '-'], { input: item.text });
  expect(r.stderr, item.id).toBe('');
  return { item, code: r.code, doc: json(r) };
}

/** Run a few processes at a time: enough to be quick, few enough for a busy 2-core machine. */
async function inBatches<T, R>(xs: readonly T[], n: number, fn: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < xs.length; i += n) out.push(...(await Promise.all(xs.slice(i, i + n).map(fn))));
  return out;
}

describe('explain CLI on real errors users pasted', () => {
  it('answers each sampled item as the engine does, in schema-valid JSON, most specific first', { timeout: 180_000 }, async () => {
    expect(SAMPLE.length).toBeGreaterThanOrEqual(30);
    const answers = await inBatches(SAMPLE, 3, explainAsUser);
    for (const a of answers) {
      expect(explainResultErrors(a.doc), a.item.id).toEqual([]);
      const engine = scanText(a.item.text, { platform: machinePlatform(a.item) });
      expect(a.doc.matches.map((m) => m.id), a.item.id).toEqual(engine.matches.map((m) => m.id));
      expect(a.doc.matches[0]?.steps, a.item.id).toEqual(engine.matches[0]?.steps);
      expect(a.code, a.item.id).toBe(a.doc.matches.length ? 0 : 1);
      if (machinePlatform(a.item)) expect(a.doc.context?.platform, a.item.id).toBe(machinePlatform(a.item));
    }
    const s = score(SAMPLE, (item) => answers.find((a) => a.item === item)!.doc.matches[0]?.id);
    console.log(report(`tray-mcp explain --json on one item per expected remedy`, s));
    expect(s.percent).toBeGreaterThanOrEqual(90);
  });

  it('gives the steps for the client and OS the text tells: a Cline entry without type, on Windows', async () => {
    const text = 'Cline on C:\\Users\\ana: a remote server with only a `url` field (no explicit `type`) defaults to SSE transport';
    const r = await runCli(['explain', '--json', text]);
    const doc = json(r);
    expect(doc.context).toMatchObject({ client: 'cline', platform: 'win32', from: { client: 'text', platform: 'text' } });
    expect(doc.matches[0].id).toBe('client-entry-unsupported');
    expect(doc.matches[0].steps[0]).toContain('"type": "streamableHttp"');
    expect(doc.matches[0].steps.join(' ')).not.toContain('Claude Desktop');
    // --client names it instead, and wins over the text
    const cc = json(await runCli(['explain', '--json', '--client', 'claude-code', text]));
    expect(cc.context).toMatchObject({ client: 'claude-code', from: { client: 'option' } });
    expect(cc.matches[0].steps[0]).toContain('"type": "http"');
    // and the terminal says whose steps these are
    const plain = await runCli(['explain', text]);
    expect(plain.stdout).toContain('Steps for Cline (told by the text);');
  });

  it('ranks by the platform: spawn npx ENOENT is the cmd /c problem on Windows, a PATH problem elsewhere', async () => {
    const win = json(await runCli(['explain', '--json', '--platform', 'win32', 'spawn npx ENOENT']));
    expect(win.matches.map((m: { id: string }) => m.id)).toEqual(['windows-npx-needs-cmd', 'node-missing']);
    const mac = json(await runCli(['explain', '--json', '--platform', 'darwin', 'spawn npx ENOENT']));
    expect(mac.matches.map((m: { id: string }) => m.id)).toEqual(['node-missing']);
    expect(mac.matches[0].steps.join(' ')).toContain('"PATH"');
  });

  it('rejects an unknown --client or --platform as a usage error', async () => {
    for (const args of [['--client', 'emacs'], ['--platform', 'beos']]) {
      const r = await runCli(['explain', ...args, '401']);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
    }
  });
});
