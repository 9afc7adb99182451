// Today's Linux on the machine at hand (the sleep/wake-up paper re-run: §2.2's Table 1 measured on
// this host): each primitive a path of average instructions whose count is fitted to the host's
// own measured primitive, as IRIX 6.2's paths are fitted to Table 1 on the Indy. The host's
// ordinary instructions are priced at one cycle, its trap entry and return at half the measured
// null system call each, so a path's count is the measured cycles less what the machine already
// prices. Its scheduler is EEVDF (sched/eevdf.ts), whose pick is a tree search: no per-runnable
// term. Built per host machine from the fit the machine builder derives from the profile; the
// measured composites never enter it.

import type { PathDef, PathRef, UnixModel } from './model.js';
import { QUEUE_LAYOUT as Q } from './model.js';

/** The host's operating-system primitives in cycles of its clock, each with the derivation it came from. */
export interface HostOsFit {
  /** The host machine it was fitted on (host, host-1, ...). */
  machineId: string;
  /** The operating system as the machine names it. */
  os: string;
  costs: {
    trap: number;
    rti: number;
    loadContext: number;
    sysYield: number;
    ctxSwitch: number;
    ctxCold2: number;
    ctxCold3: number;
    sysSleep: number;
    sysSemop: number;
    sysMsgsnd: number;
    sysMsgrcv: number;
    shmEnqueue: number;
    shmDequeue: number;
    shmEmpty: number;
    pollIteration: number;
    flagLoad: number;
    flagStore: number;
  };
  /** Where each cost came from, by the same keys. */
  sources: Record<string, string>;
  /** The measured fraction of semaphore wake-ups after which the woken process ran before its waker. */
  wakePreempt: { fraction: number; source: string };
}

const queueRef = (offset: number, bytes: number, write: boolean): PathRef => ({ page: 'queue', offset, bytes, write });

export function linuxHostModel(f: HostOsFit): UnixModel {
  const c = f.costs;
  const FIT = `fitted on ${f.machineId} to`;
  const kernelEntry = c.trap + c.rti;
  const src = (k: keyof HostOsFit['costs']) => f.sources[k] ?? '';
  /** A whole system call: the machine's trap and return, and the rest of the measured cycles as instructions. */
  const call = (k: keyof HostOsFit['costs'], refs: PathRef[] = []): PathDef => ({
    trap: true,
    mix: { instr: Math.max(0, c[k] - kernelEntry) },
    refs,
    source: `${FIT} ${k}: ${c[k]} cycles less the trap and return the machine prices (${kernelEntry}), floored at 0; ${src(k)}`,
  });
  const user = (k: keyof HostOsFit['costs'], refs: PathRef[]): PathDef => ({
    mix: { instr: c[k] },
    refs,
    source: `${FIT} ${k}: ${c[k]} cycles at one cycle an instruction; ${src(k)}`,
  });
  return {
    id: `linux-${f.machineId}`,
    os: f.os,
    isa: 'x86',
    home: f.machineId,
    sched: 'eevdf',
    procEntryBytes: null, // each task_struct is an allocation of its own (kernel/fork.c); the fitted paths reference none
    describe: `${f.os} on ${f.machineId}: primitive paths fitted to the primitives measured on it (system call, sched_yield, semop, msgsnd/msgrcv, the shared queue), EEVDF scheduling`,
    wakePreempt: { fraction: f.wakePreempt.fraction, source: `${FIT} wake_preempt: ${f.wakePreempt.source}` },
    coldSwitch: {
      byDistance: (['ctxCold2', 'ctxCold3'] as const).map((k) => ({ mix: { instr: c[k] }, source: `${FIT} ${k}: ${c[k]} cycles; ${src(k)}` })),
    },
    kernel: {
      yield: call('sysYield'),
      scan: {
        at: 'switch',
        mix: {},
        source: 'EEVDF picks from a red-black tree ordered by virtual deadline (kernel/sched/fair.c, pick_eevdf): no work per runnable process is modelled',
      },
      switch: {
        mix: { instr: Math.max(0, c.ctxSwitch - c.loadContext) },
        source: `${FIT} ctxSwitch: ${c.ctxSwitch} cycles less the context load the machine prices (${c.loadContext}); ${src('ctxSwitch')}`,
      },
      sleep: {
        mix: { instr: c.sysSleep },
        source: `${FIT} sysSleep: ${c.sysSleep} cycles; ${src('sysSleep')}`,
      },
      semop: call('sysSemop'),
      msgsnd: call('sysMsgsnd'),
      msgrcv: call('sysMsgrcv'),
      timedSleep: { ...call('sysSemop'), source: `guess: a timed sleep() call as heavy as a semop (the protocols sleep only on a full queue); ${src('sysSemop')}` },
    },
    user: {
      enqueue: user('shmEnqueue', [queueRef(Q.nodes, Q.nodeBytes, true), queueRef(Q.tail, 16, true)]),
      dequeue: user('shmDequeue', [queueRef(Q.head, 16, true), queueRef(Q.nodes, Q.nodeBytes, false)]),
      empty: user('shmEmpty', [queueRef(Q.head, 8, false), queueRef(Q.nodes, 8, false)]),
      poll: user('pollIteration', [queueRef(Q.head, 8, false), queueRef(Q.nodes, 8, false)]),
      flagLoad: user('flagLoad', [queueRef(Q.awake, 4, false)]),
      flagStore: user('flagStore', [queueRef(Q.awake, 4, true)]),
    },
  };
}
