// The sleep/wake-up paper's experiments as memoised runs: one point is one `measure` of a
// protocol on a machine with n clients and some options; curves are points over client counts.
// Every number the claims and figures read comes off these runs' clocks and counters.

import type { Scale } from '../claims.js';
import { measure, remember } from '../measure.js';
import { primitiveRun, type Primitive } from './table1.js';

export const UNI_MACHINES = ['sgi-indy-r4000', 'ibm-p4-ppc604'] as const;
export const CHALLENGE = 'sgi-challenge-8';
export const LINUX = 'linux-i486-66';
/** §2.2: "1 to 6 clients". */
export const CLIENTS = [1, 2, 3, 4, 5, 6];
/** Figure 11's range: the text gives none; up to 10 clients, past one process per processor. */
export function challengeClients(scale: Scale): number[] {
  return scale === 'paper' ? [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] : [1, 2, 4, 8, 10];
}
/** Figure 11's three MAX_SPIN values are not given in the text. */
export const FIG11_SPINS = [1, 2, 4];
/** Figure 10's MAX_SPIN values (not given in the text besides 20). */
export const FIG10_SPINS = [1, 5, 20];

/** Messages per point: "many thousands" in the paper (§2.2); its example counts 100,000. */
function calls(machine: string, scale: Scale): number {
  if (machine === CHALLENGE) return scale === 'paper' ? 30_000 : 5_000;
  return scale === 'paper' ? 30_000 : 2_000;
}

export interface Point {
  /** Server throughput, messages per millisecond (the figures' unit). */
  msgsPerMs: number;
  latencyUs: number;
  /** Counters per measured round trip. */
  per: (name: string) => number;
  calls: number;
  /** Message size the run was given. */
  bytes: number;
}

export function point(machine: string, kernel: string, clients: number, set: string[], scale: Scale, messages?: number): Point {
  const n = messages ?? calls(machine, scale);
  // Linux 1.0's counters take thousands of messages to settle from the start (every process
  // begins with a full quantum), so its runs warm up longer than the default tenth.
  const warmup = machine === LINUX && messages === undefined ? 5_000 : undefined;
  const r = measure({ machine, kernel, clients, calls: n, set, bytes: 24, ...(warmup ? { warmup } : {}) });
  const done = r.result.calls;
  return {
    msgsPerMs: r.result.throughputPerSec / 1000,
    latencyUs: r.result.latencyUs.mean,
    per: (name: string) => (r.result.stats.find((s) => s.name === name)?.value ?? 0) / done,
    calls: done,
    bytes: r.params.bytes,
  };
}

/** A raw counter total of a point (maxima such as sem.highWater are not per call). */
export function total(p: Point, name: string): number {
  return p.per(name) * p.calls;
}

export function curve(machine: string, kernel: string, set: string[], scale: Scale, xs: number[] = CLIENTS): Point[] {
  return xs.map((c) => point(machine, kernel, c, set, scale));
}

export const thr = (ps: Point[]) => ps.map((p) => p.msgsPerMs);

/** Table 1 rows, re-measured on the simulated machine. */
export function primitive(machine: string, what: Primitive, processes: number, scale: Scale) {
  return remember('primitiveRun', [machine, what, processes, scale], () => primitiveRun(machine, what, processes, scale === 'paper' ? 20_000 : 2_000));
}

export const sched = (s: string) => [`kernel.scheduler=${s}`];
export const maxSpin = (n: number) => [`kernel.maxSpin=${n}`];
