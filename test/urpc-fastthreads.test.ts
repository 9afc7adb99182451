// FastThreads and processor allocation on their own: the trampoline runs thread bodies on
// whichever processor dispatches them, a wake-up that overtakes a blocking thread is not lost, a
// context left loaded is resumed without a restore, and a donated processor runs its new owner's
// threads.

import { describe, expect, it } from 'vitest';
import type { Body } from '../sim/engine/index.js';
import { AddressSpace, System } from '../sim/os/index.js';
import { FastThreads, FtCondition, type UThread } from '../sim/os/fastthreads.js';
import { ProcessorAllocation } from '../sim/os/processor-allocation.js';
import { fireflyCvax } from '../machines/firefly-cvax.js';

function boot(processors: number, keepContextLoaded = false) {
  const sys = new System(fireflyCvax, 1, true);
  const rt = new FastThreads(sys, new AddressSpace(sys, 'app'), { side: 'app', keepContextLoaded });
  const alloc = new ProcessorAllocation(sys);
  for (let i = 0; i < processors; i++) alloc.assign(sys.cpus[i], rt);
  return { sys, rt, alloc };
}

describe('FastThreads', () => {
  it('ping-pongs two threads on one processor, a save and a restore per switch', () => {
    const { sys, rt } = boot(1);
    const ping = new FtCondition();
    const pong = new FtCondition();
    let rounds = 0;
    const a: UThread = rt.spawn('A', null);
    const b: UThread = rt.spawn('B', null);
    a.body = (function* (): Body<void> {
      for (let i = 0; i < 10; i++) {
        yield* rt.signal(a, ping);
        yield* rt.wait(a, pong);
        rounds++;
      }
      sys.sim.stop();
    })();
    b.body = (function* (): Body<void> {
      for (;;) {
        yield* rt.wait(b, ping);
        yield* rt.signal(b, pong);
      }
    })();
    sys.sim.run({ maxEvents: 100_000 });
    expect(rounds).toBe(10);
    const rows = sys.stats.breakdown.rows();
    const count = (step: string) => rows.find((r) => r.step === step)?.count ?? 0;
    expect(count('save context')).toBe(count('restore context') - 1);
    expect(count('restore context')).toBeGreaterThanOrEqual(20);
  });

  it('does not lose a wake-up that arrives while the thread is still saving itself', () => {
    const { sys, rt } = boot(2);
    let woke = false;
    const t = rt.spawn('sleeper', null);
    t.body = (function* (): Body<void> {
      yield* rt.block(t);
      woke = true;
      sys.sim.stop();
    })();
    const waker = rt.spawn('waker', null);
    waker.body = (function* (): Body<void> {
      // Runs on the second processor while the sleeper is in its save.
      yield* rt.wake(waker.cpu!, t);
    })();
    sys.sim.run({ maxEvents: 100_000 });
    expect(woke).toBe(true);
  });

  it('resumes a thread whose context stayed loaded without restoring it', () => {
    const { sys, rt } = boot(1, true);
    const t = rt.spawn('caller', null);
    t.body = (function* (): Body<void> {
      yield* rt.block(t);
      sys.sim.stop();
    })();
    // An outside event wakes the caller on its own processor a while later.
    sys.sim.spawn(
      (function* (): Body<void> {
        yield 5000;
        yield* rt.wake(sys.cpus[0], t);
      })(),
      'interrupt',
    );
    sys.sim.run({ maxEvents: 1_000_000 });
    const rows = sys.stats.breakdown.rows();
    expect(rows.find((r) => r.step === 'save context')).toBeUndefined();
    expect(rows.find((r) => r.step === 'restore context')?.count).toBe(1); // the first dispatch only
  });

  it('moves a donated processor to its new owner, which runs its threads there', () => {
    const sys = new System(fireflyCvax, 1, true);
    const a = new FastThreads(sys, new AddressSpace(sys, 'A'), { side: 'a', keepContextLoaded: false });
    const b = new FastThreads(sys, new AddressSpace(sys, 'B'), { side: 'b', keepContextLoaded: false });
    const alloc = new ProcessorAllocation(sys);
    alloc.assign(sys.cpus[0], a);
    let ranOn = -1;
    const tb = b.spawn('in B', null);
    tb.body = (function* (): Body<void> {
      ranOn = tb.cpu!.id;
      sys.sim.stop();
    })();
    let donated = false;
    a.idleWork = function* (cpu) {
      if (donated) return false;
      donated = true;
      yield* alloc.donate(cpu, b, [], 'kernel');
      return true;
    };
    sys.sim.run({ maxEvents: 100_000 });
    expect(ranOn).toBe(0);
    expect(alloc.owner(sys.cpus[0])).toBe(b);
    expect(alloc.lender(sys.cpus[0])).toBe(a);
    expect(b.as.processors).toBe(1);
    expect(a.as.processors).toBe(0);
  });
});
