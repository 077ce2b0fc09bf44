// The check runner: every selected check (and what it needs) starts at once; a check awaits its
// prerequisites through ctx.need(); a throw or a time-out becomes an `error` result naming the
// check; a check whose prerequisite crashed or was skipped is itself skipped with
// details.blockedBy. Results come back in contract order whatever order checks finished in.
import type { Check, CheckContext, CheckId, DoctorOptions, FinishedCheck, Result } from './types.js';
import { CHECK_IDS } from './index.js';
import type { Environment } from '../lib/environment.js';
import { Secrets, type SecretSource } from '../lib/redact.js';
import { currentSecrets } from '../lib/secrets.js';
import { now } from '../lib/clock.js';

export const DEFAULT_CHECK_TIMEOUT_MS = 15_000;

export interface RunSelection {
  /** show only these (their prerequisites still run, silently) */
  only?: CheckId[];
  /** do not run these; dependants are skipped with blockedBy */
  skip?: CheckId[];
}

export interface RunInput {
  checks: readonly Check[];
  options: DoctorOptions;
  env: Environment;
  selection?: RunSelection;
  /** called when a check finishes (for progress display) */
  onFinish?(id: CheckId, results: Result[]): void;
  signal?: AbortSignal;
  /** the run's secrets (default: the current run's registry); checks get it as ctx.secrets */
  secrets?: SecretSource;
}

export interface RunOutput {
  results: Result[];
  /** each finished check's data (for the report's environment block) */
  data: Partial<Record<CheckId, unknown>>;
  durationMs: number;
}

class Timeout extends Error {}

export async function runChecks(input: RunInput): Promise<RunOutput> {
  const started = now();
  const byId = new Map(input.checks.map((c) => [c.id, c] as const));
  const skip = new Set(input.selection?.skip ?? []);
  const shown = new Set<CheckId>(input.selection?.only?.length ? input.selection.only : input.checks.map((c) => c.id));
  for (const id of skip) shown.delete(id);

  // What has to run: the shown checks and, transitively, what they need.
  const toRun = new Set<CheckId>();
  const visit = (id: CheckId, path: CheckId[]): void => {
    if (path.includes(id)) throw new Error(`check dependency cycle: ${[...path, id].join(' → ')}`);
    if (toRun.has(id) || skip.has(id)) return;
    const check = byId.get(id);
    if (!check) return;
    toRun.add(id);
    for (const dep of [...check.needs, ...(check.wants ?? [])]) visit(dep, [...path, id]);
  };
  for (const id of shown) visit(id, []);

  const memo = new Map<string, Promise<unknown>>();
  const secrets = asSecrets(input.secrets);
  const running = new Map<CheckId, Promise<FinishedCheck>>();

  const notRun = (id: CheckId, why: string): FinishedCheck => ({
    id,
    failed: true,
    results: [{ check: id, subject: 'system', status: 'skip', message: why, remedies: [] }],
  });

  const start = (id: CheckId): Promise<FinishedCheck> => {
    const existing = running.get(id);
    if (existing) return existing;
    const check = byId.get(id);
    let p: Promise<FinishedCheck>;
    if (!check) p = Promise.resolve(notRun(id, 'this check is not available'));
    else if (!toRun.has(id)) p = Promise.resolve(notRun(id, 'skipped (--skip)'));
    else p = execute(check);
    running.set(id, p);
    p.then((f) => input.onFinish?.(id, f.results));
    return p;
  };

  const execute = async (check: Check): Promise<FinishedCheck> => {
    const id = check.id;
    if (input.options.offline && check.network) {
      return {
        id,
        failed: true,
        results: [{ check: id, subject: 'network', status: 'skip', message: 'skipped: --offline', details: { reason: 'offline' }, remedies: [] }],
      };
    }
    // Prerequisites: if one crashed or was not run, this one is blocked.
    for (const dep of check.needs) {
      const d = await start(dep);
      if (d.failed) {
        return {
          id,
          failed: true,
          results: [{
            check: id,
            subject: 'system',
            status: 'skip',
            message: `blocked: ${dep} did not complete`,
            details: { blockedBy: dep },
            remedies: [],
          }],
        };
      }
    }
    // A check's time is its own work: the clock starts once its prerequisites are done, and time
    // spent inside ctx.need() (awaiting another check, however many at once) is not counted.
    const t0 = now();
    let waited = 0;
    let waiting = 0;
    let waitStart = 0;
    const awaitDep = async <T>(p: Promise<T>): Promise<T> => {
      if (waiting++ === 0) waitStart = now();
      try {
        return await p;
      } finally {
        if (--waiting === 0) waited += now() - waitStart;
      }
    };
    const ownTime = () => Math.max(0, now() - t0 - waited - (waiting > 0 ? now() - waitStart : 0));
    const controller = new AbortController();
    const onOuterAbort = () => controller.abort(input.signal?.reason);
    if (input.signal?.aborted) onOuterAbort(); // (an abort before this check started: no event will come)
    else input.signal?.addEventListener('abort', onOuterAbort, { once: true });
    const limit = check.timeoutMs?.(input.options) ?? DEFAULT_CHECK_TIMEOUT_MS;
    const ctx: CheckContext = {
      options: Object.freeze({ ...input.options }),
      env: input.env,
      secrets,
      signal: controller.signal,
      need: <D>(dep: CheckId) => {
        if (!check.needs.includes(dep) && !check.wants?.includes(dep)) throw new Error(`check ${id} asked for ${dep} without declaring it in needs or wants`);
        return awaitDep(start(dep) as Promise<FinishedCheck<D>>);
      },
      memo: <T>(key: string, make: () => Promise<T>) => {
        let m = memo.get(key) as Promise<T> | undefined;
        if (!m) {
          m = make();
          memo.set(key, m);
        }
        return m;
      },
    };
    let timer: NodeJS.Timeout | undefined;
    try {
      const out = await Promise.race([
        Promise.resolve().then(() => check.run(ctx)),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            controller.abort(new Timeout(`timed out after ${limit} ms`));
            reject(new Timeout(`timed out after ${limit} ms`));
          }, limit);
          timer.unref?.();
        }),
      ]);
      const elapsed = ownTime();
      const results = out.results.map((r) => ({
        ...r,
        check: id,
        remedies: r.remedies ?? [],
        durationMs: r.durationMs ?? round(elapsed),
      }));
      if (results.length === 0) {
        results.push({ check: id, subject: 'system', status: 'skip', message: 'nothing to check', remedies: [], durationMs: round(elapsed) });
      }
      return { id, failed: false, results, data: out.data };
    } catch (err) {
      const timedOut = err instanceof Timeout;
      const raw = err instanceof Error ? err.message : String(err);
      const message = secrets.redact(raw);
      return {
        id,
        failed: true,
        results: [{
          check: id,
          subject: 'system',
          status: 'error',
          message: timedOut ? `${check.title}: ${message}` : `${check.title} crashed: ${message}`,
          details: { crash: !timedOut, timedOut, timeoutMs: timedOut ? limit : undefined },
          durationMs: round(ownTime()),
          remedies: [],
        }],
      };
    } finally {
      clearTimeout(timer);
      input.signal?.removeEventListener('abort', onOuterAbort);
      if (!controller.signal.aborted) controller.abort(new Error('check finished'));
    }
  };

  for (const id of toRun) void start(id);
  const finished = await Promise.all([...toRun].map((id) => start(id)));
  // Checks that were --skip'ped but are shown nowhere produce nothing; blocked ones produce their skip.
  const results: Result[] = [];
  const data: Partial<Record<CheckId, unknown>> = {};
  const order = (id: CheckId) => CHECK_IDS.indexOf(id);
  for (const f of finished.sort((a, b) => order(a.id) - order(b.id))) {
    if (f.data !== undefined) data[f.id] = f.data;
    if (shown.has(f.id)) results.push(...f.results);
  }
  return { results, data, durationMs: round(now() - started) };
}

function asSecrets(s: SecretSource | undefined): Secrets {
  if (s === undefined) return currentSecrets();
  if (s instanceof Secrets) return s;
  const out = new Secrets();
  for (const v of s) out.add(v);
  return out;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
