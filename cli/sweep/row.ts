// One sweep point's outcome: its fully resolved parameters, its --set values, and the run's
// headline results (with the field names of `simulate run --json`), or the status and error of a
// point that could not finish; and that outcome as a CSV row with units in the header.

import { StallError } from '../../sim/engine/index.js';
import { resolve, RunError, simulate, type RunResult } from '../../workloads/run.js';
import type { Point } from './grid.js';

export type Row = (string | number)[];

export type PointStatus = 'ok' | 'stalled' | 'budget' | 'failed';

/** A point as `sweep --json` prints it: the fields of `run --json` (without config and perf), plus its status. */
export interface PointResult {
  point: number;
  status: PointStatus;
  error: string | null;
  machine: string;
  kernel: string;
  workload: string;
  params: RunResult['params'];
  seed: number;
  set: Record<string, string>;
  result: Pick<RunResult['result'], 'calls' | 'latencyUs' | 'latencyCycles' | 'throughputPerSec' | 'breakdown' | 'warnings'> | null;
}

const PARAMS = ['point', 'machine', 'kernel', 'workload', 'T (threads)', 'C (processors)', 'S (processors)', 'clients (processes)', 'message (bytes)', 'measured (calls)', 'warm-up (calls)', 'seed'];
const RESULTS = ['latency mean (us)', 'latency p50 (us)', 'latency p99 (us)', 'latency mean (cycles)', 'throughput (calls/s)', 'status', 'error', 'warnings'];

export const setPathsOf = (p: Point): string[] => Object.keys(p.at).filter((k) => k.startsWith('set:')).map((k) => k.slice(4));

export const headerOf = (setPaths: string[]): string[] => [...PARAMS, ...setPaths, ...RESULTS];

const num = (x: number) => (Number.isFinite(x) ? Number(x.toFixed(4)) : String(x));

export function rowOf(p: Point, r: PointResult): Row {
  const q = r.params;
  const res = r.result;
  const figures = res
    ? [num(res.latencyUs.mean), num(res.latencyUs.p50), num(res.latencyUs.p99), num(res.latencyCycles.mean), num(res.throughputPerSec)]
    : ['', '', '', '', ''];
  return [
    r.point,
    r.machine,
    r.kernel,
    r.workload,
    q.T,
    q.C,
    q.S,
    q.clients,
    q.bytes,
    q.calls,
    q.warmup,
    r.seed,
    ...setPathsOf(p).map((path) => p.at[`set:${path}`]),
    ...figures,
    r.status,
    r.error ?? '',
    res ? res.warnings.join('; ') : '',
  ];
}

const statusOf = (e: unknown): PointStatus => (e instanceof StallError ? 'stalled' : e instanceof RunError ? e.status : 'failed');

/** Run one point (in this thread or a worker); a run that cannot finish gives its status and error. */
export function runPoint(p: Point): PointResult {
  const rs = resolve(p.spec);
  const base = {
    point: p.index,
    machine: rs.machine.id,
    kernel: rs.kernel.id,
    workload: rs.workload,
    params: { ...rs.params, calls: rs.calls, warmup: rs.warmup },
    seed: rs.seed,
    set: Object.fromEntries(setPathsOf(p).map((k) => [k, p.at[`set:${k}`]])),
  };
  try {
    const r = simulate(p.spec);
    const { calls, latencyUs, latencyCycles, throughputPerSec, breakdown, warnings } = r.result;
    return { ...base, status: 'ok', error: null, result: { calls, latencyUs, latencyCycles, throughputPerSec, breakdown, warnings } };
  } catch (e) {
    const msg = ((e as Error).message ?? String(e)).split('\n').map((l) => l.trim()).filter(Boolean).join('; ').replace(/:; /g, ': ');
    return { ...base, status: statusOf(e), error: msg, result: null };
  }
}
