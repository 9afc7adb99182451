// L3's clock interrupt and wake-up lists (l3 §5.3.3, §5.3.4): threads waiting with a real timeout
// sit in one of n unordered wake-up lists (wakeup time mod n); each clock tick inspects one list,
// wakes the threads whose time has come and, lazily, drops entries of threads no longer waiting.
// A hardware interrupt is one of the three moments a ready thread loses the processor, so the
// interrupted thread is put into the ready queue if it is not there (§5.3.4's invariant).

import { instr, read, rti, trap, write, type Step } from '../../sim/hw/index.js';
import type { Codes } from './entry.js';
import { TABLES, TCB, type FullLayout, type FullThread } from './full-layout.js';

export function interruptEntry(c: Codes, L: FullLayout, current: FullThread): Step {
  // An external interrupt through an interrupt gate: as INT, the frame goes onto the current kernel stack.
  return c.entry.step('clock: interrupt', [
    trap(),
    read(L.idt, TABLES.idtGate + 0x100, 8),
    read(L.gdt, TABLES.gdtKernel, 8),
    read(L.tss, TABLES.tssEsp0, 8),
    write(current.stack, current.stackTop - 0x60, 20),
    instr('st', 2),
    write(L.kernelData, 0xc60, 8),
  ]);
}

/** The interrupted thread is ready: is it in the ready queue? (insert it if not). */
export function readyInvariant(c: Codes, L: FullLayout, current: FullThread, insert: boolean): Step {
  return c.ipc.step(insert ? 'clock: insert current into ready queue' : 'clock: current already queued', [
    instr('ld'),
    read(current.tcb, TCB.flags),
    instr('cmp'),
    instr('jcc'),
    ...(insert ? [instr('ld'), read(L.kernelData, TABLES.readyHead + 4), instr('st', 4), write(current.tcb, TCB.readyLink, 8), instr('st'), write(L.kernelData, TABLES.readyHead + 4)] : []),
  ]);
}

/** One wake-up list entry: its wakeup time against now, then the link to the next. */
export function inspectEntry(c: Codes, t: FullThread): Step {
  return c.ipc.step('clock: inspect wakeup entry', [instr('ld'), read(t.tcb, TCB.wakeupLink, 8), instr('cmp'), instr('jcc'), instr('ld')]);
}

/** A stale entry (the thread no longer waits): unlink it (§5.3.4's lazy deletion). */
export function dropEntry(c: Codes, t: FullThread): Step {
  return c.ipc.step('clock: drop stale wakeup entry', [instr('ld', 2), read(t.tcb, TCB.wakeupLink, 8), instr('st', 2), write(t.tcb, TCB.wakeupLink, 8)]);
}

/** The thread's time has come: it becomes ready and enters the ready queue. */
export function wake(c: Codes, L: FullLayout, t: FullThread): Step {
  return c.ipc.step('clock: wake thread', [
    instr('st'),
    write(t.tcb, TCB.state),
    instr('ld'),
    read(L.kernelData, TABLES.readyHead + 4),
    instr('st', 3),
    write(t.tcb, TCB.readyLink, 8),
    write(L.kernelData, TABLES.readyHead + 4),
  ]);
}

export function interruptReturn(c: Codes, current: FullThread, L: FullLayout): Step {
  return c.entry.step('clock: return from interrupt', [rti(), read(current.stack, current.stackTop - 0x60, 20), read(L.gdt, TABLES.gdtUser, 16)]);
}

/** An IPC with a real timeout enters its thread into the wake-up list of its wakeup time (lazily: only if not there). */
export function enterWakeupList(c: Codes, L: FullLayout, t: FullThread, insert: boolean): Step {
  return c.ipc.step(insert ? 'ipc: enter wakeup list' : 'ipc: wakeup entry still listed', [
    instr('ld'),
    read(L.kernelData, 0xc60),
    instr('alu', 2),
    instr('st'),
    write(t.tcb, TCB.wakeupLink + 8),
    instr('ld'),
    read(t.tcb, TCB.flags),
    instr('jcc'),
    ...(insert ? [instr('ldx'), read(L.kernelData, 0xc80, 4), instr('st', 3), write(t.tcb, TCB.wakeupLink, 8), write(L.kernelData, 0xc80, 4)] : []),
  ]);
}
