// The Unix run queue (sleep/wake-up paper §2.2, §6) on the wait-queue template: runnable
// processes wait for a processor. A processor is granted only when one is offered (its process
// yields, blocks, is preempted or exits, or it idles), and the scheduling policy, not the order of
// arrival, chooses which waiter gets it; the policy may also let the offering process keep it.

import { WaitQueue } from '../engine/index.js';
import type { Processor } from '../hw/index.js';
import type { Reason, SchedPolicy, SchedTask } from './sched/index.js';

/** A processor on offer: who gives it up (null when it idles or its process blocked), why, and a handoff hint. */
interface Offer<T> {
  cpu: Processor;
  cur: T | null;
  why: Reason;
  /** handoff(pid): the process named (or 'any' for PID_ANY); null for every other offer. */
  hint: T | 'any' | null;
}

export class RunQueue<T extends SchedTask> extends WaitQueue<T> {
  /** The offer being made, or null; one object reused for every offer (one is made on every switch). */
  private offer: Offer<T> | null = null;
  private readonly current: Offer<T> = { cpu: null as unknown as Processor, cur: null, why: 'idle', hint: null };

  constructor(
    private readonly policy: SchedPolicy,
    /** Give cpu to t (taken off the queue just after). */
    private readonly dispatch: (cpu: Processor, t: T) => void,
  ) {
    super();
  }

  /** t is runnable and waits for a processor (one is granted only when offered). */
  add(t: T): void {
    if (this.enqueue(t)) throw new Error(`${t.name} got a processor nobody offered`);
  }

  /** The runnable processes in the order they became runnable. */
  list(): readonly T[] {
    return this.waiting();
  }

  /** Offer cpu: the process the policy chooses is dispatched on it and returned; null when the policy keeps cur running or nobody is runnable. */
  give(cpu: Processor, cur: T | null, why: Reason, hint: T | 'any' | null = null): T | null {
    const o = this.current;
    o.cpu = cpu;
    o.cur = cur;
    o.why = why;
    o.hint = hint;
    this.offer = o;
    try {
      return this.nextGranted() ?? null;
    } finally {
      this.offer = null;
    }
  }

  protected override choose(): T | undefined {
    const o = this.offer;
    if (o === null) return undefined;
    const ready = this.waiting();
    const p = this.policy;
    const next = (o.hint !== null && p.handoff ? p.handoff(o.cur!, o.hint === 'any' ? null : o.hint, ready) : p.choose(o.cur, ready, o.why)) as T | null;
    if (next === null || next === o.cur) return undefined;
    if (!this.holds(next)) throw new Error(`${next.name} dispatched but not runnable`);
    return next;
  }

  protected grant(t: T): boolean {
    if (this.offer === null) return false;
    this.dispatch(this.offer.cpu, t);
    return true;
  }
}
