// The one reader of a run's per-step breakdown (the rows the kernels label with the papers' own
// names): pick rows by side, by step names, by a label prefix or by a test, and sum every measure
// of them, per measured call, per execution of each step, or over a divisor (an L3 round trip
// holds two IPCs). The papers' tables and claims read their components through it.

import type { BreakdownRow } from './run.js';

export interface RowPick {
  /** Only rows of this side (client, server, kernel, ...). */
  side?: string;
  /** Only rows with one of these step labels; with `require`, each must be present. */
  steps?: readonly string[];
  /** Only rows whose label starts with this (inks: "3. " is stage 3 and its copy step). */
  prefix?: string;
  /** Only rows that pass this test. */
  where?: (row: BreakdownRow) => boolean;
}

export interface RowSum {
  us: number;
  cycles: number;
  /** Cycles without TLB and cache miss penalties. */
  exec: number;
  instructions: number;
  tlbMisses: number;
  tlbCycles: number;
  cacheMisses: number;
  cacheCycles: number;
  /** Times the picked steps ran. */
  count: number;
}

export interface SumOptions {
  /** call (default): the rows as they are, per measured call; execution: each row over its count. */
  per?: 'call' | 'execution';
  /** Divide each row by this (2: per IPC of a round trip). */
  over?: number;
  /** Throw unless every named step (or, with a prefix, some row) was found. */
  require?: boolean;
}

const picks = (p: RowPick, r: BreakdownRow): boolean =>
  (p.side === undefined || r.side === p.side) &&
  (p.steps === undefined || p.steps.includes(r.step)) &&
  (p.prefix === undefined || r.step.startsWith(p.prefix)) &&
  (p.where === undefined || p.where(r));

/** Sum the picked rows' measures. */
export function sumRows(rows: readonly BreakdownRow[], pick: RowPick, o: SumOptions = {}): RowSum {
  const out: RowSum = { us: 0, cycles: 0, exec: 0, instructions: 0, tlbMisses: 0, tlbCycles: 0, cacheMisses: 0, cacheCycles: 0, count: 0 };
  const found = new Set<string>();
  for (const r of rows) {
    if (!picks(pick, r)) continue;
    found.add(r.step);
    const d = (o.per === 'execution' ? r.count : 1) * (o.over ?? 1);
    out.us += r.us / d;
    out.cycles += r.cycles / d;
    out.exec += r.execCycles / d;
    out.instructions += r.instructions / d;
    out.tlbMisses += r.tlbMisses / d;
    out.tlbCycles += r.tlbCycles / d;
    out.cacheMisses += r.cacheMisses / d;
    out.cacheCycles += r.cacheCycles / d;
    out.count += r.count;
  }
  if (o.require) {
    const where = pick.side === undefined ? '' : ` on side '${pick.side}'`;
    const missing = pick.steps?.find((s) => !found.has(s));
    if (missing !== undefined) throw new Error(`no step '${missing}'${where} in the run's breakdown`);
    if (pick.prefix !== undefined && found.size === 0) throw new Error(`no step starting '${pick.prefix}'${where} in the run's breakdown`);
  }
  return out;
}

/** Whether a row is a step that did work (not a processor idling or polling for work). */
export const working = (r: BreakdownRow): boolean => r.step !== 'idle';
