// Where AI clients (and mcp-remote, the bridge command-based entries run) write their MCP logs, and
// how to find the recent ones. Each client's log folders are a fact in its own file
// (src/clients/<id>.ts, with sources); mcp-remote's are here: TROUBLESHOOTING.md /
// src/lib/mcp-auth-config.ts — with --debug it appends to ~/.mcp-auth/{server_hash}_debug.log (older
// versions) or ~/.mcp-auth/mcp-remote-*/{hash}_debug.log. Read by the client-logs check. Only reads.
import { readdir, stat, open } from 'node:fs/promises';
import path from 'node:path';
import { CLIENT_IDS, CLIENTS, type ClientId } from './catalog.js';
import { resolveTemplate, type Environment, type Platform } from '../lib/environment.js';

export type LogSourceId = ClientId | 'mcp-remote';

export interface LogSource {
  id: LogSourceId;
  /** the client whose logs these are; null for mcp-remote (any command-based client) */
  client: ClientId | null;
  name: string;
  /** base folders (resolveTemplate syntax) per platform */
  dirs: Partial<Record<Platform, string[]>>;
  /** path patterns below a base folder, one `*`-glob per segment; the last segment matches files */
  patterns: string[][];
  /** the MCP server a file belongs to, when its path names one */
  serverOf?(file: string): string | undefined;
  /** the file is about a Tray server only if its text mentions the gateway (mcp-remote: one file per server) */
  requiresGatewayMention?: boolean;
}

/** Every client's own logs (from its spec, in src/clients/<id>.ts), then mcp-remote's debug logs. */
export const LOG_SOURCES: readonly LogSource[] = [
  ...CLIENT_IDS.flatMap((id): LogSource[] => {
    const logs = CLIENTS[id].logs;
    return logs ? [{ id, client: id, name: CLIENTS[id].name, dirs: logs.dirs, patterns: logs.patterns, ...(logs.serverOf ? { serverOf: logs.serverOf } : {}) }] : [];
  }),
  {
    id: 'mcp-remote',
    client: null,
    name: 'mcp-remote (debug log)',
    dirs: { darwin: ['~/.mcp-auth'], win32: ['~/.mcp-auth'], linux: ['~/.mcp-auth'] },
    patterns: [['*_debug.log'], ['mcp-remote*', '*_debug.log']],
    requiresGatewayMention: true,
  },
];

export interface LogFile {
  source: LogSource;
  path: string;
  mtimeMs: number;
  size: number;
  server?: string;
}

export interface FindOptions {
  /** only files modified this recently */
  maxAgeMs: number;
  /** newest files kept per source */
  maxFilesPerSource: number;
  /** directory entries looked at per folder (bounds the walk) */
  maxEntriesPerDir?: number;
  /** only these sources */
  sources?: readonly LogSource[];
  now?: number;
  signal?: AbortSignal;
}

/** `*`-glob for one path segment → RegExp (no other glob syntax is needed here). */
function segmentRe(glob: string): RegExp {
  const body = glob.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/\\\\]*');
  return new RegExp(`^${body}$`, 'i');
}

/** Base folders of a source for the environment's platform, resolved, without duplicates. */
export function logDirs(source: LogSource, env: Environment): string[] {
  const dirs = (source.dirs[env.platform] ?? []).map((t) => resolveTemplate(t, env));
  if (source.id === 'mcp-remote' && !env.homeOverridden && env.vars.MCP_REMOTE_CONFIG_DIR) dirs.push(env.vars.MCP_REMOTE_CONFIG_DIR);
  return [...new Set(dirs)];
}

async function entries(dir: string, max: number): Promise<string[]> {
  try {
    const names = await readdir(dir);
    return names.slice(0, max);
  } catch {
    return [];
  }
}

/** Recent log files of each source, newest first, bounded in number and in the folders walked. */
export async function findLogFiles(env: Environment, opts: FindOptions): Promise<LogFile[]> {
  const now = opts.now ?? Date.now();
  const maxEntries = opts.maxEntriesPerDir ?? 2000;
  const out: LogFile[] = [];
  for (const source of opts.sources ?? LOG_SOURCES) {
    const found = new Map<string, LogFile>();
    for (const base of logDirs(source, env)) {
      for (const pattern of source.patterns) {
        let level = [base];
        for (const [i, seg] of pattern.entries()) {
          if (opts.signal?.aborted) return out;
          if (level.length === 0) break; // nothing there (most clients' log folders do not exist)
          const re = segmentRe(seg);
          const last = i === pattern.length - 1;
          const next: string[] = [];
          for (const dir of level) {
            for (const name of await entries(dir, maxEntries)) {
              if (!re.test(name)) continue;
              const p = path.join(dir, name);
              const st = await stat(p).catch(() => null);
              if (!st) continue;
              if (last) {
                if (st.isFile() && now - st.mtimeMs <= opts.maxAgeMs && !found.has(p)) {
                  found.set(p, { source, path: p, mtimeMs: st.mtimeMs, size: st.size, server: source.serverOf?.(p) });
                }
              } else if (st.isDirectory()) {
                // session folders: look at the newest ones first, and not at hundreds of them
                next.push(p);
              }
            }
          }
          level = next.length > 50 ? await newest(next, 50) : next;
        }
      }
    }
    out.push(...[...found.values()].sort((a, b) => b.mtimeMs - a.mtimeMs).slice(0, opts.maxFilesPerSource));
  }
  return out;
}

async function newest(dirs: string[], n: number): Promise<string[]> {
  const withTime = await Promise.all(dirs.map(async (d) => ({ d, t: (await stat(d).catch(() => null))?.mtimeMs ?? 0 })));
  return withTime.sort((a, b) => b.t - a.t).slice(0, n).map((x) => x.d);
}

/** The last `maxBytes` of a file as text, starting at a line boundary. Reads only that much. */
export async function readTail(file: string, maxBytes: number): Promise<{ text: string; partial: boolean }> {
  const fh = await open(file, 'r');
  try {
    const { size } = await fh.stat();
    const start = Math.max(0, size - maxBytes);
    const buf = Buffer.alloc(size - start);
    let read = 0;
    while (read < buf.length) {
      const { bytesRead } = await fh.read(buf, read, buf.length - read, start + read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    let text = buf.subarray(0, read).toString('utf8');
    if (start > 0) {
      const nl = text.indexOf('\n');
      text = nl >= 0 ? text.slice(nl + 1) : '';
    }
    return { text, partial: start > 0 };
  } finally {
    await fh.close();
  }
}

/**
 * The MCP server a Claude Desktop mcp.log line is about: "2025-…Z [info] [tray] msg" or
 * "2025-…Z [tray] [error] msg". Undefined for lines that name no server.
 */
export function serverOfLine(line: string): string | undefined {
  const m = /^\S{10,40}\s+\[([^\]\n]{1,100})\]\s+\[([^\]\n]{1,100})\]/.exec(line) ?? /^\S{10,40}\s+\[([^\]\n]{1,100})\]()/.exec(line);
  if (!m) return undefined;
  const levels = /^(?:info|error|warn|warning|debug|trace|fatal|log)$/i;
  return [m[1], m[2]].find((t) => t && !levels.test(t));
}
