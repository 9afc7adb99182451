// Runs a sweep's points across worker threads, handing each idle worker the next point, and
// returns the outcomes in point order, so the output does not depend on the number of workers or on
// which finished first. A point that cannot finish is an outcome with its status, not a failure of
// the pool. One job (or no compiled worker, as under the test runner) runs in-process.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describePoint, type Point } from './grid.js';
import { runPoint, type PointResult } from './row.js';
import type { FromWorker } from './worker.js';

const WORKER = new URL('./worker.js', import.meta.url);

export async function runPoints(points: Point[], jobs: number, done: (p: Point) => void = () => {}): Promise<PointResult[]> {
  const rows: PointResult[] = new Array<PointResult>(points.length);
  const n = Math.min(jobs, points.length);
  if (n <= 1 || !existsSync(fileURLToPath(WORKER))) {
    points.forEach((p, i) => {
      try {
        rows[i] = runPoint(p);
      } catch (e) {
        throw new Error(`${describePoint(p)}: ${(e as Error).message}`);
      }
      done(p);
    });
    return rows;
  }
  const slot = new Map(points.map((p, i) => [p.index, i]));
  let next = 0;
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let finished = 0;
      const feed = (w: Worker) => {
        if (next < points.length) w.postMessage({ point: points[next++] });
      };
      for (let k = 0; k < n; k++) {
        const w = new Worker(WORKER);
        workers.push(w);
        w.on('message', (m: FromWorker) => {
          const i = slot.get(m.index)!;
          if ('error' in m) return reject(new Error(`${describePoint(points[i])}: ${m.error}`));
          rows[i] = m.result;
          done(points[i]);
          if (++finished === points.length) resolve();
          else feed(w);
        });
        w.on('error', reject);
        feed(w);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return rows;
}
