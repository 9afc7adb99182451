// Booting a Mach RPC pair on one processor: a client task and a server task (out of the kernel, or
// loaded into it), one server thread waiting in mach_msg for requests, and a call that runs the
// client's stages, hands the processor to the server thread and back. Paths are built once per
// request and reused. The Mach kernel boots this as it is; INKS extends it with its trap path
// (the call and run it returns), falling back on its message call.

import type { Body } from '../../engine/index.js';
import { HELD, type System } from '../index.js';
import { Baton, handTo, memoize, spawnServer } from '../handoff.js';
import { messagePath, requestKey, type MachRequest } from './ops.js';
import { layOut, type MachLayout } from './layout.js';
import { layOutI386 } from './i386-rpc.js';
import type { RpcOptions, RpcPath, SideStep } from './rpc.js';

/** Largest argument list the buffers are laid out for (bytes), besides --bytes. */
export const MAX_ARGUMENT_BYTES = 8192;

export const SIDES = ['client', 'kernel', 'server'];

export interface BootedRpc {
  L: MachLayout;
  /** One message RPC (or system call) from the client thread. */
  call(req: MachRequest): Body<void>;
  /** Run steps on the processor, charging each to its side. */
  run(steps: readonly SideStep[], who: string): Body<void>;
  /** Start the workload's client thread. */
  startClient(thread: Body<void>): void;
}

export function bootRpc(sys: System, bytes: number, o: RpcOptions): BootedRpc {
  const L = layOut(sys, Math.max(bytes, MAX_ARGUMENT_BYTES), o.serverInKernel);
  // On an x86 machine Mach runs its own i386 path (l3 §5.6, §6); an in-kernel server keeps the INKS one.
  const opts: RpcOptions = sys.machine.isa === 'x86' && !o.serverInKernel ? { ...o, i386: layOutI386(sys) } : o;
  const path = memoize(requestKey, (req: MachRequest) => messagePath(L, req, opts));
  const cpu = sys.cpus[0];
  cpu.load(L.client.space);
  const server = new Baton(sys.sim, 'server thread', 'server thread waits in mach_msg for a request');
  const client = new Baton(sys.sim, 'client thread', 'client thread waits in mach_msg for the reply');
  let pending: RpcPath | null = null;
  const run = function* (steps: readonly SideStep[], who: string): Body<void> {
    let h: number;
    for (const s of steps) if ((h = sys.step(cpu, s.step, s.side, who)) !== HELD) yield h;
  };
  spawnServer(sys, server, client, () => run(pending!.server, 'server thread'), 'server thread');
  const call = function* (req: MachRequest): Body<void> {
    const p = path(req);
    if (p.context) cpu.load(p.context);
    yield* run(p.clientOut, 'client thread');
    // A call that never leaves the calling thread (a kernel call, an emulated system call).
    if (p.server.length === 0) return yield* run(p.clientBack, 'client thread');
    pending = p;
    yield* handTo(client, server);
    yield* run(p.clientBack, 'client thread');
  };
  return {
    L,
    call,
    run,
    startClient(thread) {
      sys.sim.spawn(thread, 'client thread');
    },
  };
}
