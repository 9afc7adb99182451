// Several clients calling one server on one processor (l3 §5.3.4, §5.3.5): the server works on a
// request, a clock tick may end the timeslice and let a ready client run; a client that calls
// while the server is busy polls it (joins its polling-me queue, first come first served) and
// blocks. When the server replies and somebody polls it, that sender's IPC is taken at once,
// before the reply's receiver continues (§5.3.5). Each thread is a process that runs only while
// it holds the processor; whoever gives the processor away signals the thread that gets it.

import { Semaphore, type Body } from '../../sim/engine/index.js';
import { instr, measured, read, write, type Processor, type Step } from '../../sim/hw/index.js';
import type { System } from '../../sim/os/index.js';
import type { KernelInstance } from '../kernel.js';
import { interruptEntry, readyInvariant } from './clock.js';
import { callKernel, returnToUser, segmentsOnEntry, userReceive, userSend, type Codes } from './entry.js';
import { TCB, type FullLayout, type FullThread } from './full-layout.js';
import { sendAndReceive, sendPart } from './full.js';
import type { L3Options } from './options.js';
import { block, makeReady, processSwitch, selectNext } from './schedule.js';

type State = 'running' | 'ready' | 'waitReply' | 'waitAny' | 'polling';

interface Th {
  t: FullThread;
  st: State;
  go: Semaphore;
}

/** Modelling granularity: work is done in slices this long, so a tick can preempt it (between slices). */
const WORK_SLICE_US = 20;

export function startMulti(sys: System, L: FullLayout, c: Codes, o: L3Options, cpu: Processor, T: number): KernelInstance {
  const sim = sys.sim;
  const st = sys.stats;
  const th = (t: FullThread, s: State): Th => ({ t, st: s, go: new Semaphore(sim, `${t.name} waits for the processor`) });
  const clients = L.clients.map((t, i) => th(t, i === 0 ? 'running' : 'ready'));
  const B = th(L.threads[1], 'waitAny');
  const readyQ: Th[] = clients.slice(1);
  const pollers: Th[] = [];
  let current: Th = clients[0];
  let replyTo: Th | null = null;
  let preempt = false;
  let sliceTicks = 0;

  const polls = st.counter('l3.polls', 'IPCs', 'calls that found the server busy and polled it');
  const servedFirst = st.counter('l3.pollersServedFirst', 'IPCs', 'replies after which a polling sender was taken before the reply\'s receiver ran');
  const preemptions = st.counter('l3.preemptions', 'switches', 'timeslice ends that switched threads');
  const perClient = clients.map((x) => st.counter(`l3.calls.${x.t.name}`, 'calls', `calls completed by client ${x.t.name}`));

  const memo = new Map<string, Step[]>();
  const path = (key: string, make: () => Step[]) => {
    let p = memo.get(key);
    if (!p) memo.set(key, (p = make()));
    return p;
  };

  function* run(steps: Step[], who: string): Body<void> {
    for (const s of steps) yield sys.run(cpu, s, 'ipc', who);
  }

  /** Give the processor to `next` after running `steps`, then wait to get it back. */
  function* handOver(me: Th, next: Th, steps: Step[]): Body<void> {
    yield* run(steps, me.t.name);
    current = next;
    next.st = 'running';
    next.go.signal();
    yield me.go;
  }

  function dequeueReady(): Th {
    const next = readyQ.shift();
    if (!next) throw new Error('l3: no ready thread to run');
    sliceTicks = 0;
    return next;
  }

  /** At a timeslice end with somebody ready: the interrupted thread queues up and the next one runs. */
  function* maybePreempt(me: Th): Body<void> {
    if (!preempt || current !== me || readyQ.length === 0) return;
    preempt = false;
    preemptions.add();
    me.st = 'ready';
    readyQ.push(me);
    const next = dequeueReady();
    const steps = path(`preempt ${me.t.name} ${next.t.name}`, () => [
      interruptEntry(c, L, me.t),
      readyInvariant(c, L, me.t, true),
      selectNext(c, L, next.t),
      ...processSwitch(c, L, me.t, next.t, false),
      ...returnToUser(c, L, next.t, o),
    ]);
    yield* handOver(me, next, steps);
  }

  if (o.clockTickMs > 0) {
    const tick = Math.round(o.clockTickMs * 1000 * sys.machine.clockMHz);
    sim.spawn(
      (function* (): Body {
        for (;;) {
          yield tick;
          sliceTicks++;
          if (sliceTicks >= o.timesliceTicks && readyQ.length > 0) preempt = true;
        }
      })(),
      'clock',
      true,
    );
  }

  // The server: work on the request, then reply and receive the next one.
  sim.spawn(
    (function* (): Body {
      yield B.go;
      for (;;) {
        for (let left = o.serverWorkUs; left > 0; left -= WORK_SLICE_US) {
          yield* run([c.user.get(B.t.name)!.step('server: work', [measured(Math.min(left, WORK_SLICE_US), 'experiment: server work per request')])], 'B');
          yield* maybePreempt(B);
        }
        const to = replyTo!;
        const bytes = 8;
        if (pollers.length > 0) {
          // §5.3.5: the polling sender's IPC is initiated at once; the reply's receiver just becomes ready.
          const next = pollers.shift()!;
          servedFirst.add();
          to.st = 'ready';
          readyQ.push(to);
          next.st = 'waitReply';
          replyTo = next;
          yield* run(
            path(`reply and take ${to.t.name} ${next.t.name}`, () => [
              ...userSend(c, B.t, true, 6),
              callKernel(c, L, B.t),
              ...segmentsOnEntry(c, L, B.t, o),
              ...sendPart(c, L, B.t, to.t, true, o),
              c.ipc.step('ipc: deliver into saved frame', [instr('ld', 2), read(B.t.tcb, TCB.uid, 8), instr('st', 4), write(to.t.frame, to.t.stackTop - 0x30, 16)]),
              ...makeReady(c, L, to.t, o),
              c.ipc.step('ipc: take polling sender', [instr('ld', 2), read(B.t.tcb, TCB.pollers, 8), instr('st'), write(B.t.tcb, TCB.pollers), instr('ld', 4), read(next.t.frame, next.t.stackTop - 0x30, 16)]),
              ...returnToUser(c, L, B.t, o),
              ...userReceive(c, B.t, true),
            ]),
            'B',
          );
        } else {
          B.st = 'waitAny';
          yield* handOver(B, to, path(`answer ${to.t.name}`, () => sendAndReceive(c, L, B.t, to.t, bytes, 'replyAndWait', o)));
        }
      }
    })(),
    'thread B (server)',
    true,
  );

  return {
    sides: ['ipc'],
    startClient(i, body) {
      const me = clients[i];
      const call = function* (req: { bytes: number }): Body<void> {
        if (current !== me) yield me.go;
        yield* maybePreempt(me);
        if (B.st === 'waitAny') {
          me.st = 'waitReply';
          replyTo = me;
          yield* handOver(me, B, path(`call ${me.t.name} ${req.bytes}`, () => sendAndReceive(c, L, me.t, B.t, req.bytes, 'call', o)));
        } else {
          // The server is busy: poll it (FIFO) and let the next ready thread run.
          polls.add();
          me.st = 'polling';
          pollers.push(me);
          const next = dequeueReady();
          yield* handOver(
            me,
            next,
            path(`poll ${me.t.name} ${next.t.name}`, () => [
              ...userSend(c, me.t, true, 6),
              callKernel(c, L, me.t),
              ...segmentsOnEntry(c, L, me.t, o),
              ...sendPart(c, L, me.t, B.t, true, o),
              c.ipc.step('ipc: enter polling queue', [instr('ld'), read(B.t.tcb, TCB.pollers), instr('st', 3), write(me.t.tcb, TCB.waitLink, 8), write(B.t.tcb, TCB.pollers + 4)]),
              ...block(c, L, me.t, o),
              selectNext(c, L, next.t),
              ...processSwitch(c, L, me.t, next.t, false),
              ...returnToUser(c, L, next.t, o),
            ]),
          );
        }
        perClient[i].add();
      };
      void T;
      sim.spawn(body(call), `thread ${me.t.name} (client)`);
    },
  };
}
