// User-level IPC over shared-memory queues (sleep/wake-up paper §2-§5): one single-threaded server
// process, n client processes, a receive queue at the server and a reply queue per client, each
// queue with an `awake` flag and a System V semaphore for sleeping on it. The protocols (BSS, BSW,
// BSWY, BSLS) are written against this; it also owns busy_wait/poll_queue and the flag operations,
// and counts the races of Figure 4 as they happen.

import { DONE, InPlace, type Body, type Done, type Op } from '../engine/index.js';
import type { Step } from '../hw/index.js';
import type { Counter } from '../stats/index.js';
import { TwoLockQueue } from './msqueue.js';
import { SysVSemaphore } from './sysv.js';
import { HELD } from './system.js';
import type { Task, Unix } from './unix.js';

/** A request or reply: the 24-byte message of §2.2 (opcode, reply channel, a double). */
export interface Msg {
  op: number;
  client: number;
  arg: number;
}

/** One direction of the channel: Q[srv] or Q[clnt]. */
export class Endpoint {
  /** 1 while the consumer is (or may be) running; the consumer clears it before sleeping. */
  awake = 1;
  readonly q: TwoLockQueue<Msg>;
  readonly sem: SysVSemaphore;
  task: Task | null = null;
  /** The awake flag's steps by task (UnixPaths.userStep's sites). */
  readonly sites = { clear: [] as Step[], set: [] as Step[], test: [] as Step[] };
  constructor(unix: Unix, name: string, capacity: number, side: string) {
    this.q = new TwoLockQueue<Msg>(unix, name, capacity, side);
    this.sem = new SysVSemaphore(unix, name);
  }
}

export interface UserIpcOptions {
  /** busy_wait and poll_queue: yield() on a uniprocessor, a delay loop on a multiprocessor (§2.2, §5). */
  busyWait: 'yield' | 'delay' | 'handoff';
  /** Length of one delay loop (§5: 25 µs). */
  pollUs: number;
  /** BSLS: dequeue attempts before blocking (§4.2). */
  maxSpin: number;
  /** Step C.3: the second dequeue before sleeping (Figure 4). */
  c3: boolean;
  /** Producers reset the awake flag with test-and-set, so only the first wakes (interleaving 2). */
  tas: boolean;
  /** After a successful C.3 the consumer test-and-sets its flag and absorbs a wake-up it got (interleaving 3). */
  absorb: boolean;
  /** Queue capacity in messages. */
  capacity: number;
}

export interface RaceCounters {
  wakeupBeforeSleep: Counter;
  extraWakeups: Counter;
  wakeupWithoutSleep: Counter;
  c3Saves: Counter;
  sleptWithWork: Counter;
}

/**
 * One delay loop: `pollIterations` polls of the watched queue, ending early when it fills. Run by
 * the engine in its process's place (InPlace), as the loop
 *   for (i = 0; i < n; ) { k = startRepeated(...); hold; if (afterRepeated) preempt; i += k; if (filled) break; }
 * would run; it returns true to the process when a preemption is due and false when it is done.
 */
class DelayLoop extends InPlace<boolean> {
  private i = 0;
  private k = 0;
  private holding = false;
  private readonly start: number;
  private readonly unix: Unix;

  constructor(
    private readonly ipc: UserIpc,
    private readonly t: Task,
    private readonly watch: Endpoint | null,
    private readonly s: Step,
  ) {
    super();
    this.unix = ipc.unix;
    this.start = this.unix.sys.sim.now;
  }

  resume(): Op | Done {
    const unix = this.unix;
    const t = this.t;
    if (this.holding) {
      this.holding = false;
      if (this.after()) return DONE;
    }
    for (;;) {
      // Iterations run in one hold while nothing else can happen; only another process can fill
      // the queue, so when it is already full the next check ends the loop after one iteration.
      const full = this.watch !== null && this.watch.q.size > 0;
      this.k = unix.startRepeated(t, this.s, t.role, full ? 1 : this.ipc.pollIterations - this.i);
      if (unix.repeatHold !== HELD) {
        this.holding = true;
        return unix.repeatHold;
      }
      if (this.after()) return DONE;
    }
  }

  /** After an iteration's hold: stop for a preemption (result true) or at the loop's end (false). */
  private after(): boolean {
    if (this.unix.afterRepeated(this.t, this.k)) {
      this.result = true;
      return true;
    }
    this.result = false;
    return this.advance();
  }

  /** Count the iterations just run; whether the loop is over (the queue filled, or all ran). */
  advance(): boolean {
    this.i += this.k;
    if (this.watch && this.watch.q.size > 0) return true;
    if (this.i < this.ipc.pollIterations) return false;
    this.ipc.fullLoop(this.start);
    return true;
  }
}

export class UserIpc {
  readonly srv: Endpoint;
  readonly clnt: Endpoint[];
  readonly races: RaceCounters;
  /** Iterations of one delay loop (§5: 25 µs of polls). */
  readonly pollIterations: number;
  private readonly fullLoops: Counter;
  private readonly fullUs: Counter;

  constructor(
    readonly unix: Unix,
    clients: number,
    readonly o: UserIpcOptions,
  ) {
    this.srv = new Endpoint(unix, 'Q[srv]', o.capacity, 'server');
    this.clnt = Array.from({ length: clients }, (_, i) => new Endpoint(unix, `Q[clnt ${i}]`, o.capacity, 'client'));
    const c = (n: string, d: string) => unix.sys.stats.counter(`races.${n}`, 'events', d);
    this.races = {
      wakeupBeforeSleep: c('wakeupBeforeSleep', 'Figure 4 interleaving 1: the wake-up came between C.2 and C.4, so the P did not sleep'),
      extraWakeups: c('extraWakeups', 'Figure 4 interleavings 2/3: a V found a wake-up already pending (semaphore > 0)'),
      wakeupWithoutSleep: c('wakeupWithoutSleep', 'Figure 4 interleaving 3: C.3 found work but a producer had already woken the consumer; absorbed by P'),
      c3Saves: c('c3Saves', 'Figure 4 interleaving 4: C.3 found a message that arrived after C.1 (without C.3 its wake-up is lost)'),
      sleptWithWork: c('sleptWithWork', 'without C.3: the consumer called P with a message already in its queue (its wake-up may be lost)'),
    };
    this.fullLoops = unix.sys.stats.counter('poll.fullLoops', 'loops', 'multiprocessor delay loops that ran their whole length (the queue stayed empty)');
    this.fullUs = unix.sys.stats.counter('poll.fullUs', 'us', 'time spent in delay loops that ran their whole length');
    const m = unix.sys.machine;
    this.tas = m.bus.tasCycles;
    this.pollIterations = Math.max(1, Math.round((o.pollUs * m.clockMHz) / Math.max(1, unix.paths.hitCycles('poll'))));
  }

  /**
   * busy_wait(): on a uniprocessor a yield (§2.1), on a multiprocessor a delay loop that stops early
   * when `watch` fills. It returns the one it chooses, rather than being a generator around it (a
   * generator less on every wait).
   */
  busyWait(t: Task, watch: Endpoint | null, handoffTo: Task | null): Body<unknown> {
    if (this.o.busyWait === 'yield') return this.unix.sysYield(t);
    if (this.o.busyWait === 'handoff') return this.unix.handoff(t, handoffTo);
    return this.delay(t, watch);
  }

  /** poll_queue(): yield on a uniprocessor, on a multiprocessor a delay loop calling empty() each iteration (§4.2, §5). */
  pollQueue(t: Task, ep: Endpoint, handoffTo: Task | null): Body<unknown> {
    return this.busyWait(t, ep, handoffTo);
  }

  private *delay(t: Task, watch: Endpoint | null): Body<void> {
    const s = this.unix.paths.userStep('poll', 'poll', t, watch ?? this.srv.q);
    const loop = new DelayLoop(this, t, watch, s);
    // The loop runs in this process's place; it comes back here only for a preemption.
    while (yield loop) {
      yield* this.unix.preempt(t);
      if (loop.advance()) return;
    }
  }

  /** A delay loop ran its whole length (the queue stayed empty): count it and its time. */
  fullLoop(start: number): void {
    this.fullLoops.add();
    this.fullUs.add(this.unix.sys.us(this.unix.sys.sim.now - start));
  }

  /**
   * The step of Q->awake = 0 (C.2), run now: the caller holds the result unless it is HELD, then
   * stores the flag. Plain functions, not generators: they run on every sleep.
   */
  clearAwakeStep(t: Task, ep: Endpoint): number {
    // The dequeue's return, the test of its result and the store: the window of interleaving 4.
    return this.unix.stepNow(t, this.unix.paths.userStep('awake = 0', 'flagStore', t, ep.q, 4, ep.sites.clear), t.role);
  }

  /** The step of Q->awake = 1 (C.5), run now (as clearAwakeStep). */
  setAwakeStep(t: Task, ep: Endpoint): number {
    return this.unix.stepNow(t, this.unix.paths.userStep('awake = 1', 'flagStore', t, ep.q, 0, ep.sites.set), t.role);
  }

  /**
   * tas(&Q->awake) without a generator (it runs on every message): hold tasCycles() first, then
   * tasFlag returns the old value and leaves the flag 1:
   *   if ((h = sys.hold(ipc.tasCycles())) !== HELD) yield h; old = ipc.tasFlag(ep);
   */
  tasCycles(): number {
    return this.tas;
  }
  /** The machine's bus.tasCycles, read once (machine descriptions differ in shape). */
  private readonly tas: number;

  tasFlag(ep: Endpoint): number {
    const old = ep.awake;
    ep.awake = 1;
    return old;
  }

  /** P.2-P.3: wake the consumer of ep if it may be asleep (`if (!tas(&Q->awake)) V(Q)`); returns whether it did. */
  *wake(t: Task, ep: Endpoint): Body<boolean> {
    let asleep: boolean;
    let h: number;
    if (this.o.tas) {
      if ((h = this.unix.sys.hold(this.tasCycles())) !== HELD) yield h;
      asleep = this.tasFlag(ep) === 0;
    } else {
      // Test, then set: two producers can both see the flag clear (interleaving 2).
      if ((h = this.unix.stepNow(t, this.unix.paths.userStep('test awake', 'flagLoad', t, ep.q, 0, ep.sites.test), t.role)) !== HELD) yield h;
      asleep = ep.awake === 0;
      if (asleep) {
        if ((h = this.setAwakeStep(t, ep)) !== HELD) yield h;
        ep.awake = 1;
      }
    }
    if (!asleep) return false;
    if (ep.sem.count > 0) this.races.extraWakeups.add();
    yield* ep.sem.V(t);
    return true;
  }

  /**
   * C.2-C.5 around one queue after a failed dequeue (the body of the protocols' wait loops).
   * Returns the message if C.3 found one, or undefined after sleeping (the caller loops to C.1).
   */
  *sleepStep(t: Task, ep: Endpoint): Body<Msg | undefined> {
    let h: number;
    if ((h = this.clearAwakeStep(t, ep)) !== HELD) yield h;
    ep.awake = 0;
    if (this.o.c3) {
      const m = yield* ep.q.dequeue(t);
      if (m !== undefined) {
        this.races.c3Saves.add();
        if (this.o.absorb) {
          if ((h = this.unix.sys.hold(this.tasCycles())) !== HELD) yield h;
          if (this.tasFlag(ep) === 1) {
            this.races.wakeupWithoutSleep.add();
            yield* ep.sem.P(t);
          }
        }
        return m;
      }
    }
    if (!this.o.c3 && ep.q.size > 0) this.races.sleptWithWork.add();
    const slept = yield* ep.sem.P(t);
    if (!slept) this.races.wakeupBeforeSleep.add();
    if ((h = this.setAwakeStep(t, ep)) !== HELD) yield h;
    ep.awake = 1;
    return undefined;
  }

  /** while (!enqueue(Q, msg)) sleep(1); */
  *enqueueOrSleep(t: Task, ep: Endpoint, m: Msg): Body<void> {
    while (!(yield* ep.q.enqueue(t, m))) yield* this.unix.sleep(t, 1e6);
  }
}
