// Test-and-set locks on the shared memory bus. Each attempt is one locked bus operation; a
// spinning lock keeps trying until it wins, a non-spinning lock gives up at once so the caller
// can do something else (URPC's channel locks). The waiting itself is the engine's lock queue, so
// a second acquirer is delayed by exactly the holder's critical section.

import { Lock, type Body, type Simulation } from '../engine/index.js';
import type { MachineDesc } from './machine.js';

export class TasLock {
  readonly lock: Lock;
  /** Attempts that found the lock held. */
  contended = 0;
  attempts = 0;

  constructor(
    sim: Simulation,
    readonly name: string,
    m: MachineDesc,
  ) {
    this.lock = new Lock(sim, name);
    this.tasCycles = m.bus.tasCycles;
  }
  /** m.bus.tasCycles (a field: machine descriptions differ in shape). */
  private readonly tasCycles: number;

  get held(): boolean {
    return this.lock.holder !== null;
  }

  /** Spin until acquired: one test-and-set, then wait (spinning) until the holder releases. */
  *acquire(): Body<void> {
    yield this.tas();
    yield this.tested();
  }

  /**
   * acquire without its generator, for callers on every message (a queue operation): hold tas()'s
   * cycles, then yield tested()'s lock (satisfied at once when it is free):
   *   if ((h = hold(lock.tas())) !== HELD) yield h; yield lock.tested();
   */
  tas(): number {
    this.attempts++;
    return this.tasCycles;
  }

  /** After the test-and-set's hold: count it if the lock was taken, and return the lock to wait on. */
  tested(): Lock {
    if (this.lock.holder !== null || this.lock.queued > 0) this.contended++;
    return this.lock;
  }

  /**
   * One test-and-set that does not spin: yields its bus cycles and returns whether it won.
   * `self` is the acquiring process (the engine's current process).
   */
  *tryAcquire(self: { name: string; value: unknown }): Body<boolean> {
    this.attempts++;
    yield this.tasCycles;
    const won = this.lock.tryAcquire(self);
    if (!won) this.contended++;
    return won;
  }

  release(): void {
    this.lock.release();
  }
}
