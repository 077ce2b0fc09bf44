// What `doctor --fix` knows about a fix: a kind (one file in src/fix/kinds/) looks at one run's
// results and check data and proposes changes; src/fix/apply.ts shows them as a diff, asks, writes
// them through the atomic writer with a backup, and records them for `tray-mcp undo`.
import type { ReportResult } from '../report/model.js';
import type { TrayServerEntry } from '../checks/data.js';
import type { ClientId } from '../clients/catalog.js';
import type { Environment } from '../lib/environment.js';
import type { RemedyId } from '../remedies/catalog.js';

/** What a fix kind may read: the run's results and data, never the files themselves. */
export interface FixContext {
  env: Environment;
  results: readonly ReportResult[];
  /** tray-servers' entries (with their raw values and paths) */
  entries: readonly TrayServerEntry[];
  /** a config file's real path, by its display path (from config-files) */
  realPath(display: string): string | undefined;
  /** the client whose file a display path is (first one known) */
  clientOf(display: string): ClientId | undefined;
  /** the clients that really read the file at this real path (config-files' non-stale locations) */
  readers(file: string): ClientId[];
}

/** A change to a file's text: `edit` receives the text as the fixes before it left it. */
export interface TextChange {
  kind: 'text';
  /** real path */
  file: string;
  display: string;
  /** how to read the file (its client's format) */
  client: ClientId;
  /** the new text; throw FixNotSafe when the text is not as the plan expected */
  edit(text: string | null): string;
}

/** A change to a file's permission bits (POSIX). */
export interface ModeChange {
  kind: 'mode';
  file: string;
  display: string;
  to: number;
}

export type Change = TextChange | ModeChange;

/** One fix, proposed for one finding. */
export interface PlannedFix {
  kind: string;
  /** what it does, in a line: "Add -y before mcp-remote in Claude Desktop's "tray-workspace"" */
  title: string;
  /** the remedy of the finding it fixes */
  remedy: RemedyId;
  changes: Change[];
}

export interface FixKind {
  /** stable id, shown in output and docs */
  id: string;
  /** the finding it applies to, in a few words (docs) */
  when: string;
  /** what it changes (docs) */
  does: string;
  plan(ctx: FixContext): PlannedFix[];
}

/** The file is not what the plan expected (changed meanwhile, or the edit would not read back). */
export class FixNotSafe extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FixNotSafe';
  }
}
