// The full L3 IPC path (l3 §5): one system call per message. The client's `call` sends and waits
// for the reply from the same thread; the server's `reply & receive next` replies and waits for
// anybody's next request (§5.2.1). Each direction: the user stub, INT, the segment check, the
// destination's tcb from its uid and the uid check, the receiver's state, the message transfer,
// the receive part, lazy scheduling, the direct switch, IRET, the receiver's stub. Without
// reply & wait the server replies by send (no switch) and waits by receive (through the scheduler).

import { copy, instr, read, write, type Step } from '../../sim/hw/index.js';
import { TABLE5 } from './minimal.js';
import { CodeMap } from './code.js';
import { callKernel, flushStep, FRAME_BYTES, returnToUser, segmentsOnEntry, userReceive, userSend, type Codes } from './entry.js';
import { TCB, type FullLayout, type FullThread } from './full-layout.js';
import type { L3Options } from './options.js';
import { block, blockAndWake, makeReady, processSwitch, selectNext } from './schedule.js';
import { dashPages, isShort, transfer } from './transfer.js';
import { enterWakeupList } from './clock.js';

/** Registers the stub loads: EAX, EBX, ECX, EDX, ESI, EDI (Table 6). */
const IPC_REGISTERS = 6;
const PORT_ENTRY = 0x240;
const PORT_LINK = 0x380;

export function codes(L: FullLayout, invlpg: boolean): Codes {
  const user = new Map<string, CodeMap>();
  for (const t of [...L.threads, ...L.clients, ...Object.values(L.others)]) user.set(t.name, new CodeMap(t.userCode, 0x200));
  // Entry and exit code sit in the upper part of the IPC page when the tables are condensed.
  return { ipc: new CodeMap(L.ipcCode, 0x100), entry: new CodeMap(L.entryCode, L.entryCode === L.ipcCode ? 0xc00 : 0), user, invlpg };
}

/** §7.1 / Table 5: the destination through the sender's port link and the port table. */
function portAccess(c: Codes, L: FullLayout, s: FullThread): Step[] {
  const k = c.ipc;
  return [
    k.step(TABLE5[0], [instr('alu')]),
    k.step(TABLE5[1], [instr('ldx'), read(s.tcb, TCB.portLink)]),
    k.step(TABLE5[2], [instr('ldx'), read(L.portTable, PORT_ENTRY)]),
    k.step(TABLE5[3], [instr('cmp'), instr('jcc')]),
    k.step(TABLE5[4], [instr('st'), write(L.portTable, PORT_ENTRY + 4)]),
    k.step(TABLE5[5], [instr('ld'), read(L.portTable, PORT_ENTRY + 8)]),
    k.step(TABLE5[6], [instr('stx'), write(L.portLinks, PORT_LINK)]),
  ];
}

/** The send part up to the transfer: parameters, the destination's tcb, the uid check, its state. */
export function sendPart(c: Codes, L: FullLayout, s: FullThread, r: FullThread, short: boolean, o: L3Options): Step[] {
  const k = c.ipc;
  const out: Step[] = [
    // Short and send-and-receive are the main stream: the branch to the short path is taken.
    k.step('ipc: decode parameters', short ? [instr('alu'), instr('jcc'), instr('alu'), instr('jccTaken')] : [instr('alu'), instr('jcc'), instr('alu'), instr('jcc')]),
  ];
  // L3 footnote 1: a destination outside the sender's clan is redirected to its chief before any
  // tcb is touched: compare the chief field of the destination uid with the sender's.
  out.push(k.step('ipc: clan check', [instr('ld'), read(s.tcb, TCB.uid + 4), instr('alu'), instr('cmp'), instr('jcc')]));
  if (o.portAccess) out.push(...portAccess(c, L, s));
  if (L.threadTable) {
    out.push(k.step('ipc: tcb address from thread table', [instr('alu'), instr('ldx'), read(L.threadTable, 4 * 2)]));
  } else {
    // §5.3.1: mov, and with the mask, add the array base: 3 cycles.
    out.push(k.step('ipc: tcb address from uid', [instr('alu', 3)]));
  }
  out.push(
    // §5.3.1: compare the tcb's uid with the requested one (the tcb pointer was just computed: AGI).
    k.step('ipc: uid check', [instr('agi'), instr('cmpm'), read(r.tcb, TCB.uid, 8), instr('jcc')]),
    k.step('ipc: destination waiting?', [instr('ld'), read(r.tcb, TCB.state), instr('cmp'), instr('jcc'), instr('cmpm'), read(r.tcb, TCB.partner), instr('jcc')]),
  );
  return out;
}

export function receivePart(c: Codes, s: FullThread, kind: 'call' | 'replyAndWait' | 'receive'): Step {
  const k = c.ipc;
  if (kind === 'call') {
    return k.step('ipc: receive part (call)', [instr('st', 2), write(s.tcb, TCB.partner, 8), instr('cmp'), instr('jcc')]);
  }
  // Reply & receive next, or receive: anybody polling me? (§5.3.5) Then wait for anyone.
  return k.step('ipc: receive part (from anyone)', [
    instr('ld'),
    read(s.tcb, TCB.pollers),
    instr('cmp'),
    instr('jcc'),
    instr('st', 2),
    write(s.tcb, TCB.partner, 8),
    instr('cmp'),
    instr('jcc'),
  ]);
}

/** One IPC from s to r by call or reply & receive next: s blocks, r runs (direct switch). */
export function sendAndReceive(
  c: Codes,
  L: FullLayout,
  s: FullThread,
  r: FullThread,
  bytes: number,
  kind: 'call' | 'replyAndWait',
  o: L3Options,
  timeout: 'none' | 'enter' | 'listed' = 'none',
): Step[] {
  const short = isShort(bytes, o);
  const t = transfer(c, L, s, r, bytes, o);
  const dash = dashPages(c, s, r, o.dashPages);
  const out: Step[] = [];
  if (o.flushCache === 'ipc') out.push(flushStep(c, s));
  out.push(...userSend(c, s, short, IPC_REGISTERS), callKernel(c, L, s), ...segmentsOnEntry(c, L, s, o));
  out.push(...sendPart(c, L, s, r, short, o), ...t.before, ...dash.before);
  out.push(c.ipc.step('ipc: load source id', [instr('ld', 2), read(s.tcb, TCB.uid, 8)]));
  out.push(receivePart(c, s, kind));
  if (timeout !== 'none') out.push(enterWakeupList(c, L, s, timeout === 'enter'));
  out.push(...blockAndWake(c, L, s, r, o));
  if (!o.directSwitch) out.push(...makeReady(c, L, r, o), selectNext(c, L, r));
  out.push(...continuationSave(c, s, o), ...processSwitch(c, L, s, r, t.windowUsed), ...continuationRestore(c, r, o));
  out.push(...t.after, ...returnToUser(c, L, r, o), ...userReceive(c, r, short), ...dash.after);
  return out;
}

/**
 * What a blocking thread leaves on the processor's stack and the continuation must keep: §5.2.4
 * names it, "state information (instruction counter, flags, user stack pointer)", i.e. the user
 * frame INT pushes. No general registers: the IPC registers are parameters or scratch (Table 6, §5.4.2).
 */
const CONTINUATION_BYTES = FRAME_BYTES;

function continuationSave(c: Codes, s: FullThread, o: L3Options): Step[] {
  if (o.kernelStacks !== 'continuationCopy') return [];
  return [c.ipc.step('continuation: save', [instr('copyStartup'), copy(CONTINUATION_BYTES, s.stack, s.tcb, s.stackTop - CONTINUATION_BYTES, TCB.continuation)])];
}

function continuationRestore(c: Codes, r: FullThread, o: L3Options): Step[] {
  if (o.kernelStacks !== 'continuationCopy') return [];
  return [c.ipc.step('continuation: restore', [instr('copyStartup'), copy(CONTINUATION_BYTES, r.tcb, r.stack, TCB.continuation, r.stackTop - CONTINUATION_BYTES)])];
}

/**
 * The server's reply without reply & wait: a send that delivers into the waiting client's saved
 * frame and returns to the server, then a receive that blocks it and lets the scheduler run the client.
 */
export function replyThenReceive(c: Codes, L: FullLayout, s: FullThread, r: FullThread, bytes: number, o: L3Options): Step[] {
  const short = isShort(bytes, o);
  const t = transfer(c, L, s, r, bytes, o);
  const u = c.user.get(s.name)!;
  const out: Step[] = [];
  // send
  if (o.flushCache === 'ipc') out.push(flushStep(c, s));
  out.push(...userSend(c, s, short, IPC_REGISTERS), callKernel(c, L, s), ...segmentsOnEntry(c, L, s, o));
  out.push(...sendPart(c, L, s, r, short, o), ...t.before);
  // The client does not run now: its result, source id and message words go into its saved frame.
  out.push(c.ipc.step('ipc: deliver into saved frame', [instr('ld', 2), read(s.tcb, TCB.uid, 8), instr('st', 4), write(r.frame, r.stackTop - 0x30, 16)]));
  out.push(...makeReady(c, L, r, o), ...returnToUser(c, L, s, o));
  out.push(u.step('user: inspect send result', [instr('cmp'), instr('jcc')]));
  // receive
  if (o.flushCache === 'ipc') out.push(flushStep(c, s));
  out.push(u.step('user: load receive registers', [instr('ld', 3)]), callKernel(c, L, s), ...segmentsOnEntry(c, L, s, o));
  out.push(c.ipc.step('ipc: decode parameters (receive)', [instr('alu'), instr('jccTaken')]));
  out.push(receivePart(c, s, 'receive'), ...block(c, L, s, o), selectNext(c, L, r));
  out.push(...processSwitch(c, L, s, r, t.windowUsed), ...t.after);
  out.push(c.ipc.step('ipc: load saved frame', [instr('ld', 4), read(r.frame, r.stackTop - 0x30, 16)]));
  out.push(...returnToUser(c, L, r, o), ...userReceive(c, r, short));
  return out;
}

/** A sleep: receive from nobody with a timeout (the thread enters a wake-up list), then the idle thread runs. */
export function sleepSteps(c: Codes, L: FullLayout, s: FullThread, o: L3Options, dropFromReadyQueue: boolean): Step[] {
  const u = c.user.get(s.name)!;
  const idle = L.others.idle;
  const out: Step[] = [u.step('user: load sleep registers', [instr('ld', 3)]), callKernel(c, L, s), ...segmentsOnEntry(c, L, s, o)];
  out.push(c.ipc.step('ipc: decode parameters (receive)', [instr('alu'), instr('jccTaken')]), receivePart(c, s, 'receive'));
  out.push(enterWakeupList(c, L, s, true), ...block(c, L, s, o));
  // The scheduler parses the ready queue: the sleeper's own stale entry goes (lazily, now), then nobody is left.
  if (dropFromReadyQueue) out.push(c.ipc.step('scheduling: drop stale ready entry', [instr('ld', 2), read(s.tcb, TCB.readyLink, 8), instr('st', 2), write(L.kernelData, 0xc40, 8)]));
  out.push(selectNext(c, L, idle), ...processSwitch(c, L, s, idle, false), c.ipc.step('idle: halt', [instr('alu')]));
  return out;
}

/** The clock woke s while the idle thread ran: the scheduler picks s and switches to it. */
export function resumeSteps(c: Codes, L: FullLayout, s: FullThread, o: L3Options): Step[] {
  const idle = L.others.idle;
  return [selectNext(c, L, s), ...processSwitch(c, L, idle, s, false), ...returnToUser(c, L, s, o), c.user.get(s.name)!.step('user: return from ipc stub', [instr('ret'), read(s.userStack, 0xff0)])];
}
