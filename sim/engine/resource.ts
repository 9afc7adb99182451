// One resource template for everything a process can queue on: semaphores, locks, stores
// (message queues, free processors). Following SimPy's Resource/Store, a subclass says only how
// a request is granted (take) and when state changes it calls dispatch(); the template keeps the
// FIFO of waiters, wakes them in order and explains them in stall reports.

import { Ring } from './ring.js';
import type { Simulation } from './simulation.js';
import type { ProcessLike, Waitable } from './types.js';

export abstract class Resource implements Waitable {
  private waiters = new Ring<ProcessLike>();

  constructor(
    protected readonly sim: Simulation,
    readonly name: string,
  ) {}

  get label(): string {
    return `${this.kind} ${this.name} (${this.describeState()})`;
  }

  /** Processes waiting now. */
  get queued(): number {
    return this.waiters.size;
  }

  subscribe(p: ProcessLike): boolean {
    if (this.waiters.empty && this.take(p)) return true;
    this.waiters.push(p);
    return false;
  }

  unsubscribe(p: ProcessLike): void {
    this.waiters.remove(p);
  }

  /** Grant waiting processes in FIFO order while the state allows. */
  protected dispatch(): void {
    while (!this.waiters.empty) {
      const p = this.waiters.peek();
      if (!this.take(p)) break;
      this.waiters.shift();
      this.sim.wake(p, p.value);
    }
  }

  /** Grant p now if the state allows (leaving the yield's value in p.value) and update the state. */
  protected abstract take(p: ProcessLike): boolean;
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
  protected take(p: ProcessLike): boolean {
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
  protected take(p: ProcessLike): boolean {
    if (this.holder !== null) return false;
    this.holder = p;
    p.value = undefined;
    return true;
  }
  /** Non-blocking attempt, as a test-and-set that fails when the lock is held. */
  tryAcquire(p: ProcessLike): boolean {
    return this.queued === 0 && this.take(p);
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
  protected take(p: ProcessLike): boolean {
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
    return this.queued === 0 && this.take(holder) ? (holder.value as T) : undefined;
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
  protected take(p: ProcessLike): boolean {
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
