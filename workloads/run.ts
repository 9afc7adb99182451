// Runs one simulation from a specification: resolves the machine (with --set what-ifs), the
// kernel and its options, the workload; boots, runs, and shapes the result as the command-line
// contract's JSON. Everything outside `perf` depends only on the specification.

import { closest } from 'fastest-levenshtein';
import { findMachine, machineIds, machines } from '../machines/index.js';
import { applyMachineSets, coerce, parseAssignment, type Assignment } from '../machines/override.js';
import { findKernel, kernels } from '../kernels/index.js';
import { checkRun, type KernelDef, type KernelInstance, type KernelOptions, type RunParams } from '../kernels/kernel.js';
import { cyclesToUs, type MachineDesc } from '../sim/hw/machine.js';
import { System } from '../sim/os/index.js';
import { PageOverrun, UnpricedWork } from '../sim/hw/processor.js';
import type { Isa } from '../sim/hw/isa.js';
import { describePorting, type PortingAssumption } from '../sim/hw/porting.js';
import type { RunOutcome } from '../sim/engine/index.js';
import type { LoopOutcome } from './common/closed-loop.js';
import type { Timeline } from '../sim/trace/timeline.js';
import { findWorkload, workloads } from './index.js';
import { bounded, budgetOf, BUDGET, checkOption, checkUses, UsageError } from './limits.js';
import { LimitError, StallError } from '../sim/engine/index.js';

export { UsageError } from './limits.js';

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
  /** Stop with an error after this many engine events (default: the run's event budget). */
  maxEvents?: number;
  /** A machine built outside the registry (the host machine, from a measured profile); `machine` names it. */
  machineDesc?: MachineDesc;
}

/** How far a run has got: called every slice of simulated time (about a million events). */
export interface RunProgress {
  /** Calls finished, warm-up included, and the calls the run makes in all. */
  completed: number;
  total: number;
  events: number;
}

export interface SimulateOptions {
  onProgress?: (p: RunProgress) => void;
}

/** A run that could not finish: stalled (deadlock), over its event budget, or failed in the model. */
export class RunError extends Error {
  constructor(
    readonly status: 'stalled' | 'budget' | 'failed',
    message: string,
  ) {
    super(message);
    this.name = 'RunError';
  }
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
  /** Trap entries (to kernel mode) and trap returns (to user mode) per call. */
  trapEntries: number;
  trapReturns: number;
}

export interface RunResult {
  machine: string;
  kernel: string;
  workload: string;
  params: RunParams & { calls: number; warmup: number };
  seed: number;
  config: {
    machine: MachineDesc;
    kernel: { id: string; isa: Isa; options: KernelOptions };
    porting: PortingAssumption[];
    /** The warm-up's rule: at least `calls` calls and one scheduling period of the kernel (0: no time slicing), and a call finished by every caller. */
    warmup: { calls: number; schedulingPeriodCycles: number };
  };
  result: {
    calls: number;
    /** The warm-up the run actually made before measuring: its calls (every caller's) and its length. */
    warmup: { calls: number; cycles: number; us: number };
    latencyUs: { mean: number; p50: number; p99: number };
    latencyCycles: { mean: number; p50: number; p99: number };
    throughputPerSec: number;
    breakdown: BreakdownRow[];
    stats: { name: string; value: number; unit: string; description: string }[];
    /** Why the measured window may not be steady state (empty when it is). */
    warnings: string[];
    /** What the result rests on beyond the machine and kernel parameters (porting assumptions). */
    notes: string[];
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

export function resolve(spec: RunSpec): Resolved {
  const base = spec.machineDesc ?? findMachine(spec.machine);
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
      checkOption(kernel, o, options[name], a.value);
    } else sets.push(a);
  }
  let machine: MachineDesc;
  try {
    machine = applyMachineSets(base, sets);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const d = kernel.defaults?.({ machineId: machine.id, processors: machine.processors }) ?? {};
  const params: RunParams = {
    T: bounded('T', spec.T, d.T ?? 1),
    C: bounded('C', spec.C, d.C ?? 1),
    S: bounded('S', spec.S, d.S ?? 1),
    clients: bounded('clients', spec.clients, d.clients ?? 1),
    bytes: bounded('bytes', spec.bytes, d.bytes ?? 0),
  };
  const calls = bounded('calls', spec.calls, 10_000);
  const warmup = bounded('warmup', spec.warmup, Math.min(1000, Math.max(10, Math.floor(calls / 10))));
  const seed = bounded('seed', spec.seed, 1);
  // Processors given explicitly must exist (defaults are the kernels' to interpret).
  if ((spec.C !== undefined || spec.S !== undefined) && params.C + params.S > machine.processors) {
    throw new UsageError(
      `-C ${params.C} -S ${params.S}: ${machine.id} has ${machine.processors} processor${machine.processors === 1 ? '' : 's'}; -C plus -S must be at most ${machine.processors}`,
    );
  }
  checkUses(kernel, { T: spec.T, C: spec.C, S: spec.S, clients: spec.clients, bytes: spec.bytes }, d);
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
  const needs = w.check?.(kernel, options, { calls, warmup });
  if (needs) throw new UsageError(needs);
  const problem = checkRun(kernel, { machineId: machine.id, processors: machine.processors }, params, options);
  if (problem) throw new UsageError(problem);
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

export function simulate(spec: RunSpec, opts: SimulateOptions = {}): RunResult & { timeline: Timeline | null } {
  const r = resolve(spec);
  const t0 = performance.now();
  const sys = new System(r.machine, r.seed, spec.trace === true);
  let out: LoopOutcome;
  let run: RunOutcome;
  let inst: KernelInstance;
  let period = 0;
  // The kernel's path lengths are counted in its home ISA; another machine ports them (porting.ts).
  for (const cpu of sys.cpus) cpu.setCodeIsa(r.kernel.isa);
  try {
    const w = findWorkload(r.workload)!;
    inst = r.kernel.boot(sys, r.params, r.options, w.topology);
    // A kernel may declare its scheduling period (timeslices): the warm-up covers at least one.
    period = inst.schedulingPeriodCycles ?? 0;
    out = w.start(sys, inst, r.params, { calls: r.calls, warmup: r.warmup, minWarmupCycles: period });
    run = runBounded(sys, r, out, spec.maxEvents, opts.onProgress);
  } catch (e) {
    // Kernels speak work in instruction classes; a machine without a cost for one cannot run it.
    if (e instanceof UnpricedWork) {
      // Every machine prices the whole vocabulary (a test): only a class outside it can be missing.
      throw new UsageError(`kernel ${r.kernel.id} cannot run on ${r.machine.id}: the machine has no cost for '${e.cls}', which is not in the instruction vocabulary`);
    }
    if (e instanceof PageOverrun) {
      throw new UsageError(
        `kernel ${r.kernel.id} cannot run on ${r.machine.id}: its ${e.page} (${e.offset}+${e.bytes} bytes) does not fit in ${e.pages} page(s) of ${e.pageBytes} bytes; its layout needs larger pages`,
      );
    }
    // A deadlock is the engine's own report (tests read its blocked processes).
    if (e instanceof RunError || e instanceof UsageError || e instanceof StallError) throw e;
    const sets = (spec.set ?? []).length ? ` (with --set ${(spec.set ?? []).join(' --set ')}: a what-if may be outside what the model supports)` : '';
    throw new RunError('failed', `the model failed: ${(e as Error).message.split('\n')[0]}${sets}`);
  }
  if (out.calls < r.calls) {
    throw new RunError('stalled', `the run ended (${run.reason}) after ${out.calls} of ${r.calls} measured calls`);
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
  const ported = new Map<string, PortingAssumption>();
  for (const cpu of sys.cpus) for (const [key, p] of cpu.ported) ported.set(key, p);
  const porting = [...ported.keys()].sort().map((key) => ported.get(key)!);
  const result: RunResult & { timeline: Timeline | null } = {
    machine: r.machine.id,
    kernel: r.kernel.id,
    workload: r.workload,
    params: { ...r.params, calls: r.calls, warmup: r.warmup },
    seed: r.seed,
    config: {
      machine: sortKeys(r.machine),
      kernel: { id: r.kernel.id, isa: r.kernel.isa, options: sortKeys(r.options) },
      porting: porting.map(sortKeys),
      warmup: { calls: r.warmup, schedulingPeriodCycles: period },
    },
    result: {
      calls: n,
      warmup: { calls: out.warmupCalls ?? r.warmup, cycles: out.start, us: us(out.start) },
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
        trapEntries: b.trapEntries / n,
        trapReturns: b.trapReturns / n,
      })),
      stats: sys.stats.rows(r.machine.clockMHz).filter((s) => !s.name.startsWith('breakdown.')),
      warnings: steadyStateWarnings(out, n, lat.mean, window),
      notes: [...porting.map(describePorting), ...sys.notes],
    },
    perf: { events: run.events, wallMs: Math.round(performance.now() - t0) },
    timeline: sys.timeline,
  };
  for (const fn of observers) fn(spec, result);
  return result;
}

/**
 * Run the simulation in slices of simulated time, checking the event budget between slices and
 * reporting progress. Slicing does not change the run: the engine stops before an event beyond the
 * slice, and the next slice resumes with it.
 */
function runBounded(sys: System, r: Resolved, out: LoopOutcome, maxEvents: number | undefined, onProgress?: (p: RunProgress) => void): RunOutcome {
  const sim = sys.sim;
  const total = r.calls + r.warmup;
  const callers = () => out.perCaller?.length ?? r.params.T;
  const done = () => out.completed ?? out.calls;
  const over = () =>
    new RunError(
      'budget',
      `the run stopped after ${sim.events.toLocaleString('en-US')} events with ${done()} of ${total} calls done ` +
        `(budget: ${BUDGET.perCall.toLocaleString('en-US')} events per call): ` +
        (done() === 0 ? 'no call finished, so the configuration makes no progress (check the --set values)' : 'lower --calls, -T or --clients, or check the --set values'),
    );
  let slice = 1_000_000;
  let until = 0;
  for (;;) {
    const before = sim.events;
    const cap = maxEvents ?? Math.max(budgetOf(done(), callers()), before) + (1 << 22);
    until += slice;
    try {
      return sim.run({ maxCycles: until, maxEvents: cap });
    } catch (e) {
      if (!(e instanceof LimitError)) throw e;
      if (e.limit === 'events') {
        if (maxEvents !== undefined) throw new RunError('budget', `the run stopped after ${maxEvents} events (the limit asked for)`);
        throw over();
      }
    }
    onProgress?.({ completed: done(), total, events: sim.events });
    if (maxEvents === undefined && sim.events > budgetOf(done(), callers())) throw over();
    // Aim at about a million events per slice, whatever the events' density in time.
    const ran = sim.events - before;
    if (ran < 250_000 && slice < 2 ** 50) slice *= 2;
    else if (ran > 4_000_000 && slice > 1000) slice = Math.floor(slice / 2);
  }
}

/**
 * Why a measured window may not be steady state: a caller that finished no measured call, or, in a
 * closed loop, Little's law off by more than 5% (throughput × mean latency should equal the
 * number of callers, each always having one call in progress).
 */
export function steadyStateWarnings(out: LoopOutcome, n: number, meanLatency: number, window: number): string[] {
  const warnings: string[] = [];
  const per = out.perCaller ?? [];
  const idle = per.filter((c) => c === 0).length;
  if (idle > 0) {
    warnings.push(`${idle} of ${per.length} callers finished no measured call: the window is not steady state (run more --calls or a longer --warmup)`);
  }
  if (out.closed && per.length > 0 && window > 0 && n > 0) {
    const inProgress = (n / window) * meanLatency;
    const off = inProgress / per.length - 1;
    if (Math.abs(off) > 0.05) {
      warnings.push(
        `Little's law: throughput × latency gives ${inProgress.toFixed(2)} calls in progress, but the closed loop keeps ${per.length} ` +
          `(${(off * 100).toFixed(0)}%): the window is too short or not steady state (run more --calls)`,
      );
    }
  }
  return warnings;
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
