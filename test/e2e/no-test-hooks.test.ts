// The shipped build reads no test-only environment variable: nothing in bin/, dist/ or src/ names
// one (tests reach loopback through --url, setup's hidden --test-gateway-url, or injection).
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../helpers/cli.js';

function files(dir: string): string[] {
  const out: string[] = [];
  for (const n of readdirSync(dir)) {
    const p = path.join(dir, n);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else if (/\.(c?js|mjs|ts)$/.test(n)) out.push(p);
  }
  return out;
}

describe('no test hooks in the shipped build', () => {
  it('bin/, dist/ and src/ name no TRAY_MCP_TEST_* variable', () => {
    const all = ['bin', 'dist', 'src'].flatMap((d) => files(path.join(ROOT, d)));
    expect(all.length).toBeGreaterThan(20);
    const offenders = all.filter((f) => /TRAY_MCP_TEST/.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => path.relative(ROOT, f))).toEqual([]);
  });
});
