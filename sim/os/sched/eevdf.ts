// Linux's fair scheduler since 6.6, EEVDF (kernel/sched/fair.c; Documentation/scheduler/
// sched-eevdf.rst), for the machine at hand, as far as a run queue of equal-weight processes
// needs it. Each process has a virtual runtime (its processor time, all weights equal) and a
// virtual deadline one slice after the point its current request began. The scheduler runs, among
// the eligible processes (virtual runtime no later than the queue's average: lag >= 0), the one
// with the earliest deadline. A process that has used its slice gets a new deadline one slice on
// (update_deadline) and is rescheduled. sched_yield pushes the caller's deadline one slice on
// (yield_task_fair) and, as sched_yield(2) documents, another runnable process runs: the one with
// the earliest deadline. A woken process keeps the
// lag it had when it went to sleep (place_entity), and preempts its waker when the scheduler would
// now pick it (check_preempt_wakeup_fair -> pick_eevdf): when it is eligible and its deadline is
// earlier than the waker's.
//
// Not modelled: weights other than nice 0, RUN_TO_PARITY's and PREEMPT_SHORT's refinements of
// the wake-up test, the lag's decay while asleep, load balancing between processors.

import type { SchedPolicy, SchedTask } from './policy.js';

export interface EevdfParams {
  /** Clock tick (CONFIG_HZ) in microseconds. */
  tickUs: number;
  /** The request size every process uses: sysctl_sched_base_slice scaled for the processors online. */
  sliceUs: number;
  clockMHz: number;
  /**
   * The fraction of wake-ups after which the woken process runs before its waker, where the host
   * measured it (its Unix model carries it); the deadline test decides otherwise.
   */
  wakePreempt?: number;
  describe: string;
}

const VR = 'vruntime';
const DL = 'deadline';
const LAG = 'lag';

export function eevdf(p: EevdfParams, all: () => readonly SchedTask[]): SchedPolicy {
  const slice = p.sliceUs * p.clockMHz;
  /** The queue's average virtual runtime over `xs` (avg_vruntime; equal weights). */
  const avg = (xs: readonly SchedTask[]) => (xs.length === 0 ? 0 : xs.reduce((a, t) => a + t.s[VR], 0) / xs.length);
  /** pick_eevdf: the earliest deadline among the eligible, the first found among equals. */
  const pick = (cands: readonly SchedTask[]): SchedTask | null => {
    const v = avg(cands);
    let b: SchedTask | null = null;
    for (const t of cands) if (t.s[VR] <= v + 1e-9 && (b === null || t.s[DL] < b.s[DL])) b = t;
    return b;
  };
  // Processes not asleep: a sleeper's lag is frozen when it blocks (a number in LAG), NaN when awake.
  const isAwake = (t: SchedTask) => Number.isNaN(t.s[LAG]);
  const awake = () => all().filter(isAwake);
  /** place_entity: a process becoming runnable keeps the lag it went to sleep with, clamped to a slice either way. */
  const place = (t: SchedTask) => {
    if (isAwake(t)) return;
    const lag = Math.max(-slice, Math.min(slice, t.s[LAG]));
    t.s[LAG] = NaN;
    t.s[VR] = avg(awake().filter((x) => x !== t)) - lag;
    t.s[DL] = t.s[VR] + slice;
  };
  /** Whether the process layer reports t asleep (Unix tasks carry their state). */
  const blocked = (t: SchedTask) => 'state' in t && (t as { state: unknown }).state === 'blocked';
  let credit = 0;
  /** The woken process a wake-up preemption was asked for, until the reschedule it asked for. */
  let preempter: SchedTask | null = null;
  return {
    id: 'eevdf',
    describe: p.describe,
    tickUs: p.tickUs,
    // A used-up request is noticed at a tick (update_deadline runs from the tick), so a slice lasts whole ticks.
    quantumTicks: Math.max(1, Math.ceil(p.sliceUs / p.tickUs)),
    admit(t) {
      const others = awake();
      t.s[VR] = avg(others);
      t.s[DL] = t.s[VR] + slice;
      t.s[LAG] = NaN;
    },
    charge(t, cycles) {
      t.s[VR] += cycles;
    },
    tick(t) {
      // update_deadline: a request used up is renewed, and the processor rescheduled.
      if (t.s[VR] < t.s[DL]) return false;
      t.s[DL] = t.s[VR] + slice;
      return true;
    },
    choose(cur, ready, why) {
      if (cur && why === 'yield') cur.s[DL] += slice;
      if (!cur && why === 'block') {
        // The process that just blocked keeps its lag against the average of those still awake.
        const sleeper = all().find((t) => isAwake(t) && blocked(t));
        if (sleeper) sleeper.s[LAG] = avg(awake().filter((t) => t !== sleeper)) - sleeper.s[VR];
      }
      for (const t of ready) place(t);
      // The wake-up that asked for this reschedule runs its woken process (resched_curr after the test).
      if (why === 'preempt' && preempter !== null && ready.includes(preempter)) {
        const w = preempter;
        preempter = null;
        return w;
      }
      // sched_yield(2): "the thread is moved to the end of the queue for its static priority and a
      // new thread gets to run": another runnable process, the earliest deadline among them.
      const next = cur && why === 'yield' && ready.length > 0 ? ready.reduce((b, t) => (t.s[DL] < b.s[DL] ? t : b)) : pick(cur ? [...ready, cur] : ready);
      // A woken process that preempted nobody (another processor took it) asks for nothing more.
      if (next === preempter) preempter = null;
      return next;
    },
    onWake(woken, waker) {
      place(woken);
      if (waker === null) return false;
      if (p.wakePreempt !== undefined) {
        // The measured fraction, spread evenly over the wake-ups (a deterministic accumulator).
        credit += p.wakePreempt;
        if (credit < 1) return false;
        credit -= 1;
        preempter = woken;
        return true;
      }
      // check_preempt_wakeup_fair: preempt when the woken one is eligible and its deadline is earlier.
      if (woken.s[VR] <= avg(awake()) + 1e-9 && woken.s[DL] < waker.s[DL]) preempter = woken;
      return preempter === woken;
    },
  };
}
