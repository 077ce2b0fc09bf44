import { describe, it, expect } from 'vitest';
import { DOCS, REMEDIES, getRemedy, stepsFor, type Matcher } from '../../src/remedies/catalog.js';
import { explainText } from '../../src/remedies/match.js';
import { redactText } from '../../src/lib/redact.js';
import { CLIENT_IDS } from '../../src/clients/catalog.js';

import { CONTRACT_IDS } from './remedy-ids.js';

/** Ids the project added beyond the contract (allowed: "add ids freely"). */
const PROJECT_IDS = ['config-file-unreadable', 'method-not-supported', 'project-server-not-approved', 'protocol-revision-mismatch', 'tool-name-invalid'];

/** A context in which a matcher bound to one (Matcher.when) counts. */
const contextOf = (m: Matcher) => ({ ...(m.when?.platform ? { platform: m.when.platform[0] } : {}), ...(m.when?.client ? { client: m.when.client[0] } : {}) });

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
      for (const t of [r.title, r.cause, ...r.steps, ...(r.stepsFor ?? []).flatMap((v) => v.steps), r.source]) expect(redactText(t), r.id).toBe(t);
    }
  });

  it('every remedy has at least one matcher, and every matcher recognises its own example', () => {
    for (const r of REMEDIES) {
      expect(r.matchers.length, r.id).toBeGreaterThan(0);
      for (const m of r.matchers) {
        const ids = explainText(m.example, contextOf(m)).map((x) => x.id);
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

  it('a matcher bound to a context counts only there', () => {
    const bound = REMEDIES.flatMap((r) => r.matchers.filter((m) => m.when).map((m) => [r.id, m] as const));
    expect(bound.length).toBeGreaterThan(0);
    for (const [id, m] of bound) {
      expect(explainText(m.example, contextOf(m)).map((x) => x.id), `${id} / ${m.label}`).toContain(id);
      const elsewhere = m.when!.platform ? { platform: m.when!.platform[0] === 'win32' ? ('darwin' as const) : ('win32' as const) } : {};
      const found = explainText(m.example, elsewhere).find((x) => x.id === id);
      expect(found?.matchedBy, `${id} / ${m.label} outside its context`).not.toBe(m.label);
    }
  });

  it('step variants name a known client or platform, have steps, and fit the remedy', () => {
    for (const r of REMEDIES) {
      for (const v of r.stepsFor ?? []) {
        expect(v.client !== undefined || v.platform !== undefined, r.id).toBe(true);
        if (v.client !== undefined) expect(CLIENT_IDS as readonly string[], r.id).toContain(v.client);
        if (v.platform !== undefined) expect(['darwin', 'win32', 'linux'], r.id).toContain(v.platform);
        expect(v.steps.length, r.id).toBeGreaterThan(0);
        for (const s of v.steps) expect(s.trim().length, r.id).toBeGreaterThan(5);
      }
      const keys = (r.stepsFor ?? []).map((v) => `${v.client ?? '*'}/${v.platform ?? '*'}`);
      expect(new Set(keys).size, `${r.id}: one variant per client/platform`).toBe(keys.length);
    }
  });
});

describe('stepsFor', () => {
  const r = getRemedy('client-entry-unsupported')!;

  it('gives each client its own form of the entry, and the general steps when the client is unknown', () => {
    expect(stepsFor(r, { client: 'claude' })[0]).toMatch(/command entries|bridge form/);
    expect(stepsFor(r, { client: 'cline' })[0]).toContain('"type": "streamableHttp"');
    expect(stepsFor(r, { client: 'claude-code' })[0]).toContain('"type": "http"');
    expect(stepsFor(r, { client: 'vscode' })[0]).toContain('"type": "http"');
    expect(stepsFor(r, {})).toEqual([...r.steps]);
    expect(stepsFor(r, { client: 'cline' }).join(' ')).not.toMatch(/Claude Desktop/);
  });

  it('prefers client and platform together, then the client, then the platform', () => {
    const loc = getRemedy('config-wrong-location')!;
    expect(stepsFor(loc, { client: 'claude', platform: 'win32' })[0]).toContain('LocalCache');
    expect(stepsFor(loc, { client: 'claude', platform: 'darwin' })).toEqual([...loc.steps]);
    const missing = getRemedy('node-missing')!;
    expect(stepsFor(missing, { platform: 'win32' })[0]).toContain('Command Prompt');
    expect(stepsFor(missing, { client: 'cursor', platform: 'win32' })[0]).toContain('tray-mcp setup --client cursor');
    expect(stepsFor(missing, { platform: 'darwin' })).toEqual([...missing.steps]);
  });

  it('a stale sign-in in Claude Code: its own sign-in for an http entry, the bridge\'s for an mcp-remote one', () => {
    const stale = getRemedy('bridge-auth-state-stale')!;
    const cc = stepsFor(stale, { client: 'claude-code' }).join('\n');
    expect(cc).toContain('claude mcp logout <name>');
    expect(cc).toContain('~/.mcp-auth');
    expect(stepsFor(stale, {}).join('\n')).not.toContain('claude mcp logout');
  });

  it('returns a copy: changing it does not change the catalog', () => {
    const steps = stepsFor(r, { client: 'cline' });
    steps.push('x');
    expect(stepsFor(r, { client: 'cline' })).not.toContain('x');
  });
});

describe('advice that was wrong stays corrected', () => {
  it('node-missing and node-too-old do not send people to the full path of npx alone (its shebang still looks node up on PATH)', () => {
    for (const id of ['node-missing', 'node-too-old']) {
      const r = getRemedy(id)!;
      const all = [...r.steps, ...(r.stepsFor ?? []).flatMap((v) => v.steps)].join('\n');
      expect(all, id).not.toMatch(/put that full path as the "command"|point the "command" of the Tray entry to the full path of the new `npx`/);
      expect(all, id).toMatch(/"PATH"/);
    }
    expect(getRemedy('node-missing')!.steps.join(' ')).toContain('#!/usr/bin/env node');
  });

  it('proxy advice says the bridge needs --enable-proxy to use HTTPS_PROXY', () => {
    expect(getRemedy('proxy-misconfigured')!.steps.join(' ')).toContain('--enable-proxy');
    expect(getRemedy('server-unreachable')!.steps.join(' ')).toContain('--enable-proxy');
  });
});
