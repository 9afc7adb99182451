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
    poolOptions: { forks: { maxForks: cores, minForks: 1 } },
  },
});
