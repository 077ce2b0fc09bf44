// Options and help pieces several commands share. Light: loaded for --help.
import type { Argv } from 'yargs';
import { PLATFORMS, type Platform } from '../lib/environment.js';
import { terminalWidth } from '../report/layout.js';
import { terminalOf } from '../lib/stdio.js';

/** What people type for an OS → the platform id (`--platform mac`). */
export const PLATFORM_ALIASES: Readonly<Record<string, Platform>> = {
  darwin: 'darwin',
  mac: 'darwin',
  macos: 'darwin',
  osx: 'darwin',
  win32: 'win32',
  windows: 'win32',
  win: 'win32',
  linux: 'linux',
};

/** `--platform` value → platform id; unknown values pass through for yargs' choices check to refuse. */
export function platformOf(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return PLATFORM_ALIASES[value.trim().toLowerCase()] ?? value;
}

/** What the user typed after `flag` (`--timeout abc` or `--timeout=abc`; the last one counts), to quote it back. */
export function typed(raw: readonly string[], flag: string): string | undefined {
  let found: string | undefined;
  raw.forEach((a, i) => {
    if (a === flag && i + 1 < raw.length) found = raw[i + 1];
    else if (a.startsWith(`${flag}=`)) found = a.slice(flag.length + 1);
  });
  return found;
}

/** The --platform option (aliases mac/macos/osx, windows/win accepted). */
export function platformOption(describe: string) {
  return {
    type: 'string' as const,
    requiresArg: true,
    choices: PLATFORMS as unknown as string[],
    coerce: platformOf,
    describe: `${describe} (mac and windows work too)`,
  };
}

/**
 * Examples that never break inside a command (yargs' two-column layout squeezes commands into half
 * the width and wraps them mid-word): each is a command line with its description as a `# comment`,
 * aligned when every one fits the width, otherwise the comment goes on the line above its command.
 * Either way each command stands whole on its own line and can be copied as it is.
 */
export function examples<T>(y: Argv<T>, list: readonly [command: string, description: string][], width = helpWidth()): Argv<T> {
  const shown = (c: string) => c.replace('$0', 'tray-mcp');
  const col = Math.max(...list.map(([c]) => shown(c).length)) + 2;
  const aligned = list.every(([, d]) => 2 + col + 2 + d.length <= width);
  for (const [command, description] of list) {
    y = y.example(aligned ? `${command}${' '.repeat(col - shown(command).length)}# ${description}` : `# ${description}\n${command}`, '');
  }
  return y;
}

/** The width help is laid out for (terminal, or COLUMNS when piped; capped for reading). */
export function helpWidth(): number {
  return Math.min(terminalWidth(terminalOf(1)), 120);
}
