import { describe, it, expect } from 'vitest';
import { runChecks } from '../../src/checks/runner.js';
import type { Check, CheckId, DoctorOptions } from '../../src/checks/types.js';
import { makeEnvironment } from '../../src/lib/environment.js';

const options: DoctorOptions = { clients: [], configPaths: [], urls: [], offline: false, timeoutMs: 1000, verbose: false, strict: false };
const env = makeEnvironment({ home: '/nonexistent-home' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function check(id: CheckId, needs: CheckId[], run: Check['run'], extra: Partial<Check> = {}): Check {
  return { id, title: id, needs, run, ...extra };
}

describe('runner', () => {
  it('returns results in contract order whatever the finish order, and runs checks concurrently', async () => {
    // Concurrent, however busy the machine: every check started before any of the slow ones ended.
    const started: number[] = [];
    const ended: number[] = [];
    const timed = (ms: number, result: Awaited<ReturnType<Check['run']>>): Check['run'] => async () => {
      started.push(performance.now());
      await sleep(ms);
      ended.push(performance.now());
      return result;
    };
    const checks = [
      check('client-logs', [], timed(10, { results: [{ subject: 'a', status: 'pass', message: 'late first', remedies: [] }] })),
      check('node-version', [], timed(200, { results: [{ subject: 'system', status: 'pass', message: 'slow', remedies: [] }] })),
      check('config-files', [], timed(200, { results: [{ subject: 'f', status: 'warn', message: 'w', remedies: [] }] })),
    ];
    const out = await runChecks({ checks, options, env });
    expect(started).toHaveLength(3);
    expect(Math.max(...started)).toBeLessThan(Math.min(...ended.slice(1)));
    expect(out.results.map((r) => r.check)).toEqual(['node-version', 'config-files', 'client-logs']);
  });

  it('lets a check await a prerequisite and read its data', async () => {
    const checks = [
      check('config-files', [], async () => ({ results: [{ subject: 'f', status: 'pass', message: 'ok', remedies: [] }], data: { n: 42 } })),
      check('config-json', ['config-files'], async (ctx) => {
        const dep = await ctx.need<{ n: number }>('config-files');
        return { results: [{ subject: 'f', status: 'pass', message: `got ${dep.data?.n}`, remedies: [] }] };
      }),
    ];
    const out = await runChecks({ checks, options, env });
    expect(out.results[1]!.message).toBe('got 42');
  });

  it('turns a crash into an error result and blocks dependants with blockedBy', async () => {
    const checks = [
      check('config-files', [], async () => { throw new Error('boom Bearer CANARY-secret-token-123456'); }),
      check('config-json', ['config-files'], async () => ({ results: [{ subject: 'x', status: 'pass', message: 'never', remedies: [] }] })),
    ];
    const out = await runChecks({ checks, options, env, secrets: ['CANARY-secret-token-123456'] });
    expect(out.results[0]).toMatchObject({ check: 'config-files', status: 'error' });
    expect(out.results[0]!.message).toContain('boom');
    expect(out.results[0]!.message).not.toContain('CANARY-secret');
    expect(out.results[1]).toMatchObject({ check: 'config-json', status: 'skip', details: { blockedBy: 'config-files' } });
  });

  it('turns a time-out into an error result and aborts the check signal', async () => {
    let aborted = false;
    const checks = [
      check('reachability', [], async (ctx) => {
        ctx.signal.addEventListener('abort', () => (aborted = true));
        await sleep(5000);
        return { results: [] };
      }, { timeoutMs: () => 100 }),
    ];
    const t0 = performance.now();
    const out = await runChecks({ checks, options, env });
    // (an honest ceiling: well under the check's own 5 s, whatever else the machine is doing)
    expect(performance.now() - t0).toBeLessThan(4000);
    expect(out.results[0]).toMatchObject({ status: 'error', details: { timedOut: true } });
    expect(aborted).toBe(true);
  });

  it('a signal aborted before the run starts reaches every check as aborted', async () => {
    const seen: boolean[] = [];
    const checks = [
      check('config-files', [], async (ctx) => {
        seen.push(ctx.signal.aborted);
        return { results: [{ subject: 'f', status: 'pass', message: 'ok', remedies: [] }] };
      }),
      check('config-json', ['config-files'], async (ctx) => {
        seen.push(ctx.signal.aborted);
        return { results: [{ subject: 'f', status: 'pass', message: 'ok', remedies: [] }] };
      }),
    ];
    await runChecks({ checks, options, env, signal: AbortSignal.abort() });
    expect(seen).toEqual([true, true]);
  });

  it('--only shows only the chosen checks but still runs their prerequisites', async () => {
    let ran = false;
    const checks = [
      check('config-files', [], async () => { ran = true; return { results: [{ subject: 'f', status: 'pass', message: 'ok', remedies: [] }] }; }),
      check('config-json', ['config-files'], async () => ({ results: [{ subject: 'f', status: 'pass', message: 'ok', remedies: [] }] })),
      check('node-version', [], async () => ({ results: [{ subject: 's', status: 'pass', message: 'ok', remedies: [] }] })),
    ];
    const out = await runChecks({ checks, options, env, selection: { only: ['config-json'] } });
    expect(ran).toBe(true);
    expect(out.results.map((r) => r.check)).toEqual(['config-json']);
  });

  it('--skip blocks dependants', async () => {
    const checks = [
      check('config-files', [], async () => ({ results: [{ subject: 'f', status: 'pass', message: 'ok', remedies: [] }] })),
      check('config-json', ['config-files'], async () => ({ results: [{ subject: 'f', status: 'pass', message: 'ok', remedies: [] }] })),
    ];
    const out = await runChecks({ checks, options, env, selection: { skip: ['config-files'] } });
    expect(out.results).toHaveLength(1);
    expect(out.results[0]).toMatchObject({ check: 'config-json', status: 'skip', details: { blockedBy: 'config-files' } });
  });

  it('--offline skips network checks without running them', async () => {
    let ran = false;
    const checks = [check('reachability', [], async () => { ran = true; return { results: [] }; }, { network: true })];
    const out = await runChecks({ checks, options: { ...options, offline: true }, env });
    expect(ran).toBe(false);
    expect(out.results[0]).toMatchObject({ status: 'skip', details: { reason: 'offline' } });
  });

  it('refuses a need() that was not declared', async () => {
    const checks = [
      check('config-files', [], async () => ({ results: [{ subject: 'f', status: 'pass', message: 'ok', remedies: [] }] })),
      check('config-json', [], async (ctx) => { await ctx.need('config-files'); return { results: [] }; }),
    ];
    const out = await runChecks({ checks, options, env });
    expect(out.results[1]).toMatchObject({ check: 'config-json', status: 'error' });
  });

  it('a check’s duration is its own work, not the time it waited for prerequisites', async () => {
    // Two prerequisites awaited at once (overlapping waits count once), then a little own work.
    const checks = [
      check('config-files', [], async () => { await sleep(300); return { results: [{ subject: 'f', status: 'pass', message: 'ok', remedies: [] }] }; }),
      check('node-version', [], async () => { await sleep(250); return { results: [{ subject: 's', status: 'pass', message: 'ok', remedies: [] }] }; }),
      check('config-json', ['config-files', 'node-version'], async (ctx) => {
        await Promise.all([ctx.need('config-files'), ctx.need('node-version')]);
        return { results: [{ subject: 'f', status: 'pass', message: 'ok', remedies: [] }] };
      }),
      check('tray-servers', ['config-files'], async (ctx) => {
        await ctx.need('config-files');
        await sleep(60);
        return { results: [{ subject: 'f', status: 'pass', message: 'ok', remedies: [] }] };
      }),
    ];
    const out = await runChecks({ checks, options, env });
    const ms = (id: string) => out.results.find((r) => r.check === id)!.durationMs!;
    expect(ms('config-files')).toBeGreaterThanOrEqual(290);
    // Before: each dependant counted the prerequisite's 300 ms as its own.
    expect(ms('config-json')).toBeLessThan(ms('config-files') / 2);
    expect(ms('tray-servers')).toBeGreaterThanOrEqual(55);
    expect(ms('tray-servers')).toBeLessThan(ms('config-files'));
  });
});
