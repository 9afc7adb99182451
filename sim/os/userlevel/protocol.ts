// What the sleep/wake-up kernels share (sleep/wake-up paper §2.2): the process layout (one
// single-threaded server, `--clients` client processes, each in its own address space), the
// scheduler and busy-wait switches, the wait loop of the blocking protocols (Figure 5's
// while (!dequeue) {C.2-C.5}), and the glue that runs a protocol's Send/Receive/Reply as a server
// loop and client calls. BSS (Figure 1) is the base protocol the others extend.

import type { Body } from '../../engine/index.js';
import type { Isa } from '../../hw/isa.js';
import { SCHEDULER_HELP, SCHEDULERS, makePolicy, type SchedulerName } from '../sched/index.js';
import { Unix, type Task } from '../unix.js';
import { UserIpc, type Endpoint, type Msg, type UserIpcOptions } from '../useripc.js';
import type { System } from '../index.js';

/** The kernel options these switches are read from (by name). */
export type Switches = Readonly<Record<string, boolean | number | string>>;

export const schedulerOption = {
  name: 'scheduler',
  type: 'string' as const,
  default: 'default',
  choices: [...SCHEDULERS],
  description: `operating-system scheduling policy. ${SCHEDULER_HELP}`,
};

export const busyWaitOption = {
  name: 'busyWait',
  type: 'string' as const,
  default: 'auto',
  choices: ['auto', 'yield', 'delay'],
  description: 'busy_wait/poll_queue: auto = yield() on a uniprocessor, a delay loop on a multiprocessor (§2.2, §5); with scheduler=handoff the yields become handoff(pid)',
};

export const pollOption = {
  name: 'pollUs',
  type: 'number' as const,
  default: 25,
  min: 0,
  description: 'length of one multiprocessor delay loop in µs, checking empty() every iteration (§5: 25 µs)',
};

export const capacityOption = {
  name: 'capacity',
  type: 'number' as const,
  default: 64,
  min: 1,
  description: 'messages each shared queue holds (a full queue makes the producer sleep(1), §3)',
};

export const maxSpinOption = {
  name: 'maxSpin',
  type: 'number' as const,
  default: 20,
  min: 0,
  description: 'MAX_SPIN: empty() polls before falling through to the sleep path (§4.2; Figure 10 varies it)',
};

export const raceOptions = [
  { name: 'c3', type: 'boolean' as const, default: true, description: 'step C.3 of Figure 4, the second dequeue before sleeping; false shows interleaving 4 (a lost wake-up ends in a stall report)' },
  { name: 'tas', type: 'boolean' as const, default: true, description: 'producers reset the awake flag with test-and-set so only the first wakes the consumer (Figure 4 interleaving 2); false: test then set' },
  { name: 'absorb', type: 'boolean' as const, default: true, description: 'after a successful C.3 the consumer test-and-sets its flag and absorbs a wake-up already sent with P (interleaving 3)' },
];

/** The run parameters the sleep/wake-up kernels take: single-threaded client processes, fixed 24-byte messages (§2.2). */
export const SLEEPWAKE_PARAMS = {
  T: { only: [1], why: 'single-threaded client processes: use --clients n' },
  clients: {},
  bytes: { only: [0, 24], why: 'fixed 24-byte messages (§2.2): use --bytes 24 or leave it out' },
};

/**
 * What every sleep/wake-up kernel declares alike: its paper, its home ISA (the protocols'
 * user-level instruction counts are the SGI Indy's, sleepwake §2), request/response and one-way
 * messages, calls only, and the run parameters above.
 */
export const SLEEPWAKE_KERNEL = {
  paper: 'sleepwake',
  isa: 'mips' as Isa,
  supports: ['rpc', 'send-receive'] as ('rpc' | 'send-receive')[],
  requests: ['call'] as const,
  params: SLEEPWAKE_PARAMS,
};

export interface Protocol {
  send(e: UserIpc, t: Task, c: number, m: Msg, server: Task): Body<Msg>;
  receive(e: UserIpc, t: Task): Body<Msg>;
  reply(e: UserIpc, t: Task, c: number, m: Msg): Body<void>;
}

/** while (!dequeue(Q, msg)) { [before()]; C.2-C.5 } (Figure 5, and Figures 7 and 9 with a hint before sleeping). */
export function* waitLoop(e: UserIpc, t: Task, ep: Endpoint, before?: () => Body<unknown>): Body<Msg> {
  for (;;) {
    const m = yield* ep.q.dequeue(t);
    if (m !== undefined) return m;
    if (before) yield* before();
    const got = yield* e.sleepStep(t, ep);
    if (got !== undefined) return got;
  }
}

/** The scheduler the options ask for, on this machine. */
export function unixFor(sys: System, opts: Switches): Unix {
  return new Unix(sys, (all) => makePolicy(String(opts.scheduler) as SchedulerName, sys.machine, sys.machine.clockMHz, all));
}

/** Resolve busy_wait's implementation: the paper's rule, or handoff when that scheduler is chosen. */
export function busyWaitOf(sys: System, opts: Switches): UserIpcOptions['busyWait'] {
  if (opts.scheduler === 'handoff') return 'handoff';
  const b = String(opts.busyWait ?? 'auto');
  if (b === 'yield' || b === 'delay') return b;
  return sys.cpus.length > 1 ? 'delay' : 'yield';
}

export function ipcOptions(sys: System, opts: Switches): UserIpcOptions {
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

/** The client side of the kernel interface: start each client process with the workload's body. */
export interface ClientProcesses {
  sides: string[];
  /** The scheduler's period (a full quantum): the warm-up covers it. */
  schedulingPeriodCycles: number;
  startClient(index: number, body: (call: () => Body<void>) => Body<void>): void;
}

/** Boot a user-level protocol: server process in its Receive/Reply loop, clients started by the workload. */
export function bootProtocol(sys: System, clients: number, opts: Switches, proto: Protocol): ClientProcesses {
  const unix = unixFor(sys, opts);
  const ipc = new UserIpc(unix, clients, ipcOptions(sys, opts));
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
  return clientsOf(sys, clients, unix, (t, c) => {
    ipc.clnt[c].task = t;
    return function* (): Body<void> {
      const a = yield* proto.send(ipc, t, c, { op: 1, client: c, arg: c }, server);
      if (a.client !== c) wrong.add();
    };
  });
}

/** Start `--clients` client processes, each running the workload's body with its own call. */
export function clientsOf(sys: System, clients: number, unix: Unix, callOf: (t: Task, c: number) => () => Body<void>): ClientProcesses {
  return {
    sides: ['client', 'server', 'kernel'],
    schedulingPeriodCycles: unix.schedulingPeriodCycles,
    startClient(i, body) {
      if (i !== 0) return;
      for (let c = 0; c < clients; c++) {
        unix.spawn(`client ${c}`, 'client', sys.hw.space(`client ${c}`), (t) => {
          const call = callOf(t, c);
          return body(() => call());
        });
      }
    },
  };
}
