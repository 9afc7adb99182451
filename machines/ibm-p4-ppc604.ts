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
  m.isa = 'ppc';
  m.tlb = { entries: 128, ways: 2, tagged: true, globalKernel: true, sharedSegments: true, singleEntryInvalidate: true, missCycles: 30 };
  m.costs.ldx = 1;
  m.costs.stx = 1;
  m.costs.cmpm = 2;
  m.costs.interlocked = 20;
  m.sources.isa = 'PowerPC 604: the 32-bit PowerPC instruction set';
  m.sources['costs.ld'] = 'guess: lwz, one cycle on a hit (the 604 issues several instructions a cycle; one each is assumed)';
  m.sources['costs.st'] = 'guess: stw, one cycle';
  m.sources['costs.ldx'] = 'PowerPC: lwzx loads base + index in one instruction; guess: one cycle on a hit';
  m.sources['costs.stx'] = 'PowerPC: stwx stores to base + index in one instruction; guess: one cycle';
  m.sources['costs.alu'] = 'PowerPC 604: single-cycle integer units';
  m.sources['costs.shr'] = 'PowerPC: srwi (rlwinm), a single-cycle integer instruction';
  m.sources['costs.cmp'] = 'PowerPC 604: cmpw, a single-cycle integer instruction';
  m.sources['costs.cmpm'] = 'PowerPC: no compare with a memory operand on a load/store machine: lwz then cmpw, 2 cycles on a hit';
  m.sources['costs.jcc'] = 'guess: a predicted untaken bc, one cycle';
  m.sources['costs.call'] = 'guess: bl, one cycle (the 604 folds predicted branches)';
  m.sources['costs.ret'] = 'guess: blr, one cycle (predicted through the link register)';
  m.sources['costs.trap'] = 'guess: sc and the exception entry with its pipeline refill, about 30 cycles';
  m.sources['costs.rti'] = 'guess: rfi with its pipeline refill, about 30 cycles';
  m.sources['costs.interlocked'] = 'guess: a lwarx/stwcx. pair on a cached line with its retry test, about 20 cycles, as bus.tasCycles';
  m.sources['costs.copyStartup'] = 'guess: a bcopy call, alignment tests and loop set-up, about 10 cycles';
  m.sources['costs.invlpg'] = 'guess: tlbie with the sync that must follow it, about 8 cycles';
  m.sources['costs.segRead'] = 'no x86-style segment selectors (PowerPC): 0';
  m.sources['costs.segPush'] = 'no x86-style segment selectors (PowerPC): 0';
  m.sources['costs.agi'] = 'no x86-style address-generation interlock: effective addresses are computed in the load/store unit with bypassing: 0';
  m.sources['tlb.singleEntryInvalidate'] = 'PowerPC architecture: tlbie invalidates the TLB entries of one effective page';
  m.cache.l1i!.ways = 4;
  m.cache.l1d!.ways = 4;
  m.sources.clockMHz = 'sleepwake §2: "IBM P4 running AIX 4.1 on a 133 MHz PowerPC 604 processor"';
  m.sources['tlb.entries'] = 'PowerPC 604: 128-entry 2-way data TLB (instruction TLB not modelled separately)';
  m.sources['tlb.ways'] = 'PowerPC 604: 2-way set associative TLBs';
  m.sources['tlb.tagged'] = 'PowerPC: segment registers give effective-to-virtual mapping; no flush on a process switch';
  m.sources['tlb.globalKernel'] =
    'AIX 32-bit virtual memory model (IBM documentation): segment 0 is the kernel, loaded with the same segment ID in every process; PowerPC 604 User\'s Manual §5.4.3 and Figure 5-7: a TLB entry holds the virtual segment ID and page index, so the kernel\'s translations are one set of entries for every process';
  delete m.sources['tlb.unmappedKernel']; // the PowerPC translates every kernel address (the Indy's unmapped kseg0 does not apply)
  m.sources['tlb.sharedSegments'] =
    'AIX 32-bit virtual memory model (IBM documentation): address space is managed by 256 MB segments, a data segment shared between processes or private, so the processes that map a shared-memory segment load its one segment ID; PowerPC 604 User\'s Manual §5.4.3 and Figure 5-7: entries are tagged by virtual segment ID (and indexed by effective-address bits 14-19), so those processes share its TLB entries';
  m.sources['tlb.missCycles'] = 'guess: hardware table walk about 30 cycles';
  m.sources['cache.l1i.ways'] = 'IBM 43P 7248-132 (secondary): 16 KB + 16 KB 4-way L1';
  m.sources['cache.l1d.ways'] = 'IBM 43P 7248-132 (secondary): 16 KB + 16 KB 4-way L1';
  m.sources['bus.tasCycles'] = 'guess: lwarx/stwcx. pair about 20 cycles';
  m.sources['costs.loadContext'] = 'guess: loading segment registers, a few cycles';
  m.sources['costs.jccTaken'] = 'guess: as costs.jcc: the 604 predicts branches and fetches the target with its branch target address cache, a predicted taken branch costing no extra cycle';
  m.sources['costs.segLoad'] = 'no x86-style segment selectors: the PowerPC\'s segment registers map the address space and are loaded on an address-space switch (costs.loadContext), not on a kernel entry or return: 0';
});
