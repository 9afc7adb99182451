// The null RPC in a closed loop, the experiment every paper runs: each client thread calls, waits
// for the reply and calls again. Warm-up calls are left out; measurement ends at the N-th
// measured completion. Latency is round trip (call to return); throughput is completions per
// second of simulated time over the measured window.

import type { Body } from '../../sim/engine/index.js';
import type { System } from '../../sim/os/index.js';
import type { KernelInstance, Request, RunParams } from '../../kernels/kernel.js';

export interface LoopOptions {
  calls: number;
  warmup: number;
  /** What each call asks (default: a call of --bytes bytes). */
  request?: Request;
}

export interface LoopOutcome {
  /** Calls measured. */
  calls: number;
  /** Cycle at which measurement began and ended. */
  start: number;
  end: number;
}

export function closedLoop(sys: System, k: KernelInstance, p: RunParams, o: LoopOptions): LoopOutcome {
  const sim = sys.sim;
  const latency = sys.stats.sampler('latency', 'round-trip latency of one call');
  let completed = 0;
  let measuring = o.warmup === 0;
  const out: LoopOutcome = { calls: 0, start: 0, end: 0 };
  const req: Request = o.request ?? { kind: 'call', bytes: p.bytes };
  for (let t = 0; t < p.T; t++) {
    k.startClient(t, (call) =>
      (function* (): Body<void> {
        for (;;) {
          const began = sim.now;
          yield* call(req);
          completed++;
          if (measuring) {
            latency.push(sim.now - began);
            if (++out.calls === o.calls) {
              out.end = sim.now;
              sim.stop();
              return;
            }
          } else if (completed === o.warmup) {
            measuring = true;
            sys.stats.reset(sim.now);
            out.start = sim.now;
          }
          if (sim.isStopped) return;
        }
      })(),
    );
  }
  return out;
}
