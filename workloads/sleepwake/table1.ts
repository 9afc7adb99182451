// Table 1 of the sleep/wake-up paper (§2.2), re-measured on the simulated machines the way the
// paper measured it: one process running enqueue/dequeue pairs or msgsnd/msgrcv pairs in a tight
// loop, and n processes that barrier and then call yield() in a tight loop. The yield rows are
// reported as the paper reads them in §2.2 (18 µs is "a context switch" in its 2 × 3 + 2 × 18
// estimate): elapsed time per yield call, all processes together.

import type { Body } from '../../sim/engine/index.js';
import type { MachineDesc } from '../../sim/hw/machine.js';
import type { SchedulerName } from '../../sim/os/sched/index.js';
import { SysVMsgQueue, SysVSemaphore } from '../../sim/os/sysv.js';
import { TwoLockQueue } from '../../sim/os/msqueue.js';
import type { Task } from '../../sim/os/unix.js';
import { bootUnix } from '../boot.js';

export type Primitive = 'enqdeq' | 'msg' | 'sem' | 'yield';

/** Microseconds per operation (per pair; per yield call for n yielding processes). */
export function measurePrimitive(machine: string | MachineDesc, what: Primitive, processes = 1, iterations = 2000, scheduler: SchedulerName = 'default', set: string[] = []): number {
  return primitiveRun(machine, what, processes, iterations, scheduler, set).us;
}

/** The loop's time per operation and the context switches it made. */
export function primitiveRun(
  machine: string | MachineDesc,
  what: Primitive,
  processes = 1,
  iterations = 2000,
  scheduler: SchedulerName = 'default',
  set: string[] = [],
): { us: number; switchesPerOp: number } {
  const unix = bootUnix({ machine, set, scheduler });
  const sys = unix.sys;
  let start = -1;
  let done = 0;
  let end = 0;
  const warm = Math.max(1, Math.floor(iterations / 10));
  let ready = 0;
  const sw = sys.stats.counter('switches', 'switches', 'context switches');
  let atStart = 0;
  for (let p = 0; p < processes; p++) {
    unix.spawn(`p${p}`, 'loop', sys.hw.space(`p${p}`), function* (t: Task): Body<void> {
      const q = new TwoLockQueue<number>(unix, `q${p}`, 16, 'loop');
      const mq = new SysVMsgQueue<number>(unix, `mq${p}`);
      const sem = new SysVSemaphore(unix, `sem${p}`);
      for (let i = 0; i < warm + iterations; i++) {
        if (i === warm && ++ready === processes && start < 0) {
          start = sys.sim.now;
          atStart = sw.value;
        }
        if (what === 'enqdeq') {
          yield* q.enqueue(t, i);
          yield* q.dequeue(t);
        } else if (what === 'msg') {
          yield* mq.msgsnd(t, i);
          yield* mq.msgrcv(t);
        } else if (what === 'sem') {
          yield* sem.V(t);
          yield* sem.P(t);
        } else yield* unix.sysYield(t);
      }
      if (++done === processes) end = sys.sim.now;
    });
  }
  sys.sim.run({ maxEvents: 50_000_000 });
  const ops = what === 'yield' ? processes * iterations : iterations;
  return { us: sys.us(end - start) / ops, switchesPerOp: (sw.value - atStart) / ops };
}
