#!/usr/bin/env node
// npm run bench — how fast tray-mcp is, as ratios measured in one run (the machine may be shared and
// noisy: every round runs each scenario once, in turn, so load hits them all alike; medians).
// Not a test: numbers vary by machine; the targets are issue 14's budgets.
//
//   start-up   each command against bare `node -e 0`
//   main       the README's first command (./tray-mcp doctor) against the launcher run by node itself
//   live       doctor --url against the MCP Inspector CLI's tools/list on the same loopback server
//   log scan   explain --file on a generated 200 MB client log against `grep -c` (MB/s, peak memory)
//
// (stdout is read, never /dev/null: GNU grep stops at the first match when its output is /dev/null.)
// Usage: npm run bench [-- --runs N] [--only startup,main,live,log] [--log-mb N]
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'tray-mcp.cjs');
const { values: opt } = parseArgs({
  options: {
    runs: { type: 'string', default: '15' },
    only: { type: 'string', default: 'startup,main,live,log' },
    'log-mb': { type: 'string', default: '200' },
  },
});
const RUNS = Number(opt.runs);
const ONLY = new Set(opt.only.split(','));
const scratch = mkdtempSync(path.join(tmpdir(), 'tray-mcp-bench-'));
const home = path.join(scratch, 'home');
spawnSync('mkdir', ['-p', home]);
const env = { ...process.env, NO_COLOR: '1', CI: 'true' };
for (const k of Object.keys(env)) if (/^(TRAY_MCP_API_TOKEN|NODE_OPTIONS|https?_proxy|all_proxy|no_proxy)$/i.test(k)) delete env[k];
const node = (...args) => ({ cmd: process.execPath, args });

// The least a client can do: the official SDK connecting and listing tools (for comparison).
const BARE_SDK_CLIENT = `
  const { Client, StreamableHTTPClientTransport } = await import('@modelcontextprotocol/client');
  const [url, token] = process.argv.slice(1);
  const client = new Client({ name: 'bench', version: '0' }, { versionNegotiation: { mode: 'auto' } });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { Authorization: 'Bearer ' + token } } }));
  await client.listTools();
  await client.close();
`;

function time({ cmd, args, cwd }) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { env, cwd: cwd ?? root, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.error || (r.status !== 0 && r.status !== 1)) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status ?? r.error}: ${r.stderr}`);
  return ms;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Run every scenario `runs` times, round-robin (rotating the order), after one warm-up each. */
function measure(scenarios, runs) {
  const samples = scenarios.map(() => []);
  scenarios.forEach((s) => time(s.run));
  for (let r = 0; r < runs; r++) {
    for (let k = 0; k < scenarios.length; k++) {
      const i = (k + r) % scenarios.length;
      samples[i].push(time(scenarios[i].run));
    }
  }
  return new Map(scenarios.map((s, i) => [s.name, median(samples[i])]));
}

let over = 0;
const w = 44;
/** Print rows: each with its median, its ratio to its base, and the verdict against its target. */
function report(title, scenarios, med) {
  console.log(`\n${title}`);
  for (const s of scenarios) {
    const ms = med.get(s.name);
    const base = s.base ? med.get(s.base) : undefined;
    const ratio = base ? ms / base : undefined;
    let verdict = '';
    if (s.target != null && ratio != null) {
      const ok = ratio <= s.target;
      if (!ok) over++;
      verdict = ok ? `  ok (≤ ${s.target}×)` : `  OVER (target ≤ ${s.target}×)`;
    }
    const r = ratio == null ? ''.padStart(7) : `${ratio.toFixed(2).padStart(6)}×`;
    console.log(`  ${s.name.padEnd(w)} ${ms.toFixed(1).padStart(8)} ms ${r}${s.base && ratio != null ? ` of ${s.base}` : ''}${verdict}`);
  }
}

console.log(`tray-mcp bench · ${RUNS} rounds · median wall time · Node ${process.version} · ${process.platform} · ${(await import('node:os')).cpus().length} cores`);
let live;
try {
  if (ONLY.has('startup')) {
    const B = 'node -e 0';
    const startup = [
      { name: B, run: node('-e', '0') },
      { name: '--version', run: node(bin, '--version'), base: B, target: 1.15 },
      { name: '--help', run: node(bin, '--help'), base: B, target: 1.5 },
      { name: 'explain 401', run: node(bin, 'explain', '401'), base: B, target: 1.6 },
      { name: 'doctor --offline', run: node(bin, 'doctor', '--offline', '--home', home), base: B, target: 2.0 },
      { name: 'doctor --offline --json', run: node(bin, 'doctor', '--offline', '--json', '--home', home), base: B, target: 2.0 },
    ];
    report('start-up (against bare node)', startup, measure(startup, RUNS));
  }

  if (ONLY.has('main')) {
    // README's first command, as typed in a clone after `npm ci`, against the same run through node.
    const script = path.join(root, 'tray-mcp');
    const B = 'node bin/tray-mcp.cjs doctor';
    const main = [{ name: B, run: node(bin, 'doctor', '--home', home) }];
    if (existsSync(script)) main.push({ name: './tray-mcp doctor', run: { cmd: script, args: ['doctor', '--home', home] }, base: B, target: 1.05 });
    const medMain = measure(main, RUNS);
    // npx for comparison only (its own start-up is most of it): a few runs, same way.
    const npx = [{ name: 'npx tray-mcp doctor (not documented)', run: { cmd: 'npx', args: ['--no', '--', 'tray-mcp', 'doctor', '--home', home] }, base: B }];
    for (const [k, v] of measure(npx, Math.min(RUNS, 5))) medMain.set(k, v);
    report('main command (README, from a clone)', [...main, ...npx], medMain);
  }

  if (ONLY.has('live')) {
    live = await startLiveGateway();
    if (live) {
      // The Inspector CLI (@modelcontextprotocol/inspector-cli, v1: the Node-20 one; v2 needs Node 22).
      // Its worker looks for its package.json at `../package.json` relative to the working directory,
      // so it runs from its own build/ folder. `mcp-inspector-cli --cli` is its documented entry: it
      // starts a second node for the worker; the worker alone is the stricter yardstick (the target).
      const inspectorBuild = path.join(root, 'node_modules', '@modelcontextprotocol', 'inspector-cli', 'build');
      const header = ['--header', `Authorization: Bearer ${live.token}`];
      const I = 'Inspector CLI tools/list (worker)';
      const liveRows = [];
      if (existsSync(inspectorBuild)) {
        liveRows.push(
          { name: I, run: { ...node(path.join(inspectorBuild, 'index.js'), live.url, '--transport', 'http', ...header, '--method', 'tools/list'), cwd: inspectorBuild } },
          {
            name: 'mcp-inspector-cli --cli tools/list',
            run: { ...node(path.join(inspectorBuild, 'cli.js'), '--cli', live.url, '--transport', 'http', ...header, '--method', 'tools/list'), cwd: inspectorBuild },
            base: I,
          },
        );
      } else console.log('\n(bench: @modelcontextprotocol/inspector-cli is not installed; run npm ci)');
      const base = liveRows.length ? I : undefined;
      liveRows.push(
        { name: 'bare SDK connect + listTools', run: node('--input-type=module', '-e', BARE_SDK_CLIENT, live.url, live.token), base },
        { name: 'doctor --url (all checks)', run: node(bin, 'doctor', '--url', live.url, '--token', live.token, '--home', home), base, target: base ? 0.6 : undefined },
      );
      // Sanity: the doctor being timed does probe the server through to its tools.
      const probe = spawnSync(process.execPath, [bin, 'doctor', '--json', '--url', live.url, '--token', live.token, '--home', home], { env, encoding: 'utf8' });
      const visible = JSON.parse(probe.stdout || '{}').results?.find((r) => r.check === 'tool-visibility');
      if (visible?.status !== 'pass') throw new Error(`bench: doctor --url did not reach the tools: ${probe.stdout.slice(0, 500)}${probe.stderr}`);
      report('live loopback MCP server (against the Inspector CLI)', liveRows, measure(liveRows, RUNS));
    }
  }

  if (ONLY.has('log')) await logScan(Number(opt['log-mb']));
} finally {
  live?.stop();
  rmSync(scratch, { recursive: true, force: true });
}
if (over) console.log(`\n${over} scenario(s) over target`);

async function logScan(mb) {
  // A Claude Desktop–style MCP server log: client requests, server answers (some with tool lists,
  // whose descriptions hold many words the matchers look for), chatter, and a few real problems.
  const log = path.join(scratch, 'mcp-server-tray.log');
  const out = createWriteStream(log, { highWaterMark: 1 << 20 });
  const target = mb * 1024 * 1024;
  let size = 0;
  let block = '';
  for (let i = 0; size < target; i++) {
    const ts = `2025-06-03T07:${String((i >> 6) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.${String(i % 1000).padStart(3, '0')}Z`;
    block += `${ts} [tray] [info] Message from client: {"method":"tools/call","params":{"name":"lookup_${i}","arguments":{"q":"order ${i}"}},"jsonrpc":"2.0","id":${i}}\n`;
    block += `${ts} [tray] [info] Message from server: {"jsonrpc":"2.0","id":${i},"result":{"content":[{"type":"text","text":"Order ${i} shipped on 2025-06-0${i % 9 + 1}"}]}}\n`;
    if (i % 50 === 0) block += `${ts} [tray] [info] Message from server: {"jsonrpc":"2.0","id":${i},"result":{"tools":[{"name":"create_ticket","description":"Create a support ticket in the helpdesk with a subject and a body.","inputSchema":{"type":"object","properties":{"subject":{"type":"string"}},"required":["subject"]}}]}}\n`;
    if (i % 20 === 0) block += `${ts} [tray] [info] Server started and connected successfully\n`;
    if (i % 5000 === 0) block += `${ts} [tray] [error] Error from remote server: Error: Streamable HTTP error: Error POSTing to endpoint (HTTP 401): {"error":"invalid_token"}\n`;
    if (i % 7919 === 0) block += `${ts} [tray] [error] connect ECONNREFUSED 127.0.0.1:443\n`;
    if (block.length > 1 << 20) {
      size += Buffer.byteLength(block);
      if (!out.write(block)) await once(out, 'drain');
      block = '';
    }
  }
  out.end(block);
  await once(out, 'finish');
  const bytes = statSync(log).size;
  const rss = path.join(scratch, 'rss.cjs');
  writeFileSync(rss, "process.on('exit', () => require('fs').writeSync(2, '\\nBENCH-MAXRSS ' + process.resourceUsage().maxRSS + '\\n'));\n");
  const runs = Math.max(3, Math.min(RUNS, 5));
  const rows = [
    { name: 'grep -c error', run: { cmd: 'grep', args: ['-c', 'error', log] } },
    { name: 'explain --file', run: node(bin, 'explain', '--json', '--file', log), base: 'grep -c error' },
  ];
  const med = measure(rows, runs);
  console.log(`\nlog scan: ${(bytes / 1048576).toFixed(0)} MB generated client log · ${runs} rounds`);
  const g = med.get('grep -c error');
  const e = med.get('explain --file');
  const mbps = (ms) => bytes / 1048576 / (ms / 1000);
  const ratio = mbps(e) / mbps(g);
  const ok = ratio >= 0.25;
  if (!ok) over++;
  console.log(`  ${'grep -c error'.padEnd(w)} ${g.toFixed(0).padStart(8)} ms  ${mbps(g).toFixed(0).padStart(5)} MB/s`);
  console.log(`  ${'explain --file'.padEnd(w)} ${e.toFixed(0).padStart(8)} ms  ${mbps(e).toFixed(0).padStart(5)} MB/s  ${ratio.toFixed(2)}× grep's throughput${ok ? '  ok (≥ 0.25×)' : '  UNDER (target ≥ 0.25×)'}`);
  const r = spawnSync(process.execPath, [bin, 'explain', '--json', '--file', log], { env: { ...env, NODE_OPTIONS: `--require=${rss}` }, encoding: 'utf8', maxBuffer: 64 << 20 });
  const kb = Number(/BENCH-MAXRSS (\d+)/.exec(r.stderr)?.[1]);
  console.log(`  ${'explain --file peak memory (max RSS)'.padEnd(w)} ${(kb / 1024).toFixed(0).padStart(8)} MB`);
  const doc = JSON.parse(r.stdout);
  console.log(`  found: ${doc.matches.map((m) => `${m.id} ×${m.count}`).join(', ')}`);
}

async function startLiveGateway() {
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
