// One instance of a machine: its processors, physical memory and the kernel's context, built from
// a MachineDesc. Kernels create address spaces here and run steps on its processors.

import type { Ledger } from './processor.js';
import { Processor } from './processor.js';
import type { MachineDesc } from './machine.js';
import { PhysicalMemory, Space } from './space.js';

const KERNEL_FIRST_VPN = 0xc0000; // kernel pages above 3 GB, as on the i386 family
const USER_FIRST_VPN = 0x400; // user pages from 4 MB

export class Hardware {
  readonly cpus: Processor[];
  readonly phys = new PhysicalMemory();
  /** Pages mapped in every context (kernel code, tcbs, kernel stacks, descriptor tables). */
  readonly kernel: Space;
  private nextAsid = 1;

  constructor(
    readonly m: MachineDesc,
    ledger: Ledger | null,
  ) {
    this.cpus = Array.from({ length: m.processors }, (_, i) => new Processor(i, m, ledger));
    this.kernel = new Space(0, 'kernel', this.phys, KERNEL_FIRST_VPN, true);
  }

  /** A new MMU context. */
  space(name: string): Space {
    return new Space(this.nextAsid++, name, this.phys, USER_FIRST_VPN);
  }
}
