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

function pickMax(cands: readonly SchedTask[]): SchedTask | null {
  // schedule() scans the task array from the last slot down and keeps the first strictly larger counter.
  let b: SchedTask | null = null;
  for (let i = cands.length - 1; i >= 0; i--) if (b === null || cands[i].s[C] > b.s[C]) b = cands[i];
  return b;
}

export function linux10(modifiedYield: boolean, all: () => readonly SchedTask[]): SchedPolicy {
  const schedule = (cands: SchedTask[]): SchedTask | null => {
    if (cands.length === 0) return null;
    let b = pickMax(cands);
    if (b !== null && b.s[C] <= 0) {
      for (const t of all()) t.s[C] = (t.s[C] >> 1) + t.s.priority;
      b = pickMax(cands);
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
      // Task slots in creation order; cur is among the candidates when still runnable.
      const cands = [...ready];
      if (cur) cands.push(cur);
      cands.sort((a, b) => a.id - b.id);
      return schedule(cands);
    },
    onWake(woken, waker) {
      return waker !== null && woken.s[C] > waker.s[C];
    },
  };
}
