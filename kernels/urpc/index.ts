// URPC with FastThreads (Bershad, Anderson, Lazowska, Levy 1991) on the Firefly: user-level
// cross-address-space calls over pair-wise shared channels, user-level threads, and processor
// reallocation through the kernel only when an address space is underpowered (URPC §2-§4).
// Table I's FastThreads operations run on the client's threads when a request names one.

import type { Body } from '../../sim/engine/index.js';
import type { UThread } from '../../sim/os/fastthreads.js';
import type { CallFn, KernelDef, KernelInstance, KernelOptions, RunParams, Request } from '../kernel.js';
import type { System } from '../../sim/os/index.js';
import type { Channel } from './channel.js';
import { Urpc } from './runtime.js';
import { FastThreadOps, isThreadOp } from './thread-ops.js';

/** The servers of URPC Figure 1: a window manager with S processors and a file cache manager with none. */
export const FIGURE1_SERVERS = ['WinMgr', 'FCMgr'] as const;

export const urpc: KernelDef = {
  id: 'urpc',
  title: 'URPC with FastThreads (Bershad et al. 1991)',
  describe: 'user-level RPC over shared-memory channels with FastThreads and processor donation (urpc §2-§4, Tables I-II, Figs. 1, 3, 4)',
  paper: 'urpc',
  supports: ['rpc', 'threads'],
  options: [
    { name: 'keepContextLoaded', type: 'boolean', default: true, description: "footnote 1: an idle processor keeps its blocked caller's context loaded for a fast wake-up" },
    { name: 'forceReallocation', type: 'boolean', default: false, description: '§3.1.1: a caller donates its processor at once when the server has none' },
    {
      name: 'scenario',
      type: 'string',
      default: 'single',
      choices: ['single', 'figure1', 'pairs'],
      description:
        'single: one client and one server; figure1: an editor calling WinMgr (S processors) and FCMgr (none), request op names the server; pairs: two client/server pairs on separate channels, C and S processors each, client threads alternating between them',
    },
  ],
  check(m, p, o) {
    if (p.C < 1) return `urpc needs at least one client processor; got -C ${p.C}`;
    const pairs = o.scenario === 'pairs' ? 2 : 1;
    if (pairs * (p.C + p.S) > m.processors) {
      return `urpc: ${pairs > 1 ? 'two pairs of ' : ''}-C ${p.C} plus -S ${p.S} exceeds the ${m.processors} processors of ${m.machineId}`;
    }
    return null;
  },
  boot(sys: System, params: RunParams, opts: KernelOptions): KernelInstance {
    const u = new Urpc(sys, { keepContextLoaded: opts.keepContextLoaded !== false, forceReallocation: opts.forceReallocation === true });
    const cpus = sys.cpus;
    const figure1 = opts.scenario === 'figure1';
    const { C, S } = params;
    const client = u.space(figure1 ? 'editor' : opts.scenario === 'pairs' ? 'client A' : 'client', 'client', cpus.slice(0, C), u.o.keepContextLoaded);
    const channels = new Map<string, Channel>();
    // pairs: a second client and server on processors of their own, reached by odd-numbered threads.
    const second =
      opts.scenario === 'pairs'
        ? u.bind(u.space('client B', 'client', cpus.slice(C + S, 2 * C + S), u.o.keepContextLoaded), u.space('server B', 'server', cpus.slice(2 * C + S, 2 * (C + S)), false), params.bytes)
        : null;
    if (figure1) {
      const [win, fc] = FIGURE1_SERVERS;
      channels.set(win, u.bind(client, u.space(win, 'server', cpus.slice(C, C + S), false), params.bytes));
      channels.set(fc, u.bind(client, u.space(fc, 'server', [], false), params.bytes));
    } else {
      channels.set('server', u.bind(client, u.space(second ? 'server A' : 'server', 'server', cpus.slice(C, C + S), false), params.bytes));
    }
    const first = [...channels.values()][0];
    const ops = new FastThreadOps(client);
    return {
      sides: ['client', 'server', 'kernel'],
      startClient(i, body) {
        if (second && i % 2 === 1) {
          const t = second.client.spawn(`T${i + 1}`, null);
          t.body = body((req) => u.call(t, second, req.bytes));
          return;
        }
        const t = client.spawn(`T${i + 1}`, null);
        let self: UThread = t;
        const call: CallFn = (req: Request): Body<void> => {
          while (self.successor) self = self.successor;
          if (isThreadOp(req.op)) return ops.run(self, req.op);
          const ch = req.op ? channels.get(req.op) : first;
          if (!ch) throw new Error(`urpc: no server '${req.op}' (servers: ${[...channels.keys()].join(', ')}; --set kernel.scenario=figure1 boots WinMgr and FCMgr)`);
          return u.call(self, ch, req.bytes);
        };
        t.body = body(call);
      },
    };
  },
};
