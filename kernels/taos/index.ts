// Taos kernel threads on the Firefly (URPC §3.3.1, §4.1 Table I, second column): the thread
// operations of FastThreads, but each one that schedules (fork, exit, join, yield, signal, wait)
// is a protected kernel call: a trap in and a return out around a kernel path. An uncontended
// Mutex takes the same user-level fast path as FastThreads's lock, so it does not trap.
//
// Modelled on one processor; Taos's caching of recently run kernel threads on idle processors
// (§4.1) is not simulated, its effect is inside the calibrated FORK;JOIN and PINGPONG paths.

import type { Body } from '../../sim/engine/index.js';
import { FastThreads, type UThread } from '../../sim/os/fastthreads.js';
import { TAOS_INSTRUCTIONS } from '../../sim/os/firefly/taos.js';
import { AddressSpace, type System } from '../../sim/os/index.js';
import { ProcessorAllocation } from '../../sim/os/processor-allocation.js';
import type { CallFn, KernelDef, KernelInstance, Request } from '../kernel.js';
import { FastThreadOps } from '../../sim/os/firefly/thread-ops.js';

export const taos: KernelDef = {
  id: 'taos',
  title: 'Taos kernel threads (Firefly)',
  describe: 'kernel-level threads: Table I operations through kernel traps (urpc §3.3.1, §4.1 Table I)',
  paper: 'urpc',
  // Home ISA: path lengths counted in C-VAX instructions at the Firefly's average instruction time (urpc §4).
  isa: 'vax',
  supports: ['threads'],
  requests: ['thread'],
  params: { T: { only: [1], why: "Table I's tests run from one thread" } },
  options: [],
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
          if (req.kind !== 'thread') throw new Error(`taos runs Table I's thread operations only; got a ${req.kind} request`);
          return ops.run(self, req.op);
        };
        t.body = body(call);
      },
    };
  },
};
