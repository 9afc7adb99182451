// Address spaces and the processors allocated to them. A processor belongs to one address space
// at a time; an address space with work and no processor is underpowered (URPC §3.2), and an
// idle processor can be handed to it (Processor.Donate), which loads its MMU context.

import { Store } from '../engine/index.js';
import type { Processor, Space } from '../hw/index.js';
import type { System } from './system.js';

export class AddressSpace {
  readonly mmu: Space;
  /** Processors allocated to this space and free to run one of its threads. */
  readonly idle: Store<Processor>;
  /** Processors allocated to this space (idle or busy). */
  readonly allocated = new Set<Processor>();

  constructor(
    readonly sys: System,
    readonly name: string,
  ) {
    this.mmu = sys.hw.space(name);
    this.idle = new Store<Processor>(sys.sim, `idle processors of ${name}`);
  }

  /** Give a processor to this space (at boot, or when donated) and make it idle here. */
  grant(cpu: Processor): void {
    this.allocated.add(cpu);
    this.idle.put(cpu);
  }

  /** Take a processor away (it must not be idle in the store any more). */
  revoke(cpu: Processor): void {
    this.allocated.delete(cpu);
  }

  get processors(): number {
    return this.allocated.size;
  }
}
