// The sleep/wake-up kernels and the process layer under them (Unrau and Krieger 1997): counters
// per round trip, the schedulers' yield semantics, the Figure 4 races and the lost wake-up that
// step C.3 prevents, Table 1's calibrated primitives, and determinism.

import { describe, expect, it } from 'vitest';
import { Processor } from '../sim/hw/index.js';
import { StallError } from '../sim/engine/index.js';
import { decayUsage } from '../sim/os/sched/decay-usage.js';
import { linux10 } from '../sim/os/sched/linux.js';
import { SCHEDULERS } from '../sim/os/sched/index.js';
import type { SchedTask } from '../sim/os/sched/policy.js';
import { findKernel } from '../kernels/index.js';
import { simulate, UsageError } from '../workloads/run.js';
import { primitiveRun } from '../workloads/sleepwake/table1.js';
import { raceSweep, queueFullWait } from '../workloads/sleepwake/races.js';
import { reproduction } from '../workloads/sleepwake/reproduce.js';

type Spec = Parameters<typeof simulate>[0];
const run = (spec: Partial<Spec> & { machine: string; kernel: string }) => {
  const r = simulate({ calls: 1000, ...spec });
  const st = new Map(r.result.stats.map((s) => [s.name, s.value]));
  const per = (n: string) => (st.get(n) ?? 0) / r.result.calls;
  return { r, per };
};

const task = (id: number, s: Record<string, number> = {}): SchedTask => ({ id, name: `t${id}`, s: { ...s } });

describe('sleep/wake-up kernels', () => {
  it('are registered with documented options', () => {
    for (const id of ['sysv', 'bss', 'bsw', 'bswy', 'bsls']) {
      const k = findKernel(id);
      expect(k, id).toBeDefined();
      const sch = k!.options.find((o) => o.name === 'scheduler')!;
      expect(sch.choices).toEqual([...SCHEDULERS]);
      for (const c of SCHEDULERS) expect(sch.description).toContain(c);
    }
    expect(findKernel('bsls')!.options.find((o) => o.name === 'maxSpin')!.default).toBe(20);
    expect(findKernel('bsw')!.options.find((o) => o.name === 'c3')!.description).toMatch(/C\.3/);
  });

  it('load the address space of the process they switch to', () => {
    // A context-switch step is built once per space: each switch loads its own process's context.
    const loaded = new Set<string>();
    const orig = Processor.prototype.load;
    Processor.prototype.load = function (this: Processor, space) {
      loaded.add(space.name);
      return orig.call(this, space);
    };
    try {
      run({ machine: 'linux-i486-66', kernel: 'bss', clients: 3, calls: 200 });
    } finally {
      Processor.prototype.load = orig;
    }
    expect(loaded.size).toBe(4);
  });

  it('take client processes from --clients, not -T', () => {
    expect(() => simulate({ machine: 'sgi-indy', kernel: 'bss', T: 2 })).toThrow(UsageError);
    expect(() => simulate({ machine: 'sgi-indy', kernel: 'bss', T: 2 })).toThrow(/--clients/);
  });

  it('BSS: every system call is a yield, and some yields do not switch under IRIX decay-usage', () => {
    const { r, per } = run({ machine: 'sgi-indy', kernel: 'bss' });
    expect(per('syscalls')).toBeGreaterThan(2);
    expect(per('syscalls.yield')).toBe(per('syscalls'));
    expect(per('yields.switched')).toBeLessThan(per('syscalls.yield'));
    expect(per('switches')).toBeCloseTo(2, 1);
    // one client: throughput is the inverse of the round trip (messages per second)
    expect(r.result.throughputPerSec).toBeCloseTo(1e6 / r.result.latencyUs.mean, -1);
  });

  it('BSS with fixed priorities: two yields and two switches per round trip', () => {
    const { per } = run({ machine: 'sgi-indy', kernel: 'bss', set: ['kernel.scheduler=fixed'] });
    expect(per('syscalls')).toBeCloseTo(2, 2);
    expect(per('yields.switched')).toBeCloseTo(2, 2);
  });

  it('System V message queues: four system calls and two switches per round trip', () => {
    const { per } = run({ machine: 'ibm-p4', kernel: 'sysv' });
    // Two msgsnd exactly; a clock tick that preempts the server between its reply and its next
    // msgrcv (once in this window, which begins after the first timeslice) moves one msgrcv across
    // the window's edge, as it moves one switch.
    expect(per('syscalls')).toBeCloseTo(4, 2);
    expect(per('syscalls.msgsnd')).toBe(2);
    expect(per('switches')).toBeCloseTo(2, 2);
  });

  it('BSW on a uniprocessor: two P and two V per round trip, the V never preempts', () => {
    const { per } = run({ machine: 'sgi-indy', kernel: 'bsw' });
    expect(per('syscalls.P')).toBeCloseTo(2, 2);
    expect(per('syscalls.V')).toBeCloseTo(2, 2);
    expect(per('client.switches.involuntary')).toBeLessThan(0.01);
  });

  it('BSLS counts its spin loops, and on the multiprocessor makes no system calls', () => {
    const { per } = run({ machine: 'sgi-challenge', kernel: 'bsls', clients: 3 });
    expect(per('client.spin.loops')).toBeCloseTo(1, 2);
    expect(per('syscalls')).toBe(0);
    const uni = run({ machine: 'sgi-indy', kernel: 'bsls', set: ['kernel.maxSpin=1'], clients: 4 });
    expect(uni.per('client.spin.iterations') / uni.per('client.spin.loops')).toBeLessThanOrEqual(1);
  });

  it('Linux 1.0: the stock sched_yield makes round trips of clock ticks, the modified one of microseconds', () => {
    const stock = run({ machine: 'linux-i486-66', kernel: 'bss', calls: 12, set: ['kernel.scheduler=linux'] });
    const mod = run({ machine: 'linux-i486-66', kernel: 'bss' });
    expect(stock.r.result.latencyUs.mean).toBeGreaterThan(10_000);
    expect(mod.r.result.latencyUs.mean).toBeLessThan(200);
    expect(mod.per('yields.switched')).toBe(mod.per('syscalls.yield'));
  });

  it('handoff: the client hands the processor to the server, BSWY then needs two system calls', () => {
    const { per } = run({ machine: 'linux-i486-66', kernel: 'bswy', set: ['kernel.scheduler=handoff'] });
    expect(per('syscalls.handoff')).toBeGreaterThan(0);
    expect(per('syscalls')).toBeCloseTo(2, 1);
  });

  it('is deterministic', () => {
    const a = simulate({ machine: 'sgi-indy', kernel: 'bsls', clients: 3, calls: 500 });
    const b = simulate({ machine: 'sgi-indy', kernel: 'bsls', clients: 3, calls: 500 });
    const strip = (x: typeof a) => JSON.stringify({ ...x, perf: null, timeline: null });
    expect(strip(a)).toBe(strip(b));
  });
});

describe('Figure 4 races', () => {
  // A slow C.2 (as after an interrupt between the consumer's dequeue and its flag store) opens
  // the window of interleaving 4 on the multiprocessor.
  const slowC2 = ['costs.alu=40'];

  it('without step C.3 the fourth interleaving loses a wake-up and the engine reports the stall', () => {
    let err: unknown = null;
    try {
      simulate({ machine: 'sgi-challenge', kernel: 'bsw', calls: 200, set: [...slowC2, 'kernel.c3=false'] });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StallError);
    expect((err as Error).message).toMatch(/asleep in P\(Q\[clnt 0\]\)/);
  });

  it('with step C.3 the same timing completes, C.3 finding the message the wake-up missed', () => {
    const { per } = run({ machine: 'sgi-challenge', kernel: 'bsw', calls: 200, warmup: 0, set: slowC2 });
    expect(per('races.c3Saves')).toBeGreaterThan(0);
    expect(per('races.sleptWithWork')).toBe(0);
  });

  it('a sweep of producer timings shows interleavings 1-3; test-and-set leaves no wake-up pending', () => {
    const ok = raceSweep('sgi-challenge-8', {}, 900, 90);
    expect(ok.wakeupBeforeSleep).toBeGreaterThan(0);
    expect(ok.wakeupWithoutSleep).toBeGreaterThan(0);
    expect(ok.pendingLeft).toBe(0);
    expect(ok.lostWakeups).toBe(0);
    const noTas = raceSweep('sgi-challenge-8', { tas: false, absorb: false }, 900, 90);
    expect(noTas.pendingLeft).toBeGreaterThan(0);
    const noC3 = raceSweep('sgi-challenge-8', { c3: false }, 900, 90);
    expect(noC3.sleptWithWork).toBeGreaterThan(0);
  });

  it('a full queue makes the producer sleep(1)', () => {
    expect(queueFullWait('sgi-indy-r4000', 50)).toBeGreaterThanOrEqual(1);
  });
});

describe('schedulers', () => {
  const irix = decayUsage({ id: 'irix', describe: '', tickUs: 10_000, quantumTicks: 3, accounting: 'exact', band: 10, decayFactor: 0.5, usageCap: Infinity, yieldTo: 'better', clockMHz: 100 });
  const aix = decayUsage({ id: 'aix', describe: '', tickUs: 10_000, quantumTicks: 1, accounting: 'tick', band: 2, decayFactor: 0.5, usageCap: 120, yieldTo: 'any', clockMHz: 100 });

  it('IRIX: a yield keeps the processor until the yielder is a priority band worse', () => {
    const a = task(0);
    const b = task(1);
    irix.admit(a);
    irix.admit(b);
    expect(irix.choose(a, [b], 'yield')).toBe(a);
    irix.charge(a, 10 * 100); // one band (10 µs at 100 MHz)
    expect(irix.choose(a, [b], 'yield')).toBe(b);
  });

  it('AIX: a yield passes the processor to the next runnable process', () => {
    const a = task(0);
    const b = task(1);
    aix.admit(a);
    aix.admit(b);
    expect(aix.choose(a, [b], 'yield')).toBe(b);
    expect(aix.tick(a)).toBe(true); // one-tick quantum
  });

  it('Linux 1.0: the largest counter runs; stock yield keeps it, modified yield expires it', () => {
    const a = task(0);
    const b = task(1);
    const stock = linux10(false, () => [a, b]);
    stock.admit(a);
    stock.admit(b);
    b.s.counter = 10;
    expect(stock.choose(a, [b], 'yield')).toBe(a);
    const mod = linux10(true, () => [a, b]);
    expect(mod.choose(a, [b], 'yield')).toBe(b);
    expect(a.s.counter).toBe(0);
  });

  it('Linux 1.0: among equal counters schedule() keeps the last task slot, whatever order the run queue is in', () => {
    const [a, b, c, d] = [task(0), task(1), task(2), task(3)];
    const all = [a, b, c, d];
    const linux = linux10(false, () => all);
    for (const t of all) linux.admit(t);
    [a.s.counter, b.s.counter, c.s.counter, d.s.counter] = [5, 7, 7, 6];
    // The slot scan runs from the last slot down and keeps the first strictly larger counter.
    expect(linux.choose(d, [c, a, b], 'preempt')).toBe(c);
    expect(linux.choose(null, [b, a], 'idle')).toBe(b);
    d.s.counter = 7;
    expect(linux.choose(d, [c, b, a], 'preempt')).toBe(d);
    // Every runnable counter 0: all are recomputed (counter / 2 + priority) and the last slot wins.
    for (const t of all) t.s.counter = 0;
    b.s.counter = 1;
    expect(linux.choose(null, [a, c], 'idle')).toBe(c);
    expect([a.s.counter, b.s.counter, c.s.counter]).toEqual([15, 15, 15]);
  });
});

describe('Table 1 on the simulated machines', () => {
  it('reproduces the calibrated primitives and makes no switch with one yielding process', () => {
    expect(primitiveRun('sgi-indy-r4000', 'enqdeq', 1, 500).us).toBeCloseTo(3, 1);
    expect(primitiveRun('ibm-p4-ppc604', 'msg', 1, 500).us).toBeCloseTo(15, 1);
    const y1 = primitiveRun('sgi-indy-r4000', 'yield', 1, 500);
    expect(y1.us).toBeCloseTo(16, 1);
    expect(y1.switchesPerOp).toBe(0);
    expect(primitiveRun('sgi-indy-r4000', 'yield', 2, 500).switchesPerOp).toBeGreaterThan(0);
  });

  it('the reproduction has Table 1 and Figures 2, 3, 6, 8, 10, 11, 12', () => {
    expect(reproduction.figures.map((f) => f.id)).toEqual(['figure2', 'figure3', 'figure6', 'figure8', 'figure10', 'figure11', 'figure12']);
    const rows = reproduction.tables[0].run('test');
    expect(rows).toHaveLength(6);
    for (const r of rows) expect(typeof r.sgi).toBe('number');
  });
});
