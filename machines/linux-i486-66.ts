// A 66 MHz i486 running Linux 1.0.32: the machine of Unrau and Krieger's hand-off experiment
// (sleep/wake-up paper, §6, Figure 12). The i486 core of the L3 machines at 66 MHz.

import { produce } from 'immer';
import type { MachineDesc } from '../sim/hw/machine.js';
import { i486dx50 } from './i486-dx50.js';

export const linuxI486_66: MachineDesc = produce(i486dx50, (m) => {
  m.id = 'linux-i486-66';
  m.aliases = ['linux-486'];
  m.title = 'Intel i486DX2 at 66 MHz, Linux 1.0.32';
  m.os = 'Linux 1.0.32';
  m.sources.os = 'sleepwake §6: "the Linux 1.0.32 Slackware Release"';
  m.clockMHz = 66;
  m.sources.clockMHz = 'sleepwake §6: "on a 66MHz 486 machine"';
  m.sources.processors = 'sleepwake §6: a uniprocessor PC';
  // A 66 MHz i486 is the clock-doubled DX2: its bus runs at 33 MHz, so a bus write cycle takes
  // twice as many core clocks.
  m.cache.l1!.writeDrainCycles = 4;
  m.sources['cache.l1.writeDrainCycles'] =
    '4 core clocks: the i486\'s 2-clock non-burst bus write at zero wait states (Juffa 1993 from Intel\'s Hardware Reference Manual; EMIS PC hardware FAQ), on the DX2-66\'s 33 MHz bus, which runs at half the core clock (Intel\'s clock-doubled DX2; the FAQ: "At 33MHz or less (486DX-33, 486DX2-66), many motherboards can achieve 2-1-1-1"). Zero wait states per write is a guess';
});
