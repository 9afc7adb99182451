// A 66 MHz i486 running Linux 1.0.32: the machine of Unrau and Krieger's hand-off experiment
// (sleep/wake-up paper, §6, Figure 12). The i486 core of the L3 machines at 66 MHz.

import { produce } from 'immer';
import type { MachineDesc } from '../sim/hw/machine.js';
import { i486dx50 } from './i486-dx50.js';

export const linuxI486_66: MachineDesc = produce(i486dx50, (m) => {
  m.id = 'linux-i486-66';
  m.aliases = ['linux-486'];
  m.title = 'Intel i486DX2 at 66 MHz, Linux 1.0.32';
  m.clockMHz = 66;
  m.sources.clockMHz = 'sleepwake §6: "on a 66MHz 486 machine"';
  m.sources.processors = 'sleepwake §6: a uniprocessor PC';
  // Linux 1.0.32 primitives. The paper measured none on this machine; these are instruction
  // counts of the Linux 1.0 paths priced with the i486 timings of the base machine.
  m.costs.sysYield = 740;
  m.sources['costs.sysYield'] =
    'guess, derived from Linux 1.0 system_call + schedule(): INT 0x80 71 + SAVE_ALL/RESTORE_ALL with 4 segment loads about 60 + schedule()\'s scan of the 128 task slots at about 4 cycles each (512) + ret_from_sys_call checks 20 + IRET 36 + dispatch 40 = 740 cycles';
  m.costs.ctxSwitch = 600;
  m.sources['costs.ctxSwitch'] =
    'guess, derived: switch_to\'s far jump through the TSS 199 clocks (i486 task switch) + FPU/ldt checks 20 + about 20 TLB refills after the CR3 reload × 9 = 180 + about 10 cache-line refills of the task struct and kernel stack × 20 = 200, total about 600 cycles';
  m.costs.ctxPerRunnable = 0;
  m.sources['costs.ctxPerRunnable'] = 'Linux 1.0 schedule() scans every task slot whether runnable or not; its cost is in sysYield';
  m.costs.sysSleep = 300;
  m.sources['costs.sysSleep'] = 'guess: sleep_on() queue insertion and the later wake_up() scan, about 300 cycles';
  m.costs.sysSemop = 500;
  m.sources['costs.sysSemop'] = 'guess: sys_ipc -> sys_semop entry, verify_area and copy of the sembuf, semaphore lookup and update, about 500 cycles';
  m.costs.sysMsgsnd = 600;
  m.sources['costs.sysMsgsnd'] = 'guess: sys_ipc -> sys_msgsnd with a 24-byte copy in and kmalloc, about 600 cycles';
  m.costs.sysMsgrcv = 600;
  m.sources['costs.sysMsgrcv'] = 'guess: sys_ipc -> sys_msgrcv with a 24-byte copy out and kfree, about 600 cycles';
  m.costs.shmEnqueue = 100;
  m.sources['costs.shmEnqueue'] = 'guess: a two-lock queue enqueue, about 40 instructions plus a 24-byte message copy, about 100 cycles besides the XCHG';
  m.costs.shmDequeue = 100;
  m.sources['costs.shmDequeue'] = 'guess: a two-lock queue dequeue, about 40 instructions plus a 24-byte message copy, about 100 cycles besides the XCHG';
  m.costs.shmEmpty = 5;
  m.sources['costs.shmEmpty'] = 'guess: load and compare of the queue head, a few cycles';
  m.costs.flagLoad = 1;
  m.sources['costs.flagLoad'] = 'i486 MOV reg,mem: 1 clock on a hit';
  m.costs.flagStore = 1;
  m.sources['costs.flagStore'] = 'i486 MOV mem,reg: 1 clock';
  m.costs.pollIteration = 66;
  m.sources['costs.pollIteration'] = 'guess: one delay-loop iteration with its empty() check, about 1 µs';
});
