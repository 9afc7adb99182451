// Both Sides Spin (sleep/wake-up paper §2.1, Figure 1): Send/Receive/Reply over the shared queues
// with busy_wait when a queue is empty or full; no sleeping at all. The upper bound the blocking
// protocols are measured against (Figures 2, 3, 11, 12).

import type { Body } from '../../sim/engine/index.js';
import type { Task } from '../../sim/os/unix.js';
import type { Msg, UserIpc } from '../../sim/os/useripc.js';
import { bootProtocol, busyWaitOption, capacityOption, pollOption, schedulerOption, SLEEPWAKE_KERNEL, type Protocol } from '../../sim/os/userlevel/protocol.js';
import type { KernelDef } from '../kernel.js';

export const bssProtocol: Protocol = {
  *send(e: UserIpc, t: Task, c: number, m: Msg, server: Task): Body<Msg> {
    while (!(yield* e.srv.q.enqueue(t, m))) yield* e.busyWait(t, null, server); // queue full
    for (;;) {
      const a = yield* e.clnt[c].q.dequeue(t);
      if (a !== undefined) return a;
      yield* e.busyWait(t, e.clnt[c], server); // wait for reply
    }
  },
  *receive(e: UserIpc, t: Task): Body<Msg> {
    for (;;) {
      const m = yield* e.srv.q.dequeue(t);
      if (m !== undefined) return m;
      yield* e.busyWait(t, e.srv, null); // queue empty
    }
  },
  *reply(e: UserIpc, t: Task, c: number, m: Msg): Body<void> {
    while (!(yield* e.clnt[c].q.enqueue(t, m))) yield* e.busyWait(t, null, null); // queue full
  },
};

export const bss: KernelDef = {
  id: 'bss',
  title: 'Both Sides Spin (Unrau & Krieger 1997)',
  describe: 'user-level IPC over Michael-Scott queues, busy-waiting both sides: sleep/wake-up paper §2.1, Figure 1',
  options: [schedulerOption, busyWaitOption, pollOption, capacityOption],
  ...SLEEPWAKE_KERNEL,
  boot: (sys, params, opts) => bootProtocol(sys, params.clients, opts, bssProtocol),
};
