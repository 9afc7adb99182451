// The original DEC Firefly with MicroVAX II (78032) processors at 5 MHz: the machine of the SRC
// RPC measurements that the LRPC, URPC and L3 papers quote (937 µs null call). No paper gives its
// instruction costs, so it keeps the C-VAX's cycles per instruction at its own clock: a guess the
// SRC RPC claim puts to the test.

import { produce } from 'immer';
import type { MachineDesc } from '../sim/hw/machine.js';
import { fireflyCvax } from './firefly-cvax.js';

const SAME_CPI = "guess: the C-VAX Firefly's cycles for this class (machines/firefly-cvax.ts), no MicroVAX II figure found";

export const fireflyMicrovax2: MachineDesc = produce(fireflyCvax, (m) => {
  m.id = 'firefly-microvax2';
  m.aliases = [];
  m.title = 'DEC Firefly, 5 MicroVAX II processors at 5 MHz, 16 KB cache each';
  m.os = 'Taos';
  m.sources.os = 'urpc §4: Taos, the Firefly\'s native operating system (the MicroVAX II Firefly ran it too)';
  m.clockMHz = 5;
  m.processors = 5;
  m.cache.l1!.sizeBytes = 16384;
  m.sources.clockMHz = 'MicroVAX 78032: 200 ns cycle, 5 MHz (KA630 module documentation; secondary)';
  m.sources.processors = 'Schroeder & Burrows, Performance of Firefly RPC (1990): "5 MicroVAX II processors"';
  m.sources['cache.l1.sizeBytes'] = 'DEC Firefly (Thacker & Stewart, ASPLOS 1987): "a sixteen kilobyte cache" per processor';
  for (const cls of Object.keys(m.costs)) m.sources[`costs.${cls}`] = SAME_CPI;
  for (const cls of ['segLoad', 'segRead', 'segPush'] as const) m.sources[`costs.${cls}`] = 'no segment registers (VAX): 0';
  m.sources['costs.agi'] = "no separate address-generation interlock: as the C-VAX's, inside the average instruction time: 0";
  m.sources['tlb.entries'] = "guess: as the C-VAX's; the MicroVAX 78032's translation buffer size was not found";
  m.sources['tlb.ways'] = 'guess: fully associative, as the C-VAX';
  m.sources['copy.cyclesPerByte'] = SAME_CPI;
});
