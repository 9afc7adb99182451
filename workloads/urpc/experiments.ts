// The URPC paper's experiments on the simulated C-VAX Firefly, memoised so that claims, tables and
// figures reading the same run share it: the closed loop of null calls at (T, C, S) (§4.3, Figs. 3
// and 4), Table I's thread tests, LRPC's and SRC RPC's null calls, and the Figure 1 scenario.
// Everything returned is read off a run; nothing here computes a result from costs.

import { experiment, type Scale } from '../claims.js';
import { simulate, type BreakdownRow, type RunResult } from '../run.js';
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
  const key = `urpc:${scale}:${T},${C},${S}:${bytes}:${set.join(',')}`;
  return experiment(key, () => point(simulate({ machine: 'firefly-cvax', kernel: 'urpc', T, C, S, bytes, calls: CALLS[scale], set })));
}

/** A kernel's null call, one client thread. */
export function nullCall(scale: Scale, kernel: 'lrpc' | 'src-rpc', machine = 'firefly-cvax'): Point {
  return experiment(`${kernel}:${scale}:${machine}`, () => point(simulate({ machine, kernel, T: 1, C: 1, S: 1, calls: Math.floor(CALLS[scale] / 3) })));
}

/** One Table I test: µs per operation (elapsed time over loop iterations, §4.1), with its run. */
export function tableI(scale: Scale, kernel: 'urpc' | 'taos', workload: string, trace = false): Point & { perOpUs: number; timeline: Timeline | null } {
  return experiment(`tableI:${kernel}:${workload}:${scale}:${trace}`, () => {
    // FastThreads's tests ran on one processor (§4.1): one client processor, no server.
    const r = simulate({ machine: 'firefly-cvax', kernel, workload, T: 1, C: 1, S: 0, calls: trace ? 200 : Math.floor(CALLS[scale] / 3), trace });
    return { ...point(r), perOpUs: 1e6 / r.result.throughputPerSec, timeline: r.timeline };
  });
}

/** Per measured call: µs of the given steps on a side (all steps of the side if none named). */
export function stepUs(p: Point, side: string, steps?: readonly string[]): number {
  let us = 0;
  for (const b of p.breakdown) if (b.side === side && (steps ? steps.includes(b.step) : b.step !== 'idle')) us += b.us;
  return us;
}

/** Instructions per measured call on a side, idle polling left out. */
export function stepInstructions(p: Point, side: string, steps?: readonly string[]): number {
  let n = 0;
  for (const b of p.breakdown) if (b.side === side && (steps ? steps.includes(b.step) : b.step !== 'idle')) n += b.instructions;
  return n;
}

/** Per execution of a step (a breakdown row divided by how often it ran per call). */
export function perExecutionUs(p: Point, side: string, step: string): number {
  const b = p.breakdown.find((x) => x.side === side && x.step === step);
  if (!b) throw new Error(`no step '${step}' on side '${side}' in the run`);
  return b.us / b.count;
}

export interface Figure1Run {
  timeline: Timeline;
  latencyUs: number;
}

/** The Figure 1 scenario, traced: editor (T1, T2; C processors), WinMgr (S), FCMgr (none). */
export function figure1Run(): Figure1Run {
  return experiment('urpc:figure1', () => {
    const r = simulate({
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
  });
}
