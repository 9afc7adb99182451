// A run's inputs as URL keys and back, checked the way the command line checks them (numbers
// here; everything else by the run driver's own resolve(), in the worker).

import type { RunSpec } from '../../workloads/run.js';

export const NUMBER_KEYS = ['T', 'C', 'S', 'clients', 'bytes', 'calls', 'warmup', 'seed'] as const;
export type NumberKey = (typeof NUMBER_KEYS)[number];

/** What the page starts with: the README's first example. */
export const DEFAULT_RUN: [string, string][] = [
  ['m', 'firefly-cvax'],
  ['k', 'urpc'],
  ['T', '2'],
  ['C', '1'],
  ['S', '1'],
];

/** The URPC paper's Figure 1 scenario, as `simulate` runs it. */
export const FIGURE1: [string, string][] = [
  ['m', 'firefly-cvax'],
  ['k', 'urpc'],
  ['w', 'urpc-figure1'],
  ['T', '2'],
  ['C', '1'],
  ['S', '1'],
  ['calls', '3'],
  ['warmup', '0'],
];

export class SpecError extends Error {}

/** The flag as the CLI names it, for messages. */
export const flag = (k: string) => (k.length === 1 ? `-${k}` : `--${k}`);

export function specOf(q: URLSearchParams): RunSpec {
  const n = (k: NumberKey): number | undefined => {
    const v = q.get(k);
    if (v === null || v === '') return undefined;
    const x = Number(v);
    // The same message the command line gives for the same text.
    if (v.trim() === '' || !Number.isFinite(x)) throw new SpecError(`${flag(k)} takes a number, got '${v}'`);
    return x;
  };
  const spec: RunSpec = { machine: q.get('m') ?? 'firefly-cvax', kernel: q.get('k') ?? 'urpc' };
  const w = q.get('w');
  if (w) spec.workload = w;
  for (const k of NUMBER_KEYS) {
    const x = n(k);
    if (x !== undefined) spec[k] = x;
  }
  const sets = q.getAll('set').map((s) => s.trim()).filter(Boolean);
  if (sets.length) spec.set = sets;
  return spec;
}

export function entriesOf(spec: RunSpec): [string, string][] {
  const e: [string, string][] = [['m', spec.machine], ['k', spec.kernel]];
  if (spec.workload) e.push(['w', spec.workload]);
  for (const k of NUMBER_KEYS) if (spec[k] !== undefined) e.push([k, String(spec[k])]);
  for (const s of spec.set ?? []) e.push(['set', s]);
  return e;
}
