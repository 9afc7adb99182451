// Processors allocated to address spaces, and their reallocation (URPC §2, §3.1): each physical
// processor belongs to one address space's thread package at a time and runs its loop there:
// ready threads first, then the package's idle work (URPC polls its channels), else it spins.
// Processor.Donate hands a processor to another address space through a kernel path the caller
// supplies (URPC builds it on LRPC); the receiver learns who donated it.

import type { Body } from '../engine/index.js';
import type { Processor, Step } from '../hw/index.js';
import type { Counter } from '../stats/stats.js';
import type { FastThreads } from './fastthreads.js';
import { HELD, type System } from './system.js';

export class ProcessorAllocation {
  private owners = new Map<Processor, FastThreads>();
  private lenders = new Map<Processor, FastThreads>();
  /** Reallocations done (a processor moved from one address space to another). */
  readonly reallocations: Counter;

  constructor(readonly sys: System) {
    this.reallocations = sys.stats.counter('reallocations', 'count', 'processor reallocations between address spaces (Processor.Donate and its return)');
  }

  /** Give cpu to rt at boot and start its processor loop. */
  assign(cpu: Processor, rt: FastThreads): void {
    this.setOwner(cpu, rt);
    cpu.load(rt.as.mmu);
    this.sys.sim.spawn(this.loop(cpu), `processor ${cpu.id}`, true);
  }

  owner(cpu: Processor): FastThreads {
    const o = this.owners.get(cpu);
    if (!o) throw new Error(`processor ${cpu.id} belongs to no address space`);
    return o;
  }

  /** The address space that donated cpu to its present owner, or null. */
  lender(cpu: Processor): FastThreads | null {
    return this.lenders.get(cpu) ?? null;
  }

  processorsOf(rt: FastThreads): number {
    return rt.as.processors;
  }

  /**
   * Processor.Donate: run the kernel path (trap, reallocation, upcall) on cpu and move it to `to`.
   * The path's context load switches the MMU; `returning` marks giving a donated processor back.
   * When the kernel path itself saves and restores the processor's state (a crossing on LRPC does),
   * a thread context left loaded in the donor survives the round trip (`preserveContext`).
   */
  *donate(cpu: Processor, to: FastThreads, path: readonly Step[], side: string, returning = false, preserveContext = false): Body<void> {
    let h: number;
    const from = this.owner(cpu);
    if (!preserveContext) yield* from.saveLoaded(cpu);
    this.sys.mark(cpu, `${returning ? 'return' : 'donate'} processor: ${from.name} -> ${to.name}`, 'reallocation', { from: from.name, to: to.name });
    for (const s of path) if ((h = this.sys.step(cpu, s, side, `kernel (${from.name} -> ${to.name})`)) !== HELD) yield h;
    this.setOwner(cpu, to);
    if (returning) this.lenders.delete(cpu);
    else this.lenders.set(cpu, from);
    this.reallocations.add();
  }

  private setOwner(cpu: Processor, rt: FastThreads): void {
    const old = this.owners.get(cpu);
    old?.as.revoke(cpu);
    this.owners.set(cpu, rt);
    rt.as.allocated.add(cpu);
  }

  private *loop(cpu: Processor): Body<void> {
    let h: number;
    for (;;) {
      const rt = this.owner(cpu);
      if (rt.mayDispatch(cpu) && (yield* rt.dispatchNext(cpu))) continue;
      // An idle pass that finds nothing runs one step: no need to make the idle work's generator.
      const quiet = rt.quietIdle === null ? undefined : rt.quietIdle(cpu);
      if (quiet) {
        if ((h = rt.poll(cpu, quiet)) !== HELD) yield h;
        continue;
      }
      if (quiet === undefined && rt.idleWork && (yield* rt.idleWork(cpu))) continue;
      if ((h = rt.step(cpu, rt.paths.idle)) !== HELD) yield h;
    }
  }
}
