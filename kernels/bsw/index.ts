// Both Sides Wait (sleep/wake-up paper §3, Figure 5): the consumer of an empty queue sleeps on a
// System V semaphore after clearing its awake flag (C.2) and trying once more (C.3); the producer
// wakes it with V only if test-and-set finds the flag clear. Figure 5's Receive prints the inner
// test as `while`, with an `else`; it is read as the `if` of Figures 7 and 9.

import type { Body } from '../../sim/engine/index.js';
import type { Task } from '../../sim/os/unix.js';
import type { Msg, UserIpc } from '../../sim/os/useripc.js';
import { capacityOption, protocolKernel, raceOptions, schedulerOption, type Protocol } from '../bss/common.js';

/** while (!dequeue(Q, msg)) { [before()]; C.2-C.5 } */
export function* waitLoop(e: UserIpc, t: Task, ep: UserIpc['srv'], before?: () => Body<void>): Body<Msg> {
  for (;;) {
    const m = yield* ep.q.dequeue(t);
    if (m !== undefined) return m;
    if (before) yield* before();
    const got = yield* e.sleepStep(t, ep);
    if (got !== undefined) return got;
  }
}

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

export const bsw = protocolKernel(
  {
    id: 'bsw',
    title: 'Both Sides Wait (Unrau & Krieger 1997)',
    describe: 'user-level IPC that sleeps on System V semaphores with awake flags: sleep/wake-up paper §3, Figures 4-5',
    options: [schedulerOption, capacityOption, ...raceOptions],
  },
  bswProtocol,
);
