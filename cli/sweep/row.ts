// One CSV row per sweep point: the point's number, its fully resolved parameters, its --set values,
// and the run's headline results, with units in the header.

import { simulate, type RunResult } from '../../workloads/run.js';
import type { Point } from './grid.js';

export type Row = (string | number)[];

const PARAMS = ['point', 'machine', 'kernel', 'workload', 'T (threads)', 'C (processors)', 'S (processors)', 'clients (processes)', 'message (bytes)', 'measured (calls)', 'warm-up (calls)', 'seed'];
const RESULTS = ['latency mean (us)', 'latency p50 (us)', 'latency p99 (us)', 'latency mean (cycles)', 'throughput (calls/s)'];

export const setPathsOf = (p: Point): string[] => Object.keys(p.at).filter((k) => k.startsWith('set:')).map((k) => k.slice(4));

export const headerOf = (setPaths: string[]): string[] => [...PARAMS, ...setPaths, ...RESULTS];

const num = (x: number) => (Number.isFinite(x) ? Number(x.toFixed(4)) : String(x));

export function rowOf(p: Point, r: RunResult): Row {
  const q = r.params;
  const res = r.result;
  return [
    p.index,
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
    num(res.latencyUs.mean),
    num(res.latencyUs.p50),
    num(res.latencyUs.p99),
    num(res.latencyCycles.mean),
    num(res.throughputPerSec),
  ];
}

/** Run one point (in this thread or a worker). */
export function runPointRow(p: Point): Row {
  return rowOf(p, simulate(p.spec));
}
