// The user stub and the kernel's entry and exit on the 486 (l3 §5.2.1, §5.4.2, §5.5.3, Table 6):
// the stub loads the IPC parameters into registers and issues INT; the processor reads the gate
// and descriptors and pushes the user frame onto the thread's kernel stack; the kernel checks the
// segment registers (or saves and reloads them); IRET pops the frame of the thread returned to.

import { flushCaches, instr, read, rti, trap, write, type Step } from '../../sim/hw/index.js';
import type { CodeMap } from './code.js';
import { MESSAGE_AT, TABLES, type FullLayout, type FullThread } from './full-layout.js';
import type { L3Options } from './options.js';

/** Where the stub's return address sits on the user stack. */
const USER_SP = 0xff0;
/** The user frame INT pushes: SS, ESP, EFLAGS, CS, EIP. */
export const FRAME_BYTES = 20;
/** The message dope (sizes) before the message bytes. */
export const DOPE_BYTES = 8;
/** Where the message bytes begin in the message variable's page. */
export const DATA_AT = MESSAGE_AT + DOPE_BYTES;

export interface Codes {
  ipc: CodeMap;
  entry: CodeMap;
  user: Map<string, CodeMap>;
  /** The processor can invalidate one TLB entry (the 486's INVLPG); otherwise the whole TLB is flushed. */
  invlpg: boolean;
}

export const userCode = (c: Codes, t: FullThread): CodeMap => c.user.get(t.name)!;

/** The experiment's flush of the on-chip cache before an IPC (no cost is charged for it). */
export function flushStep(c: Codes, t: FullThread): Step {
  return userCode(c, t).step('experiment: flush on-chip cache', [flushCaches(true)]);
}

/**
 * The sender's stub: the loop around it, the call of the stub, loading the registers of Table 6.
 * `shortMessage`: the message words are loaded into EBX and ECX from the message variable.
 */
export function userSend(c: Codes, s: FullThread, shortMessage: boolean, registers: number): Step[] {
  const u = userCode(c, s);
  return [
    // The ping-pong loop: count down, branch back, call the IPC stub (return address pushed).
    u.step('user: loop and call ipc stub', [instr('alu'), instr('jccTaken'), instr('call'), write(s.userStack, USER_SP)]),
    u.step('user: load ipc registers', [
      instr('ld', registers),
      ...(shortMessage ? [read(s.buffer, DATA_AT, 8)] : []),
    ]),
  ];
}

/** INT: gate, kernel code and stack descriptors, the TSS's kernel stack pointer; the user frame is pushed. */
export function callKernel(c: Codes, L: FullLayout, s: FullThread): Step {
  return userCode(c, s).step('user: call kernel', [
    trap(),
    read(L.idt, TABLES.idtGate, 8),
    read(L.gdt, TABLES.gdtKernel, 8),
    read(L.tss, TABLES.tssEsp0, 8),
    write(s.stack, s.stackTop - FRAME_BYTES, FRAME_BYTES),
  ]);
}

/** §5.5.3: on entry, check that DS and ES hold the flat descriptor; or save all four and load flat ones. */
export function segmentsOnEntry(c: Codes, L: FullLayout, s: FullThread, o: L3Options): Step[] {
  if (o.segments === 'none') return [];
  if (o.segments === 'check') {
    return [c.entry.step('kernel entry: segment check', [instr('segRead'), instr('cmp'), instr('jcc'), instr('segRead'), instr('cmp'), instr('jcc')])];
  }
  return [
    c.entry.step('kernel entry: save and load segment registers', [
      instr('segPush', 4),
      write(s.stack, s.stackTop - FRAME_BYTES - 16, 16),
      instr('segLoad', 2),
      read(L.gdt, TABLES.gdtKernel + 8, 8),
    ]),
  ];
}

/** Leaving the kernel: the result code, restored segment registers when they were saved, IRET. */
export function returnToUser(c: Codes, L: FullLayout, r: FullThread, o: L3Options): Step[] {
  const out: Step[] = [c.entry.step('kernel exit: result code', [instr('alu')])];
  if (o.segments === 'reload') {
    out.push(
      c.entry.step('kernel exit: restore segment registers', [
        instr('segLoad', 4),
        read(r.frame, r.stackTop - FRAME_BYTES - 16, 16),
        read(L.gdt, TABLES.gdtUser + 16, 16),
      ]),
    );
  }
  out.push(
    c.entry.step('return to user', [rti(), read(r.frame, r.stackTop - FRAME_BYTES, FRAME_BYTES), read(L.gdt, TABLES.gdtUser, 16)]),
  );
  return out;
}

/** The receiver back in user mode: test the result, take the message, return from the stub. */
export function userReceive(c: Codes, r: FullThread, shortMessage: boolean): Step[] {
  const u = userCode(c, r);
  return [
    u.step('user: inspect msg', [
      instr('cmp'),
      instr('jcc'),
      ...(shortMessage ? [instr('st', 2), write(r.buffer, DATA_AT, 8)] : [instr('ld'), read(r.buffer, MESSAGE_AT, 4)]),
    ]),
    u.step('user: return from ipc stub', [instr('ret'), read(r.userStack, USER_SP)]),
  ];
}
