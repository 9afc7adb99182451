// A simulated activity: a generator that yields operations. A process is itself a Waitable, so
// yielding a process joins it (as in SimPy, where a process is an event).

import type { Body, ProcessLike, Routine, Waitable } from './types.js';

export class Process implements Waitable, ProcessLike {
  /** The value handed to the generator at its next resumption. */
  value: unknown = undefined;
  /** What the process is blocked on, or null when it is runnable or holding. */
  waitingOn: Waitable | null = null;
  /** The routine running in the generator's place, if any (see Routine). */
  routine: Routine | null = null;
  done = false;
  result: unknown = undefined;
  private joiners: ProcessLike[] | null = null;

  constructor(
    readonly gen: Body,
    readonly name: string,
    /** A daemon (a server loop, an idle loop) may still wait when the run ends without a stall. */
    readonly daemon: boolean,
    readonly id: number,
  ) {}

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

  /** Called by the engine when the generator returns; the joiners to wake. */
  finish(result: unknown): ProcessLike[] {
    this.done = true;
    this.result = result;
    const j = this.joiners ?? [];
    this.joiners = null;
    return j;
  }
}
