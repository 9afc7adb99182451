// Memoised runs: claims, tables and figures that read the same run share it. `measure(spec)`
// runs a specification through the run driver once and keys the result on the *resolved*
// specification (machine after its --set what-ifs, kernel and its options, workload, parameters,
// calls, warm-up, seed), so two ways of writing one run are one run. `remember` does the same
// for the few drivers that are not one simulate() (race sweeps, hardware probes), keyed on their
// name and arguments. A reproduction that spreads its tables, figures and claims over several
// threads shares their runs through `shareRuns`, so each distinct run is still made once.

import { resolve, simulate, sortKeys, type RunResult, type RunSpec } from './run.js';
import type { Timeline } from '../sim/trace/timeline.js';

export type Measurement = RunResult & { timeline: Timeline | null };

const runs = new Map<string, Measurement>();
const resolvedKeys = new Map<string, string>();
const remembered = new Map<string, unknown>();

/**
 * Runs made elsewhere (another thread of the same reproduction). `take` returns a key's value once
 * it is made, waiting if it is being made; undefined means the caller makes it and then `put`s it,
 * or `drop`s the key if making it failed.
 */
export interface SharedRuns {
  take(key: string): unknown;
  put(key: string, value: unknown): void;
  drop(key: string): void;
}

let shared: SharedRuns | null = null;

/** Share runs (and remembered drivers) with other threads from now on; null stops sharing. Returns what was shared before. */
export function shareRuns(s: SharedRuns | null): SharedRuns | null {
  const before = shared;
  shared = s;
  return before;
}

/** Told of every measure() call, made or memoised, with its key, the caller's spec and the run. */
export type MeasureObserver = (key: string, spec: RunSpec, m: Measurement) => void;
const measureObservers = new Set<MeasureObserver>();

export function observeMeasures(fn: MeasureObserver): () => void {
  measureObservers.add(fn);
  return () => void measureObservers.delete(fn);
}

let depth = 0;

/** Whether a simulate() now running was asked for by measure() (and so is reported by observeMeasures). */
export const measuring = (): boolean => depth > 0;

/** The key of a run: its resolved specification (what decides every number the run produces). */
export function runKey(spec: RunSpec): string {
  const written = JSON.stringify(spec);
  let key = resolvedKeys.get(written);
  if (key === undefined) {
    const r = resolve(spec);
    key = JSON.stringify({
      machine: sortKeys(r.machine),
      kernel: r.kernel.id,
      options: sortKeys(r.options),
      workload: r.workload,
      params: r.params,
      calls: r.calls,
      warmup: r.warmup,
      seed: r.seed,
      trace: spec.trace === true,
    });
    resolvedKeys.set(written, key);
  }
  return key;
}

/** Make a value once across the threads sharing runs: take it if made elsewhere, else make and share it. */
function once<T>(key: string, make: () => T): T {
  if (!shared) return make();
  const got = shared.take(key);
  if (got !== undefined) return got as T;
  let v: T;
  try {
    v = make();
  } catch (e) {
    shared.drop(key);
    throw e;
  }
  shared.put(key, v);
  return v;
}

/** Run a specification, or return the run already made of the same resolved specification. */
export function measure(spec: RunSpec): Measurement {
  const key = runKey(spec);
  let r = runs.get(key);
  if (!r) {
    const run = () => {
      depth++;
      try {
        return simulate(spec);
      } finally {
        depth--;
      }
    };
    // A traced run's timeline is a live object: it is not handed between threads.
    r = spec.trace === true ? run() : once(`run:${key}`, run);
    runs.set(key, r);
  }
  for (const fn of measureObservers) fn(key, spec, r);
  return r;
}

/** Memoise a driver that is not one simulate() run, keyed on its name and (JSON) arguments. */
export function remember<T>(driver: string, args: readonly unknown[], run: () => T): T {
  const key = JSON.stringify([driver, ...args]);
  if (!remembered.has(key)) remembered.set(key, once(`remember:${key}`, run));
  return remembered.get(key) as T;
}

/** Forget every memoised run, so what a paper's reproduction records does not depend on what ran before. */
export function forgetMeasurements(): void {
  runs.clear();
  resolvedKeys.clear();
  remembered.clear();
}
