import { describe, it, expect } from 'vitest';
import { DOCS, REMEDIES, getRemedy } from '../../src/remedies/catalog.js';
import { explainText } from '../../src/remedies/match.js';
import { redactText } from '../../src/lib/redact.js';
import { CLIENT_IDS } from '../../src/clients/catalog.js';

import { CONTRACT_IDS } from './remedy-ids.js';

/** Ids the project added beyond the contract (allowed: "add ids freely"). */
const PROJECT_IDS = ['config-file-unreadable', 'method-not-supported', 'project-server-not-approved', 'protocol-revision-mismatch', 'tool-name-invalid'];

describe('remedy catalog', () => {
  it('has an entry for every contract id, and nothing unexplained besides', () => {
    for (const id of CONTRACT_IDS) expect(getRemedy(id), id).toBeDefined();
    const extra = REMEDIES.map((r) => r.id).filter((id) => !(CONTRACT_IDS as readonly string[]).includes(id));
    expect(extra.sort()).toEqual([...PROJECT_IDS].sort());
  });

  it('ids are unique kebab-case', () => {
    const ids = REMEDIES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it.each(REMEDIES.map((r) => [r.id, r] as const))('%s is complete: title, cause, steps, source, docs link', (_id, r) => {
    expect(r.title.length).toBeGreaterThan(5);
    expect(r.cause.length).toBeGreaterThan(20);
    expect(r.steps.length).toBeGreaterThanOrEqual(1);
    for (const s of r.steps) expect(s.trim().length).toBeGreaterThan(5);
    expect(r.source).toMatch(/^(connecting|troubleshooting|both|beyond the docs)\b/);
    if (r.docs !== undefined) expect(Object.values(DOCS)).toContain(r.docs);
    else expect(r.source).toMatch(/^beyond the docs/);
    expect(['local', 'network', 'tools', 'user-auth', 'info']).toContain(r.group);
  });

  it('a step that lists the setup clients lists every client setup supports (cline included)', () => {
    const lists = REMEDIES.flatMap((r) => r.steps.flatMap((s) => [...s.matchAll(/--client <([a-z-]+(?:\|[a-z-]+)+)>/g)].map((m) => [r.id, m[1]!] as const)));
    expect(lists.map(([id]) => id)).toContain('config-not-found');
    for (const [id, list] of lists) expect(list.split('|').sort(), id).toEqual([...CLIENT_IDS].sort());
    for (const id of CLIENT_IDS) expect(getRemedy('config-not-found')!.steps[0]).toMatch(new RegExp(`[<|]${id}[|>]`));
  });

  it('no remedy text is mangled by redaction (it never contains credential-shaped text)', () => {
    for (const r of REMEDIES) {
      for (const t of [r.title, r.cause, ...r.steps, r.source]) expect(redactText(t), r.id).toBe(t);
    }
  });

  it('every remedy has at least one matcher, and every matcher recognises its own example', () => {
    for (const r of REMEDIES) {
      expect(r.matchers.length, r.id).toBeGreaterThan(0);
      for (const m of r.matchers) {
        const ids = explainText(m.example).map((x) => x.id);
        expect(ids, `${r.id} / ${m.label}: ${m.example}`).toContain(r.id);
        for (const needle of m.any) expect(needle, `${r.id} / ${m.label}`).toBe(needle.toLowerCase());
      }
    }
  });

  it('matcher regexes are linear-safe: no nested unbounded quantifiers, no unbounded gaps', () => {
    for (const r of REMEDIES) {
      for (const m of [...r.matchers]) {
        for (const re of [m.re, ...(m.extract ?? [])]) {
          // (x+)+ / (x*)* / (x+)* shapes
          expect(re.source, `${r.id}: ${re.source}`).not.toMatch(/\([^()]*[+*]\)[+*{]/);
          // unbounded "anything" gaps
          expect(re.source, `${r.id}: ${re.source}`).not.toMatch(/(?:\.|\[\^\\n\])[*+]/);
        }
      }
    }
  });
});
