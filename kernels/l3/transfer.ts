// Message transfer in the full L3 path (l3 §5.2.2, §5.2.3, §5.3.6, §5.5.4):
// - short messages stay in EBX and ECX: nothing to do;
// - longer ones: the dope (one word, its counters in 8-bit registers) is read, the receiver's
//   8 MB region is mapped into the sender's communication window by copying two page-directory
//   entries (Table 4), the receive dope is checked through the window and the direct string and
//   any indirect strings are copied once, straight into the receiver's buffer;
// - without direct transfer the message goes twice: into a kernel buffer before the address-space
//   switch, out of it after;
// - within one address space no window is needed: the copy goes straight across.

import { copy, flushTlb, instr, read, write, type Step } from '../../sim/hw/index.js';
import { DIRECT_STRING_MAX_BYTES } from './abi.js';
import { TABLE4 } from './minimal.js';
import type { Codes } from './entry.js';
import { DATA_AT } from './entry.js';
import { MESSAGE_AT, TCB, type FullLayout, type FullThread } from './full-layout.js';
import type { L3Options } from './options.js';

/** Page-directory entries of the communication window (near the top of the user half). */
const PDIR_WINDOW = 0x7f8;
/** guess: registers the long-message path needs besides the IPC parameters (saved on the sender's kernel stack); §5.3.6's "special treatment of such short messages permitted additional coding optimizations" is what the short path saves. */
const SAVED_REGISTERS = 3;

export interface Transfer {
  /** Steps in the sender's context, before the switch. */
  before: Step[];
  /** Steps in the receiver's context, after the switch and before returning to user mode. */
  after: Step[];
  /** Whether the sender's communication window is in use (to be invalidated on the switch). */
  windowUsed: boolean;
}

/** How the n bytes travel: one direct string, or indirect strings (§5.2.2). */
export function strings(bytes: number, o: L3Options): { direct: number; indirect: number[] } {
  const k = o.indirectStrings > 0 ? o.indirectStrings : bytes > DIRECT_STRING_MAX_BYTES ? 1 : 0;
  if (k === 0) return { direct: bytes, indirect: [] };
  const each = Math.floor(bytes / k);
  return { direct: 0, indirect: Array.from({ length: k }, (_, i) => (i === k - 1 ? bytes - each * (k - 1) : each)) };
}

export function isShort(bytes: number, o: L3Options): boolean {
  return o.shortMessagesInRegisters && bytes <= 8 && o.indirectStrings === 0 && o.dashPages === 0;
}

/**
 * §7.2: Dash-like transfer of n pages: each page of the IPC region is unmapped from the sender
 * (its page-table entry cleared, its TLB entry invalidated) and mapped at the same address in the
 * receiver. The receiver touches each page after the switch.
 */
export function dashPages(c: Codes, s: FullThread, r: FullThread, n: number): { before: Step[]; after: Step[] } {
  const before: Step[] = [];
  const after: Step[] = [];
  for (let i = 0; i < n; i++) {
    before.push(
      c.ipc.step('dash: remap page', [
        instr('ld'),
        read(s.ipcRegionPageTable, 4 * i),
        instr('cmp'),
        instr('jcc'),
        instr('st'),
        write(s.ipcRegionPageTable, 4 * i),
        // The 486 invalidates the one entry; the 386 has no INVLPG and reloads CR3, emptying its TLB.
        c.invlpg ? instr('invlpg') : flushTlb('loadContext'),
        instr('st'),
        write(r.ipcRegionPageTable, 4 * i),
        instr('alu'),
        instr('jccTaken'),
      ]),
    );
    after.push(c.user.get(r.name)!.step('dash: user touches received page', [instr('ld'), read(r.ipcRegion, i * 4096 + 0x40, 4)]));
  }
  return { before, after };
}

export function transfer(c: Codes, L: FullLayout, s: FullThread, r: FullThread, bytes: number, o: L3Options): Transfer {
  if (isShort(bytes, o)) return { before: [], after: [], windowUsed: false };
  const k = c.ipc;
  const { direct, indirect } = strings(bytes, o);
  // The dope is one word: direct-string words, indirect strings and memory objects in 8-bit registers.
  const dope = k.step('ipc: read send dope', [
    instr('st', SAVED_REGISTERS),
    write(s.stack, s.stackTop - 0x40, 4 * SAVED_REGISTERS),
    instr('ld'),
    read(s.buffer, MESSAGE_AT, 4),
    instr('cmp'),
    instr('jcc'),
    instr('cmp'),
    instr('jcc'),
    instr('cmp'),
    instr('jcc'),
  ]);
  const restore = k.step('ipc: restore registers', [instr('ld', SAVED_REGISTERS), read(r.frame, r.stackTop - 0x40, 4 * SAVED_REGISTERS)]);
  const cross = s.space !== r.space;

  // Where the receiver's buffer is reachable from the copying code.
  if (cross && o.directTransfer) {
    const win = L.window(s, r);
    const before: Step[] = [
      dope,
      k.step(TABLE4[0], [instr('ld'), read(r.tcb, TCB.receiveDescriptor)]),
      k.step(TABLE4[1], [instr('ld'), instr('shr')]),
      k.step(TABLE4[2], [instr('ld'), read(r.tcb, TCB.pdirAddress)]),
      k.step(TABLE4[3], [instr('ldx'), read(r.pdir, PDIR_WINDOW), instr('stx'), write(s.pdir, PDIR_WINDOW)]),
      k.step(TABLE4[4], [instr('ldx'), read(r.pdir, PDIR_WINDOW + 4), instr('stx'), write(s.pdir, PDIR_WINDOW + 4)]),
      k.step(TABLE4[5], [instr('alu'), instr('alu')]),
      ...receiveDopeCheck(c, win),
      ...copies(c, s.buffer, win, direct, indirect),
      k.step('ipc: set received dope', [instr('st'), write(win, MESSAGE_AT + 4, 4), instr('st'), write(s.tcb, TCB.flags)]),
    ];
    return { before, after: [restore], windowUsed: true };
  }
  if (!cross) {
    const before = [dope, ...receiveDopeCheck(c, r.buffer), ...copies(c, s.buffer, r.buffer, direct, indirect), k.step('ipc: set received dope', [instr('st'), write(r.buffer, MESSAGE_AT + 4, 4)])];
    return { before, after: [restore], windowUsed: false };
  }
  // Twofold copy: user A -> kernel buffer -> user B (§5.2.3, figure 3).
  const before = [dope, ...copies(c, s.buffer, L.kernelBuffer, direct, indirect, 'copy in', DATA_AT, 0)];
  const after = [
    ...receiveDopeCheck(c, r.buffer),
    ...copies(c, L.kernelBuffer, r.buffer, direct, indirect, 'copy out', 0, DATA_AT),
    k.step('ipc: set received dope', [instr('st'), write(r.buffer, MESSAGE_AT + 4, 4)]),
    restore,
  ];
  return { before, after, windowUsed: false };
}

/** The receiver's dope: maximum sizes of its direct string and receive strings. */
function receiveDopeCheck(c: Codes, rbuf: FullThread['buffer']): Step[] {
  return [c.ipc.step('ipc: check receive dope', [instr('ld'), read(rbuf, MESSAGE_AT, 8), instr('cmp'), instr('jcc'), instr('cmp'), instr('jcc')])];
}

/** The direct string, then each indirect string with its descriptors on both sides. */
function copies(
  c: Codes,
  from: FullThread['buffer'],
  to: FullThread['buffer'],
  direct: number,
  indirect: number[],
  what = 'copy',
  fromAt = DATA_AT,
  toAt = DATA_AT,
): Step[] {
  const k = c.ipc;
  const out: Step[] = [];
  // The move start-up of Table 4 (REP MOVSD set-up) is paid per string.
  if (direct > 0 || indirect.length === 0) {
    out.push(k.step(what === 'copy' ? TABLE4[6] : `ipc: ${what} startup`, [instr('copyStartup')]));
    out.push(k.step(`ipc: ${what} direct string`, [copy(direct, from, to, fromAt, toAt)]));
  }
  let fo = fromAt + direct;
  let to_ = toAt + direct;
  for (const n of indirect) {
    out.push(
      k.step(`ipc: ${what} indirect string descriptor`, [
        instr('ld', 2),
        read(from, MESSAGE_AT, 8),
        instr('ld', 2),
        read(to, MESSAGE_AT, 8),
        instr('cmp'),
        instr('jcc'),
        instr('alu'),
        instr('cmp'),
        instr('jcc'),
        instr('copyStartup'),
      ]),
    );
    out.push(k.step(`ipc: ${what} indirect string`, [copy(n, from, to, fo, to_)]));
    fo += n;
    to_ += n;
  }
  return out;
}
