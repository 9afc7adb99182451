// Scheduling and the process switch in the full L3 path (l3 §5.3.4, §5.3.5, §5.5.6, §5.2.3):
// - lazy scheduling changes only the tcb state fields; strict scheduling deletes the sender from
//   the ready queue, inserts it into the wait queue, deletes the receiver from the wait queue and
//   inserts it into the ready queue (4 + 7 + 4 + 7 loads and stores, the links in the tcbs);
// - the direct switch changes the stack pointer (and the TSS's kernel stack bottom) and, when the
//   receiver lives elsewhere, the address space; the window entries are invalidated on the way.
// The queues hold the ping-pong pair and the system's other threads, so unlinking touches the
// neighbours' tcbs as it would in a running system.

import { instr, loadContext, read, write, type Step } from '../../sim/hw/index.js';
import type { Codes } from './entry.js';
import { TABLES, TCB, type FullLayout, type FullThread } from './full-layout.js';
import type { L3Options } from './options.js';

/** Page-directory entries of the communication window. */
const PDIR_WINDOW = 0x7f8;

/** The sender now waits (for the receiver's reply, or for anyone); the receiver runs. */
export function blockAndWake(c: Codes, L: FullLayout, s: FullThread, r: FullThread, o: L3Options): Step[] {
  const k = c.ipc;
  if (o.lazyScheduling) {
    return [k.step('scheduling: thread states', [instr('st'), write(s.tcb, TCB.state), instr('st'), write(r.tcb, TCB.state)])];
  }
  const { idle, background, driver } = L.others;
  return [
    // Ready queue [idle, background, s]: s's neighbours are background and idle.
    k.step('scheduling: delete sender from ready queue', [
      instr('ld', 2),
      read(s.tcb, TCB.readyLink, 8),
      instr('st'),
      write(background.tcb, TCB.readyLink + 4),
      instr('st'),
      write(idle.tcb, TCB.readyLink),
    ]),
    // Wait queue [pager, driver, r]: s goes to the tail, after r.
    k.step('scheduling: insert sender into wait queue', [
      instr('ld'),
      read(L.kernelData, TABLES.waitHead + 4),
      instr('st', 2),
      write(s.tcb, TCB.waitLink, 8),
      instr('st'),
      write(r.tcb, TCB.waitLink + 4),
      instr('st'),
      write(L.kernelData, TABLES.waitHead + 4),
      instr('ld'),
      read(L.kernelData, TABLES.waitHead),
      instr('st'),
      write(s.tcb, TCB.state),
    ]),
    k.step('scheduling: delete receiver from wait queue', [
      instr('ld', 2),
      read(r.tcb, TCB.waitLink, 8),
      instr('st'),
      write(driver.tcb, TCB.waitLink + 4),
      instr('st'),
      write(s.tcb, TCB.waitLink),
    ]),
    k.step('scheduling: insert receiver into ready queue', [
      instr('ld'),
      read(L.kernelData, TABLES.readyHead + 4),
      instr('st', 2),
      write(r.tcb, TCB.readyLink, 8),
      instr('st'),
      write(background.tcb, TCB.readyLink + 4),
      instr('st'),
      write(L.kernelData, TABLES.readyHead + 4),
      instr('ld'),
      read(L.kernelData, TABLES.readyHead),
      instr('st'),
      write(r.tcb, TCB.state),
    ]),
  ];
}

/** A thread made ready that does not run at once must be in the ready queue (§5.3.4's invariant). */
export function makeReady(c: Codes, L: FullLayout, t: FullThread, o: L3Options): Step[] {
  const k = c.ipc;
  if (o.lazyScheduling) {
    // Lazily it usually still is (nobody has parsed it out): test and skip the insertion.
    return [k.step('scheduling: ready-queue check', [instr('ld'), read(t.tcb, TCB.flags), instr('cmp'), instr('jcc'), instr('st'), write(t.tcb, TCB.state)])];
  }
  const { background, driver } = L.others;
  return [
    k.step('scheduling: delete receiver from wait queue', [
      instr('ld', 2),
      read(t.tcb, TCB.waitLink, 8),
      instr('st'),
      write(driver.tcb, TCB.waitLink + 4),
      instr('st'),
      write(L.kernelData, TABLES.waitHead + 4),
    ]),
    k.step('scheduling: insert receiver into ready queue', [
      instr('ld'),
      read(L.kernelData, TABLES.readyHead + 4),
      instr('st', 2),
      write(t.tcb, TCB.readyLink, 8),
      instr('st'),
      write(background.tcb, TCB.readyLink + 4),
      instr('st'),
      write(L.kernelData, TABLES.readyHead + 4),
      instr('ld'),
      read(L.kernelData, TABLES.readyHead),
      instr('st'),
      write(t.tcb, TCB.state),
    ]),
  ];
}

/** The current thread blocks with nobody to switch to directly (receive alone). */
export function block(c: Codes, L: FullLayout, s: FullThread, o: L3Options): Step[] {
  const k = c.ipc;
  if (o.lazyScheduling) return [k.step('scheduling: block', [instr('st'), write(s.tcb, TCB.state)])];
  const { idle, background } = L.others;
  return [
    k.step('scheduling: delete sender from ready queue', [
      instr('ld', 2),
      read(s.tcb, TCB.readyLink, 8),
      instr('st'),
      write(background.tcb, TCB.readyLink + 4),
      instr('st'),
      write(idle.tcb, TCB.readyLink),
    ]),
    k.step('scheduling: insert sender into wait queue', [
      instr('ld'),
      read(L.kernelData, TABLES.waitHead + 4),
      instr('st', 2),
      write(s.tcb, TCB.waitLink, 8),
      instr('st'),
      write(L.others.driver.tcb, TCB.waitLink + 4),
      instr('st'),
      write(L.kernelData, TABLES.waitHead + 4),
      instr('ld'),
      read(L.kernelData, TABLES.waitHead),
      instr('st'),
      write(s.tcb, TCB.state),
    ]),
  ];
}

/** The scheduler picks the first ready thread (`next`) from the ready queue. */
export function selectNext(c: Codes, L: FullLayout, next: FullThread): Step {
  return c.ipc.step('scheduling: select next thread', [
    instr('ld'),
    read(L.kernelData, TABLES.readyHead),
    instr('ld'),
    read(next.tcb, TCB.state),
    instr('cmp'),
    instr('jcc'),
  ]);
}

/** §5.3.5 / Table 3: switch the kernel stack and, if the receiver lives elsewhere, the address space. */
export function processSwitch(c: Codes, L: FullLayout, s: FullThread, r: FullThread, windowUsed: boolean): Step[] {
  const k = c.ipc;
  const out: Step[] = [
    k.step('switch stack', [
      instr('st'),
      write(s.tcb, TCB.stackPointer),
      instr('ld'),
      read(r.tcb, TCB.stackPointer),
      instr('alu'),
      instr('st'),
      write(L.tss, TABLES.tssEsp0),
    ]),
  ];
  if (windowUsed) {
    // §5.2.3: invalidate the window's page-directory entries on the thread switch.
    out.push(
      k.step('window: invalidate entries', [
        instr('ld'),
        read(s.tcb, TCB.flags),
        instr('jcc'),
        instr('stx', 2),
        write(s.pdir, PDIR_WINDOW, 8),
        instr('st'),
        write(s.tcb, TCB.flags),
      ]),
    );
  }
  if (s.space !== r.space) {
    out.push(k.step('switch address space', [instr('ld'), read(r.tcb, TCB.pdirAddress), instr('cmp'), instr('jcc'), loadContext(r.space)]));
  } else {
    // Same space: no CR3 load, and the TLB is window clean because intra-space IPC uses no window.
    out.push(k.step('switch address space: same space', [instr('ld'), read(r.tcb, TCB.pdirAddress), instr('cmp'), instr('jccTaken')]));
  }
  return out;
}
