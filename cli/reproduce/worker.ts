// A reproduction worker thread: collects the papers it is sent (their tables, figures and claims)
// and answers with the plain data, reporting progress as it goes.

import { parentPort } from 'node:worker_threads';
import type { Scale } from '../../workloads/claims.js';
import { collect, type PaperResult } from './collect.js';
import { papersToRun } from './select.js';

export type ToWorker = { paper: string; scale: Scale };
export type FromWorker = { tick: string } | { ran: true } | { paper: string; result: PaperResult } | { paper: string; error: string };

parentPort?.on('message', (m: ToWorker) => {
  const port = parentPort!;
  try {
    const p = papersToRun([m.paper])[0];
    const result = collect(
      p,
      m.scale,
      (task) => port.postMessage({ tick: `${p.paper}: ${task}` }),
      () => port.postMessage({ ran: true }),
    );
    port.postMessage({ paper: m.paper, result });
  } catch (e) {
    port.postMessage({ paper: m.paper, error: (e as Error).message });
  }
});
