#!/usr/bin/env node
// Build step (after scripts/bundle.mjs): write the V8 code caches of the bundle files (<file>.jscache)
// that bin/tray-mcp.cjs uses. The built CLI runs a few commands as a user would, each run starting
// from the caches the previous one wrote and adding what it compiled, so the last caches hold the
// code of --help, explain, doctor and a doctor that probes an MCP server (a minimal one on
// 127.0.0.1, started here). A cache is only an optimisation: a missing or rejected one means the
// file is compiled as usual.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const bin = path.join(root, 'bin', 'tray-mcp.cjs');

const caches = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? caches(path.join(dir, e.name)) : e.name.endsWith('.jscache') ? [path.join(dir, e.name)] : [],
  );
for (const f of caches(dist)) rmSync(f);

// Just enough MCP over Streamable HTTP (JSON answers) for doctor's network checks to run through.
const server = createServer(async (req, res) => {
  if (req.method !== 'POST') return res.writeHead(405).end();
  let body = '';
  for await (const chunk of req) body += chunk;
  let msg;
  try {
    msg = JSON.parse(body);
  } catch {
    return res.writeHead(400).end();
  }
  if (msg.id === undefined) return res.writeHead(202).end();
  const result =
    msg.method === 'initialize'
      ? { protocolVersion: msg.params?.protocolVersion, capabilities: { tools: {} }, serverInfo: { name: 'code-cache', version: '0.0.0' } }
      : msg.method === 'tools/list'
        ? { tools: [{ name: 'lookup', description: 'Look a record up by its id.', inputSchema: { type: 'object', properties: {} } }] }
        : undefined;
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(result ? { jsonrpc: '2.0', id: msg.id, result } : { jsonrpc: '2.0', id: msg.id, error: { code: -32601, message: 'Method not found' } }));
});
server.listen(0, '127.0.0.1');
await once(server, 'listening');
const url = `http://127.0.0.1:${server.address().port}/mcp`;

const home = mkdtempSync(path.join(tmpdir(), 'tray-mcp-code-cache-'));
const log = path.join(home, 'mcp.log');
writeFileSync(log, '2025-06-03T07:23:52.664Z [error] [tray] spawn npx ENOENT\nError POSTing to endpoint (HTTP 401): invalid_token\n');
// Each main file has its cache (bin/tray-mcp.cjs): tray-mcp.cjs's from --help (setup, undo and
// everything else run it), tray-mcp-explain.cjs's from explain, tray-mcp-doctor.cjs's from doctor (list,
// remove and report run it too); the chunks' caches are shared.
const runs = [
  ['--help'],
  ['explain', '401'],
  ['explain', '--json', '--file', log],
  ['doctor', '--help'],
  ['doctor', '--offline', '--home', home],
  ['doctor', '--json', '--url', url, '--token', 'code-cache-token-0123456789', '--home', home],
];
// then each cache once more, only checked
const checks = [['--help'], ['explain', '401'], runs.at(-1)];
try {
  // Each run but the first starts from the caches the previous one wrote: V8 must accept them (the
  // last runs only check). A cache V8 refuses here would be refused at every start: fail the build.
  for (const [i, args] of [...runs, ...checks].entries()) {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: root,
      env: { ...process.env, TRAY_MCP_CODE_CACHE: i < runs.length ? 'write' : 'check', TRAY_MCP_HELP_CACHE: 'off', NO_COLOR: '1', CI: 'true', NODE_OPTIONS: '' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const [code] = await once(child, 'close');
    if (code !== 0 && code !== 1) throw new Error(`code cache: tray-mcp ${args.join(' ')} exited ${code}\n${stderr}`);
    if ((i < runs.length ? /code-cache: rejected/ : /code-cache: (rejected|missing)/).test(stderr)) throw new Error(`code cache: V8 refused a cache it wrote (tray-mcp ${args.join(' ')}):\n${stderr}`);
  }
} finally {
  server.close();
  rmSync(home, { recursive: true, force: true });
}
for (const f of caches(dist)) console.log(`code cache: ${path.relative(root, f)} (${(statSync(f).size / 1024).toFixed(0)} KiB)`);
