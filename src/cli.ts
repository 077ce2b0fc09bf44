// The command line: yargs parses, command modules stay thin and load their work lazily, so
// --help and --version never load the SDK, undici, ajv or ora.
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { toolVersion } from './version.js';
import type { Argv, CommandModule } from 'yargs';
import { EXIT, ProblemError, UsageError } from './lib/exit.js';
import { currentSecrets, registerSecret, resetSecrets, scrub } from './lib/secrets.js';
import { escapeControls } from './lib/sanitize.js';
import { flushOutput } from './lib/output.js';
import { writeStd } from './lib/stdio.js';
import { clip, fingerprint } from './lib/redact.js';
import { isUuid } from './lib/uuid.js';
import { examples, helpWidth } from './commands/options.js';

export async function main(argv: string[]): Promise<void> {
  // One registry of secrets per run; tokens in the environment are secrets from the first moment.
  resetSecrets().addFromEnvironment(process.env);
  // The last resort: whatever escapes (a throw in a stream callback, a rejected promise nobody
  // awaited) is one scrubbed line, never a stack trace with a token in it.
  process.on('uncaughtException', internalError);
  process.on('unhandledRejection', internalError);
  // (`tray-mcp doctor | head`: a closed pipe is a quiet end, not a stack trace: lib/stdio.ts)
  process.once('SIGINT', () => {
    writeStd(2, '\ntray-mcp: interrupted\n');
    process.exit(130);
  });
  // Fast path: --version needs nothing but package.json.
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
    writeStd(1, toolVersion() + '\n');
    return;
  }
  // yargs 17's CommonJS build is one bundled file: ~3x cheaper to load than an ESM module graph.
  registerArgvSecrets(argv, process.env);
  // Bare `tray-mcp` and `tray-mcp -w … -t …` are setup, as the product docs' utility: say so here,
  // so the top-level help lists commands and global options only (not setup's).
  const args = withCommand(argv);
  // 'yargs/yargs' is the factory: the package's main entry builds a singleton that calls
  // process.cwd() at require time, which throws when the working directory was deleted.
  const yargs = createRequire(import.meta.url)('yargs/yargs') as (argv: string[], cwd?: string) => Argv;
  const commands = await (await import('./commands/all.js')).loadCommands();
  const usage = (msg: string) => {
    writeStd(2, safe(maskOpaque(`tray-mcp: ${msg}`) + `\nRun \`tray-mcp ${commandOf(args)}--help\` for usage.\n`));
    process.exitCode = EXIT.USAGE;
  };
  try {
    await build(withoutHelpCache(yargs(args, safeCwd())), helpWidth(), commands, (m) => explainUsage(m, args, yargs)).parseAsync();
    // The answer is printed: leave now. A server that keeps a stream open, or a socket in a pool,
    // must not hold the user's terminal (every network step is bounded, but their sockets linger).
    await flushOutput();
    process.exit(process.exitCode ?? EXIT.OK);
  } catch (error) {
    if (error instanceof UsageError) usage(error.message);
    // yargs' own validation of a command with an async builder (doctor's) rejects without calling .fail()
    else if (error instanceof Error && error.name === 'YError') usage(explainUsage(error.message, args, yargs));
    else if (error instanceof ProblemError) {
      writeStd(2, safe(`tray-mcp: ${error.message}\n`));
      process.exitCode = EXIT.PROBLEM;
    } else internalError(error);
  }
}

/**
 * yargs lays out a command's whole help as its handler starts, to show it if the command fails later;
 * tray-mcp never shows help on a failure (one line: "Run `tray-mcp <command> --help`"), so that work
 * (a fifth of `explain 401`) is skipped. --help itself is laid out as before.
 */
function withoutHelpCache(y: Argv): Argv {
  const internal = (y as unknown as { getInternalMethods?: () => { getUsageInstance(): { cacheHelpMessage?: () => void } } }).getInternalMethods?.();
  const usage = internal?.getUsageInstance();
  if (usage && typeof usage.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => undefined;
  return y;
}

/** Text for the terminal: secrets scrubbed, control characters shown escaped. */
function safe(text: string): string {
  return escapeControls(scrub(text), { keepNewlines: true });
}

/** An error nobody expected: one line, scrubbed, exit 1. */
export function internalError(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  try {
    writeStd(2, safe(`tray-mcp: internal error: ${clip(message, 2000, currentSecrets())}\n`));
  } finally {
    process.exit(EXIT.PROBLEM);
  }
}

type Cmd = { command: CommandModule<any, any> };

function build(y: Argv, width: number, commands: Cmd[], explain: (msg: string) => string): Argv {
  for (const c of commands) y = y.command(c.command);
  return examples(
    y
      .scriptName('tray-mcp')
      .usage('tray-mcp — set up, diagnose and explain connections from AI clients to Tray’s Agent Gateway (MCP)\n\nUsage: $0 <command> [options]   (no command: setup)'),
    [
      ['$0', 'set up a client interactively'],
      ['$0 doctor', 'find out why a client cannot reach your Tray tools'],
      ['$0 explain "HTTP 403 Forbidden"', 'what an error means and how to fix it'],
      ['$0 report', 'write a support bundle to attach to a ticket'],
      ['$0 list', 'every Tray entry on this machine, and whether each client loads it'],
      ['$0 doctor --fix', 'apply the safe fixes doctor offers (a diff first; `undo` puts it back)'],
    ],
    width,
  )
    .epilogue(
      'Run `tray-mcp <command> --help` for its options and examples.\n\n' +
        'Exit codes: 0 all good · 1 a problem was found · 2 the command was used wrongly.\n\n' +
        'Product docs: https://tray.ai/documentation (Agent Gateway › Connecting to Agent Gateway).',
    )
    .version(toolVersion())
    .alias('version', 'v')
    .help('help')
    .alias('help', 'h')
    .recommendCommands()
    .strict()
    .wrap(width)
    .fail((msg, error) => {
      // yargs' own validation (unknown flag, bad choice, missing value) → usage; anything a handler threw goes on.
      if (error && error.name !== 'YError') throw error;
      throw new UsageError(explain(msg ?? error?.message ?? 'invalid usage'));
    });
}

export const COMMANDS = ['setup', 'doctor', 'explain', 'report', 'list', 'remove', 'undo'];
const HELP_OR_VERSION = new Set(['--help', '-h', '--version', '-v']);

/** argv with `setup` in front when no command is named (bare `tray-mcp`, or flags first). */
export function withCommand(argv: string[]): string[] {
  if (argv.length === 0) return ['setup'];
  if (argv[0]!.startsWith('-') && !argv.every((a) => HELP_OR_VERSION.has(a))) return ['setup', ...argv];
  return argv;
}

/**
 * yargs' messages, said for people: an unknown command with the nearest one ("Did you mean doctor?",
 * yargs' recommendCommands), and a bad choice (a check or client id) with the nearest valid value.
 */
export function explainUsage(msg: string, argv: string[], yargs: (argv: string[]) => Argv): string {
  if (/^Did you mean /.test(msg)) return `unknown command "${argv[0]}". ${msg}`;
  if (/^Unknown argument: /.test(msg) && argv[0] === msg.slice('Unknown argument: '.length) && !COMMANDS.includes(argv[0]!)) {
    return `unknown command "${argv[0]}" (commands: ${COMMANDS.join(', ')})`;
  }
  const invalid = [...msg.matchAll(/Argument: (\S+), Given: (.*), Choices: (.*)$/gm)];
  if (invalid.length === 0) return msg;
  const values = (list: string) => [...list.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!);
  return invalid
    .map(([, option, given, choices]) => {
      const allowed = values(choices!);
      return values(given!)
        .filter((g) => !allowed.includes(g))
        .map((g) => {
          const near = closest(g, allowed, yargs);
          return `--${option} ${JSON.stringify(g)} is not one of: ${allowed.join(', ')}.${near ? ` Did you mean ${near}?` : ''}`;
        })
        .join('\n');
    })
    .join('\n');
}

/** The nearest of `candidates` to `word` (yargs' own recommendation, distance 3 at most), if any. */
function closest(word: string, candidates: string[], yargs: (argv: string[]) => Argv): string | undefined {
  let found: string | undefined;
  let y = yargs([word]);
  for (const c of candidates) y = y.command(c, false, () => {}, () => {});
  void y
    .recommendCommands()
    .help(false)
    .version(false)
    .exitProcess(false)
    .fail((msg) => {
      found ??= /^Did you mean (.+)\?$/.exec(msg ?? '')?.[1];
    })
    .parse();
  return found;
}

function safeCwd(): string {
  try {
    return process.cwd();
  } catch {
    return homedir();
  }
}

function commandOf(argv: string[]): string {
  const c = argv[0];
  return c && COMMANDS.includes(c) ? `${c} ` : '';
}

/** Tokens given on the command line or in the environment are secrets from the first moment. */
function registerArgvSecrets(argv: string[], env: NodeJS.ProcessEnv): void {
  registerSecret(env.TRAY_MCP_API_TOKEN);
  argv.forEach((a, i) => {
    const m = /^(?:--token|--api-token|-t)=(.+)$/.exec(a);
    if (m) registerSecret(m[1]);
    else if (['--token', '--api-token', '-t'].includes(a)) registerSecret(argv[i + 1]);
  });
}

/**
 * Usage errors quote what the user typed, and a user who forgot `--token` typed the token as a bare
 * word. Mask opaque token-shaped words (16+ characters of letters and digits mixed, no path or URL)
 * that are not workspace ids.
 */
export function maskOpaque(text: string): string {
  return text.replace(/(?<![\w/.:-])[A-Za-z0-9_~+=-]{16,}(?![\w/.:])/g, (w) =>
    /[0-9]/.test(w) && /[A-Za-z]/.test(w) && !isUuid(w) ? fingerprint(w) : w,
  );
}
