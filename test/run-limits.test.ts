// The run driver's bounds: runs sliced in simulated time give the same results as one unbroken
// run; progress is reported; the warm-up waits for every client thread and lasts a full scheduling
// period where a clock slices time; a window that is not steady state says so in result.warnings;
// the machine schema accepts every registered machine.

import { describe, expect, it } from 'vitest';
import { LimitError, Simulation, type Body } from '../sim/engine/index.js';
import { System } from '../sim/os/index.js';
import { findKernel, kernels } from '../kernels/index.js';
import { checkRun } from '../kernels/kernel.js';
import { findMachine, machines } from '../machines/index.js';
import { findWorkload } from '../workloads/index.js';
import { resolve, simulate, type RunProgress } from '../workloads/run.js';
import { validateMachine } from '../sim/hw/machine-schema.js';
import { usToCycles } from '../sim/hw/machine.js';
import { checkOption, checkUses } from '../workloads/limits.js';

describe('slices of simulated time', () => {
  it('the engine resumes after a time limit exactly where one unbroken run goes', () => {
    const trace = (slice: number | null) => {
      const sim = new Simulation();
      const log: string[] = [];
      for (let p = 0; p < 4; p++) {
        sim.spawn(
          (function* (): Body<void> {
            for (let i = 0; i < 200; i++) {
              yield (p * 7 + i * 13) % 29; // holds of 0 to 28 cycles, ties included
              log.push(`${sim.now}:${p}`);
            }
          })(),
          `p${p}`,
        );
      }
      if (slice === null) sim.run();
      else {
        for (let until = slice; ; until += slice) {
          try {
            sim.run({ maxCycles: until });
            break;
          } catch (e) {
            if (!(e instanceof LimitError)) throw e;
          }
        }
      }
      return { log: log.join(' '), events: sim.events };
    };
    const whole = trace(null);
    for (const slice of [1, 5, 37, 1000]) expect(trace(slice)).toEqual(whole);
  });

  it.each([
    ['i486-dx50', 'l3', ['kernel.clockTickMs=4'], 2],
    ['sgi-indy', 'bss', [], 1],
    ['firefly', 'urpc', [], 2],
  ])('simulate on %s/%s equals the run made without slices', (machine, kernel, set, T) => {
    const spec = { machine, kernel, T, calls: 3000, set };
    const r = resolve(spec);
    const sys = new System(r.machine, r.seed, false);
    const inst = findKernel(r.kernel.id)!.boot(sys, r.params, r.options);
    const out = findWorkload(r.workload)!.start(sys, inst, r.params, { calls: r.calls, warmup: r.warmup, minWarmupCycles: inst.schedulingPeriodCycles });
    sys.sim.run();
    const lat = sys.stats.sampler('latency', '');
    const sliced = simulate(spec);
    expect(sliced.result.latencyCycles.mean).toBe(lat.mean);
    expect(sliced.perf.events).toBe(sys.sim.events);
    expect(sliced.result.calls).toBe(out.calls);
  });
});

describe('progress, warm-up and steady state', () => {
  it('reports progress as calls finish, up to the run\'s total', () => {
    const seen: RunProgress[] = [];
    // About 10 million cycles: several slices of simulated time.
    simulate({ machine: 'i486-dx50', kernel: 'l3', calls: 20000 }, { onProgress: (p) => seen.push(p) });
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.every((p, i) => i === 0 || (p.completed > seen[i - 1].completed && p.events > seen[i - 1].events))).toBe(true);
    expect(seen.every((p) => p.total === 21000 && p.completed < 21000)).toBe(true);
  });

  it('a short time-sliced run warns that one thread finished no call, and Little\'s law fails', () => {
    const r = simulate({ machine: 'i486-dx50', kernel: 'l3', T: 2, calls: 400, set: ['kernel.clockTickMs=4'] });
    expect(r.result.warnings).toHaveLength(2);
    expect(r.result.warnings[0]).toMatch(/^1 of 2 callers finished no measured call/);
    expect(r.result.warnings[1]).toMatch(/^Little's law: throughput × latency gives 1\.00 calls in progress, but the closed loop keeps 2/);
  });

  it('the same run, long enough to cross timeslices, is steady and warns of nothing', () => {
    const r = simulate({ machine: 'i486-dx50', kernel: 'l3', T: 2, calls: 5000, set: ['kernel.clockTickMs=4'] });
    expect(r.result.warnings).toEqual([]);
    // Both threads always have a call in progress: throughput × latency is the number of threads.
    expect((r.result.throughputPerSec * r.result.latencyUs.mean) / 1e6).toBeCloseTo(2, 1);
  });

  it('the warm-up waits until every client thread has finished a call', () => {
    // Ten warm-up calls all come from the thread that runs first; the second runs only after a timeslice.
    const r = simulate({ machine: 'i486-dx50', kernel: 'l3', T: 2, calls: 5000, warmup: 10, set: ['kernel.clockTickMs=4'] });
    expect(r.result.warnings).toEqual([]);
  });
});

describe('the warm-up covers a scheduling period', () => {
  const cyclesOf = (machine: string, us: number) => usToCycles(findMachine(machine)!, us);

  it.each([
    // L3's timeslice (§5.3.5): kernel.timesliceTicks (2) ticks of 4 ms.
    ['L3, two clients, 4 ms ticks', { machine: 'i486-dx50', kernel: 'l3', T: 2, bytes: 8, calls: 2000, set: ['kernel.clockTickMs=4'] }, 8_000],
    // L3's clock in a running system (§5.3.3): 8 wake-up lists, one scanned per 4 ms tick.
    ['L3, one client, 4 ms ticks', { machine: 'i486-dx50', kernel: 'l3', calls: 2000, set: ['kernel.clockTickMs=4'] }, 32_000],
    // IRIX 6.2 slice_size: 3 ticks of 10 ms.
    ['BSS under IRIX', { machine: 'sgi-indy', kernel: 'bss', clients: 2, calls: 2000 }, 30_000],
    // AIX 4.1: a one-tick timeslice of 10 ms.
    ['System V under AIX', { machine: 'ibm-p4-ppc604', kernel: 'sysv', calls: 2000 }, 10_000],
    // Linux 1.0: a counter of 15 ticks of 10 ms.
    ['BSS under Linux 1.0', { machine: 'linux-i486-66', kernel: 'bss', calls: 500 }, 150_000],
  ])('%s: the period is declared and the warm-up spans it', (_name, spec, periodUs) => {
    const r = simulate(spec);
    const period = cyclesOf(spec.machine, periodUs);
    expect(r.config.warmup).toEqual({ calls: r.params.warmup, schedulingPeriodCycles: period });
    expect(r.result.warmup.cycles).toBeGreaterThanOrEqual(period);
    expect(r.result.warmup.calls).toBeGreaterThanOrEqual(r.params.warmup);
    expect(r.result.warmup.us).toBeCloseTo(r.result.warmup.cycles / findMachine(spec.machine)!.clockMHz, 6);
  });

  it('the period holds even past ten times the warm-up calls (the cap is only for a thread that never runs)', () => {
    const r = simulate({ machine: 'linux-i486-66', kernel: 'bss', calls: 500 });
    expect(r.result.warmup.calls).toBeGreaterThan(10 * r.params.warmup);
    expect(r.result.warnings).toEqual([]);
  });

  it.each([
    ['L3 without a clock', { machine: 'i486-dx50', kernel: 'l3', calls: 2000 }],
    ['URPC', { machine: 'firefly', kernel: 'urpc', T: 2, calls: 2000 }],
    ['Mach', { machine: 'i486-dx50', kernel: 'mach', calls: 200 }],
  ])('%s: no time slicing, the warm-up is its calls, as before', (_name, spec) => {
    const r = simulate(spec);
    expect(r.config.warmup.schedulingPeriodCycles).toBe(0);
    // The same run driven by hand with no period at all.
    const rr = resolve(spec);
    const sys = new System(rr.machine, rr.seed, false);
    for (const cpu of sys.cpus) cpu.setCodeIsa(rr.kernel.isa);
    const inst = rr.kernel.boot(sys, rr.params, rr.options);
    expect(inst.schedulingPeriodCycles ?? 0).toBe(0);
    const out = findWorkload(rr.workload)!.start(sys, inst, rr.params, { calls: rr.calls, warmup: rr.warmup });
    sys.sim.run();
    expect(r.result.latencyCycles.mean).toBe(sys.stats.sampler('latency', '').mean);
    expect(r.perf.events).toBe(sys.sim.events);
    expect(r.result.warmup).toEqual({ calls: out.warmupCalls, cycles: out.start, us: out.start / rr.machine.clockMHz });
  });

  it('a warm-up of 0 calls measures from the start, time slicing or not', () => {
    const r = simulate({ machine: 'sgi-indy', kernel: 'bss', calls: 200, warmup: 0 });
    expect(r.result.warmup).toEqual({ calls: 0, cycles: 0, us: 0 });
  });
});

describe('the machine schema', () => {
  it('accepts every registered machine as it is', () => {
    for (const m of machines) expect(validateMachine(m), m.id).toEqual([]);
  });

  it('finds a broken relation in a machine built by hand', () => {
    const m = findMachine('i486-dx50')!;
    expect(validateMachine({ ...m, tlb: { ...m.tlb, entries: 30 } })).toEqual([
      { path: 'tlb.entries', value: 30, allowed: 'tlb.entries (30) must be a multiple of tlb.ways (4) and at least it' },
    ]);
  });
});

describe('run parameters a kernel declares it uses', () => {
  // KernelDef.params lists the run parameters a kernel reads: a parameter not listed may only be
  // left at its default (checkUses); the listed ones carry their ranges (checkRun).
  const l3 = { ...findKernel('l3')!, params: { T: {}, bytes: { max: 8 } } };

  it('refuses a parameter the kernel does not use, naming it and what the kernel takes', () => {
    expect(() => checkUses(l3, { clients: 3 })).toThrow('--clients 3: kernel l3 does not use client processes (it takes -T, --bytes); leave --clients out');
    expect(() => checkUses(l3, { C: 2 })).toThrow(/^-C 2: kernel l3 does not use client processors/);
  });

  it('accepts an unused parameter at its default (the kernel\'s own default first)', () => {
    expect(() => checkUses(l3, { C: 1, S: 1, clients: 1, T: 5, bytes: 8 })).not.toThrow();
    expect(() => checkUses(l3, { S: 0 })).toThrow(/^-S 0: kernel l3 does not use server processors/);
    expect(() => checkUses(l3, { S: 0 }, { S: 0 })).not.toThrow();
  });

  it('leaves the ranges of the parameters it reads to the kernel\'s own check', () => {
    expect(() => checkUses(l3, { bytes: 64 })).not.toThrow();
    expect(checkRun(l3, { machineId: 'i486-dx50', processors: 1 }, { T: 1, C: 1, S: 1, clients: 1, bytes: 64 }, {})).toBe('kernel l3 takes --bytes <= 8, got --bytes 64');
  });

  it('is declared by every kernel', () => {
    for (const k of kernels) expect(Object.keys(k.params).length, k.id).toBeGreaterThan(0);
  });
});

describe('kernel options against their declared range', () => {
  const bss = findKernel('bss')!;
  const capacity = { ...bss.options.find((o) => o.name === 'capacity')!, min: 1, max: 4096 };

  it('refuses a value outside min and max, naming the --set and the range', () => {
    expect(() => checkOption(bss, capacity, 0, '0')).toThrow('--set kernel.capacity=0: kernel bss allows kernel.capacity from 1 to 4096');
    expect(() => checkOption(bss, capacity, 5000, '5000')).toThrow(/from 1 to 4096/);
    expect(() => checkOption(bss, capacity, 64, '64')).not.toThrow();
  });
});
