// The first honest numbers: L3's minimal null IPC on the i486, with the TLB deciding the misses.

import { describe, expect, it } from 'vitest';
import { TABLE3 } from '../kernels/l3/minimal.js';
import { appendixRun, perIpc } from '../workloads/l3/appendix.js';
import { simulate } from '../workloads/run.js';

describe('L3 minimal null IPC', () => {
  it('misses the TLB five times per IPC when the TLB is flushed on every switch', () => {
    const p = perIpc(appendixRun('test'), TABLE3);
    expect(p.tlbMisses).toBe(5);
    expect(p.exec).toBe(127);
    expect(p.cacheMisses).toBe(0);
  });

  it('misses nothing with a tagged TLB (what-if through --set)', () => {
    const p = perIpc(appendixRun('test', ['tlb.tagged=true']), TABLE3);
    expect(p.tlbMisses).toBe(0);
    expect(p.cycles).toBe(127);
  });

  it('misses more from a cold start than in steady state', () => {
    const minimal = ['kernel.path=minimal'];
    const cold = simulate({ machine: 'i486-dx50', kernel: 'l3', calls: 1, warmup: 0, set: minimal });
    const warm = simulate({ machine: 'i486-dx50', kernel: 'l3', calls: 50, set: minimal });
    expect(cold.result.latencyCycles.mean).toBeGreaterThan(warm.result.latencyCycles.mean);
    expect(warm.result.latencyCycles.mean).toBe(2 * 172);
  });

  it('runs slower on the 386 with its costlier INT and IRET', () => {
    const i386 = simulate({ machine: 'i386-20', kernel: 'l3', calls: 50, set: ['kernel.path=minimal'] });
    const i486 = simulate({ machine: 'i486-dx50', kernel: 'l3', calls: 50, set: ['kernel.path=minimal'] });
    expect(i386.result.latencyCycles.mean).toBeGreaterThan(i486.result.latencyCycles.mean);
  });
});
