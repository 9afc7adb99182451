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
});
