// The first honest numbers: L3's minimal null IPC on the i486, with the TLB deciding the misses.

import { describe, expect, it } from 'vitest';
import { TABLE3 } from '../kernels/l3/minimal.js';
import { appendixRun, perIpc } from '../workloads/l3/appendix.js';
import { simulate } from '../workloads/run.js';
import { i486dx50 } from '../machines/i486-dx50.js';

describe('L3 minimal null IPC', () => {
  // The paper's counts are checked by the claims; these tests check the mechanisms behind them.
  it('misses the TLB on every IPC when the TLB is flushed on every switch, and only the TLB', () => {
    const p = perIpc(appendixRun('test'), TABLE3);
    expect(p.tlbMisses).toBeGreaterThan(0);
    expect(Number.isInteger(p.tlbMisses)).toBe(true); // the same misses every IPC in steady state
    expect(p.tlbCycles).toBe(p.tlbMisses * i486dx50.tlb.missCycles);
    expect(p.cacheMisses).toBe(0);
    expect(p.cycles).toBe(p.exec + p.tlbCycles);
  });

  it('misses nothing with a tagged TLB (what-if through --set), leaving the execution cycles', () => {
    const flushed = perIpc(appendixRun('test'), TABLE3);
    const tagged = perIpc(appendixRun('test', ['tlb.tagged=true']), TABLE3);
    expect(tagged.tlbMisses).toBe(0);
    expect(tagged.cycles).toBe(flushed.exec);
  });

  it('misses more from a cold start than in steady state', () => {
    const minimal = ['kernel.path=minimal'];
    const cold = simulate({ machine: 'i486-dx50', kernel: 'l3', calls: 1, warmup: 0, set: minimal });
    const warm = simulate({ machine: 'i486-dx50', kernel: 'l3', calls: 50, set: minimal });
    expect(cold.result.latencyCycles.mean).toBeGreaterThan(warm.result.latencyCycles.mean);
    // A round trip is two IPCs, one each way, over the same path.
    expect(warm.result.latencyCycles.mean).toBe(2 * perIpc(warm.result.breakdown, TABLE3).cycles);
  });

  it('runs slower on the 386 with its costlier INT and IRET', () => {
    const i386 = simulate({ machine: 'i386-20', kernel: 'l3', calls: 50, set: ['kernel.path=minimal'] });
    const i486 = simulate({ machine: 'i486-dx50', kernel: 'l3', calls: 50, set: ['kernel.path=minimal'] });
    expect(i386.result.latencyCycles.mean).toBeGreaterThan(i486.result.latencyCycles.mean);
  });
});
