// Layers point down and nothing imports in a circle (docs/architecture.md). Reads src/ as text:
// every `import … from './x.js'` and `await import('./x.js')`. Also the clean-layers rules of issue 8:
// argv stops at the commands, the network layer returns facts, one list of check ids, one
// placeholder rule.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../helpers/cli.js';
import { CHECK_IDS, CHECKS } from '../../src/checks/index.js';

const SRC = path.join(ROOT, 'src');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

interface Edge {
  to: string;
  typeOnly: boolean;
}

const graph = new Map<string, Edge[]>();
const texts = new Map<string, string>();
for (const f of files(SRC)) {
  const text = readFileSync(f, 'utf8');
  texts.set(f, text);
  const edges: Edge[] = [];
  for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+'(\.{1,2}\/[^']+)\.js'/gm)) {
    edges.push({ to: path.resolve(path.dirname(f), m[3]! + '.ts'), typeOnly: Boolean(m[2]) });
  }
  for (const m of text.matchAll(/import\(\s*'(\.{1,2}\/[^']+)\.js'\s*\)/g)) edges.push({ to: path.resolve(path.dirname(f), m[1]! + '.ts'), typeOnly: false });
  graph.set(f, edges);
}
const rel = (f: string) => path.relative(SRC, f).split(path.sep).join('/');
const layer = (f: string) => rel(f).split('/')[0]!;

describe('layers', () => {
  it('reads the whole source tree', () => {
    expect(graph.size).toBeGreaterThan(50);
  });

  it('lib, clients, gateway, config and net never import from checks, commands, report or setup', () => {
    const low = new Set(['lib', 'clients', 'gateway', 'config', 'net']);
    const high = new Set(['checks', 'commands', 'report', 'setup', 'cli.ts', 'doctor.ts', 'explain.ts']);
    const bad: string[] = [];
    for (const [from, edges] of graph) for (const e of edges) if (low.has(layer(from)) && high.has(layer(e.to))) bad.push(`${rel(from)} → ${rel(e.to)}`);
    expect(bad).toEqual([]);
  });

  it('lib imports nothing above it; clients only lib; gateway only clients and lib', () => {
    const allowed: Record<string, string[]> = { lib: ['lib'], clients: ['clients', 'lib'], gateway: ['gateway', 'clients', 'lib'] };
    const bad: string[] = [];
    for (const [from, edges] of graph) {
      const ok = allowed[layer(from)];
      if (!ok) continue;
      for (const e of edges) if (!ok.includes(layer(e.to)) && !e.typeOnly) bad.push(`${rel(from)} → ${rel(e.to)}`);
    }
    expect(bad).toEqual([]);
  });

  it('fix/ (doctor --fix, undo) sits on top: only doctor.ts and the commands import it', () => {
    const bad: string[] = [];
    for (const [from, edges] of graph) {
      if (layer(from) === 'fix' || layer(from) === 'commands' || rel(from) === 'doctor.ts') continue;
      for (const e of edges) if (layer(e.to) === 'fix') bad.push(`${rel(from)} → ${rel(e.to)}`);
    }
    expect(bad).toEqual([]);
    expect([...graph.keys()].some((f) => layer(f) === 'fix')).toBe(true);
  });

  it('no import cycles (runtime imports)', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (f: string) => {
      state.set(f, 'open');
      stack.push(f);
      for (const e of graph.get(f) ?? []) {
        if (e.typeOnly || !graph.has(e.to)) continue;
        if (state.get(e.to) === 'open') cycles.push([...stack.slice(stack.indexOf(e.to)), e.to].map(rel).join(' → '));
        else if (!state.has(e.to)) visit(e.to);
      }
      stack.pop();
      state.set(f, 'done');
    };
    for (const f of graph.keys()) if (!state.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });
});

/** Source text without comments (so a comment may name what the code must not do). */
const code = (f: string) => texts.get(f)!.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');

describe('argv stops at the commands', () => {
  const above = (f: string) => rel(f) === 'cli.ts' || layer(f) === 'commands';

  it('nothing below src/cli.ts and src/commands/ imports yargs or reads process.argv', () => {
    const bad: string[] = [];
    for (const f of texts.keys()) {
      if (above(f)) continue;
      const c = code(f);
      if (/from\s+'yargs(?:\/[^']*)?'|require\(\s*'yargs|import\(\s*'yargs/.test(c)) bad.push(`${rel(f)} imports yargs`);
      if (/process\.argv/.test(c)) bad.push(`${rel(f)} reads process.argv`);
    }
    expect(bad).toEqual([]);
  });

  it('nothing below the commands imports from src/commands/ (not even a type): the commands hand down typed requests', () => {
    const bad: string[] = [];
    for (const [from, edges] of graph) for (const e of edges) if (!above(from) && layer(e.to) === 'commands') bad.push(`${rel(from)} → ${rel(e.to)}`);
    expect(bad).toEqual([]);
  });

  it('the commands load the check registry only when a command runs (never for --help or --version)', () => {
    const bad: string[] = [];
    for (const [from, edges] of graph) {
      if (!above(from)) continue;
      const text = code(from);
      for (const e of edges) if (rel(e.to) === 'checks/index.ts' && !/import\(\s*'[./]*checks\/index\.js'\s*\)/.test(text)) bad.push(rel(from));
      if (/^\s*import\s+(?!type\b)[^;]*from\s+'[./]*checks\/index\.js'/m.test(text)) bad.push(`${rel(from)} (static)`);
    }
    expect(bad).toEqual([]);
  });
});

describe('the network layer returns facts; the network checks word them', () => {
  const net = [...texts.keys()].filter((f) => layer(f) === 'net');

  it('no module in src/net names a remedy or imports the remedy catalog', () => {
    const bad: string[] = [];
    for (const f of net) {
      const c = code(f);
      if (/\bremedies\b|\bRemedyId\b/.test(c)) bad.push(`${rel(f)} names remedies`);
      for (const e of graph.get(f)!) if (layer(e.to) === 'remedies') bad.push(`${rel(f)} → ${rel(e.to)}`);
    }
    expect(bad).toEqual([]);
  });

  it("the probe's outcomes, a network failure and a not-probed target carry no message: facts only", () => {
    const shapes: [string, string[]][] = [
      ['net/probe.ts', ['ReachOutcome', 'AuthOutcome', 'HandshakeOutcome', 'ToolsOutcome', 'NoMcpAnswer']],
      ['net/classify.ts', ['NetFailure']],
      ['net/targets.ts', ['NotProbed']],
    ];
    const bad: string[] = [];
    for (const [file, names] of shapes) {
      const c = code(path.join(SRC, file));
      for (const name of names) {
        const body = new RegExp(`export interface ${name} \\{([\\s\\S]*?)\\n\\}`).exec(c)?.[1];
        expect(body, `${file} ${name}`).toBeDefined();
        if (/^\s*(?:message|remedies)\??:/m.test(body!)) bad.push(`${file} ${name}`);
      }
    }
    expect(bad).toEqual([]);
  });
});

describe('one list of check ids', () => {
  it('the registry is the list: CHECK_IDS is its order, each id is its check module’s own', () => {
    expect(CHECK_IDS).toEqual(CHECKS.map((c) => c.id));
    expect(new Set(CHECK_IDS).size).toBe(CHECK_IDS.length);
    const schema = JSON.parse(readFileSync(path.join(ROOT, 'schemas', 'doctor-report.schema.json'), 'utf8'));
    const enums: string[][] = [];
    JSON.stringify(schema, (_k, v) => {
      if (Array.isArray(v?.enum) && v.enum.includes('node-version')) enums.push(v.enum);
      return v;
    });
    // the contract lists them (fields only added), in the registry's order
    expect(enums.length).toBeGreaterThan(0);
    for (const e of enums) expect(e).toEqual([...CHECK_IDS]);
    for (const id of CHECK_IDS) expect(texts.get(path.join(SRC, 'checks', `${id}.ts`)), id).toContain(`id: '${id}'`);
  });

  it('no other list in src/ spells out the check ids', () => {
    const all: string[] = CHECKS.map((c) => c.id);
    const bad: string[] = [];
    for (const [f] of texts) {
      for (const m of code(f).matchAll(/\[[^[\]]*\]/g)) {
        const ids = new Set([...m[0].matchAll(/'([a-z-]+)'/g)].map((x) => x[1]!).filter((x) => all.includes(x)));
        if (ids.size > 4) bad.push(`${rel(f)}: ${[...ids].join(', ')}`);
      }
    }
    expect(bad).toEqual([]);
  });
});

describe('one placeholder rule', () => {
  it('what a placeholder token looks like is written only in src/gateway/token.ts', () => {
    const bad: string[] = [];
    for (const [f] of texts) {
      if (rel(f) === 'gateway/token.ts') continue;
      const c = code(f);
      // the rule's own fragments (a regex that knows "changeme" and "…token here"), not prose that names a placeholder
      if (/change\[-_\]me|token\[\\s_-\]\?here/i.test(c)) bad.push(rel(f));
    }
    expect(bad).toEqual([]);
  });
});
