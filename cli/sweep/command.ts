// `simulate sweep`: run a kernel over a parameter grid on worker threads and write one CSV row per
// point (in point order, whatever the number of jobs); `--shard i/n` runs a deterministic subset for
// a cluster array job, and the CSV's first line carries the sweep's identity so `simulate merge`
// (merge.ts) can join shards without mixing sweeps. A point that stalls, runs over its event budget
// or fails becomes a row with its status and error; the sweep goes on and exits 1 at the end.

import { availableParallelism } from 'node:os';
import { stringify } from 'csv-stringify/sync';
import { resolve, UsageError, type Resolved } from '../../workloads/run.js';
import { checkOutputFile, writeAtomic } from '../outpath.js';
import { progressBar } from '../progress.js';
import { VERSION } from '../version.js';
import { axesOf, describePoint, gridSize, parseShard, pointsOf, shardOf, type GridInput, type Point } from './grid.js';
import { gridHash, idLine, type SweepId } from './identity.js';
import { runPoints } from './pool.js';
import { headerOf, rowOf, setPathsOf, type PointResult } from './row.js';

export { mergeCsv, mergeCommand } from './merge.js';

export interface SweepOptions {
  grid: GridInput;
  jobs?: number;
  shard?: string;
  out?: string;
  json: boolean;
}

/** The points this invocation runs (all, or its shard) and the sweep's identity, checked before anything runs. */
export function plan(o: Pick<SweepOptions, 'grid' | 'shard'>): { all: number; points: Point[]; id: SweepId } {
  const shard = o.shard ? parseShard(o.shard) : { i: 1, n: 1 };
  const axes = axesOf(o.grid);
  const all = pointsOf(axes);
  const resolved: { r: Resolved; set: string[] }[] = [];
  for (const p of all) {
    try {
      resolved.push({ r: resolve(p.spec), set: p.spec.set ?? [] });
    } catch (e) {
      throw new UsageError(`${describePoint(p)}: ${(e as Error).message}`);
    }
  }
  const id: SweepId = { hash: gridHash(resolved), shard, points: gridSize(axes), version: VERSION };
  return { all: gridSize(axes), points: shardOf(all, shard), id };
}

export interface SweepResult {
  id: SweepId;
  points: PointResult[];
}

/** Run a grid (or one shard of it); outcomes in point order. */
export async function runSweep(o: Pick<SweepOptions, 'grid' | 'shard' | 'jobs'>, onPoint: (p: Point) => void = () => {}): Promise<SweepResult & { planned: Point[] }> {
  const jobs = o.jobs ?? availableParallelism();
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs ${o.jobs}: must be a whole number >= 1`);
  const { points, id } = plan(o);
  const results = await runPoints(points, jobs, onPoint);
  return { id, points: results, planned: points };
}

export function sweepCsv(id: SweepId, planned: Point[], results: PointResult[], setPaths: string[]): string {
  return `${idLine(id)}\n${stringify(results.map((r, k) => rowOf(planned[k], r)), { header: true, columns: headerOf(setPaths) })}`;
}

export async function sweepCommand(o: SweepOptions): Promise<void> {
  if (o.out !== undefined) checkOutputFile('--out', o.out);
  const { all, points, id } = plan(o);
  const jobs = o.jobs ?? availableParallelism();
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs ${o.jobs}: must be a whole number >= 1`);
  const t0 = performance.now();
  const bar = progressBar(points.length, `sweep (${points.length} of ${all} points, ${Math.min(jobs, points.length)} jobs)`, !o.json);
  let results: PointResult[];
  try {
    results = await runPoints(points, jobs, (p) => bar.tick(`point ${p.index}`));
  } finally {
    bar.stop();
  }
  const res = { points: results, planned: points };
  const text = o.json
    ? JSON.stringify({ sweep: id, points: res.points }, null, 2) + '\n'
    : sweepCsv(id, res.planned, res.points, points.length ? setPathsOf(points[0]) : []);
  if (o.out) writeAtomic(o.out, text);
  else process.stdout.write(text);
  const secs = ((performance.now() - t0) / 1000).toFixed(1);
  const failed = res.points.filter((p) => p.status !== 'ok');
  if (!o.json) process.stderr.write(`sweep: ${points.length} of ${all} points in ${secs} s${o.out ? `, written to ${o.out}` : ''}\n`);
  if (failed.length > 0) {
    const kinds = ['stalled', 'budget', 'failed'].map((s) => [s, failed.filter((p) => p.status === s).length] as const).filter(([, n]) => n > 0);
    process.stderr.write(
      `sweep: ${failed.length} of ${points.length} points did not finish (${kinds.map(([s, n]) => `${n} ${s === 'budget' ? 'over the event budget' : s}`).join(', ')}); their rows carry the status and error\n`,
    );
    process.exitCode = 1;
  }
}
