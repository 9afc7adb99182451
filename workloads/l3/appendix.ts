// The appendix experiments of the L3 paper: the minimal null IPC (Table 3), temporary mapping
// (Table 4) and port access (Table 5), run as a ping-pong between two address spaces on the
// i486-dx50 until the TLB and caches reach steady state. Rows are read per IPC from the breakdown.

import { simulate, type BreakdownRow, type RunSpec } from '../run.js';
import { experiment, type Scale } from '../claims.js';

export interface PerIpc {
  /** Execution cycles (without TLB and cache miss penalties). */
  exec: number;
  tlbMisses: number;
  tlbCycles: number;
  cacheMisses: number;
  instructions: number;
  cycles: number;
}

export function appendixRun(scale: Scale, set: string[] = []): BreakdownRow[] {
  const spec: RunSpec = {
    machine: 'i486-dx50',
    kernel: 'l3',
    calls: scale === 'paper' ? 10_000 : 200,
    set: ['kernel.path=minimal', 'kernel.portAccess=true', 'kernel.temporaryMapping=true', ...set],
  };
  return experiment(`l3-appendix:${scale}:${set.join(',')}`, () => simulate(spec).result.breakdown);
}

/** Sum of the given rows per IPC (each round trip holds two IPCs, one each way). */
export function perIpc(rows: BreakdownRow[], labels: readonly string[]): PerIpc {
  const out: PerIpc = { exec: 0, tlbMisses: 0, tlbCycles: 0, cacheMisses: 0, instructions: 0, cycles: 0 };
  for (const label of labels) {
    const r = rows.find((x) => x.step === label);
    if (!r) throw new Error(`no step '${label}' in the run's breakdown`);
    out.exec += r.execCycles / r.count;
    out.tlbMisses += r.tlbMisses / r.count;
    out.tlbCycles += r.tlbCycles / r.count;
    out.cacheMisses += r.cacheMisses / r.count;
    out.instructions += r.instructions / r.count;
    out.cycles += r.cycles / r.count;
  }
  return out;
}
