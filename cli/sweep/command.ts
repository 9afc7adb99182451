// `simulate sweep`: run a kernel over a parameter grid on worker threads and write one CSV row per
// point (in point order, whatever the number of jobs); `--shard i/n` runs a deterministic subset for
// a cluster array job. `simulate merge` joins shards back into the unsplit sweep's CSV.

import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { resolve, UsageError } from '../../workloads/run.js';
import { writeAtomic } from '../output.js';
import { progressBar } from '../progress.js';
import { axesOf, describePoint, gridSize, parseShard, pointsOf, shardOf, type GridInput, type Point } from './grid.js';
import { runPoints } from './pool.js';
import { headerOf, setPathsOf } from './row.js';

export interface SweepOptions {
  grid: GridInput;
  jobs?: number;
  shard?: string;
  out?: string;
  json: boolean;
}

/** The points this invocation runs (all, or its shard), checked before anything runs. */
export function plan(o: Pick<SweepOptions, 'grid' | 'shard'>): { all: number; points: Point[] } {
  const axes = axesOf(o.grid);
  const all = pointsOf(axes);
  for (const p of all) {
    try {
      resolve(p.spec);
    } catch (e) {
      throw new UsageError(`${describePoint(p)}: ${(e as Error).message}`);
    }
  }
  return { all: gridSize(axes), points: o.shard ? shardOf(all, parseShard(o.shard)) : all };
}

export async function sweepCommand(o: SweepOptions): Promise<void> {
  const { all, points } = plan(o);
  const jobs = o.jobs ?? availableParallelism();
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs must be a whole number >= 1, got ${o.jobs}`);
  const header = headerOf(points.length ? setPathsOf(points[0]) : []);
  const t0 = performance.now();
  const bar = progressBar(points.length, `sweep (${points.length} of ${all} points, ${Math.min(jobs, points.length)} jobs)`, !o.json);
  let rows;
  try {
    rows = await runPoints(points, jobs, (p) => bar.tick(`point ${p.index}`));
  } finally {
    bar.stop();
  }
  const text = o.json
    ? JSON.stringify(rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]]))), null, 2) + '\n'
    : stringify(rows, { header: true, columns: header });
  if (o.out) writeAtomic(o.out, text);
  else process.stdout.write(text);
  const secs = ((performance.now() - t0) / 1000).toFixed(1);
  if (!o.json) process.stderr.write(`sweep: ${points.length} of ${all} points in ${secs} s${o.out ? `, written to ${o.out}` : ''}\n`);
}

/** Join shard CSVs of one sweep: same header, no point twice, rows back in point order. */
export function mergeCsv(texts: { name: string; text: string }[]): string {
  let header: string[] | null = null;
  const rows: string[][] = [];
  const from = new Map<number, string>();
  for (const { name, text } of texts) {
    const recs = parse(text, { relaxColumnCount: false }) as string[][];
    if (recs.length === 0) throw new UsageError(`${name}: empty file (no header)`);
    const [h, ...body] = recs;
    if (h[0] !== 'point') throw new UsageError(`${name}: not a sweep CSV (the first column is '${h[0]}', not 'point')`);
    if (header && h.join('\u0000') !== header.join('\u0000')) throw new UsageError(`${name}: its columns differ from the first file's; shards of one sweep have the same columns`);
    header = h;
    for (const r of body) {
      const idx = Number(r[0]);
      if (!Number.isInteger(idx)) throw new UsageError(`${name}: bad point number '${r[0]}'`);
      if (from.has(idx)) throw new UsageError(`point ${idx} appears in both ${from.get(idx)} and ${name}`);
      from.set(idx, name);
      rows.push(r);
    }
  }
  rows.sort((a, b) => Number(a[0]) - Number(b[0]));
  const missing: number[] = [];
  for (let i = 0, k = 0; k < rows.length; i++) {
    if (Number(rows[k][0]) === i) k++;
    else missing.push(i);
  }
  if (missing.length) {
    throw new UsageError(`points missing (a shard not given?): ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', ...' : ''}`);
  }
  return stringify(rows, { header: true, columns: header! });
}

export function mergeCommand(files: string[], out: string | undefined): void {
  if (files.length === 0) throw new UsageError('merge needs at least one CSV file');
  const texts = files.map((name) => {
    try {
      return { name, text: readFileSync(name, 'utf8') };
    } catch (e) {
      throw new UsageError(`cannot read ${name}: ${(e as Error).message}`);
    }
  });
  const text = mergeCsv(texts);
  if (out) writeAtomic(out, text);
  else process.stdout.write(text);
}
