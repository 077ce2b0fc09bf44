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

// Live loopback Agent Gateway (issue 3): the full doctor probing it, against the bare SDK client
// doing connect + listTools. The fixture runs in its own process (spawnSync blocks this one).
const live = await startLiveGateway();
const BARE_SDK_CLIENT = `
  const { Client, StreamableHTTPClientTransport } = await import('@modelcontextprotocol/client');
  const [url, token] = process.argv.slice(1);
  const client = new Client({ name: 'bench', version: '0' }, { versionNegotiation: { mode: 'auto' } });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { Authorization: 'Bearer ' + token } } }));
  await client.listTools();
  await client.close();
`;
if (live) {
  scenarios.push(
    ['bare SDK connect + listTools', ['--input-type=module', '-e', BARE_SDK_CLIENT, live.url, live.token], null],
    ['doctor --url (live, full)', [bin, 'doctor', '--url', live.url, '--token', live.token, '--home', home], null],
  );
}

async function startLiveGateway() {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [path.join(root, 'scripts', 'fixture.mjs'), '--scenario', 'ok'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let text = '';
  const found = await new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), 10_000);
    child.stdout.setEncoding('utf8').on('data', (d) => {
      text += d;
      const url = /URL\s+(\S+)/.exec(text)?.[1];
      const token = /token\s+(\S+)/.exec(text)?.[1];
      if (url && token) {
        clearTimeout(timer);
        resolve({ url, token });
      }
    });
    child.on('exit', () => resolve(null));
  });
  if (!found) {
    child.kill();
    console.error('bench: could not start the loopback fixture; live scenarios skipped');
    return null;
  }
  return { ...found, stop: () => child.kill() };
}

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
  const bare = rows.find((r) => r.name === 'bare SDK connect + listTools');
  const full = rows.find((r) => r.name === 'doctor --url (live, full)');
  if (bare && full) console.log(`full doctor against a live loopback server: ${full.med.toFixed(1)} ms = ${(full.med / bare.med).toFixed(2)}× the bare SDK client (connect + listTools, ${bare.med.toFixed(1)} ms)`);
} finally {
  live?.stop();
  rmSync(home, { recursive: true, force: true });
}
