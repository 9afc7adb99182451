// Every kernel on every machine: a few hundred calls of each kernel's default workload on each
// machine give a finite, positive latency, and every round trip the kernel mediates enters the
// kernel at least twice and returns from it at least twice, through the machine's own trap and
// trap return. Cells that cannot run yet are listed with the reason, and must refuse.

import { describe, expect, it } from 'vitest';
import { machines } from '../machines/index.js';
import { kernels } from '../kernels/index.js';
import { simulate, UsageError } from '../workloads/run.js';

const UNIX_KERNELS = ['sysv', 'bss', 'bsw', 'bswy', 'bsls'];
const UNIX_MACHINES = ['sgi-indy-r4000', 'ibm-p4-ppc604', 'sgi-challenge-8', 'linux-i486-66'];

/**
 * Cells that refuse for now, with the reason. The Unix kernels' system calls, sleeps, yields and
 * context switches are still priced as whole measured primitives of the four Unix machines; until
 * they are code paths of the OS model that any machine prices, the other machines refuse them.
 */
const PENDING: ReadonlyMap<string, string> = new Map(
  UNIX_KERNELS.flatMap((k) =>
    machines.filter((m) => !UNIX_MACHINES.includes(m.id)).map((m) => [`${k}@${m.id}`, 'Unix primitives are measured costs of the four Unix machines, not yet OS code paths'] as const),
  ),
);

/** Kernels whose requests are not cross-address-space round trips (Taos's thread operations). */
const NOT_KERNEL_MEDIATED = new Set(['taos']);

/** In-kernel servers (inks §3): the server runs in the kernel, so a round trip is one trap in and one return out. */
const IN_KERNEL_SERVER = new Set(['inks-msg', 'inks-trap']);

/**
 * Kernels whose system calls are still whole measured primitives of their machines, with no
 * modelled trap: their traps are counted when the primitives become OS code paths (then drop them
 * from this list).
 */
const PENDING_TRAPS = new Set(UNIX_KERNELS);

const cells = kernels.flatMap((k) => machines.map((m) => [k.id, m.id] as const));

describe('every kernel on every machine', () => {
  it.each(cells)('%s on %s', (kernel, machine) => {
    const pending = PENDING.get(`${kernel}@${machine}`);
    if (pending !== undefined) {
      // A pending cell refuses with one line; when it starts to run, drop it from PENDING.
      expect(() => simulate({ machine, kernel, calls: 200 }), pending).toThrow(UsageError);
      return;
    }
    const r = simulate({ machine, kernel, calls: 200 });
    const lat = r.result.latencyUs.mean;
    expect(Number.isFinite(lat) && lat > 0, `latency ${lat}`).toBe(true);
    expect(r.result.latencyCycles.mean).toBeGreaterThan(0);
    const entries = r.result.breakdown.reduce((s, b) => s + b.trapEntries, 0);
    const returns = r.result.breakdown.reduce((s, b) => s + b.trapReturns, 0);
    // URPC with a processor on each side never enters the kernel; with S = 0 every call donates the processor through it.
    const mediated = !NOT_KERNEL_MEDIATED.has(kernel) && !(kernel === 'urpc' && r.params.S > 0);
    if (PENDING_TRAPS.has(kernel)) {
      expect(entries + returns, 'traps are not modelled yet: drop the kernel from PENDING_TRAPS').toBe(0);
    } else if (mediated) {
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
