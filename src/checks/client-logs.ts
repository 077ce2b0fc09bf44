// client-logs: the recent part of each client's own MCP logs (and mcp-remote's debug logs), matched
// with the same engine as `tray-mcp explain`. Each distinct finding is reported once per client, with
// its remedy, the log file and the (redacted) log line. Only lines about a Tray server count: lines a
// client wrote about some other MCP server are left alone. Reads only the last LOG_TAIL_BYTES of at
// most MAX_FILES files per client modified in the last MAX_AGE_DAYS days; never writes.
import type { Check, CheckContext, CheckOutput, Result } from './types.js';
import type { TrayServersData } from './data.js';
import { findLogFiles, logDirs, readTail, serverOfLine, LOG_SOURCES, type LogFile, type LogSource } from '../clients/logs.js';
import { Scanner, splitText, type ExplainMatch } from '../remedies/match.js';
import { displayPath } from '../lib/environment.js';

type Out = Omit<Result, 'check'>;

export const MAX_AGE_DAYS = 7;
export const LOG_TAIL_BYTES = 256 * 1024;
export const MAX_FILES = 8;
/** Findings below this specificity are too generic to report from a log (e.g. "Connection closed"). */
export const MIN_WEIGHT = 45;
const GATEWAY = '.mcp.tray.ai';

interface Finding {
  match: ExplainMatch;
  file: LogFile;
  count: number;
}

function ago(ms: number): string {
  const min = Math.max(0, Math.round(ms / 60_000));
  if (min < 60) return `${min} min ago`;
  const h = Math.round(min / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.round(h / 24)} days ago`;
}

async function scanSource(source: LogSource, files: LogFile[], isTray: (name: string) => boolean, ctx: CheckContext): Promise<Out[]> {
  const findings = new Map<string, Finding>();
  let scanned = 0;
  for (const file of files) {
    if (ctx.signal.aborted) break;
    if (file.server && !isTray(file.server)) continue; // another MCP server's own log
    let text: string;
    try {
      text = (await readTail(file.path, LOG_TAIL_BYTES)).text;
    } catch {
      continue; // unreadable or vanished: nothing to learn from it here
    }
    if (source.requiresGatewayMention && !text.includes(GATEWAY)) continue;
    scanned++;
    // the log's own client, and the platform it was written on: they choose the remedies that fit
    const scanner = new Scanner({ secrets: ctx.secrets, platform: ctx.env.platform, ...(source.client ? { client: source.client } : {}) });
    for (const line of splitText(text)) {
      if (!file.server) {
        const server = serverOfLine(line);
        if (server && !isTray(server) && !line.includes(GATEWAY)) {
          scanner.push('');
          continue;
        }
      }
      scanner.push(line);
    }
    for (const match of scanner.results()) {
      if (match.weight < MIN_WEIGHT) continue;
      const prev = findings.get(match.id);
      // files come newest first: keep the newest file's evidence unless an older one is more specific
      if (!prev) findings.set(match.id, { match, file, count: match.count });
      else {
        prev.count += match.count;
        if (match.weight > prev.match.weight) Object.assign(prev, { match, file });
      }
    }
  }
  const shown = (f: LogFile) => displayPath(f.path, ctx.env);
  if (!scanned) return [];
  if (!findings.size) {
    return [{
      subject: displayPath(files[0]!.path, ctx.env),
      client: source.client,
      status: 'pass',
      message: `${source.name}: ${scanned} recent log file${scanned === 1 ? '' : 's'}, no known problem in the last ${MAX_AGE_DAYS} days`,
      details: { files: files.map(shown) },
      remedies: [],
    }];
  }
  // One result per distinct log line: remedies found on the same line (e.g. a malformed workspace
  // host is also "unreachable") go together, most specific first.
  const now = ctx.options.now ?? Date.now();
  const byLine = new Map<string, Finding[]>();
  for (const f of [...findings.values()].sort((a, b) => b.match.weight - a.match.weight || b.file.mtimeMs - a.file.mtimeMs)) {
    const key = `${f.file.path}\n${f.match.evidence}`;
    byLine.set(key, [...(byLine.get(key) ?? []), f]);
  }
  return [...byLine.values()].map((group) => {
    const { match, file, count } = group[0]!;
    return {
      subject: shown(file),
      client: source.client,
      status: 'warn' as const,
      message: `${source.name} log: ${match.title} (${count === 1 ? 'once' : `${count} times`}, log last written ${ago(now - file.mtimeMs)})`,
      details: {
        file: shown(file),
        line: match.evidence,
        remedy: match.id,
        matchedBy: match.matchedBy,
        occurrences: count,
        ...(match.facts ? { facts: match.facts } : {}),
        ...(file.server ? { server: file.server } : {}),
        modified: new Date(file.mtimeMs).toISOString(),
      },
      remedies: group.map((g) => g.match.id),
    };
  });
}

const check: Check<{ files: number }, 'client-logs'> = {
  id: 'client-logs',
  title: 'client-logs',
  needs: ['tray-servers'],
  timeoutMs: () => 10_000,
  async run(ctx): Promise<CheckOutput<{ files: number }>> {
    const tray = await ctx.need<TrayServersData>('tray-servers');
    const names = new Set((tray.data?.entries ?? []).map((e) => e.name.toLowerCase()));
    const isTray = (name: string) => names.has(name.toLowerCase()) || /tray/i.test(name);
    const wanted = ctx.options.clients;
    const sources = LOG_SOURCES.filter((s) => (wanted.length === 0 ? true : s.client !== null && wanted.includes(s.client)));
    const files = await findLogFiles(ctx.env, {
      maxAgeMs: MAX_AGE_DAYS * 86_400_000,
      maxFilesPerSource: MAX_FILES,
      sources,
      signal: ctx.signal,
      now: ctx.options.now,
    });
    const results: Out[] = [];
    for (const source of sources) {
      const mine = files.filter((f) => f.source === source);
      if (mine.length) results.push(...(await scanSource(source, mine, isTray, ctx)));
    }
    if (!results.length) {
      const looked = sources.flatMap((s) => logDirs(s, ctx.env).map((d) => displayPath(d, ctx.env)));
      results.push({
        subject: 'system',
        status: 'skip',
        message: `no MCP log about a Tray server from the last ${MAX_AGE_DAYS} days`,
        details: { looked },
        remedies: [],
      });
    }
    return { results, data: { files: files.length } };
  },
};
export default check;
