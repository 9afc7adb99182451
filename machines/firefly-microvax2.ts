// The original DEC Firefly with MicroVAX II (78032) processors at 5 MHz: the machine of the SRC
// RPC measurements that the LRPC and URPC papers quote (937 µs null call).

import { produce } from 'immer';
import type { MachineDesc } from '../sim/hw/machine.js';
import { fireflyCvax } from './firefly-cvax.js';

export const fireflyMicrovax2: MachineDesc = produce(fireflyCvax, (m) => {
  m.id = 'firefly-microvax2';
  m.aliases = [];
  m.title = 'DEC Firefly, 5 MicroVAX II processors at 5 MHz, 16 KB cache each';
  m.clockMHz = 5;
  m.processors = 5;
  m.cache.l1!.sizeBytes = 16384;
  m.sources.clockMHz = 'MicroVAX 78032: 200 ns cycle, 5 MHz (KA630 module documentation; secondary)';
  m.sources.processors = 'Schroeder & Burrows, Performance of Firefly RPC (1990): "5 MicroVAX II processors"';
  m.sources['cache.l1.sizeBytes'] = 'DEC Firefly (Thacker & Stewart, ASPLOS 1987): "a sixteen kilobyte cache" per processor';
});
