// The operations a simulated process may yield, and the contract of anything it can wait on.
// Time is an integer count of machine clock cycles; the engine never sees hardware.

export type Cycles = number;

/** Something a process can wait on: a resource, a signal, another process (join). */
export interface Waitable {
  /** Shown in stall reports: what the blocked process waits on. */
  readonly label: string;
  /**
   * Offer the waitable to process p. Return true when it is satisfied at once (the value for the
   * yield is left in p.value); otherwise remember p and later call sim.wake(p, value).
   */
  subscribe(p: ProcessLike): boolean;
  /** Forget p (used when a waiting process is killed). */
  unsubscribe?(p: ProcessLike): void;
}

export interface ProcessLike {
  readonly name: string;
  value: unknown;
}

/** What Spawn needs of the process that yields it: the simulation to start the child in. */
export interface Spawner extends ProcessLike {
  readonly sim: { spawn(body: Body | Routine, name: string, daemon: boolean): ProcessLike };
}

/**
 * Start a child process; the yield returns the child's Process. A Spawn is a waitable satisfied at
 * once (subscribing starts the child), so the engine tells a hold from a wait and nothing else:
 * telling a Spawn from the waitables by its class (instanceof) cost several per cent of a step.
 */
export class Spawn implements Waitable {
  constructor(
    readonly body: Body | Routine,
    readonly name: string,
    readonly daemon = false,
  ) {}

  get label(): string {
    return `spawn of ${this.name}`;
  }

  subscribe(p: ProcessLike): boolean {
    p.value = (p as Spawner).sim.spawn(this.body, this.name, this.daemon);
    return true;
  }
}

/**
 * What a process yields:
 * - a number n >= 0: hold for n cycles (work when the process holds a processor, sleep otherwise);
 * - a Waitable: wait on it (a Process is a Waitable, so yielding one joins it);
 * - a Spawn: start a child process and continue at once with its handle (a Spawn is a Waitable).
 */
export type Op = number | Waitable | Spawn;

export type Body<R = unknown> = Generator<Op, R, any>;

/** What a routine's resume returns once its body has finished (its result is then read from it). */
export const DONE: unique symbol = Symbol('done');
export type Done = typeof DONE;

/**
 * A process body written by hand as a state machine instead of a generator, for models whose
 * sweeps need speed: a generator's resumption costs an iterator-result object and the restore of
 * its frame each time, which alone is more than a bare event loop spends per event. The engine
 * steps a routine exactly as it steps a generator: resume(value) plays next(value), where value is
 * what the previous op produced (undefined after a hold and at the first resume, the waitable's
 * value after a wait, the child's Process after a Spawn); it returns the next Op, or DONE when the
 * body has finished, after which result is what joiners receive (a generator's return value).
 * Ordering, joins, stall reports and daemon semantics are those of a generator. The engine takes
 * any body with a resume method for a routine. Write a generator unless speed matters; e.g. a
 * process that takes a lock, holds it 10 cycles and releases it:
 *
 *   class Critical implements Routine {
 *     private state = 0;
 *     constructor(private readonly lock: Lock) {}
 *     resume(): Op | Done {
 *       switch (this.state++) {
 *         case 0: return this.lock; // yield lock
 *         case 1: return 10; //        yield 10
 *         default: this.lock.release(); return DONE;
 *       }
 *     }
 *   }
 */
export interface Routine<R = unknown> {
  resume(value: unknown): Op | Done;
  readonly result?: R;
}

/**
 * A routine a generator runs in its own place (a delay loop's polls): `const r = yield loop`. The
 * engine then steps the routine directly, so each of its holds does not resume the chain of
 * generators that called it, and continues the generator with the routine's result when it
 * returns DONE. It yields exactly the holds and waits the same loop written as a generator would
 * (the same events in the same order). A routine in place may not yield another.
 */
export abstract class InPlace<R = unknown> implements Routine<R>, Waitable {
  result?: R;
  abstract resume(value: unknown): Op | Done;

  get label(): string {
    return 'a routine run in place';
  }

  /** Yielding it enters it: the process runs it until it is DONE (see Simulation.stepInPlace). */
  subscribe(p: ProcessLike): boolean {
    const host = p as ProcessLike & { inPlace: InPlace | null };
    if (host.inPlace !== null) throw new Error(`process ${p.name}: a routine in place yielded another`);
    host.inPlace = this;
    p.value = undefined;
    return true;
  }
}
