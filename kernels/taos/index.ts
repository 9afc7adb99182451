// Taos kernel threads on the Firefly (URPC §3.3.1, §4.1 Table I, second column): the thread
// operations of FastThreads, but each one that schedules (fork, exit, join, yield, signal, wait)
// is a protected kernel call: a trap in and a return out around a kernel path. An uncontended
// Mutex takes the same user-level fast path as FastThreads's lock, so it does not trap.
//
// Modelled on one processor; Taos's caching of recently run kernel threads on idle processors
// (§4.1) is not simulated, its effect is inside the calibrated FORK;JOIN and PINGPONG paths.

import type { Body } from '../../sim/engine/index.js';
import { FASTTHREADS_INSTRUCTIONS, FastThreads, type ThreadCounts, type UThread } from '../../sim/os/fastthreads.js';
import { AddressSpace, type System } from '../../sim/os/index.js';
import { ProcessorAllocation } from '../../sim/os/processor-allocation.js';
import type { CallFn, KernelDef, KernelInstance, Request } from '../kernel.js';
import { FastThreadOps, isThreadOp } from '../urpc/thread-ops.js';

/**
 * Kernel path lengths at 0.72 µs per instruction. The scheduling core (save, restore, queues,
 * yield) is assumed as long as FastThreads's: the kernel's extra cost is the trap (20 µs, urpc §1).
 */
export const TAOS_INSTRUCTIONS: ThreadCounts = {
  ...FASTTHREADS_INSTRUCTIONS,
  /** derived: urpc Table I FORK 1192 µs = 1655 instructions less two traps (fork, exit: 55) and the enqueue, terminate, dequeue and restore (30): 1570 (calibrated). */
  create: 1570,
  /** derived: urpc Table I FORK;JOIN 1574 µs less FORK (1192), the join's trap (20) and the switches it implies (27 instructions = 19 µs): 343 µs = 476 instructions (calibrated). */
  join: 476,
  /** derived: urpc Table I PINGPONG 271 µs per cycle less four traps (80) and two switches with their queue work (2 × 27 instructions = 39 µs): 152 µs = 211 instructions for two signals and two waits, split evenly (calibrated; split a guess). */
  signal: 53,
  wait: 53,
};

export const taos: KernelDef = {
  id: 'taos',
  title: 'Taos kernel threads (Firefly)',
  describe: 'kernel-level threads: Table I operations through kernel traps (urpc §3.3.1, §4.1 Table I)',
  paper: 'urpc',
  supports: ['threads'],
  options: [],
  check(m, p) {
    if (p.T !== 1) return `taos runs Table I's tests from one thread; got -T ${p.T}`;
    return null;
  },
  boot(sys: System): KernelInstance {
    const rt = new FastThreads(sys, new AddressSpace(sys, 'taos'), { side: 'threads', keepContextLoaded: false, counts: TAOS_INSTRUCTIONS, trapped: true });
    new ProcessorAllocation(sys).assign(sys.cpus[0], rt);
    const ops = new FastThreadOps(rt);
    return {
      sides: ['threads'],
      startClient(i, body) {
        const t = rt.spawn(`thread ${i + 1}`, null);
        let self: UThread = t;
        const call: CallFn = (req: Request): Body<void> => {
          while (self.successor) self = self.successor;
          if (!isThreadOp(req.op)) throw new Error(`taos runs Table I's thread operations only; got op '${req.op ?? 'null call'}'`);
          return ops.run(self, req.op);
        };
        t.body = body(call);
      },
    };
  },
};
