// A process body written as a routine (a hand-written state machine) must be stepped exactly as
// the same body written as a generator: same end time, event count and order of resumptions,
// same joins and results, same stall and limit reports, same daemon semantics. Programs over the
// engine's resources are run in three forms (all generators, all routines, generators and
// routines mixed, parent and child of different forms) and must give identical records.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DONE, Lock, Process, Semaphore, Signal, Simulation, Spawn, StallError, Store, type Body, type Op, type Routine } from '../sim/engine/index.js';
import { closedLoop, closedLoopRoutine } from '../scripts/bench.js';

/** One step of a program: those with a `y` field yield an op, the others act at once. */
type Ins =
  | { y: 'hold'; n: number }
  | { y: 'acquire'; i: number }
  | { a: 'release'; i: number }
  | { y: 'get'; i: number }
  | { a: 'put'; i: number; x: number }
  | { y: 'P'; i: number }
  | { a: 'V'; i: number }
  | { y: 'wait' }
  | { a: 'fire'; x: number }
  | { y: 'spawn'; prog: Ins[]; daemon: boolean }
  | { y: 'join' };

type Form = 'generator' | 'routine' | 'mixed';

/** The world one run's programs share, and the record of what happened. */
class World {
  readonly sim = new Simulation();
  readonly locks = [new Lock(this.sim, 'L0'), new Lock(this.sim, 'L1')];
  readonly stores = [new Store<number>(this.sim, 'S0'), new Store<number>(this.sim, 'S1', [100])];
  readonly sems = [new Semaphore(this.sim, 'M0', 0), new Semaphore(this.sim, 'M1', 1)];
  readonly signal = new Signal(this.sim, 'G');
  readonly log: string[] = [];
  private spawned = 0;

  constructor(readonly form: Form) {}

  /** The body of program prog in this world's form (in 'mixed', children differ from parents). */
  body(prog: Ins[], name: string, routine: boolean): Body | Routine {
    return routine ? new ProgramRoutine(this, prog, name) : programGenerator(this, prog, name);
  }

  start(prog: Ins[], name: string, daemon: boolean): Process {
    return this.sim.spawn(this.body(prog, name, this.form === 'routine'), name, daemon);
  }

  act(ins: Ins): void {
    if ('y' in ins) throw new Error('not an action');
    if (ins.a === 'release') this.locks[ins.i].release();
    else if (ins.a === 'put') this.stores[ins.i].put(ins.x);
    else if (ins.a === 'V') this.sems[ins.i].signal();
    else this.signal.fire(ins.x);
  }

  /** The op a yielding step yields; child is the process the program last spawned. */
  op(ins: Ins, parent: string, parentIsRoutine: boolean, child: Process | undefined): Op {
    if (!('y' in ins)) throw new Error('not an op');
    switch (ins.y) {
      case 'hold':
        return ins.n;
      case 'acquire':
        return this.locks[ins.i];
      case 'get':
        return this.stores[ins.i];
      case 'P':
        return this.sems[ins.i];
      case 'wait':
        return this.signal;
      case 'spawn': {
        const name = `${parent}.${this.spawned++}`;
        const routine = this.form === 'mixed' ? !parentIsRoutine : this.form === 'routine';
        return new Spawn(this.body(ins.prog, name, routine), name, ins.daemon);
      }
      case 'join':
        return child ?? 0;
    }
  }

  resumed(name: string, v: unknown): void {
    this.log.push(`${name}@${this.sim.now}: ${v instanceof Process ? `process ${v.name}` : String(v)}`);
  }
}

function* programGenerator(w: World, prog: Ins[], name: string): Body<string> {
  let child: Process | undefined;
  for (const ins of prog) {
    if (!('y' in ins)) {
      w.act(ins);
      continue;
    }
    const v = yield w.op(ins, name, false, child);
    w.resumed(name, v);
    if (ins.y === 'spawn') child = v as Process;
  }
  return `${name} done`;
}

/** programGenerator as a state machine: pc is the next step, started whether an op was returned. */
class ProgramRoutine implements Routine<string> {
  private pc = 0;
  private started = false;
  private child: Process | undefined;
  result: string | undefined;

  constructor(
    private readonly w: World,
    private readonly prog: Ins[],
    private readonly name: string,
  ) {}

  resume(v: unknown): Op | typeof DONE {
    if (this.started) {
      this.w.resumed(this.name, v);
      const last = this.prog[this.pc - 1];
      if ('y' in last && last.y === 'spawn') this.child = v as Process;
    }
    this.started = true;
    while (this.pc < this.prog.length) {
      const ins = this.prog[this.pc++];
      if ('y' in ins) return this.w.op(ins, this.name, true, this.child);
      this.w.act(ins);
    }
    this.result = `${this.name} done`;
    return DONE;
  }
}

/** Everything observable about one run of the programs. */
function record(form: Form, programs: { prog: Ins[]; daemon: boolean }[], maxEvents = 100_000) {
  const w = new World(form);
  const procs = programs.map((p, k) => w.start(p.prog, `p${k}`, p.daemon));
  let outcome: unknown;
  try {
    outcome = w.sim.run({ maxEvents });
  } catch (e) {
    outcome = { error: (e as Error).name, message: (e as Error).message };
  }
  return {
    outcome,
    now: w.sim.now,
    events: w.sim.events,
    log: w.log,
    results: procs.map((p) => [p.done, p.result]),
    blocked: w.sim.blocked(),
  };
}

const hold = (n: number): Ins => ({ y: 'hold', n });

describe('routines step exactly as generators', () => {
  it('the reference closed-loop model ends at the same time after the same events', () => {
    for (const p of [
      { T: 1, C: 1, S: 1, N: 1 },
      { T: 2, C: 1, S: 1, N: 1000 },
      { T: 8, C: 2, S: 2, N: 1000 },
      { T: 5, C: 3, S: 1, N: 777 },
    ]) {
      expect(closedLoopRoutine(p)).toEqual(closedLoop(p));
    }
    expect(closedLoopRoutine({ T: 2, C: 1, S: 1, N: 500_000 }).end).toBe(27_000_053);
    expect(closedLoopRoutine({ T: 8, C: 2, S: 2, N: 500_000 }).end).toBe(13_500_054);
  });

  it('spawns and joins children of either form, passing their results', () => {
    const child: Ins[] = [hold(7), { a: 'put', i: 0, x: 5 }];
    const parent: Ins[] = [{ y: 'spawn', prog: child, daemon: false }, { y: 'get', i: 0 }, { y: 'join' }, hold(3), { y: 'join' }];
    const g = record('generator', [{ prog: parent, daemon: false }]);
    expect(g.log).toEqual(['p0@0: process p0.0', 'p0.0@7: undefined', 'p0@7: 5', 'p0@7: p0.0 done', 'p0@10: undefined', 'p0@10: p0.0 done']);
    expect(g.results).toEqual([[true, 'p0 done']]);
    for (const form of ['routine', 'mixed'] as const) expect(record(form, [{ prog: parent, daemon: false }])).toEqual(g);
  });

  it('orders same-time wake-ups and holds the same way (FIFO among events due at once)', () => {
    const programs = [
      { prog: [{ y: 'wait' }, hold(0), { a: 'V', i: 0 }, hold(2)] as Ins[], daemon: false },
      { prog: [{ y: 'P', i: 0 }, hold(0), { y: 'wait' }] as Ins[], daemon: false },
      { prog: [hold(4), { a: 'fire', x: 9 }, hold(0), hold(2)] as Ins[], daemon: false },
      { prog: [{ y: 'wait' }, { a: 'V', i: 0 }] as Ins[], daemon: false },
    ];
    const g = record('generator', programs);
    expect(g.outcome).toEqual({ reason: 'quiescent', now: 6, events: g.events });
    for (const form of ['routine', 'mixed'] as const) expect(record(form, programs)).toEqual(g);
  });

  it('keeps FIFO order among many events due at once, beyond the initial size of the queues', () => {
    const n = 150;
    const programs = Array.from({ length: n }, (_, k) => ({ prog: [hold(0), hold((k % 5) + 1)], daemon: false }));
    const g = record('generator', programs);
    const ks = Array.from({ length: n }, (_, k) => k);
    const expected = [
      ...ks.map((k) => `p${k}@0: undefined`),
      ...[1, 2, 3, 4, 5].flatMap((t) => ks.filter((k) => (k % 5) + 1 === t).map((k) => `p${k}@${t}: undefined`)),
    ];
    expect(g.log).toEqual(expected);
    expect(g.outcome).toEqual({ reason: 'quiescent', now: 5, events: 3 * n });
    for (const form of ['routine', 'mixed'] as const) expect(record(form, programs)).toEqual(g);
  });

  it('reports the same stall, and lets daemons wait at the end in either form', () => {
    const programs = [
      { prog: [{ y: 'acquire', i: 0 }, hold(10), { y: 'acquire', i: 1 }] as Ins[], daemon: false },
      { prog: [{ y: 'acquire', i: 1 }, hold(10), { y: 'acquire', i: 0 }] as Ins[], daemon: false },
      { prog: [{ y: 'get', i: 0 }] as Ins[], daemon: true },
    ];
    const g = record('generator', programs);
    expect(g.outcome).toMatchObject({ error: 'StallError' });
    expect((g.outcome as { message: string }).message).toContain('p0 waits on lock L1 (held by p1');
    for (const form of ['routine', 'mixed'] as const) expect(record(form, programs)).toEqual(g);
    const daemons = programs.slice(2);
    expect(record('routine', daemons).outcome).toMatchObject({ reason: 'quiescent' });
    expect(record('routine', daemons)).toEqual(record('generator', daemons));
  });

  it('a routine is stopped at the event limit and rejects a fractional hold like a generator', () => {
    const long = { prog: Array.from({ length: 50 }, () => hold(1)), daemon: false };
    const g = record('generator', [long], 20);
    expect(g.outcome).toMatchObject({ error: 'LimitError' });
    expect(record('routine', [long], 20)).toEqual(g);
    const bad = { prog: [hold(2), hold(1.5)], daemon: false };
    const gb = record('generator', [bad]);
    expect((gb.outcome as { message: string }).message).toMatch(/p0 yielded 1.5: a hold must be a whole number of cycles/);
    expect(record('routine', [bad])).toEqual(gb);
  });

  it('the example of types.ts: two routines take a lock in turn', () => {
    class Critical implements Routine {
      private state = 0;
      constructor(private readonly lock: Lock) {}
      resume(): Op | typeof DONE {
        switch (this.state++) {
          case 0:
            return this.lock;
          case 1:
            return 10;
          default:
            this.lock.release();
            return DONE;
        }
      }
    }
    const sim = new Simulation();
    const lock = new Lock(sim, 'L');
    const a = sim.spawn(new Critical(lock), 'a');
    const b = sim.spawn(new Critical(lock), 'b');
    expect(sim.run()).toEqual({ reason: 'quiescent', now: 20, events: 5 });
    expect([a.done, b.done, lock.holder]).toEqual([true, true, null]);
  });

  it('a stall raised for a routine names it and what it waits on', () => {
    const sim = new Simulation();
    const store = new Store<number>(sim, 'mailbox');
    const waiter: Routine = {
      resume: (v) => (v === undefined ? store : DONE),
    };
    sim.spawn(waiter, 'reader');
    expect(() => sim.run()).toThrow(StallError);
    expect(sim.blocked()).toEqual([{ process: 'reader', waitsOn: 'store mailbox (0 item(s), 1 waiting)', daemon: false }]);
  });

  const leaf = fc.oneof(
    fc.integer({ min: 0, max: 6 }).map(hold),
    fc.integer({ min: 0, max: 1 }).chain((i) => fc.integer({ min: 0, max: 4 }).map((n): Ins[] => [{ y: 'acquire', i }, hold(n), { a: 'release', i }])),
    fc.integer({ min: 0, max: 1 }).map((i): Ins => ({ y: 'get', i })),
    fc.record({ i: fc.integer({ min: 0, max: 1 }), x: fc.integer({ min: 0, max: 99 }) }).map(({ i, x }): Ins => ({ a: 'put', i, x })),
    fc.integer({ min: 0, max: 1 }).map((i): Ins => ({ y: 'P', i })),
    fc.integer({ min: 0, max: 1 }).map((i): Ins => ({ a: 'V', i })),
    fc.constant<Ins>({ y: 'wait' }),
    fc.integer({ min: 0, max: 99 }).map((x): Ins => ({ a: 'fire', x })),
    fc.constant<Ins>({ y: 'join' }),
  );
  const flat = (xs: (Ins | Ins[])[]): Ins[] => xs.flatMap((x) => (Array.isArray(x) ? x : [x]));
  const childProg = fc.array(leaf, { maxLength: 6 }).map(flat);
  const step = fc.oneof(
    { weight: 5, arbitrary: leaf },
    { weight: 1, arbitrary: fc.record({ prog: childProg, daemon: fc.boolean() }).map(({ prog, daemon }): Ins => ({ y: 'spawn', prog, daemon })) },
  );
  const programs = fc.array(fc.record({ prog: fc.array(step, { maxLength: 10 }).map(flat), daemon: fc.boolean() }), { minLength: 1, maxLength: 4 });

  it('random programs give identical records in all three forms (property)', () => {
    fc.assert(
      fc.property(programs, fc.integer({ min: 5, max: 200 }), (ps, maxEvents) => {
        const g = record('generator', ps, maxEvents);
        expect(record('routine', ps, maxEvents)).toEqual(g);
        expect(record('mixed', ps, maxEvents)).toEqual(g);
      }),
      { numRuns: 400 },
    );
  });

  it('random closed loops end at the same time after the same events in both forms (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 300 }), (T, C, S, N) => {
        expect(closedLoopRoutine({ T, C, S, N })).toEqual(closedLoop({ T, C, S, N }));
      }),
      { numRuns: 100 },
    );
  });
});
