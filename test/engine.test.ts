import { describe, expect, it } from 'vitest';
import { DONE, InPlace, LimitError, Lock, Process, Semaphore, Signal, Simulation, Spawn, StallError, Store, type Body, type Done, type Op } from '../sim/engine/index.js';
import { Prng } from '../sim/engine/prng.js';
import { closedLoop } from '../scripts/bench.js';

describe('event queue', () => {
  it('orders events by time, then by insertion', () => {
    const sim = new Simulation();
    const log: string[] = [];
    const proc = (name: string, delays: number[]) =>
      (function* (): Body {
        for (const d of delays) {
          yield d;
          log.push(`${name}@${sim.now}`);
        }
      })();
    sim.spawn(proc('a', [5, 5]), 'a');
    sim.spawn(proc('b', [10]), 'b');
    sim.spawn(proc('c', [3, 7]), 'c');
    sim.run();
    // At t=10 a, b and c are all due: a was scheduled at t=5, b at t=0, c at t=3, so b comes first
    // (earliest insertion), then c (inserted at t=3), then a (inserted at t=5).
    expect(log).toEqual(['c@3', 'a@5', 'b@10', 'c@10', 'a@10']);
  });

  it('runs processes spawned at the same time in spawn order', () => {
    const sim = new Simulation();
    const log: number[] = [];
    for (let i = 0; i < 5; i++) {
      sim.spawn(
        (function* (): Body {
          yield 0;
          log.push(i);
        })(),
        `p${i}`,
      );
    }
    sim.run();
    expect(log).toEqual([0, 1, 2, 3, 4]);
  });

  it('spawns and joins children, passing their results', () => {
    const sim = new Simulation();
    let got: unknown;
    sim.spawn(
      (function* (): Body {
        const child = yield new Spawn(
          (function* (): Body<number> {
            yield 7;
            return 42;
          })(),
          'child',
        );
        got = yield child as Process;
        expect(sim.now).toBe(7);
      })(),
      'parent',
    );
    sim.run();
    expect(got).toBe(42);
  });

  it('rejects a fractional hold', () => {
    const sim = new Simulation();
    sim.spawn(
      (function* (): Body {
        yield 1.5;
      })(),
      'bad',
    );
    expect(() => sim.run()).toThrow(/whole number of cycles/);
  });
});

describe('routines run in place', () => {
  // The same loop (hold, then take an item and count it, until three are taken) written as a
  // generator and as a routine run in place, each yielded by a process in the middle of its work.
  function* asGenerator(store: Store<number>, log: string[], sim: Simulation): Body<number> {
    let sum = 0;
    for (let i = 0; i < 3; i++) {
      yield 4;
      sum += (yield store) as number;
      log.push(`took@${sim.now}`);
    }
    return sum;
  }
  class AsRoutine extends InPlace<number> {
    private i = 0;
    private phase = 0;
    private sum = 0;
    constructor(
      private readonly store: Store<number>,
      private readonly log: string[],
      private readonly sim: Simulation,
    ) {
      super();
    }
    resume(value: unknown): Op | Done {
      if (this.phase === 2) {
        this.sum += value as number;
        this.log.push(`took@${this.sim.now}`);
        this.i++;
        this.phase = 0;
      }
      if (this.i === 3) {
        this.result = this.sum;
        return DONE;
      }
      this.phase++;
      return this.phase === 1 ? 4 : this.store;
    }
  }
  function world(routine: boolean): string[] {
    const sim = new Simulation();
    const log: string[] = [];
    const store = new Store<number>(sim, 'items');
    sim.spawn(
      (function* (): Body {
        yield 1;
        const sum = routine ? ((yield new AsRoutine(store, log, sim)) as number) : yield* asGenerator(store, log, sim);
        log.push(`sum ${sum}@${sim.now}`);
        yield 2;
        log.push(`end@${sim.now}`);
      })(),
      'consumer',
    );
    sim.spawn(
      (function* (): Body {
        for (const [d, x] of [[3, 10], [5, 20], [9, 30]]) {
          yield d;
          store.put(x);
          log.push(`put ${x}@${sim.now}`);
        }
      })(),
      'producer',
    );
    const out = sim.run();
    log.push(`${out.reason} at ${out.now} after ${out.events} events`);
    return log;
  }

  it('runs in its process\'s place with the events of the same loop as a generator', () => {
    const g = world(false);
    expect(world(true)).toEqual(g);
    expect(g).toContain('sum 60@17');
    expect(g.at(-1)).toMatch(/^quiescent at 19 after \d+ events$/);
  });

  it('runs back to back without nesting: many routines that end within one step (their holds taken in place)', () => {
    class Brief extends InPlace<number> {
      private held = false;
      resume(): Op | Done {
        if (this.held) {
          this.result = 1;
          return DONE;
        }
        this.held = true;
        return 3;
      }
    }
    const sim = new Simulation();
    let sum = 0;
    sim.spawn(
      (function* (): Body {
        // Nothing else runs, so every hold is taken in place and all of it is one engine step.
        for (let i = 0; i < 200_000; i++) sum += (yield new Brief()) as number;
      })(),
      'looper',
    );
    const out = sim.run();
    expect(sum).toBe(200_000);
    expect(out.now).toBe(600_000);
  });

  it('may not yield another routine', () => {
    class Nested extends InPlace {
      resume(): Op | Done {
        return new Nested();
      }
    }
    const sim = new Simulation();
    sim.spawn((function* (): Body { yield new Nested(); })(), 'p');
    expect(() => sim.run()).toThrow(/a routine in place yielded another/);
  });
});

describe('stall detection', () => {
  it('reports every blocked process and what it waits on', () => {
    const sim = new Simulation();
    const a = new Lock(sim, 'A');
    const b = new Lock(sim, 'B');
    const grab = (first: Lock, second: Lock) =>
      (function* (): Body {
        yield first;
        yield 10;
        yield second;
      })();
    sim.spawn(grab(a, b), 'left');
    sim.spawn(grab(b, a), 'right');
    let err: unknown;
    try {
      sim.run();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StallError);
    const s = err as StallError;
    expect(s.at).toBe(10);
    expect(s.blocked.map((x) => x.process).sort()).toEqual(['left', 'right']);
    expect(s.message).toContain('left waits on lock B (held by right');
    expect(s.message).toContain('right waits on lock A (held by left');
  });

  it('lets daemons wait at the end without a stall', () => {
    const sim = new Simulation();
    const q = new Store<number>(sim, 'requests');
    sim.spawn(
      (function* (): Body {
        for (;;) yield q;
      })(),
      'server',
      true,
    );
    expect(sim.run().reason).toBe('quiescent');
  });

  it('stops a livelock at the event limit and the time limit', () => {
    const spin = (sim: Simulation) =>
      sim.spawn(
        (function* (): Body {
          for (;;) yield 1;
        })(),
        'spinner',
      );
    const s1 = new Simulation();
    spin(s1);
    expect(() => s1.run({ maxEvents: 1000 })).toThrow(LimitError);
    const s2 = new Simulation();
    spin(s2);
    expect(() => s2.run({ maxCycles: 500 })).toThrow(/passed 500 cycles/);
  });
});

describe('resources', () => {
  it('a contended lock delays the second acquirer by exactly the critical section', () => {
    const sim = new Simulation();
    const lock = new Lock(sim, 'channel');
    const acquiredAt: Record<string, number> = {};
    const worker = (name: string, start: number, section: number) =>
      (function* (): Body {
        yield start;
        yield lock;
        acquiredAt[name] = sim.now;
        yield section;
        lock.release();
      })();
    sim.spawn(worker('first', 0, 37), 'first');
    sim.spawn(worker('second', 5, 10), 'second');
    sim.run();
    expect(acquiredAt.first).toBe(0);
    expect(acquiredAt.second).toBe(37);
  });

  it('semaphores count and wake in FIFO order', () => {
    const sim = new Simulation();
    const sem = new Semaphore(sim, 's', 0);
    const order: string[] = [];
    for (const n of ['x', 'y', 'z']) {
      sim.spawn(
        (function* (): Body {
          yield sem;
          order.push(n);
        })(),
        n,
      );
    }
    sim.spawn(
      (function* (): Body {
        yield 3;
        sem.signal();
        sem.signal();
        yield 3;
        sem.signal();
      })(),
      'v',
    );
    sim.run();
    expect(order).toEqual(['x', 'y', 'z']);
  });

  it('signals wake all waiters with a value', () => {
    const sim = new Simulation();
    const sig = new Signal(sim, 'go');
    const got: unknown[] = [];
    for (let i = 0; i < 3; i++) {
      sim.spawn(
        (function* (): Body {
          got.push(yield sig);
        })(),
        `w${i}`,
      );
    }
    sim.spawn(
      (function* (): Body {
        yield 4;
        sig.fire('now');
      })(),
      'firer',
    );
    sim.run();
    expect(got).toEqual(['now', 'now', 'now']);
  });
});

describe('reference closed-loop model', () => {
  it('ends at the same simulated time as other discrete-event implementations', () => {
    expect(closedLoop({ T: 2, C: 1, S: 1, N: 500_000 }).end).toBe(27_000_053);
    expect(closedLoop({ T: 8, C: 2, S: 2, N: 500_000 }).end).toBe(13_500_054);
  });
});

describe('prng', () => {
  it('is deterministic per seed and spreads over [0, 1)', () => {
    const a = new Prng(7);
    const b = new Prng(7);
    const xs = Array.from({ length: 1000 }, () => a.next());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b.next()));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
    expect(new Prng(8).next()).not.toBe(new Prng(7).next());
  });
});
