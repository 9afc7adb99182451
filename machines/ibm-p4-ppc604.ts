// IBM P4 (RS/6000 43P class), PowerPC 604 at 133 MHz, AIX 4.1: the right-hand machine of Unrau
// and Krieger's uniprocessor measurements (sleep/wake-up paper, §2, Figure 2b).

import { produce } from 'immer';
import type { MachineDesc } from '../sim/hw/machine.js';
import { sgiIndyR4000 } from './sgi-indy-r4000.js';

export const ibmP4Ppc604: MachineDesc = produce(sgiIndyR4000, (m) => {
  m.id = 'ibm-p4-ppc604';
  m.aliases = ['ibm-p4'];
  m.title = 'IBM P4, PowerPC 604 at 133 MHz, AIX 4.1';
  m.os = 'AIX 4.1';
  m.sources.os = 'sleepwake §2.2: "an IBM P4 running AIX 4.1"';
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
});
