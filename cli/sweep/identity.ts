// A sweep's identity, written as the first line of its CSV so that `merge` can tell whether shards
// belong together: a hash of the resolved grid (every point's machine, kernel, workload, run
// parameters, seed and --set values, in order, so fixed flags and defaults count too), the shard
// and the shard count, the number of points in the whole grid, and the version that ran it.
//
//   # ipcsim sweep 5d41402abc4b2a76 shard 2/8 points 120 version 0.1.0

import { createHash } from 'node:crypto';
import type { Resolved } from '../../workloads/run.js';
import { UsageError } from '../../workloads/limits.js';

export interface SweepId {
  hash: string;
  shard: { i: number; n: number };
  points: number;
  version: string;
}

/** The hash of a grid from its points' resolved runs, in point order. */
export function gridHash(resolved: { r: Resolved; set: string[] }[]): string {
  const h = createHash('sha256');
  for (const { r, set } of resolved) {
    h.update(JSON.stringify([r.machine.id, r.kernel.id, r.workload, r.params, r.calls, r.warmup, r.seed, set]));
    h.update('\n');
  }
  return h.digest('hex').slice(0, 16);
}

export const idLine = (id: SweepId): string => `# ipcsim sweep ${id.hash} shard ${id.shard.i}/${id.shard.n} points ${id.points} version ${id.version}`;

const LINE = /^# ipcsim sweep ([0-9a-f]{16}) shard (\d+)\/(\d+) points (\d+) version (\S+)$/;

/** The identity line at the top of a sweep CSV; null when there is none. */
export function parseIdLine(first: string): SweepId | null {
  const m = LINE.exec(first.trim());
  if (!m) return null;
  return { hash: m[1], shard: { i: Number(m[2]), n: Number(m[3]) }, points: Number(m[4]), version: m[5] };
}

/** Split a sweep CSV into its identity and the CSV after it. */
export function splitSweepCsv(name: string, text: string): { id: SweepId; csv: string } {
  const nl = text.indexOf('\n');
  const first = nl < 0 ? text : text.slice(0, nl);
  if (text.trim() === '') throw new UsageError(`${name}: empty file; not a sweep CSV`);
  const id = parseIdLine(first);
  if (!id) throw new UsageError(`${name}: no sweep identity line ('# ipcsim sweep ...') at the top; not a sweep CSV written by simulate sweep`);
  return { id, csv: nl < 0 ? '' : text.slice(nl + 1) };
}
