// The L3 paper's experiments as runs: the ping-pong of §6 (thread A calls with an n-byte message,
// thread B replies with n bytes and receives the next; 10,000 round trips at the paper's scale),
// with kernel switches and machine what-ifs, on the 486s and the 386. An IPC is half a round trip.

import type { BreakdownRow, RunSpec } from '../run.js';
import type { Scale } from '../claims.js';
import { measure } from '../measure.js';
import { sumRows, type RowSum } from '../breakdown.js';

/** The paper's machine (§5). */
export const DX50 = 'i486-dx50';

/** Table 7's message sizes; Table 1's are a subset. */
export const TABLE7_SIZES = [8, 12, 128, 512, 1024, 2048, 4096] as const;
export const TABLE1_SIZES = [8, 12, 128, 512, 4096] as const;

/** §6: "Ping-pong ... is executed 10,000 times". */
export const PAPER_ROUND_TRIPS = 10_000;
const TEST_ROUND_TRIPS = 200;

export interface PingPong {
  /** One IPC (half the mean round trip), µs and cycles. */
  ipcUs: number;
  ipcCycles: number;
  /** The breakdown per round trip. */
  rows: BreakdownRow[];
  /** Kernel statistics of the run, by name (per round trip). */
  stat(name: string): number;
  /** Round trips per second of simulated time (measured window). */
  roundTripsPerSec: number;
}

export interface PingPongSpec {
  bytes: number;
  set?: string[];
  machine?: string;
  kernel?: string;
  /** Client threads (several clients call one server). */
  T?: number;
  /** Round trips per scale, when not the paper's 10,000 (test: 200). */
  calls?: Record<Scale, number>;
}

export function roundTrips(scale: Scale): number {
  return scale === 'paper' ? PAPER_ROUND_TRIPS : TEST_ROUND_TRIPS;
}

export function pingPong(scale: Scale, p: PingPongSpec): PingPong {
  const machine = p.machine ?? 'i486-dx50';
  const kernel = p.kernel ?? 'l3';
  const set = p.set ?? [];
  const spec: RunSpec = { machine, kernel, bytes: p.bytes, T: p.T ?? 1, calls: p.calls?.[scale] ?? roundTrips(scale), set };
  const r = measure(spec).result;
  return {
    ipcUs: r.latencyUs.mean / 2,
    ipcCycles: r.latencyCycles.mean / 2,
    rows: r.breakdown,
    roundTripsPerSec: r.throughputPerSec,
    stat: (name: string) => {
      const s = r.stats.find((x) => x.name === name);
      if (s === undefined) throw new Error(`no statistic '${name}' in the run`);
      return s.value / r.calls;
    },
  };
}

/** One IPC in µs. */
export const ipcUs = (scale: Scale, bytes: number, set: string[] = [], machine = 'i486-dx50'): number =>
  pingPong(scale, { bytes, set, machine }).ipcUs;

/** Table 1's measure: the IPC time increase when a switch is off, in percent of the IPC time with it on. */
export function increasePct(scale: Scale, bytes: number, off: string[]): number {
  return (ipcUs(scale, bytes, off) / ipcUs(scale, bytes) - 1) * 100;
}

/** Per-IPC sums (half a round trip) of breakdown rows whose labels pass the filter. */
export const perIpcWhere = (rows: readonly BreakdownRow[], pick: (label: string) => boolean): RowSum => sumRows(rows, { where: (r) => pick(r.step) }, { over: 2 });

/** The Table 1 switches, as the paper's rows name them. */
export const TABLE1_ROWS = [
  { key: 'short_msg_via_reg', label: 'short msg via reg', off: ['kernel.shortMessagesInRegisters=false'], sizes: [8] },
  { key: 'direct_transfer', label: 'direct transfer', off: ['kernel.directTransfer=false'], sizes: [12, 128, 512, 4096] },
  { key: 'lazy_scheduling', label: 'lazy scheduling', off: ['kernel.lazyScheduling=false'], sizes: [8, 12, 128, 512, 4096] },
  { key: 'no_segm_reg', label: 'no segm reg', off: ['kernel.segments=reload'], sizes: [8, 12, 128, 512, 4096] },
  { key: 'reply_and_wait', label: 'reply & wait', off: ['kernel.replyAndWait=false'], sizes: [8, 12, 128, 512, 4096] },
  { key: 'condensed_tables', label: 'condensed tables', off: ['kernel.condensedTables=false'], sizes: [8, 12, 128, 512, 4096] },
  { key: 'virtual_tcb', label: 'virtual tcb', off: ['kernel.virtualTcbs=false'], sizes: [8, 12, 128, 512, 4096] },
] as const;

/** Least-squares line through (n, µs) points: intercept µs, slope µs/byte. */
export function fitLine(points: { x: number; y: number }[]): { intercept: number; slope: number } {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  const sxy = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx };
}
