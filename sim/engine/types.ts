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

/** Start a child process; the yield returns the child's Process. */
export class Spawn {
  constructor(
    readonly body: Generator<Op, unknown, unknown>,
    readonly name: string,
    readonly daemon = false,
  ) {}
}

/**
 * A loop that runs in its process's place (a delay loop's polls): yielded by a process, the engine
 * steps it directly, so each of its holds does not resume the chain of generators that called it.
 * It yields exactly the holds and waits the same loop written as a generator would (the same events
 * in the same order); when it returns null the process continues with `result`.
 */
export abstract class Routine<R = unknown> {
  result: R | undefined = undefined;
  /** The next operation, given the value of the last one (undefined at first), or null when finished. */
  abstract resume(value: unknown): Op | null;
}

/**
 * What a process yields:
 * - a number n >= 0: hold for n cycles (work when the process holds a processor, sleep otherwise);
 * - a Waitable: wait on it (a Process is a Waitable, so yielding one joins it);
 * - a Spawn: start a child process and continue at once with its handle;
 * - a Routine: run it in the process's place until it finishes, then continue with its result.
 */
export type Op = number | Waitable | Spawn | Routine;

export type Body<R = unknown> = Generator<Op, R, any>;
