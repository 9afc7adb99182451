// A processor: prices kernels' work in cycles of its machine's clock. It holds the privilege mode,
// the loaded MMU context, a TLB and its caches; a step's cycles (and its TLB and cache misses) are
// charged to the step's label in the ledger, under the side (client, server, kernel) that ran it.

import type { BusPort } from './bus.js';
import { CacheHierarchy, type CacheLevel, type CacheResult } from './cache.js';
import { usToCycles, type MachineDesc } from './machine.js';
import { PORTED_CLASSES, type Isa } from './isa.js';
import { porting, type PortingAssumption } from './porting.js';
import type { Page, Space } from './space.js';
import type { SetAssoc } from './setassoc.js';
import { Tlb } from './tlb.js';
import type { Step, Work } from './work.js';

/**
 * A ledger's cached handle on the row of one (step, side): the ledger fills it on the first
 * charge and reads it back afterwards, so charging a step costs no lookup by strings. `owner` and
 * `gen` tell the ledger whether the handle is still its own and current (it is cleared at reset).
 */
export interface ChargeSlot {
  readonly side: string;
  owner: unknown;
  gen: number;
  row: unknown;
}

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
  /** The ledger's handle on this step's row under this side, or null (then it looks the row up). */
  slot: ChargeSlot | null;
}

export interface Ledger {
  charge(c: Charge): void;
}

/** The instruction class of an interlocked read-modify-write (a test-and-set): a bus operation on a modelled bus. */
const INTERLOCKED = 'interlocked';

// Kinds of compiled effects (numbers, so the executing switch compares small integers).
const LOCK = 0;
const FETCH = 1;
const MODE = 2;
const CTX = 3;
const REF = 4;
const FLUSH_TLB = 5;
const FLUSH_CACHES = 6;

/**
 * A reference's addresses resolved once: the pages it translates (the k-th page from `page`, from
 * `firstK` to `lastK`, each with a TLB slot hint) and the lines it covers in the nearest cache of
 * its kind (code or data).
 */
interface Span {
  page: Page;
  firstK: number;
  lastK: number;
  /** Index of this span's first TLB slot hint in Compiled.hints. */
  hint: number;
  firstLine: number;
  lastLine: number;
  bytes: number;
  /**
   * The nearest cache's version (SetAssoc.version) when all these lines were last found present,
   * or -1: while the version stands they still are, so a direct-mapped cache (no LRU order to
   * update) can count the hits without looking.
   */
  seen: number;
}

interface Effect {
  kind: number;
  /** REF: the reference (and COPY's source); the step's code span for FETCH. */
  span: Span | null;
  /** COPY: the destination (a copy is two references, the source read and the destination written). */
  span2: Span | null;
  write: boolean;
  to: 'kernel' | 'user';
  space: Space | null;
  onChipOnly: boolean;
}

interface Compiled {
  fixed: number;
  instructions: number;
  trapEntries: number;
  trapReturns: number;
  effects: Effect[];
  /** Fixed cycles of the step before each effect (when its bus transactions start). */
  at: number[];
  /** The step's code, resolved (null without code). */
  code: Span | null;
  /** TLB slot hints: where each translated page was found last (checked before use, so only a speed-up). */
  hints: Int32Array;
  /** Ledger row handles, one per side the step has been charged under. */
  slots: ChargeSlot[];
  /** The side it was last charged under and that side's handle (most steps are only ever charged to one). */
  lastSide: string;
  lastSlot: ChargeSlot | null;
  /** Its only effects are its code fetch and data reads (no writes, locks, mode or context changes, flushes). */
  readsOnly: boolean;
}

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

/** A kernel asked for work the machine has no cost for: that kernel cannot run on this machine. */
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
  /** m.tlb.missCycles, read on every TLB miss (a field: machine descriptions differ in shape). */
  private readonly tlbMissCycles: number;
  /** The shared bus (bus.ts), on a machine that models one. */
  private port: BusPort | null = null;
  private readonly compiled = new Map<Step, Compiled>();
  /** The ISA the running kernel counts its paths in (a step may name its own); the machine's by default. */
  private codeIsa: Isa;
  /** The porting assumptions steps have been priced with, by "from>to". */
  readonly ported = new Map<string, PortingAssumption>();
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
    slot: null,
  };

  constructor(
    readonly id: number,
    readonly m: MachineDesc,
    public ledger: Ledger | null = null,
  ) {
    this.tlb = new Tlb(m.tlb);
    this.tlbMissCycles = m.tlb.missCycles;
    this.caches = new CacheHierarchy(m);
    this.costs = new Map(Object.entries(m.costs));
    this.codeIsa = m.isa;
  }

  /** Say which ISA the kernel's paths are counted in; before any step runs (compiled steps depend on it). */
  setCodeIsa(isa: Isa): void {
    this.codeIsa = isa;
    this.reprice();
  }

  /** Connect to the machine's shared bus; before any step runs (compiled steps depend on it). */
  attachBus(port: BusPort): void {
    this.port = port;
    this.caches.port = port;
    this.reprice();
  }

  /** Forget every priced step (what they cost depends on what changed); steps' own caches of them go stale with the token. */
  private reprice(): void {
    this.compiled.clear();
    this.pricing = {};
  }
  /** Stands for this processor's current pricing in the steps' one-entry caches (Step.pricedBy). */
  private pricing: object = {};

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
    const k = this.priced(s);
    const c = this.charge;
    c.side = side;
    c.label = s.label;
    c.slot = k.lastSide === side ? k.lastSlot : this.slotOf(k, side);
    c.tlbMisses = c.tlbCycles = c.cacheMisses = c.cacheCycles = 0;
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
      switch (w.kind) {
        case LOCK:
          c.cycles += port!.lock();
          break;
        case FETCH:
          this.fetch(k);
          break;
        case MODE:
          this.mode = w.to;
          break;
        case CTX:
          // The next instruction is fetched at once, through the new (perhaps flushed) TLB.
          if (this.load(w.space!) && k.code !== null) this.fetch(k);
          break;
        case REF:
          this.touch(k, w.span!, w.write);
          // A copy also writes its destination.
          if (w.span2 !== null) this.touch(k, w.span2, true);
          break;
        case FLUSH_TLB:
          this.tlb.flush();
          // The next instruction is fetched through the emptied TLB.
          if (k.code !== null) this.fetch(k);
          break;
        case FLUSH_CACHES:
          this.caches.flush(w.onChipOnly);
          break;
      }
    }
    this.busyCycles += c.cycles;
    this.instructions += c.instructions;
    this.ledger?.charge(c);
    this.execs++;
    return c.cycles;
  }

  /**
   * Execute a step as exec does, and say whether executing it again at once would cost the same and
   * change nothing but the order of LRU stamps and the hit counts: it only fetched its code and read
   * data, and every reference hit the TLB and the nearest cache without a bus transaction. Such a
   * step can then be repeated by repeatLast while nothing else happens in the machine.
   */
  execRepeatable(s: Step, side: string): { cycles: number; repeatable: boolean } {
    const arrays = this.hitArrays();
    const before = this.hitsBefore;
    for (let i = 0; i < arrays.length; i++) before[i] = arrays[i].hits;
    const cycles = this.exec(s, side);
    const c = this.charge;
    const k = this.priced(s);
    const out = this.repeatable;
    out.cycles = cycles;
    out.repeatable = k.readsOnly && c.tlbMisses === 0 && c.cacheMisses === 0 && c.cacheCycles === 0;
    for (let i = 0; i < arrays.length; i++) this.hitsEach[i] = arrays[i].hits - before[i];
    const memo = this.memo;
    memo.step = out.repeatable ? s : null;
    if (out.repeatable) {
      memo.side = side;
      memo.execs = this.execs;
      memo.pricing = this.pricing;
      for (let i = 0; i < arrays.length; i++) memo.versions[i] = arrays[i].version;
    }
    return out;
  }

  /**
   * Run step s once more as repeatLast would, when it is the step execRepeatable last found
   * repeatable here and nothing has changed since: no other step ran on this processor and no
   * TLB or cache array changed its contents (another processor's write invalidating a line, say,
   * changes them). Same hits in the same order on the same contents cost the same and leave the
   * replacement state as it is (see repeatLast). Returns the cycles charged, or -1 when s must be
   * executed.
   */
  repeatIfUnchanged(s: Step, side: string): number {
    const memo = this.memo;
    if (memo.step !== s || memo.side !== side || memo.execs !== this.execs || memo.pricing !== this.pricing) return -1;
    const arrays = this.hitArrays();
    for (let i = 0; i < arrays.length; i++) if (arrays[i].version !== memo.versions[i]) return -1;
    this.repeatLast(1);
    return this.charge.cycles;
  }
  /** Steps executed here: the repeat memo holds only while it is unchanged. */
  private execs = 0;
  private readonly memo = { step: null as Step | null, side: '', execs: -1, pricing: {} as object, versions: new Float64Array(8) };

  /**
   * Charge the step execRepeatable just ran (and found repeatable) n more times, as n more exec
   * calls would: the same cycles, instructions and ledger rows each time, and the same hits. The
   * replacement state is left as the first execution set it: repeating the same hits in the same
   * order leaves every set's LRU order as it was, and a pseudo-LRU set's bits (each hit sets them
   * to a value of its way alone) too, which is all replacement reads.
   */
  repeatLast(n: number): void {
    const c = this.charge;
    this.busyCycles += n * c.cycles;
    this.instructions += n * c.instructions;
    const arrays = this.hitArrays();
    for (let i = 0; i < arrays.length; i++) arrays[i].hits += n * this.hitsEach[i];
    if (this.ledger !== null) for (let j = 0; j < n; j++) this.ledger.charge(c);
  }

  /** The TLB's and every cache level's arrays (whose hit counts a repeat advances). */
  private hitArrays(): SetAssoc[] {
    if (this._hitArrays === null) this._hitArrays = [this.tlb.array, ...this.caches.all.map((lv) => lv.array)];
    return this._hitArrays;
  }
  private _hitArrays: SetAssoc[] | null = null;
  private readonly hitsBefore = new Float64Array(8);
  private readonly hitsEach = new Float64Array(8);
  private readonly repeatable = { cycles: 0, repeatable: false };

  /**
   * The cycles of a step whose cost never varies (it touches no TLB, cache, bus or processor
   * state), or -1: such a step run n times costs n times as much and changes nothing else.
   */
  fixedCost(s: Step): number {
    const k = this.priced(s);
    return k.effects.length === 0 ? k.fixed : -1;
  }

  /** A step's priced form here: compiled once per pricing, found through the step's one-entry cache or the map. */
  private priced(s: Step): Compiled {
    if (s.pricedBy === this.pricing) return s.priced as Compiled;
    let k = this.compiled.get(s);
    if (k === undefined) this.compiled.set(s, (k = this.compile(s)));
    s.pricedBy = this.pricing;
    s.priced = k;
    return k;
  }

  /** The ledger handle of a compiled step under a side (a step may be charged to several sides). */
  private slotOf(k: Compiled, side: string): ChargeSlot | null {
    const slots = k.slots;
    k.lastSide = side;
    for (let i = 0; i < slots.length; i++) if (slots[i].side === side) return (k.lastSlot = slots[i]);
    if (slots.length >= 8) return (k.lastSlot = null);
    const slot: ChargeSlot = { side, owner: null, gen: -1, row: null };
    slots.push(slot);
    return (k.lastSlot = slot);
  }

  /**
   * Split a step into what never varies (the cycles of its instructions, priced once for this
   * machine) and the effects that touch TLB, caches or mode, in order, with their addresses
   * resolved. The code is fetched before the step's first instruction. A step counted in another
   * ISA is ported (porting.ts): the count of each class of ordinary code scaled by the ratio and
   * rounded, its code size by the table's.
   */
  private compile(s: Step): Compiled {
    let fixed = 0;
    let instructions = 0;
    let hints = 0;
    let trapEntries = 0;
    let trapReturns = 0;
    const p = porting(s.isa ?? this.codeIsa, this.m.isa);
    if (p !== null) this.ported.set(`${p.from}>${p.to}`, p);
    const scale = p === null ? 1 : p.ratio;
    const grow = p === null ? 1 : p.codeSize;
    const sc =
      s.code === undefined || grow === 1
        ? s.code
        : { page: s.code.page, offset: Math.round(s.code.offset * grow), bytes: Math.max(1, Math.round(s.code.bytes * grow)) };
    const effects: Effect[] = [];
    const at: number[] = [];
    const span = (page: Page, offset: number, bytes: number, levels: CacheLevel[]): Span => {
      // A reference that spans pages translates each page it covers.
      const pb = this.m.pageBytes;
      const firstK = Math.floor(offset / pb);
      const lastK = Math.floor((offset + Math.max(bytes, 1) - 1) / pb);
      const addr = page.pfn * pb + offset;
      const line = levels.length > 0 ? levels[0].lineBytes : 1;
      const sp: Span = {
        page,
        firstK,
        lastK,
        hint: hints,
        firstLine: Math.floor(addr / line),
        lastLine: Math.floor((addr + bytes - 1) / line),
        bytes,
        seen: -1,
      };
      hints += lastK - firstK + 1;
      return sp;
    };
    const effect = (kind: number, e: Partial<Effect> = {}) => {
      effects.push({ kind, span: null, span2: null, write: false, to: 'user', space: null, onChipOnly: false, ...e });
      at.push(fixed);
    };
    const code = sc === undefined ? null : span(sc.page, sc.offset, sc.bytes, this.caches.code);
    let fetched = code === null;
    const beforeInstruction = () => {
      if (!fetched) {
        effect(FETCH);
        fetched = true;
      }
    };
    const checkRef = (page: Page, offset: number, bytes: number, sp: Span) => {
      if (sp.lastK >= page.pages) {
        throw new PageOverrun(page.name, offset, bytes, page.pages, this.m.pageBytes);
      }
      return sp;
    };
    const dataSpan = (page: Page, offset: number, bytes: number) => checkRef(page, offset, bytes, span(page, offset, bytes, this.caches.data));
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
          // One instruction with an effect on the processor's state.
          beforeInstruction();
          fixed += this.cost(w.cls);
          instructions++;
          if (w.to === 'kernel') trapEntries++;
          else trapReturns++;
          effect(MODE, { to: w.to });
          break;
        case 'ctx':
          beforeInstruction();
          fixed += this.cost('loadContext');
          instructions++;
          effect(CTX, { space: w.space });
          break;
        case 'flushTlb':
          beforeInstruction();
          fixed += this.cost(w.cls);
          instructions++;
          effect(FLUSH_TLB);
          break;
        case 'copy':
          // An empty copy touches nothing.
          if (w.bytes > 0) effect(REF, { span: dataSpan(w.from, w.fromOffset, w.bytes), span2: dataSpan(w.to, w.toOffset, w.bytes), write: false });
          fixed += Math.round(w.bytes * Math.max(this.m.copy.cyclesPerByte, this.m.copy.storeCyclesPerByte ?? 0));
          break;
        case 'us':
          fixed += usToCycles(this.m, w.us);
          break;
        case 'ref':
          effect(REF, { span: dataSpan(w.page, w.offset, w.bytes), write: w.write });
          break;
        case 'flushCaches':
          effect(FLUSH_CACHES, { onChipOnly: w.onChipOnly === true });
          break;
      }
    }
    const readsOnly = effects.every((e) => e.kind === FETCH || (e.kind === REF && !e.write && e.span2 === null));
    return { fixed, instructions, trapEntries, trapReturns, effects, at, code, hints: new Int32Array(hints), slots: [], lastSide: '', lastSlot: null, readsOnly };
  }

  /** Translate and fetch a step's code. */
  private fetch(k: Compiled): void {
    const sp = k.code!;
    this.xlate(sp.page, sp.firstK, k.hints, sp.hint);
    this.lines(this.caches.code, sp, false);
  }

  /** A data reference: translate its pages, then its lines through the data caches. */
  private touch(k: Compiled, sp: Span, write: boolean): void {
    for (let j = sp.firstK; j <= sp.lastK; j++) this.xlate(sp.page, j, k.hints, sp.hint + j - sp.firstK);
    this.lines(this.caches.data, sp, write);
  }

  /**
   * A span's lines through the cache levels. In a direct-mapped nearest cache whose contents have
   * not changed since the span's lines were all found there, they all hit again: counted without
   * looking (a write on a modelled bus still goes through: its bus transactions are not hits).
   */
  private lines(levels: CacheLevel[], sp: Span, write: boolean): void {
    const near = levels.length > 0 ? levels[0].array : null;
    // A write that does not allocate leaves absent lines absent, so no miss does not mean all present;
    // a write buffer keeps time at every reference.
    const memo =
      near !== null && near.ways === 1 && sp.bytes > 0 && this.caches.writeBuffer === null && !(write && (this.port !== null || !levels[0].writeAllocate));
    if (memo && sp.seen === near.version) {
      near.hits += sp.lastLine - sp.firstLine + 1;
      return;
    }
    this.caches.accessLines(levels, sp.firstLine, sp.lastLine, sp.bytes, write, this.res);
    if (memo && this.res.misses === 0 && this.res.cycles === 0) sp.seen = near.version;
    this.addCache();
  }

  private xlate(page: Page, j: number, hints: Int32Array, h: number): void {
    const tlb = this.tlb;
    if (!tlb.maps(page)) return;
    const slot = tlb.array.accessAt(tlb.key(page, j, this.context), hints[h]);
    if (slot >= 0) {
      hints[h] = slot;
      return;
    }
    hints[h] = ~slot;
    this.charge.tlbMisses++;
    this.charge.tlbCycles += this.tlbMissCycles;
    this.charge.cycles += this.tlbMissCycles;
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
}
