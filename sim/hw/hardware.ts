// One instance of a machine: its processors, physical memory and the kernel's context, built from
// a MachineDesc. Kernels create address spaces here and run steps on its processors.

import { Bus, BusPort } from './bus.js';
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
  /** The shared bus, when the machine models one and has more than one processor to share it. */
  readonly bus: Bus | null;
  private nextAsid = 1;

  constructor(
    readonly m: MachineDesc,
    ledger: Ledger | null,
  ) {
    this.cpus = Array.from({ length: m.processors }, (_, i) => new Processor(i, m, ledger));
    // A write buffer drains as its processor's clock advances (write-buffer.ts).
    for (const cpu of this.cpus) if (cpu.caches.writeBuffer !== null) cpu.caches.writeBuffer.clock = () => cpu.busyCycles;
    const model = m.bus.model ?? 'none';
    this.bus = model !== 'none' && m.processors > 1 ? new Bus() : null;
    if (this.bus !== null) {
      const bus = this.bus;
      let update = m.bus.updateCycles;
      let invalidate: BusPort['invalidate'] = null;
      if (model === 'invalidate') {
        const { transferCycles: transfer, invalidateCycles: inv, occupancyCycles: occupancy } = m.bus;
        if (transfer === undefined || inv === undefined || occupancy === undefined) {
          throw new Error(`machine ${m.id}: a write-invalidate bus needs bus.transferCycles, bus.invalidateCycles and bus.occupancyCycles`);
        }
        invalidate = { transfer, invalidate: inv, occupancy };
        update = occupancy;
      }
      if (update === undefined) throw new Error(`machine ${m.id}: a snoopy bus needs bus.updateCycles`);
      for (const cpu of this.cpus) {
        bus.attach(cpu.id, cpu.caches.data);
        cpu.attachBus(new BusPort(bus, cpu.id, update, m.bus.tasCycles, invalidate));
      }
    }
    this.kernel = new Space(0, 'kernel', this.phys, KERNEL_FIRST_VPN, true);
  }

  /** A new MMU context. */
  space(name: string): Space {
    return new Space(this.nextAsid++, name, this.phys, USER_FIRST_VPN);
  }
}
