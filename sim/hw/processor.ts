// A processor: prices kernels' work in cycles of its machine's clock. It holds the privilege mode,
// the loaded MMU context, a TLB and its caches; a step's cycles (and its TLB and cache misses) are
// charged to the step's label in the ledger, under the side (client, server, kernel) that ran it.

import type { BusPort } from './bus.js';
import { CacheHierarchy, type CacheResult } from './cache.js';
import { usToCycles, type MachineDesc } from './machine.js';
import type { Page, Space } from './space.js';
import { PORTED_CLASSES, type Isa } from './isa.js';
import { porting, type PortingAssumption } from './porting.js';
import { Tlb } from './tlb.js';
import type { Step, Work } from './work.js';

/** What one executed step cost; reused, so a ledger must copy what it keeps. */
export interface Charge {
  side: string;
  label: string;
  cycles: number;
  tlbMisses: number;
  tlbCycles: number;
  cacheMisses: number;
  cacheCycles: number;
  instructions: number;
  /** Trap entries (to kernel mode) and trap returns (to user mode) the step made. */
  trapEntries: number;
  trapReturns: number;
}

export interface Ledger {
  charge(c: Charge): void;
}

type Effect = Exclude<Work, { k: 'i' } | { k: 'us' }> | { k: 'fetch' } | { k: 'lock' };

/** The instruction class of an interlocked read-modify-write (a test-and-set): a bus operation on a modelled bus. */
const INTERLOCKED = 'interlocked';
const LOCK: Effect = { k: 'lock' };

interface Compiled {
  fixed: number;
  instructions: number;
  trapEntries: number;
  trapReturns: number;
  /** The step's code as this machine encodes it (ported code is larger or smaller). */
  code: Step['code'];
  effects: Effect[];
  /** Fixed cycles of the step before each effect (when its bus transactions start). */
  at: number[];
}

/** A kernel asked for work the machine has no cost for: that kernel cannot run on this machine. */
/** A kernel's data laid out past the pages it allocated (a layout made for larger pages than this machine's). */
export class PageOverrun extends Error {
  constructor(
    readonly page: string,
    readonly offset: number,
    readonly bytes: number,
    readonly pages: number,
    readonly pageBytes: number,
  ) {
    super(`reference to ${page} at ${offset}+${bytes} bytes runs past its ${pages} page(s)`);
    this.name = 'PageOverrun';
  }
}

export class UnpricedWork extends Error {
  constructor(
    readonly machine: string,
    readonly cls: string,
    readonly prices: string[],
  ) {
    super(`machine ${machine} has no cost for instruction class '${cls}' (it prices: ${prices.join(', ')})`);
    this.name = 'UnpricedWork';
  }
}

export class Processor {
  mode: 'user' | 'kernel' = 'user';
  context: Space | null = null;
  readonly tlb: Tlb;
  readonly caches: CacheHierarchy;
  /** Cycles this processor has spent executing steps. */
  busyCycles = 0;
  instructions = 0;
  private readonly res: CacheResult = { cycles: 0, misses: 0 };
  private readonly costs: Map<string, number>;
  /** The shared bus (bus.ts), on a machine that models one. */
  private port: BusPort | null = null;
  /** The ISA the running kernel counts its paths in (a step may name its own); the machine's by default. */
  private codeIsa: Isa;
  /** The porting assumptions steps have been priced with, by "from>to". */
  readonly ported = new Map<string, PortingAssumption>();

  constructor(
    readonly id: number,
    readonly m: MachineDesc,
    public ledger: Ledger | null = null,
  ) {
    this.tlb = new Tlb(m.tlb);
    this.caches = new CacheHierarchy(m);
    this.costs = new Map(Object.entries(m.costs));
    this.codeIsa = m.isa;
  }

  /** Say which ISA the kernel's paths are counted in; before any step runs (compiled steps depend on it). */
  setCodeIsa(isa: Isa): void {
    this.codeIsa = isa;
    this.compiled.clear();
  }

  /** Connect to the machine's shared bus; before any step runs (compiled steps depend on it). */
  attachBus(port: BusPort): void {
    this.port = port;
    this.caches.port = port;
    this.compiled.clear();
  }

  /** Cycles of one instruction of a class. */
  cost(cls: string): number {
    const c = this.costs.get(cls);
    if (c === undefined) throw new UnpricedWork(this.m.id, cls, [...this.costs.keys()]);
    return c;
  }

  /** Whether the machine prices an instruction class. */
  prices(cls: string): boolean {
    return this.costs.has(cls);
  }

  /** Price a step, update TLB and cache state, charge the ledger; returns the cycles to hold. */
  exec(s: Step, side: string): number {
    const c = this.charge;
    c.side = side;
    c.label = s.label;
    c.tlbMisses = c.tlbCycles = c.cacheMisses = c.cacheCycles = 0;
    let k = this.compiled.get(s);
    if (k === undefined) this.compiled.set(s, (k = this.compile(s)));
    // The instructions' own cycles do not depend on state; only the effects below can miss.
    c.cycles = k.fixed;
    c.instructions = k.instructions;
    c.trapEntries = k.trapEntries;
    c.trapReturns = k.trapReturns;
    const fx = k.effects;
    const port = this.port;
    // Bus transactions start at the step's start plus the cycles before them (see bus.ts).
    const t0 = port !== null ? port.bus.now() : 0;
    for (let i = 0; i < fx.length; i++) {
      const w = fx[i];
      if (port !== null) port.t = t0 + k.at[i] + c.cycles - k.fixed;
      switch (w.k) {
        case 'lock':
          c.cycles += port!.lock();
          break;
        case 'fetch':
          this.fetch(k.code!);
          break;
        case 'mode':
          this.mode = w.to;
          break;
        case 'ctx':
          // The next instruction is fetched at once, through the new (perhaps flushed) TLB.
          if (this.load(w.space) && k.code !== undefined) this.fetch(k.code);
          break;
        case 'ref':
          this.touch(w.page, w.offset, w.bytes, w.write);
          break;
        case 'copy':
          if (w.bytes > 0) {
            this.touch(w.from, w.fromOffset, w.bytes, false);
            this.touch(w.to, w.toOffset, w.bytes, true);
          }
          break;
        case 'flushTlb':
          this.tlb.flush();
          // The next instruction is fetched through the emptied TLB.
          if (k.code !== undefined) this.fetch(k.code);
          break;
        case 'flushCaches':
          this.caches.flush(w.onChipOnly === true);
          break;
      }
    }
    this.busyCycles += c.cycles;
    this.instructions += c.instructions;
    this.ledger?.charge(c);
    return c.cycles;
  }

  private readonly compiled = new Map<Step, Compiled>();

  /**
   * Split a step into what never varies (the cycles of its instructions, priced once for this
   * machine) and the effects that touch TLB, caches or mode, in order. The code is fetched before
   * the step's first instruction. A step counted in another ISA is ported (porting.ts): the count
   * of each class of ordinary code scaled by the ratio and rounded, its code size by the table's.
   */
  private compile(s: Step): Compiled {
    let fixed = 0;
    let instructions = 0;
    let trapEntries = 0;
    let trapReturns = 0;
    const p = porting(s.isa ?? this.codeIsa, this.m.isa);
    if (p !== null) this.ported.set(`${p.from}>${p.to}`, p);
    const scale = p === null ? 1 : p.ratio;
    const grow = p === null ? 1 : p.codeSize;
    const code =
      s.code === undefined || grow === 1
        ? s.code
        : { page: s.code.page, offset: Math.round(s.code.offset * grow), bytes: Math.max(1, Math.round(s.code.bytes * grow)) };
    const effects: Effect[] = [];
    const at: number[] = [];
    const effect = (e: Effect) => {
      effects.push(e);
      at.push(fixed);
    };
    let fetched = s.code === undefined;
    const beforeInstruction = () => {
      if (!fetched) {
        effect({ k: 'fetch' });
        fetched = true;
      }
    };
    for (const w of s.work) {
      switch (w.k) {
        case 'i': {
          beforeInstruction();
          const n = scale === 1 || !PORTED_CLASSES.has(w.cls) ? w.n : Math.round(w.n * scale);
          if (this.port !== null && w.cls === INTERLOCKED) {
            const each = this.cost(w.cls);
            for (let j = 0; j < n; j++) {
              effect(LOCK);
              fixed += each;
            }
          } else fixed += this.cost(w.cls) * n;
          instructions += n;
          break;
        }
        case 'mode':
        case 'ctx':
        case 'flushTlb':
          // One instruction with an effect on the processor's state.
          beforeInstruction();
          fixed += this.cost(w.k === 'ctx' ? 'loadContext' : w.cls);
          instructions++;
          if (w.k === 'mode') {
            if (w.to === 'kernel') trapEntries++;
            else trapReturns++;
          }
          effect(w);
          break;
        case 'copy':
          effect(w);
          fixed += Math.round(w.bytes * Math.max(this.m.copy.cyclesPerByte, this.m.copy.storeCyclesPerByte ?? 0));
          break;
        case 'us':
          fixed += usToCycles(this.m, w.us);
          break;
        case 'ref':
        case 'flushCaches':
          effect(w);
          break;
      }
    }
    return { fixed, instructions, trapEntries, trapReturns, code, effects, at };
  }

  private readonly charge: Charge = {
    side: '',
    label: '',
    cycles: 0,
    tlbMisses: 0,
    tlbCycles: 0,
    cacheMisses: 0,
    cacheCycles: 0,
    instructions: 0,
    trapEntries: 0,
    trapReturns: 0,
  };

  /** Translate and fetch a step's code; returns true (the code is ready). */
  private fetch(code: NonNullable<Step['code']>): boolean {
    this.xlate(code.page, Math.floor(code.offset / this.m.pageBytes));
    this.caches.access(this.caches.code, this.addr(code.page, code.offset), code.bytes, false, this.res);
    this.addCache();
    return true;
  }

  /** A data reference: translate the page, then the bytes' lines through the data caches. */
  private touch(page: Page, offset: number, bytes: number, write: boolean): void {
    // A reference that spans pages translates each page it covers.
    const pb = this.m.pageBytes;
    const first = Math.floor(offset / pb);
    const last = Math.floor((offset + Math.max(bytes, 1) - 1) / pb);
    if (last >= page.pages) {
      throw new PageOverrun(page.name, offset, bytes, page.pages, pb);
    }
    for (let k = first; k <= last; k++) this.xlate(page, k);
    this.caches.access(this.caches.data, this.addr(page, offset), bytes, write, this.res);
    this.addCache();
  }

  private xlate(page: Page, k = 0): void {
    if (!this.translate(page, k)) {
      this.charge.tlbMisses++;
      this.charge.tlbCycles += this.m.tlb.missCycles;
      this.charge.cycles += this.m.tlb.missCycles;
    }
  }

  private addCache(): void {
    this.charge.cacheMisses += this.res.misses;
    this.charge.cacheCycles += this.res.cycles;
    this.charge.cycles += this.res.cycles;
  }

  /**
   * Load an MMU context; without tags the TLB cannot tell contexts apart and is flushed. Loading
   * the context already loaded changes nothing (returns false).
   */
  load(space: Space): boolean {
    if (this.context === space) return false;
    this.context = space;
    this.tlb.contextSwitched();
    return true;
  }

  /** Whether the TLB holds the translation of the k-th page from `page` (filling it if not). */
  translate(page: Page, k = 0): boolean {
    return this.tlb.translate(page, k, this.context);
  }

  private addr(page: Page, offset: number): number {
    return page.pfn * this.m.pageBytes + offset;
  }
}
