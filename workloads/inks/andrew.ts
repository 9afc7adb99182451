// A synthetic macro benchmark from the communication counts of one Andrew run (inks §4.5, Tables 7
// and 8): the Unix system calls, INKS traps and Mach kernel calls of the run, issued in the run's
// proportions, each through the configuration's own path. Only the communication is simulated:
// the benchmark's computation and disk time are not in the model.

import type { Body } from '../../sim/engine/index.js';
import type { System } from '../../sim/os/index.js';
import type { KernelInstance, RunParams } from '../../kernels/kernel.js';
import type { LoopOutcome } from '../common/closed-loop.js';
import type { WorkloadDef } from '../workload.js';

export interface MixEntry {
  /** The catalogue's row. */
  row: string;
  /** Operations of one Andrew run (Tables 7 and 8). */
  count: number;
  /** The kernel operation that stands for it. */
  op: string;
}

/**
 * One Andrew run's communication (inks Tables 7 and 8). Each Unix call traps to the emulator
 * ("Emulation Traps"); 48142 of them went on to the server ("INKS Traps"; by message in the
 * message configurations), the rest the emulator answered. The server's work per call is unknown:
 * a null server call stands for each (assumption). Mach messages are priced as simple synchronous
 * kernel calls whatever their Table 8 type (assumption: the model has no complex or one-way messages).
 */
export const ANDREW_MIX: readonly MixEntry[] = [
  // Table 7: 82474 emulation traps - 48142 INKS traps.
  { row: 'emulator-only Unix calls', count: 82474 - 48142, op: 'unix:nop-emulator' },
  { row: 'INKS traps (Unix calls to the server)', count: 48142, op: 'unix:nop-server' },
  { row: 'Mach syscalls (trap) from user', count: 2748, op: 'mach:user-trap' },
  // Table 8: 7810 sync simple + 8214 sync complex = 16024.
  { row: 'Mach syscalls (msg) from user, sync simple', count: 7810, op: 'mach:user-msg' },
  { row: 'Mach syscalls (msg) from user, sync complex', count: 8214, op: 'mach:user-msg' },
  { row: 'Mach syscalls (trap) from server', count: 41480, op: 'mach:trap' },
  // Table 8: 22176 + 4666 + 6552 + 12260 = 45654.
  { row: 'Mach syscalls (msg) from server, sync simple', count: 22176, op: 'mach:msg' },
  { row: 'Mach syscalls (msg) from server, sync complex', count: 4666, op: 'mach:msg' },
  { row: 'Mach syscalls (msg) from server, async send', count: 6552, op: 'mach:msg' },
  { row: 'Mach syscalls (msg) from server, async receive', count: 12260, op: 'mach:msg' },
];

export const ANDREW_OPERATIONS = ANDREW_MIX.reduce((n, e) => n + e.count, 0);

/**
 * The run's operations in its proportions, interleaved by smooth weighted round robin (each step
 * picks the entry furthest behind its share), so any prefix holds the mix in proportion.
 */
export function mixSequence(mix: readonly MixEntry[]): () => MixEntry {
  const total = mix.reduce((n, e) => n + e.count, 0);
  const credit = mix.map(() => 0);
  return () => {
    let best = 0;
    for (let i = 0; i < mix.length; i++) {
      credit[i] += mix[i].count;
      if (credit[i] > credit[best]) best = i;
    }
    credit[best] -= total;
    return mix[best];
  };
}

function mixedLoop(sys: System, k: KernelInstance, p: RunParams, o: { calls: number; warmup: number }): LoopOutcome {
  const sim = sys.sim;
  const latency = sys.stats.sampler('latency', 'round-trip latency of one call');
  const issued = new Map(ANDREW_MIX.map((e) => [e.row, sys.stats.counter(`andrew.${e.row}`, 'operations', `Andrew mix: ${e.row}`)]));
  const next = mixSequence(ANDREW_MIX);
  const out: LoopOutcome = { calls: 0, start: 0, end: 0 };
  let completed = 0;
  let measuring = o.warmup === 0;
  k.startClient(0, (call) =>
    (function* (): Body<void> {
      for (;;) {
        const e = next();
        const began = sim.now;
        yield* call({ kind: 'system', call: e.op });
        completed++;
        if (measuring) {
          issued.get(e.row)!.add();
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
      }
    })(),
  );
  return out;
}

export const andrewMix: WorkloadDef = {
  id: 'inks-andrew-mix',
  title: 'the communication of one Andrew run (inks Tables 7-8) in its proportions',
  kernels: ['mach', 'inks-msg', 'inks-trap'],
  requests: 'system',
  start: (sys, k, p, o) => mixedLoop(sys, k, p, o),
  runsOn: (k) => ['mach', 'inks-msg', 'inks-trap'].includes(k.id),
};
