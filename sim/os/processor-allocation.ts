// Processors allocated to address spaces, and their reallocation (URPC §2, §3.1): each physical
// processor belongs to one address space's thread package at a time and runs its loop there:
// ready threads first, then the package's idle work (URPC polls its channels), else it spins.
// Processor.Donate hands a processor to another address space through a kernel path the caller
// supplies (URPC builds it on LRPC); the receiver learns who donated it.

import type { Body, Done, Op, Routine } from '../engine/index.js';
import type { Processor, Step } from '../hw/index.js';
import type { Counter } from '../stats/stats.js';
import type { FastThreads } from './fastthreads.js';
import { HELD, type System } from './system.js';

export class ProcessorAllocation {
  // By processor id (arrays, not maps: the processor loop asks on every pass).
  private readonly owners: (FastThreads | undefined)[] = [];
  private readonly lenders: (FastThreads | null)[] = [];
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
    const o = this.owners[cpu.id];
    if (!o) throw new Error(`processor ${cpu.id} belongs to no address space`);
    return o;
  }

  /** The address space that donated cpu to its present owner, or null. */
  lender(cpu: Processor): FastThreads | null {
    return this.lenders[cpu.id] ?? null;
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
    this.lenders[cpu.id] = returning ? null : from;
    this.reallocations.add();
  }

  private setOwner(cpu: Processor, rt: FastThreads): void {
    const old = this.owners[cpu.id];
    old?.as.revoke(cpu);
    this.owners[cpu.id] = rt;
    rt.as.allocated.add(cpu);
  }

  /** The processor's loop, run as a routine (ProcessorLoop below). */
  private loop(cpu: Processor): ProcessorLoop {
    return new ProcessorLoop(this, cpu);
  }
}

/**
 * A processor's loop in the address space that owns it: a ready thread first, else the package's
 * idle work (URPC polls its channels), else the idle step; for ever. A routine rather than a
 * generator (engine types.ts Routine): an idle processor polls as often as every few
 * microseconds, and a poll that finds nothing is one step here, with no generator to resume. A
 * dispatch (which runs the thread until it blocks) and the idle work's actions are generators,
 * driven from here as `yield*` would drive them.
 */
class ProcessorLoop implements Routine {
  /** The generator being driven (a dispatch, or idle work), or null. */
  private sub: Body<boolean> | null = null;
  /** Whether sub is idle work (whose false means: run the idle step). */
  private subIsIdle = false;

  constructor(
    private readonly alloc: ProcessorAllocation,
    private readonly cpu: Processor,
  ) {}

  resume(value: unknown): Op | Done {
    const cpu = this.cpu;
    let h: number;
    if (this.sub !== null) {
      const r = this.sub.next(value);
      if (!r.done) return r.value;
      this.sub = null;
      // Idle work that found nothing to do is followed by the idle step; a dispatch that found no
      // thread (so none is ready) goes on to the idle pass, as the loop's top does.
      if (this.subIsIdle && !r.value) {
        const rt = this.alloc.owner(cpu);
        if ((h = rt.step(cpu, rt.paths.idle)) !== HELD) return h;
      }
    }
    for (;;) {
      const rt = this.alloc.owner(cpu);
      if (rt.mayDispatch(cpu)) {
        const x = this.start(rt.dispatchNext(cpu), false);
        if (typeof x !== 'boolean') return x;
        if (x) continue;
      }
      // An idle pass that finds nothing runs one step: no need to make the idle work's generator.
      const quiet = rt.quietIdle === null ? undefined : rt.quietIdle(cpu);
      if (quiet) {
        if ((h = rt.poll(cpu, quiet)) !== HELD) return h;
        continue;
      }
      if (quiet === undefined && rt.idleWork) {
        const x = this.start(rt.idleWork(cpu), true);
        if (typeof x !== 'boolean') return x;
        if (x) continue;
      }
      if ((h = rt.step(cpu, rt.paths.idle)) !== HELD) return h;
    }
  }

  /** Begin driving g (a dispatch, or idle work) as yield* would: its first op, or its result if it ends at once. */
  private start(g: Body<boolean>, idle: boolean): Op | boolean {
    const r = g.next();
    if (r.done) return r.value;
    this.sub = g;
    this.subIsIdle = idle;
    return r.value;
  }
}
