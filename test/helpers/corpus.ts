// The real-world error corpus (test/corpus/errors.jsonl): errors users pasted in public threads, each
// with the remedy an expert chose first, decided before the tool was run (see test/corpus/README.md).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './cli.js';

export interface CorpusItem {
  id: string;
  text: string;
  source: string;
  client: string;
  os: 'darwin' | 'win32' | 'linux' | 'unknown';
  expected: string;
  note: string;
}

/** Loads a corpus file of test/corpus: errors.jsonl (the tuning corpus) or holdout.jsonl (the blind one). */
export function loadErrorCorpus(file = 'errors.jsonl'): CorpusItem[] {
  const full = path.join(ROOT, 'test', 'corpus', file);
  return readFileSync(full, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as CorpusItem);
}

/** The platform explain sees by default for this item: that of the machine the error happened on. */
export const machinePlatform = (item: CorpusItem) => (item.os === 'unknown' ? undefined : item.os);

export interface Miss {
  id: string;
  expected: string;
  got: string;
}

export interface Score {
  right: number;
  total: number;
  percent: number;
  misses: Miss[];
}

export function score(items: readonly CorpusItem[], firstId: (item: CorpusItem) => string | undefined): Score {
  const misses: Miss[] = [];
  for (const item of items) {
    const got = firstId(item) ?? '(nothing)';
    if (got !== item.expected) misses.push({ id: item.id, expected: item.expected, got });
  }
  const right = items.length - misses.length;
  return { right, total: items.length, percent: Math.round((1000 * right) / items.length) / 10, misses };
}

export function report(title: string, s: Score): string {
  const lines = [`${title}: right first on ${s.right} of ${s.total} (${s.percent}%)`];
  for (const m of s.misses) lines.push(`  miss ${m.id}: expected ${m.expected}, got ${m.got}`);
  return lines.join('\n');
}
