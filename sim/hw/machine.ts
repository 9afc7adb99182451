// The typed description of a machine: every primitive the hardware models price work with.
// One file per machine in machines/ fills it in, with a source for every value in `sources`
// (a dotted path such as "tlb.missCycles" -> "l3 §5.1: 9 cycles per TLB miss").

import type { InstructionCosts, Isa } from './isa.js';

export interface CacheDesc {
  sizeBytes: number;
  lineBytes: number;
  ways: number;
  /** Extra cycles when a line misses here and is filled from the next level (memory, for the last). */
  missCycles: number;
  /** Whether a write miss brings the line in (false: write-through without allocation). */
  writeAllocate: boolean;
  /** Optional: how a miss chooses the way it replaces: 'lru' (the default) or the i486's three-bit pseudo-LRU 'plru3' (4 ways only; plru.ts). */
  replacement?: 'lru' | 'plru3';
  /**
   * Optional (a write-through nearest data cache): entries of the write buffer between the cache
   * and the bus (write-buffer.ts); a write stalls the processor only when it is full. Without it
   * write-throughs cost nothing beyond their store instruction (an unbounded buffer).
   */
  writeBuffer?: number;
  /** Optional, with writeBuffer: processor cycles one buffered write occupies the bus as it drains to memory. */
  writeDrainCycles?: number;
}

export interface MachineDesc {
  id: string;
  aliases: string[];
  title: string;
  /** The operating system the machine runs, by name ('IRIX 6.2'); the OS models (sim/os) are looked up by it. */
  os: string;
  clockMHz: number;
  processors: number;
  pageBytes: number;
  /** The instruction set its processors run (kernels counted in another ISA are ported: porting.ts). */
  isa: Isa;
  /** Cycles of one instruction of every class of the shared vocabulary (isa.ts). */
  costs: InstructionCosts;
  tlb: {
    entries: number;
    ways: number;
    /** Tagged entries survive an address-space switch; untagged ones are flushed by it. */
    tagged: boolean;
    /** Optional: kernel (system-space) translations survive the flush of an untagged TLB, as on the VAX. */
    globalKernel?: boolean;
    /**
     * Optional: translations are tagged by segment, not by address space (the PowerPC's virtual
     * segment IDs): a region several spaces map (a shared-memory segment) has one set of entries
     * whichever space touches it.
     */
    sharedSegments?: boolean;
    /** Optional: kernel addresses are translated without the TLB (the MIPS R4000's unmapped KSEG0). */
    unmappedKernel?: boolean;
    /** Whether one entry can be invalidated on its own (INVLPG, TBIS, tlbie); without it a kernel flushes the whole TLB. */
    singleEntryInvalidate: boolean;
    missCycles: number;
  };
  /** Caches nearest first: a unified l1, or split l1i/l1d, then an optional l2. */
  cache: { l1?: CacheDesc; l1i?: CacheDesc; l1d?: CacheDesc; l2?: CacheDesc };
  /** Block copy: cycles per byte when source and destination hit the nearest cache (the start-up is instruction class copyStartup). */
  copy: {
    cyclesPerByte: number;
    /** Optional write delay: cycles per byte at which a copy's stores drain (a write-through cache); a copy runs at the slower of the two rates. */
    storeCyclesPerByte?: number;
  };
  /** Shared memory bus: cycles of one locked test-and-set. */
  bus: {
    tasCycles: number;
    /**
     * Optional: 'snoopy' models the bus as a resource the processors share (bus.ts): misses' fills,
     * write-updates of lines another cache shares, and interlocked instructions occupy it, and a
     * processor that needs it while it is busy waits. 'none' (the default) leaves it unmodelled.
     * Only machines with more than one processor have a bus to contend for. 'invalidate' is a
     * write-invalidate bus (bus.ts): a write removes other caches' copies of the line, and a miss
     * on a line another cache holds is supplied cache to cache.
     */
    model?: 'none' | 'snoopy' | 'invalidate';
    /** Optional ('snoopy'): cycles a write-update of one shared line occupies the bus (the writer stalls for it). */
    updateCycles?: number;
    /**
     * Optional ('invalidate', a write-invalidate snooping bus such as the SGI Challenge's): cycles a
     * miss on a line another processor's cache holds takes to be supplied from that cache, in place
     * of the last level's fill from memory.
     */
    transferCycles?: number;
    /** Optional ('invalidate'): cycles a write to a line other caches hold stalls while their copies are invalidated. */
    invalidateCycles?: number;
    /** Optional ('invalidate'): cycles one transaction (a fill, a transfer, an invalidation) occupies the bus, whatever its latency. */
    occupancyCycles?: number;
  };
  /** Source of every value above, by dotted path. */
  sources: Record<string, string>;
}

/** Every dotted path of a number or boolean leaf (the values that must cite a source). */
export function leafPaths(obj: unknown, prefix = ''): string[] {
  if (obj === null || typeof obj !== 'object') return [prefix];
  const out: string[] = [];
  for (const [k, v] of Object.entries(obj as Record<string, unknown>)) {
    if (prefix === '' && (k === 'sources' || k === 'id' || k === 'aliases' || k === 'title')) continue;
    const p = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object') out.push(...leafPaths(v, p));
    else out.push(p);
  }
  return out;
}

/** A clock: a machine, or anything that knows the rate its cycles are counted at. */
export type Clock = Pick<MachineDesc, 'clockMHz'>;

/** Cycles to microseconds at the clock's rate: the one place simulated time becomes real time. */
export function cyclesToUs(m: Clock, cycles: number): number {
  return cycles / m.clockMHz;
}

/** Microseconds to whole cycles at the clock's rate (rounded to nearest). */
export function usToCycles(m: Clock, us: number): number {
  return Math.round(us * m.clockMHz);
}
