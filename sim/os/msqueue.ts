// The Michael and Scott two-lock concurrent queue (PODC 1996) in memory shared between client and
// server (sleep/wake-up paper §2.2): a head lock for dequeuers and a tail lock for enqueuers, so a
// producer and a consumer never contend. Bounded (a full queue makes the producer sleep, §3).
// Costs: the platform's user code for enqueue/dequeue (the Unix model's user paths, with references
// to the queue's shared page), plus the real test-and-set on the lock; `empty` reads the head
// without locking (§4.2).

import type { Body } from '../engine/index.js';
import { TasLock, type Step } from '../hw/index.js';
import type { Counter } from '../stats/index.js';
import { HELD } from './system.js';
import type { Task, Unix } from './unix.js';

export class TwoLockQueue<T> {
  private readonly items: T[] = [];
  private readonly headLock: TasLock;
  private readonly tailLock: TasLock;
  private readonly dequeues: Counter;
  private readonly empties: Counter;
  private readonly overlaps: Counter;
  private readonly depth: Counter;
  /** The operations' steps by task (UnixPaths.userStep's sites). */
  private readonly sites = { enqueue: [] as Step[], dequeue: [] as Step[], empty: [] as Step[] };

  constructor(
    private readonly unix: Unix,
    readonly name: string,
    readonly capacity: number,
    /** Breakdown side the user-level queue work is charged to. */
    private readonly side: string,
  ) {
    this.headLock = new TasLock(unix.sys.sim, `${name} head lock`, unix.sys.machine);
    this.tailLock = new TasLock(unix.sys.sim, `${name} tail lock`, unix.sys.machine);
    const st = unix.sys.stats;
    this.dequeues = st.counter(`queue.${side}.dequeues`, 'calls', `dequeue attempts on ${side} queues`);
    this.empties = st.counter(`queue.${side}.empty`, 'calls', `dequeue attempts that found a ${side} queue empty`);
    this.overlaps = st.counter('queue.overlaps', 'events', 'an enqueue and a dequeue of one queue in progress at once (possible only with two locks)');
    this.depth = st.counter(`queue.${side}.maxDepth`, 'messages', `most messages ever in one ${side} queue (a maximum, not a sum)`);
  }

  get size(): number {
    return this.items.length;
  }

  /** Returns false when the queue is full. */
  *enqueue(t: Task, x: T): Body<boolean> {
    let h: number;
    if ((h = this.unix.sys.hold(this.tailLock.tas())) !== HELD) yield h;
    yield this.tailLock.tested();
    if (this.headLock.held) this.overlaps.add();
    if ((h = this.unix.stepNow(t, this.unix.paths.userStep('enqueue', 'enqueue', t, this, 0, this.sites.enqueue), this.side)) !== HELD) yield h;
    const ok = this.items.length < this.capacity;
    if (ok) this.items.push(x);
    if (this.items.length > this.depth.value) this.depth.value = this.items.length;
    this.tailLock.release();
    // Preemption only outside the critical section: a holder preempted on a uniprocessor would
    // leave the next locker spinning for a whole quantum, which the measured costs do not include.
    if (this.unix.preemptDue(t)) yield* this.unix.preempt(t);
    return ok;
  }

  /** Returns undefined when the queue is empty. */
  *dequeue(t: Task): Body<T | undefined> {
    let h: number;
    if ((h = this.unix.sys.hold(this.headLock.tas())) !== HELD) yield h;
    yield this.headLock.tested();
    if (this.tailLock.held) this.overlaps.add();
    this.dequeues.add();
    // The head's next pointer is read at the start of the critical section: a node linked in
    // while the dequeue runs is not seen by it.
    const present = this.items.length > 0;
    if ((h = this.unix.stepNow(t, this.unix.paths.userStep('dequeue', 'dequeue', t, this, 0, this.sites.dequeue), this.side)) !== HELD) yield h;
    const x = present ? this.items.shift() : undefined;
    if (x === undefined) this.empties.add();
    this.headLock.release();
    if (this.unix.preemptDue(t)) yield* this.unix.preempt(t);
    return x;
  }

  /** The unlocked emptiness test on the head. */
  *empty(t: Task): Body<boolean> {
    const empty = this.items.length === 0;
    let h: number;
    if ((h = this.unix.stepNow(t, this.unix.paths.userStep('empty', 'empty', t, this, 0, this.sites.empty), this.side)) !== HELD) yield h;
    if (this.unix.preemptDue(t)) yield* this.unix.preempt(t);
    return empty;
  }
}
