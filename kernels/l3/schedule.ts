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

type Queue = 'ready' | 'wait';
const LINK = { ready: TCB.readyLink, wait: TCB.waitLink } as const;
const HEAD = { ready: TABLES.readyHead, wait: TABLES.waitHead } as const;
type Place = { tcb: FullThread['tcb'] } | 'head';

/** Unlink t from a doubly linked queue: read its links, point the neighbours past it (2 ld, 2 st). */
function unlink(c: Codes, L: FullLayout, label: string, q: Queue, t: FullThread, before: Place, after: Place): Step {
  const link = LINK[q];
  // A neighbour's link words are (next, prev) at +0 and +4; the queue head's are (first, last).
  const fixPrev = before === 'head' ? write(L.kernelData, HEAD[q]) : write(before.tcb, link + 4);
  const fixNext = after === 'head' ? write(L.kernelData, HEAD[q] + 4) : write(after.tcb, link);
  return c.ipc.step(label, [instr('ld', 2), read(t.tcb, link, 8), instr('st'), fixPrev, instr('st'), fixNext]);
}

/** Append t at the tail of a queue after `tail` and mark its state (3 ld, 5 st with the state). */
function append(c: Codes, L: FullLayout, label: string, q: Queue, t: FullThread, tail: FullThread): Step {
  const head = HEAD[q];
  return c.ipc.step(label, [
    instr('ld'),
    read(L.kernelData, head + 4),
    instr('st', 2),
    write(t.tcb, LINK[q], 8),
    instr('st'),
    write(tail.tcb, LINK[q] + 4),
    instr('st'),
    write(L.kernelData, head + 4),
    instr('ld'),
    read(L.kernelData, head),
    instr('st'),
    write(t.tcb, TCB.state),
  ]);
}

/** The sender now waits (for the receiver's reply, or for anyone); the receiver runs. */
export function blockAndWake(c: Codes, L: FullLayout, s: FullThread, r: FullThread, o: L3Options): Step[] {
  const k = c.ipc;
  if (o.lazyScheduling) {
    return [k.step('scheduling: thread states', [instr('st'), write(s.tcb, TCB.state), instr('st'), write(r.tcb, TCB.state)])];
  }
  const { idle, background, driver } = L.others;
  return [
    // Ready queue [idle, background, s]: s's neighbours are background and idle.
    unlink(c, L, 'scheduling: delete sender from ready queue', 'ready', s, background, idle),
    // Wait queue [pager, driver, r]: s goes to the tail, after r.
    append(c, L, 'scheduling: insert sender into wait queue', 'wait', s, r),
    unlink(c, L, 'scheduling: delete receiver from wait queue', 'wait', r, driver, s),
    append(c, L, 'scheduling: insert receiver into ready queue', 'ready', r, background),
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
    unlink(c, L, 'scheduling: delete receiver from wait queue', 'wait', t, driver, 'head'),
    append(c, L, 'scheduling: insert receiver into ready queue', 'ready', t, background),
  ];
}

/** The current thread blocks with nobody to switch to directly (receive alone). */
export function block(c: Codes, L: FullLayout, s: FullThread, o: L3Options): Step[] {
  const k = c.ipc;
  if (o.lazyScheduling) return [k.step('scheduling: block', [instr('st'), write(s.tcb, TCB.state)])];
  const { idle, background, driver } = L.others;
  return [
    unlink(c, L, 'scheduling: delete sender from ready queue', 'ready', s, background, idle),
    append(c, L, 'scheduling: insert sender into wait queue', 'wait', s, driver),
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
