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
  m.sources['cache.l2.sizeBytes'] = 'SGI Challenge (secondary): 1 MB or 4 MB secondary cache per processor; 1 MB assumed';
});
