// A reproduction worker thread: collects what it is sent (a whole paper, one table, figure or
// claim of a paper, or the grid of every kernel on every machine) and answers with the plain data,
// reporting progress as it goes. Started with a port to the main thread's run store, it shares
// every run with the other workers (shared-runs.ts).

import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { Scale } from '../../workloads/claims.js';
import { shareRuns } from '../../workloads/measure.js';
import { compare, type CompareResult, type CompareSpec } from '../../workloads/compare.js';
import { collect, runUnit, type PaperResult, type Unit, type UnitResult } from './collect.js';
import { papersToRun } from './select.js';
import { sharedRunsClient } from './shared-runs.js';

export type ToWorker = { paper: string; scale: Scale } | { paper: string; scale: Scale; unit: Unit } | { grid: CompareSpec };
export type FromWorker =
  | { tick: string }
  | { ran: true }
  | { paper: string; result: PaperResult }
  | { paper: string; unit: UnitResult }
  | { grid: CompareResult }
  | { paper: string; error: string };

const shared = workerData as { port: MessagePort; flag: Int32Array } | undefined;
if (shared?.port) shareRuns(sharedRunsClient(shared.port, shared.flag));

parentPort?.on('message', (m: ToWorker) => {
  const port = parentPort!;
  const name = 'grid' in m ? 'compare' : m.paper;
  try {
    if ('grid' in m) {
      const r = compare(m.grid, (c) => port.postMessage({ tick: `compare: ${c.kernel} on ${c.machine}` }));
      port.postMessage({ grid: r });
      return;
    }
    const p = papersToRun([m.paper])[0];
    if ('unit' in m) {
      port.postMessage({ paper: m.paper, unit: runUnit(p, m.unit, m.scale, () => port.postMessage({ ran: true })) });
      return;
    }
    const result = collect(
      p,
      m.scale,
      (task) => port.postMessage({ tick: `${p.paper}: ${task}` }),
      () => port.postMessage({ ran: true }),
    );
    port.postMessage({ paper: m.paper, result });
  } catch (e) {
    port.postMessage({ paper: name, error: (e as Error).message });
  }
});
