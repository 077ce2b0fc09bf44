// Temp homes laid out like a customer's machine, for --home/--platform.
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { CLIENTS } from '../../src/clients/catalog.js';

/** A planted token: tests assert it never appears in any output. */
export const CANARY = 'CANARY-tok-9f8e7d6c5b4a-SECRET-zz42';
export const CANARY_TAIL = CANARY.slice(-4);
export const WORKSPACE = '12345678-abcd-1234-ef56-0123456789ab';

export interface TempHome {
  dir: string;
  /** write a file under the home (creating folders); returns its absolute path */
  write(rel: string, content: string | Buffer, mode?: number): string;
  mkdir(rel: string): string;
  path(rel: string): string;
  cleanup(): void;
}

export function tempHome(prefix = 'tray-mcp-home-'): TempHome {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return {
    dir,
    write(rel, content, mode) {
      const p = path.join(dir, rel);
      mkdirSync(path.dirname(p), { recursive: true });
      writeFileSync(p, content);
      if (mode !== undefined) chmodSync(p, mode);
      return p;
    },
    mkdir(rel) {
      const p = path.join(dir, rel);
      mkdirSync(p, { recursive: true });
      return p;
    },
    path: (rel) => path.join(dir, rel),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Assert helper: the canary (or any long slice of it) is nowhere in text. */
export function leaksCanary(text: string): boolean {
  return text.includes(CANARY) || text.includes(CANARY.slice(0, 16)) || text.includes(CANARY.slice(4, 24));
}

/**
 * Scratch folders removed together: `const tmp = scratch(); afterAll(tmp.cleanup);` then
 * `tmp.dir('prefix-')` wherever a test needs a fresh empty folder.
 */
export function scratch(): { dir(prefix: string): string; also(cleanup: () => void): void; cleanup(): void } {
  const cleanups: (() => void)[] = [];
  return {
    dir(prefix) {
      const d = mkdtempSync(path.join(tmpdir(), prefix));
      cleanups.push(() => rmSync(d, { recursive: true, force: true }));
      return d;
    },
    /** run this too at cleanup (e.g. a TempHome's) */
    also: (fn) => void cleanups.push(fn),
    cleanup: () => cleanups.splice(0).forEach((c) => c()),
  };
}

/**
 * A config document as its client's file holds it: TOML for Codex, YAML for Continue and Goose, JSON
 * (two-space) for the rest. `doc` is the parsed document (see serverDocument() for a client's shape).
 */
export function configText(client: string, doc: Record<string, unknown>): string {
  const format = (CLIENTS as Record<string, { format: string }>)[client]?.format;
  if (format === 'toml') {
    const toml = createRequire(import.meta.url)('@decimalturn/toml-patch') as { stringify(d: unknown): string };
    return toml.stringify(doc);
  }
  if (format === 'yaml') {
    const yaml = createRequire(import.meta.url)('yaml') as { stringify(d: unknown, o: object): string };
    return yaml.stringify(doc, { lineWidth: 0 });
  }
  return JSON.stringify(doc, null, 2);
}

/**
 * A local (command) server entry in the client's own shape: { command, args, env } for most;
 * Goose's { type: stdio, cmd, args, envs, name, enabled }; OpenCode's { type: local, command: [..], environment }.
 */
export function localEntry(client: string, name = 'local'): Record<string, unknown> {
  const spec = (CLIENTS as Record<string, import('../../src/clients/types.js').ClientSpec>)[client]!;
  const c = spec.command;
  const entry: Record<string, unknown> = {
    ...(c.type ? { type: c.type } : {}),
    [c.commandKey]: c.argv ? ['node', 'server.js'] : 'node',
    ...(c.argsKey ? { [c.argsKey]: ['server.js'] } : {}),
    [c.envKey]: { A: 'b' },
  };
  for (const k of spec.requiredKeys ?? []) if (entry[k] === undefined) entry[k] = k === 'enabled' ? true : k === 'name' ? name : k === 'type' ? c.type : 'x';
  return entry;
}
