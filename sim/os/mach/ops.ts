// What a request names on the Mach kernels: an RPC with MIG arguments (none, 'in:64', ...) or a
// raw message of n bytes, a Unix system call through the emulator and the OSF/1 server
// ('unix:getpid', ...), or a Mach kernel call made by the server itself ('mach:trap', 'mach:msg';
// inks Table 5) or by the user program.

import type { Arg } from './args.js';
import { i386RpcPath, i386ThreadSelf } from './i386-rpc.js';
import { kernelMsgCall, kernelTrapCall, threadSelfCall } from './kcall.js';
import type { MachLayout } from './layout.js';
import { rpcPath, type RpcOptions, type RpcPath } from './rpc.js';
import { emulation, GENERIC_ARGS, serverWork, unixCall } from './unix.js';

export const UNIX_PREFIX = 'unix:';
/**
 * Mach kernel calls by the server ('mach:trap', 'mach:msg') or by the user program ('mach:user-trap',
 * 'mach:user-msg', and the mach_thread_self system call 'mach:thread-self').
 */
export const THREAD_SELF_OP = 'mach:thread-self';
export const KERNEL_CALL_OPS = ['mach:trap', 'mach:msg', 'mach:user-trap', 'mach:user-msg', THREAD_SELF_OP];

/** A do-nothing kernel call, run on the calling task's thread in its space. */
export function kernelCallPath(L: MachLayout, op: string, o: RpcOptions): RpcPath {
  if (op === THREAD_SELF_OP) {
    const steps = o.i386 ? i386ThreadSelf(L, L.client) : threadSelfCall(L, L.client);
    return { clientOut: steps, server: [], clientBack: [], context: L.client.space };
  }
  const user = op.startsWith('mach:user-');
  const caller = user ? L.client : L.server;
  const inKernel = !user && o.serverInKernel;
  const steps = op.endsWith('trap') ? kernelTrapCall(L, caller, inKernel, o.serverOwnStack === true) : kernelMsgCall(L, caller, inKernel, []);
  return { clientOut: steps, server: [], clientBack: [], context: caller.space };
}

/** A request to a Mach kernel: an RPC (with MIG arguments, or `bytes` as a raw message each way) or a named system call. */
export type MachRequest = { kind: 'call'; bytes: number; args?: readonly Arg[] } | { kind: 'system'; call: string };

/** The RPC's arguments: the MIG ones, or a raw message of `bytes` each way (none for a null call). */
export const argsOf = (req: { bytes: number; args?: readonly Arg[] }): readonly Arg[] => req.args ?? (req.bytes > 0 ? [{ kind: 'msg', bytes: req.bytes }] : []);

/** A kernel's request as the Mach library takes it (the kernels' declared request kinds keep thread operations away). */
export function machRequest(kernel: string, req: MachRequest | { kind: 'thread' }): MachRequest {
  if (req.kind === 'thread') throw new Error(`${kernel} runs no thread operations`);
  return req;
}

/** A memo key for a request's path. */
export const requestKey = (req: MachRequest): string => JSON.stringify(req);

/**
 * Whether a call takes the i386 path: on an x86 machine, a raw message (or none) to a server out
 * of the kernel. Calls with MIG arguments keep the PA-RISC path: no i386 MIG stub was counted.
 */
const onI386 = (o: RpcOptions, args: readonly Arg[]): boolean => o.i386 !== undefined && !o.serverInKernel && args.every((a) => a.kind === 'msg');

export function messagePath(L: MachLayout, req: MachRequest, o: RpcOptions): RpcPath {
  if (req.kind === 'call') {
    const args = argsOf(req);
    if (onI386(o, args)) return i386RpcPath(L, o.i386!, args);
    return { ...rpcPath(L, args, o), context: L.client.space };
  }
  const op = req.call;
  if (op.startsWith(UNIX_PREFIX)) {
    const c = unixCall(op.slice(UNIX_PREFIX.length));
    const emul = emulation(L, c);
    if (c.emulator !== undefined) return { clientOut: emul, server: [], clientBack: [], context: L.client.space };
    const p = rpcPath(L, GENERIC_ARGS, o, serverWork(L, c, { trap: false, serverInKernel: o.serverInKernel }));
    return { ...p, clientOut: [...emul, ...p.clientOut], context: L.client.space };
  }
  if (KERNEL_CALL_OPS.includes(op)) return kernelCallPath(L, op, o);
  throw new Error(`no Mach system call '${op}' (calls: ${UNIX_PREFIX}<name>, ${KERNEL_CALL_OPS.join(', ')})`);
}
