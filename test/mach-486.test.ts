// The machine-independent Mach 3.0 kernel on the i486 (L3 paper §5.5.3, §5.5.5, §5.6, Table 7):
// taken branches priced as such, the segment registers a Mach kernel entry and return load, and
// the mach_thread_self system call; and that none of it moves the HP 9000/730's cycles.

import { describe, expect, it } from 'vitest';
import { machines } from '../machines/index.js';
import { code, TAKEN_BRANCH_SHARE } from '../sim/os/mach/mix.js';
import { simulate, type RunSpec } from '../workloads/run.js';

const run = (spec: Partial<RunSpec>) => simulate({ machine: 'i486-dx50', kernel: 'mach', calls: 40, warmup: 10, ...spec }).result;
const count = (work: ReturnType<typeof code>, cls: string): number =>
  work.reduce((n, w) => n + (w.k === 'i' && w.cls === cls ? w.n : 0), 0);

describe('mach on the i486', () => {
  it('every machine prices the taken branch and the segment load, with a source', () => {
    for (const m of machines) {
      expect(m.costs.jccTaken, m.id).toBeTypeOf('number');
      expect(m.costs.segLoad, m.id).toBeTypeOf('number');
      expect(m.sources['costs.jccTaken'] ?? m.sources['costs.jcc'], m.id).toBeTruthy();
      expect(m.sources['costs.segLoad'], m.id).toBeTruthy();
    }
  });

  it('a code path takes its stated share of branches', () => {
    const w = code(1000);
    const branches = count(w, 'jcc') + count(w, 'jccTaken');
    expect(branches).toBe(200);
    expect(count(w, 'jccTaken')).toBe(Math.round(200 * TAKEN_BRANCH_SHARE));
  });

  it('segment loads are the only difference between the 486 and a 486 without segment registers', () => {
    const a = run({});
    const b = run({ set: ['costs.segLoad=0'] });
    // One round trip enters the kernel twice from user mode (2 loads each) and returns twice (4 each).
    expect(a.latencyCycles.mean - b.latencyCycles.mean).toBe(2 * (2 + 4) * 9);
  });

  it('taken branches cost the 486 more than untaken ones would', () => {
    const a = run({});
    const b = run({ set: ['costs.jccTaken=1'] });
    expect(a.latencyCycles.mean).toBeGreaterThan(b.latencyCycles.mean);
  });

  it('mach_thread_self runs the Mach trap path around its routine, well above a bare INT and IRET', () => {
    const r = run({ workload: 'mach-thread-self' });
    expect(r.breakdown.some((b) => /mach_thread_self/.test(b.step))).toBe(true);
    expect(r.breakdown.every((b) => b.side === 'kernel')).toBe(true);
    // The bare trap and return are 71 + 36 cycles; the Mach path is several times that.
    expect(r.latencyCycles.mean).toBeGreaterThan(4 * (71 + 36));
    // One call leaves the kernel with the user segments reloaded: 2 + 4 segment loads.
    const noSeg = run({ workload: 'mach-thread-self', set: ['costs.segLoad=0'] });
    expect(r.latencyCycles.mean - noSeg.latencyCycles.mean).toBe(6 * 9);
  });

  it('on the HP 9000/730 the new work costs nothing extra: taken branches as untaken, no segment loads', () => {
    const hp = (set: string[]) => simulate({ machine: 'hp9000-730', kernel: 'mach', calls: 30, warmup: 5, set }).result.latencyCycles.mean;
    expect(hp([])).toBe(hp(['costs.jccTaken=1', 'costs.segLoad=0']));
    const m = machines.find((x) => x.id === 'hp9000-730')!;
    expect(m.costs.jccTaken).toBe(m.costs.jcc);
    expect(m.costs.segLoad).toBe(0);
  });
});
