// The shapes every check, the runner and the renderers share.
// A check knows nothing of argv or rendering: it gets a read-only CheckContext and returns results.
import type { ClientId } from '../clients/catalog.js';
import type { Environment } from '../lib/environment.js';
import type { RemedyId } from '../remedies/catalog.js';
import type { Secrets } from '../lib/redact.js';

/** A check's id: derived from the registry (src/checks/index.ts), the one list of checks. */
export type { CheckId } from './index.js';
import type { CheckId } from './index.js';

export type Status = 'pass' | 'warn' | 'fail' | 'skip' | 'error';

/** One result as a check emits it. Remedies are catalog ids; the report resolves them. */
export interface Result {
  check: CheckId;
  subject: string;
  client?: ClientId | null;
  status: Status;
  message: string;
  durationMs?: number;
  details?: Record<string, unknown>;
  /** remedy ids from src/remedies/catalog.ts, most likely first; empty for pass */
  remedies: RemedyId[];
}

/** What a check's run() returns: its results (without `check`, filled in by the runner) and
 *  optional data that dependants may read through ctx.need(). Data is never rendered. */
export interface CheckOutput<D = unknown> {
  results: Omit<Result, 'check'>[];
  data?: D;
}

/** Options a doctor run was asked for, already validated by the command. */
export interface DoctorOptions {
  /** only these clients (empty = all) */
  clients: ClientId[];
  /** explicit config files to check (from --config), with the client if named */
  configPaths: { path: string; client?: ClientId }[];
  /** extra servers to probe (from --url / --workspace-id) */
  urls: string[];
  /** token for --url servers (from --token or TRAY_MCP_API_TOKEN); never rendered */
  token?: string;
  offline: boolean;
  /** bound for each network step, ms */
  timeoutMs: number;
  /** also walk the OAuth2 discovery chain of servers configured with a token (--oauth); servers without one always are */
  oauth?: boolean;
  verbose: boolean;
  strict: boolean;
  /** the clock checks judge ages against (ms since epoch; default now): a bundle replay uses the customer's */
  now?: number;
  /** probe entries of project-scope configs (./.mcp.json …) too: --probe-project */
  probeProject?: boolean;
}

export interface CheckContext {
  readonly options: Readonly<DoctorOptions>;
  readonly env: Environment;
  /** aborted when the run is cancelled or this check times out */
  readonly signal: AbortSignal;
  /** Await a prerequisite's output. Only ids listed in the check's `needs` may be asked for. */
  need<D = unknown>(id: CheckId): Promise<FinishedCheck<D>>;
  /** The run's secrets: register every credential the moment it is read; redact with it. */
  readonly secrets: Secrets;
  /** Per-run memo shared by checks (e.g. one probe per server serves four checks). */
  memo<T>(key: string, make: () => Promise<T>): Promise<T>;
}

export interface FinishedCheck<D = unknown> {
  id: CheckId;
  results: Result[];
  data?: D;
  /** the check crashed, timed out, or was not run (skipped by --skip / blocked) */
  failed: boolean;
}

export interface Check<D = unknown, I extends string = CheckId> {
  id: I;
  title: string;
  /** checks whose output this one awaits; if one of them crashes or is skipped, this one is skipped with details.blockedBy */
  needs: CheckId[];
  /** checks whose output this one uses when it is there: awaited through ctx.need(), never blocking (a failed one yields failed: true) */
  wants?: CheckId[];
  /** uses the network: reported as skip under --offline */
  network?: boolean;
  /** the longest this check may take, given the options; default 15 s */
  timeoutMs?(options: Readonly<DoctorOptions>): number;
  run(ctx: CheckContext): Promise<CheckOutput<D>>;
}
