// The appendix experiments of the L3 paper: the minimal null IPC (Table 3), temporary mapping
// (Table 4) and port access (Table 5), run as a ping-pong between two address spaces on the
// i486-dx50 until the TLB and caches reach steady state. Rows are read per IPC from the breakdown.

import type { BreakdownRow, RunSpec } from '../run.js';
import type { Scale } from '../claims.js';
import { measure } from '../measure.js';
import { sumRows, type RowSum } from '../breakdown.js';

export function appendixRun(scale: Scale, set: string[] = []): BreakdownRow[] {
  const spec: RunSpec = {
    machine: 'i486-dx50',
    kernel: 'l3',
    calls: scale === 'paper' ? 10_000 : 200,
    set: ['kernel.path=minimal', 'kernel.portAccess=true', 'kernel.temporaryMapping=true', ...set],
  };
  return measure(spec).result.breakdown;
}

/** Sum of the given steps per IPC: each step runs once per IPC, so per execution is per IPC. */
export const perIpc = (rows: readonly BreakdownRow[], labels: readonly string[]): RowSum => sumRows(rows, { steps: labels }, { per: 'execution', require: true });
