// L3's minimal null IPC and its two fragments, instruction for instruction as the appendix lists
// them: Table 3 (the §5.1 lower bound: thread A sends a null message to a ready thread B in another
// address space), Table 4 (direct transfer by temporary mapping, §5.2.3) and Table 5 (port access,
// §7.1). The cycle costs come from the machine; which references miss the TLB is left to the TLB.

import { CodeArea, instr, loadContext, read, rti, step, trap, write, type Step } from '../../sim/hw/index.js';
import type { L3Layout, L3Thread } from './layout.js';

/** Row labels of each appendix table, in order: a breakdown is read from these. */
export const TABLE3 = [
  'load id of B',
  'set msg len to 0',
  'call kernel',
  'access B',
  'load id of A',
  'switch stack: st sp',
  'switch stack: ld sp',
  'switch stack: add+st',
  'switch address space: ld',
  'switch address space: flush tlb',
  'return to user',
  'inspect msg',
] as const;

export const TABLE4 = [
  'map: load rcv addr',
  'map: calc 8 MB region',
  'map: load pdir B addr',
  'map: copy pdir entry 1',
  'map: copy pdir entry 2',
  'map: calc dest addr',
  'map: move data startup',
] as const;

export const TABLE5 = [
  'port: restrict port index',
  'port: load port link',
  'port: load port entry',
  'port: check empty',
  'port: enter A for reply',
  'port: get B reply index',
  'port: set B reply link',
] as const;

/** guess: i486 code averages about 3 bytes per instruction. */
const BYTES_PER_INSTRUCTION = 3;
/** Where in its page a user program's send/receive code sits (any offset away from the data). */
const USER_CODE_AT = 512;

// Offsets of the data the path touches. Page-aligned tables put entries at different offsets, so
// the lines do not all fall into one set of the 4-way on-chip cache (assumed layout; the paper's
// tables assume no cache misses at all).
const TCB = { state: 0x20, stackPointer: 0x24, pdirAddress: 0x28, receiveAddress: 0x2c, portLink: 0x30, stackTop: 0x3f0 };
const TABLES = { gdtUser: 0x18, tssEsp0: 0x604, idtGate: 0x880 };
const PORT_ENTRY = 0x240;
const PORT_LINK = 0x380;
/** The page-directory entries of the 8 MB communication window (near the top of the user half). */
const PDIR_WINDOW = 0x7f8;

export interface MinimalOptions {
  portAccess: boolean;
  temporaryMapping: boolean;
}

/** Table 5: find the destination through a port and link the sender in for the reply. */
function portAccess(L: L3Layout, a: L3Thread, kc: CodeArea): Step[] {
  return [
    step(TABLE5[0], [instr('alu')], kc),
    step(TABLE5[1], [instr('ldx'), read(a.tcb, TCB.portLink)], kc),
    step(TABLE5[2], [instr('ldx'), read(L.portTable, PORT_ENTRY)], kc),
    step(TABLE5[3], [instr('cmp'), instr('jcc')], kc),
    step(TABLE5[4], [instr('st'), write(L.portTable, PORT_ENTRY + 4)], kc),
    step(TABLE5[5], [instr('ld'), read(L.portTable, PORT_ENTRY + 8)], kc),
    step(TABLE5[6], [instr('stx'), write(L.portLinks, PORT_LINK)], kc),
  ];
}

/** Table 4: map B's receive region into A's communication window, then start the move. */
function temporaryMapping(L: L3Layout, a: L3Thread, b: L3Thread, kc: CodeArea): Step[] {
  const win = L.window(a, b);
  return [
    step(TABLE4[0], [instr('ld'), read(b.tcb, TCB.receiveAddress)], kc),
    step(TABLE4[1], [instr('ld'), instr('shr')], kc),
    step(TABLE4[2], [instr('ld'), read(b.tcb, TCB.pdirAddress)], kc),
    step(TABLE4[3], [instr('ldx'), read(b.pdir, PDIR_WINDOW), instr('stx'), write(a.pdir, PDIR_WINDOW)], kc),
    step(TABLE4[4], [instr('ldx'), read(b.pdir, PDIR_WINDOW + 4), instr('stx'), write(a.pdir, PDIR_WINDOW + 4)], kc),
    step(TABLE4[5], [instr('alu'), instr('alu')], kc),
    step(TABLE4[6], [instr('copyStartup'), write(win, 0)], kc),
  ];
}

/** Table 3, with the fragments spliced in where they run (port access on entry, mapping before the switch). */
export function minimalIpc(L: L3Layout, a: L3Thread, b: L3Thread, o: MinimalOptions): Step[] {
  // Both directions run the same kernel code; each thread's user code sends and inspects.
  const kc = new CodeArea(L.kernelCode, BYTES_PER_INSTRUCTION);
  const ua = new CodeArea(a.userCode, BYTES_PER_INSTRUCTION, USER_CODE_AT);
  const ub = new CodeArea(b.userCode, BYTES_PER_INSTRUCTION, USER_CODE_AT + 64);
  return [
    step(TABLE3[0], [instr('ld', 2)], ua),
    step(TABLE3[1], [instr('ld')], ua),
    // INT reads the gate and descriptors from the processor tables and pushes onto A's kernel stack.
    step(TABLE3[2], [trap(), read(L.cpuTables, TABLES.idtGate, 8), write(a.tcb, TCB.stackTop - 20, 20)], ua),
    ...(o.portAccess ? portAccess(L, a, kc) : []),
    step(TABLE3[3], [read(b.tcb, TCB.state), instr('cmp'), instr('jcc'), instr('cmp'), instr('jcc')], kc),
    step(TABLE3[4], [instr('ld', 2)], kc),
    ...(o.temporaryMapping ? temporaryMapping(L, a, b, kc) : []),
    step(TABLE3[5], [instr('st'), write(a.tcb, TCB.stackPointer)], kc),
    step(TABLE3[6], [instr('ld'), read(b.tcb, TCB.stackPointer)], kc),
    // Sets the new kernel stack bottom in the TSS.
    step(TABLE3[7], [instr('alu'), instr('st'), write(L.cpuTables, TABLES.tssEsp0)], kc),
    step(TABLE3[8], [instr('ld'), read(b.tcb, TCB.pdirAddress)], kc),
    // Loading CR3 flushes the untagged TLB; the next instruction fetch is translated anew.
    step(TABLE3[9], [loadContext(b.space)], kc),
    // IRET pops B's user frame from B's kernel stack and reloads segment descriptors from the GDT.
    step(TABLE3[10], [rti(), read(b.tcb, TCB.stackTop - 20, 20), read(L.cpuTables, TABLES.gdtUser, 8)], kc),
    step(TABLE3[11], [instr('cmp'), instr('jcc')], ub),
  ];
}
