// Every test file gets its own temporary folder as TMPDIR (inherited by the CLI processes it
// starts), removed when the file's tests end, so no run leaves ipcsim-* folders behind.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';

let dir = '';
let before: string | undefined;

beforeAll(() => {
  before = process.env.TMPDIR;
  dir = mkdtempSync(join(tmpdir(), 'ipcsim-test-'));
  process.env.TMPDIR = dir;
});

afterAll(() => {
  if (before === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = before;
  rmSync(dir, { recursive: true, force: true });
});
