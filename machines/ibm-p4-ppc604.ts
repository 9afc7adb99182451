// IBM P4 (RS/6000 43P class), PowerPC 604 at 133 MHz, AIX 4.1: the right-hand machine of Unrau
// and Krieger's uniprocessor measurements (sleep/wake-up paper, §2, Figure 2b).

import { produce } from 'immer';
import type { MachineDesc } from '../sim/hw/machine.js';
import { sgiIndyR4000 } from './sgi-indy-r4000.js';

export const ibmP4Ppc604: MachineDesc = produce(sgiIndyR4000, (m) => {
  m.id = 'ibm-p4-ppc604';
  m.aliases = ['ibm-p4'];
  m.title = 'IBM P4, PowerPC 604 at 133 MHz, AIX 4.1';
  m.tlb = { entries: 128, ways: 2, tagged: true, missCycles: 30 };
  m.cache.l1i!.ways = 4;
  m.cache.l1d!.ways = 4;
  m.sources.clockMHz = 'sleepwake §2: "IBM P4 running AIX 4.1 on a 133 MHz PowerPC 604 processor"';
  m.sources['tlb.entries'] = 'PowerPC 604: 128-entry 2-way data TLB (instruction TLB not modelled separately)';
  m.sources['tlb.ways'] = 'PowerPC 604: 2-way set associative TLBs';
  m.sources['tlb.tagged'] = 'PowerPC: segment registers give effective-to-virtual mapping; no flush on a process switch';
  m.sources['tlb.missCycles'] = 'guess: hardware table walk about 30 cycles';
  m.sources['cache.l1i.ways'] = 'IBM 43P 7248-132 (secondary): 16 KB + 16 KB 4-way L1';
  m.sources['cache.l1d.ways'] = 'IBM 43P 7248-132 (secondary): 16 KB + 16 KB 4-way L1';
  m.sources['bus.tasCycles'] = 'guess: lwarx/stwcx. pair about 20 cycles';
  m.sources['costs.loadContext'] = 'guess: loading segment registers, a few cycles';
  m.sources['costs.jccTaken'] = 'guess: as costs.jcc: the 604 predicts branches and fetches the target with its branch target address cache, a predicted taken branch costing no extra cycle';
  m.sources['costs.segLoad'] = 'no x86-style segment selectors: the PowerPC\'s segment registers map the address space and are loaded on an address-space switch (costs.loadContext), not on a kernel entry or return';
  // AIX 4.1 primitives measured on this machine (sleep/wake-up paper Table 1), in cycles.
  m.costs.sysYield = 798;
  m.sources['costs.sysYield'] = 'sleepwake Table 1: yield loop with 1 process 6 µs × 133 MHz = 798 cycles';
  m.costs.ctxSwitch = 0;
  m.sources['costs.ctxSwitch'] = 'fitted: with ctxPerRunnable, to Table 1 yield loops of 2 and 4 processes (13 and 30 µs per yield)';
  m.costs.ctxPerRunnable = 466;
  m.costs.sysSleep = 1400;
  m.sources['costs.sysSleep'] = 'fitted: the sleep and wake-up path of a blocking call (not in Table 1), chosen so that System V message queues come out 1.8 times slower than BSS at one client (§2.2, Figure 2b)';
  m.sources['costs.ctxPerRunnable'] = 'fitted: switch cost per other runnable process, to Table 1 yield loops of 2 and 4 processes';
  m.costs.sysSemop = 998;
  m.sources['costs.sysSemop'] = 'derived: §3.1 semaphores "of similar weight" to message calls: half of Table 1 msgsnd/msgrcv 15 µs = 7.5 µs × 133';
  m.costs.sysMsgsnd = 998;
  m.sources['costs.sysMsgsnd'] = 'derived: Table 1 msgsnd/msgrcv pair 15 µs, split evenly: 7.5 µs × 133 = 998 cycles';
  m.costs.sysMsgrcv = 998;
  m.sources['costs.sysMsgrcv'] = 'derived: Table 1 msgsnd/msgrcv pair 15 µs, split evenly: 7.5 µs × 133 = 998 cycles';
  m.costs.shmEnqueue = 113;
  m.sources['costs.shmEnqueue'] = 'derived: Table 1 enqueue/dequeue pair 2 µs × 133 = 266 cycles, less two lock test-and-sets (2 × 20), split evenly';
  m.costs.shmDequeue = 113;
  m.sources['costs.shmDequeue'] = 'derived: Table 1 enqueue/dequeue pair 2 µs × 133 = 266 cycles, less two lock test-and-sets (2 × 20), split evenly';
});
