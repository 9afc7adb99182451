// Both Sides Wait (sleep/wake-up paper §3, Figure 5): the consumer of an empty queue sleeps on a
// System V semaphore after clearing its awake flag (C.2) and trying once more (C.3); the producer
// wakes it with V only if test-and-set finds the flag clear. Figure 5's Receive prints the inner
// test as `while`, with an `else`; it is read as the `if` of Figures 7 and 9.

import { bootProtocol, capacityOption, raceOptions, schedulerOption, SLEEPWAKE_KERNEL, waitLoop, type Protocol } from '../../sim/os/userlevel/protocol.js';
import type { KernelDef } from '../kernel.js';

export const bswProtocol: Protocol = {
  *send(e, t, c, m) {
    yield* e.enqueueOrSleep(t, e.srv, m);
    yield* e.wake(t, e.srv); // wake up server
    return yield* waitLoop(e, t, e.clnt[c]); // wait for reply
  },
  *receive(e, t) {
    return yield* waitLoop(e, t, e.srv);
  },
  *reply(e, t, c, m) {
    yield* e.enqueueOrSleep(t, e.clnt[c], m);
    yield* e.wake(t, e.clnt[c]); // wake up client
  },
};

export const bsw: KernelDef = {
  id: 'bsw',
  title: 'Both Sides Wait (Unrau & Krieger 1997)',
  describe: 'user-level IPC that sleeps on System V semaphores with awake flags: sleep/wake-up paper §3, Figures 4-5',
  options: [schedulerOption, capacityOption, ...raceOptions],
  ...SLEEPWAKE_KERNEL,
  boot: (sys, params, opts) => bootProtocol(sys, params.clients, opts, bswProtocol),
};
