// explain: text, stdin or a file → the remedies that explain it, rendered for a terminal or as JSON
// (explain-result.schema.json). Input is streamed line by line (bounded memory, one pass).
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { REMEDIES, type Remedy } from './remedies/catalog.js';
import { explainStream, fileChunks, scanText, remedyAsMatch, MAX_SCAN_BYTES, type ExplainMatch, type ScanOptions, type StreamResult } from './remedies/match.js';
import type { ResolvedContext } from './remedies/context.js';
import { hostPlatformAsTarget, type Platform } from './lib/environment.js';
import type { ClientId } from './clients/catalog.js';
import { CLIENTS } from './clients/catalog.js';
import { EXIT, UsageError } from './lib/exit.js';
import { currentSecrets, registerSecret } from './lib/secrets.js';
import type { Secrets } from './lib/redact.js';
import { out, err } from './lib/output.js';
import { terminalOf } from './lib/stdio.js';
import { colorEnabled, painter, type Painter } from './lib/color.js';
import { escapeControls } from './lib/sanitize.js';

/** How many matches the terminal rendering shows in full; the rest are named. */
const SHOWN = 5;

export interface ExplainDocument {
  schemaVersion: 1;
  matches: Omit<ExplainMatch, 'weight'>[];
  /** the client and platform the steps were chosen for, and where each was learnt */
  context?: ResolvedContext;
}

export function toDocument(matches: readonly ExplainMatch[], context?: ResolvedContext): ExplainDocument {
  // nothing matched: nothing was chosen for a context, and the document stays `{"schemaVersion":1,"matches":[]}`
  return { schemaVersion: 1, matches: matches.map(({ weight: _w, ...m }) => m), ...(context && matches.length ? { context } : {}) };
}

/** What `tray-mcp explain` was asked, as the command read it from the command line. */
export interface ExplainRequest {
  /** the words to explain (`-` alone: standard input) */
  text: string[];
  file?: string;
  list: boolean;
  json: boolean;
  client?: ClientId;
  platform?: Platform;
}

type Source = { kind: 'text'; text: string } | { kind: 'stdin' } | { kind: 'file'; path: string };

/** Decide where the input comes from; wrong usage throws UsageError (exit 2). */
export function chooseSource(args: Pick<ExplainRequest, 'file' | 'list'> & { text?: readonly string[] }, stdinIsTTY: boolean | (() => boolean)): Source | null {
  const text = (args.text ?? []).map(String);
  if (args.list) {
    if (text.length || args.file !== undefined) throw new UsageError('--list takes no input: run `tray-mcp explain --list` on its own');
    return null;
  }
  if (args.file !== undefined) {
    if (text.length) throw new UsageError('give the text to explain or --file PATH, not both');
    if (args.file.trim() === '') throw new UsageError('--file needs a path');
    return { kind: 'file', path: args.file };
  }
  if (text.length === 1 && text[0] === '-') return { kind: 'stdin' };
  if (text.length) {
    const joined = text.join(' ');
    if (joined.trim() === '') throw new UsageError('nothing to explain: the text is empty');
    return { kind: 'text', text: joined };
  }
  if (typeof stdinIsTTY === 'function' ? stdinIsTTY() : stdinIsTTY) {
    throw new UsageError(
      'nothing to explain: give the error text (`tray-mcp explain "HTTP 403"`), `-` to read standard input, or --file PATH',
    );
  }
  return { kind: 'stdin' };
}

/**
 * Open a --file the way doctor opens configs: without blocking (a FIFO never hangs explain), and only
 * a regular file (never /dev/zero or /dev/urandom, which never end). A wrong path is a clear usage
 * error (exit 2), never a stack trace.
 */
async function openFile(file: string): Promise<FileHandle> {
  const flags = process.platform === 'win32' ? constants.O_RDONLY : constants.O_RDONLY | constants.O_NONBLOCK;
  let fh: FileHandle;
  try {
    fh = await open(file, flags);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new UsageError(`--file ${file}: no such file`);
    if (code === 'EACCES' || code === 'EPERM') throw new UsageError(`--file ${file}: permission denied (your account cannot read it)`);
    if (code === 'EISDIR') throw new UsageError(`--file ${file} is a folder; give a log file inside it`);
    throw new UsageError(`--file ${file}: cannot read it (${code ?? 'unknown error'})`);
  }
  const st = await fh.stat();
  if (!st.isFile()) {
    await fh.close();
    if (st.isDirectory()) throw new UsageError(`--file ${file} is a folder; give a log file inside it`);
    const kind = st.isFIFO() ? 'a named pipe (FIFO)' : st.isCharacterDevice() ? 'a character device' : st.isBlockDevice() ? 'a block device' : st.isSocket() ? 'a socket' : 'not a regular file';
    throw new UsageError(`--file ${file} is ${kind}, not a log file: give a file, or pipe the text in with \`tray-mcp explain -\``);
  }
  return fh;
}

/** What explain knows of the error's origin: --client / --platform, and this machine's platform. */
export function scanOptions(args: Pick<ExplainRequest, 'client' | 'platform'>, secrets: Secrets, host: Platform = hostPlatformAsTarget()): ScanOptions {
  return {
    secrets,
    ...(args.client ? { client: args.client } : {}),
    ...(args.platform ? { platform: args.platform } : {}),
    defaultPlatform: host,
  };
}

async function scan(source: Source, opts: ScanOptions): Promise<StreamResult> {
  if (source.kind === 'text') return { ...scanText(source.text, opts), lines: 1 };
  if (source.kind === 'stdin') return explainStream(process.stdin, opts);
  // Checked and opened like doctor's configs first (non-blocking, regular files only: clear usage
  // errors for a FIFO or a device); fileChunks then reads it fast (it too opens without blocking
  // and refuses anything but a regular file, should the path change in between).
  await (await openFile(source.path)).close();
  try {
    return await explainStream(fileChunks(source.path), opts);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) throw new UsageError(`--file ${source.path}: cannot read it (${code})`);
    throw e;
  }
}

export async function runExplain(args: ExplainRequest): Promise<void> {
  // A token the user exported for doctor is a known secret here too: never echo it from a pasted log.
  registerSecret(process.env.TRAY_MCP_API_TOKEN);
  // (asked only when there is no text: process.stdin sets up a stream to answer)
  const source = chooseSource(args, () => Boolean(process.stdin.isTTY));
  const paint = painter(!args.json && colorEnabled(terminalOf(1)));
  if (!source) {
    if (args.json) out(JSON.stringify(listDocument(), null, 2));
    else out(listTable(paint));
    return;
  }
  const result = await scan(source, scanOptions(args, currentSecrets()));
  if (source.kind !== 'text' && result.lines === 0) {
    throw new UsageError('nothing to explain: the input was empty');
  }
  if (result.truncated) {
    err(`tray-mcp: read the first ${MAX_SCAN_BYTES / 1024 / 1024} MB of the input only; the rest was not scanned.`);
  }
  const matches = result.matches;
  if (args.json) out(JSON.stringify(toDocument(matches, result.context), null, 2));
  else out(render(matches, paint, result.context));
  if (matches.length === 0) process.exitCode = EXIT.PROBLEM;
}

/** `--list --json`: every remedy as `explain ID` would show it (schema-valid; plus group and source). */
export function listDocument(): ExplainDocument & { matches: (Omit<ExplainMatch, 'weight'> & { group: string; source: string })[] } {
  return {
    schemaVersion: 1,
    matches: REMEDIES.map((r: Remedy) => {
      const { weight: _w, ...m } = remedyAsMatch(r.id)!;
      return { ...m, group: r.group, source: r.source };
    }),
  };
}

function listTable(paint: Painter): string {
  const Table = createRequire(import.meta.url)('cli-table3') as typeof import('cli-table3');
  const width = Math.max(60, Math.min(terminalOf(1).columns ?? 100, 120));
  const idWidth = Math.max(...REMEDIES.map((r) => r.id.length)) + 2;
  const groupWidth = Math.max(...REMEDIES.map((r) => r.group.length)) + 2;
  const table = new Table({
    head: ['id', 'group', 'title'],
    colWidths: [idWidth, groupWidth, Math.max(20, width - idWidth - groupWidth - 4)],
    wordWrap: true,
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    style: { head: paint.enabled ? ['bold'] : [], border: paint.enabled ? ['grey'] : [] },
  });
  for (const r of REMEDIES) table.push([r.id, r.group, r.title]);
  return `${table.toString()}\n${REMEDIES.length} known problems. Show one with \`tray-mcp explain ID\`.`;
}

function factText(facts: ExplainMatch['facts']): string {
  return Object.entries(facts ?? {})
    .map(([k, v]) => `${k} ${typeof v === 'string' ? escapeControls(JSON.stringify(v)) : v}`)
    .join(' · ');
}

const PLATFORM_NAMES: Record<Platform, string> = { darwin: 'macOS', win32: 'Windows', linux: 'Linux' };

/** "Steps for Cline (told by the text) on Windows (as given)": which of the shown steps were chosen
 *  for the client or platform, and where each was learnt; nothing when no shown step depends on them. */
export function contextLine(matches: readonly ExplainMatch[], ctx: ResolvedContext | undefined): string | undefined {
  if (!ctx) return undefined;
  const variants = matches.slice(0, SHOWN).flatMap((m) => REMEDIES.find((x) => x.id === m.id)?.stepsFor ?? []);
  const used = variants.filter((v) => (v.client === undefined || v.client === ctx.client) && (v.platform === undefined || v.platform === ctx.platform));
  const byClient = Boolean(ctx.client) && used.some((v) => v.client !== undefined);
  const byPlatform = Boolean(ctx.platform) && used.some((v) => v.platform !== undefined);
  if (!byClient && !byPlatform) return undefined;
  const from = (w: string | undefined) => (w === 'option' ? 'as given' : w === 'text' ? 'told by the text' : 'this machine');
  const parts: string[] = [];
  if (byClient) parts.push(`${CLIENTS[ctx.client!].name} (${from(ctx.from.client)})`);
  if (byPlatform) parts.push(`${PLATFORM_NAMES[ctx.platform!]} (${from(ctx.from.platform)})`);
  return `Steps for ${parts.join(' on ')}; for another client or OS: --client, --platform.`;
}

/** The terminal rendering: per match its title, the evidence, the cause, numbered steps, the docs link. */
export function render(matches: readonly ExplainMatch[], paint: Painter, ctx?: ResolvedContext): string {
  if (matches.length === 0) {
    return [
      'No known problem matched that input.',
      `Browse every known problem: ${paint('cyan', 'tray-mcp explain --list')}`,
      `Check this machine's setup:  ${paint('cyan', 'tray-mcp doctor')}`,
    ].join('\n');
  }
  const blocks: string[] = [];
  const shown = matches.slice(0, SHOWN);
  const head = [
    ...(matches.length > 1 ? [`${matches.length} possible explanations, most specific first:`] : []),
    ...[contextLine(matches, ctx)].filter((x): x is string => Boolean(x)),
  ];
  if (head.length) blocks.push(paint('dim', head.join('\n')));
  shown.forEach((m, i) => {
    const lines: string[] = [];
    const num = matches.length > 1 ? `${i + 1}. ` : '';
    lines.push(`${paint('bold', num + m.title)}  ${paint('dim', `[${m.id}]`)}`);
    if (m.matchedBy !== 'remedy id') {
      const where = m.lineNumber && m.lineNumber > 1 ? ` (line ${m.lineNumber}${m.count > 1 ? `, ${m.count} lines in all` : ''})` : m.count > 1 ? ` (${m.count} lines)` : '';
      lines.push(`   ${paint('dim', `Matched${where}:`)} ${escapeControls(m.evidence)}`);
    }
    if (m.facts && Object.keys(m.facts).length) lines.push(`   ${paint('dim', 'Found:')} ${factText(m.facts)}`);
    lines.push(`   ${paint('yellow', 'Why:')} ${m.cause}`);
    lines.push(`   ${paint('green', 'Fix:')}`);
    m.steps.forEach((s, j) => lines.push(`     ${j + 1}. ${s}`));
    if (m.docs) lines.push(`   ${paint('dim', 'Docs:')} ${paint('cyan', m.docs)}`);
    blocks.push(lines.join('\n'));
  });
  if (matches.length > SHOWN) {
    const rest = matches.slice(SHOWN).map((m) => m.id);
    blocks.push(paint('dim', `Also matched: ${rest.join(', ')}. Show one with \`tray-mcp explain ID\`, or all with --json.`));
  }
  return blocks.join('\n\n');
}
