// Linux 1.0 (the 1.0.32 of the sleep/wake-up paper's §6), with every path counted from the kernel
// source rather than fitted: the system-call entry and exit of kernel/sys_call.S, schedule() and
// switch_to of kernel/sched.c and include/linux/sched.h, sleep_on/wake_up, and the System V IPC
// calls of ipc/. It is the one Unix model independent of every measurement, so a machine whose
// operating system has no Unix model runs the Unix kernels on these paths.

import type { PathClass, PathDef, PathRef, UnixModel } from './model.js';
import { QUEUE_LAYOUT as Q } from './model.js';

type Mix = Partial<Record<PathClass, number>>;
const add = (...xs: Mix[]): Mix => {
  const out: Mix = {};
  for (const x of xs) for (const [k, v] of Object.entries(x) as [PathClass, number][]) out[k] = (out[k] ?? 0) + v;
  return out;
};

/**
 * kernel/sys_call.S, _system_call up to the indirect call (lines 162-175): pushl %eax, SAVE_ALL
 * (cld, 4 segment-register pushes, 7 register pushes, 2 immediate moves, 3 segment-register loads)
 * and 11 more (the -ENOSYS store, the range check, current, the CF clear, errno, the %db6 move and
 * its store, the PF_TRACESYS test, the call): 29 instructions besides the user's int $0x80.
 */
const ENTRY: Mix = { st: 15, alu: 5, segLoad: 3, cmp: 2, jcc: 2, ld: 1, jccTaken: 1 };
/**
 * The return: the result store and errno test (4, lines 176-179), ret_from_sys_call's common path
 * (28, lines 197-226: bottom halves, VM86/CS, sti, need_resched, the current task's state and
 * counter, pending signals) and RESTORE_ALL (17 before the iret, lines 111-129: the CS test, the
 * %db7 reload, 7 pops, 4 segment-register pops, the stack adjust): 49 instructions. The class of each
 * of ret_from_sys_call's 28 is read from its tests (loads, compares and untaken branches).
 */
const EXIT: Mix = { st: 2, ld: 16, alu: 8, jccTaken: 1, cmp: 9, jcc: 9, segLoad: 4 };
/** pt_regs on the kernel stack: 17 longwords saved by the entry, reloaded by the exit. */
const REGS = 68;
const frame: PathRef[] = [
  { page: 'kstack', offset: 4096 - REGS, bytes: REGS, write: true },
  { page: 'kstack', offset: 4096 - REGS, bytes: REGS, write: false },
];
/** current's task_struct: errno, flags, debug registers, state, counter, signal, blocked (two 16-byte lines). */
const task = (write: boolean): PathRef => ({ page: 'proc', offset: 0, bytes: 32, write });
/**
 * schedule()'s fixed part (kernel/sched.c 220-226, 279-293): cli, itimer_ticks read and cleared,
 * itimer_next, sti, need_resched = 0, the list head; the !c test, current != next, the context-switch
 * count, the debug-register test, the call and return: 18 instructions (sources count 15-20).
 */
const SCHEDULE: Mix = { alu: 4, ld: 3, st: 3, cmp: 3, jcc: 3, jccTaken: 2 };
/** sys_ipc (ipc/util.c): the two-level switch on the call number. */
const SYS_IPC: Mix = { ld: 1, cmp: 2, jcc: 1, jccTaken: 1 };
/**
 * A C statement of the IPC routines' common paths as about three i386 instructions (an assumption:
 * -O2 code for loads, compares and stores of structure fields), in this mix per 30 statements.
 */
const STATEMENTS_30: Mix = { ld: 32, st: 14, alu: 14, cmp: 15, jcc: 10, jccTaken: 5 };
const statements = (n: number): Mix => Object.fromEntries(Object.entries(STATEMENTS_30).map(([k, v]) => [k, Math.round((v * n) / 30)]));
/** kmalloc or kfree_s (mm/kmalloc.c): not counted from source; about 30 instructions each (a guess for a free-list pop or push with its bucket lookup). */
const KMALLOC: Mix = { ld: 10, st: 6, alu: 4, cmp: 5, jcc: 3, jccTaken: 2 };
/** memcpy_fromfs/memcpy_tofs of a 24-byte message: 6 longword moves through %fs, with the call. */
const COPY24: Mix = { ld: 6, st: 6, alu: 2, jccTaken: 2 };

const syscall = (routine: Mix, refs: PathRef[], source: string): PathDef => ({
  trap: true,
  mix: add(ENTRY, routine, EXIT),
  refs: [...frame, task(true), ...refs],
  source,
});

const SRC = 'counted from Linux 1.0 source:';

/** Daemons asleep throughout (assumption, see resident.source): init, update, syslogd, crond, inetd, lpd. */
const RESIDENT_DAEMONS = 6;
/** Slackware's inittab: agetty on tty1-tty6, one of them now the login shell. */
const RESIDENT_CONSOLES = 6;

export const linux10: UnixModel = {
  id: 'linux-1.0',
  os: 'Linux 1.0.32',
  isa: 'x86',
  home: null,
  sched: 'linux',
  procEntryBytes: null, // kernel/fork.c: each task_struct is a page of its own (__get_free_page)
  describe: 'Linux 1.0: primitive paths counted instruction by instruction from the kernel source (sys_call.S, sched.c, ipc/), fitted to nothing',
  resident: {
    count: RESIDENT_DAEMONS + RESIDENT_CONSOLES,
    // schedule()'s loop 1 for a TASK_INTERRUPTIBLE sleeper with no signal and no timeout (about 14
    // instructions) and loop 2 for a task not running (6), each reading the task's own page.
    scan: {
      mix: { ld: 7, cmp: 5, jcc: 4, jccTaken: 3, alu: 1 },
      refs: [{ page: 'proc', offset: 0, bytes: 32, write: false }],
      source: `${SRC} schedule()'s two loops (kernel/sched.c 227-277) for an interruptible sleeper: about 14 instructions in the first (the signal and timeout tests), 6 in the second; 20 per task, each reading its own task_struct page`,
    },
    source:
      'assumption for a 1994 Slackware system (the paper does not give its process count): the six virtual-console processes of Slackware\'s /etc/inittab (c1-c6 respawn /sbin/agetty 38400 ttyN in the multi-user runlevels; inittab version 2.04 17/05/93 MvS as listed in Linux Journal article 3016, Listing 1), one of them the login shell that started the experiment, and six daemons: init, update (the user half of sys_bdflush, in the 1.0 system-call table) and, unverified, syslogd, crond, inetd and lpd of the rc scripts (no 1994 rc.M was found); all asleep in TASK_INTERRUPTIBLE',
  },
  kernel: {
    yield: syscall(
      // The paper's changed sched_yield (§6: "expire the caller's quantum and force a context
      // switch"; 1.0 has no sched_yield): current->counter = 0, need_resched = 1, return; then
      // ret_from_sys_call's reschedule (pushl, jmp) into schedule().
      add({ ld: 1, st: 2, alu: 1, jccTaken: 1 }, { st: 1, jccTaken: 1 }, SCHEDULE),
      [{ page: 'runq', offset: 0, bytes: 16, write: true }],
      `${SRC} system_call entry and exit (kernel/sys_call.S, 29 + 49 instructions, 7 segment-register loads, int and iret), the changed sched_yield (5, the paper's §6 change read against 1.0), reschedule (2) and schedule()'s fixed part (18, kernel/sched.c 211-294)`,
    ),
    scan: {
      at: 'schedule',
      mix: { ld: 5, cmp: 4, jcc: 3, jccTaken: 3 },
      refs: [{ page: 'proc', offset: 0, bytes: 32, write: false }],
      source: `${SRC} schedule()'s two loops over every existing task (kernel/sched.c 227-277): 7 + 6 instructions for a task not running, 8-10 in the second loop for a runnable one; 15 per task, each reading its own task_struct page`,
    },
    switch: {
      mix: { cmp: 2, jcc: 2, alu: 3, jccTaken: 1, segLoad: 7 },
      refs: [{ page: 'proc', offset: 512, bytes: 104, write: false }],
      // ljmp through a TSS on the 486: JMP m16:32 via TSS 41 + TS clocks (HelpPC 2.10 "JMP", 486
      // column), TS = 199 from a 486 task to a 486 TSS with VM = 0 (HelpPC 2.10 "Instruction Clock
      // Cycle Calculation", Task State Calculation table; secondary copies of Intel's tables): 240
      // clocks, of which the parts priced here are the 6 segment registers and the LDT (7 × 9), the
      // CR3 load (the context load, 4) and the jump (3).
      nativeClocks: 41 + 199 - 7 * 9 - 4 - 3,
      source: `${SRC} switch_to (include/linux/sched.h): cmpl, je, cli, xchgl current, ljmp through the new task's TSS, sti, the FPU owner test (8 instructions); the hardware task switch is JMP via TSS, 41 + TS clocks on the 486 with TS = 199 (HelpPC's copies of Intel's 486 tables, secondary): its parts (CR3 load, 6 segment registers and the LDT reloaded, the new TSS read, 104 bytes) priced on any machine, the rest of the 240 clocks (170) on an x86 only`,
    },
    sleep: {
      // __sleep_on (sched.c 377-393) with add_wait_queue and remove_wait_queue, schedule()'s
      // fixed part, and the waker's wake_up (sched.c 311-336) of one waiter.
      mix: add({ ld: 4, st: 3, alu: 3, cmp: 2, jcc: 2 }, { ld: 3, st: 3, alu: 2, jccTaken: 1 }, { ld: 4, st: 3, alu: 2, jccTaken: 0 }, SCHEDULE, { ld: 6, st: 2, cmp: 3, jcc: 3, jccTaken: 2 }),
      refs: [task(true), { page: 'runq', offset: 0, bytes: 16, write: true }],
      source: `${SRC} __sleep_on (about 10 statements), add_wait_queue and remove_wait_queue (8-10 instructions each), schedule()'s fixed part (18) and wake_up's walk of one waiter (about 16) (kernel/sched.c)`,
    },
    semop: syscall(
      add(SYS_IPC, statements(35)),
      [{ page: 'ubuf', offset: 0, bytes: 8, write: false }, { page: 'object', offset: 0, bytes: 32, write: true }],
      `${SRC} system_call entry and exit, sys_ipc's switch (5, ipc/util.c) and sys_semop's common path for one sembuf (about 35 C statements, ipc/sem.c) at about 3 instructions a statement (an assumption)`,
    ),
    msgsnd: syscall(
      add(SYS_IPC, statements(29), KMALLOC, COPY24),
      [{ page: 'ubuf', offset: 0, bytes: 24, write: false }, { page: 'object', offset: 0, bytes: 64, write: true }],
      `${SRC} system_call entry and exit, sys_ipc (5), sys_msgsnd's common path (about 29 C statements, ipc/msg.c) at about 3 instructions a statement (an assumption), kmalloc of the message (about 30, not counted from source) and memcpy_fromfs of the 24 bytes`,
    ),
    msgrcv: syscall(
      add(SYS_IPC, { ld: 2, st: 2 }, statements(30), KMALLOC, COPY24, { ld: 8, cmp: 4, jcc: 4, alu: 4 }),
      [{ page: 'object', offset: 0, bytes: 64, write: true }, { page: 'ubuf', offset: 0, bytes: 24, write: true }],
      `${SRC} system_call entry and exit, sys_ipc (5) with the copy of its 8-byte ipc_kludge, sys_msgrcv's common path (about 30 C statements, ipc/msg.c) at about 3 instructions a statement (an assumption), verify_area's check (about 20), kfree_s (about 30, not counted) and memcpy_tofs of the 24 bytes`,
    ),
    timedSleep: syscall(statements(10), [], `${SRC} system_call entry and exit and about 10 statements to arm the timer (sys_alarm, kernel/sched.c), an estimate; the protocols sleep only on a full queue`),
  },
  user: {
    // The two-lock queue of Michael and Scott (PODC 1996, Figure 2) counted in i386 instructions:
    // the call and its register saves, new_node's free-list pop, the 24-byte value copy, the link
    // and the tail update, the unlock; besides the lock's xchg.
    enqueue: {
      mix: { ld: 9, st: 12, alu: 2, cmp: 2, jcc: 2, jccTaken: 4 },
      refs: [
        { page: 'queue', offset: Q.nodes, bytes: Q.nodeBytes, write: true },
        { page: 'queue', offset: Q.tail, bytes: 16, write: true },
      ],
      source: 'counted from Michael and Scott\'s two-lock queue (PODC 1996, Figure 2) in i386 instructions: call and register saves 8, free-list pop 5, value copy 12, next = NULL, the link and the tail 3, unlock 1 (31)',
    },
    dequeue: {
      mix: { ld: 11, st: 12, alu: 2, cmp: 2, jcc: 2, jccTaken: 4 },
      refs: [
        { page: 'queue', offset: Q.head, bytes: 16, write: true },
        { page: 'queue', offset: Q.nodes, bytes: Q.nodeBytes, write: false },
      ],
      source: 'counted from Michael and Scott\'s two-lock queue (PODC 1996, Figure 2) in i386 instructions: call and register saves 8, head and next loads and the empty test 4, value copy 12, head update and unlock 2, free-list push 5 (33)',
    },
    empty: {
      mix: { ld: 2, cmp: 1, jcc: 1, jccTaken: 2 },
      refs: [
        { page: 'queue', offset: Q.head, bytes: 8, write: false },
        { page: 'queue', offset: Q.nodes, bytes: 8, write: false },
      ],
      source: 'counted: empty() loads the head and its next pointer, compares, returns, with the call (6 i386 instructions)',
    },
    poll: {
      mix: { ld: 2, cmp: 2, jcc: 1, jccTaken: 3, alu: 1 },
      refs: [
        { page: 'queue', offset: Q.head, bytes: 8, write: false },
        { page: 'queue', offset: Q.nodes, bytes: 8, write: false },
      ],
      source: 'counted: one delay-loop iteration is its counter and branch and a call of empty() (9 i386 instructions)',
    },
    flagLoad: { mix: { ld: 1 }, refs: [{ page: 'queue', offset: Q.awake, bytes: 4, write: false }], source: 'one load of the awake flag' },
    flagStore: { mix: { st: 1 }, refs: [{ page: 'queue', offset: Q.awake, bytes: 4, write: true }], source: 'one store to the awake flag' },
  },
};
