// The runs the in-kernel servers paper's claims and tables read: one configuration (kernel) with
// one test (workload), instrumented or not, on the HP 9000/730. Each goes through `measure`, so
// the claims and tables that read the same run share it. Stage rows are read from the breakdown
// by label.

import type { Scale } from '../claims.js';
import type { BreakdownRow, RunResult } from '../run.js';
import { measure } from '../measure.js';
import { sumRows } from '../breakdown.js';

/** Table 3/4 ratios, §4.4 and the abstract: "a factor of three", "about": allowed error of statements the paper rounds. */
export const ABOUT_PCT = 15;

export const MACHINE = 'hp9000-730';
export const CONFIGS = ['mach', 'inks-msg', 'inks-trap'] as const;
export type Config = (typeof CONFIGS)[number];

export interface Run {
  latencyCycles: number;
  latencyUs: number;
  breakdown: BreakdownRow[];
  stats: RunResult['result']['stats'];
  calls: number;
}

/** Calls per run: RPC timings are deterministic in steady state, so a few hundred suffice for tests. */
const calls = (scale: Scale, paper: number, test: number): number => (scale === 'paper' ? paper : test);

export interface RunOptions {
  set?: string[];
  /** Calls at each scale (default 10,000 and 200). */
  calls?: { paper: number; test: number };
  bytes?: number;
}

export function run(kernel: string, workload: string, scale: Scale, o: RunOptions = {}): Run {
  const set = o.set ?? [];
  const c = o.calls ? calls(scale, o.calls.paper, o.calls.test) : calls(scale, 10_000, 200);
  const r = measure({ machine: MACHINE, kernel, workload, calls: c, warmup: Math.min(100, c), set, bytes: o.bytes ?? 0 });
  return {
    latencyCycles: r.result.latencyCycles.mean,
    latencyUs: r.result.latencyUs.mean,
    breakdown: r.result.breakdown,
    stats: r.result.stats,
    calls: r.result.calls,
  };
}

/** The Table 1 / Table 2 test: one 128-byte InOut argument, with the timestamps of the instrumented test. */
export const stagesRun = (kernel: string, scale: Scale, instrumented = true): Run =>
  run(kernel, 'inks-inout128', scale, { set: instrumented ? ['kernel.instrumented=true'] : [] });

/** Cycles per call of a stage: every step whose label starts with its number ("3. ", its copy step too). */
export const stageCycles = (r: Run, stage: number): number => sumRows(r.breakdown, { prefix: `${stage}. ` }, { require: true }).cycles;

/** Cycles per call of the steps matching a test. */
export const cyclesWhere = (r: Run, f: (b: BreakdownRow) => boolean): number => sumRows(r.breakdown, { where: f }).cycles;

export const isCopy = (b: BreakdownRow): boolean => b.step.endsWith(' / copy');
