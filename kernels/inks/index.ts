// Mach 3.0 with the OSF/1-style server loaded into the kernel (Lepreau et al. 1993): `inks-msg`
// reaches it by the ordinary message path (Table 1, in-kernel column), `inks-trap` by a KMIG trap
// (Table 2). Both kernels are registered from this folder.

import type { Body } from '../../sim/engine/index.js';
import type { System } from '../../sim/os/index.js';
import type { KernelDef, KernelInstance, KernelOptions, Request, RunParams } from '../kernel.js';
import { parseArgs } from '../mach/args.js';
import { bootRpc, pathCache, SIDES } from '../mach/boot.js';
import { KERNEL_CALL_OPS, UNIX_PREFIX } from '../mach/ops.js';
import { emulation, GENERIC_ARGS, serverWork, unixCall } from '../mach/unix.js';
import { layOutTrap, trapPath, type TrapPath } from './trap.js';

const oneClient = (id: string) => (_m: unknown, p: RunParams): string | null =>
  p.T !== 1 ? `${id} runs one client thread; got -T ${p.T}` : null;

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
  supports: ['rpc'],
  options: [instrumentedOption, ownStackOption],
  check: oneClient('inks-msg'),
  boot(sys: System, params: RunParams, opts: KernelOptions): KernelInstance {
    return bootRpc(sys, params, { serverInKernel: true, instrumented: opts.instrumented === true, serverOwnStack: opts.serverOwnStack === true }).inst;
  },
};

export const inksTrap: KernelDef = {
  id: 'inks-trap',
  title: 'Mach 3.0, server in the kernel, reached by KMIG trap (INKS trap)',
  describe: 'in-kernel server called by trap through its registered trap table: inks Table 2 (§3.3, §4.3)',
  paper: 'inks',
  supports: ['rpc'],
  options: [
    instrumentedOption,
    ownStackOption,
    {
      name: 'queuedMessages',
      type: 'number',
      default: 0,
      description: 'requests other clients left queued at the server port (not simulated); a trap that finds any returns MACH_SEND_INTERRUPTED and the stub sends a message (§3.4.5)',
    },
    {
      name: 'registered',
      type: 'boolean',
      default: true,
      description: 'the server registered a trap table; without it every trap is refused and the stub sends a message (§2.3)',
    },
  ],
  check: oneClient('inks-trap'),
  boot(sys: System, params: RunParams, opts: KernelOptions): KernelInstance {
    const instrumented = opts.instrumented === true;
    const serverOwnStack = opts.serverOwnStack === true;
    const rpc = bootRpc(sys, params, { serverInKernel: true, instrumented, serverOwnStack });
    const T = layOutTrap(sys);
    const paths = pathCache<TrapPath>((req) => {
      const op = req.op ?? '';
      if (!op.startsWith(UNIX_PREFIX)) return trapPath(rpc.L, T, parseArgs(req.op, req.bytes), instrumented);
      // A Unix call: the emulator calls the server by the generic INKS trap (inks §3.3).
      const c = unixCall(op.slice(UNIX_PREFIX.length));
      const emul = emulation(rpc.L, c);
      if (c.emulator !== undefined) return { entry: emul, rest: [], refused: [] };
      const p = trapPath(rpc.L, T, GENERIC_ARGS, instrumented, serverWork(rpc.L, c, { trap: true, serverInKernel: true, stack: T.serviceStack }));
      return { ...p, entry: [...emul, ...p.entry] };
    });
    const registered = opts.registered !== false;
    const queued = Number(opts.queuedMessages ?? 0);
    if (!Number.isInteger(queued) || queued < 0) throw new Error(`kernel.queuedMessages must be a whole number >= 0, got ${opts.queuedMessages}`);
    const refusals = sys.stats.counter('inks.refusedTraps', 'traps', 'INKS traps refused (no trap table entry, or requests queued at the port) and sent as messages instead');
    const call = function* (req: Request): Body<void> {
      // The server's own kernel calls do not involve the client's trap.
      if (KERNEL_CALL_OPS.includes(req.op ?? '')) return yield* rpc.call(req);
      const p = paths.path(req);
      if (sys.cpus[0].context !== rpc.L.client.space) sys.cpus[0].load(rpc.L.client.space);
      yield* rpc.run(p.entry, 'client thread');
      if (p.rest.length === 0) return;
      if (registered && queued === 0) {
        yield* rpc.run(p.rest, 'client thread');
        return;
      }
      refusals.add();
      yield* rpc.run(p.refused, 'client thread');
      yield* rpc.call(req);
    };
    return {
      sides: SIDES,
      startClient(_i, body) {
        sys.sim.spawn(body(call), 'client thread');
      },
    };
  },
};

export const inks: readonly KernelDef[] = [inksMsg, inksTrap];
