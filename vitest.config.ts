import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // An honest ceiling, not a speed check: some end-to-end tests run the CLI a dozen times, and
    // on a 2-core machine kept busy by other work each run can take a few seconds.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Forks: some tests change the process umask (not allowed in worker threads). Test files run in
    // parallel, twice as many as cores: end-to-end tests mostly wait on the CLI they run, on servers
    // with latency or on time bounds, so more files at once finish sooner.
    pool: 'forks',
    // Test files share their worker's module cache (no fresh module graph per file): loading src/
    // through vite again for every file was a third of the suite's CPU time. Tests restore what they
    // change (umask, env), and secrets/state live per CLI process, which e2e tests spawn.
    isolate: false,
    maxWorkers: Math.max(2, Math.min(8, 2 * availableParallelism())),
    reporters: ['default'],
  },
});
