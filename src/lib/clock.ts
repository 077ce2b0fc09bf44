// A monotonic clock in milliseconds, for durations (now() - then). process.hrtime is part of the
// process object; the global `performance` loads Node's perf_hooks module at its first use (~1-2 ms
// of a short command's start).

/** Milliseconds since an arbitrary fixed point (monotonic; only differences mean anything). */
export function now(): number {
  const [s, ns] = process.hrtime();
  return s * 1e3 + ns / 1e6;
}
