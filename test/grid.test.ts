// Every kernel on every machine: a few hundred calls of each kernel's default workload on each
// machine give a finite, positive latency, and every round trip the kernel mediates enters the
// kernel at least twice and returns from it at least twice, through the machine's own trap and
// trap return.

import { describe, expect, it } from 'vitest';
import { machines } from '../machines/index.js';
import { kernels } from '../kernels/index.js';
import { simulate } from '../workloads/run.js';

/**
 * Kernels whose round trips the kernel does not mediate: Taos's thread operations are no round
 * trips, and the user-level protocols (sleep/wake-up §2-§4) pass messages through shared memory,
 * entering the kernel only to yield or sleep, which on a multiprocessor they may never need.
 */
const NOT_KERNEL_MEDIATED = new Set(['taos', 'bss', 'bsw', 'bswy', 'bsls']);

/** In-kernel servers (inks §3): the server runs in the kernel, so a round trip is one trap in and one return out. */
const IN_KERNEL_SERVER = new Set(['inks-msg', 'inks-trap']);

const cells = kernels.flatMap((k) => machines.map((m) => [k.id, m.id] as const));

describe('every kernel on every machine', () => {
  it.each(cells)('%s on %s', (kernel, machine) => {
    const r = simulate({ machine, kernel, calls: 200 });
    const lat = r.result.latencyUs.mean;
    expect(Number.isFinite(lat) && lat > 0, `latency ${lat}`).toBe(true);
    expect(r.result.latencyCycles.mean).toBeGreaterThan(0);
    const entries = r.result.breakdown.reduce((s, b) => s + b.trapEntries, 0);
    const returns = r.result.breakdown.reduce((s, b) => s + b.trapReturns, 0);
    // URPC with a processor on each side never enters the kernel; with S = 0 every call donates the processor through it.
    const mediated = !NOT_KERNEL_MEDIATED.has(kernel) && !(kernel === 'urpc' && r.params.S > 0);
    if (mediated) {
      const least = IN_KERNEL_SERVER.has(kernel) ? 1 : 2;
      expect(entries, 'trap entries per round trip').toBeGreaterThanOrEqual(least);
      expect(returns, 'trap returns per round trip').toBeGreaterThanOrEqual(least);
    }
  });

  it('runs URPC on a uniprocessor as the S = 0 case by default', () => {
    const r = simulate({ machine: 'i486-dx50', kernel: 'urpc', calls: 100 });
    expect([r.params.C, r.params.S]).toEqual([1, 0]);
    // Two processor reallocations per call: to the server and back.
    expect(r.result.stats.find((s) => s.name === 'reallocations')!.value / r.result.calls).toBe(2);
  });

  it("runs URPC's channel locks on the Challenge as the R4400's interlocked class (an LL/SC pair)", () => {
    const r = simulate({ machine: 'sgi-challenge-8', kernel: 'urpc', calls: 100, set: ['costs.interlocked=1000'] });
    const base = simulate({ machine: 'sgi-challenge-8', kernel: 'urpc', calls: 100 });
    // Each side's send and receive take and release a channel lock: the round trip pays for them.
    expect(r.result.latencyCycles.mean - base.result.latencyCycles.mean).toBeGreaterThan(4 * (1000 - 20));
  });
});
