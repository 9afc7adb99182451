// The interface every scheduling policy implements (sleep/wake-up paper §2.2, §4.1, §6): which
// runnable process gets a processor when the running one yields, blocks, is preempted at the end
// of its quantum, or wakes another. The process layer (unix.ts) keeps the run queue and does the
// switching; a policy only keeps its own per-process state and decides.

/** What a policy sees of a process. */
export interface SchedTask {
  readonly id: number;
  readonly name: string;
  /** Policy-private numbers (usage, priority, counter, ...). */
  readonly s: Record<string, number>;
}

export type Reason = 'yield' | 'preempt' | 'block' | 'idle';

export interface SchedPolicy {
  readonly id: string;
  /** One line: what it models and its source, shown in option help. */
  readonly describe: string;
  /** Clock tick length in microseconds (quanta and usage charging happen per tick). */
  readonly tickUs: number;
  /** Clock ticks in a full timeslice: the longest a process runs on before a tick ends its quantum. */
  readonly quantumTicks: number;
  /** A new process. */
  admit(t: SchedTask): void;
  /** t ran for `cycles` of processor time (charged exactly, at every kernel entry and switch). */
  charge(t: SchedTask, cycles: number): void;
  /** A clock tick while t runs; true asks for a reschedule (quantum expired). */
  tick(t: SchedTask): boolean;
  /** Once per second of simulated time: decay of usage for every process. */
  decay?(all: readonly SchedTask[]): void;
  /**
   * Choose who runs next. `cur` is the process giving up the processor (still runnable after a
   * yield or preemption; null when it blocked or the processor was idle); `ready` is the run queue
   * in FIFO order without cur. Returning cur means it keeps the processor.
   */
  choose(cur: SchedTask | null, ready: readonly SchedTask[], why: Reason): SchedTask | null;
  /** A blocked process became runnable by `waker`'s action: true asks to reschedule the waker's processor. */
  onWake?(woken: SchedTask, waker: SchedTask | null): boolean;
  /** handoff(pid) (§6): hint that `to` should run next; PID_SELF is yield; PID_ANY (to === null) lets any other run. */
  handoff?(cur: SchedTask, to: SchedTask | null, ready: readonly SchedTask[]): SchedTask | null;
}

/** The first of `ready` with the best (lowest) key, FIFO among equals. */
export function best(ready: readonly SchedTask[], key: (t: SchedTask) => number): SchedTask | null {
  let b: SchedTask | null = null;
  let bk = Infinity;
  for (const t of ready) {
    const k = key(t);
    if (k < bk) {
      b = t;
      bk = k;
    }
  }
  return b;
}
