// URPC's message primitives on each side of a channel, as the rows of Table II (URPC §4.2): send
// (enqueue on the outgoing queue), poll (find the channel a message arrived on), receive (dequeue
// it) and dispatch (start the thread that handles it). Counts are instructions at the C-VAX's
// 0.72 µs each; the send and receive critical sections run under the queue's test-and-set lock.
//
// Table II's µs become instruction counts (148 in all, §4.3): client 18/6/10/20 µs = 25/8/14/28,
// server 13/6/9/25 µs = 18/8/12/35. Dispatch includes FastThreads's save, restore and ready-queue
// work (27 instructions, sim/os/fastthreads.ts); only the rest is typed here.

import { CodeArea, vaxInstructions, copy, instr, read, step, write, type Page, type Step } from '../../sim/hw/index.js';

export interface SideCounts {
  /** Instructions of send before the lock: stub entry, message set-up. */
  sendPrologue: number;
  /** Instructions of send inside the lock (the enqueue and the releasing store). */
  sendCritical: number;
  poll: number;
  /** Instructions of receive inside the lock (the dequeue and the release). */
  receiveCritical: number;
  /** Dispatch work beyond FastThreads's 27 (client: find the caller; server: bind a thread to the call). */
  dispatch: number;
}

/** Calibrated from urpc Table II (each row's µs / 0.72 µs per instruction; a locked row's test-and-set and releasing store are interlocked instructions among them). */
export const URPC_INSTRUCTIONS: { client: SideCounts; server: SideCounts } = {
  client: { sendPrologue: 0, sendCritical: 24, poll: 8, receiveCritical: 13, dispatch: 1 },
  server: { sendPrologue: 0, sendCritical: 17, poll: 8, receiveCritical: 11, dispatch: 8 },
};

/**
 * derived (calibrated): the two scheduling decisions before a reallocation (is a processor idle? is
 * an address space underpowered?) cost "about 100 µs per round-trip call" (urpc §5.5); split evenly
 * between the round trip's two reallocations (a guess), 50 µs each = 69 instructions.
 */
export const DECIDE_INSTRUCTIONS = 69;

export interface SidePaths {
  sendPrologue: Step;
  sendCritical: Step;
  poll: Step;
  /** The idle loop's poll that finds nothing (the same code as a poll; charged as idle time). */
  idlePoll: Step;
  receiveTry: Step;
  receiveCritical: Step;
  dispatch: Step;
  decide: Step;
  /** Marshal arguments into the channel's buffer (only when there are bytes to pass). */
  marshal: Step | null;
  /** Unmarshal them out of it on the other side. */
  unmarshal: Step | null;
}

/** Queue layout in a channel page: head/tail words and a ring of message slots. */
export const SLOT = { calls: 0, replies: 128, slots: 256, slotBytes: 16 };

export function sidePaths(
  n: SideCounts,
  code: CodeArea,
  channel: Page,
  buffer: Page,
  stack: Page,
  outgoing: number,
  incoming: number,
  bytes: { marshal: number; unmarshal: number },
): SidePaths {
  return {
    sendPrologue: step('send', [...(n.sendPrologue > 0 ? [...vaxInstructions(n.sendPrologue)] : []), write(stack, 0, 8), instr('interlocked')], code),
    sendCritical: step(
      'send',
      [...vaxInstructions(n.sendCritical - 1), read(channel, outgoing, 8), write(channel, SLOT.slots + outgoing / 8, SLOT.slotBytes), write(channel, outgoing + 4, 4), instr('interlocked')],
      code,
    ),
    poll: step('poll', [...vaxInstructions(n.poll), read(channel, incoming, 8)], code),
    idlePoll: step('idle', [...vaxInstructions(n.poll), read(channel, incoming, 8)], code),
    receiveTry: step('receive', [instr('interlocked')], code),
    receiveCritical: step(
      'receive',
      [...vaxInstructions(n.receiveCritical - 1), read(channel, incoming, 8), read(channel, SLOT.slots + incoming / 8, SLOT.slotBytes), write(channel, incoming, 4), instr('interlocked')],
      code,
    ),
    dispatch: step('dispatch', [...vaxInstructions(n.dispatch), write(stack, 64, 8)], code),
    decide: step('reallocate: decide', [...vaxInstructions(DECIDE_INSTRUCTIONS), read(channel, 0, 8), read(channel, 128, 8)], code),
    marshal: bytes.marshal > 0 ? step('send', [instr('copyStartup'), copy(bytes.marshal, stack, buffer, 256, 0)], code) : null,
    unmarshal: bytes.unmarshal > 0 ? step('receive', [instr('copyStartup'), copy(bytes.unmarshal, buffer, stack, 0, 256)], code) : null,
  };
}
