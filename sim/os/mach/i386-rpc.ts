// A Mach 3.0 RPC and a Mach system call on an x86 machine (l3 §5.6, §6, Tables 2 and 7), built
// from the i386 path counted from source (i386.ts): the user's mach_msg, the call gate into
// locore's system-call entry, mach_msg_trap's fast path, copyinmsg, thread_handoff with
// stack_handoff (the address-space switch), the receiver's half of the fast path, copyoutmsg,
// thread_syscall_return and the iret. A raw message of n bytes goes each way, as in the L3
// paper's ping-pong; the same work in both directions except the port rights (a request carries
// a reply right, a reply consumes it). The mach_thread_self system call runs the same entry and
// exit around its routine, counted from the same source.

import { CodeArea, copy, inIsa, loadContext, read, rti, step, trap, write, type Page, type Step, type Work } from '../../hw/index.js';
import { CODE_DENSITY } from '../../hw/porting.js';
import type { System } from '../index.js';
import { HEADER_BYTES, requestBytes, type Arg } from './args.js';
import { add, I386 as X, THREAD_SELF_PIECES, x86, type Counts } from './i386.js';
import type { MachLayout, MachTask } from './layout.js';
import { regionPages } from './layout.js';
import { code } from './mix.js';
import type { RpcPath, Side, SideStep } from './rpc.js';
import { COPY_SUFFIX, RPC_PATH as P } from './stages.js';

/**
 * Pages only the i386 path touches: the GDT with the kernel TSS and LDT descriptors, and the TSS;
 * and the page directory and one page table of each task, which copyoutmsg reads through the
 * kernel's map of physical memory (four pages: client directory, client table, server directory,
 * server table).
 */
export interface I386Layout {
  descriptors: Page;
  pageTables: Page;
}

/** Laid out after the common layout, so machines of other ISAs keep their frames. */
export function layOutI386(sys: System): I386Layout {
  return {
    descriptors: sys.hw.kernel.page('i386 GDT, LDT and kernel TSS', regionPages(sys)),
    pageTables: sys.hw.kernel.page('i386 page directories and page tables (kernel map)', regionPages(sys, 4)),
  };
}

/**
 * copyout's two table reads for the receiver's message buffer: its directory entry and its page-
 * table entry. Where in the two pages they fall is a guess (low user addresses: directory entry 0;
 * table entry 32, a buffer at 128 KB); what the model takes from it is two more pages touched
 * after the CR3 load and two more lines in the cache.
 */
function pageWalk(L: MachLayout, D: I386Layout, t: MachTask): Work[] {
  const base = (t === L.client ? 0 : 2) * 4096;
  return [read(D.pageTables, base, 4), read(D.pageTables, base + 4096 + 32 * 4, 4)];
}

/** The rows of an x86 Mach RPC, one direction (the reply repeats them with "(reply)"). */
export const I386_STEPS = {
  userSend: 'user: header, mach_msg, mach_msg_trap stub',
  entry: 'locore: call gate, system-call entry, argument copy',
  syscallEntry: 'locore: call gate, system-call entry, dispatch',
  before: 'mach_msg_trap: fast_get, port rights in, enqueue',
  copyin: 'copyinmsg',
  handoff: 'thread_handoff, stack_handoff: switch to the receiver',
  after: 'mach_msg_trap: as the receiver, names out, fast_put',
  copyout: 'copyoutmsg',
  exit: 'thread_syscall_return, return to user (iret)',
  userReceive: 'user: mach_msg returns, loop',
  threadSelf: 'mach_thread_self: retrieve_thread_self_fast, ipc_port_copyout_send (reverse hash lookup, one more user reference)',
  callReturn: 'locore: mach_call_call return, return to user (iret)',
} as const;

const BYTES = CODE_DENSITY.x86.bytes;

interface Dir {
  from: MachTask;
  to: MachTask;
  reply: boolean;
  bytes: number;
  /** The raw message's data bytes (besides header and descriptor). */
  data: number;
}

function builder(L: MachLayout) {
  const trapCode = new CodeArea(L.trapCode, BYTES, 4096);
  const msgCode = new CodeArea(L.msgCode, BYTES, 4096);
  const userCode = (t: MachTask) => new CodeArea(t.code, BYTES, 8192);
  const s = (side: Side, label: string, work: Work[], area: CodeArea): SideStep => ({ side, step: inIsa('x86', step(label, work, area)) });
  const tag = (d: Dir, label: string) => (d.reply ? `${label} (reply)` : label);
  const big = (d: Dir) => d.bytes > X.savedKmsgBytes;
  return { trapCode, msgCode, userCode, s, tag, big };
}

/** The sender's half: user, call gate, locore, mach_msg_trap to the handoff, which switches spaces. */
function sendHalf(L: MachLayout, D: I386Layout, d: Dir): SideStep[] {
  const { trapCode, msgCode, userCode, s, tag, big } = builder(L);
  const f = d.from;
  const side: Side = d.reply ? 'server' : 'client';
  const args = X.msgTrapArguments;
  const perArgs: Counts = Object.fromEntries(Object.entries(X.perArgument).map(([k, n]) => [k, n * args]));
  const before = d.reply ? X.replyBeforeHandoff : X.requestBeforeHandoff;
  const copies: Work[] = [copy(d.bytes, f.request, L.kmsg, 0, 0)];
  return [
    s(side, tag(d, I386_STEPS.userSend), [...x86(X.userSend), write(f.request, 0, HEADER_BYTES), ...(d.data > 0 ? [write(f.request, HEADER_BYTES + 4, d.data)] : []), write(f.stack, 0x80, 56)], userCode(f)),
    s('kernel', tag(d, I386_STEPS.entry), [trap(), ...x86(add(X.syscallEntry, X.withArguments, X.argumentCopy, perArgs)), write(f.thread, 0xe00, 68), read(f.thread, 0x300, 4), read(f.task, 0, 8), read(f.stack, 0x80, 28), write(f.kernelStack, 0xf00, 28)], trapCode),
    s('kernel', tag(d, I386_STEPS.before), [
      ...x86(before),
      ...(big(d) ? [...code(P.kalloc), write(L.kmsgZone, 0, 16)] : [read(L.runQueue, 0, 4), write(L.runQueue, 0, 4)]),
      read(f.kernelStack, 0xf00, 28), read(L.kmsg, 0, HEADER_BYTES), read(f.ipcSpace, 0x40, 32), write(L.ports, 0x100, 16), read(L.ports, 0x140, 32), write(f.thread, 0x200, 16), read(d.to.thread, 0x200, 16), write(L.kmsg, 0, HEADER_BYTES),
    ], msgCode),
    s('kernel', tag(d, I386_STEPS.copyin), x86(X.copyinmsg), msgCode),
    s('kernel', tag(d, I386_STEPS.copyin) + COPY_SUFFIX, copies, msgCode),
    s('kernel', tag(d, I386_STEPS.handoff), [
      ...x86(add(X.handoff, X.spl)), read(f.thread, 0x280, 16), write(f.thread, 0x280, 8), read(d.to.thread, 0x280, 16), write(d.to.thread, 0x280, 8),
      write(L.runQueue, 0x40, 16), read(D.descriptors, 0x30, 8), write(D.descriptors, 0x800, 4), loadContext(d.to.space),
    ], msgCode),
  ];
}

/** The receiver's half, run by the thread that received the kernel stack: names out, copyout, iret, user. */
function receiveHalf(L: MachLayout, D: I386Layout, d: Dir): SideStep[] {
  const { trapCode, msgCode, userCode, s, tag, big } = builder(L);
  const t = d.to;
  const side: Side = d.reply ? 'client' : 'server';
  const after = d.reply ? X.replyAfterHandoff : X.requestAfterHandoff;
  return [
    s('kernel', tag(d, I386_STEPS.after), [...x86(after), read(t.thread, 0x200, 16), read(t.ipcSpace, 0x40, 16), write(t.ipcSpace, 0x40, 8), write(L.ports, 0x100, 8), write(L.kmsg, 0, HEADER_BYTES)], msgCode),
    s('kernel', tag(d, I386_STEPS.copyout), [...x86(X.copyoutmsg), ...pageWalk(L, D, t), ...(big(d) ? [...code(P.kfree), write(L.kmsgZone, 0, 16)] : [])], msgCode),
    s('kernel', tag(d, I386_STEPS.copyout) + COPY_SUFFIX, [copy(d.bytes, L.kmsg, t.request, 0, 0)], msgCode),
    s('kernel', tag(d, I386_STEPS.exit), [...x86(add(X.threadSyscallReturn, X.returnToUser)), read(t.thread, 0xe00, 68), rti()], trapCode),
    s(side, tag(d, I386_STEPS.userReceive), [...x86(X.userReceive), read(t.request, 0, HEADER_BYTES + (d.data > 0 ? 4 + d.data : 0)), read(t.stack, 0x80, 16)], userCode(t)),
  ];
}

/** One raw-message RPC on the i386: request client → server, reply server → client. */
export function i386RpcPath(L: MachLayout, D: I386Layout, args: readonly Arg[]): RpcPath {
  const data = args.reduce((n, a) => n + a.bytes, 0);
  const bytes = requestBytes(args);
  const request: Dir = { from: L.client, to: L.server, reply: false, bytes, data };
  const reply: Dir = { from: L.server, to: L.client, reply: true, bytes, data };
  return {
    clientOut: sendHalf(L, D, request),
    server: [...receiveHalf(L, D, request), ...sendHalf(L, D, reply)],
    clientBack: receiveHalf(L, D, reply),
    context: L.client.space,
  };
}

/**
 * A Mach system call without arguments from the user task (mach_thread_self, l3 §5.6): the
 * stub, the call gate and locore's entry with its dispatch, the routine (a step of its own, with
 * the ISA it was counted in: mach_thread_self's is counted for the i386 below), mach_call_call's
 * return and the iret.
 */
export function i386SystemCall(L: MachLayout, caller: MachTask, routine: Step): SideStep[] {
  const trapCode = new CodeArea(L.trapCode, BYTES, 6144);
  const s = (side: Side, label: string, work: Work[], area: CodeArea): SideStep => ({ side, step: inIsa('x86', step(label, work, area)) });
  // The stub: movl $trap,%eax; lcall; ret (mach/i386/syscall_sw.h kernel_trap).
  return [
    s('kernel', I386_STEPS.syscallEntry, [...x86({ alu: 1 }), trap(), ...x86(add(X.syscallEntry, X.noArguments)), write(caller.thread, 0xe00, 68), read(caller.thread, 0x300, 4), read(caller.task, 0, 8)], trapCode),
    { side: 'kernel', step: routine },
    s('kernel', I386_STEPS.callReturn, [...x86(add(X.callReturn, X.returnToUser)), read(caller.thread, 0xe00, 68), rti(), ...x86({ ret: 1 })], trapCode),
  ];
}

/**
 * mach_thread_self's routine as counted from the 1993 CMU source (i386.ts, THREAD_SELF_PIECES), with
 * the data it touches. Kernel pages: the kernel's data (active_threads[0], taken in the page of the
 * run queues), the calling thread (thread->task, ith_self and ith_sself), its task (itk_space), the
 * thread's kernel port among the ports (io_references and io_bits, ip_receiver, ip_srights: two
 * read-modify-writes of each count, up in retrieve_thread_self_fast and down in
 * ipc_right_copyout), the task's IPC space (is_active, is_table, is_table_size) and its entry
 * table, whose ie_index fields are the local reverse hash: the probe's slot, then the entry found
 * (ie_object, ie_bits, and ie_bits written with one more user reference); and the kernel stack the
 * six calls' frames take (about 190 bytes). The table is taken in the space's page, as the RPC
 * path takes it (the 1993 kernel kallocs is_table apart from the ipc_space zone element); the
 * fields' offsets follow the structures of the tree's headers; which table slots the probe and the
 * entry fall in (13 and 6) is a guess. The routine's code is the IPC files' text, in the third page of
 * the mach_msg_trap code region, 1 KB into it: the ipc files' text lies elsewhere in the kernel
 * image than locore's, and at the page's start it would share the on-chip cache's sets with the
 * entry's code by accident of both starting a page (3 + 2 misses per call in a closed loop).
 */
function threadSelfRoutine386(L: MachLayout, caller: MachTask): Step {
  const ipcCode = new CodeArea(L.msgCode, BYTES, 8192 + 1024);
  const table = 0x40;
  const entry = table + 6 * 16;
  const probe = table + 13 * 16;
  const port = 0x200;
  const counts = add(...THREAD_SELF_PIECES.map((p) => X[p]));
  const work: Work[] = [
    ...x86(counts),
    write(caller.kernelStack, 0xe40, 192),
    read(caller.kernelStack, 0xe40, 192),
    read(L.runQueue, 0x80, 4),
    read(caller.thread, 0x0c, 4),
    read(caller.thread, 0xb0, 8),
    read(caller.task, 0x60, 4),
    read(L.ports, port, 12),
    read(L.ports, port + 0x18, 4),
    write(L.ports, port, 4),
    write(L.ports, port + 0x18, 4),
    read(caller.ipcSpace, 4, 16),
    read(caller.ipcSpace, probe + 12, 4),
    read(caller.ipcSpace, entry, 8),
    write(caller.ipcSpace, entry, 4),
  ];
  return inIsa('x86', step(I386_STEPS.threadSelf, work, ipcCode));
}

/** The mach_thread_self system call on the i386: locore's entry, the counted routine, locore's return. */
export function i386ThreadSelf(L: MachLayout, caller: MachTask): SideStep[] {
  return i386SystemCall(L, caller, threadSelfRoutine386(L, caller));
}
