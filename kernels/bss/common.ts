// What the sleep/wake-up kernels share (sleep/wake-up paper §2.2): the process layout (one
// single-threaded server, `--clients` client processes, each in its own address space), the
// scheduler and busy-wait options, and the glue that turns a protocol's Send/Receive/Reply into
// the kernel interface. BSS (Figure 1) is the base protocol the others extend.

import type { Body } from '../../sim/engine/index.js';
import { SCHEDULER_HELP, SCHEDULERS, makePolicy, type SchedulerName } from '../../sim/os/sched/index.js';
import { Unix, type Task } from '../../sim/os/unix.js';
import { UserIpc, type Msg, type UserIpcOptions } from '../../sim/os/useripc.js';
import type { System } from '../../sim/os/index.js';
import type { KernelDef, KernelInstance, KernelOptions, OptionSpec, RunParams } from '../kernel.js';

export const schedulerOption: OptionSpec = {
  name: 'scheduler',
  type: 'string',
  default: 'default',
  choices: [...SCHEDULERS],
  description: `operating-system scheduling policy. ${SCHEDULER_HELP}`,
};

export const busyWaitOption: OptionSpec = {
  name: 'busyWait',
  type: 'string',
  default: 'auto',
  choices: ['auto', 'yield', 'delay'],
  description: 'busy_wait/poll_queue: auto = yield() on a uniprocessor, a delay loop on a multiprocessor (§2.2, §5); with scheduler=handoff the yields become handoff(pid)',
};

export const pollOption: OptionSpec = {
  name: 'pollUs',
  type: 'number',
  default: 25,
  description: 'length of one multiprocessor delay loop in µs, checking empty() every iteration (§5: 25 µs)',
};

export const capacityOption: OptionSpec = {
  name: 'capacity',
  type: 'number',
  default: 64,
  description: 'messages each shared queue holds (a full queue makes the producer sleep(1), §3)',
};

export const raceOptions: OptionSpec[] = [
  { name: 'c3', type: 'boolean', default: true, description: 'step C.3 of Figure 4, the second dequeue before sleeping; false shows interleaving 4 (a lost wake-up ends in a stall report)' },
  { name: 'tas', type: 'boolean', default: true, description: 'producers reset the awake flag with test-and-set so only the first wakes the consumer (Figure 4 interleaving 2); false: test then set' },
  { name: 'absorb', type: 'boolean', default: true, description: 'after a successful C.3 the consumer test-and-sets its flag and absorbs a wake-up already sent with P (interleaving 3)' },
];

export interface Protocol {
  send(e: UserIpc, t: Task, c: number, m: Msg, server: Task): Body<Msg>;
  receive(e: UserIpc, t: Task): Body<Msg>;
  reply(e: UserIpc, t: Task, c: number, m: Msg): Body<void>;
}

export function checkParams(_m: { machineId: string; processors: number }, p: RunParams): string | null {
  if (p.T !== 1) return `the sleep/wake-up kernels run single-threaded client processes: use --clients n (got -T ${p.T})`;
  if (p.bytes !== 0 && p.bytes !== 24) return `the sleep/wake-up kernels pass fixed 24-byte messages (§2.2): use --bytes 24 or leave it out (got --bytes ${p.bytes})`;
  return null;
}

/** The scheduler the options ask for, on this machine. */
export function unixFor(sys: System, opts: KernelOptions): Unix {
  return new Unix(sys, (all) => makePolicy(String(opts.scheduler) as SchedulerName, sys.machine.id, sys.machine.clockMHz, all));
}

/** Resolve busy_wait's implementation: the paper's rule, or handoff when that scheduler is chosen. */
export function busyWaitOf(sys: System, opts: KernelOptions): UserIpcOptions['busyWait'] {
  if (opts.scheduler === 'handoff') return 'handoff';
  const b = String(opts.busyWait ?? 'auto');
  if (b === 'yield' || b === 'delay') return b;
  return sys.cpus.length > 1 ? 'delay' : 'yield';
}

export function ipcOptions(sys: System, opts: KernelOptions): UserIpcOptions {
  return {
    busyWait: busyWaitOf(sys, opts),
    pollUs: Number(opts.pollUs ?? 25),
    maxSpin: Number(opts.maxSpin ?? 20),
    c3: opts.c3 !== false,
    tas: opts.tas !== false,
    absorb: opts.absorb !== false,
    capacity: Number(opts.capacity ?? 64),
  };
}

/** Boot a user-level protocol: server process in its Receive/Reply loop, clients started by the workload. */
export function bootProtocol(sys: System, params: RunParams, opts: KernelOptions, proto: Protocol): KernelInstance {
  const unix = unixFor(sys, opts);
  const ipc = new UserIpc(unix, params.clients, ipcOptions(sys, opts));
  const served = sys.stats.counter('server.requests', 'messages', 'requests the single server process received');
  const wrong = sys.stats.counter('ipc.misdelivered', 'messages', 'replies that reached a client other than the sender (must stay 0)');
  const server = unix.spawn(
    'server',
    'server',
    sys.hw.space('server'),
    function* (t: Task): Body<void> {
      for (;;) {
        const m = yield* proto.receive(ipc, t);
        served.add();
        // The request's processing is to echo its argument (§2.2).
        yield* proto.reply(ipc, t, m.client, { op: m.op, client: m.client, arg: m.arg });
      }
    },
    true,
  );
  ipc.srv.task = server;
  return clientsOf(sys, params, unix, (t, c) => {
    ipc.clnt[c].task = t;
    return function* (): Body<void> {
      const a = yield* proto.send(ipc, t, c, { op: 1, client: c, arg: c }, server);
      if (a.client !== c) wrong.add();
    };
  });
}

/** Start `--clients` client processes, each running the workload's body with its own call. */
export function clientsOf(
  sys: System,
  params: RunParams,
  unix: Unix,
  callOf: (t: Task, c: number) => () => Body<void>,
): KernelInstance {
  return {
    sides: ['client', 'server', 'kernel'],
    startClient(i, body) {
      if (i !== 0) return;
      for (let c = 0; c < params.clients; c++) {
        unix.spawn(`client ${c}`, 'client', sys.hw.space(`client ${c}`), (t) => {
          const call = callOf(t, c);
          return body(() => call());
        });
      }
    },
  };
}

/** A kernel definition for a user-level protocol. */
export function protocolKernel(d: Omit<KernelDef, 'boot' | 'supports' | 'paper' | 'check'>, proto: Protocol): KernelDef {
  return {
    ...d,
    paper: 'sleepwake',
    supports: ['rpc', 'send-receive'],
    check: checkParams,
    boot: (sys, params, opts) => bootProtocol(sys, params, opts, proto),
  };
}
