// SGI Challenge with 8 processors: the multiprocessor of Unrau and Krieger's Figure 11.

import { produce } from 'immer';
import type { MachineDesc } from '../sim/hw/machine.js';
import { sgiIndyR4000 } from './sgi-indy-r4000.js';

export const sgiChallenge8: MachineDesc = produce(sgiIndyR4000, (m) => {
  m.id = 'sgi-challenge-8';
  m.aliases = ['sgi-challenge'];
  m.title = 'SGI Challenge, 8 MIPS R4400 processors, IRIX';
  m.clockMHz = 150;
  m.processors = 8;
  m.cache.l2!.sizeBytes = 1048576;
  m.sources.clockMHz = 'guess: R4400 at 150 MHz, a common Challenge configuration (100 to 250 MHz were sold); the paper gives no clock';
  m.sources.processors = 'sleepwake §5: "an 8-processor SGI Challenge"';
  m.sources.isa = 'MIPS R4400: the MIPS III instruction set, as the R4000';
  m.sources['costs.interlocked'] =
    'guess: a load-linked/store-conditional pair (LL, SC) on a cached line with its retry test, about 20 cycles, as bus.tasCycles (R4400: the R4000 instruction set and pipeline)';
  for (const k of ['sysYield', 'ctxSwitch', 'ctxPerRunnable', 'sysSleep', 'sysSemop', 'sysMsgsnd', 'sysMsgrcv', 'shmEnqueue', 'shmDequeue']) {
    m.sources[`costs.${k}`] = `guess: the Indy's IRIX primitive in cycles (the paper measured Table 1 on the Indy only); Indy: ${m.sources[`costs.${k}`]}`;
  }
  // Shared lines migrate between processors: each queue operation touches about three lines (its
  // lock, the head or tail, the node) last written by another processor, and a flag access one.
  m.costs.shmEnqueue = 180 + 3 * 150;
  m.costs.shmDequeue = 180 + 3 * 150;
  m.sources['costs.shmEnqueue'] = 'derived: the Indy\'s 180 cycles (Table 1) + 3 shared lines fetched from another processor\'s cache at about 150 cycles (1 µs, guess for a POWERpath-2 cache-to-cache transfer)';
  m.sources['costs.shmDequeue'] = 'derived: the Indy\'s 180 cycles (Table 1) + 3 shared lines fetched from another processor\'s cache at about 150 cycles (1 µs, guess for a POWERpath-2 cache-to-cache transfer)';
  m.costs.flagLoad = 150;
  m.costs.flagStore = 150;
  m.sources['costs.flagLoad'] = 'guess: the awake flag\'s line is last written by the other side\'s processor: a cache-to-cache transfer, about 1 µs';
  m.sources['costs.flagStore'] = 'guess: the awake flag\'s line is held by the other side\'s processor: an invalidating bus transaction, about 1 µs';
  m.sources['cache.l2.sizeBytes'] = 'SGI Challenge (secondary): 1 MB or 4 MB secondary cache per processor; 1 MB assumed';
});
