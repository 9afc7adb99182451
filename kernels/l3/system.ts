// The L3 ping-pong inside a running system (l3 §5.3.3, §5.3.4): a clock interrupts every tick,
// scans one wake-up list and keeps the ready queue's invariant; other threads wait with real
// timeouts in the wake-up lists; the client may sleep until the next tick after a number of calls
// (so IPCs come at a chosen rate) and may give some IPCs a real timeout. One processor: the
// clock and the threads take it in turn (an interrupt waits for the IPC in flight to finish).
// Counters: IPCs, lazy queue updates, wake-up entries inspected, cycles of IPC, clock and
// wake-up-list work; violations of the ready-queue invariant (never expected).

import { Lock, Semaphore, WaitQueue, type Body } from '../../sim/engine/index.js';
import { usToCycles, type Processor, type Step } from '../../sim/hw/index.js';
import { HELD, type System } from '../../sim/os/index.js';
import { PathCache } from '../../sim/os/handoff.js';
import type { Counter } from '../../sim/stats/index.js';
import { callBytes, type KernelInstance, type Request } from '../kernel.js';
import { dropEntry, inspectEntry, interruptEntry, interruptReturn, readyInvariant, wake } from './clock.js';
import type { Codes } from './entry.js';
import type { FullLayout, FullThread } from './full-layout.js';
import { resumeSteps, sendAndReceive, sleepSteps } from './full.js';
import type { L3Options } from './options.js';

type Entry = { t: FullThread; due: number };

/**
 * The processor and L3's lazily kept ready queue (§5.3.4) on the wait-queue template: `current`
 * holds the processor (the idle thread when nobody is ready); a thread in the ready queue waits
 * for it and is granted it, first come first served, while the idle thread holds it. Lazily, the
 * running thread may stay in the queue, and a clock tick puts the thread it interrupts into it.
 * A direct process switch (the call to B, B's reply) passes the processor past the queue.
 */
class ReadyQueue extends WaitQueue<FullThread> {
  constructor(
    public current: FullThread,
    private readonly idle: FullThread,
  ) {
    super();
  }
  protected grant(t: FullThread): boolean {
    if (this.current !== this.idle) return false;
    this.current = t;
    return true;
  }
  has(t: FullThread): boolean {
    return this.holds(t);
  }
  /** Put t into the ready queue; it runs at once when the idle thread held the processor. */
  insert(t: FullThread): void {
    this.enqueue(t);
  }
  remove(t: FullThread): void {
    this.withdraw(t);
  }
  /** The current thread blocks; nobody else is ever ready in this setup, so the idle thread runs. */
  block(): void {
    this.current = this.idle;
    const t = this.nextGranted();
    if (t) throw new Error(`l3: ${t.name} was ready while the client slept`);
  }
}

export function startSystem(sys: System, L: FullLayout, c: Codes, o: L3Options, cpu: Processor): KernelInstance {
  const r = new RunningSystem(sys, L, c, o, cpu);
  r.startClock();
  return {
    sides: ['ipc'],
    // The clock's period: every wake-up list scanned once (one list per tick, §5.3.3).
    schedulingPeriodCycles: r.clockPeriod,
    startClient: (_i, body) => sys.sim.spawn(body((req) => r.call(req)), 'thread A (client)'),
  };
}

class RunningSystem {
  private readonly A: FullThread;
  private readonly B: FullThread;
  private readonly tickCycles: number;
  private readonly n: number;
  private readonly k: Record<'ipcs' | 'updates' | 'inspected' | 'ticks' | 'ipcCycles' | 'clockCycles' | 'wakeupCycles' | 'timeouts' | 'sleeps' | 'violations', Counter>;
  // Scheduler state: the lazily kept ready queue (idle runs when nothing is ready) and the wake-up lists.
  private readonly cpuLock: Lock;
  private readonly readyQueue: ReadyQueue;
  private readonly ready: Set<FullThread>;
  private readonly lists: Entry[][];
  private tick = 0;
  private ipcIndex = 0;
  private calls = 0;
  private readonly aWakes: Semaphore;
  private readonly period: number;
  private readonly paths = new PathCache<Step[]>();
  /** Whether a step enters threads into wake-up lists (its cycles are also counted apart), by step. */
  private readonly wakeupSteps = new Map<Step, boolean>();

  constructor(
    private readonly sys: System,
    private readonly L: FullLayout,
    private readonly c: Codes,
    private readonly o: L3Options,
    private readonly cpu: Processor,
  ) {
    [this.A, this.B] = L.threads;
    const sim = sys.sim;
    this.tickCycles = usToCycles(sys.machine, o.clockTickMs * 1000);
    this.n = o.wakeupLists;
    const st = sys.stats;
    this.k = {
      ipcs: st.counter('l3.ipcs', 'IPCs', 'IPCs (one-way messages, sleeps included)'),
      updates: st.counter('l3.lazyQueueUpdates', 'operations', 'ready and wake-up queue insertions and deletions'),
      inspected: st.counter('l3.wakeupInspections', 'entries', 'wake-up list entries inspected by the clock'),
      ticks: st.counter('l3.clockTicks', 'ticks', 'clock interrupts'),
      ipcCycles: st.counter('l3.ipcCycles', 'cycles', 'cycles of IPC paths (sleeps included)'),
      clockCycles: st.counter('l3.clockCycles', 'cycles', 'cycles of the clock interrupt (wake-up scan, invariant, wake and switch)'),
      wakeupCycles: st.counter('l3.wakeupListCycles', 'cycles', 'cycles of entering threads into wake-up lists during IPCs'),
      timeouts: st.counter('l3.ipcsWithTimeout', 'IPCs', 'IPCs carrying a real timeout'),
      sleeps: st.counter('l3.sleeps', 'IPCs', 'sleeps: receive from nobody with a timeout'),
      violations: st.counter('l3.invariantViolations', 'violations', 'ready threads (other than the current one) missing from the ready queue at a tick'),
    };
    this.cpuLock = new Lock(sim, 'the processor');
    this.ready = new Set<FullThread>([this.A]);
    this.lists = Array.from({ length: this.n }, () => []);
    const FAR = Number.MAX_SAFE_INTEGER;
    L.sleepers.forEach((t, i) => this.lists[i % this.n].push({ t, due: FAR }));
    this.readyQueue = new ReadyQueue(this.A, L.others.idle);
    this.aWakes = new Semaphore(sim, 'the client waits for its wake-up');
    this.period = o.timeoutShare > 0 ? Math.max(1, Math.round(100 / o.timeoutShare)) : 0;
  }

  /** The clock's period in cycles: every wake-up list scanned once (0 without a clock). */
  get clockPeriod(): number {
    return this.tickCycles > 0 ? this.lists.length * this.tickCycles : 0;
  }

  /** Paths are built once per shape and reused (their code places are fixed anyway). */
  private path(key: string, make: () => Step[]): Step[] {
    return this.paths.get(key, make);
  }

  private *exec(steps: Step[], who: string, into: { add(n: number): void }): Body<void> {
    for (const s of steps) {
      const cyc = this.sys.run(this.cpu, s, 'ipc', who);
      into.add(cyc);
      let wakeup = this.wakeupSteps.get(s);
      if (wakeup === undefined) this.wakeupSteps.set(s, (wakeup = /wakeup list/.test(s.label)));
      if (wakeup) this.k.wakeupCycles.add(cyc);
      if (this.sys.hold(cyc) !== HELD) yield cyc;
    }
  }

  private listed(t: FullThread): boolean {
    return this.lists.some((l) => l.some((e) => e.t === t));
  }

  private enter(t: FullThread, due: number): void {
    this.lists[due % this.n].push({ t, due });
  }

  /** The clock: every tick, interrupt whoever runs. */
  startClock(): void {
    if (this.tickCycles <= 0) return;
    const self = this;
    this.sys.sim.spawn(
      (function* (): Body {
        for (;;) {
          yield self.tickCycles;
          yield self.cpuLock;
          const woke = yield* self.interrupt();
          self.cpuLock.release();
          if (woke && self.readyQueue.current === woke) self.aWakes.signal();
        }
      })(),
      'clock',
      true,
    );
  }

  /** One tick's interrupt: the ready-queue invariant, one wake-up list scanned; returns the thread woken. */
  private *interrupt(): Body<FullThread | null> {
    const { c, L, k, A, readyQueue, ready } = this;
    const current = readyQueue.current;
    this.tick++;
    k.ticks.add();
    const steps: Step[] = [interruptEntry(c, L, current)];
    if (current !== L.others.idle) {
      const insert = !readyQueue.has(current);
      steps.push(readyInvariant(c, L, current, insert));
      if (insert) {
        readyQueue.insert(current);
        k.updates.add();
      }
    }
    for (const t of ready) if (t !== current && !readyQueue.has(t)) k.violations.add();
    let woke: FullThread | null = null;
    const list = this.lists[this.tick % this.n];
    for (let i = 0; i < list.length; ) {
      const e = list[i];
      steps.push(inspectEntry(c, e.t));
      k.inspected.add();
      if (e.t === A && !(ready.has(A) || current === A) && e.due <= this.tick) {
        steps.push(wake(c, L, A));
        ready.add(A);
        // Into the ready queue; while the idle thread runs, A is granted the processor at once.
        readyQueue.insert(A);
        k.updates.add(2);
        list.splice(i, 1);
        woke = A;
      } else if (e.t === A) {
        // A's entry from an IPC that has long completed: lazily dropped now.
        steps.push(dropEntry(c, A));
        k.updates.add();
        list.splice(i, 1);
      } else i++;
    }
    if (woke && readyQueue.current === woke) {
      // Resumed from the idle thread: the kernel takes it out of the ready queue again.
      k.updates.add();
      steps.push(...resumeSteps(c, L, woke, this.o));
    } else steps.push(interruptReturn(c, current, L));
    yield* this.exec(steps, 'clock', k.clockCycles);
    return woke;
  }

  /** Sleep until the next tick: receive from nobody with a timeout of one tick. */
  private *sleep(): Body<void> {
    const { c, L, k, A, o } = this;
    yield this.cpuLock;
    const drop = this.readyQueue.has(A);
    if (drop) {
      this.readyQueue.remove(A);
      k.updates.add();
    }
    this.ready.delete(A);
    this.enter(A, this.tick + 1);
    k.updates.add();
    k.ipcs.add();
    k.sleeps.add();
    yield* this.exec(this.path(`sleep ${drop}`, () => sleepSteps(c, L, A, o, drop)), 'A', k.ipcCycles);
    this.readyQueue.block();
    this.cpuLock.release();
    yield this.aWakes;
  }

  *call(req: Request): Body<void> {
    const { c, L, k, A, B, o } = this;
    const bytes = callBytes('l3', req);
    if (o.rpcsPerTick > 0 && this.tickCycles > 0 && this.calls > 0 && this.calls % o.rpcsPerTick === 0) yield* this.sleep();
    yield this.cpuLock;
    const withTimeout = this.period > 0 && this.ipcIndex % this.period === 0;
    this.ipcIndex += 2;
    let timeout: 'none' | 'enter' | 'listed' = 'none';
    if (withTimeout) {
      k.timeouts.add();
      // A real timeout far ahead (a second): lazily, an entry still listed is not entered again.
      timeout = this.listed(A) ? 'listed' : 'enter';
      if (timeout === 'enter') {
        this.enter(A, this.tick + Math.round(1000 / Math.max(o.clockTickMs, 1e-9)));
        k.updates.add();
      }
    }
    k.ipcs.add(2);
    yield* this.exec(this.path(`call ${bytes} ${timeout}`, () => sendAndReceive(c, L, A, B, bytes, 'call', o, timeout)), 'A', k.ipcCycles);
    this.readyQueue.current = B;
    yield* this.exec(this.path(`answer ${bytes}`, () => sendAndReceive(c, L, B, A, bytes, 'replyAndWait', o)), 'B', k.ipcCycles);
    this.readyQueue.current = A;
    this.cpuLock.release();
    this.calls++;
  }
}
