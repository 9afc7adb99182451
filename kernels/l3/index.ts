// L3 (Liedtke, "Improving IPC by Kernel Design", SOSP 1993) on the i486 family: IPC by one
// system call per message (call, reply & receive next) between threads in different address spaces.
// This kernel runs the minimal null IPC of §5.1 (appendix Table 3), optionally with the port
// access of Table 5 and the temporary mapping of Table 4 spliced in.

import { Semaphore, type Body } from '../../sim/engine/index.js';
import type { KernelDef, KernelInstance, KernelOptions, RunParams } from '../kernel.js';
import type { System } from '../../sim/os/index.js';
import { layOut } from './layout.js';
import { minimalIpc } from './minimal.js';

export const l3: KernelDef = {
  id: 'l3',
  title: 'L3 IPC (Liedtke 1993)',
  describe: 'L3 kernel IPC on the 486: minimal null IPC of l3 §5.1 / appendix Tables 3-5',
  paper: 'l3',
  supports: ['rpc'],
  options: [
    { name: 'path', type: 'string', default: 'minimal', choices: ['minimal'], description: 'minimal: the 20-instruction null IPC of §5.1 (Table 3)' },
    { name: 'portAccess', type: 'boolean', default: false, description: 'splice in the port access of Table 5 (§7.1)' },
    { name: 'temporaryMapping', type: 'boolean', default: false, description: 'splice in the temporary mapping of Table 4 (§5.2.3)' },
  ],
  check(m, p) {
    if (p.T !== 1) return `l3 runs one client thread (ping-pong); got -T ${p.T}`;
    return null;
  },
  boot(sys: System, params: RunParams, opts: KernelOptions): KernelInstance {
    const L = layOut(sys, ['A', 'B'], Math.max(1, Math.ceil(params.bytes / sys.machine.pageBytes)));
    const [A, B] = L.threads;
    const o = { portAccess: opts.portAccess === true, temporaryMapping: opts.temporaryMapping === true };
    const aToB = minimalIpc(L, A, B, o);
    const bToA = minimalIpc(L, B, A, o);
    const cpu = sys.cpus[0];
    cpu.load(A.space);
    const request = new Semaphore(sys.sim, 'B waits for a message');
    const reply = new Semaphore(sys.sim, 'A waits for the reply');
    // B: receive, then reply and receive the next message (one IPC each way).
    sys.sim.spawn(
      (function* (): Body {
        for (;;) {
          yield request;
          for (const s of bToA) yield sys.run(cpu, s, 'ipc', 'B');
          reply.signal();
        }
      })(),
      'thread B (server)',
      true,
    );
    return {
      sides: ['ipc'],
      startClient(_i, body) {
        const call = function* (): Body<void> {
          for (const s of aToB) yield sys.run(cpu, s, 'ipc', 'A');
          request.signal();
          yield reply;
        };
        sys.sim.spawn(body(call), 'thread A (client)');
      },
    };
  },
};
