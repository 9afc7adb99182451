// The OSF/1 single server behind Unix system calls (inks §3.3, §4.4 Table 4). A program's Unix
// system call traps into Mach, which redirects it to the emulator in the program's own address
// space; calls the emulator cannot answer itself (getpid can) go to the server with a hand-rolled
// generic RPC carrying the call number and arguments, or, with the server in the kernel, with a
// generic INKS trap. The server does the call's work and moves user data: reached by message, it
// arranges each transfer with a Mach kernel call by message; after a trap, the calling thread runs
// in it and uses the kernel's copyin and copyout.

import { CodeArea, copy, rti, step, trap, write, read, type Page } from '../../hw/index.js';
import type { Arg } from './args.js';
import type { MachLayout } from './layout.js';
import { code, enterSegments, kernelCopy, leaveSegments, loopStep, restoreRegisters, saveRegisters } from './mix.js';
import { kernelMsgCall } from './kcall.js';
import { INSTRUCTION_BYTES, type SideStep } from './rpc.js';
import { KERNEL_COPY, RPC_PATH as R } from './stages.js';

export interface UnixCall {
  /** Answered by the emulator with this many instructions of its own; the server is not called. */
  emulator?: number;
  /** User memory the server reads (in) or writes (out), in order. */
  copies?: { dir: 'in' | 'out'; bytes: number }[];
  /** The call's own work in the emulator and server, in instructions (see UNIX_WORK). */
  work?: number;
}

export const EMULATION = {
  /**
   * [nop (emulator) 11.3 us = 757 cycles at 67 MHz] the kernel's redirection of a Unix trap to
   * the emulator and the emulator's entry and return, besides the trap, the 48-word save and
   * restore and the return: 757 - 5 - 48 - 48 - 5 = 651 instructions, split 300 in the kernel
   * and 351 in the emulator (the split is a guess).
   */
  redirect: 300,
  emulator: 351,
  /** derived: getpid 11.9 us - nop (emulator) 11.3 us = 0.6 us = 40 cycles of emulator work. */
  getpid: 40,
} as const;

/** The generic server call: the call number and six argument words in; two return values and an error out. */
export const GENERIC_ARGS: readonly Arg[] = [
  { kind: 'value', bytes: 28 },
  { kind: 'out', bytes: 12 },
];

/**
 * The message-reached server's receive loop around each call (cthreads service loop, request
 * demultiplexing to the generic handler, uthread set-up): absent on the trap path, where the
 * kernel calls the server stub directly. Calibrated from Table 4 nop (server), unoptimised:
 * 92.7 us x 67 = 6211 cycles - 3379 simulated with no work and no loop - 1415 (UNIX_WORK.nop) = 1417.
 */
export const SERVER_LOOP = 1417;

/**
 * Instructions of each call's own work (emulator and server), calibrated from the trapping INKS
 * column of Table 4: the paper's time x 67 cycles/us less the simulated trapping call with no
 * work (in brackets), e.g. nop (server) 44.6 us x 67 = 2988 - [1573] = 1415.
 */
export const UNIX_WORK: Record<string, number> = {
  /** 44.6 us: 2988 - [1573]. */
  nop: 1415,
  /** 42.5 us: 2848 - [1573]. */
  getgid: 1275,
  /** 58.7 us: 3933 - [1671]. */
  setrlimit: 2262,
  /** 183.5 us: 12295 - [1724]. */
  read64: 10571,
  /** 682.4 us: 45721 - [5756]. */
  read4096: 39965,
  /** 90.5 us: 6064 - [1727]. */
  write64: 4337,
  /** 396.5 us: 26566 - [5759]. */
  write4096: 20807,
  /** 180.9 us: 12120 - [1846]. */
  stat: 10274,
  /** 317.2 us: 21252 - [1695]. */
  create: 19557,
  /** 269.1 us: 18030 - [1774]. */
  signal: 16256,
};

/** Table 4's calls, with the user data each moves (guess: what the Unix semantics of the call require). */
export const UNIX_CALLS: Record<string, UnixCall> = {
  'nop-emulator': { emulator: 0 },
  getpid: { emulator: EMULATION.getpid },
  'nop-server': { work: UNIX_WORK.nop },
  getgid: { work: UNIX_WORK.getgid },
  // struct rlimit in.
  setrlimit: { work: UNIX_WORK.setrlimit, copies: [{ dir: 'in', bytes: 8 }] },
  read64: { work: UNIX_WORK.read64, copies: [{ dir: 'out', bytes: 64 }] },
  read4096: { work: UNIX_WORK.read4096, copies: [{ dir: 'out', bytes: 4096 }] },
  write64: { work: UNIX_WORK.write64, copies: [{ dir: 'in', bytes: 64 }] },
  write4096: { work: UNIX_WORK.write4096, copies: [{ dir: 'in', bytes: 4096 }] },
  // The path name in, struct stat (64 bytes in OSF/1) out.
  stat: { work: UNIX_WORK.stat, copies: [{ dir: 'in', bytes: 32 }, { dir: 'out', bytes: 64 }] },
  // The path name in.
  create: { work: UNIX_WORK.create, copies: [{ dir: 'in', bytes: 32 }] },
  // struct sigvec in, the old one out.
  signal: { work: UNIX_WORK.signal, copies: [{ dir: 'in', bytes: 12 }, { dir: 'out', bytes: 12 }] },
};

/** Where the server's Unix code sits in its code pages, and (guess) the bytes of code one call runs through. */
const UNIX_CODE_AT = 8192;
const SYSCALL_FOOTPRINT = 2048;

export const UNIX_LABELS = {
  redirect: 'Unix trap, redirected to the emulator',
  emulator: 'emulator: decode, answer or call the server, return',
  loop: 'OSF/1 server: receive loop and dispatch',
  work: 'OSF/1 server: system call work',
  copyin: 'OSF/1 server: copyin user data',
  copyout: 'OSF/1 server: copyout user data',
} as const;

export function unixCall(name: string): UnixCall {
  const c = UNIX_CALLS[name];
  if (!c) throw new Error(`unknown Unix call '${name}' (calls: ${Object.keys(UNIX_CALLS).join(', ')})`);
  return c;
}

/** The trap and its redirection to the emulator, and the emulator's own work. */
export function emulation(L: MachLayout, c: UnixCall): SideStep[] {
  const kc = new CodeArea(L.trapCode, INSTRUCTION_BYTES, 6144);
  const ec = new CodeArea(L.client.code, INSTRUCTION_BYTES, 4096);
  const u = L.client;
  return [
    {
      side: 'kernel',
      step: step(UNIX_LABELS.redirect, [trap(), ...saveRegisters(u.thread, R.savedWords), ...enterSegments(), ...code(EMULATION.redirect), ...restoreRegisters(u.thread, R.savedWords), ...leaveSegments(), rti()], kc),
    },
    { side: 'client', step: step(UNIX_LABELS.emulator, [...code(EMULATION.emulator + (c.emulator ?? 0)), read(u.stack, 0x200, 32), write(u.stack, 0x200, 32)], ec) },
  ];
}

/**
 * The server's side of a call. By message, user data moves by Mach kernel calls from the server
 * (in the kernel: the lighter entry); after a trap, by copyin and copyout into the service stack.
 */
export function serverWork(L: MachLayout, c: UnixCall, how: { trap: boolean; serverInKernel: boolean; stack?: Page }): SideStep[] {
  const s = L.server;
  const sc = new CodeArea(s.code, INSTRUCTION_BYTES, UNIX_CODE_AT + 2 * SYSCALL_FOOTPRINT);
  const out: SideStep[] = [];
  if (!how.trap && SERVER_LOOP > 0) {
    out.push({ side: 'server', step: loopStep(UNIX_LABELS.loop, [...code(SERVER_LOOP), read(s.stack, 0x300, 32)], s.code, UNIX_CODE_AT, SYSCALL_FOOTPRINT) });
  }
  out.push({
    side: 'server',
    step: loopStep(UNIX_LABELS.work, [...code(c.work ?? 0), read(s.stack, 0x300, 64)], s.code, UNIX_CODE_AT + SYSCALL_FOOTPRINT, SYSCALL_FOOTPRINT),
  });
  for (const x of c.copies ?? []) {
    if (how.trap) {
      const local = how.stack ?? s.stack;
      const [label, overhead] = x.dir === 'in' ? [UNIX_LABELS.copyin, KERNEL_COPY.copyin] : [UNIX_LABELS.copyout, KERNEL_COPY.copyout];
      out.push({
        side: 'server',
        step: step(label, x.dir === 'in' ? kernelCopy(x.bytes, overhead, L.client.args, 0, local, 0x400) : kernelCopy(x.bytes, overhead, local, 0x400, L.client.args, 0), sc),
      });
    } else {
      // A kernel call by message arranges the transfer; the bytes themselves are copied once,
      // as on the trap path (inks footnote 2: Unix I/O goes through shared memory).
      out.push(...kernelMsgCall(L, s, how.serverInKernel, []));
      const [label, from, to] = x.dir === 'in' ? [UNIX_LABELS.copyin, L.client.args, s.stack] : [UNIX_LABELS.copyout, s.stack, L.client.args];
      out.push({ side: 'server', step: step(label, [copy(x.bytes, from, to, x.dir === 'in' ? 0 : 0x400, x.dir === 'in' ? 0x400 : 0)], sc) });
    }
  }
  return out;
}
