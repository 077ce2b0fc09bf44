// The support bundle `tray-mcp report` writes and `doctor --bundle` replays: one JSON document.
import type { ClientId } from '../clients/catalog.js';
import type { Platform } from '../lib/environment.js';
import type { Report } from '../report/model.js';

export const BUNDLE_KIND = 'tray-mcp-support-bundle';
export const BUNDLE_VERSION = 1;

/** Where a path was, by the folder it hangs off: the home, %APPDATA%, %LOCALAPPDATA%, the working folder. */
export type Base = '~' | '%APPDATA%' | '%LOCALAPPDATA%' | '.' | 'abs';

/**
 * A place in `text` that shows a redacted value (a token as its fingerprint …last4), and what a replay
 * writes there instead: a stand-in of the same length and the same kinds of characters (letters as
 * `a`, digits as `0`, punctuation and spaces kept, the last 4 characters shown anyway), so the checks
 * judge the file as they did on the customer's machine (line, column, fingerprint, "whitespace inside").
 */
export interface Mask {
  at: number;
  length: number;
  replay: string;
}

export interface BundleFile {
  /** as the report shows it (home as ~) */
  path: string;
  base: Base;
  /** relative to base, `/`-separated */
  rel: string;
  clients: ClientId[];
  scope: 'user' | 'project' | 'local';
  stale: boolean;
  kind: 'file' | 'directory' | 'other' | 'unreadable';
  /** bytes on the customer's machine */
  size?: number;
  /** POSIX mode, e.g. "0644" */
  mode?: string;
  /** the file's text, tokens replaced by fingerprints; same lines, same structure and key order */
  text?: string;
  masks?: Mask[];
  /** the file started with a UTF-8 byte-order mark */
  bom?: boolean;
  /** Claude Code's ~/.claude.json: values outside its server maps (history, account) left out as "…" */
  trimmed?: boolean;
  /** why there is no text (as config-json saw it): empty, binary, utf16, invalid-utf8, too-large, unreadable */
  unreadable?: { reason: string; offset?: number; encoding?: string; code?: string };
}

export interface BundleLog {
  source: string;
  client: ClientId | null;
  path: string;
  base: Base;
  rel: string;
  mtimeMs: number;
  /** lines in the tail doctor read */
  lineCount: number;
  /** the lines that matter (a known problem, and the lines after it that complete it), redacted; all others were blank */
  lines: { n: number; text: string }[];
}

export interface ReferencedVar {
  name: string;
  set: boolean;
  /** its value as shown (tokens as fingerprints), when set */
  value?: string;
  /** what a replay sets it to (see Mask) */
  replay?: string;
}

export interface Bundle {
  kind: typeof BUNDLE_KIND;
  bundleVersion: typeof BUNDLE_VERSION;
  tool: { name: 'tray-mcp'; version: string };
  createdAt: string;
  /** the clock the checks judged log ages by (ms since epoch) */
  clock: number;
  /** the platform whose client locations were resolved */
  platform: Platform;
  /** the OS that wrote the bundle */
  hostPlatform: string;
  /** the working folder (project configs are looked for there): as shown, and relative to the home when inside it */
  cwd: { path: string; inHome: string | null };
  ticket: {
    serverUrl: string | null;
    serverUrlFrom?: 'option' | 'asked' | 'config';
    tool: string | null;
    errors: string[];
    executionIds: string[];
  };
  /** the doctor report (doctor-report.schema.json) */
  doctor: Report;
  files: BundleFile[];
  logs: BundleLog[];
  versions: {
    tray_mcp: string;
    node: string;
    clientsNode: { path: string | null; version: string | null };
    npx: { path: string | null; version: string | null };
    os: { platform: string; type?: string; release?: string; arch?: string; version?: string } | null;
    clients: Partial<Record<ClientId, string | null>>;
  };
  environment: {
    proxy: Record<string, string | null>;
    path: { dirs: string[]; guiPath?: string[]; note?: string };
    vars: Record<string, string | null>;
    /** variables the client configs refer to (${NAME}, ${env:NAME}) */
    referenced: ReferencedVar[];
  };
  notes: string[];
}
