// Statistics of one run: counters, cycles per labelled step per side, latency samples. Every
// statistic carries a unit and a description and is emitted as rows. Warm-up is left out by
// calling reset() when measurement begins, as the papers measured steady state.

import type { Charge, Ledger } from '../hw/processor.js';
import { cyclesToUs } from '../hw/machine.js';

export interface StatRow {
  name: string;
  value: number;
  unit: string;
  description: string;
}

export class Counter {
  value = 0;
  constructor(
    readonly name: string,
    readonly unit: string,
    readonly description: string,
  ) {}
  add(n = 1): void {
    this.value += n;
  }
}

/**
 * Samples of a quantity in cycles (latencies); mean and quantiles on demand, in memory bounded by
 * the number of distinct values, not of samples. Latencies are whole cycle counts, so counting how
 * often each value occurred keeps everything an exact quantile needs: whole values below DENSE
 * are counted in an array indexed by value (grown by doubling to the largest value seen, at most
 * DENSE × 8 bytes = 512 KiB), others (and any non-integer) in a map of value to count (one entry
 * per distinct value). The quantiles are exact: the same nearest-rank value a
 * sort of every sample would give; the mean sums the samples in the order they came, as before.
 */
export class Samples {
  private dense = new Float64Array(256);
  private sparse = new Map<number, number>();
  count = 0;
  private sum = 0;
  constructor(
    readonly name: string,
    readonly description: string,
  ) {}
  clear(): void {
    this.count = 0;
    this.sum = 0;
    this.dense.fill(0);
    this.sparse.clear();
  }
  push(x: number): void {
    if (x >= 0 && x < DENSE && Number.isInteger(x)) {
      if (x >= this.dense.length) this.grow(x);
      this.dense[x]++;
    } else this.sparse.set(x, (this.sparse.get(x) ?? 0) + 1);
    this.count++;
    this.sum += x;
  }
  private grow(x: number): void {
    let n = this.dense.length;
    while (n <= x) n *= 2;
    const next = new Float64Array(Math.min(n, DENSE));
    next.set(this.dense);
    this.dense = next;
  }
  get mean(): number {
    return this.count === 0 ? NaN : this.sum / this.count;
  }
  /** The q-quantile (nearest rank): the smallest value with more than ceil(q·n) - 1 samples below or at it. */
  quantile(q: number): number {
    if (this.count === 0) return NaN;
    const rank = Math.min(this.count - 1, Math.max(0, Math.ceil(q * this.count) - 1));
    // Walk the values in ascending order until the rank-th sample (0-based) is passed.
    const sparse = [...this.sparse.keys()].sort((a, b) => a - b);
    let seen = 0;
    let j = 0;
    // Negative values (none in practice) sort before the dense range.
    for (; j < sparse.length && sparse[j] < 0; j++) {
      seen += this.sparse.get(sparse[j])!;
      if (seen > rank) return sparse[j];
    }
    const d = this.dense;
    for (let v = 0; v < d.length; v++) {
      // Non-integers between v - 1 and v come before v.
      for (; j < sparse.length && sparse[j] < v; j++) {
        seen += this.sparse.get(sparse[j])!;
        if (seen > rank) return sparse[j];
      }
      if (d[v] !== 0) {
        seen += d[v];
        if (seen > rank) return v;
      }
    }
    for (; j < sparse.length; j++) {
      seen += this.sparse.get(sparse[j])!;
      if (seen > rank) return sparse[j];
    }
    return NaN;
  }
}

/** Whole values below this are counted by index (65,536 cycles is 0.66 ms at 100 MHz); larger ones in the map. */
const DENSE = 65536;

export interface BreakdownEntry {
  side: string;
  step: string;
  cycles: number;
  /** Times the step ran. */
  count: number;
  instructions: number;
  tlbMisses: number;
  tlbCycles: number;
  cacheMisses: number;
  cacheCycles: number;
  trapEntries: number;
  trapReturns: number;
}

/** Cycles per (side, step label), in first-charged order: the rows of a breakdown table. */
export class Breakdown implements Ledger {
  // side -> label -> entry: two lookups by strings the kernels already hold, rather than building
  // a combined key on every charge (this is on the hot path of every executed step).
  private bySide = new Map<string, Map<string, BreakdownEntry>>();
  private order: BreakdownEntry[] = [];
  /** Bumped by clear(): row handles from before it are stale. */
  private gen = 0;
  charge(c: Charge): void {
    // The processor hands over its handle on this step's row: after the first charge, no lookup.
    const slot = c.slot;
    let e: BreakdownEntry;
    if (slot !== null && slot.owner === this && slot.gen === this.gen) e = slot.row as BreakdownEntry;
    else {
      e = this.lookup(c);
      if (slot !== null) {
        slot.owner = this;
        slot.gen = this.gen;
        slot.row = e;
      }
    }
    e.cycles += c.cycles;
    e.count++;
    e.instructions += c.instructions;
    e.tlbMisses += c.tlbMisses;
    e.tlbCycles += c.tlbCycles;
    e.cacheMisses += c.cacheMisses;
    e.cacheCycles += c.cacheCycles;
    e.trapEntries += c.trapEntries;
    e.trapReturns += c.trapReturns;
  }
  private lookup(c: Charge): BreakdownEntry {
    let labels = this.bySide.get(c.side);
    if (!labels) this.bySide.set(c.side, (labels = new Map()));
    let e = labels.get(c.label);
    if (!e) {
      e = { side: c.side, step: c.label, cycles: 0, count: 0, instructions: 0, tlbMisses: 0, tlbCycles: 0, cacheMisses: 0, cacheCycles: 0, trapEntries: 0, trapReturns: 0 };
      labels.set(c.label, e);
      this.order.push(e);
    }
    return e;
  }
  /** Entries in the order they were first charged. */
  rows(): BreakdownEntry[] {
    return this.order.slice();
  }
  get(side: string, label: string): BreakdownEntry | undefined {
    return this.bySide.get(side)?.get(label);
  }
  clear(): void {
    this.bySide.clear();
    this.order = [];
    this.gen++;
  }
}

export class Stats {
  readonly breakdown = new Breakdown();
  private counters = new Map<string, Counter>();
  private samples = new Map<string, Samples>();
  /** Cycle at which measurement began (after warm-up). */
  since = 0;

  counter(name: string, unit: string, description: string): Counter {
    let c = this.counters.get(name);
    if (!c) this.counters.set(name, (c = new Counter(name, unit, description)));
    return c;
  }

  sampler(name: string, description: string): Samples {
    let s = this.samples.get(name);
    if (!s) this.samples.set(name, (s = new Samples(name, description)));
    return s;
  }

  /** Begin measuring at cycle `now`: forget everything counted during warm-up. */
  reset(now: number): void {
    this.since = now;
    this.breakdown.clear();
    for (const c of this.counters.values()) c.value = 0;
    for (const s of this.samples.values()) s.clear();
  }

  rows(clockMHz: number): StatRow[] {
    const clock = { clockMHz };
    const out: StatRow[] = [];
    for (const c of this.counters.values()) out.push({ name: c.name, value: c.value, unit: c.unit, description: c.description });
    for (const s of this.samples.values()) {
      out.push({ name: `${s.name}.count`, value: s.count, unit: 'samples', description: `${s.description}: samples` });
      out.push({ name: `${s.name}.mean`, value: cyclesToUs(clock, s.mean), unit: 'us', description: `${s.description}: mean` });
      out.push({ name: `${s.name}.p50`, value: cyclesToUs(clock, s.quantile(0.5)), unit: 'us', description: `${s.description}: median` });
      out.push({ name: `${s.name}.p99`, value: cyclesToUs(clock, s.quantile(0.99)), unit: 'us', description: `${s.description}: 99th percentile` });
    }
    for (const b of this.breakdown.rows()) {
      out.push({
        name: `breakdown.${b.side}.${b.step}`,
        value: b.cycles,
        unit: 'cycles',
        description: `cycles charged to step "${b.step}" on the ${b.side} side over ${b.count} executions`,
      });
    }
    return out;
  }
}
