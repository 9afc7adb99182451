// One template for everything that queues waiters: semaphores, locks, stores (message queues,
// free processors) of the engine's processes, and the OS models' queues of user-level threads
// and Unix tasks (FastThreads's mutex and condition, System V semaphores and message queues).
// Following SimPy's BaseResource, a subclass says only how a request is granted (grant); the
// template keeps the FIFO of waiters and hands out the ones the state now allows, in order. A
// queue whose waiters are not served first come first served (a run queue, whose scheduling
// policy picks the process that gets a processor) also says which waiter is offered the grant
// (choose). The engine's Resource wakes its processes itself and explains them in stall reports;
// an OS queue wakes its threads through its scheduler, which charges the work a wake-up takes.

import { Ring } from './ring.js';
import type { Simulation } from './simulation.js';
import type { ProcessLike, Waitable } from './types.js';

export abstract class WaitQueue<W> {
  private readonly waiters = new Ring<W>();
  /** waiting()'s array, kept until the waiters change (a run queue is read on every offer). */
  private snapshot: readonly W[] | null = null;

  /** Waiters queued now. */
  get queued(): number {
    return this.waiters.size;
  }

  /** Grant w at once when nobody waits before it and the state allows; otherwise queue it. Whether it was granted. */
  protected enqueue(w: W): boolean {
    if (this.waiters.empty && this.grant(w)) return true;
    this.waiters.push(w);
    this.snapshot = null;
    return false;
  }

  /** The chosen waiter (the first, unless choose says otherwise), granted and dequeued, when the state now allows it; otherwise undefined. */
  protected nextGranted(): W | undefined {
    const w = this.choose();
    if (w === undefined || !this.grant(w)) return undefined;
    if (w === this.waiters.peek()) this.waiters.shift();
    else if (!this.waiters.remove(w)) throw new Error('a wait queue granted a waiter it does not hold');
    this.snapshot = null;
    return w;
  }

  protected withdraw(w: W): void {
    if (this.waiters.remove(w)) this.snapshot = null;
  }

  /** Whether w waits here now. */
  protected holds(w: W): boolean {
    return this.waiters.includes(w);
  }

  /** The waiters in the order they came (for a policy that chooses among them; not to be changed). */
  protected waiting(): readonly W[] {
    return (this.snapshot ??= this.waiters.toArray());
  }

  /** The waiter offered the grant next: the first to come, unless a subclass's policy chooses another (undefined: none). */
  protected choose(): W | undefined {
    return this.waiters.empty ? undefined : this.waiters.peek();
  }

  /** Grant w now if the state allows, updating the state; false leaves the state as it was. */
  protected abstract grant(w: W): boolean;
}

export abstract class Resource extends WaitQueue<ProcessLike> implements Waitable {
  constructor(
    protected readonly sim: Simulation,
    readonly name: string,
  ) {
    super();
  }

  get label(): string {
    return `${this.kind} ${this.name} (${this.describeState()})`;
  }

  subscribe(p: ProcessLike): boolean {
    return this.enqueue(p);
  }

  unsubscribe(p: ProcessLike): void {
    this.withdraw(p);
  }

  /** Wake waiting processes in FIFO order while the state allows (each grant leaves the yield's value in p.value). */
  protected dispatch(): void {
    // Nobody waiting (the common case of a put or a release): nothing for choose to offer.
    while (this.queued > 0) {
      const p = this.nextGranted();
      if (p === undefined) return;
      this.sim.wake(p, p.value);
    }
  }
  protected abstract get kind(): string;
  protected abstract describeState(): string;
}

/** A counting semaphore: yield it to P (wait), call signal() to V. */
export class Semaphore extends Resource {
  constructor(
    sim: Simulation,
    name: string,
    public count = 0,
  ) {
    super(sim, name);
  }
  protected get kind() {
    return 'semaphore';
  }
  protected describeState() {
    return `count ${this.count}, ${this.queued} waiting`;
  }
  protected grant(p: ProcessLike): boolean {
    if (this.count <= 0) return false;
    this.count--;
    p.value = undefined;
    return true;
  }
  signal(): void {
    this.count++;
    this.dispatch();
  }
}

/** A blocking mutual-exclusion lock with a holder: yield it to acquire, call release(). */
export class Lock extends Resource {
  holder: ProcessLike | null = null;
  protected get kind() {
    return 'lock';
  }
  protected describeState() {
    return this.holder ? `held by ${this.holder.name}, ${this.queued} waiting` : 'free';
  }
  protected grant(p: ProcessLike): boolean {
    if (this.holder !== null) return false;
    this.holder = p;
    p.value = undefined;
    return true;
  }
  /** Non-blocking attempt, as a test-and-set that fails when the lock is held. */
  tryAcquire(p: ProcessLike): boolean {
    return this.queued === 0 && this.grant(p);
  }
  release(): void {
    if (this.holder === null) throw new Error(`lock ${this.name} released while free`);
    this.holder = null;
    this.dispatch();
  }
}

/** A FIFO store of items (a message queue, a pool of free processors): yield it to get an item. */
export class Store<T> extends Resource {
  private items = new Ring<T>();
  constructor(
    sim: Simulation,
    name: string,
    initial: Iterable<T> = [],
    readonly capacity = Infinity,
  ) {
    super(sim, name);
    for (const x of initial) this.items.push(x);
  }
  protected get kind() {
    return 'store';
  }
  protected describeState() {
    return `${this.size} item(s), ${this.queued} waiting`;
  }
  get size(): number {
    return this.items.size;
  }
  protected grant(p: ProcessLike): boolean {
    if (this.items.empty) return false;
    p.value = this.items.shift();
    return true;
  }
  /** Add an item; returns false (and drops nothing) when the store is full. */
  put(x: T): boolean {
    if (this.size >= this.capacity) return false;
    this.items.push(x);
    this.dispatch();
    return true;
  }
  /** Take an item without waiting, or undefined. */
  poll(): T | undefined {
    const holder = { name: 'poll', value: undefined as unknown };
    return this.queued === 0 && this.grant(holder) ? (holder.value as T) : undefined;
  }
  peekAll(): readonly T[] {
    return this.items.toArray();
  }
}

/** A one-shot or repeatable signal: processes wait until fire() wakes them all with a value. */
export class Signal extends Resource {
  private fired = false;
  private payload: unknown = undefined;
  protected get kind() {
    return 'signal';
  }
  protected describeState() {
    return this.fired ? 'fired' : `${this.queued} waiting`;
  }
  protected grant(p: ProcessLike): boolean {
    if (!this.fired) return false;
    p.value = this.payload;
    return true;
  }
  fire(value?: unknown): void {
    this.fired = true;
    this.payload = value;
    this.dispatch();
  }
  /** Re-arm so that later waiters block again. */
  reset(): void {
    this.fired = false;
    this.payload = undefined;
  }
}
