// Fixed, non-degrading priorities (sleep/wake-up paper §2.2, Figure 3; the real-time class that
// needs super-user privilege on IRIX and AIX). All processes of the experiment share one priority,
// so a yield always moves the caller behind any other runnable process (round robin), and a
// quantum expiry does the same.

import type { SchedPolicy } from './policy.js';

export function fixedPriority(tickUs: number, quantumTicks: number): SchedPolicy {
  return {
    id: 'fixed',
    describe: 'fixed, non-degrading priorities: yield always passes the processor to another runnable process (§2.2, Figure 3)',
    tickUs,
    quantumTicks,
    admit(t) {
      t.s.quantumLeft = quantumTicks;
    },
    charge() {},
    tick(t) {
      if (--t.s.quantumLeft <= 0) {
        t.s.quantumLeft = quantumTicks;
        return true;
      }
      return false;
    },
    choose(cur, ready) {
      if (ready.length === 0) return cur;
      if (cur) cur.s.quantumLeft = quantumTicks;
      return ready[0];
    },
    onWake: () => false,
  };
}
