// A sweep worker thread: runs the points it is sent, one at a time, and answers with their outcomes.

import { parentPort } from 'node:worker_threads';
import type { Point } from './grid.js';
import { runPoint, type PointResult } from './row.js';

export type ToWorker = { point: Point };
export type FromWorker = { index: number; result: PointResult } | { index: number; error: string };

parentPort?.on('message', (m: ToWorker) => {
  let answer: FromWorker;
  try {
    answer = { index: m.point.index, result: runPoint(m.point) };
  } catch (e) {
    answer = { index: m.point.index, error: (e as Error).message };
  }
  parentPort?.postMessage(answer);
});
