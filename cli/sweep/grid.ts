// A sweep's parameter grid: each axis takes a list (`1,2,4`), a range (`1..10`, `0..1024:256`) or
// a mix (`1..4,8,16`); the points are the axes' product in a fixed order (the first axis varies
// slowest), numbered from 0. `--shard i/n` keeps every n-th point starting at the (i-1)-th, so
// shards of one grid are disjoint, cover it, and each gets a fair share of the slow points.

import { UsageError, type RunSpec } from '../../workloads/run.js';

/** Axes in the order they nest; `set` axes follow in the order given, then `seed`. */
export const NUMERIC_AXES = ['T', 'C', 'S', 'clients', 'bytes', 'calls', 'warmup'] as const;
type NumericAxis = (typeof NUMERIC_AXES)[number];

export interface Axis {
  /** RunSpec field, or `set:<path>` for a --set assignment. */
  name: string;
  values: string[];
}

export interface Point {
  index: number;
  spec: RunSpec;
  /** The value of every axis at this point, by axis name. */
  at: Record<string, string>;
}

const flag = (name: string) => (name.length === 1 ? `-${name}` : `--${name}`);

/** Expand `1..4,8,0..1024:256` into its values; non-numeric items stay as they are. */
export function parseValues(name: string, text: string, numeric: boolean): string[] {
  const out: string[] = [];
  for (const item of text.split(',').map((s) => s.trim())) {
    if (item === '') throw new UsageError(`${flag(name)}: empty value in '${text}'`);
    const m = /^(-?\d+(?:\.\d+)?)\.\.(-?\d+(?:\.\d+)?)(?::(\d+(?:\.\d+)?))?$/.exec(item);
    if (m) {
      const [a, b, step] = [Number(m[1]), Number(m[2]), m[3] === undefined ? 1 : Number(m[3])];
      if (!(step > 0)) throw new UsageError(`${flag(name)}: the step of '${item}' must be > 0`);
      if (b < a) throw new UsageError(`${flag(name)}: range '${item}' runs backwards`);
      if ((b - a) / step > 100_000) throw new UsageError(`${flag(name)}: range '${item}' has too many values`);
      for (let x = a; x <= b + 1e-9; x += step) out.push(String(Number(x.toFixed(9))));
    } else {
      if (numeric && !Number.isFinite(Number(item))) {
        throw new UsageError(`${flag(name)} takes numbers, lists (1,2,4) or ranges (1..10, 0..1024:256), got '${item}'`);
      }
      out.push(item);
    }
  }
  return [...new Set(out)];
}

export interface GridInput {
  machine: string;
  kernel: string;
  workload?: string;
  numbers: Partial<Record<NumericAxis | 'seed', string>>;
  set: string[];
}

export function axesOf(g: GridInput): Axis[] {
  const axes: Axis[] = [
    { name: 'machine', values: parseValues('machine', g.machine, false) },
    { name: 'kernel', values: parseValues('kernel', g.kernel, false) },
    { name: 'workload', values: parseValues('workload', g.workload ?? 'null-rpc', false) },
  ];
  for (const n of NUMERIC_AXES) {
    const text = g.numbers[n];
    if (text !== undefined) axes.push({ name: n, values: parseValues(n, text, true) });
  }
  const seen = new Set<string>();
  for (const s of g.set) {
    const eq = s.indexOf('=');
    if (eq <= 0) throw new UsageError(`--set takes path=value, got '${s}'`);
    const path = s.slice(0, eq).trim();
    if (seen.has(path)) throw new UsageError(`--set ${path} given twice; list its values instead (${path}=a,b)`);
    seen.add(path);
    axes.push({ name: `set:${path}`, values: parseValues('set', s.slice(eq + 1), false) });
  }
  if (g.numbers.seed !== undefined) axes.push({ name: 'seed', values: parseValues('seed', g.numbers.seed, true) });
  return axes;
}

export const gridSize = (axes: Axis[]) => axes.reduce((n, a) => n * a.values.length, 1);

/** The grid's points in order (the last axis varies fastest). */
export function pointsOf(axes: Axis[]): Point[] {
  const total = gridSize(axes);
  if (total > 1_000_000) throw new UsageError(`the grid has ${total} points; at most 1,000,000`);
  const points: Point[] = [];
  for (let index = 0; index < total; index++) {
    const pick: string[] = new Array<string>(axes.length);
    let rest = index;
    for (let a = axes.length - 1; a >= 0; a--) {
      pick[a] = axes[a].values[rest % axes[a].values.length];
      rest = Math.floor(rest / axes[a].values.length);
    }
    const at: Record<string, string> = Object.fromEntries(axes.map((ax, a) => [ax.name, pick[a]]));
    const spec: RunSpec = { machine: at.machine, kernel: at.kernel, workload: at.workload, set: [] };
    for (const ax of axes) {
      if (ax.name.startsWith('set:')) spec.set!.push(`${ax.name.slice(4)}=${at[ax.name]}`);
      else if (ax.name !== 'machine' && ax.name !== 'kernel' && ax.name !== 'workload') {
        (spec as unknown as Record<string, number>)[ax.name] = Number(at[ax.name]);
      }
    }
    points.push({ index, spec, at });
  }
  return points;
}

/** `i/n` with 1 <= i <= n. */
export function parseShard(text: string): { i: number; n: number } {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const i = m ? Number(m[1]) : NaN;
  const n = m ? Number(m[2]) : NaN;
  if (!m || n < 1 || i < 1 || i > n) throw new UsageError(`--shard takes i/n with 1 <= i <= n (e.g. 1/4), got '${text}'`);
  return { i, n };
}

export function shardOf<T extends { index: number }>(points: T[], shard: { i: number; n: number }): T[] {
  return points.filter((p) => p.index % shard.n === shard.i - 1);
}

/** A point for a message: `point 3 (machine=i486-dx50 ... T=2)`. */
export const describePoint = (p: Point): string =>
  `point ${p.index} (${Object.entries(p.at)
    .map(([k, v]) => `${k.replace(/^set:/, '')}=${v}`)
    .join(' ')})`;
