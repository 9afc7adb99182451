// Runs one simulation from a specification: resolves the machine (with --set what-ifs), the
// kernel and its options, the workload; boots, runs, and shapes the result as the command-line
// contract's JSON. Everything outside `perf` depends only on the specification.

import { closest } from 'fastest-levenshtein';
import { findMachine, machineIds } from '../machines/index.js';
import { applyMachineSets, coerce, parseAssignment, type Assignment } from '../machines/override.js';
import { findKernel, kernels } from '../kernels/index.js';
import { checkRun, type KernelDef, type KernelInstance, type KernelOptions, type RunParams } from '../kernels/kernel.js';
import { cyclesToUs, type MachineDesc } from '../sim/hw/machine.js';
import { System } from '../sim/os/index.js';
import { UnpricedWork } from '../sim/hw/processor.js';
import type { RunOutcome } from '../sim/engine/index.js';
import type { LoopOutcome } from './common/closed-loop.js';
import type { Timeline } from '../sim/trace/timeline.js';
import { findWorkload, workloads } from './index.js';

/** Bad input: the CLI prints the message as one line and exits 2. */
export class UsageError extends Error {}

export interface RunSpec {
  machine: string;
  kernel: string;
  workload?: string;
  T?: number;
  C?: number;
  S?: number;
  clients?: number;
  bytes?: number;
  calls?: number;
  warmup?: number;
  seed?: number;
  /** path=value: machine parameters, or kernel.<option>. */
  set?: string[];
  trace?: boolean;
  /** Stop with an error after this many engine events (a livelock guard). */
  maxEvents?: number;
}

export interface BreakdownRow {
  side: string;
  step: string;
  /** Per measured call. */
  us: number;
  cycles: number;
  /** Cycles without TLB and cache miss penalties. */
  execCycles: number;
  instructions: number;
  tlbMisses: number;
  tlbCycles: number;
  cacheMisses: number;
  cacheCycles: number;
  /** Times the step ran per call. */
  count: number;
}

export interface RunResult {
  machine: string;
  kernel: string;
  workload: string;
  params: RunParams & { calls: number; warmup: number };
  seed: number;
  /** notes: what the run assumed beyond the machine and the kernel's options (the operating-system model it ran on). */
  config: { machine: MachineDesc; kernel: { id: string; options: KernelOptions }; notes?: string[] };
  result: {
    calls: number;
    latencyUs: { mean: number; p50: number; p99: number };
    latencyCycles: { mean: number; p50: number; p99: number };
    throughputPerSec: number;
    breakdown: BreakdownRow[];
    stats: { name: string; value: number; unit: string; description: string }[];
  };
  perf: { events: number; wallMs: number };
}

export interface Resolved {
  machine: MachineDesc;
  kernel: KernelDef;
  options: KernelOptions;
  params: RunParams;
  workload: string;
  calls: number;
  warmup: number;
  seed: number;
}

const positive = (name: string, v: number | undefined, dflt: number, min = 1): number => {
  const x = v ?? dflt;
  if (!Number.isInteger(x) || x < min) throw new UsageError(`${name} must be a whole number >= ${min}, got ${v}`);
  return x;
};

export function resolve(spec: RunSpec): Resolved {
  const base = findMachine(spec.machine);
  if (!base) {
    throw new UsageError(
      `unknown machine '${spec.machine}' (did you mean '${closest(spec.machine, machineIds())}'?); machines: ${machineIds().join(', ')}`,
    );
  }
  const kernel = findKernel(spec.kernel);
  if (!kernel) {
    const ids = kernels.map((k) => k.id);
    throw new UsageError(`unknown kernel '${spec.kernel}' (did you mean '${closest(spec.kernel, ids)}'?); kernels: ${ids.join(', ')}`);
  }
  const sets: Assignment[] = [];
  const options: KernelOptions = Object.fromEntries(kernel.options.map((o) => [o.name, o.default]));
  for (const s of spec.set ?? []) {
    let a: Assignment;
    try {
      a = parseAssignment(s);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    if (a.path.startsWith('kernel.')) {
      const name = a.path.slice('kernel.'.length);
      const o = kernel.options.find((x) => x.name === name);
      if (!o) {
        const names = kernel.options.map((x) => x.name);
        throw new UsageError(
          `--set: kernel ${kernel.id} has no option '${name}'` +
            (names.length ? `; did you mean 'kernel.${closest(name, names)}'? options: ${names.join(', ')}` : '; it has no options'),
        );
      }
      try {
        options[name] = coerce(a.path, a.value, o.default);
      } catch (e) {
        throw new UsageError((e as Error).message);
      }
      if (o.choices && !o.choices.includes(String(options[name]))) {
        throw new UsageError(`--set ${a.path}: '${a.value}' is not one of ${o.choices.join(', ')}`);
      }
    } else sets.push(a);
  }
  let machine: MachineDesc;
  try {
    machine = applyMachineSets(base, sets);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const params: RunParams = {
    T: positive('-T (client threads)', spec.T, 1),
    C: positive('-C (client processors)', spec.C, 1, 0),
    S: positive('-S (server processors)', spec.S, 1, 0),
    clients: positive('--clients', spec.clients, 1),
    bytes: positive('--bytes', spec.bytes, 0, 0),
  };
  // Without --workload: the null RPC, or the first workload of a kernel that runs no RPC (taos).
  const workload = spec.workload ?? (findWorkload('null-rpc')!.runsOn(kernel) ? 'null-rpc' : (workloads.find((x) => x.runsOn(kernel))?.id ?? 'null-rpc'));
  const w = findWorkload(workload);
  if (!w) {
    throw new UsageError(`unknown workload '${workload}'; workloads: ${workloads.map((x) => x.id).join(', ')}`);
  }
  if (!w.runsOn(kernel)) {
    const ok = workloads.filter((x) => x.runsOn(kernel)).map((x) => x.id);
    throw new UsageError(`workload ${workload} does not run on kernel ${kernel.id}; its workloads: ${ok.join(', ') || 'none'}`);
  }
  const problem = checkRun(kernel, { machineId: machine.id, processors: machine.processors }, params, options);
  if (problem) throw new UsageError(problem);
  const calls = positive('--calls', spec.calls, 10_000);
  const warmup = positive('--warmup', spec.warmup, Math.min(1000, Math.max(10, Math.floor(calls / 10))), 0);
  const seed = positive('--seed', spec.seed, 1, 0);
  return { machine, kernel, options, params, workload, calls, warmup, seed };
}

/** Told of every finished run, with its specification (the reproduction records each experiment). */
export type RunObserver = (spec: RunSpec, result: RunResult) => void;
const observers = new Set<RunObserver>();

/** Observe every run until the returned function is called. */
export function observeRuns(fn: RunObserver): () => void {
  observers.add(fn);
  return () => void observers.delete(fn);
}

export function simulate(spec: RunSpec): RunResult & { timeline: Timeline | null } {
  const r = resolve(spec);
  const t0 = performance.now();
  const sys = new System(r.machine, r.seed, spec.trace === true);
  let out: LoopOutcome;
  let run: RunOutcome;
  let inst: KernelInstance;
  try {
    const w = findWorkload(r.workload)!;
    inst = r.kernel.boot(sys, r.params, r.options, w.topology);
    out = w.start(sys, inst, r.params, { calls: r.calls, warmup: r.warmup });
    run = sys.sim.run({ maxEvents: spec.maxEvents ?? 2_000_000_000 });
  } catch (e) {
    // Kernels speak work in instruction classes; a machine without a cost for one cannot run it.
    if (e instanceof UnpricedWork) {
      throw new UsageError(`kernel ${r.kernel.id} cannot run on ${r.machine.id}: it has no cost for instruction class '${e.cls}' (see: simulate list kernels)`);
    }
    throw e;
  }
  if (out.calls < r.calls) {
    throw new Error(`the run ended (${run.reason}) after ${out.calls} of ${r.calls} measured calls`);
  }
  const us = (cycles: number) => cyclesToUs(r.machine, cycles);
  const lat = sys.stats.sampler('latency', 'round-trip latency of one call');
  const window = out.end - out.start;
  const order = inst.sides ?? [];
  const rows = sys.stats.breakdown
    .rows()
    .slice()
    .sort((a, b) => {
      const ia = order.indexOf(a.side);
      const ib = order.indexOf(b.side);
      return (ia < 0 ? order.length : ia) - (ib < 0 ? order.length : ib);
    });
  const n = out.calls;
  const result: RunResult & { timeline: Timeline | null } = {
    machine: r.machine.id,
    kernel: r.kernel.id,
    workload: r.workload,
    params: { ...r.params, calls: r.calls, warmup: r.warmup },
    seed: r.seed,
    config: { machine: sortKeys(r.machine), kernel: { id: r.kernel.id, options: sortKeys(r.options) }, ...(sys.notes.length > 0 ? { notes: [...sys.notes] } : {}) },
    result: {
      calls: n,
      latencyUs: { mean: us(lat.mean), p50: us(lat.quantile(0.5)), p99: us(lat.quantile(0.99)) },
      latencyCycles: { mean: lat.mean, p50: lat.quantile(0.5), p99: lat.quantile(0.99) },
      throughputPerSec: window > 0 ? n / (us(window) / 1e6) : 0,
      breakdown: rows.map((b) => ({
        side: b.side,
        step: b.step,
        us: us(b.cycles / n),
        cycles: b.cycles / n,
        execCycles: (b.cycles - b.tlbCycles - b.cacheCycles) / n,
        instructions: b.instructions / n,
        tlbMisses: b.tlbMisses / n,
        tlbCycles: b.tlbCycles / n,
        cacheMisses: b.cacheMisses / n,
        cacheCycles: b.cacheCycles / n,
        count: b.count / n,
      })),
      stats: sys.stats.rows(r.machine.clockMHz).filter((s) => !s.name.startsWith('breakdown.')),
    },
    perf: { events: run.events, wallMs: Math.round(performance.now() - t0) },
    timeline: sys.timeline,
  };
  for (const fn of observers) fn(spec, result);
  return result;
}

/** A deep copy with object keys sorted, so the written configuration is stable. */
export function sortKeys<T>(x: T): T {
  if (Array.isArray(x)) return x.map(sortKeys) as T;
  if (x !== null && typeof x === 'object') {
    return Object.fromEntries(
      Object.keys(x as object)
        .sort()
        .map((k) => [k, sortKeys((x as Record<string, unknown>)[k])]),
    ) as T;
  }
  return x;
}
