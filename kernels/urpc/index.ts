// URPC with FastThreads (Bershad, Anderson, Lazowska, Levy 1991) on the Firefly: user-level
// cross-address-space calls over pair-wise shared channels, user-level threads, and processor
// reallocation through the kernel only when an address space is underpowered (URPC §2-§4).
// Table I's FastThreads operations run on the client's threads when a request names one.

import type { Body } from '../../sim/engine/index.js';
import type { UThread } from '../../sim/os/fastthreads.js';
import { FastThreadOps } from '../../sim/os/firefly/thread-ops.js';
import type { CallFn, KernelDef, KernelInstance, KernelOptions, RunParams, Request, Topology } from '../kernel.js';
import type { System } from '../../sim/os/index.js';
import type { Channel } from './channel.js';
import { URPC_INSTRUCTIONS } from './paths.js';
import { Urpc } from './runtime.js';

export const urpc: KernelDef = {
  id: 'urpc',
  title: 'URPC with FastThreads (Bershad et al. 1991)',
  describe: 'user-level RPC over shared-memory channels with FastThreads and processor donation (urpc §2-§4, Tables I-II, Figs. 1, 3, 4)',
  paper: 'urpc',
  // Home ISA: path lengths counted in C-VAX instructions at the Firefly's average instruction time (urpc §4).
  isa: 'vax',
  supports: ['rpc', 'threads'],
  requests: ['call', 'thread'],
  namedServers: true,
  params: { T: {}, C: { min: 1, why: 'at least one client processor' }, S: {}, bytes: {} },
  // A uniprocessor has no processor for the server: the paper's S = 0 case, where every call waits
  // for the client's processor to be donated to the server and back (urpc §3.1, §5.5).
  defaults: (m) => (m.processors === 1 ? { C: 1, S: 0 } : {}),
  options: [
    { name: 'keepContextLoaded', type: 'boolean', default: true, description: "footnote 1: an idle processor keeps its blocked caller's context loaded for a fast wake-up" },
    { name: 'forceReallocation', type: 'boolean', default: false, description: '§3.1.1: a caller donates its processor at once when the server has none' },
    {
      name: 'scenario',
      type: 'string',
      default: 'single',
      choices: ['single', 'pairs'],
      description:
        'single: one client and one server (or the servers a workload names, the first with the S processors); pairs: two client/server pairs on separate channels, C and S processors each, client threads alternating between them',
    },
  ],
  // Table II's rows and each side's instruction counts (urpc §4.2).
  breakdowns: { 'urpc-table2': ['send', 'poll', 'receive', 'dispatch'] },
  facts: Object.fromEntries((['client', 'server'] as const).flatMap((side) => Object.entries(URPC_INSTRUCTIONS[side]).map(([k, n]) => [`${side}.${k}`, n]))),
  check(m, p, o) {
    const pairs = o.scenario === 'pairs' ? 2 : 1;
    if (pairs * (p.C + p.S) > m.processors) {
      return `urpc: ${pairs > 1 ? 'two pairs of ' : ''}-C ${p.C} plus -S ${p.S} exceeds the ${m.processors} processors of ${m.machineId}`;
    }
    return null;
  },
  boot(sys: System, params: RunParams, opts: KernelOptions, topology?: Topology): KernelInstance {
    const u = new Urpc(sys, { keepContextLoaded: opts.keepContextLoaded !== false, forceReallocation: opts.forceReallocation === true });
    const cpus = sys.cpus;
    const pairs = opts.scenario === 'pairs';
    const { C, S } = params;
    const client = u.space(topology?.client ?? (pairs ? 'client A' : 'client'), 'client', cpus.slice(0, C), u.o.keepContextLoaded);
    const channels = new Map<string, Channel>();
    // pairs: a second client and server on processors of their own, reached by odd-numbered threads.
    const second = pairs
      ? u.bind(u.space('client B', 'client', cpus.slice(C + S, 2 * C + S), u.o.keepContextLoaded), u.space('server B', 'server', cpus.slice(2 * C + S, 2 * (C + S)), false), params.bytes)
      : null;
    // Named servers (urpc Figure 1): the first has the S processors, the others none until one is donated.
    const servers = topology?.servers ?? [second ? 'server A' : 'server'];
    servers.forEach((name, k) => channels.set(name, u.bind(client, u.space(name, 'server', k === 0 ? cpus.slice(C, C + S) : [], false), params.bytes)));
    const first = channels.get(servers[0])!;
    const ops = new FastThreadOps(client);
    return {
      sides: ['client', 'server', 'kernel'],
      startClient(i, body) {
        if (second && i % 2 === 1) {
          const t = second.client.spawn(`T${i + 1}`, null);
          t.body = body((req) => u.call(t, second, req.kind === 'call' ? req.bytes : 0));
          return;
        }
        const t = client.spawn(`T${i + 1}`, null);
        let self: UThread = t;
        const call: CallFn = (req: Request): Body<void> => {
          while (self.successor) self = self.successor;
          if (req.kind === 'thread') return ops.run(self, req.op);
          if (req.kind !== 'call') throw new Error(`urpc runs no ${req.kind} requests`);
          const ch = req.server ? channels.get(req.server) : first;
          if (!ch) throw new Error(`urpc: no server '${req.server}' (servers: ${[...channels.keys()].join(', ')})`);
          return u.call(self, ch, req.bytes);
        };
        t.body = body(call);
      },
    };
  },
};

