// node-version: the `node` and `npx` a client would spawn (found on the PATH, not this process's
// own Node) exist, answer `node --version`, and meet the bridge's requirement (mcp-remote).
import { realpath } from 'node:fs/promises';
import path from 'node:path';
// Only the functions used: loading all of semver costs ~15 ms of doctor's start-up.
import gte from 'semver/functions/gte.js';
import prerelease from 'semver/functions/prerelease.js';
import clean from 'semver/functions/clean.js';
import type { Check, CheckContext, CheckOutput } from './types.js';
import type { NodeVersionData, TrayServerEntry, TrayServersData } from './data.js';
import { CLIENTS, isPlainObject } from '../clients/catalog.js';
import { resolveTemplate, type Environment } from '../lib/environment.js';
import { BRIDGE_MIN_NODE, BRIDGE_NODE_RANGE, BRIDGE_PACKAGE } from '../lib/bridge.js';
import { displayPath, hostPlatformAsTarget } from '../lib/environment.js';
import { childEnv, envVar, pathDirs, runFile, which, type RunOutcome } from '../lib/which.js';

/**
 * `satisfies(version, BRIDGE_NODE_RANGE)` for its plain minimum, without semver's range parser (it
 * compiles a dozen regular expressions on first use, ~10 ms of doctor's start-up): at least the
 * minimum, and not a prerelease (satisfies leaves those out). A unit test compares the two.
 */
export function meetsBridgeNode(version: string): boolean {
  try {
    return prerelease(version) === null && gte(version, BRIDGE_MIN_NODE);
  } catch {
    return false; // not a version (satisfies says false too)
  }
}

/** How long `node --version` may take before we call that node broken. */
export const VERSION_TIMEOUT_MS = 5_000;

/**
 * The PATH a macOS app opened from the Dock or Finder gets from launchd: not the shell's.
 * (modelcontextprotocol/servers#64, #436: "spawn npx ENOENT" with nvm; see docs/checks.md.)
 */
export const DARWIN_GUI_PATH: readonly string[] = ['/usr/bin', '/bin', '/usr/sbin', '/sbin'];

/** Per-user Node version managers whose bin dirs only a login shell puts on the PATH. */
const VERSION_MANAGERS: readonly { name: string; re: RegExp }[] = [
  { name: 'nvm', re: /[\\/]\.nvm[\\/]/ },
  { name: 'Volta', re: /[\\/]\.volta[\\/]/ },
  { name: 'fnm', re: /[\\/](\.fnm|fnm_multishells|\.local[\\/]share[\\/]fnm|\.local[\\/]state[\\/]fnm_multishells|Library[\\/]Application Support[\\/]fnm)[\\/]/ },
  { name: 'asdf', re: /[\\/]\.asdf[\\/]/ },
  { name: 'mise', re: /[\\/](\.local[\\/]share[\\/]mise|\.mise)[\\/]/ },
  { name: 'nodenv', re: /[\\/]\.nodenv[\\/]/ },
  { name: 'nodebrew', re: /[\\/]\.nodebrew[\\/]/ },
];

/** The version manager a path belongs to, or null. */
export function versionManagerOf(file: string): string | null {
  return VERSION_MANAGERS.find((m) => m.re.test(file))?.name ?? null;
}

export interface NodeVersionOptions {
  /** the PATH GUI apps get on macOS (injectable for tests) */
  darwinGuiPath?: readonly string[];
  timeoutMs?: number;
}

type Output = CheckOutput<NodeVersionData>;

export function makeNodeVersionCheck(opts: NodeVersionOptions = {}): Check<NodeVersionData, 'node-version'> {
  const guiPath = opts.darwinGuiPath ?? DARWIN_GUI_PATH;
  const timeoutMs = opts.timeoutMs ?? VERSION_TIMEOUT_MS;
  return {
    id: 'node-version',
    title: 'Node.js on the PATH',
    needs: [],
    // the per-client rows use tray-servers' entries when they are there; the system row never waits on them failing
    wants: ['tray-servers'],
    timeoutMs: () => 2 * timeoutMs + 5_000,
    run: async (ctx) => {
      const system = await run(ctx, guiPath, timeoutMs);
      if (system.results[0]?.details?.reason === 'platform-mismatch') return system;
      const servers = await ctx.need<TrayServersData>('tray-servers');
      const perClient = servers.failed ? [] : await clientNodes(ctx, servers.data?.entries ?? [], timeoutMs);
      return { data: system.data, results: [...system.results, ...perClient] };
    },
  };
}

async function run(ctx: CheckContext, guiPath: readonly string[], timeoutMs: number): Promise<Output> {
  const { env } = ctx;
  const host = env.hostPlatform;
  const none: NodeVersionData = { node: null, npx: null };
  if (env.platform !== hostPlatformAsTarget(host)) {
    return {
      data: none,
      results: [{
        subject: 'system',
        status: 'skip',
        message: `not checked: --platform ${env.platform} is not this machine (${hostPlatformAsTarget(host)}), so the Node.js that the customer's clients start cannot be examined from here. Run doctor on that machine to check it.`,
        details: { reason: 'platform-mismatch', platform: env.platform, host: hostPlatformAsTarget(host) },
        remedies: [],
      }],
    };
  }

  const pathValue = envVar(env.vars, 'PATH', host);
  const lookup = { pathValue, platform: host, pathExt: envVar(env.vars, 'PATHEXT', host) };
  const [nodePath, npxPath] = await Promise.all([which('node', lookup), which('npx', lookup)]);
  const searched = pathDirs(pathValue, host);
  const shown = (p: string) => displayPath(p, env);

  if (!nodePath) {
    return {
      data: { node: null, npx: npxPath ? { path: npxPath } : null },
      results: [{
        subject: 'system',
        status: 'fail',
        message: `No \`node\` found on the PATH (${searched.length} folder${searched.length === 1 ? '' : 's'} searched). Clients start the Tray bridge with \`npx ${BRIDGE_PACKAGE}\`, which fails with "spawn npx ENOENT" without Node.js. Install the Node.js LTS (${BRIDGE_NODE_RANGE}) from nodejs.org, then restart the client.`,
        details: { searched, required: BRIDGE_NODE_RANGE },
        remedies: ['node-missing'],
      }],
    };
  }

  const base = { nodePath, npxPath, required: BRIDGE_NODE_RANGE };
  const windowsScript = host === 'win32' && /\.(cmd|bat)$/i.test(nodePath);
  if (windowsScript) {
    // A .cmd/.bat "node" (a shim) cannot be run without a shell; we do not run a shell.
    return {
      data: { node: { path: nodePath, version: null }, npx: npxPath ? { path: npxPath } : null },
      results: [{
        subject: 'system',
        status: 'warn',
        message: `\`node\` on the PATH is a script (${shown(nodePath)}), not node.exe; its version was not checked. Make sure \`node --version\` prints ${BRIDGE_NODE_RANGE} in a new terminal.`,
        details: { ...base, version: null },
        remedies: ['node-missing'],
      }],
    };
  }

  // A minimal environment: `node --version` needs no token (and must not see one).
  const outcome = await nodeVersionOf(nodePath, { timeoutMs, env: childEnv(env.vars, host), signal: ctx.signal });
  const version = versionFrom(outcome);
  const data: NodeVersionData = { node: { path: nodePath, version: version.ok ? version.version : null }, npx: npxPath ? { path: npxPath } : null };
  if (!version.ok) {
    return {
      data,
      results: [{
        subject: 'system',
        status: 'fail',
        message: `The \`node\` on the PATH (${shown(nodePath)}) does not work: ${version.why}. Reinstall the Node.js LTS from nodejs.org (or fix the PATH so a working node comes first), then restart the client.`,
        details: { ...base, version: null, ...version.details },
        remedies: ['node-missing'],
      }],
    };
  }

  if (!meetsBridgeNode(version.version)) {
    return {
      data,
      results: [{
        subject: 'system',
        status: 'fail',
        message: `Node.js v${version.version} (${shown(nodePath)}) is too old: ${BRIDGE_PACKAGE}, the bridge clients start, needs ${BRIDGE_NODE_RANGE} and fails with errors like "File is not defined" or "TransformStream is not defined". Install the Node.js LTS from nodejs.org, then restart the client.`,
        details: { ...base, version: version.version },
        remedies: ['node-too-old'],
      }],
    };
  }

  if (!npxPath) {
    return {
      data,
      results: [{
        subject: 'system',
        status: 'fail',
        message: `Node.js v${version.version} is at ${shown(nodePath)}, but there is no \`npx\` on the PATH: clients start the bridge with \`npx ${BRIDGE_PACKAGE}\` and fail with "spawn npx ENOENT". Reinstall Node.js from nodejs.org (it ships npm and npx), then restart the client.`,
        details: { ...base, version: version.version },
        remedies: ['node-missing'],
      }],
    };
  }

  if (host === 'darwin') {
    const manager = versionManagerOf(npxPath) ?? versionManagerOf(nodePath);
    const guiNpx = manager ? await which('npx', { pathValue: guiPath.join(':'), platform: 'darwin' }) : 'n/a';
    if (manager && !guiNpx) {
      return {
        data,
        results: [{
          subject: 'system',
          status: 'warn',
          message: `Node.js v${version.version} comes from ${manager} (${shown(path.dirname(npxPath))}), which only your shell puts on the PATH. Claude Desktop and other apps opened from the Dock or Finder get ${guiPath.join(':')} instead and fail with "spawn npx ENOENT". Install Node.js from nodejs.org, or put the full path ${shown(npxPath)} as "command" in the client's config, then restart the client.`,
          details: { ...base, version: version.version, versionManager: manager, guiPath: [...guiPath] },
          remedies: ['node-missing'],
        }],
      };
    }
  }

  return {
    data,
    results: [{
      subject: 'system',
      status: 'pass',
      message: `Node.js v${version.version} at ${shown(nodePath)}, npx at ${shown(npxPath)}: meets ${BRIDGE_PACKAGE}'s ${BRIDGE_NODE_RANGE}`,
      details: { ...base, version: version.version },
      remedies: [],
    }],
  };
}

/**
 * `node --version` of `file`: when `file` is the very executable running tray-mcp (the same file once
 * links are resolved, the usual case for a user whose client and shell use one Node), the answer is
 * this process's own version, without starting a second Node (~10-20 ms of doctor's time). Anything
 * else (a shim, a wrapper script, another install, an unresolvable path) is run as before.
 */
async function nodeVersionOf(file: string, o: Parameters<typeof runFile>[2]): Promise<RunOutcome> {
  const [a, b] = await Promise.all([realpath(file).catch(() => null), realpath(process.execPath).catch(() => null)]);
  if (a !== null && a === b) return { kind: 'exited', code: 0, signal: null, stdout: `${process.version}\n`, stderr: '' };
  return runFile(file, ['--version'], o);
}

type VersionResult = { ok: true; version: string } | { ok: false; why: string; details: Record<string, unknown> };

function versionFrom(o: RunOutcome): VersionResult {
  switch (o.kind) {
    case 'timeout':
      return { ok: false, why: `\`node --version\` did not answer within ${Math.round(o.timeoutMs / 1000)} s`, details: { timedOut: true } };
    case 'spawn-error':
      return { ok: false, why: `it could not be started (${o.code})`, details: { spawnError: o.code } };
    case 'exited': {
      if (o.code !== 0) {
        const first = firstLine(o.stderr) || firstLine(o.stdout);
        const how = o.signal ? `was killed by ${o.signal}` : `exited with code ${o.code}`;
        return { ok: false, why: `\`node --version\` ${how}${first ? ` ("${first}")` : ''}`, details: { exitCode: o.code, signal: o.signal } };
      }
      const line = firstLine(o.stdout);
      const v = parseNodeVersion(line);
      if (!v) return { ok: false, why: `\`node --version\` printed ${line ? `"${line}"` : 'nothing'} instead of a version`, details: { output: line } };
      return { ok: true, version: v };
    }
  }
}

/** "v22.1.0" → "22.1.0"; anything that is not one version → null. */
export function parseNodeVersion(text: string): string | null {
  return clean(text.trim());
}

function firstLine(s: string): string {
  const line = s.split(/\r?\n/).find((l) => l.trim()) ?? '';
  const t = line.trim();
  return t.length > 160 ? t.slice(0, 157) + '…' : t;
}

export default makeNodeVersionCheck();

// ── the node each client really runs ───────────────────────────────────────────────────────────

type Row = CheckOutput['results'][number];

/**
 * For each client with a Tray bridge entry (a command: npx mcp-remote), the PATH that client gives
 * the command — the entry's own env.PATH, else the client's modelled PATH (spawnPath in its file:
 * Claude Desktop on macOS lists every ~/.nvm/versions/node/*\/bin first, in lexical order), else
 * the shell's — and the npx and node found on it. npx's `#!/usr/bin/env node` finds node through
 * that same PATH, which is why a full path to npx does not help.
 */
async function clientNodes(ctx: CheckContext, entries: readonly TrayServerEntry[], timeoutMs: number): Promise<Row[]> {
  const { env } = ctx;
  const host = env.hostPlatform;
  const rows: Row[] = [];
  const seen = new Set<string>();
  for (const e of entries) {
    // only entries of the user's own files: a project file (a cloned repository's .mcp.json) must not
    // make doctor run a program from a folder it names in env.PATH
    if (e.form !== 'command' || e.ref.stale || e.loaded === false || (e.scope ?? e.ref.scope) === 'project') continue;
    const spec = CLIENTS[e.client];
    const raw = readEntryEnvPath(e);
    const logged = raw === undefined ? await loggedPath(env, e) : undefined;
    const modelled = spec.spawnPath?.[env.platform];
    const dirs = raw !== undefined ? pathDirs(raw, host) : logged ? logged.dirs : modelled ? await expandPath(modelled, env) : pathDirs(envVar(env.vars, 'PATH', host), host);
    const how = raw !== undefined ? 'the entry\'s env.PATH' : logged ? `the PATH ${spec.name} last started it with (${displayPath(logged.file, env)})` : modelled ? `the PATH ${spec.name} gives its servers` : 'your shell\'s PATH';
    const key = `${e.client}\n${dirs.join('\n')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const subject = `${e.client} › node`;
    // only absolute folders: a relative PATH entry would run whatever the current folder holds
    const safe = dirs.filter((d) => path.isAbsolute(d));
    const lookup = { pathValue: safe.join(host === 'win32' ? ';' : ':'), platform: host, pathExt: envVar(env.vars, 'PATHEXT', host) };
    const [npx, node] = await Promise.all([which('npx', lookup), which('node', lookup)]);
    let fix: { text: string; good?: string };
    const details = { client: e.client, server: e.name, pathFrom: raw !== undefined ? 'entry' : logged ? 'client-log' : modelled ? 'client' : 'shell', path: safe.slice(0, 12), npx, node };
    if (!npx || !node) {
      rows.push({
        subject,
        client: e.client,
        status: 'fail',
        message: `${spec.name} starts "${e.name}" with npx, but ${how} has no ${!npx ? 'npx' : 'node'}: it fails with "spawn npx ENOENT". ${(fix = await fixFor(ctx, e, timeoutMs)).text}`,
        details: { ...details, ...(fix.good ? { goodNode: fix.good } : {}) },
        remedies: ['node-missing'],
      });
      continue;
    }
    const outcome = await nodeVersionOf(node, { timeoutMs, env: minimalEnv(env.vars, host), signal: ctx.signal });
    const v = versionFrom(outcome);
    if (!v.ok || !meetsBridgeNode(v.version)) {
      const what = v.ok ? `Node.js v${v.version}, too old for ${BRIDGE_PACKAGE} (${BRIDGE_NODE_RANGE})` : `a node that does not work (${v.why})`;
      rows.push({
        subject,
        client: e.client,
        status: 'fail',
        message: `${spec.name} runs "${e.name}" with ${displayPath(npx, env)}, and npx runs ${what}: the first node on ${how} (${displayPath(node, env)}). ${(fix = await fixFor(ctx, e, timeoutMs)).text}`,
        details: { ...details, version: v.ok ? v.version : null, ...(fix.good ? { goodNode: fix.good } : {}) },
        remedies: [v.ok ? 'node-too-old' : 'node-missing'],
      });
      continue;
    }
    rows.push({
      subject,
      client: e.client,
      status: 'pass',
      message: `${spec.name} runs "${e.name}" with Node.js v${v.version} (${displayPath(node, env)}, first on ${how})`,
      details: { ...details, version: v.version },
      remedies: [],
    });
  }
  return rows;
}

/**
 * The PATH the client logged when it last started this server (Claude Desktop's mcp-server-NAME.log
 * "Using MCP server command: … paths: [ … ]"): the newest such line in the newest log of that server.
 */
async function loggedPath(env: Environment, e: TrayServerEntry): Promise<{ dirs: string[]; file: string } | undefined> {
  const logs = CLIENTS[e.client].logs;
  const re = logs?.spawnPathLine;
  if (!logs || !re) return undefined;
  const { findLogFiles, readTail } = await import('../clients/logs.js');
  const files = await findLogFiles(env, { maxAgeMs: 30 * 86_400_000, maxFilesPerSource: 20, sources: [{ id: e.client, client: e.client, name: CLIENTS[e.client].name, dirs: logs.dirs, patterns: logs.patterns, ...(logs.serverOf ? { serverOf: logs.serverOf } : {}) }] });
  for (const f of files.filter((x) => x.server === e.name)) {
    const { text } = await readTail(f.path, 256 * 1024).catch(() => ({ text: '' }));
    let last: string | undefined;
    for (const m of text.matchAll(new RegExp(re.source, 'g'))) last = m.groups?.paths;
    if (last === undefined) continue;
    const dirs = [...last.matchAll(/'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"/g)].map((m) => (m[1] ?? m[2] ?? '').replace(/\\\\/g, '\\'));
    if (dirs.length) return { dirs, file: f.path };
  }
  return undefined;
}

/** env.PATH of a command entry, when it sets one. */
function readEntryEnvPath(e: TrayServerEntry): string | undefined {
  const raw = e.raw;
  const envBlock = raw && isPlainObject(raw.env) ? raw.env : undefined;
  const p = envBlock?.PATH ?? envBlock?.Path;
  return typeof p === 'string' ? p : undefined;
}

/** A modelled PATH: templates resolved, `*` segments expanded in lexical order. */
async function expandPath(templates: readonly string[], env: Environment): Promise<string[]> {
  const out: string[] = [];
  for (const t of templates) {
    const p = resolveTemplate(t, env);
    if (!p.includes('*')) {
      out.push(p);
      continue;
    }
    const star = p.indexOf('*');
    const root = p.slice(0, p.lastIndexOf(path.sep, star) + 1) || '/';
    const { glob } = await import('tinyglobby');
    const found = await glob(p.slice(root.length).split(path.sep).join('/'), { cwd: root, onlyDirectories: true, absolute: true, expandDirectories: false });
    out.push(...found.map((f) => path.normalize(f).replace(/[\\/]$/, '')).sort());
  }
  return out;
}

/** The fix that works: a folder with a good node first in the entry's env.PATH (found among the user's installs when there is one). */
const SYSTEM_DIRS = { win32: ['%SystemRoot%\\System32'], posix: ['/usr/local/bin', '/usr/bin', '/bin'] } as const;

/**
 * The env.PATH value that puts the node in `good` first for an entry (what `doctor --fix` writes):
 * clients do not expand %SystemRoot% in an entry's env, so Windows gets the folder itself.
 */
export function entryPathWith(good: string, host: NodeJS.Platform, vars: Readonly<Record<string, string | undefined>> = {}): string {
  const dirs = host === 'win32' ? [`${vars.SystemRoot ?? vars.SYSTEMROOT ?? 'C:\\Windows'}\\System32`] : SYSTEM_DIRS.posix;
  return [good, ...dirs.filter((d) => d !== good)].join(host === 'win32' ? ';' : ':');
}

/** The fix in words, and the folder of a node that meets the bridge's needs when one was found. */
async function fixFor(ctx: CheckContext, e: TrayServerEntry, timeoutMs: number): Promise<{ text: string; good?: string }> {
  const { env } = ctx;
  const host = env.hostPlatform;
  const candidates = [
    ...pathDirs(envVar(env.vars, 'PATH', host), host),
    ...(await expandPath(['~/.nvm/versions/node/*/bin', '~/.volta/bin', '/opt/homebrew/bin', '/usr/local/bin'], env)).reverse(),
  ].filter((d) => path.isAbsolute(d));
  let good: string | undefined;
  for (const dir of [...new Set(candidates)]) {
    const node = await which('node', { pathValue: dir, platform: host, pathExt: envVar(env.vars, 'PATHEXT', host) });
    if (!node) continue;
    const v = versionFrom(await nodeVersionOf(node, { timeoutMs, env: minimalEnv(env.vars, host), signal: ctx.signal }));
    if (v.ok && meetsBridgeNode(v.version)) {
      good = dir;
      break;
    }
  }
  const sep = host === 'win32' ? ';' : ':';
  const restDirs = SYSTEM_DIRS[host === 'win32' ? 'win32' : 'posix'];
  const rest = restDirs.join(sep);
  const withGood = good ? [good, ...restDirs.filter((d) => d !== good)].map((d, i) => (i === 0 ? displayPath(d, env) : d)).join(sep) : '';
  return { text: fixWords(e, good, withGood, sep, rest), ...(good ? { good } : {}) };
}

function fixWords(e: TrayServerEntry, good: string | undefined, withGood: string, sep: string, rest: string): string {
  return good
    ? `Put a working Node first for this entry: add "PATH": "${withGood}" to its "env" in ${e.ref.display}${e.line ? `:${e.line}` : ''}, then restart ${CLIENTS[e.client].name}.`
    : `Install the Node.js LTS (${BRIDGE_NODE_RANGE}) from nodejs.org, or add "PATH": "<folder of a node ${BRIDGE_NODE_RANGE}>${sep}${rest}" to the entry's "env", then restart ${CLIENTS[e.client].name}.`;
}

/** What `node --version` needs, and nothing else (never a token). */
function minimalEnv(vars: Readonly<Record<string, string | undefined>>, host: NodeJS.Platform): Record<string, string> {
  const keep = host === 'win32' ? ['SystemRoot', 'SYSTEMROOT', 'WINDIR', 'TEMP', 'TMP'] : ['HOME', 'TMPDIR', 'LANG'];
  return Object.fromEntries(keep.flatMap((k) => (vars[k] !== undefined ? [[k, vars[k]!]] : [])));
}
