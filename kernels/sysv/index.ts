// System V message queues, the kernel-mediated baseline of the sleep/wake-up paper (§2.2, Figures
// 2, 3, 6, 8, 11): the client msgsnd()s its request to the server's queue and msgrcv()s the reply
// from its own queue; the server msgrcv()s and msgsnd()s. Four system calls per round trip.

import type { Body } from '../../sim/engine/index.js';
import { SysVMsgQueue } from '../../sim/os/sysv.js';
import type { Msg } from '../../sim/os/useripc.js';
import type { Task } from '../../sim/os/unix.js';
import type { KernelDef } from '../kernel.js';
import { clientsOf, schedulerOption, SLEEPWAKE_KERNEL, unixFor } from '../../sim/os/userlevel/protocol.js';

export const sysv: KernelDef = {
  id: 'sysv',
  title: 'System V message queues (Unrau & Krieger 1997 baseline)',
  describe: 'kernel-mediated IPC with msgsnd/msgrcv, one request queue and a reply queue per client: sleep/wake-up paper §2.2',
  ...SLEEPWAKE_KERNEL,
  options: [schedulerOption],
  boot(sys, params, opts) {
    const unix = unixFor(sys, opts);
    const req = new SysVMsgQueue<Msg>(unix, 'server queue');
    const rep = Array.from({ length: params.clients }, (_, i) => new SysVMsgQueue<Msg>(unix, `reply queue ${i}`));
    unix.spawn(
      'server',
      'server',
      sys.hw.space('server'),
      function* (t: Task): Body<void> {
        for (;;) {
          const m = yield* req.msgrcv(t);
          yield* rep[m.client].msgsnd(t, m);
        }
      },
      true,
    );
    return clientsOf(sys, params.clients, unix, (t, c) =>
      function* (): Body<void> {
        yield* req.msgsnd(t, { op: 1, client: c, arg: c });
        yield* rep[c].msgrcv(t);
      },
    );
  },
};
