// Versions of the clients installed here, best effort and bounded: the CLIs on the PATH answer
// `--version`; Claude Desktop's version is in its app bundle (macOS) or its app folder name (Windows).
// Nothing is installed, updated or started beyond `<cli> --version`.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { ClientId } from '../clients/catalog.js';
import type { Environment } from '../lib/environment.js';
import { envVar, runFile, which } from '../lib/which.js';

export const VERSION_TIMEOUT_MS = 3000;

/** The first line of `<file> --version`, or null (missing, failed, too slow). */
export async function commandVersion(file: string, env: Environment): Promise<string | null> {
  const o = await runFile(file, ['--version'], { timeoutMs: VERSION_TIMEOUT_MS, env: { ...env.vars }, maxBytes: 4096 });
  if (o.kind !== 'exited' || o.code !== 0) return null;
  const line = o.stdout.split(/\r?\n/).find((l) => l.trim())?.trim() ?? '';
  return line ? line.slice(0, 120) : null;
}

const CLIS: [ClientId, string][] = [
  ['claude-code', 'claude'],
  ['cursor', 'cursor'],
  ['windsurf', 'windsurf'],
  ['vscode', 'code'],
];

async function claudeDesktop(env: Environment): Promise<string | null> {
  try {
    if (env.hostPlatform === 'darwin') {
      for (const app of ['/Applications/Claude.app', path.join(env.home, 'Applications', 'Claude.app')]) {
        const plist = await readFile(path.join(app, 'Contents', 'Info.plist'), 'utf8').catch(() => null);
        const m = plist && /<key>CFBundleShortVersionString<\/key>\s*<string>([^<]{1,40})<\/string>/.exec(plist);
        if (m) return m[1]!;
      }
    }
    if (env.hostPlatform === 'win32') {
      const dirs = await readdir(path.join(env.localAppData, 'AnthropicClaude')).catch(() => [] as string[]);
      const versions = dirs.map((d) => /^app-(\d+(?:\.\d+)+)$/.exec(d)?.[1]).filter((v): v is string => Boolean(v));
      return versions.sort((a, b) => a.localeCompare(b, undefined, { numeric: true })).pop() ?? null;
    }
  } catch {
    /* not installed, or not readable */
  }
  return null;
}

/** Each client's version where it can be told (null: not found). */
export async function clientVersions(env: Environment): Promise<Partial<Record<ClientId, string | null>>> {
  const lookup = { pathValue: envVar(env.vars, 'PATH', env.hostPlatform), platform: env.hostPlatform, pathExt: envVar(env.vars, 'PATHEXT', env.hostPlatform) };
  const entries = await Promise.all([
    claudeDesktop(env).then((v) => ['claude', v] as const),
    ...CLIS.map(async ([client, cli]) => {
      const file = await which(cli, lookup);
      // .cmd shims on Windows need a shell, which we do not start
      if (!file || /\.(cmd|bat)$/i.test(file)) return [client, null] as const;
      return [client, await commandVersion(file, env)] as const;
    }),
  ]);
  return Object.fromEntries(entries);
}
