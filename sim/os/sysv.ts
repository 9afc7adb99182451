// System V IPC as the sleep/wake-up paper uses it (§2.2, §3.1): counting semaphores (semop P and
// V, the protocols' sleep and wake-up) and message queues (msgsnd/msgrcv, the kernel-mediated
// baseline). Each call is the Unix model's path for it (unix-models/). A V readies a sleeper
// but does not by itself reschedule ("the V operation that wakes up the consumer does not force
// a rescheduling decision", §3.1); the scheduling policy decides.

import { WaitQueue, type Body } from '../engine/index.js';
import type { Step } from '../hw/index.js';
import type { Counter } from '../stats/index.js';
import { HELD } from './system.js';
import type { Task, Unix } from './unix.js';

/** SEMVMX, the largest value a System V semaphore may hold (SVR4 <sys/sem.h>). */
export const SEMVMX = 32767;

export class SemaphoreOverflow extends Error {}

/** A counting semaphore of Unix tasks: P is granted while the count is positive. */
export class SysVSemaphore extends WaitQueue<Task> {
  count = 0;
  /** Highest count reached (wake-ups left pending). */
  highWater = 0;
  /** P's and V's steps by task (UnixPaths.kernelCall's sites). */
  private readonly sites = { P: [] as Step[], V: [] as Step[] };
  /** The system's sem.highWater counter, once a wake-up has been left pending. */
  private pending: Counter | null = null;

  constructor(
    private readonly unix: Unix,
    readonly name: string,
  ) {
    super();
  }

  protected grant(): boolean {
    if (this.count <= 0) return false;
    this.count--;
    return true;
  }

  /** P (semop -1): returns whether the caller had to sleep. */
  *P(t: Task): Body<boolean> {
    this.unix.count('P');
    let h: number;
    // Unix.run without its generator (a semop runs on every message): the step, then the preemption point.
    if ((h = this.unix.stepNow(t, this.unix.paths.kernelCall('semop P', 'semop', t, this, this.sites.P), this.unix.side)) !== HELD) yield h;
    if (this.unix.preemptDue(t)) yield* this.unix.preempt(t);
    if (this.enqueue(t)) return false;
    return yield* this.unix.block(t, 'P', this.name);
  }

  /** V (semop +1): hands the unit straight to a sleeper if there is one. */
  *V(t: Task): Body<void> {
    this.unix.count('V');
    // The unit goes straight to a sleeper if there is one.
    this.count++;
    const w = this.nextGranted();
    if (w) this.unix.wakeup(w, t);
    else {
      if (this.count > SEMVMX) throw new SemaphoreOverflow(`semaphore ${this.name} overflowed SEMVMX (${SEMVMX}): wake-ups accumulated`);
      this.highWater = Math.max(this.highWater, this.count);
      // Made the first time a wake-up is left pending (a run where none is has no such row).
      const hw = (this.pending ??= this.unix.sys.stats.counter('sem.highWater', 'wake-ups', 'most wake-ups ever pending on one semaphore (a maximum, not a sum)'));
      if (this.count > hw.value) hw.value = this.count;
    }
    let h: number;
    if ((h = this.unix.stepNow(t, this.unix.paths.kernelCall('semop V', 'semop', t, this, this.sites.V), this.unix.side)) !== HELD) yield h;
    if (this.unix.preemptDue(t)) yield* this.unix.preempt(t);
  }
}

/** A receiver waiting in msgrcv, and the message it is granted. */
interface Receiver<T> {
  task: Task;
  msg?: T;
}

/** A System V message queue of fixed-size messages: a receive is granted the oldest message. */
export class SysVMsgQueue<T> extends WaitQueue<Receiver<T>> {
  private readonly msgs: T[] = [];
  private readonly blocked: Counter;

  constructor(
    private readonly unix: Unix,
    readonly name: string,
  ) {
    super();
    this.blocked = unix.sys.stats.counter('msgrcv.blocked', 'calls', 'msgrcv calls that found the queue empty and slept');
  }

  protected grant(r: Receiver<T>): boolean {
    if (this.msgs.length === 0) return false;
    r.msg = this.msgs.shift();
    return true;
  }

  *msgsnd(t: Task, m: T): Body<void> {
    let h: number;
    this.unix.count('msgsnd');
    if ((h = this.unix.sys.step(t.cpu!, this.unix.paths.kernelCall('msgsnd', 'msgsnd', t, this), this.unix.side, t.name)) !== HELD) yield h;
    this.msgs.push(m);
    const r = this.nextGranted();
    if (r) this.unix.wakeup(r.task, t);
    yield* this.unix.run(t, this.unix.stepOf('return', []), this.unix.side);
  }

  *msgrcv(t: Task): Body<T> {
    this.unix.count('msgrcv');
    yield* this.unix.run(t, this.unix.paths.kernelCall('msgrcv', 'msgrcv', t, this), this.unix.side);
    const r: Receiver<T> = { task: t };
    if (!this.enqueue(r)) {
      this.blocked.add();
      yield* this.unix.block(t, 'msgrcv', this.name);
    }
    return r.msg!;
  }
}
