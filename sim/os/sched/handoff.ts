// The hand-off call the paper proposes and implemented in Linux 1.0.32 (sleep/wake-up paper §6):
// handoff(pid) runs `pid` next if it is runnable, degrading its dynamic priority so it cannot hog
// the processor; handoff(PID_SELF) is yield; handoff(PID_ANY) gives the processor to the best
// other runnable process even when it has a lower priority than the caller. Built on the Linux
// 1.0 scheduler with the modified sched_yield.

import { linux10 } from './linux.js';
import type { SchedPolicy, SchedTask } from './policy.js';

export function handoffPolicy(all: () => readonly SchedTask[]): SchedPolicy {
  const base = linux10(true, all);
  return {
    ...base,
    id: 'handoff',
    describe: 'Linux 1.0 with modified sched_yield plus handoff(pid | PID_SELF | PID_ANY) (§6)',
    handoff(cur, to, ready) {
      if (to !== null && ready.includes(to)) {
        // "degrade the dynamic priority of some pid so that it would be favored to run but could not hog the CPU"
        to.s.counter = Math.max(1, to.s.counter >> 1);
        return to;
      }
      if (to === null) {
        if (ready.length === 0) return cur;
        let b = ready[0];
        for (const t of ready) if (t.s.counter > b.s.counter) b = t;
        if (b.s.counter <= 0) for (const t of all()) t.s.counter = (t.s.counter >> 1) + t.s.priority;
        return b;
      }
      return base.choose(cur, ready, 'yield');
    },
  };
}
