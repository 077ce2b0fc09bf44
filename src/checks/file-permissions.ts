// file-permissions: every existing client config file can be read, its folder can be written (so
// setup can update it), and a file holding a Tray token is neither readable by other users (POSIX
// mode bits) nor committed to git (project-level files). Reads only: fs.access/stat and read-only git.
import { access, stat, constants } from 'node:fs/promises';
import path from 'node:path';
import type { Check, CheckContext, CheckOutput, Result } from './types.js';
import type { ConfigFileRef, ConfigFilesData, TrayServersData } from './data.js';
import { displayPath } from '../lib/environment.js';
import { gitStateOf } from '../lib/git.js';
import { remediesOf, worst, type Finding } from '../gateway/entry.js';
import { shq } from '../lib/shell.js';

type Out = Omit<Result, 'check'>;

export const octal = (mode: number) => `0${(mode & 0o777).toString(8).padStart(3, '0')}`;

const errCode = (e: unknown) => (e as NodeJS.ErrnoException)?.code ?? 'error';

async function inspectFile(refs: ConfigFileRef[], holdsToken: boolean, ctx: CheckContext): Promise<Out> {
  const ref = refs[0]!;
  const file = ref.path;
  const dir = path.dirname(file);
  const dirShown = displayPath(dir, ctx.env);
  const clients = [...new Set(refs.map((r) => r.client))];
  const findings: Finding[] = [];
  const notes: string[] = [];
  const details: Record<string, unknown> = { file: ref.display, clients, holdsToken };

  try {
    await access(file, constants.R_OK);
    notes.push('readable');
  } catch (e) {
    findings.push({
      status: 'fail',
      code: 'unreadable',
      text: `your account cannot read this file (${errCode(e)}), and neither can the client; check its owner with ls -l ${shq(ref.display)}`,
      remedy: 'config-file-unreadable',
    });
  }

  try {
    await access(dir, constants.W_OK);
    notes.push('folder writable');
  } catch (e) {
    findings.push({
      status: 'warn',
      code: 'dir-not-writable',
      text: `the folder ${dirShown} is not writable by your account (${errCode(e)}); setup cannot update this file`,
      remedy: 'config-dir-not-writable',
    });
  }

  if (holdsToken) {
    const posix = ctx.env.hostPlatform !== 'win32' && ctx.env.platform !== 'win32';
    if (!posix) {
      notes.push('file mode not checked (POSIX permissions do not apply on Windows)');
      details.modeChecked = false;
    } else {
      try {
        const mode = (await stat(file)).mode & 0o777;
        details.mode = octal(mode);
        if (mode & 0o044) {
          const who = mode & 0o004 ? (mode & 0o040 ? 'group and other users' : 'other users') : 'its group';
          const fix = `chmod 600 ${shq(ref.display)}`;
          details.fix = fix;
          findings.push({
            status: 'warn',
            code: 'mode-exposed',
            text: `holds an API token and is readable by ${who} (mode ${octal(mode)}); run ${fix}`,
            remedy: 'config-file-exposed',
          });
        } else {
          notes.push(`mode ${octal(mode)}`);
        }
      } catch (e) {
        notes.push(`mode unknown (${errCode(e)})`);
      }
    }

    if (refs.some((r) => r.scope === 'project')) {
      const g = await gitStateOf(file, { vars: ctx.env.vars, timeoutMs: 3000, signal: ctx.signal });
      details.git = g.state;
      switch (g.state) {
        case 'tracked':
          findings.push({
            status: 'fail',
            code: 'git-tracked',
            text: `holds an API token and is committed to the git repository at ${displayPath(g.root ?? dir, ctx.env)}; run git rm --cached ${shq(path.basename(file))}, add it to .gitignore, and revoke the token in Tray if it was ever pushed`,
            remedy: 'config-file-exposed',
          });
          break;
        case 'untracked':
          findings.push({
            status: 'warn',
            code: 'git-not-ignored',
            text: `holds an API token inside the git work tree at ${displayPath(g.root ?? dir, ctx.env)} and is not ignored: one "git add ." away from being committed; add it to .gitignore`,
            remedy: 'config-file-exposed',
          });
          break;
        case 'ignored':
          notes.push('ignored by git');
          break;
        case 'not-in-repo':
          notes.push('not in a git repository');
          break;
        case 'no-git':
          notes.push('git not found on the PATH, so whether it is committed was not checked');
          break;
        case 'unknown':
          notes.push(`git could not tell whether it is committed (${g.why})`);
          break;
      }
    }
  } else {
    notes.push('holds no token');
  }

  const status = worst(findings);
  const message = status === 'pass' ? notes.join(' · ') : [...findings.map((f) => f.text), ...notes.filter((n) => !/^(readable|folder writable)$/.test(n))].join('; ');
  if (findings.length) details.problems = findings.map((f) => f.code);
  return {
    subject: ref.display,
    client: clients.length === 1 ? clients[0]! : null,
    status: status === 'skip' ? 'pass' : status,
    message,
    details,
    remedies: status === 'pass' ? [] : remediesOf(findings),
  };
}

export async function runFilePermissions(ctx: CheckContext): Promise<CheckOutput> {
  const files = await ctx.need<ConfigFilesData>('config-files');
  const servers = await ctx.need<TrayServersData>('tray-servers');
  const only = ctx.options.clients;
  const refs = (files.data?.refs ?? []).filter(
    (r) => (r.kind === 'file' || r.kind === 'unreadable') && (r.explicit || only.length === 0 || only.includes(r.client)),
  );
  const byPath = new Map<string, ConfigFileRef[]>();
  for (const r of refs) byPath.set(r.path, [...(byPath.get(r.path) ?? []), r]);
  const tokenFiles = new Set((servers.data?.entries ?? []).filter((e) => e.tokenInFile).map((e) => e.ref.path));

  if (byPath.size === 0) {
    return { results: [{ subject: 'all clients', client: null, status: 'skip', message: 'no client config file exists, so there is nothing to check', remedies: [] }] };
  }
  const results = await Promise.all([...byPath.values()].map((group) => inspectFile(group, tokenFiles.has(group[0]!.path), ctx)));
  return { results };
}

const check: Check<unknown, 'file-permissions'> = {
  id: 'file-permissions',
  title: 'File permissions',
  needs: ['config-files', 'tray-servers'],
  timeoutMs: () => 20_000,
  run: runFilePermissions,
};
export default check;
