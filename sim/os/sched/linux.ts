// The Linux 1.0 scheduler (kernel/sched.c of Linux 1.0; sleep/wake-up paper §6): each process has
// a `counter` of ticks left, decremented by the clock tick of the running process; schedule()
// runs the runnable process with the largest counter (the first found among equals), and when
// every runnable counter is 0 recomputes counter = counter/2 + priority for all. wake_up() asks
// for a reschedule when the woken process has a larger counter than the running one.
//
// sched_yield: Linux 1.0 had none; the paper's "stock" call just calls schedule(), so the caller
// keeps the processor while its counter is the largest. The paper's modified call first expires
// the caller's quantum (counter = 0), which forces a switch (§6).

import type { SchedPolicy, SchedTask } from './policy.js';

/** Linux 1.0 include/linux/sched.h: HZ 100. */
const TICK_US = 10_000;
/** Linux 1.0 INIT_TASK: priority = counter = 15 ticks. */
const PRIORITY = 15;

const C = 'counter';

/**
 * The runnable process schedule() picks among `ready` and `cur` (when still runnable): it scans the
 * task array (slots in creation order, here task ids) from the last slot down and keeps the first
 * strictly larger counter, so the largest counter wins and, among equals, the last slot. Found in
 * one pass in that order, without building and sorting the slot array on every offer.
 */
function pickMax(ready: readonly SchedTask[], cur: SchedTask | null): SchedTask | null {
  // The largest (counter, slot, place in ready-then-cur): the order of the slot scan it replaces.
  let b: SchedTask | null = null;
  const better = (t: SchedTask) => b === null || t.s[C] > b.s[C] || (t.s[C] === b.s[C] && t.id >= b.id);
  for (let i = 0; i < ready.length; i++) if (better(ready[i])) b = ready[i];
  if (cur !== null && better(cur)) b = cur;
  return b;
}

export function linux10(modifiedYield: boolean, all: () => readonly SchedTask[]): SchedPolicy {
  const schedule = (ready: readonly SchedTask[], cur: SchedTask | null): SchedTask | null => {
    let b = pickMax(ready, cur);
    if (b !== null && b.s[C] <= 0) {
      for (const t of all()) t.s[C] = (t.s[C] >> 1) + t.s.priority;
      b = pickMax(ready, cur);
    }
    return b;
  };
  return {
    id: modifiedYield ? 'linux-modified' : 'linux',
    describe: modifiedYield
      ? 'Linux 1.0 with the paper\'s modified sched_yield, which expires the caller\'s quantum (§6)'
      : 'Linux 1.0 stock scheduler: sched_yield just calls schedule(), the largest counter runs (§6)',
    tickUs: TICK_US,
    // A process's counter starts at its priority and runs down one per tick: its timeslice.
    quantumTicks: PRIORITY,
    admit(t) {
      t.s[C] = PRIORITY;
      t.s.priority = PRIORITY;
    },
    charge() {},
    tick(t) {
      if (--t.s[C] <= 0) {
        t.s[C] = 0;
        return true;
      }
      return false;
    },
    choose(cur, ready, why) {
      if (cur && why === 'yield' && modifiedYield) cur.s[C] = 0;
      // cur is among the candidates when still runnable.
      return schedule(ready, cur);
    },
    onWake(woken, waker) {
      return waker !== null && woken.s[C] > waker.s[C];
    },
  };
}
