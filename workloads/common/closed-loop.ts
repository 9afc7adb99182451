// The null RPC in a closed loop, the experiment every paper runs: each client thread calls, waits
// for the reply and calls again. Warm-up calls are left out; measurement ends at the N-th
// measured completion. Latency is round trip (call to return); throughput is completions per
// second of simulated time over the measured window.
//
// Steady state: the warm-up ends at its call count only once the scheduling period the kernel
// declares has passed (every timeslice boundary crossed once) and every client thread has
// finished a call (a thread still waiting for its first timeslice would otherwise be measured as
// if it were not there); for a thread that never gets to run, at ten times the count and ten
// periods. A warm-up of 0 calls measures from the start.

import type { Body } from '../../sim/engine/index.js';
import type { System } from '../../sim/os/index.js';
import type { KernelInstance, Request, RunParams } from '../../kernels/kernel.js';

export interface LoopOptions {
  calls: number;
  warmup: number;
  /** What each call asks (default: a call of --bytes bytes). */
  request?: Request;
  /** The warm-up lasts at least this many cycles (one scheduling period of the configuration). */
  minWarmupCycles?: number;
}

export interface LoopOutcome {
  /** Calls measured. */
  calls: number;
  /** Cycle at which measurement began (the warm-up's length) and ended. */
  start: number;
  end: number;
  /** Calls finished so far, warm-up included (progress). */
  completed?: number;
  /** Calls the warm-up took (set when measurement begins). */
  warmupCalls?: number;
  /** Closed loop without think time: `callers` calls are always in progress (Little's law). */
  closed?: boolean;
  /** Measured calls finished by each caller (a client thread or process), in start order. */
  perCaller?: number[];
}

export function closedLoop(sys: System, k: KernelInstance, p: RunParams, o: LoopOptions): LoopOutcome {
  const sim = sys.sim;
  const latency = sys.stats.sampler('latency', 'round-trip latency of one call');
  let measuring = o.warmup === 0;
  const out: LoopOutcome = { calls: 0, start: 0, end: 0, completed: 0, warmupCalls: 0, closed: true, perCaller: [] };
  const perCaller = out.perCaller!;
  // Callers that have not yet finished a call (the warm-up waits for them).
  let fresh = 0;
  const req: Request = o.request ?? { kind: 'call', bytes: p.bytes };
  const period = o.minWarmupCycles ?? 0;
  const warmed = () => out.completed! >= o.warmup && sim.now >= period && (fresh === 0 || (out.completed! >= 10 * o.warmup && sim.now >= 10 * period));
  for (let t = 0; t < p.T; t++) {
    // A kernel may run the body in several callers (the sleep/wake-up kernels' client processes).
    k.startClient(t, (call) => {
      const me = perCaller.length;
      perCaller.push(0);
      fresh++;
      return (function* (): Body<void> {
        let first = true;
        for (;;) {
          const began = sim.now;
          yield* call(req);
          out.completed!++;
          if (first) {
            first = false;
            fresh--;
          }
          if (measuring) {
            latency.push(sim.now - began);
            perCaller[me]++;
            if (++out.calls === o.calls) {
              out.end = sim.now;
              sim.stop();
              return;
            }
          } else if (warmed()) {
            measuring = true;
            sys.stats.reset(sim.now);
            out.start = sim.now;
            out.warmupCalls = out.completed;
          }
          if (sim.isStopped) return;
        }
      })();
    });
  }
  return out;
}
