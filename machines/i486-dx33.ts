// Intel i486DX at 33 MHz: the slower 486 of L3's Table 2 (null RPC). The same chip as the
// i486-dx50 at a lower clock; every cycle count carries over.

import { produce } from 'immer';
import type { MachineDesc } from '../sim/hw/machine.js';
import { i486dx50 } from './i486-dx50.js';

export const i486dx33: MachineDesc = produce(i486dx50, (m) => {
  m.id = 'i486-dx33';
  m.title = 'Intel i486DX, 33 MHz, 8 KB on-chip cache';
  m.os = 'L3 / Mach 3.0';
  m.sources.os = 'l3 Table 2: L3 and Mach 3.0 on 486 machines';
  m.clockMHz = 33;
  m.sources.clockMHz = 'l3 Table 2: "486, 33 MHz" rows';
});
