// Both Sides Wait and Yield (sleep/wake-up paper §4.1, Figure 7): BSW with busy_wait after waking
// the server and before the client sleeps, to suggest a hand-off, and a yield in the server's
// Receive when its first dequeue finds the queue empty. With scheduler=handoff the client's hints
// become handoff(server) and the server's yield handoff(PID_ANY) (§6).

import { bootProtocol, busyWaitOption, capacityOption, pollOption, raceOptions, schedulerOption, SLEEPWAKE_KERNEL, waitLoop, type Protocol } from '../../sim/os/userlevel/protocol.js';
import type { KernelDef } from '../kernel.js';

export const bswyProtocol: Protocol = {
  *send(e, t, c, m, server) {
    yield* e.enqueueOrSleep(t, e.srv, m);
    if (yield* e.wake(t, e.srv)) yield* e.busyWait(t, e.clnt[c], server); // wake up server and let it run
    return yield* waitLoop(e, t, e.clnt[c], () => e.busyWait(t, e.clnt[c], server)); // try to hand off
  },
  *receive(e, t) {
    const m = yield* e.srv.q.dequeue(t);
    if (m !== undefined) return m;
    // yield(): let clients run
    if (e.o.busyWait === 'handoff') yield* e.unix.handoff(t, null);
    else yield* e.unix.sysYield(t);
    return yield* waitLoop(e, t, e.srv);
  },
  *reply(e, t, c, m) {
    yield* e.enqueueOrSleep(t, e.clnt[c], m);
    yield* e.wake(t, e.clnt[c]);
  },
};

export const bswy: KernelDef = {
  id: 'bswy',
  title: 'Both Sides Wait and Yield (Unrau & Krieger 1997)',
  describe: 'BSW plus busy_wait/yield hand-off hints: sleep/wake-up paper §4.1, Figure 7 (and §6 handoff)',
  options: [schedulerOption, busyWaitOption, pollOption, capacityOption, ...raceOptions],
  ...SLEEPWAKE_KERNEL,
  boot: (sys, params, opts) => bootProtocol(sys, params.clients, opts, bswyProtocol),
};
