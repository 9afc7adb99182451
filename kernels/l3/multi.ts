// Several clients calling one server on one processor (l3 §5.3.4, §5.3.5): the server works on a
// request, a clock tick may end the timeslice and let a ready client run; a client that calls
// while the server is busy polls it (joins its polling-me queue, first come first served) and
// blocks. When the server replies and somebody polls it, that sender's IPC is taken at once,
// before the reply's receiver continues (§5.3.5). Each thread is a process that runs only while
// it holds the processor; whoever gives the processor away signals the thread that gets it.

import { WaitQueue, type Body } from '../../sim/engine/index.js';
import { instr, measured, read, usToCycles, write, type Processor, type Step } from '../../sim/hw/index.js';
import type { System } from '../../sim/os/index.js';
import { Baton, handTo, PathCache, runSteps } from '../../sim/os/handoff.js';
import { callBytes, type KernelInstance, type Request } from '../kernel.js';
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
  baton: Baton;
}

/**
 * The one processor and L3's ready queue (§5.3.4, §5.3.5) on the wait-queue template: ready threads
 * wait for the processor in FIFO order; it is granted to the first when its holder gives it up. A
 * direct process switch (to the server, or back to a caller) gives it to a thread past the queue.
 */
class ReadyQueue extends WaitQueue<Th> {
  constructor(public holder: Th | null) {
    super();
  }
  protected grant(t: Th): boolean {
    if (this.holder !== null) return false;
    this.holder = t;
    return true;
  }
  /** t is ready while another thread runs: it queues. */
  ready(t: Th): void {
    if (this.enqueue(t)) throw new Error(`l3: ${t.t.name} got the processor nobody gave up`);
  }
  /** The holder gives the processor up to the first ready thread. */
  next(): Th {
    this.holder = null;
    const t = this.nextGranted();
    if (!t) throw new Error('l3: no ready thread to run');
    return t;
  }
}

/** Modelling granularity: work is done in slices this long, so a tick can preempt it (between slices). */
const WORK_SLICE_US = 20;

export function startMulti(sys: System, L: FullLayout, c: Codes, o: L3Options, cpu: Processor): KernelInstance {
  const m = new Multi(sys, L, c, o, cpu);
  m.startClock();
  m.startServer();
  return {
    sides: ['ipc'],
    // A full timeslice: the longest a thread runs before the clock may end it (§5.3.5).
    schedulingPeriodCycles: o.clockTickMs > 0 ? Math.ceil(o.timesliceTicks) * usToCycles(sys.machine, o.clockTickMs * 1000) : 0,
    startClient: (i, body) => m.startClient(i, body),
  };
}

class Multi {
  private readonly clients: Th[];
  private readonly B: Th;
  private readonly readyQ: ReadyQueue;
  private readonly pollers: Th[] = [];
  private replyTo: Th | null = null;
  private preempt = false;
  private sliceTicks = 0;
  private readonly polls;
  private readonly servedFirst;
  private readonly preemptions;
  private readonly perClient;
  private readonly paths = new PathCache<Step[]>();

  constructor(
    private readonly sys: System,
    private readonly L: FullLayout,
    private readonly c: Codes,
    private readonly o: L3Options,
    private readonly cpu: Processor,
  ) {
    const th = (t: FullThread, st: State): Th => ({ t, st, baton: new Baton(sys.sim, t.name) });
    this.clients = L.clients.map((t, i) => th(t, i === 0 ? 'running' : 'ready'));
    this.B = th(L.threads[1], 'waitAny');
    this.readyQ = new ReadyQueue(this.clients[0]);
    for (const t of this.clients.slice(1)) this.readyQ.ready(t);
    const st = sys.stats;
    this.polls = st.counter('l3.polls', 'IPCs', 'calls that found the server busy and polled it');
    this.servedFirst = st.counter('l3.pollersServedFirst', 'IPCs', "replies after which a polling sender was taken before the reply's receiver ran");
    this.preemptions = st.counter('l3.preemptions', 'switches', 'timeslice ends that switched threads');
    this.perClient = this.clients.map((x) => st.counter(`l3.calls.${x.t.name}`, 'calls', `calls completed by client ${x.t.name}`));
  }

  /** Paths are built once per shape and reused (their code places are fixed anyway). */
  private path(key: string, make: () => Step[]): Step[] {
    return this.paths.get(key, make);
  }

  private run(steps: Step[], who: string): Body<void> {
    return runSteps(this.sys, this.cpu, steps, 'ipc', who);
  }

  /** Give the processor to `next` after running `steps`, then wait to get it back. */
  private *handOver(me: Th, next: Th, steps: Step[]): Body<void> {
    yield* this.run(steps, me.t.name);
    this.readyQ.holder = next;
    next.st = 'running';
    yield* handTo(me.baton, next.baton);
  }

  private dequeueReady(): Th {
    const next = this.readyQ.next();
    this.sliceTicks = 0;
    return next;
  }

  /** At a timeslice end with somebody ready: the interrupted thread queues up and the next one runs. */
  private *maybePreempt(me: Th): Body<void> {
    if (!this.preempt || this.readyQ.holder !== me || this.readyQ.queued === 0) return;
    const { c, L, o } = this;
    this.preempt = false;
    this.preemptions.add();
    me.st = 'ready';
    this.readyQ.ready(me);
    const next = this.dequeueReady();
    const steps = this.path(`preempt ${me.t.name} ${next.t.name}`, () => [
      interruptEntry(c, L, me.t),
      readyInvariant(c, L, me.t, true),
      selectNext(c, L, next.t),
      ...processSwitch(c, L, me.t, next.t, false),
      ...returnToUser(c, L, next.t, o),
    ]);
    yield* this.handOver(me, next, steps);
  }

  /** The clock: each tick counts towards the timeslice; at its end, a ready thread preempts. */
  startClock(): void {
    if (this.o.clockTickMs <= 0) return;
    const tick = usToCycles(this.sys.machine, this.o.clockTickMs * 1000);
    const self = this;
    this.sys.sim.spawn(
      (function* (): Body {
        for (;;) {
          yield tick;
          self.sliceTicks++;
          if (self.sliceTicks >= self.o.timesliceTicks && self.readyQ.queued > 0) self.preempt = true;
        }
      })(),
      'clock',
      true,
    );
  }

  /** The server: work on the request, then reply and receive the next one. */
  startServer(): void {
    const self = this;
    const B = this.B;
    this.sys.sim.spawn(
      (function* (): Body {
        yield B.baton.go;
        for (;;) {
          for (let left = self.o.serverWorkUs; left > 0; left -= WORK_SLICE_US) {
            yield* self.run([self.c.user.get(B.t.name)!.step('server: work', [measured(Math.min(left, WORK_SLICE_US), 'experiment: server work per request')])], 'B');
            yield* self.maybePreempt(B);
          }
          yield* self.answer();
        }
      })(),
      'thread B (server)',
      true,
    );
  }

  /** B replies; a polling sender's IPC is taken at once (§5.3.5), or B waits for the next call. */
  private *answer(): Body<void> {
    const { c, L, o, B } = this;
    const to = this.replyTo!;
    const bytes = 8;
    if (this.pollers.length === 0) {
      B.st = 'waitAny';
      yield* this.handOver(B, to, this.path(`answer ${to.t.name}`, () => sendAndReceive(c, L, B.t, to.t, bytes, 'replyAndWait', o)));
      return;
    }
    // The reply's receiver just becomes ready.
    const next = this.pollers.shift()!;
    this.servedFirst.add();
    to.st = 'ready';
    this.readyQ.ready(to);
    next.st = 'waitReply';
    this.replyTo = next;
    yield* this.run(
      this.path(`reply and take ${to.t.name} ${next.t.name}`, () => [
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
  }

  startClient(i: number, body: (call: (req: Request) => Body<void>) => Body<void>): void {
    const me = this.clients[i];
    const self = this;
    const call = function* (req: Request): Body<void> {
      if (self.readyQ.holder !== me) yield me.baton.go;
      yield* self.maybePreempt(me);
      if (self.B.st === 'waitAny') {
        me.st = 'waitReply';
        self.replyTo = me;
        const bytes = callBytes('l3', req);
        yield* self.handOver(me, self.B, self.path(`call ${me.t.name} ${bytes}`, () => sendAndReceive(self.c, self.L, me.t, self.B.t, bytes, 'call', self.o)));
      } else yield* self.poll(me);
      self.perClient[i].add();
    };
    this.sys.sim.spawn(body(call), `thread ${me.t.name} (client)`);
  }

  /** The server is busy: poll it (join its FIFO of polling senders) and let the next ready thread run. */
  private *poll(me: Th): Body<void> {
    const { c, L, o, B } = this;
    this.polls.add();
    me.st = 'polling';
    this.pollers.push(me);
    const next = this.dequeueReady();
    yield* this.handOver(
      me,
      next,
      this.path(`poll ${me.t.name} ${next.t.name}`, () => [
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
}
