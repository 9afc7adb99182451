// Memoised runs: claims, tables and figures that read the same run share it. `measure(spec)`
// runs a specification through the run driver once and keys the result on the *resolved*
// specification (machine after its --set what-ifs, kernel and its options, workload, parameters,
// calls, warm-up, seed), so two ways of writing one run are one run. `remember` does the same
// for the few drivers that are not one simulate() (race sweeps, hardware probes), keyed on their
// name and arguments.

import { resolve, simulate, sortKeys, type RunResult, type RunSpec } from './run.js';
import type { Timeline } from '../sim/trace/timeline.js';

export type Measurement = RunResult & { timeline: Timeline | null };

const runs = new Map<string, Measurement>();
const resolvedKeys = new Map<string, string>();
const remembered = new Map<string, unknown>();

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

/** Run a specification, or return the run already made of the same resolved specification. */
export function measure(spec: RunSpec): Measurement {
  const key = runKey(spec);
  let r = runs.get(key);
  if (!r) {
    r = simulate(spec);
    runs.set(key, r);
  }
  return r;
}

/** Memoise a driver that is not one simulate() run, keyed on its name and (JSON) arguments. */
export function remember<T>(driver: string, args: readonly unknown[], run: () => T): T {
  const key = JSON.stringify([driver, ...args]);
  if (!remembered.has(key)) remembered.set(key, run());
  return remembered.get(key) as T;
}

/** Forget every memoised run, so what a paper's reproduction records does not depend on what ran before. */
export function forgetMeasurements(): void {
  runs.clear();
  resolvedKeys.clear();
  remembered.clear();
}
