// A simulated activity: a generator that yields operations, or a routine (a hand-written state
// machine) that returns them. A process is itself a Waitable, so yielding a process joins it (as in
// SimPy, where a process is an event).

import type { Simulation } from './simulation.js';
import type { Body, InPlace, ProcessLike, Routine, Spawner, Waitable } from './types.js';

export class Process implements Waitable, Spawner {
  /** The value handed to the body at its next resumption. */
  value: unknown = undefined;
  /** What the process is blocked on, or null when it is runnable or holding. */
  waitingOn: Waitable | null = null;
  done = false;
  result: unknown = undefined;
  private joiners: ProcessLike[] | null = null;
  /** The body when it is a generator, else null. */
  readonly gen: Body | null;
  /**
   * The generator's next method, read once: models have many generator functions, each with its
   * own prototype, so reading it at every step is a megamorphic lookup (about 5% of a step).
   */
  readonly next: Body['next'] | null;
  /** The body when it is a routine, else null. */
  readonly routine: Routine | null;
  /** A routine the generator yielded to run in its place, until it is done (types.ts InPlace). */
  inPlace: InPlace | null = null;

  constructor(
    body: Body | Routine,
    readonly name: string,
    /** A daemon (a server loop, an idle loop) may still wait when the run ends without a stall. */
    readonly daemon: boolean,
    readonly id: number,
    /** The simulation the process runs in (where a Spawn it yields starts the child). */
    readonly sim: Simulation,
  ) {
    const isRoutine = typeof (body as Partial<Routine>).resume === 'function';
    this.gen = isRoutine ? null : (body as Body);
    this.routine = isRoutine ? (body as Routine) : null;
    this.next = isRoutine ? null : (body as Body).next;
  }

  get label(): string {
    return `process ${this.name} (join)`;
  }

  subscribe(p: ProcessLike): boolean {
    if (this.done) {
      p.value = this.result;
      return true;
    }
    (this.joiners ??= []).push(p);
    return false;
  }

  unsubscribe(p: ProcessLike): void {
    if (this.joiners) this.joiners = this.joiners.filter((j) => j !== p);
  }

  /** Called by the engine when the body ends; the joiners to wake. */
  finish(result: unknown): ProcessLike[] {
    this.done = true;
    this.result = result;
    const j = this.joiners ?? [];
    this.joiners = null;
    return j;
  }
}
