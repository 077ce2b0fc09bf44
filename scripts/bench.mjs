#!/usr/bin/env node
// npm run bench — start-up and doctor timings as medians and ratios against bare `node -e 0`.
// Not a test: numbers vary by machine; the targets are the budgets.
// Usage: npm run bench [-- --runs N]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'tray-mcp.cjs');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 15;
const home = mkdtempSync(path.join(tmpdir(), 'tray-mcp-bench-'));
const env = { ...process.env, NO_COLOR: '1', CI: 'true' };
delete env.TRAY_MCP_API_TOKEN;

/** name, argv after node, target ratio (null: informational) */
export const scenarios = [
  ['node -e 0', ['-e', '0'], null],
  ['--version', [bin, '--version'], 1.5],
  ['--help', [bin, '--help'], 2.5],
  ['doctor --offline', [bin, 'doctor', '--offline', '--home', home], 3],
  ['doctor --offline --json', [bin, 'doctor', '--offline', '--json', '--home', home], 3],
  ['explain 401', [bin, 'explain', '401'], 2.5],
];

function time(args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

try {
  const rows = [];
  let base;
  for (const [name, args, target] of scenarios) {
    time(args); // warm the file cache
    const samples = Array.from({ length: RUNS }, () => time(args));
    const med = median(samples);
    if (base === undefined) base = med;
    rows.push({ name, med, ratio: med / base, target });
  }
  const w = Math.max(...rows.map((r) => r.name.length));
  console.log(`tray-mcp bench · ${RUNS} runs each · median wall time · Node ${process.version} · ${process.platform}`);
  let over = 0;
  for (const r of rows) {
    const verdict = r.target == null ? '' : r.ratio <= r.target ? `  ok (≤ ${r.target}×)` : `  OVER (target ≤ ${r.target}×)`;
    if (r.target != null && r.ratio > r.target) over++;
    console.log(`${r.name.padEnd(w)}  ${r.med.toFixed(1).padStart(7)} ms  ${r.ratio.toFixed(2).padStart(5)}×${verdict}`);
  }
  if (over) console.log(`${over} scenario(s) over target`);
} finally {
  rmSync(home, { recursive: true, force: true });
}
