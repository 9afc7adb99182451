// The URPC paper's experiments on the simulated C-VAX Firefly, run through `measure` so that
// claims, tables and figures reading the same run share it: the closed loop of null calls at (T, C, S) (§4.3, Figs. 3
// and 4), Table I's thread tests, LRPC's and SRC RPC's null calls, and the Figure 1 scenario.
// Everything returned is read off a run; nothing here computes a result from costs.

import type { Scale } from '../claims.js';
import type { BreakdownRow, RunResult } from '../run.js';
import { measure } from '../measure.js';
import { sumRows, working } from '../breakdown.js';
import type { Timeline } from '../../sim/trace/timeline.js';

/** Calls per point: the paper's 100,000 (§4.3), or a few thousand for tests. */
export const CALLS: Record<Scale, number> = { test: 3000, paper: 100_000 };

/** The (C, S) combinations of Figures 3 and 4, and their T axis. */
export const COMBOS = [
  { C: 1, S: 0 },
  { C: 1, S: 1 },
  { C: 2, S: 1 },
  { C: 1, S: 2 },
  { C: 2, S: 2 },
] as const;
export const T_AXIS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;

export interface Point {
  latencyUs: number;
  throughput: number;
  calls: number;
  breakdown: BreakdownRow[];
  /** Counters per measured call (reallocations, kernel traps, lock conflicts). */
  perCall: Record<string, number>;
}

function point(r: RunResult): Point {
  const n = r.result.calls;
  const perCall: Record<string, number> = {};
  for (const s of r.result.stats) if (s.unit === 'count') perCall[s.name] = s.value / n;
  return { latencyUs: r.result.latencyUs.mean, throughput: r.result.throughputPerSec, calls: n, breakdown: r.result.breakdown, perCall };
}

/** The null URPC in a closed loop at (T, C, S), with kernel options or machine what-ifs in `set`. */
export function urpcPoint(scale: Scale, T: number, C: number, S: number, set: string[] = [], bytes = 0): Point {
  return point(measure({ machine: 'firefly-cvax', kernel: 'urpc', T, C, S, bytes, calls: CALLS[scale], set }));
}

/** A kernel's null call, one client thread. */
export function nullCall(scale: Scale, kernel: 'lrpc' | 'src-rpc', machine = 'firefly-cvax'): Point {
  return point(measure({ machine, kernel, T: 1, C: 1, S: 1, calls: Math.floor(CALLS[scale] / 3) }));
}

/** One Table I test: µs per operation (elapsed time over loop iterations, §4.1), with its run. */
export function tableI(scale: Scale, kernel: 'urpc' | 'taos', workload: string, trace = false): Point & { perOpUs: number; timeline: Timeline | null } {
  // FastThreads's tests ran on one processor (§4.1): one client processor, no server. Taos's
  // kernel threads take no processor split (its run refuses -C and -S).
  const cpus = kernel === 'urpc' ? { C: 1, S: 0 } : {};
  const r = measure({ machine: 'firefly-cvax', kernel, workload, T: 1, ...cpus, calls: trace ? 200 : Math.floor(CALLS[scale] / 3), trace });
  return { ...point(r), perOpUs: 1e6 / r.result.throughputPerSec, timeline: r.timeline };
}

/** Per measured call: µs of the given steps on a side (all steps of the side if none named). */
export const stepUs = (p: Point, side: string, steps?: readonly string[]): number => sumRows(p.breakdown, steps ? { side, steps } : { side, where: working }).us;

/** Instructions per measured call on a side, idle polling left out. */
export const stepInstructions = (p: Point, side: string, steps?: readonly string[]): number =>
  sumRows(p.breakdown, steps ? { side, steps } : { side, where: working }).instructions;

/** Per execution of a step (a breakdown row divided by how often it ran per call). */
export const perExecutionUs = (p: Point, side: string, step: string): number => sumRows(p.breakdown, { side, steps: [step] }, { per: 'execution', require: true }).us;

export interface Figure1Run {
  timeline: Timeline;
  latencyUs: number;
}

/** The Figure 1 scenario, traced: editor (T1, T2; C processors), WinMgr (S), FCMgr (none). */
export function figure1Run(): Figure1Run {
  const r = measure({
    machine: 'firefly-cvax',
    kernel: 'urpc',
    workload: 'urpc-figure1',
    T: 2,
    C: 1,
    S: 1,
    calls: 3,
    warmup: 0,
    trace: true,
  });
  return { timeline: r.timeline!, latencyUs: r.result.latencyUs.mean };
}
