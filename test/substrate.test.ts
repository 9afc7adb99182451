// The shared kernel substrate and the kernel interface: the TLB's global kernel entries, the wait
// queues built on the one template, the one-processor hand-off, the declared request kinds and
// parameter ranges with their one check, and the published breakdown rows.

import { describe, expect, it } from 'vitest';
import { produce } from 'immer';
import { Simulation, type Body } from '../sim/engine/index.js';
import { Hardware, Tlb, cyclesToUs, usToCycles } from '../sim/hw/index.js';
import { FtCondition, FtMutex, type UThread } from '../sim/os/fastthreads.js';
import { RunQueue } from '../sim/os/run-queue.js';
import { fixedPriority } from '../sim/os/sched/fixed.js';
import type { SchedTask } from '../sim/os/sched/index.js';
import { Baton, handTo, memoize, spawnServer } from '../sim/os/handoff.js';
import { System } from '../sim/os/index.js';
import { fireflyCvax as firefly } from '../machines/firefly-cvax.js';
import { i486dx50 } from '../machines/i486-dx50.js';
import { findKernel, kernels } from '../kernels/index.js';
import { checkRun, type RunParams } from '../kernels/kernel.js';
import { simulate } from '../workloads/run.js';
import { findWorkload, workloads } from '../workloads/index.js';

const params = (p: Partial<RunParams>): RunParams => ({ T: 1, C: 1, S: 1, clients: 1, bytes: 0, ...p });

describe('TLB (sim/hw/tlb.ts)', () => {
  it('keeps global kernel entries across the flush of an untagged TLB, and drops the rest', () => {
    const m = produce(i486dx50, (d) => {
      d.tlb.globalKernel = true;
    });
    const hw = new Hardware(m, null);
    const [a, b] = [hw.space('A'), hw.space('B')];
    const pa = a.page('data');
    const k = hw.kernel.page('kernel data');
    const cpu = hw.cpus[0];
    cpu.load(a);
    cpu.translate(pa);
    cpu.translate(k);
    cpu.load(b);
    cpu.load(a);
    expect(cpu.translate(k)).toBe(true);
    expect(cpu.translate(pa)).toBe(false);
  });

  it('shares global kernel entries between the contexts of a tagged TLB (the PowerPC kernel segment)', () => {
    const m = produce(i486dx50, (d) => {
      d.tlb = { entries: 128, ways: 2, tagged: true, globalKernel: true, singleEntryInvalidate: true, missCycles: 30 };
    });
    const hw = new Hardware(m, null);
    const [a, b] = [hw.space('A'), hw.space('B')];
    const k = hw.kernel.page('process table');
    const cpu = hw.cpus[0];
    cpu.load(a);
    expect(cpu.translate(k)).toBe(false);
    cpu.load(b);
    expect(cpu.translate(k)).toBe(true);
    const t = produce(m, (d) => {
      d.tlb.globalKernel = false;
    });
    const hw2 = new Hardware(t, null);
    const [a2, b2] = [hw2.space('A'), hw2.space('B')];
    const k2 = hw2.kernel.page('process table');
    hw2.cpus[0].load(a2);
    hw2.cpus[0].translate(k2);
    hw2.cpus[0].load(b2);
    expect(hw2.cpus[0].translate(k2)).toBe(false);
  });

  it('translates a shared region once for every space that maps it only when tagged by segment', () => {
    for (const sharedSegments of [true, false]) {
      const m = produce(i486dx50, (d) => {
        d.tlb = { entries: 128, ways: 2, tagged: true, sharedSegments, singleEntryInvalidate: true, missCycles: 30 };
      });
      const hw = new Hardware(m, null);
      const [a, b] = [hw.space('A'), hw.space('B')];
      b.page('private');
      const q = a.page('queue');
      const qb = b.share('queue', q);
      const cpu = hw.cpus[0];
      cpu.load(a);
      expect(cpu.translate(q)).toBe(false);
      cpu.load(b);
      expect(cpu.translate(qb)).toBe(sharedSegments);
      expect(cpu.translate(b.page('private'))).toBe(false);
    }
  });

  it('never consults the TLB for an unmapped kernel page, but does for a mapped one (MIPS kseg0 and kseg2)', () => {
    const m = produce(i486dx50, (d) => {
      d.tlb = { entries: 4, ways: 4, tagged: true, unmappedKernel: true, singleEntryInvalidate: true, missCycles: 30 };
    });
    const hw = new Hardware(m, null);
    const cpu = hw.cpus[0];
    cpu.load(hw.space('A'));
    const k = hw.kernel.page('run queue');
    const stack = hw.kernel.page('kernel stack 1', 1, true);
    expect(cpu.translate(k)).toBe(true);
    expect(cpu.tlb.misses).toBe(0);
    expect(cpu.translate(stack)).toBe(false);
    expect(cpu.tlb.misses).toBe(1);
  });

  it('keys the same page of two spaces apart only when tagged', () => {
    const d = { entries: 8, ways: 2, tagged: true, missCycles: 1 };
    const hw = new Hardware(i486dx50, null);
    const [a, b] = [hw.space('A'), hw.space('B')];
    const p = a.page('x');
    expect(new Tlb(d).key(p, 0, a)).not.toBe(new Tlb(d).key(p, 0, b));
    expect(new Tlb({ ...d, tagged: false }).key(p, 0, a)).toBe(new Tlb({ ...d, tagged: false }).key(p, 0, b));
  });
});

describe('clock conversion', () => {
  it('is one pair of functions, inverse up to rounding', () => {
    expect(usToCycles(firefly, 20)).toBe(Math.round(20 * firefly.clockMHz));
    expect(cyclesToUs(firefly, usToCycles(firefly, 55))).toBeCloseTo(55, 1);
  });
});

describe('wait queues on the one template', () => {
  const th = (name: string) => ({ name }) as UThread;

  it('FastThreads condition keeps a signal that finds no waiter, and wakes waiters in order', () => {
    const c = new FtCondition();
    expect(c.signal()).toBeUndefined();
    expect(c.wait(th('a'))).toBe(true); // the kept signal
    const [x, y] = [th('x'), th('y')];
    expect(c.wait(x)).toBe(false);
    expect(c.wait(y)).toBe(false);
    expect(c.signal()).toBe(x);
    expect(c.signal()).toBe(y);
    expect(c.pending).toBe(0);
  });

  it('FastThreads mutex passes the lock to the first waiter on release', () => {
    const m = new FtMutex();
    const [a, b] = [th('a'), th('b')];
    expect(m.acquire(a)).toBe(true);
    expect(m.acquire(b)).toBe(false);
    expect(m.release()).toBe(b);
    expect(m.holder).toBe(b);
    expect(m.release()).toBeUndefined();
    expect(m.holder).toBeNull();
  });

  it('the Unix run queue grants a processor only when one is offered, to the process its policy chooses', () => {
    const sys = new System(i486dx50, 1, false);
    const cpu = sys.cpus[0];
    const task = (id: number) => ({ id, name: `p${id}`, s: {} as Record<string, number> });
    type T = ReturnType<typeof task>;
    // A policy that picks the last runnable process, and lets a yielding p9 keep its processor.
    const policy = { ...fixedPriority(10_000, 1), choose: (cur: SchedTask | null, ready: readonly SchedTask[]) => (cur?.id === 9 ? cur : (ready.at(-1) ?? cur)) };
    const given: string[] = [];
    const q = new RunQueue<T>(policy, (c, t) => given.push(`${t.name}@${c.id}`));
    const [a, b, c] = [task(1), task(2), task(3)];
    for (const t of [a, b, c]) q.add(t);
    expect(given).toEqual([]); // nobody offered a processor
    expect(q.give(cpu, null, 'idle')).toBe(c);
    expect(q.list()).toEqual([a, b]);
    expect(q.give(cpu, task(9), 'yield')).toBeNull(); // the policy keeps the yielder running
    expect(q.give(cpu, task(4), 'preempt')).toBe(b);
    expect(given).toEqual(['p3@0', 'p2@0']);
    expect(q.queued).toBe(1);
  });
});

describe('one-processor hand-off', () => {
  it('alternates a client and a server over two batons', () => {
    const sim = new Simulation();
    const sys = { sim } as unknown as System;
    const [c, s] = [new Baton(sim, 'client'), new Baton(sim, 'server')];
    const log: string[] = [];
    spawnServer(
      sys,
      s,
      c,
      function* (): Body<void> {
        log.push(`server@${sim.now}`);
        yield 5;
      },
      'server',
    );
    sim.spawn(
      (function* (): Body<void> {
        for (let i = 0; i < 2; i++) {
          yield 10;
          log.push(`client@${sim.now}`);
          yield* handTo(c, s);
        }
      })(),
      'client',
    );
    sim.run();
    expect(log).toEqual(['client@10', 'server@10', 'client@25', 'server@25']);
  });

  it('memoises paths by key', () => {
    let built = 0;
    const f = memoize(String, (n: number) => [++built, n]);
    expect(f(3)).toBe(f(3));
    expect(built).toBe(1);
  });
});

describe('the kernel interface', () => {
  it('every kernel declares its request kinds, and every workload runs on some kernel', () => {
    for (const k of kernels) expect(k.requests.length, k.id).toBeGreaterThan(0);
    for (const w of workloads) expect(kernels.some((k) => w.runsOn(k)), w.id).toBe(true);
  });

  it('one check refuses a parameter out of a declared range, with one kind of message', () => {
    const sys = { machineId: 'firefly-cvax', processors: 5 };
    const msgs = ['mach', 'inks-msg', 'inks-trap', 'src-rpc', 'taos', 'sysv', 'bsw'].map((id) => checkRun(findKernel(id)!, sys, params({ T: 2 }), {}));
    for (const m of msgs) expect(m).toMatch(/^kernel [a-z-]+ takes -T 1, got -T 2: .+$/);
    expect(checkRun(findKernel('bss')!, sys, params({ bytes: 8 }), {})).toMatch(/takes --bytes 0 or 24, got --bytes 8: fixed 24-byte messages/);
    expect(checkRun(findKernel('urpc')!, sys, params({ C: 0 }), {})).toMatch(/takes -C >= 1, got -C 0/);
    expect(checkRun(findKernel('mach')!, sys, params({}), {})).toBeNull();
  });

  it('a workload runs only on kernels that take its kind of request', () => {
    expect(findWorkload('thread-fork')!.runsOn(findKernel('mach')!)).toBe(false);
    expect(findWorkload('null-rpc')!.runsOn(findKernel('taos')!)).toBe(false);
    expect(findWorkload('urpc-figure1')!.runsOn(findKernel('lrpc')!)).toBe(false);
    expect(() => simulate({ machine: 'firefly', kernel: 'mach', workload: 'thread-fork' })).toThrow(/does not run on kernel mach/);
  });

  it('kernels publish the breakdown rows their steps carry', () => {
    const r = simulate({ machine: 'hp9000-730', kernel: 'mach', workload: 'inks-inout128', calls: 20 });
    const stages = findKernel('mach')!.breakdowns!['inks-table1'];
    expect(stages).toHaveLength(21);
    const steps = new Set(r.result.breakdown.map((b) => b.step));
    expect(stages.filter((s) => !steps.has(s))).toEqual([]);
  });

  it('plays Figure 1 as a workload, without a kernel option', () => {
    const r = simulate({ machine: 'firefly', kernel: 'urpc', workload: 'urpc-figure1', T: 2, C: 1, S: 1, calls: 3, warmup: 0, trace: true });
    expect(r.result.calls).toBe(3);
    const spaces = new Set(r.timeline!.slices.map((s) => String(s.args?.thread ?? '').split('/')[0]));
    expect([...spaces].filter((s) => ['editor', 'WinMgr', 'FCMgr'].includes(s)).sort()).toEqual(['FCMgr', 'WinMgr', 'editor']);
  });

  it('numeric kernel options declare their ranges', () => {
    for (const k of kernels) for (const o of k.options) if (o.type === 'number') expect(o.min, `${k.id} ${o.name}`).toBeDefined();
  });
});
