import { availableParallelism } from 'node:os';
import { basename, relative } from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

// One fork per core (vitest's default leaves one core idle): the suite is CPU-bound simulation.
const cores = Math.max(1, availableParallelism());

/**
 * Seconds the longest files take on two forks (roughly), for a run without vitest's cache of the
 * last durations (a fresh clone, as CI has): vitest would then start the largest files first, and
 * the claims files, a few lines each but the longest to run, would finish alone at the end.
 */
const LONG: Record<string, number> = {
  'web.test.ts': 30,
  'claims-sleepwake-3.test.ts': 25,
  'host.test.ts': 12,
  'pack.test.ts': 10,
  'reproduce.test.ts': 9,
  'claims-sleepwake-2.test.ts': 6,
  'properties.test.ts': 6,
  'cluster.test.ts': 6,
  'claims-urpc.test.ts': 4,
  'sweep.test.ts': 4,
  'cli.test.ts': 4,
};

/** Longest first, by the last run's durations where vitest has them, else by LONG; failed files first. */
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const cache = this.ctx.cache;
    const state = (f: TestSpecification) => cache.getFileTestResults(`${f.project.name}:${relative(this.ctx.config.root, f.moduleId)}`);
    const ms = (f: TestSpecification) => state(f)?.duration ?? (LONG[basename(f.moduleId)] ?? 0) * 1000;
    const failed = (f: TestSpecification) => (state(f)?.failed ? 1 : 0);
    return [...files].sort((a, b) => failed(b) - failed(a) || ms(b) - ms(a));
  }
}

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
    sequence: { sequencer: LongestFirst },
  },
});
