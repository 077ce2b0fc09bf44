import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../helpers/cli.js';
import { renderRemediesDoc } from '../../src/remedies/doc.js';
import { REMEDIES } from '../../src/remedies/catalog.js';

describe('docs/remedies.md', () => {
  it('is what the catalog generates (run `npm run build && node scripts/gen-remedies-doc.mjs` after changing the catalog)', () => {
    const committed = readFileSync(path.join(ROOT, 'docs', 'remedies.md'), 'utf8');
    expect(committed).toBe(renderRemediesDoc());
  });

  it('documents every remedy with its id, title, cause, steps, docs link and source', () => {
    const doc = renderRemediesDoc();
    for (const r of REMEDIES) {
      expect(doc).toContain(`### \`${r.id}\``);
      expect(doc).toContain(r.title);
      expect(doc).toContain(`- Source: ${r.source}`);
      if (r.docs) expect(doc).toContain(`- Docs: ${r.docs}`);
      for (const [i, s] of r.steps.entries()) expect(doc).toContain(`${i + 1}. ${s}`);
    }
  });

  it('a changed catalog makes the committed file stale', () => {
    const changed = REMEDIES.map((r, i) => (i === 0 ? { ...r, title: r.title + ' (changed)' } : r));
    expect(renderRemediesDoc(changed)).not.toBe(readFileSync(path.join(ROOT, 'docs', 'remedies.md'), 'utf8'));
  });
});
