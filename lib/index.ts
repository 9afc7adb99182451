// The library entry point (`import { simulate } from 'ipcsim'`): the same functions the command
// line is a thin layer over, with the same validation and the same messages. A bad input throws
// UsageError (one line naming the parameter, the value and what is allowed); a run that cannot
// finish throws RunError (status 'budget' or 'failed') or the engine's StallError.

import { claimsOf } from '../workloads/registry.js';
import { evaluate, type ClaimResult, type Scale } from '../workloads/claims.js';
import { runSweep } from '../cli/sweep/command.js';
import type { GridInput, Point } from '../cli/sweep/grid.js';
import type { PointResult } from '../cli/sweep/row.js';
import type { SweepId } from '../cli/sweep/identity.js';

export { simulate, resolve, RunError, type RunSpec, type RunResult, type RunProgress, type SimulateOptions, type BreakdownRow } from '../workloads/run.js';
export { UsageError, RUN_BOUNDS, BUDGET } from '../workloads/limits.js';
export type { ParamRange } from '../kernels/kernel.js';
export { MACHINE_SCHEMA, validateMachine, type ParamSpec } from '../sim/hw/machine-schema.js';
export { StallError } from '../sim/engine/index.js';
/** Every kernel on every machine (as `simulate compare --json`): the grid's cells and the porting assumptions they rest on. */
export { compare, type CompareSpec, type CompareCell, type CompareResult } from '../workloads/compare.js';
export type { MachineDesc } from '../sim/hw/machine.js';
export type { OptionSpec, RunParams } from '../kernels/kernel.js';
export type { ClaimResult, Scale } from '../workloads/claims.js';
export type { PointResult, SweepId };

export { listMachines, listKernels, listWorkloads, type MachineInfo } from './list.js';

/** Evaluate the registered claims (of one paper, or all), as `simulate claims --json` prints them. */
export function claims(paper?: 'urpc' | 'sleepwake' | 'l3' | 'inks', scale: Scale = 'test'): ClaimResult[] {
  return claimsOf(paper).map((c) => evaluate(c, scale));
}

type Values = string | number | boolean | readonly (string | number | boolean)[];

/** A sweep's grid: each entry one value, a list, or the CLI's text ("1..10", "0..4096:1024", "1,2,4"). */
export interface SweepGrid {
  machine: Values;
  kernel: Values;
  workload?: Values;
  T?: Values;
  C?: Values;
  S?: Values;
  clients?: Values;
  bytes?: Values;
  calls?: Values;
  warmup?: Values;
  seed?: Values;
  /** Machine parameters and kernel options (`kernel.NAME`), each one value or a list. */
  set?: Record<string, Values>;
}

export interface SweepOptions {
  /** Worker threads (default: the processors available). */
  jobs?: number;
  /** Only shard i of n (i from 1). */
  shard?: { i: number; n: number };
  onPoint?: (index: number) => void;
}

const text = (v: Values): string => (Array.isArray(v) ? v.map(String).join(',') : String(v));

/**
 * Run every point of a grid; outcomes in point order. A point that cannot finish is an outcome with
 * its status ('stalled', 'budget', 'failed') and error; a grid with a bad point throws UsageError
 * before anything runs.
 */
export async function sweep(grid: SweepGrid, o: SweepOptions = {}): Promise<{ id: SweepId; points: PointResult[] }> {
  const opt = (v: Values | undefined) => (v === undefined ? undefined : text(v));
  const input: GridInput = {
    machine: text(grid.machine),
    kernel: text(grid.kernel),
    workload: opt(grid.workload),
    numbers: { T: opt(grid.T), C: opt(grid.C), S: opt(grid.S), clients: opt(grid.clients), bytes: opt(grid.bytes), calls: opt(grid.calls), warmup: opt(grid.warmup), seed: opt(grid.seed) },
    set: Object.entries(grid.set ?? {}).map(([k, v]) => `${k}=${text(v)}`),
  };
  const r = await runSweep({ grid: input, jobs: o.jobs, shard: o.shard ? `${o.shard.i}/${o.shard.n}` : undefined }, (p: Point) => o.onPoint?.(p.index));
  return { id: r.id, points: r.points };
}

