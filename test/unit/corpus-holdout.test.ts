// explain on the blind holdout corpus (test/corpus/holdout.jsonl): real errors collected after the matchers
// were tuned on errors.jsonl, with the expected remedy decided before explain was run on them. An item whose
// wording led to a matcher change is moved to errors.jsonl, so what stays here was never tuned for
// (see test/corpus/README.md for the score history).
import { describe, it, expect } from 'vitest';
import { scanText } from '../../src/remedies/match.js';
import { getRemedy } from '../../src/remedies/catalog.js';
import { loadErrorCorpus, machinePlatform, report, score } from '../helpers/corpus.js';

/**
 * Right-first floor on the holdout, a little under its measured score (README: score history) so that a
 * regression on text nobody tuned for cannot pass silently.
 */
const HOLDOUT_RIGHT_FIRST_FLOOR = 75;

const HOLDOUT = loadErrorCorpus('holdout.jsonl');
const TUNING = loadErrorCorpus('errors.jsonl');

const OS_VALUES = new Set(['darwin', 'win32', 'linux', 'unknown']);

describe('explain on the blind holdout (test/corpus/holdout.jsonl)', () => {
  it('reads the holdout: every field present, unique ids, an expected remedy from the catalog for each item', () => {
    expect(HOLDOUT.length).toBeGreaterThanOrEqual(20);
    expect(new Set(HOLDOUT.map((i) => i.id)).size).toBe(HOLDOUT.length);
    for (const item of HOLDOUT) {
      for (const field of ['id', 'text', 'source', 'client', 'os', 'expected', 'note'] as const) {
        expect(typeof item[field], `${item.id}: ${field}`).toBe('string');
        expect(item[field].trim(), `${item.id}: ${field}`).not.toBe('');
      }
      expect(OS_VALUES.has(item.os), `${item.id}: os ${item.os}`).toBe(true);
      expect(item.source, item.id).toMatch(/^https:\/\/github\.com\/[^/]+\/[^/]+\/(issues|pull|discussions)\/\d+/);
      expect(getRemedy(item.expected), `${item.id} expects ${item.expected}`).toBeDefined();
    }
  });

  it('shares no item with the tuning corpus: no id, and no source with the same text', () => {
    const tuningIds = new Set(TUNING.map((i) => i.id));
    const tuningKeys = new Set(TUNING.map((i) => `${i.source}\n${i.text}`));
    const tuningTexts = new Set(TUNING.map((i) => i.text));
    for (const item of HOLDOUT) {
      expect(tuningIds.has(item.id), `${item.id}: id also in errors.jsonl`).toBe(false);
      expect(tuningKeys.has(`${item.source}\n${item.text}`), `${item.id}: source+text also in errors.jsonl`).toBe(false);
      expect(tuningTexts.has(item.text), `${item.id}: text also in errors.jsonl`).toBe(false);
    }
  });

  it(`ranks the expected remedy first on at least ${HOLDOUT_RIGHT_FIRST_FLOOR}% of the items`, () => {
    const s = score(HOLDOUT, (item) => scanText(item.text, { defaultPlatform: machinePlatform(item) }).matches[0]?.id);
    console.log(report('explain on the blind holdout (platform: the machine the error came from, when known)', s));
    expect(s.percent).toBeGreaterThanOrEqual(HOLDOUT_RIGHT_FIRST_FLOOR);
  });
});
