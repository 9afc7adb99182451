// IRIX 6.2 as the sleep/wake-up paper ran it on the SGI Indy (§2.2, Table 1): each primitive a
// path of average MIPS instructions whose count is fitted to the paper's measurement on the Indy
// (R4000 at 133 MHz, about one cycle per instruction when the path's references hit), so the same
// path predicts IRIX on any other MIPS machine that runs it (the SGI Challenge of §5).

import type { PathRef, UnixModel } from './model.js';
import { QUEUE_LAYOUT as Q } from './model.js';

const FIT = 'fitted on sgi-indy-r4000 to';
/** A MIPS trap frame: 32 general registers and a few control registers, 8 bytes each (R4000 User's Manual: 64-bit registers). */
const FRAME = 288;
const saveRestore: PathRef[] = [
  { page: 'kstack', offset: 4096 - FRAME, bytes: FRAME, write: true },
  { page: 'kstack', offset: 4096 - FRAME, bytes: FRAME, write: false },
];
const procEntry = (write: boolean): PathRef => ({ page: 'proc', offset: 0, bytes: 64, write });

export const irix62: UnixModel = {
  id: 'irix-6.2',
  os: 'IRIX 6.2',
  isa: 'mips',
  home: 'sgi-indy-r4000',
  sched: 'irix',
  procEntryBytes: 256, // guess: the size class of an SVR4 proc structure; entries sit side by side in the table
  kstack: {
    at: 'fixed',
    source:
      'System V reaches the running process\'s u-area (and the kernel stack with it) at one kernel virtual address, changing the translation at each context switch (Bach, The Design of the UNIX Operating System, 1986, §6.2.4 "The U Area"); IRIX, a System V kernel, keeps kernel stacks and the per-process data a context switch needs in mapped kernel space (IRIX 6.2 Device Driver Programmer\'s Guide, "Kernel Virtual Space"), where such a remapping is a TLB entry rewritten at the switch',
  },
  sysvTables: {
    msqidBytes: 112,
    semidBytes: 84,
    source:
      'System V keeps message queue headers and semaphore set headers in kernel tables indexed by the identifier, msgque[MSGMNI] and sema[SEMMNI] (Bach 1986, §11.2.1 and §11.2.3: the identifier indexes an array of queue headers, and of semaphore set headers), a new object taking the first free entry; entry sizes from the 32-bit System V ABI\'s msqid_ds (an ipc_perm of 44 bytes and 17 words: 112 bytes) and semid_ds (an ipc_perm, a pointer, a count padded to a word, 4 time and pad words and 4 pad words: 84 bytes) of <sys/msg.h> and <sys/sem.h>',
  },
  describe: 'IRIX 6.2: primitive paths of average MIPS instructions fitted to Table 1 on the SGI Indy (sleep/wake-up paper §2.2)',
  kernel: {
    yield: {
      trap: true,
      mix: { instr: 2068 },
      refs: [...saveRestore, procEntry(true), { page: 'runq', offset: 0, bytes: 32, write: true }],
      source: `${FIT} Table 1, concurrent yields, 1 process, 16 µs (a yield that finds no one else to run): 16 × 133 = 2128 cycles less the Indy's trap and return (30 + 30) = 2068 instructions at one cycle`,
    },
    scan: {
      at: 'switch',
      mix: { instr: 283 },
      refs: [procEntry(false)],
      source: `${FIT} Table 1, concurrent yields of 2 and 4 processes (18 and 45 µs per yield, the paper's own reading in §2.2): 283 instructions per runnable process the dispatcher looks at (with the decay-usage scheduler's choice of who runs), fitted with the two processes' trap frames sharing one colour of the direct-mapped data cache (kstack below), whose misses the measured yields include`,
    },
    switch: {
      mix: {},
      source: `${FIT} Table 1 with the scan: beyond the context load and the per-process scan, no fixed switch cost was needed to fit the 2- and 4-process yields`,
    },
    sleep: {
      mix: { instr: 5000 },
      refs: [procEntry(true), { page: 'runq', offset: 0, bytes: 32, write: true }],
      source: `${FIT} Figure 2a (not in Table 1): the sleep and wake-up path of a blocking call, 5000 instructions, chosen so that System V message queues come out 1.5 times slower than BSS at one client (§2.2)`,
    },
    semop: {
      trap: true,
      mix: { instr: 2401 },
      refs: [...saveRestore, { page: 'ubuf', offset: 0, bytes: 8, write: false }, { page: 'object', offset: 0, bytes: 32, write: true }],
      source: `${FIT} §3.1 "System V semaphores ... of similar weight to the ... message queue calls": half of Table 1 msgsnd/msgrcv 37 µs = 18.5 × 133 = 2461 cycles less trap and return = 2401 instructions`,
    },
    msgsnd: {
      trap: true,
      mix: { instr: 2401 },
      refs: [...saveRestore, { page: 'ubuf', offset: 0, bytes: 24, write: false }, { page: 'object', offset: 0, bytes: 64, write: true }],
      source: `${FIT} Table 1, msgsnd/msgrcv pair 37 µs, split evenly: 18.5 × 133 = 2461 cycles less trap and return = 2401 instructions`,
    },
    msgrcv: {
      trap: true,
      mix: { instr: 2401 },
      refs: [...saveRestore, { page: 'object', offset: 0, bytes: 64, write: true }, { page: 'ubuf', offset: 0, bytes: 24, write: true }],
      source: `${FIT} Table 1, msgsnd/msgrcv pair 37 µs, split evenly: 18.5 × 133 = 2461 cycles less trap and return = 2401 instructions`,
    },
    timedSleep: {
      trap: true,
      mix: { instr: 2401 },
      refs: saveRestore,
      source: 'guess: a timed sleep() call as heavy as a semop (no measurement; the protocols sleep only on a full queue)',
    },
  },
  user: {
    enqueue: {
      mix: { instr: 180 },
      refs: [
        { page: 'queue', offset: Q.nodes, bytes: Q.nodeBytes, write: true },
        { page: 'queue', offset: Q.tail, bytes: 16, write: true },
      ],
      source: `${FIT} Table 1, enqueue/dequeue pair 3 µs: 3 × 133 = 399 cycles less the two locks' test-and-sets (2 × 20), split evenly: 180 MIPS instructions`,
    },
    dequeue: {
      mix: { instr: 180 },
      refs: [
        { page: 'queue', offset: Q.head, bytes: 16, write: true },
        { page: 'queue', offset: Q.nodes, bytes: Q.nodeBytes, write: false },
      ],
      source: `${FIT} Table 1, enqueue/dequeue pair 3 µs: 3 × 133 = 399 cycles less the two locks' test-and-sets (2 × 20), split evenly: 180 MIPS instructions`,
    },
    empty: {
      mix: { instr: 10 },
      refs: [
        { page: 'queue', offset: Q.head, bytes: 8, write: false },
        { page: 'queue', offset: Q.nodes, bytes: 8, write: false },
      ],
      source: 'guess: the unlocked empty() test, a load of the head, a load of its next pointer, a compare: about 10 instructions with the call',
    },
    poll: {
      mix: { instr: 133 },
      refs: [
        { page: 'queue', offset: Q.head, bytes: 8, write: false },
        { page: 'queue', offset: Q.nodes, bytes: 8, write: false },
      ],
      source: 'guess: one iteration of the multiprocessor delay loop with its empty() check, about 1 µs of the Indy (133 instructions)',
    },
    flagLoad: { mix: { ld: 1 }, refs: [{ page: 'queue', offset: Q.awake, bytes: 4, write: false }], source: 'one load of the awake flag' },
    flagStore: { mix: { st: 1 }, refs: [{ page: 'queue', offset: Q.awake, bytes: 4, write: true }], source: 'one store to the awake flag' },
  },
};
