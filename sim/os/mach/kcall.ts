// Mach kernel calls made by a task (the Unix server) to the microkernel (inks §3.2, §4.4 Table 5):
// a trapping system call (a do-nothing task_terminate(NULL)) through the standard system call
// path, or, for a server loaded into the kernel, through the lighter kernel-to-kernel path; and a
// kernel call by message, which runs the first half of a Mach RPC into the kernel's own port, the
// kernel's MIG server for the call, and the second half back. The message path reuses the RPC
// stages' path lengths (Table 1); only the kernel-object dispatch and the trap paths are new.

import { CodeArea, copy, instr, read, rti, step, trap, write, type Page, type Step, type Work } from '../../hw/index.js';
import { HEADER_BYTES, RETCODE_BYTES, replyBytes, requestBytes, type Arg } from './args.js';
import type { MachLayout, MachTask } from './layout.js';
import { bcopy, code, copyWords, enterSegments, kernelCopy, leaveSegments, restoreRegisters, saveRegisters } from './mix.js';
import { INSTRUCTION_BYTES, type SideStep } from './rpc.js';
import { COPY_SUFFIX, RPC_PATH as R } from './stages.js';

export const KCALL = {
  /**
   * [6.86 us = 460 cycles at 67 MHz] the standard system call path's own work besides the trap,
   * the 48-word save and restore, the return and the do-nothing routine: 460 - 5 - 48 - 48 - 5 - 10
   * = 344 instructions, split as entry and dispatch 224, exit 120 (the split is a guess).
   */
  trapEntry: 224,
  trapExit: 120,
  /** task_terminate with a null task: test the argument, return an error (guess: 10 instructions). */
  nullRoutine: 10,
  /**
   * [4.75 us = 318 cycles] the lighter kernel-to-kernel path of an in-kernel server (§3.2): no
   * emulated-call test, a partial save of 16 callee-saved registers for continuations and their
   * restore, a stack switch and the argument copy, then the same routine: 318 - 16 - 16 - 10 - 2
   * - 2 x stackSwitch = 234 instructions of its own.
   */
  lightPath: 234,
  /** guess: switching to a kernel stack and back, about 20 instructions each way (§3.2). */
  stackSwitch: 20,
  /** guess: registers saved for continuations (callee-saved general registers of the PA-RISC calling convention). */
  continuationWords: 16,
  /** guess: ipc_kobject_server: find the kernel object, the MIG demux, the kernel stub and reply set-up, about 100 instructions. */
  kobjectServer: 100,
  /**
   * derived: returning to a thread in kernel mode saves what Table 1 shows for stage 9 in the
   * kernel: 443 - 404 = 39 cycles, of which 5 are the return from interruption: 34 instructions.
   */
  kernelModeReturnSaves: 34,
  /**
   * mach_thread_self's own work (Mach 3.0 kern/ipc_tt.c): make a send right to the current
   * thread's self port (ipc_port_make_send under the port's lock: a reference and a send-right
   * count) and copy it out into the caller's port name space (ipc_port_copyout_send: the reverse
   * lookup of the port's entry, its user references, or a new entry). derived: the receiver's red
   * tape of inks Table 1 stage 8 (RPC_PATH.redTapeReceive, 118 instructions) does the same kind of
   * work, turning the request's port rights into names in the receiving space with their
   * reference counts; plus current_thread() and the thread's lock around its self port (guess: 12
   * instructions): 130.
   */
  threadSelf: R.redTapeReceive + 12,
} as const;

export const KCALL_LABELS = {
  trapEnter: 'Mach trap: enter the kernel, dispatch',
  trapRoutine: 'Mach trap: kernel routine (task_terminate of a null task)',
  trapExit: 'Mach trap: return',
  threadSelf: 'Mach trap: mach_thread_self (make a send right to the thread port, copy it out)',
  lightEnter: 'INKS server-to-kernel call: save, switch to a kernel stack',
  lightExit: 'INKS server-to-kernel call: switch back, restore',
  msgStub: 'Mach kernel call: stub and mach_msg_trap entry',
  msgCopyin: 'Mach kernel call: copyin request',
  msgRedTape: 'Mach kernel call: red tape',
  msgKobject: 'Mach kernel call: kernel object server',
  msgCopyout: 'Mach kernel call: copyout reply, return',
  msgStubAfter: 'Mach kernel call: stub after mach_msg_trap',
} as const;

/** A do-nothing Mach system call by trap from `caller`; a caller in the kernel takes the lighter path. */
export function kernelTrapCall(L: MachLayout, caller: MachTask, callerInKernel: boolean, ownStack = false): SideStep[] {
  const kc = new CodeArea(L.trapCode, INSTRUCTION_BYTES, 4096);
  const K = KCALL_LABELS;
  if (!callerInKernel) {
    return [
      { side: 'kernel', step: step(K.trapEnter, [trap(), ...saveRegisters(caller.thread, R.savedWords), ...enterSegments(), ...code(KCALL.trapEntry), write(caller.kernelStack, 0xe00, 32)], kc) },
      { side: 'kernel', step: step(K.trapRoutine, [...code(KCALL.nullRoutine), read(caller.task, 0)], kc) },
      { side: 'kernel', step: step(K.trapExit, [...code(KCALL.trapExit), ...restoreRegisters(caller.thread, R.savedWords), ...leaveSegments(), rti()], kc) },
    ];
  }
  // The prototype of footnote 6 stays on the server's own stack: no stack switch, no argument
  // copy, no registers saved for continuations.
  const switching = !ownStack;
  return [
    {
      side: 'kernel',
      step: step(
        K.lightEnter,
        [
          ...code(KCALL.lightPath),
          ...(switching
            ? [...saveRegisters(caller.thread, KCALL.continuationWords, 0x400), ...code(KCALL.stackSwitch), ...copyWords(1, caller.stack, 0x80, caller.kernelStack, 0xe00)]
            : []),
        ],
        kc,
      ),
    },
    { side: 'kernel', step: step(K.trapRoutine, [...code(KCALL.nullRoutine), read(caller.task, 0)], kc) },
    {
      side: 'kernel',
      step: step(K.lightExit, switching ? [...code(KCALL.stackSwitch), ...restoreRegisters(caller.thread, KCALL.continuationWords, 0x400)] : [instr('alu')], kc),
    },
  ];
}

/**
 * The mach_thread_self system call from a user task (l3 §5.6 measures it on the 486): the standard
 * Mach trap path around the routine that returns a send right to the calling thread's port.
 */
export function threadSelfCall(L: MachLayout, caller: MachTask): SideStep[] {
  const [enter, , exit] = kernelTrapCall(L, caller, false);
  return [enter, { side: 'kernel', step: threadSelfRoutine(L, caller, KCALL_LABELS.threadSelf) }, exit];
}

/** mach_thread_self's routine alone, as the PA-RISC path counts it (the i386 path has its own count, i386.ts). */
export function threadSelfRoutine(L: MachLayout, caller: MachTask, label: string): Step {
  const kc = new CodeArea(L.trapCode, INSTRUCTION_BYTES, 4096);
  const routine: Work[] = [
    ...code(KCALL.threadSelf),
    read(caller.thread, 0x300, 8),
    read(L.ports, 0x200, 16),
    write(L.ports, 0x200, 8),
    read(caller.ipcSpace, 0x100, 16),
    write(caller.ipcSpace, 0x100, 4),
  ];
  return step(label, routine, kc);
}

/**
 * A Mach kernel call by message from `caller` with the given arguments (a vm_read / vm_write moves
 * data in the request or the reply): the RPC's first half into the kernel, its kernel-object
 * server, the second half back.
 */
export function kernelMsgCall(
  L: MachLayout,
  caller: MachTask,
  callerInKernel: boolean,
  args: readonly Arg[],
  /** The memory the call reads or writes for the caller (another task's, for vm_read / vm_write). */
  target?: Page,
): SideStep[] {
  const req = requestBytes(args);
  const rep = replyBytes(args);
  const uc = new CodeArea(caller.code, INSTRUCTION_BYTES, 6144);
  const mc = new CodeArea(L.msgCode, INSTRUCTION_BYTES, 8192);
  const K = KCALL_LABELS;
  const s = (side: SideStep['side'], label: string, work: Work[], area: CodeArea): SideStep => ({ side, step: step(label, work, area) });
  const copies = (label: string, work: Work[], area: CodeArea): SideStep[] =>
    work.length ? [{ side: 'kernel', step: step(label + COPY_SUFFIX, work, area) }] : [];
  const argBytes = (f: (a: Arg) => boolean): number => args.filter(f).reduce((n, a) => n + a.bytes, 0);
  const inBytes = argBytes((a) => a.kind === 'in' || a.kind === 'inout');
  const outBytes = argBytes((a) => a.kind === 'out' || a.kind === 'inout');
  const entry: Work[] = callerInKernel
    ? [...saveRegisters(caller.thread, R.savedWords), ...code(R.serverTrapEntryInKernel)]
    : [trap(), ...saveRegisters(caller.thread, R.savedWords), ...enterSegments(), ...code(R.trapEntry)];
  const exit: Work[] = callerInKernel
    ? [...restoreRegisters(caller.thread, R.savedWords), ...code(R.copyoutReturn - KCALL.kernelModeReturnSaves)]
    : [...restoreRegisters(caller.thread, R.savedWords), ...code(R.copyoutReturn), ...leaveSegments(), rti()];
  const steps: (SideStep | SideStep[])[] = [
    s('kernel', K.msgStub, [...code(R.callStub + R.stubBefore + args.length * R.putDescriptor), write(caller.request, 0, HEADER_BYTES), ...entry, ...code(R.beforeCopyin)], uc),
    ...copies(K.msgStub, bcopy(inBytes, caller.args, 0, caller.request, HEADER_BYTES + 4), uc),
    s('kernel', K.msgCopyin, [], mc),
    ...copies(K.msgCopyin, kernelCopy(req, R.copyinRequest, caller.request, 0, L.kmsg, 0), mc),
    s('kernel', K.msgRedTape, [...code(R.redTapeSend + R.redTapeReplySend + R.redTapeReplyReceive), read(caller.ipcSpace, 0x40, 16), read(L.ports, 0x180, 32)], mc),
    s('kernel', K.msgKobject, [...code(KCALL.kobjectServer), read(L.kmsg, 0, HEADER_BYTES), write(L.kmsg, 0, HEADER_BYTES + RETCODE_BYTES)], mc),
    // vm_write puts the request's data into the target's memory; vm_read fetches the reply's from it.
    ...copies(K.msgKobject, target ? [...(inBytes ? [copy(inBytes, L.kmsg, target, HEADER_BYTES + 4, 0)] : []), ...(outBytes ? [copy(outBytes, target, L.kmsg, 0, HEADER_BYTES + RETCODE_BYTES + 4)] : [])] : [], mc),
    s('kernel', K.msgCopyout, exit, mc),
    ...copies(K.msgCopyout, kernelCopy(rep, 0, L.kmsg, 0, caller.reply, 0), mc),
    s('kernel', K.msgStubAfter, [...code(R.stubAfter + R.returnStub + args.length * R.checkDescriptor), read(caller.reply, 0, HEADER_BYTES + RETCODE_BYTES)], uc),
    ...copies(K.msgStubAfter, bcopy(outBytes, caller.reply, HEADER_BYTES + RETCODE_BYTES + 4, caller.args, 0), uc),
  ];
  return steps.flat();
}

