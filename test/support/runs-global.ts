// Runs shared between the suite's test files: a folder made for this run of the suite (and removed
// after it) where each file's memoised runs are stored, keyed by the run's resolved specification,
// so a run several files ask for is made once per suite. Nothing outlives the suite run, so a
// stored run is always the current model's.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    runsDir: string;
  }
}

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'ipcsim-runs-'));
  project.provide('runsDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
