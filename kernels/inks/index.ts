// Mach 3.0 with the OSF/1-style server loaded into the kernel (Lepreau et al. 1993): `inks-msg`
// reaches it by the ordinary message path (Table 1, in-kernel column), `inks-trap` by a KMIG trap
// (Table 2). Both kernels are registered from this folder.

import type { Body } from '../../sim/engine/index.js';
import { argsOf, KERNEL_CALL_OPS, machRequest, requestKey, UNIX_PREFIX, type MachRequest } from '../../sim/os/mach/ops.js';
import { bootRpc, SIDES } from '../../sim/os/mach/boot.js';
import { memoize } from '../../sim/os/handoff.js';
import { RPC_STAGES } from '../../sim/os/mach/stages.js';
import { emulation, GENERIC_ARGS, serverWork, unixCall } from '../../sim/os/mach/unix.js';
import type { KernelDef, KernelInstance, ParamRange } from '../kernel.js';
import { TRAP_STAGES } from './stages.js';
import { layOutTrap, trapPath, type TrapPath } from './trap.js';

const oneClient: Partial<Record<'T' | 'bytes', ParamRange>> = { T: { only: [1], why: 'one client thread' }, bytes: {} };

const ownStackOption = {
  name: 'serverOwnStack',
  type: 'boolean' as const,
  default: false,
  description: "the server's kernel calls stay on its own stack, without stack switch or continuation saves (the prototype of footnote 6)",
};

const instrumentedOption = {
  name: 'instrumented',
  type: 'boolean' as const,
  default: false,
  description: 'take the Table 1/2 test timestamps at every stage (inks §4.3-4.4)',
};

export const inksMsg: KernelDef = {
  id: 'inks-msg',
  title: 'Mach 3.0, server in the kernel, reached by message (INKS message)',
  describe: 'in-kernel server reached through mach_msg_trap: inks Table 1 in-kernel column (§4.3)',
  paper: 'inks',
  // Home ISA: path lengths counted on the HP 9000/730 (inks §4).
  isa: 'pa-risc',
  supports: ['rpc'],
  requests: ['call', 'system'],
  params: oneClient,
  options: [instrumentedOption, ownStackOption],
  breakdowns: { 'inks-table1': RPC_STAGES },
  boot(sys, params, opts): KernelInstance {
    const rpc = bootRpc(sys, params.bytes, { serverInKernel: true, instrumented: opts.instrumented === true, serverOwnStack: opts.serverOwnStack === true });
    return { sides: SIDES, startClient: (_i, body) => rpc.startClient(body((req) => rpc.call(machRequest('inks-msg', req)))) };
  },
};

export const inksTrap: KernelDef = {
  id: 'inks-trap',
  title: 'Mach 3.0, server in the kernel, reached by KMIG trap (INKS trap)',
  describe: 'in-kernel server called by trap through its registered trap table: inks Table 2 (§3.3, §4.3)',
  paper: 'inks',
  // Home ISA: path lengths counted on the HP 9000/730 (inks §4).
  isa: 'pa-risc',
  supports: ['rpc'],
  requests: ['call', 'system'],
  params: oneClient,
  breakdowns: { 'inks-table2': TRAP_STAGES },
  options: [
    instrumentedOption,
    ownStackOption,
    {
      name: 'queuedMessages',
      type: 'number',
      default: 0,
      min: 0,
      description: 'requests other clients left queued at the server port (not simulated); a trap that finds any returns MACH_SEND_INTERRUPTED and the stub sends a message (§3.4.5)',
    },
    {
      name: 'registered',
      type: 'boolean',
      default: true,
      description: 'the server registered a trap table; without it every trap is refused and the stub sends a message (§2.3)',
    },
  ],
  boot(sys, params, opts): KernelInstance {
    const instrumented = opts.instrumented === true;
    const rpc = bootRpc(sys, params.bytes, { serverInKernel: true, instrumented, serverOwnStack: opts.serverOwnStack === true });
    const T = layOutTrap(sys);
    const path = memoize(requestKey, (req: MachRequest): TrapPath => {
      if (req.kind === 'call') return trapPath(rpc.L, T, argsOf(req), instrumented);
      // A Unix call: the emulator calls the server by the generic INKS trap (inks §3.3).
      const c = unixCall(req.call.slice(UNIX_PREFIX.length));
      const emul = emulation(rpc.L, c);
      if (c.emulator !== undefined) return { entry: emul, rest: [], refused: [] };
      const p = trapPath(rpc.L, T, GENERIC_ARGS, instrumented, serverWork(rpc.L, c, { trap: true, serverInKernel: true, stack: T.serviceStack }));
      return { ...p, entry: [...emul, ...p.entry] };
    });
    const trapTaken = opts.registered !== false && Number(opts.queuedMessages ?? 0) === 0;
    const refusals = sys.stats.counter('inks.refusedTraps', 'traps', 'INKS traps refused (no trap table entry, or requests queued at the port) and sent as messages instead');
    const call = function* (req: MachRequest): Body<void> {
      // The server's own kernel calls do not involve the client's trap.
      if (req.kind === 'system' && KERNEL_CALL_OPS.includes(req.call)) return yield* rpc.call(req);
      const p = path(req);
      if (sys.cpus[0].context !== rpc.L.client.space) sys.cpus[0].load(rpc.L.client.space);
      yield* rpc.run(p.entry, 'client thread');
      if (p.rest.length === 0) return;
      if (trapTaken) return yield* rpc.run(p.rest, 'client thread');
      refusals.add();
      yield* rpc.run(p.refused, 'client thread');
      yield* rpc.call(req);
    };
    return { sides: SIDES, startClient: (_i, body) => rpc.startClient(body((req) => call(machRequest('inks-trap', req)))) };
  },
};

export const inks: readonly KernelDef[] = [inksMsg, inksTrap];
