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

/** Samples of a quantity in cycles (latencies); mean and quantiles on demand. */
export class Samples {
  private data = new Float64Array(1024);
  count = 0;
  private sum = 0;
  constructor(
    readonly name: string,
    readonly description: string,
  ) {}
  clear(): void {
    this.count = 0;
    this.sum = 0;
  }
  push(x: number): void {
    if (this.count === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.count++] = x;
    this.sum += x;
  }
  get mean(): number {
    return this.count === 0 ? NaN : this.sum / this.count;
  }
  /** The q-quantile (nearest rank). */
  quantile(q: number): number {
    if (this.count === 0) return NaN;
    const sorted = this.data.slice(0, this.count).sort();
    const rank = Math.min(this.count - 1, Math.max(0, Math.ceil(q * this.count) - 1));
    return sorted[rank];
  }
}

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
  charge(c: Charge): void {
    let labels = this.bySide.get(c.side);
    if (!labels) this.bySide.set(c.side, (labels = new Map()));
    let e = labels.get(c.label);
    if (!e) {
      e = { side: c.side, step: c.label, cycles: 0, count: 0, instructions: 0, tlbMisses: 0, tlbCycles: 0, cacheMisses: 0, cacheCycles: 0, trapEntries: 0, trapReturns: 0 };
      labels.set(c.label, e);
      this.order.push(e);
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
