#!/usr/bin/env node
// Build step (last, after scripts/code-cache.mjs): the help texts, as yargs lays them out, for
// bin/tray-mcp.cjs to print without loading the CLI. `tray-mcp --help` and `tray-mcp <command>
// --help` (or -h) are then as quick as --version (issue 14: --help <= 1.5x a bare node).
//
// dist/help.json = { build, widths, texts: { "<command>@<width>": text } }, where <command> is ""
// for the top level. The built CLI itself writes every text (TRAY_MCP_HELP_CACHE=off makes the
// launcher ask yargs), so a cached text is byte for byte what yargs prints at that width; `build` is
// the bundle's id (its first line), and the launcher uses the file only for that build. Help is laid
// out for the terminal's width (capped at 120; 80 when piped): the cache holds the widths most
// people have, 80 and 120 (any wider terminal); any other width is laid out by yargs as before.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'tray-mcp.cjs');
const main = path.join(root, 'dist', 'tray-mcp.cjs');
const out = path.join(root, 'dist', 'help.json');

export const HELP_WIDTHS = [80, 120];
const run = promisify(execFile);

const build = /^\/\/ tray-mcp build (\w+)\n/.exec(readFileSync(main, 'latin1').slice(0, 64))?.[1];
if (!build) throw new Error('help cache: dist/tray-mcp.cjs has no build line (run scripts/bundle.mjs first)');
const { COMMANDS } = createRequire(import.meta.url)(main);
if (!Array.isArray(COMMANDS) || COMMANDS.length === 0) throw new Error('help cache: the bundle exports no COMMANDS');

const env = { ...process.env, TRAY_MCP_HELP_CACHE: 'off', NODE_OPTIONS: '' };
for (const k of ['NO_COLOR', 'FORCE_COLOR', 'TRAY_MCP_API_TOKEN', 'TRAY_MCP_CODE_CACHE']) delete env[k];
// Each text from its own run of the CLI, two at a time (a run is mostly start-up on one core).
const jobs = ['', ...COMMANDS].flatMap((command) => HELP_WIDTHS.map((width) => ({ command, width })));
const texts = {};
async function worker() {
  for (let job = jobs.shift(); job; job = jobs.shift()) {
    const { command, width } = job;
    const args = [bin, ...(command ? [command] : []), '--help'];
    const { stdout, stderr } = await run(process.execPath, args, { cwd: root, env: { ...env, COLUMNS: String(width) } }).catch((e) => {
      throw new Error(`help cache: tray-mcp ${command} --help (COLUMNS=${width}) failed: ${e.message}`);
    });
    // stderr is not looked at: Node itself may warn there (NODE_EXTRA_CA_CERTS naming a missing file,
    // NODE_DEBUG), and yargs writes help to stdout.
    if (!stdout.trim()) throw new Error(`help cache: tray-mcp ${command} --help (COLUMNS=${width}) printed no help: ${stderr}`);
    texts[`${command}@${width}`] = stdout;
  }
}
await Promise.all([worker(), worker()]);
const sorted = Object.fromEntries(Object.keys(texts).sort().map((k) => [k, texts[k]]));
writeFileSync(out, JSON.stringify({ build, widths: HELP_WIDTHS, texts: sorted }));
console.log(`help cache: ${path.relative(root, out)} (${Object.keys(texts).length} texts)`);
