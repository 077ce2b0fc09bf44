#!/usr/bin/env node
// npm run bench — how fast tray-mcp is, as ratios measured in one run (the machine may be shared and
// noisy: every round runs each scenario once, in turn, so load hits them all alike; medians).
// Not a test: numbers vary by machine; the targets are issue 14's budgets.
//
//   start-up   each command against bare `node -e 0`
//   main       the README's first command (./tray-mcp doctor) against the launcher run by node itself
//   live       doctor --url against the MCP Inspector CLI's tools/list on the same loopback server
//   big config doctor --offline and setup on a generated 120 MB ~/.claude.json (scripts/claude-json.mjs)
//              against node reading and JSON.parse-ing that file (time, CPU, peak memory)
//   log scan   explain --file on a generated 200 MB client log against `grep -c` (MB/s, peak memory)
//
// Wall time is what a user waits for, but on a busy machine it is mostly waiting for a core: each row
// also shows its median CPU time (user+sys, from every node process of the run, read at its exit),
// and the verdict is given on both (OVER only when both are over).
// (stdout is read, never /dev/null: GNU grep stops at the first match when its output is /dev/null.)
// Usage: npm run bench [-- --runs N] [--only startup,main,live,config,log] [--config-mb N] [--log-mb N]
//        (--quick: start-up, main and live only; the 120 MB and 200 MB cases take a few minutes)
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
    only: { type: 'string', default: 'startup,main,live,config,log' },
    quick: { type: 'boolean', default: false },
    'config-mb': { type: 'string', default: '120' },
    'log-mb': { type: 'string', default: '200' },
  },
});
const RUNS = Number(opt.runs);
const ONLY = new Set((opt.quick ? 'startup,main,live' : opt.only).split(','));
const scratch = mkdtempSync(path.join(tmpdir(), 'tray-mcp-bench-'));
const home = path.join(scratch, 'home');
spawnSync('mkdir', ['-p', home]);
const env = { ...process.env, NO_COLOR: '1', CI: 'true' };
for (const k of Object.keys(env)) if (/^(TRAY_MCP_API_TOKEN|NODE_OPTIONS|https?_proxy|all_proxy|no_proxy)$/i.test(k)) delete env[k];
// Every node process of a run (the bare baselines too) says at exit what it used, on stderr.
const usageHook = path.join(scratch, 'usage.cjs');
// (a worker thread loads it too, and would report the whole process again: only the main thread does)
writeFileSync(usageHook, "if (require('worker_threads').isMainThread) process.on('exit', () => { const u = process.resourceUsage(); require('fs').writeSync(2, '\\nBENCH-USAGE ' + (u.userCPUTime + u.systemCPUTime) + ' ' + u.maxRSS + '\\n'); });\n");
env.NODE_OPTIONS = `--require=${usageHook}`;
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

/** Children's CPU time so far, in ms (Linux: /proc/self/stat cutime + cstime, 10 ms ticks), for runs without node. */
function childrenCpuMs() {
  try {
    const f = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(f[13]) + Number(f[14])) * 10;
  } catch {
    return NaN;
  }
}

/** One run: wall ms, CPU ms (user+sys of its node processes, or of all children without node), max RSS KiB. */
function time({ cmd, args, cwd, before }) {
  before?.();
  const c0 = childrenCpuMs();
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { env, cwd: cwd ?? root, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.error || (r.status !== 0 && r.status !== 1)) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status ?? r.error}: ${r.stderr}`);
  const usage = [...String(r.stderr).matchAll(/BENCH-USAGE (\d+) (\d+)/g)].map((m) => [Number(m[1]) / 1000, Number(m[2])]);
  const cpu = usage.length ? usage.reduce((a, u) => a + u[0], 0) : childrenCpuMs() - c0;
  const rss = usage.length ? Math.max(...usage.map((u) => u[1])) : NaN;
  return { ms, cpu, rss };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Run every scenario `runs` times, round-robin (rotating the order), after one warm-up each. */
function measure(scenarios, runs, { warmup = true } = {}) {
  const samples = scenarios.map(() => []);
  if (warmup) scenarios.forEach((s) => time(s.run));
  for (let r = 0; r < runs; r++) {
    for (let k = 0; k < scenarios.length; k++) {
      const i = (k + r) % scenarios.length;
      samples[i].push(time(scenarios[i].run));
    }
  }
  const cpu = new Map(scenarios.map((s, i) => [s.name, median(samples[i].map((x) => x.cpu))]));
  const rss = new Map(scenarios.map((s, i) => [s.name, Math.max(...samples[i].map((x) => x.rss))]));
  return Object.assign(new Map(scenarios.map((s, i) => [s.name, median(samples[i].map((x) => x.ms))])), { cpu, rss });
}

let over = 0;
const w = 44;
/** Print rows: each with its median, its ratio to its base, and the verdict against its target. */
function report(title, scenarios, med) {
  console.log(`\n${title}`);
  console.log(`  ${''.padEnd(w)} ${'wall'.padStart(8)}    ${'ratio'.padStart(6)}  ${'CPU'.padStart(8)}    ${'ratio'.padStart(6)}`);
  for (const s of scenarios) {
    const ms = med.get(s.name);
    const cpu = med.cpu?.get(s.name);
    const base = s.base ? med.get(s.base) : undefined;
    const cpuBase = s.base ? med.cpu?.get(s.base) : undefined;
    const ratio = base ? ms / base : undefined;
    const cpuRatio = cpuBase && Number.isFinite(cpu) ? cpu / cpuBase : undefined;
    let verdict = '';
    if (s.target != null && ratio != null) {
      const ok = ratio <= s.target;
      const cpuOk = cpuRatio != null && cpuRatio <= s.target;
      if (!ok && !cpuOk) over++;
      verdict = ok && (cpuOk || cpuRatio == null) ? `  ok (≤ ${s.target}×)` : ok || cpuOk ? `  ok on ${ok ? 'wall' : 'CPU'} (≤ ${s.target}×)` : `  OVER (target ≤ ${s.target}×)`;
    }
    const fmt = (x) => (x == null || !Number.isFinite(x) ? ''.padStart(7) : `${x.toFixed(2).padStart(6)}×`);
    const cpuText = Number.isFinite(cpu) ? `${cpu.toFixed(1).padStart(8)} ms` : ''.padStart(11);
    console.log(`  ${s.name.padEnd(w)} ${ms.toFixed(1).padStart(8)} ms ${fmt(ratio)} ${cpuText} ${fmt(cpuRatio)}${s.base && ratio != null ? ` of ${s.base}` : ''}${verdict}`);
  }
}

const os = await import('node:os');
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');
console.log(`tray-mcp bench · ${RUNS} rounds · medians of wall and CPU (user+sys) time · Node ${process.version} · ${process.platform} · ${os.cpus().length} cores · load ${load()}`);
if (env.NODE_EXTRA_CA_CERTS) {
  // Node reads that file at every start (node -e 0 too: ~45 ms with a distribution's whole bundle),
  // which shrinks every start-up ratio. Say so, and how to measure a machine without it.
  console.log(`note: NODE_EXTRA_CA_CERTS is set here, so every Node start (node -e 0 too) first reads ${env.NODE_EXTRA_CA_CERTS};`);
  console.log('      the start-up ratios are lower than on a machine without it: `env -u NODE_EXTRA_CA_CERTS npm run bench`.');
}
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

  if (ONLY.has('config')) await bigConfig(Number(opt['config-mb']));
  if (ONLY.has('log')) await logScan(Number(opt['log-mb']));
} finally {
  live?.stop();
  rmSync(scratch, { recursive: true, force: true });
}
console.log(`\nload at the end: ${load()}`);
if (over) console.log(`\n${over} scenario(s) over target`);

async function bigConfig(mb) {
  // ~/.claude.json as Claude Code grows it (scripts/claude-json.mjs). doctor reads the same file every
  // run; setup gets a fresh copy before each (outside the timing) and adds the Tray entry to it.
  const { writeClaudeJson } = await import('./claude-json.mjs');
  const bigHome = path.join(scratch, 'big-home');
  const setupHome = path.join(scratch, 'setup-home');
  mkdirSync(bigHome);
  mkdirSync(setupHome);
  const file = path.join(bigHome, '.claude.json');
  const bytes = await writeClaudeJson(file, { mb });
  const B = 'node: readFileSync + JSON.parse';
  const runs = Math.max(3, Math.min(RUNS, 5));
  const rows = [
    { name: B, run: node('-e', 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))', file) },
    { name: 'doctor --offline', run: node(bin, 'doctor', '--offline', '--home', bigHome), base: B, target: 2 },
    {
      name: 'setup -c claude-code -w … -t …',
      run: {
        ...node(bin, 'setup', '-c', 'claude-code', '-w', '12345678-abcd-1234-ef56-0123456789ab', '-t', 'bench-token-0123456789abcdef', '--home', setupHome, '--platform', 'linux'),
        before: () => copyFileSync(file, path.join(setupHome, '.claude.json')),
      },
      base: B,
      target: 2,
    },
  ];
  const med = measure(rows, runs, { warmup: false });
  report(`big config: a ${(bytes / 1048576).toFixed(0)} MB ~/.claude.json · ${runs} rounds`, rows, med);
  const fileMb = bytes / 1048576;
  for (const s of rows) {
    const peak = med.rss.get(s.name) / 1024;
    const ratio = peak / fileMb;
    const verdict = s.base ? (ratio <= 2.5 ? '  ok (≤ 2.5× the file)' : (over++, '  OVER (target ≤ 2.5× the file)')) : '';
    console.log(`  ${(s.name + ' peak memory (max RSS)').padEnd(w)} ${peak.toFixed(0).padStart(8)} MB ${ratio.toFixed(2).padStart(6)}× the file${verdict}`);
  }
}

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
  console.log(`  ${'explain --file CPU (user+sys)'.padEnd(w)} ${med.cpu.get('explain --file').toFixed(0).padStart(8)} ms  (grep: ${med.cpu.get('grep -c error').toFixed(0)} ms)`);
  console.log(`  ${'explain --file peak memory (max RSS)'.padEnd(w)} ${(med.rss.get('explain --file') / 1024).toFixed(0).padStart(8)} MB`);
  const r = spawnSync(process.execPath, [bin, 'explain', '--json', '--file', log], { env, encoding: 'utf8', maxBuffer: 64 << 20 });
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
