// Booting a Mach RPC pair on one processor: a client task and a server task (out of the kernel, or
// loaded into it), one server thread waiting in mach_msg for requests, and a call that runs the
// client's stages, hands the processor to the server thread and back. Paths are built once per
// operation (argument list) and reused.

import { Semaphore, type Body } from '../../sim/engine/index.js';
import type { System } from '../../sim/os/index.js';
import type { KernelInstance, Request, RunParams } from '../kernel.js';
import { messagePath } from './ops.js';
import { layOut, type MachLayout } from './layout.js';
import type { RpcOptions, RpcPath, SideStep } from './rpc.js';

/** Largest argument list the buffers are laid out for (bytes), besides --bytes. */
export const MAX_ARGUMENT_BYTES = 8192;

export const SIDES = ['client', 'kernel', 'server'];

export interface PathSource<P> {
  /** The steps of one call with this operation's arguments. */
  path(req: Request): P;
}

/** Memoise paths by operation and size. */
export function pathCache<P>(build: (req: Request) => P): PathSource<P> {
  const m = new Map<string, P>();
  return {
    path(req) {
      const key = `${req.op ?? ''}|${req.bytes}`;
      let p = m.get(key);
      if (!p) m.set(key, (p = build(req)));
      return p;
    },
  };
}

export interface BootedRpc {
  L: MachLayout;
  inst: KernelInstance;
  /** One message RPC from the client thread (for kernels that fall back to a message). */
  call(req: Request): Body<void>;
  /** Run steps on the processor, charging each to its side. */
  run(steps: readonly SideStep[], who: string): Body<void>;
}

export function bootRpc(sys: System, params: RunParams, o: RpcOptions): BootedRpc {
  const L = layOut(sys, Math.max(params.bytes, MAX_ARGUMENT_BYTES), o.serverInKernel);
  const paths = pathCache<RpcPath>((req) => messagePath(L, req, o));
  const cpu = sys.cpus[0];
  cpu.load(L.client.space);
  const requests = new Semaphore(sys.sim, 'server thread waits in mach_msg for a request');
  const replies = new Semaphore(sys.sim, 'client thread waits in mach_msg for the reply');
  let pending: RpcPath | null = null;
  const run = function* (steps: readonly SideStep[], who: string): Body<void> {
    for (const s of steps) yield sys.run(cpu, s.step, s.side, who);
  };
  sys.sim.spawn(
    (function* (): Body {
      for (;;) {
        yield requests;
        yield* run(pending!.server, 'server thread');
        replies.signal();
      }
    })(),
    'server thread',
    true,
  );
  const call = function* (req: Request): Body<void> {
    const p = paths.path(req);
    if (p.context) cpu.load(p.context);
    yield* run(p.clientOut, 'client thread');
    // A call that never leaves the calling thread (a kernel call, an emulated system call).
    if (p.server.length === 0) return yield* run(p.clientBack, 'client thread');
    pending = p;
    requests.signal();
    yield replies;
    yield* run(p.clientBack, 'client thread');
  };
  return {
    L,
    call,
    run,
    inst: {
      sides: SIDES,
      startClient(_i, body) {
        sys.sim.spawn(body(call), 'client thread');
      },
    },
  };
}
