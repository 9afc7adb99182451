// A reproduction worker thread: collects the papers it is sent (their tables, figures and claims)
// and answers with the plain data, reporting progress as it goes.

import { parentPort } from 'node:worker_threads';
import type { Scale } from '../../workloads/claims.js';
import { collect, type Group, type PaperResult } from './collect.js';
import { papersToRun } from './select.js';

export type ToWorker = { group: Group; scale: Scale };
export type FromWorker = { tick: string } | { ran: true } | { group: Group; result: PaperResult } | { group: Group; error: string };

parentPort?.on('message', (m: ToWorker) => {
  const port = parentPort!;
  try {
    const g = papersToRun([m.group])[0];
    const result = collect(
      g.group,
      g.repros,
      g.claims,
      m.scale,
      (task) => port.postMessage({ tick: `${g.group}: ${task}` }),
      () => port.postMessage({ ran: true }),
    );
    port.postMessage({ group: m.group, result });
  } catch (e) {
    port.postMessage({ group: m.group, error: (e as Error).message });
  }
});
