// The MCP conformance suite's client scenarios that apply to a probe, driving
// `tray-mcp doctor --url <server>`: the harness starts its reference server, runs our command with
// the server URL appended, and judges what the client did.
// Only `initialize` applies: `tools_call`, `sse-retry` and the elicitation scenario need the client
// to call a tool (doctor never calls tools: they can have side effects in a customer's workspace),
// and the `auth/*` scenarios need an OAuth client (doctor sends a static API token).
import { describe, it, expect } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, BIN, cleanEnv } from '../helpers/cli.js';

const CONFORMANCE = path.join(ROOT, 'node_modules', '@modelcontextprotocol', 'conformance', 'dist', 'index.js');
const REGISTER = path.join(ROOT, 'test', 'fixtures', 'conformance', 'register.mjs');

function conformance(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', REGISTER, CONFORMANCE, ...args], { cwd: ROOT, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

describe('MCP conformance (client scenarios)', () => {
  it('initialize: doctor --url performs a conforming MCP initialization', async () => {
    const outDir = mkdtempSync(path.join(tmpdir(), 'tray-mcp-conformance-'));
    const home = mkdtempSync(path.join(tmpdir(), 'tray-mcp-conformance-home-'));
    try {
      // The harness splits the command on spaces and appends the server URL (so it follows --url).
      const command = [process.execPath, BIN, 'doctor', '--json', '--only', 'mcp-handshake', '--home', home, '--url'].join(' ');
      const r = await conformance(['client', '--scenario', 'initialize', '--command', command, '-o', outDir]);
      expect(r.out).toContain('OVERALL: PASSED');
      expect(r.code).toBe(0);
      const [run] = readdirSync(outDir);
      const checks = JSON.parse(readFileSync(path.join(outDir, run!, 'checks.json'), 'utf8')) as { id: string; status: string; details?: any }[];
      const init = checks.find((c) => c.id === 'mcp-client-initialization');
      expect(init).toMatchObject({ status: 'SUCCESS', details: { clientName: 'tray-mcp-doctor', versionMatch: true } });
      const report = JSON.parse(readFileSync(path.join(outDir, run!, 'stdout.txt'), 'utf8'));
      expect(report.results[0]).toMatchObject({ check: 'mcp-handshake', status: 'pass', details: { transport: 'streamable-http' } });
    } finally {
      rmSync(outDir, { recursive: true, force: true });
      rmSync(home, { recursive: true, force: true });
    }
  });
});
