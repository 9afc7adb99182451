// Property tests (fast-check) over random machine × kernel × workload × parameters × --set
// what-ifs: inside the declared schemas a run never crashes, never gives NaN, infinite or negative
// numbers, holds Little's law with one caller after a warm-up, and is deterministic (or is refused
// in one line, or stops bounded); one value outside the schemas always gives exit 2 and one line
// naming it. `npm run fuzz` runs the same generators over 10,000 cases.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { argsOf, describeSpec, inSchema, judge, outOfSchema } from '../scripts/fuzz/cases.js';
import { cli } from './support/cli.js';

describe('random configurations', () => {
  it('inside the schemas: sound numbers, deterministic, or a one-line refusal, or a bounded stop', () => {
    let n = 0;
    fc.assert(
      fc.property(inSchema, (spec) => {
        const j = judge(spec, n++ % 4 === 0);
        if (j.verdict === 'crash') throw new Error(`${describeSpec(spec)}: ${j.detail}`);
      }),
      { numRuns: 300, seed: 20261202 },
    );
  });

  it('one value outside the schemas: exit 2, one line naming it, nothing on stdout', async () => {
    await fc.assert(
      fc.asyncProperty(outOfSchema, async (c) => {
        const r = await cli(...argsOf(c.spec));
        expect(r.status, r.stderr).toBe(2);
        expect(r.stdout).toBe('');
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
        expect(r.stderr).toContain(c.names);
      }),
      { numRuns: 300, seed: 20261203 },
    );
  });
});
