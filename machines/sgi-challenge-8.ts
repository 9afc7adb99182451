// SGI Challenge with 8 processors: the multiprocessor of Unrau and Krieger's Figure 11.

import { produce } from 'immer';
import type { MachineDesc } from '../sim/hw/machine.js';
import { sgiIndyR4000 } from './sgi-indy-r4000.js';

export const sgiChallenge8: MachineDesc = produce(sgiIndyR4000, (m) => {
  m.id = 'sgi-challenge-8';
  m.aliases = ['sgi-challenge'];
  m.title = 'SGI Challenge, 8 MIPS R4400 processors, IRIX';
  m.os = 'IRIX 6.2';
  m.sources.os = 'sleepwake §5 names no IRIX version for the Challenge; assumed the Indy\'s IRIX 6.2 (§2.2), the same system the authors ran';
  m.clockMHz = 150;
  m.processors = 8;
  m.cache.l2!.sizeBytes = 1048576;
  m.sources.clockMHz = 'guess: R4400 at 150 MHz, a common Challenge configuration (100 to 250 MHz were sold); the paper gives no clock';
  m.sources.processors = 'sleepwake §5: "an 8-processor SGI Challenge"';
  m.sources.isa = 'MIPS R4400: the MIPS III instruction set, as the R4000';
  m.sources['costs.interlocked'] =
    'guess: a load-linked/store-conditional pair (LL, SC) on a cached line with its retry test, about 20 cycles, as bus.tasCycles (R4400: the R4000 instruction set and pipeline)';
  // The processors' caches are kept coherent over the POWERpath-2 bus by write-invalidate: a line
  // written by one processor and then read by another moves cache to cache.
  m.bus = { tasCycles: m.bus.tasCycles, model: 'invalidate', transferCycles: 150, invalidateCycles: 150, occupancyCycles: 16 };
  m.sources['bus.model'] = 'SGI Challenge: snooping caches kept coherent by invalidation (the R4400\'s coherence protocol with a duplicate tag set on each CPU board, Culler and Singh, Parallel Computer Architecture §6.6)';
  m.sources['bus.transferCycles'] = 'guess: a line supplied by another processor\'s cache about 1 µs (150 cycles at 150 MHz), as the machine assumed before for a shared line';
  m.sources['bus.invalidateCycles'] = 'guess: a write to a line other caches hold waits about 1 µs for the invalidating bus transaction, as the machine assumed before for the awake flag';
  m.sources['bus.occupancyCycles'] = 'derived: POWERpath-2 is a split-transaction bus at 47.6 MHz (21 ns cycles) moving 256 bits a cycle, so a 128-byte line is 4 data cycles plus its address cycle, about 105 ns = 16 cycles at 150 MHz';
  m.sources['cache.l2.sizeBytes'] = 'SGI Challenge (secondary): 1 MB or 4 MB secondary cache per processor; 1 MB assumed';
});
