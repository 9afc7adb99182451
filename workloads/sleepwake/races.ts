// The races of Figure 4 (sleep/wake-up paper §3), provoked systematically: one consumer and two
// producers run the protocol's steps (C.1-C.5 and P.1-P.3, the same code the kernels use) on
// separate processors of the multiprocessor, and the producers' start times are swept over a
// window of cycles so that every relative timing of the steps is tried. Each trial counts the
// interleavings it produced, the wake-ups left pending on the semaphore, and whether the consumer
// was left asleep with work queued (a lost wake-up, reported by the engine as a stall).

import type { Body } from '../../sim/engine/index.js';
import { StallError } from '../../sim/engine/index.js';
import type { Task } from '../../sim/os/unix.js';
import { UserIpc, type UserIpcOptions } from '../../sim/os/useripc.js';
import { bootUnix } from '../boot.js';

export interface RaceTally {
  trials: number;
  wakeupBeforeSleep: number;
  extraWakeups: number;
  wakeupWithoutSleep: number;
  c3Saves: number;
  /** Times the consumer went to sleep with a message already queued (only without C.3). */
  sleptWithWork: number;
  /** Trials that ended with the consumer asleep and a message queued (a stall). */
  lostWakeups: number;
  /** Trials that left a wake-up pending on the semaphore. */
  pendingLeft: number;
  highWater: number;
}

const DEFAULTS: UserIpcOptions = { busyWait: 'delay', pollUs: 25, maxSpin: 20, c3: true, tas: true, absorb: true, capacity: 64 };

function trial(machine: string, o: UserIpcOptions, lead: number, d1: number, d2: number, t: RaceTally): void {
  const unix = bootUnix({ machine, scheduler: 'fixed' });
  const sys = unix.sys;
  const ipc = new UserIpc(unix, 0, o);
  const ep = ipc.srv;
  let consumed = 0;
  unix.spawn('consumer', 'server', sys.hw.space('consumer'), function* (c: Task): Body<void> {
    yield lead;
    while (consumed < 2) {
      const m1 = yield* ep.q.dequeue(c); // C.1
      if (m1 !== undefined || (yield* ipc.sleepStep(c, ep)) !== undefined) consumed++;
    }
  });
  for (const [i, d] of [d1, d2].entries()) {
    unix.spawn(`producer ${i}`, 'client', sys.hw.space(`producer ${i}`), function* (p: Task): Body<void> {
      yield d;
      yield* ipc.enqueueOrSleep(p, ep, { op: 1, client: i, arg: 0 }); // P.1
      yield* ipc.wake(p, ep); // P.2, P.3
    });
  }
  t.trials++;
  try {
    sys.sim.run({ maxEvents: 1_000_000 });
  } catch (e) {
    if (!(e instanceof StallError)) throw e;
    t.lostWakeups++;
  }
  const r = ipc.races;
  t.wakeupBeforeSleep += r.wakeupBeforeSleep.value;
  t.extraWakeups += r.extraWakeups.value;
  t.wakeupWithoutSleep += r.wakeupWithoutSleep.value;
  t.c3Saves += r.c3Saves.value;
  t.sleptWithWork += r.sleptWithWork.value;
  if (ep.sem.count > 0) t.pendingLeft++;
  t.highWater = Math.max(t.highWater, ep.sem.highWater);
}

/**
 * Sweep both producers' start over `window` cycles in steps of `step`; the consumer starts half the
 * window in, so the producers arrive from well before its first dequeue to well after it.
 */
export function raceSweep(machine: string, opts: Partial<UserIpcOptions>, window: number, step: number): RaceTally {
  const lead = Math.round(window / 2);
  const o = { ...DEFAULTS, ...opts };
  const t: RaceTally = { trials: 0, wakeupBeforeSleep: 0, extraWakeups: 0, wakeupWithoutSleep: 0, c3Saves: 0, sleptWithWork: 0, lostWakeups: 0, pendingLeft: 0, highWater: 0 };
  for (let d1 = 0; d1 <= window; d1 += step) for (let d2 = d1; d2 <= window; d2 += step) trial(machine, o, lead, d1, d2, t);
  return t;
}

/**
 * §3's queue-full case: a producer finds a one-message queue full (its consumer is busy for
 * `busyUs`) and sleeps; returns the seconds from its failed enqueue until its message is in.
 */
export function queueFullWait(machine: string, busyUs: number): number {
  const unix = bootUnix({ machine, scheduler: 'fixed' });
  const sys = unix.sys;
  const ipc = new UserIpc(unix, 0, { ...DEFAULTS, capacity: 1 });
  const ep = ipc.srv;
  let waited = NaN;
  unix.spawn('consumer', 'server', sys.hw.space('consumer'), function* (c: Task): Body<void> {
    yield Math.round(busyUs * sys.machine.clockMHz);
    while ((yield* ep.q.dequeue(c)) === undefined) yield 1000;
    while ((yield* ep.q.dequeue(c)) === undefined) yield 1000;
  });
  unix.spawn('producer', 'client', sys.hw.space('producer'), function* (p: Task): Body<void> {
    yield* ipc.enqueueOrSleep(p, ep, { op: 1, client: 0, arg: 0 });
    const t0 = sys.sim.now;
    yield* ipc.enqueueOrSleep(p, ep, { op: 1, client: 0, arg: 1 });
    waited = sys.us(sys.sim.now - t0) / 1e6;
  });
  sys.sim.run({ maxEvents: 10_000_000 });
  return waited;
}
