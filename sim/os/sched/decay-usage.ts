// Decay-usage ("degrading priority") timesharing, as in IRIX 6.2 and AIX 4.1 (sleep/wake-up
// paper §2.2): a process's priority worsens with the processor time it has used recently, and
// usage decays once per second. Under it a yield need not switch: the yielder keeps the processor
// until its own priority has degraded below a waiting process's (§2.2, "only after the active
// process has accumulated sufficient execution time that its priority is degraded enough to
// warrant a full context switch").
//
// Two flavours differ in how usage is charged and how yield treats equal priorities:
// - IRIX: usage charged exactly (by elapsed processor time), priority in bands of `bandUs` of
//   usage, and a yield only gives the processor to a strictly better process.
// - AIX: usage C charged one per clock tick to the running process, priority 60 + C/2; a yield
//   passes the processor to the next runnable process (see yieldTo in sched/index.ts).

import { best, type Reason, type SchedPolicy, type SchedTask } from './policy.js';

export interface DecayParams {
  id: string;
  describe: string;
  tickUs: number;
  /** Ticks in a quantum. */
  quantumTicks: number;
  /** 'exact': usage in processor time; 'tick': one unit per tick to the process running at the tick. */
  accounting: 'exact' | 'tick';
  /** exact accounting: microseconds of usage per priority level. tick accounting: ticks per level. */
  band: number;
  /** Usage is multiplied by this once per second. */
  decayFactor: number;
  /** Cap on usage units (AIX caps C at 120). */
  usageCap: number;
  /**
   * Whom a yield gives the processor to: 'better' only a strictly better process (the yielder
   * keeps it among equals), 'equal' an equal or better one (round robin within a priority),
   * 'any' the next runnable process whatever its priority.
   */
  yieldTo: 'better' | 'equal' | 'any';
  clockMHz: number;
}

const USAGE = 'usage';
const LEFT = 'quantumLeft';

export function decayUsage(p: DecayParams): SchedPolicy {
  const unitCycles = p.accounting === 'exact' ? p.band * p.clockMHz : p.band;
  const prio = (t: SchedTask) => Math.floor(t.s[USAGE] / unitCycles);
  return {
    id: p.id,
    describe: p.describe,
    tickUs: p.tickUs,
    quantumTicks: p.quantumTicks,
    admit(t) {
      t.s[USAGE] = 0;
      t.s[LEFT] = p.quantumTicks;
    },
    charge(t, cycles) {
      if (p.accounting === 'exact') t.s[USAGE] += cycles;
    },
    tick(t) {
      if (p.accounting === 'tick') t.s[USAGE] = Math.min(p.usageCap, t.s[USAGE] + 1);
      if (--t.s[LEFT] <= 0) {
        t.s[LEFT] = p.quantumTicks;
        return true;
      }
      return false;
    },
    decay(all) {
      for (const t of all) t.s[USAGE] *= p.decayFactor;
    },
    choose(cur: SchedTask | null, ready: readonly SchedTask[], why: Reason) {
      const b = best(ready, prio);
      if (cur === null) return b;
      if (b === null) return cur;
      if (why === 'yield') {
        if (p.yieldTo === 'any') return ready[0];
        if (p.yieldTo === 'equal') return prio(b) <= prio(cur) ? b : cur;
        return prio(b) < prio(cur) ? b : cur;
      }
      // Preemption and round-robin yields: cur goes behind its equals.
      if (prio(b) <= prio(cur)) {
        cur.s[LEFT] = p.quantumTicks;
        return b;
      }
      return cur;
    },
    onWake: () => false,
  };
}
