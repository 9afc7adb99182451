// The Taos kernel's thread paths on the Firefly (URPC §3.3.1, §4.1 Table I, second column): the
// scheduling core of FastThreads, but each operation that schedules is a protected kernel call.
// Taos's kernel threads (kernels/taos) run them; SRC RPC's hand-offs between kernel threads
// (kernels/src-rpc) signal and wait through the same paths.

import { FASTTHREADS_INSTRUCTIONS, type ThreadCounts } from '../fastthreads.js';

/**
 * Kernel path lengths at 0.72 µs per instruction. The scheduling core (save, restore, queues,
 * yield) is assumed as long as FastThreads's: the kernel's extra cost is the trap (20 µs, urpc §1).
 */
export const TAOS_INSTRUCTIONS: ThreadCounts = {
  ...FASTTHREADS_INSTRUCTIONS,
  /** derived: urpc Table I FORK 1192 µs = 1655 instructions less two traps (fork, exit: 55) and the enqueue, terminate, dequeue and restore (30): 1570 (calibrated). */
  create: 1570,
  /** derived: urpc Table I FORK;JOIN 1574 µs less FORK (1192), the join's trap (20) and the switches it implies (27 instructions = 19 µs): 343 µs = 476 instructions (calibrated). */
  join: 476,
  /** derived: urpc Table I PINGPONG 271 µs per cycle less four traps (80) and two switches with their queue work (2 × 27 instructions = 39 µs): 152 µs = 211 instructions for two signals and two waits, split evenly (calibrated; split a guess). */
  signal: 53,
  wait: 53,
};
