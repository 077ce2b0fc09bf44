// The command line: yargs parses, command modules stay thin and load their work lazily, so
// --help and --version never load the SDK, undici, ajv or ora.
import { createRequire } from 'node:module';
import { toolVersion } from './version.js';
import type { Argv, CommandModule } from 'yargs';
import { EXIT, ProblemError, UsageError } from './lib/exit.js';
import { scrub } from './lib/secrets.js';

export async function main(argv: string[]): Promise<void> {
  // `tray-mcp doctor | head`: a closed pipe is not an error worth a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  process.once('SIGINT', () => {
    process.stderr.write('\ntray-mcp: interrupted\n');
    process.exit(130);
  });
  // Fast path: --version needs nothing but package.json.
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
    process.stdout.write(toolVersion() + '\n');
    return;
  }
  // yargs 17's CommonJS build is one bundled file: ~3x cheaper to load than an ESM module graph.
  const yargs = createRequire(import.meta.url)('yargs') as typeof import('yargs').default;
  const [doctor, explain, setup] = await Promise.all([
    import('./commands/doctor.js'),
    import('./commands/explain.js'),
    import('./commands/setup.js'),
  ]);
  const width = process.stdout.columns ? Math.min(process.stdout.columns, 110) : 100;
  const usage = (msg: string) => {
    process.stderr.write(scrub(`tray-mcp: ${msg}\nRun \`tray-mcp ${commandOf(argv)}--help\` for usage.\n`));
    process.exitCode = EXIT.USAGE;
  };
  try {
    await build(yargs(argv), width, [doctor, explain, setup]).parseAsync();
  } catch (error) {
    if (error instanceof UsageError) usage(error.message);
    else if (error instanceof ProblemError) {
      process.stderr.write(scrub(`tray-mcp: ${error.message}\n`));
      process.exitCode = EXIT.PROBLEM;
    } else throw error;
  }
}

type Cmd = { command: CommandModule<any, any> };

function build(y: Argv, width: number, [doctor, explain, setup]: Cmd[]): Argv {
  return y
    .scriptName('tray-mcp')
    .usage('tray-mcp — set up, diagnose and explain connections from AI clients to Tray’s Agent Gateway (MCP)\n\nUsage: $0 [command] [options]')
    .command({ ...setup!.command, command: '$0', describe: false })
    .command(setup!.command)
    .command(doctor!.command)
    .command(explain!.command)
    .example('$0', 'set up a client interactively (as `npx @trayio/tray-mcp`)')
    .example('$0 doctor', 'find out why a client cannot reach your Tray tools')
    .example('$0 explain "HTTP 403 Forbidden"', 'what an error means and how to fix it')
    .epilogue('Exit codes: 0 all good · 1 a problem was found · 2 the command was used wrongly.\nDocs: https://tray.ai/documentation/platform/artificial-intelligence/agent-gateway/connecting-to-agent-gateway')
    .version(toolVersion())
    .alias('version', 'v')
    .help('help')
    .alias('help', 'h')
    .strict()
    .wrap(width)
    .fail((msg, error) => {
      // yargs' own validation (unknown flag, bad choice, missing value) → usage; anything a handler threw goes on.
      if (error && error.name !== 'YError') throw error;
      throw new UsageError(msg ?? error?.message ?? 'invalid usage');
    });
}

function commandOf(argv: string[]): string {
  const c = argv.find((a) => !a.startsWith('-'));
  return c && ['doctor', 'explain', 'setup'].includes(c) ? `${c} ` : '';
}
