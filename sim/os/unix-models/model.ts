// What a Unix operating-system model is (sleep/wake-up paper §2-§6): each primitive the protocols
// use (yield, the context switch, the sleep and wake-up of a blocking call, semop, msgsnd, msgrcv)
// as a path of work — a trap, instructions of the ordinary classes, the pages it touches, the
// context load of a switch, the return — priced by whichever machine runs it. The user-level
// steps of the protocols (the shared queue's operations, the awake flag, the delay loop) are
// user code compiled for the platform: instructions and references to the queue's shared page.

import type { Isa } from '../../hw/isa.js';

/** Instruction classes a path may name: the ordinary ones every machine prices ('instr' for an average-instruction count). */
export type PathClass = 'ld' | 'st' | 'alu' | 'cmp' | 'jcc' | 'jccTaken' | 'segLoad' | 'instr';

/**
 * The page a reference goes to, by role: the calling process's kernel stack and process-table
 * entry, the scheduler's run queue, the System V object of the call (message queue or
 * semaphore), the caller's user buffer, or the shared page of a user-level queue.
 */
export type PageRole = 'kstack' | 'proc' | 'runq' | 'object' | 'ubuf' | 'queue';

export interface PathRef {
  page: PageRole;
  offset: number;
  bytes: number;
  write: boolean;
}

/** One path: optional kernel entry (trap) and return (rti), instructions by class, references. */
export interface PathDef {
  /** Entered by a trap and left by a return from exception (a whole system call). */
  trap?: boolean;
  mix: Partial<Record<PathClass, number>>;
  refs?: readonly PathRef[];
  /** Where the counts come from: the function counted, or the measurement the count is fitted to. */
  source: string;
  /**
   * Clocks of a microcoded instruction of the model's own ISA beyond the parts the path prices
   * (the i486's hardware task switch), paid only on a machine of that ISA: elsewhere the
   * instruction does not exist and the parts stand for it.
   */
  nativeClocks?: number;
}

/** The per-task work of a scheduler's scan: when it runs and which tasks it visits. */
export interface ScanDef extends PathDef {
  /**
   * 'switch': the dispatcher visits each runnable process (the one switched in included) when it
   * switches; 'schedule': every call of the scheduler visits every existing process (Linux 1.0).
   */
  at: 'switch' | 'schedule';
}

export interface UnixModel {
  /** Model id ('irix-6.2'). */
  id: string;
  /** The operating system as a machine names it ('IRIX 6.2'). */
  os: string;
  /** The ISA its path lengths are counted in (ported on a machine of another, sim/hw/porting.ts). */
  isa: Isa;
  /** The machine whose measurements fitted the counts, or null when they are counted from source. */
  home: string | null;
  /** Which scheduling policy family is the system's default (sched/). */
  sched: 'irix' | 'aix' | 'linux' | 'eevdf';
  describe: string;
  /**
   * Where process-table entries live: a number is the bytes of one entry in a shared table (IRIX
   * and AIX keep their proc structures in arrays); null gives each process its own page (Linux 1.0
   * allocates each task_struct a page of its own).
   */
  procEntryBytes: number | null;
  /**
   * Where a process's kernel stack (with the frame its system calls save) lives. 'fixed': at one
   * virtual address in every process, remapped at each switch (System V's u-area and kernel
   * stack; AIX's segment 2), so every process's frame has the same page offset and, where the
   * first-level cache is indexed with virtual-address bits above the page offset, the same cache
   * colour. Absent: a page of the process's own, wherever the allocator put it (Linux 1.0's
   * kernel_stack_page).
   */
  kstack?: { at: 'fixed'; source: string };
  /**
   * Where the System V objects the calls touch live: entries of one kernel table per kind, side by
   * side in the order they were created (message queue headers, semaphore set headers), with the
   * bytes of one entry. Absent: each object a region of its own.
   */
  sysvTables?: { msqidBytes: number; semidBytes: number; source: string };
  /**
   * Processes that exist besides the experiment's and sleep through it (daemons, gettys, the
   * shell), where the scheduler visits every existing process (Linux 1.0): how many, the scan of
   * one of them, and where the count comes from. Absent: the model's scan sees no others.
   */
  resident?: { count: number; scan: PathDef; source: string };
  /** Scheduler behaviour measured on the home machine: the fraction of wake-ups that preempt the waker. */
  wakePreempt?: { fraction: number; source: string };
  /**
   * A switch to a process whose state others have displaced since it last ran costs more: the
   * extra work when 2, 3, ... other processes ran on the processor since it did (the last entry
   * for any more); none when it ran just before the process leaving.
   */
  coldSwitch?: { byDistance: readonly PathDef[] };
  kernel: {
    /** yield() (and handoff) as a whole system call, up to the scheduler's decision. */
    yield: PathDef;
    /** The scheduler's per-task scan. */
    scan: ScanDef;
    /** Switching a processor to a process, after its MMU context is loaded (the context load is part of every switch). */
    switch: PathDef;
    /** The sleep path of a blocking call and the later wake-up of the process, beyond the call itself. */
    sleep: PathDef;
    /** semop(), one operation (P or V). */
    semop: PathDef;
    msgsnd: PathDef;
    msgrcv: PathDef;
    /** A timed sleep() call, before it blocks. */
    timedSleep: PathDef;
  };
  user: {
    /** The two-lock queue's enqueue, besides the test-and-set of its tail lock. */
    enqueue: PathDef;
    /** The two-lock queue's dequeue, besides the test-and-set of its head lock. */
    dequeue: PathDef;
    /** The unlocked empty() test. */
    empty: PathDef;
    /** One iteration of the multiprocessor delay loop, with its empty() check. */
    poll: PathDef;
    /** A load, and a store, of a queue's awake flag. */
    flagLoad: PathDef;
    flagStore: PathDef;
  };
}

/** Where a user-level queue's fields sit in its shared page: each end's lock and pointer on its own line, the flag on a third, the nodes after. */
export const QUEUE_LAYOUT = {
  head: 0,
  tail: 128,
  awake: 256,
  nodes: 384,
  nodeBytes: 32,
} as const;

/** Total instructions of a path (the trap and the return counted as one each). */
export function pathInstructions(p: PathDef): number {
  return Object.values(p.mix).reduce((a, b) => a + (b ?? 0), 0) + (p.trap ? 2 : 0);
}
