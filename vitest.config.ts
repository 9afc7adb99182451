import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// One fork per core (vitest's default leaves one core idle): the suite is CPU-bound simulation.
const cores = Math.max(1, availableParallelism());

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/support/tmp.ts', 'test/support/runs.ts'],
    globalSetup: ['test/support/runs-global.ts'],
    testTimeout: 120_000,
    pool: 'forks',
    // The compiled CLI (support/cli.ts) loads as Node loads it, not through vite's transform: a
    // fork's first in-process command in a quarter of the time.
    server: { deps: { external: [/\/dist\//] } },
    // Test files share their fork's loaded modules (and memoised runs) rather than each loading
    // the simulator again: a file that changes shared state (a stub paper, the shortcuts' switch,
    // the run-sharing hooks) puts it back when it ends.
    poolOptions: { forks: { maxForks: cores, minForks: 1, isolate: false } },
  },
});
