// node-version: the `node` and `npx` a client would spawn (found on the PATH, not this process's
// own Node) exist, answer `node --version`, and meet the bridge's requirement (mcp-remote).
import path from 'node:path';
// Only the two functions used: loading all of semver costs ~15 ms of doctor's start-up.
import satisfies from 'semver/functions/satisfies.js';
import clean from 'semver/functions/clean.js';
import type { Check, CheckContext, CheckOutput } from './types.js';
import type { NodeVersionData } from './data.js';
import { BRIDGE_NODE_RANGE, BRIDGE_PACKAGE } from '../lib/bridge.js';
import { displayPath, hostPlatformAsTarget } from '../lib/environment.js';
import { childEnv, envVar, pathDirs, runFile, which, type RunOutcome } from '../lib/which.js';

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

export function makeNodeVersionCheck(opts: NodeVersionOptions = {}): Check<NodeVersionData> {
  const guiPath = opts.darwinGuiPath ?? DARWIN_GUI_PATH;
  const timeoutMs = opts.timeoutMs ?? VERSION_TIMEOUT_MS;
  return {
    id: 'node-version',
    title: 'Node.js on the PATH',
    needs: [],
    timeoutMs: () => timeoutMs + 5_000,
    run: (ctx) => run(ctx, guiPath, timeoutMs),
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
  const outcome = await runFile(nodePath, ['--version'], { timeoutMs, env: childEnv(env.vars, host), signal: ctx.signal });
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

  if (!satisfies(version.version, BRIDGE_NODE_RANGE)) {
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
