// Layers point down and nothing imports in a circle (docs/architecture.md). Reads src/ as text:
// every `import … from './x.js'` and `await import('./x.js')`.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../helpers/cli.js';

const SRC = path.join(ROOT, 'src');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

interface Edge {
  to: string;
  typeOnly: boolean;
}

const graph = new Map<string, Edge[]>();
for (const f of files(SRC)) {
  const text = readFileSync(f, 'utf8');
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
