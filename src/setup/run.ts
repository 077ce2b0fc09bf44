// setup: the documented setup utility. Interactive on a terminal when -w/-t are missing (asks for
// what is missing, hides the token, asks before overwriting), CLI mode when both are given
// (overwrites without asking). Writes where the client reads, safely (src/setup/atomic.ts).
import { statSync } from 'node:fs';
import { readExistingConfig } from './existing.js';
import path from 'node:path';
import { CLIENTS, CLIENT_IDS, restartHint as clientRestartHint, setupLocation, type ClientId } from '../clients/catalog.js';
import { gatewayUrl, makeEntry } from '../gateway/index.js';
import { environmentFromArgs, makeEnvironment, type Environment, type Platform } from '../lib/environment.js';
import { EXIT, ProblemError, UsageError } from '../lib/exit.js';
import { registerSecret } from '../lib/secrets.js';
import { fingerprint } from '../lib/redact.js';
import { checkClient, checkName, checkToken, checkTokenFor, checkWorkspaceId, DEFAULT_CLIENT, DEFAULT_NAME, type Checked } from './validate.js';
import { ConfigUnusableError, existingServer, mergeEntry, parseConfigBytes, withServerBytes, type ParsedText } from './edit.js';
import { setupTarget, type SetupTarget } from './target.js';
import {
  backupPathFor,
  ensureDir,
  LockBusyError,
  NotWritableError,
  refuseReadOnly,
  removeOrphanTemps,
  resolveWriteTarget,
  SECRET_FILE_MODE,
  withLock,
  writeFileAtomic,
} from './atomic.js';
import { PromptCancelled, type Prompter } from './prompts.js';

/**
 * What `tray-mcp setup` was asked, as the command read it from the command line (src/commands/setup.ts);
 * what is not given is asked on a terminal. Programmatic callers (tests) may leave out anything.
 */
export interface SetupRequest {
  workspaceId?: string;
  apiToken?: string;
  name?: string;
  client?: string;
  home?: string;
  platform?: Platform;
  verify?: boolean;
  json?: boolean;
  /** internal, for this project's tests: write and --verify this loopback URL (already checked) */
  testGatewayUrl?: string;
}

export interface SetupIo {
  /** a prompter when a terminal is available, else null */
  prompter: Prompter | null;
  /** chatter (stderr) */
  say(line: string): void;
  vars: Readonly<Record<string, string | undefined>>;
}

export interface SetupOutcome {
  written: boolean;
  client: ClientId;
  name?: string;
  target?: SetupTarget;
  method?: 'file' | 'code-cli';
  replaced?: boolean;
  /** the replaced entry said "disabled": true; the new one is switched on */
  reenabled?: boolean;
  /** keys of the replaced entry that were kept (autoApprove, timeout, headers.X-Foo, …) */
  kept?: string[];
  backup?: string;
  url?: string;
  token?: string;
}

const SUPPORTED = CLIENT_IDS.join(', ');

const PLATFORM_NAMES: Record<Environment['platform'], string> = { darwin: 'macOS', win32: 'Windows', linux: 'Linux' };

function orUsage<T>(c: Checked<T>, flag: string): { value: T; note?: string } {
  if (!c.ok) throw new UsageError(`${flag}: ${c.reason}`);
  return c;
}

async function askUntil<T>(p: Prompter, question: string, check: (s: string) => Checked<T>, hidden = false, onRaw?: (s: string) => void): Promise<T> {
  for (;;) {
    const raw = hidden ? await p.askHidden(question) : await p.ask(question);
    onRaw?.(raw);
    const c = check(raw);
    if (c.ok) {
      if (c.note) p.say(`  (${c.note})`);
      return c.value;
    }
    p.say(`✗ ${cap(c.reason)}. Please try again.`);
  }
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Read the existing config (null when there is none); ProblemError when setup cannot use it. */
function readExisting(target: SetupTarget, realPath: string): Buffer | null {
  return readExistingConfig(target.display, realPath);
}

function unusable(target: SetupTarget, e: ConfigUnusableError): ProblemError {
  return new ProblemError(
    `${target.display} cannot be updated: ${e.message}.\n` +
      `  Setup left the file untouched. Fix it in an editor (or move it aside to start afresh) and run setup again.\n` +
      `  More: tray-mcp explain config-json-invalid`,
  );
}

function notWritable(target: SetupTarget, e: NotWritableError): ProblemError {
  return new ProblemError(
    `cannot write ${CLIENTS[target.client].name}'s config ${target.display}: ${e.message}.\n` +
      `  ${notWritableAdvice(e)}\n` +
      `  More: tray-mcp explain config-dir-not-writable`,
  );
}

function notWritableAdvice(e: NotWritableError): string {
  switch (e.code) {
    case 'ENOTDIR':
    case 'EEXIST':
      return 'Move that file aside (or delete it) so the folder can be created, then run setup again.';
    case 'EROFILE':
      return `Make ${e.dir} writable by you if setup should change it (chmod u+w), then run setup again.`;
    case 'ENOSPC':
    case 'EDQUOT':
      return 'Free some disk space, then run setup again.';
    default:
      return `Make ${e.dir} writable by you (check its owner and permissions with ls -ld; on Windows, the folder's Security tab), then run setup again.`;
  }
}

/** A client that does not run on the target platform (Visual Studio: Windows only) has nothing to write there: usage. */
function assertRunsHere(c: ClientId, env: Environment): void {
  if (setupLocation(c, env.platform)) return;
  const only = (CLIENTS[c].platforms ?? []).map((x) => PLATFORM_NAMES[x]).join(' and ');
  const other = CLIENTS[c].platforms?.[0];
  const hint = other ? ` (to prepare a ${PLATFORM_NAMES[other]} user's file from here, add --platform ${other} --home DIR)` : '';
  throw new UsageError(`${CLIENTS[c].name} runs only on ${only || 'other platforms'}, not on ${PLATFORM_NAMES[env.platform]}: there is no ${CLIENTS[c].name} config to write here${hint}. Nothing was written.`);
}

/** The client's switch-off key ("disabled": true, or "enabled": false). */
function offKey(client: ClientId): { key: string; off: boolean } {
  return CLIENTS[client].disabledKey ?? { key: 'disabled', off: true };
}

/** Parse the existing file early so a broken one stops setup before any question is asked. */
function precheck(target: SetupTarget): ParsedText | null {
  const real = resolveWriteTarget(target.path, target.root);
  const buf = readExisting(target, real);
  if (buf === null) return null;
  try {
    return parseConfigBytes(buf, target.client);
  } catch (e) {
    if (e instanceof ConfigUnusableError) throw unusable(target, e);
    throw e;
  }
}

export interface WriteResult {
  replaced: boolean;
  backup?: string;
  reenabled?: boolean;
  kept?: string[];
}

/**
 * Write the entry into the file under the lock: read and parse the file once, keep the keys setup
 * does not control of a same-name entry it replaces (mergeEntry), edit, back up, replace.
 */
export async function writeEntry(
  target: SetupTarget,
  name: string,
  entry: Record<string, unknown>,
  vars: Readonly<Record<string, string | undefined>> = process.env,
): Promise<WriteResult> {
  const real = resolveWriteTarget(target.path, target.root);
  try {
    ensureDir(path.dirname(real));
    return await withLock(real, () => {
      removeOrphanTemps(real);
      refuseReadOnly(real);
      // The file stays bytes: the new one is written as pieces of it around the edited server map
      // (a large ~/.claude.json is never held twice, nor as a string).
      const old = readExisting(target, real);
      const parsed = old === null ? undefined : parseConfigBytes(old, target.client);
      const previous = parsed ? existingServer(parsed, name) : undefined;
      const merged = mergeEntry(previous, entry, offKey(target.client));
      const next = withServerBytes(old, target.client, name, merged.entry, parsed);
      let backup: string | undefined;
      if (old !== null) {
        backup = backupPathFor(real);
        writeFileAtomic(backup, old, { mode: SECRET_FILE_MODE });
      }
      writeFileAtomic(real, next, { mode: SECRET_FILE_MODE });
      return { replaced: previous !== undefined, backup, reenabled: merged.reenabled, kept: merged.kept };
    });
  } catch (e) {
    if (e instanceof ConfigUnusableError) throw unusable(target, e);
    if (e instanceof NotWritableError) throw notWritable(target, e);
    if (e instanceof LockBusyError) throw new ProblemError(`cannot update ${target.display}: ${e.message}`);
    throw e;
  }
}

/**
 * The home folder must exist: setup creates the client's folders inside it, never the home itself
 * (a HOME pointing nowhere, as in some containers, services and `sudo -u`, would otherwise get a
 * fresh tree no client reads). Exit 1, not 2: the command line is fine, the environment is not.
 */
function requireHome(env: Environment): void {
  let isDir = false;
  try {
    isDir = statSync(env.home).isDirectory();
  } catch {
    /* reported below */
  }
  if (isDir) return;
  const from = env.homeOverridden ? '--home' : process.platform === 'win32' ? '%USERPROFILE%' : '$HOME';
  throw new ProblemError(
    `your home folder ${env.home} does not exist (it comes from ${from}), and setup does not create it: ` +
      'the clients read their config under your real home. Set HOME to your home folder, or pass --home DIR for a folder that exists. Nothing was written.',
  );
}

/** The part of setup after the environment is known: gather answers, write, report. */
export async function performSetup(args: SetupRequest, env: Environment, io: SetupIo): Promise<SetupOutcome> {
  const envToken = io.vars.TRAY_MCP_API_TOKEN || undefined;
  registerSecret(args.apiToken);
  registerSecret(envToken);

  // Flags first: a bad value is a usage error whatever the mode, and nothing is written.
  let client = args.client !== undefined ? orUsage(checkClient(args.client), '--client').value : undefined;
  const ws = args.workspaceId !== undefined ? orUsage(checkWorkspaceId(args.workspaceId), '--workspace-id') : undefined;
  if (ws?.note) io.say(`(${ws.note})`);
  let workspaceId = ws?.value;
  const tok =
    args.apiToken !== undefined
      ? orUsage(checkToken(args.apiToken, 'flag'), '--api-token')
      : envToken !== undefined
        ? orUsage(checkToken(envToken, 'env'), 'TRAY_MCP_API_TOKEN')
        : undefined;
  let token = tok?.value;
  if (tok?.value) registerSecret(tok.value);
  let name = args.name !== undefined ? orUsage(checkName(args.name), '--name').value : undefined;

  const cliMode = workspaceId !== undefined && token !== undefined;
  const p = cliMode ? null : io.prompter;
  if (!cliMode && !p) {
    throw new UsageError(
      'setup needs a terminal to ask its questions, or a workspace id and a token for CLI mode ' +
        '(-w/--workspace-id and -t/--api-token), e.g. tray-mcp setup -w 12345678-abcd-1234-ef56-0123456789ab -t "$TRAY_API_TOKEN" -c cursor. Nothing was written.',
    );
  }
  // Usage first (exit 2), then the environment (exit 1), before any question is asked.
  if (client !== undefined) assertRunsHere(client, env);
  requireHome(env);

  if (p) {
    if (client === undefined) {
      p.say(`Supported clients: ${SUPPORTED}`);
      client = await askUntil(p, `Enter client type (default: ${DEFAULT_CLIENT}): `, (s) => (s.trim() === '' ? { ok: true, value: DEFAULT_CLIENT } : checkClient(s)));
    }
  }
  const c = client ?? DEFAULT_CLIENT;
  assertRunsHere(c, env);
  if (token !== undefined) orUsage(checkTokenFor(c, token), args.apiToken !== undefined ? '--api-token' : 'TRAY_MCP_API_TOKEN');
  const target = setupTarget(c, env);
  const codeCliClient = CLIENTS[c].setup.cli === 'code-add-mcp';
  // A broken file stops setup before any question; in CLI mode writeEntry finds the same (once).
  const pre = p || codeCliClient ? precheck(target) : null;
  const exists = (n: string) => pre !== null && existingServer(pre, n) !== undefined;

  if (p) {
    if (workspaceId === undefined) workspaceId = await askUntil(p, 'Enter your Tray.ai Workspace ID (UUID from URL): ', checkWorkspaceId);
    if (token === undefined) {
      token = await askUntil(p, 'Enter your Tray.ai API Token: ', (s) => { const t = checkToken(s, 'prompt'); return t.ok ? checkTokenFor(c, t.value) : t; }, true, (raw) => {
        registerSecret(raw);
        registerSecret(raw.trim());
      });
    } else if (args.apiToken === undefined) {
      const fp = fingerprint(token);
      p.say(`Using the API token from $TRAY_MCP_API_TOKEN (${fp === '…' ? 'short, not shown' : fp}).`);
    }
    registerSecret(token);
    if (name === undefined) {
      name = await askUntil(p, `Enter a name for this MCP server (default: ${DEFAULT_NAME}): `, (s) => (s.trim() === '' ? { ok: true, value: DEFAULT_NAME } : checkName(s)));
    }
    if (exists(name)) {
      p.say(`⚠️ Server "${name}" already exists in config.`);
      const yes = await askUntil(p, 'Do you want to overwrite it? (y/n): ', (s) => {
        const a = s.trim().toLowerCase();
        if (a === 'y' || a === 'yes') return { ok: true, value: true };
        if (a === 'n' || a === 'no') return { ok: true, value: false };
        return { ok: false, reason: 'answer y (yes) or n (no)' };
      });
      if (!yes) {
        p.say(`Nothing was changed. To add a second server, run setup again with another name (e.g. -n ${name}-2).`);
        return { written: false, client: c, name, target };
      }
    }
  }
  name ??= DEFAULT_NAME;
  const url = args.testGatewayUrl ?? gatewayUrl(workspaceId!);
  const entry = makeEntry(c, url, token!, name);

  // VS Code too: setup writes mcp.json itself; `code --add-mcp` would put the token on a command line.
  const method: SetupOutcome['method'] = 'file';
  const result = await writeEntry(target, name, entry, io.vars);

  return {
    written: true,
    client: c,
    name,
    target,
    method,
    replaced: result.replaced,
    backup: result.backup,
    reenabled: result.reenabled,
    kept: result.kept,
    url,
    token,
  };
}

/** How to make the client reload its config on the target platform (from its spec). */
export function restartHint(client: ClientId, platform: Environment['platform']): string {
  return clientRestartHint(client, platform);
}

/** The completion message, as documented (with the client's name), plus where and how to make the client notice. */
export function completionLines(o: SetupOutcome, env: Environment): string[] {
  const name = CLIENTS[o.client].name;
  const lines = [
    '✓ Configuration successfully updated!',
    o.replaced
      ? `📦 Server "${o.name}" has been updated in your ${name} config.`
      : `📦 Server "${o.name}" has been added to your ${name} config.`,
  ];
  if (o.method === 'code-cli') lines.push(`   Registered with \`code --add-mcp\` in your VS Code user profile (${o.target!.display}).`);
  else {
    lines.push(`   File: ${o.target!.display}`);
    if (o.backup) lines.push(`   Previous version kept as ${path.basename(o.backup)} beside it.`);
  }
  if (o.kept?.length) lines.push(`   Kept the server's other settings: ${o.kept.join(', ')}.`);
  if (o.reenabled) {
    const k = offKey(o.client);
    lines.push(`   It was switched off (${JSON.stringify(k.key)}: ${k.off}); it is switched on again.`);
  }
  lines.push(`⚠️ Please restart ${name} for the changes to take effect.`);
  lines.push(`   ${restartHint(o.client, env.platform)}`);
  const where = env.homeOverridden ? ` --home ${JSON.stringify(env.home)} --platform ${env.platform}` : '';
  lines.push(`Check it any time with: tray-mcp doctor --client ${o.client}${where}`);
  return lines;
}

export async function runSetup(args: SetupRequest): Promise<void> {
  if (args.json && !args.verify) throw new UsageError('--json formats the report of --verify: add --verify (setup itself prints only messages, on stderr)');
  const env = environmentFromArgs(args, (m) => new UsageError(m));
  const { err } = await import('../lib/output.js');
  const needPrompts = Boolean(process.stdin.isTTY);
  let prompter: Prompter | null = null;
  if (needPrompts) {
    const { terminalPrompter } = await import('./prompts.js');
    prompter = terminalPrompter();
  }
  let outcome: SetupOutcome;
  try {
    outcome = await performSetup(args, env, { prompter, say: err, vars: process.env });
  } catch (e) {
    if (e instanceof PromptCancelled) {
      err(`\nSetup cancelled; nothing was written.`);
      process.exitCode = e.why === 'interrupt' ? 130 : EXIT.USAGE;
      return;
    }
    throw e;
  } finally {
    prompter?.close();
  }
  if (!outcome.written) return;
  for (const line of completionLines(outcome, env)) err(line);
  if (env.homeOverridden) err(`(resolved as ${env.platform} with home ${env.home})`);
  if (args.verify) await verify(outcome, env, Boolean(args.json));
}

/** --verify: the network checks for the server just written. */
async function verify(o: SetupOutcome, env: Environment, json: boolean): Promise<void> {
  const [{ runAndRender }, { err }] = await Promise.all([import('../doctor.js'), import('../lib/output.js')]);
  err('');
  err(`Verifying ${o.url} …`);
  // Only this server: the network checks also probe every Tray entry they find in config files, so
  // they run with an empty home and working folder, and see just options.urls.
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const empty = mkdtempSync(path.join(tmpdir(), 'tray-mcp-verify-'));
  const isolated = makeEnvironment({ home: empty, cwd: empty, platform: env.platform, vars: env.vars });
  const options = {
    clients: [o.client],
    configPaths: [],
    urls: [o.url!],
    token: o.token,
    offline: false,
    timeoutMs: 10_000,
    verbose: false,
    strict: false,
  };
  const report = await runAndRender({
    options,
    env: isolated,
    json,
    selection: { only: ['reachability', 'authentication', 'mcp-handshake', 'tool-visibility'] },
  }).finally(() => rmSync(empty, { recursive: true, force: true }));
  if (!report.summary.ok) {
    err('The configuration was written, but the connection check found problems (see above).');
    process.exitCode = EXIT.PROBLEM;
  }
}
