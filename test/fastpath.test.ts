// Shortcuts that merge work nothing can observe (a delay loop's polls run as one hold) must leave
// every result the same to the cycle: each kernel, on a machine it runs on, and the multiprocessor
// sleep/wake-up runs whose delay loops take the shortcut, run with and without it; everything but
// the host-side perf figures (engine events, wall time) must be equal. Also checks that the
// shortcut never adds engine events. (A poll that found everything in its caches is charged again
// without executing while nothing on its processor changes, and merged with the next ones only
// while no other event can come first: on a busy multiprocessor that is rare, so the event counts
// are often equal.)

import { afterEach, describe, expect, it } from 'vitest';
import { kernels } from '../kernels/index.js';
import { machines } from '../machines/index.js';
import { fastPaths } from '../sim/os/system.js';
import { simulate, type RunSpec } from '../workloads/run.js';

function both(spec: RunSpec) {
  fastPaths.enabled = true;
  const { perf: fastPerf, timeline: _a, ...fast } = simulate(spec);
  fastPaths.enabled = false;
  const { perf: slowPerf, timeline: _b, ...slow } = simulate(spec);
  fastPaths.enabled = true;
  return { fast, slow, fastEvents: fastPerf.events, slowEvents: slowPerf.events };
}

/** The first machine a kernel runs on (accepts its parameters and prices its work). */
function machineFor(kernel: string, extra: Partial<RunSpec>): string {
  for (const m of machines) {
    try {
      simulate({ machine: m.id, kernel, calls: 10, ...extra });
      return m.id;
    } catch {
      // not this machine
    }
  }
  throw new Error(`no machine runs ${kernel}`);
}

afterEach(() => {
  fastPaths.enabled = true;
});

describe('fast paths change no result', () => {
  it.each(kernels.map((k) => [k.id] as const))('%s, on the first machine that runs it', (kernel) => {
    const extra: Partial<RunSpec> = kernel.startsWith('bs') || kernel === 'sysv' ? { clients: 2 } : {};
    const machine = machineFor(kernel, extra);
    const { fast, slow } = both({ machine, kernel, calls: 1500, ...extra });
    expect(fast).toEqual(slow);
  });

  it.each([
    ['bss', 2],
    ['bss', 3],
    ['bsls', 3],
    ['bswy', 3],
  ] as const)('%s with %i clients on the 8-processor Challenge (delay loops), with no more engine events', (kernel, clients) => {
    const { fast, slow, fastEvents, slowEvents } = both({ machine: 'sgi-challenge-8', kernel, clients, calls: 3000 });
    expect(fast).toEqual(slow);
    expect(fastEvents).toBeLessThanOrEqual(slowEvents);
  });

  it('idle processors polling URPC channels, and nine BSLS clients polling with MAX_SPIN 2 (polls repeated unexecuted while nothing changed)', () => {
    for (const spec of [
      { machine: 'firefly-cvax', kernel: 'urpc', T: 1, C: 2, S: 2, calls: 3000 },
      { machine: 'sgi-challenge-8', kernel: 'bsls', clients: 9, calls: 1500, set: ['kernel.maxSpin=2'] },
    ] as RunSpec[]) {
      const { fast, slow } = both(spec);
      expect(fast).toEqual(slow);
    }
  });

  it('a delay loop that runs its whole length, preempted by clock ticks (one client process per processor pair)', () => {
    const spec: RunSpec = { machine: 'sgi-challenge-8', kernel: 'bss', clients: 7, calls: 2000, set: ['kernel.pollUs=500'] };
    const { fast, slow } = both(spec);
    expect(fast).toEqual(slow);
  });
});
