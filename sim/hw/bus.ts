// The shared memory bus of a multiprocessor whose caches snoop it and keep shared lines coherent by
// write-update (the Firefly's MBus and its coherence protocol: Thacker, Stewart & Satterthwaite,
// "Firefly: a multiprocessor workstation", IEEE TC 37(8), 1988). Three things occupy the bus: a
// cache miss's fill from memory, the write-through of a write to a line another processor's cache
// also holds (the other copies are updated, not invalidated, so they stay shared), and an
// interlocked read-modify-write (a test-and-set). Reads of lines already cached, and writes to
// lines no other cache holds (copied back later), stay off the bus.
//
// Approximation: Processor.exec prices a whole step when the step starts, so its bus transactions
// are reserved then, each at the time it would happen inside the step (the step's start plus the
// cycles before it). The bus keeps a calendar of reserved intervals; a request is granted the first
// free gap at or after its time, and the requester stalls for the difference. Requests are thus
// served in the order the simulation prices them, not strictly in time order; reservations that
// end before the simulation clock are forgotten. Only waiting for other processors' transactions
// is charged: a transaction's own cycles are already priced (a fill as the cache's miss cycles, an
// interlocked instruction as its instruction cost, a write-through within the store's cost).
// With one processor, or a machine whose bus.model is 'none', there is no Bus at all.
//
// A write-invalidate bus (bus.model 'invalidate', the SGI Challenge's POWERpath-2 with the R4400's
// coherence protocol) keeps one writer: a write to a line other caches hold removes their copies,
// and the writer waits for the invalidation; a miss on a line another cache holds is supplied from
// that cache at the transfer latency. A transaction occupies the bus for its occupancy only (the
// bus is split-transaction), while the requester stalls for the whole latency.

import type { CacheLevel } from './cache.js';
import type { SetAssoc } from './setassoc.js';

export class Bus {
  /** The simulation clock; the owner of the hardware sets it (it stays 0 without a simulation). */
  now: () => number = () => 0;
  /**
   * Reserved intervals [starts[i], ends[i]) for head <= i < len, sorted and disjoint (the arrays
   * only grow; entries past len are dead). Expired intervals are skipped by moving head, and the
   * live ones moved to the front once half of the used part is dead, so forgetting the past costs
   * no splice and no resizing per reservation.
   */
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private head = 0;
  private len = 0;
  /** Each processor's data cache levels, by processor id, for snooping. */
  private readonly snoopers: CacheLevel[][] = [];
  /**
   * When every processor snoops through the same direct-mapped levels (the Firefly's one cache, the
   * Challenge's first- and second-level caches), a line is shared beyond cpu iff another
   * processor's array of some level holds it in its one slot: per level, those arrays by
   * processor and the level's geometry; null otherwise.
   */
  private direct: { arrays: SetAssoc[]; sets: number; lineBytes: number }[] | null = null;

  fills = 0;
  updates = 0;
  /** Write-invalidate: misses supplied by another cache, and writes that invalidated other copies. */
  transfers = 0;
  invalidations = 0;
  interlocked = 0;
  /** Cycles the bus was reserved for, and cycles processors stalled waiting for it. */
  busyCycles = 0;
  waitCycles = 0;

  attach(cpu: number, data: CacheLevel[]): void {
    this.snoopers[cpu] = data;
    const all = this.snoopers;
    const first = all[0];
    const same = (lv: CacheLevel, like: CacheLevel) => lv.array.ways === 1 && lv.lineBytes === like.lineBytes && lv.array.sets === like.array.sets;
    let direct = first !== undefined && first.length > 0;
    for (let p = 0; p < all.length && direct; p++) {
      const levels = all[p];
      direct = levels !== undefined && levels.length === first.length && levels.every((lv, i) => same(lv, first[i]));
    }
    this.direct = direct
      ? first.map((like, i) => ({ arrays: all.map((levels) => levels[i].array), sets: like.array.sets, lineBytes: like.lineBytes }))
      : null;
  }

  /** Whether a processor other than `cpu` caches the line holding physical address addr. */
  sharedBeyond(cpu: number, addr: number): boolean {
    return this.beyond(cpu, addr, false);
  }

  /**
   * Remove the line holding physical address addr from every processor's caches but cpu's
   * (write-invalidate); whether any held it (sharedBeyond before the call), found in the same pass.
   */
  invalidateBeyond(cpu: number, addr: number): boolean {
    return this.beyond(cpu, addr, true);
  }

  /** The other processors' copies of addr's line: whether there are any, removing them all when `drop`. */
  private beyond(cpu: number, addr: number, drop: boolean): boolean {
    let shared = false;
    const direct = this.direct;
    if (direct !== null) {
      // Direct-mapped levels hold the line only in its one slot: test the slots without a call.
      for (let i = 0; i < direct.length; i++) {
        const d = direct[i];
        const line = Math.floor(addr / d.lineBytes);
        const slot = line % d.sets;
        // Each array's keys are read afresh: an array replaces them at its first fill.
        const arrays = d.arrays;
        for (let p = 0; p < arrays.length; p++) {
          if (p === cpu || arrays[p].keys[slot] !== line) continue;
          if (!drop) return true;
          this.snoopers[p][i].array.drop(line);
          shared = true;
        }
      }
      return shared;
    }
    for (let p = 0; p < this.snoopers.length; p++) {
      if (p === cpu) continue;
      const levels = this.snoopers[p];
      for (let i = 0; i < levels.length; i++) {
        const line = Math.floor(addr / levels[i].lineBytes);
        if (!(drop ? levels[i].array.drop(line) : levels[i].array.contains(line))) continue;
        if (!drop) return true;
        shared = true;
      }
    }
    return shared;
  }

  /** Reserve `cycles` of bus at time t or the first gap after it long enough; returns the cycles waited. */
  reserve(t: number, cycles: number): number {
    const s = this.starts;
    const e = this.ends;
    const now = this.now();
    let h = this.head;
    let n = this.len;
    while (h < n && e[h] <= now) h++;
    if (h === n) {
      // Everything reserved has ended: start afresh.
      h = n = 0;
    } else if (h > 32 && h * 2 > n) {
      s.copyWithin(0, h, n);
      e.copyWithin(0, h, n);
      n -= h;
      h = 0;
    }
    this.head = h;
    let at = t;
    let i = h;
    for (; i < n; i++) {
      if (e[i] <= at) continue;
      if (s[i] >= at + cycles) break;
      at = e[i];
    }
    // Insert [at, at + cycles) before interval i, merging with touching neighbours.
    const end = at + cycles;
    const joinPrev = i > h && e[i - 1] === at;
    const joinNext = i < n && s[i] === end;
    if (joinPrev && joinNext) {
      e[i - 1] = e[i];
      remove(s, i, n);
      remove(e, i, n);
      n--;
    } else if (joinPrev) e[i - 1] = end;
    else if (joinNext) s[i] = at;
    else {
      insert(s, i, n, at);
      insert(e, i, n, end);
      n++;
    }
    this.len = n;
    this.busyCycles += cycles;
    this.waitCycles += at - t;
    return at - t;
  }
}

/** Insert x at i into the first n entries of a (a.splice(i, 0, x) without allocating). */
function insert(a: number[], i: number, n: number, x: number): void {
  for (let j = n; j > i; j--) a[j] = a[j - 1];
  a[i] = x;
}

/** Remove entry i of the first n entries of a (a.splice(i, 1) without allocating). */
function remove(a: number[], i: number, n: number): void {
  for (let j = i; j < n - 1; j++) a[j] = a[j + 1];
}

/**
 * One processor's connection to the bus: a cursor (the time the processor's next bus transaction
 * would start) that the processor sets before each effect of a step, and the transactions.
 * Each returns the cycles it stalls the processor beyond what the caller already charges.
 */
export class BusPort {
  t = 0;
  /** When this processor's own last transaction ends. */
  private until = 0;
  constructor(
    readonly bus: Bus,
    readonly cpu: number,
    /** Bus cycles a write-update (a write-through of one shared line) occupies the bus. */
    readonly updateCycles: number,
    /** Bus cycles of an interlocked read-modify-write. */
    readonly interlockedCycles: number,
    /** A write-invalidate bus: its transfer and invalidation latencies and a transaction's bus occupancy (null: write-update). */
    readonly invalidate: { transfer: number; invalidate: number; occupancy: number } | null = null,
  ) {}

  /**
   * Reserve the bus after this processor's own previous transaction: a step lists its references
   * after its instructions, so its transactions are bunched at one instant although the processor
   * issues them spread over the step; it must not wait for itself. Returns the wait for others.
   */
  private reserve(cycles: number): number {
    const start = Math.max(this.t, this.until);
    const w = this.bus.reserve(start, cycles);
    this.until = this.t = start + w + cycles;
    return w;
  }

  /**
   * A miss of the last cache level, which the cache charges `cycles` for (a fill from memory): only
   * the wait is extra. On a write-invalidate bus a line another cache holds comes from that cache
   * instead, at the transfer latency.
   */
  fill(cycles: number, addr = -1): number {
    const inv = this.invalidate;
    if (inv === null) {
      this.bus.fills++;
      return this.reserve(cycles);
    }
    if (addr >= 0 && this.bus.sharedBeyond(this.cpu, addr)) {
      this.bus.transfers++;
      return inv.transfer - cycles + this.reserve(inv.occupancy);
    }
    this.bus.fills++;
    return this.reserve(inv.occupancy);
  }

  /**
   * A write to a line: on the bus only if another cache shares it. The writer stalls only while
   * the bus is busy with others' transactions: the write-through itself is part of the store's
   * priced cost (on the Firefly the per-instruction cost is derived from a measured round trip
   * whose channel writes were already write-throughs to a line the other processor shared).
   */
  write(addr: number, filled = false): number {
    const inv = this.invalidate;
    if (inv !== null) {
      // Write-invalidate: the other copies are removed and the writer waits for the invalidation,
      // unless the write missed: its fill was a read-exclusive that took ownership with the line.
      // A line no other cache holds stays off the bus.
      if (!this.bus.invalidateBeyond(this.cpu, addr)) return 0;
      this.bus.invalidations++;
      return filled ? 0 : inv.invalidate + this.reserve(inv.occupancy);
    }
    if (!this.bus.sharedBeyond(this.cpu, addr)) return 0;
    this.bus.updates++;
    return this.reserve(this.updateCycles);
  }

  /** An interlocked instruction: its cycles are priced as an instruction; only the wait is extra. */
  lock(): number {
    this.bus.interlocked++;
    return this.reserve(this.interlockedCycles);
  }
}
