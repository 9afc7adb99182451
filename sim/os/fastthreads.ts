// FastThreads: user-level threads multiplexed on the processors an address space holds (URPC
// §2.1, §3.3, §4.1). Thread management is a library in the address space: blocking, readying and
// switching threads are procedure calls, never traps. A thread is a generator body run by whichever
// processor dispatches it (a trampoline): the body yields ordinary operations, which reach the
// engine through the processor running it, and `BLOCK` when it gives its processor up.
//
// URPC §4.3 footnote 1: when a thread blocks and the ready queue is empty, its context may stay
// loaded (the idle loop then runs in that context); it is saved only if something else needs the
// processor, and a wake-up of that very thread on that processor needs no restore.

import { WaitQueue, type Body, type Waitable } from '../engine/index.js';
import { CodeArea, vaxInstructions, instr, read, rti, step, trap, write, type Page, type Processor, type Step, type Work } from '../hw/index.js';
import type { AddressSpace } from './address-space.js';
import { HELD, type System } from './system.js';

const never = (what: string): Waitable => ({
  label: what,
  subscribe() {
    throw new Error(`${what} reached the engine: only a FastThreads processor may run a user-level thread`);
  },
});

/** Yielded by a thread body to give up its processor (after arranging to be woken). */
export const BLOCK: Waitable = never('user-level block');
/** Yielded by a thread body that has handed the rest of itself to a new thread and ends. */
export const EXIT: Waitable = never('user-level exit');

export type ThreadState = 'ready' | 'running' | 'blocked' | 'done';

export class UThread {
  state: ThreadState = 'ready';
  /** The processor running it (valid while running). */
  cpu: Processor | null = null;
  /** Threads blocked in join on this one. */
  joiners: UThread[] = [];
  /** Scratch slot for whoever wakes it (a message, a reply). */
  mailbox: unknown = null;
  /** Woken while still on its way to blocking (another processor was quicker). */
  wakePending = false;
  /** The thread its body went on in after FORK ended it. */
  successor: UThread | null = null;
  constructor(
    readonly name: string,
    readonly rt: FastThreads,
    public body: Body<void> | null,
  ) {}
}

/**
 * Instruction counts of the package's code paths. At the C-VAX's 0.72 µs per instruction
 * (machines/firefly-cvax.ts) the Table I rows of the URPC paper follow; counts fitted to a Table I
 * row are marked so.
 */
export const FASTTHREADS_INSTRUCTIONS = {
  /** urpc Table I PROCEDURE CALL 7 µs / 0.72 = 10 (calibrated). */
  procedureCall: 10,
  /** urpc §2: the minimal same-address-space context switch "saving and then restoring the machine's general-purpose registers ... about 15 µs" = 21 instructions; split save 10 / restore 11 (guess). */
  save: 10,
  restore: 11,
  /** guess: a few instructions to link a thread onto, or take one off, the ready queue. */
  enqueue: 3,
  dequeue: 3,
  /** guess: the idle loop's test of a summary word: load, test, branch. */
  idle: 3,
  /** derived: urpc Table I YIELD 37 µs = 51 instructions, less enqueue, save, dequeue, restore (27): 24 (calibrated). */
  yieldEntry: 24,
  /** derived: urpc Table I ACQUIRE;RELEASE 27 µs = 37 instructions; split 19/18 (calibrated; split a guess). */
  acquire: 19,
  release: 18,
  /** derived: urpc Table I FORK 43 µs = 60 instructions, less enqueue, dequeue, restore (17): 43, split create 30 / terminate 13 (calibrated; split a guess). */
  create: 30,
  terminate: 13,
  /** derived: urpc Table I FORK;JOIN 102 µs = 142 instructions, less the fork and the two switches it implies (87): 55 (calibrated). */
  join: 55,
  /** guess: condition-variable bookkeeping of a signal and of a wait (PINGPONG is predicted from these). */
  signal: 4,
  wait: 4,
} as const;

export interface ThreadPaths {
  save: Step;
  restore: Step;
  enqueue: Step;
  dequeue: Step;
  idle: Step;
  procedureCall: Step;
  yieldEntry: Step;
  acquire: Step;
  release: Step;
  create: Step;
  terminate: Step;
  join: Step;
  signal: Step;
  wait: Step;
}

export type ThreadCounts = { -readonly [K in keyof typeof FASTTHREADS_INSTRUCTIONS]: number };

export interface FastThreadsOptions {
  /** Breakdown side of this address space's work (client, server). */
  side: string;
  /** Label of the scheduling steps (save, restore, queue); URPC charges them all to "dispatch". */
  dispatchLabel?: string;
  /** URPC footnote 1: keep a blocking thread's context loaded when nothing else is ready. */
  keepContextLoaded: boolean;
  /** Instruction counts of the code paths (default: FastThreads's). */
  counts?: ThreadCounts;
  /**
   * Kernel threads: operations that enter the kernel (fork, exit, join, yield, signal, wait) begin
   * with a trap and end with the return from it (urpc §3.3.1's "expensive protected kernel traps").
   */
  trapped?: boolean;
}

/** Where the package's code and data live in its address space. */
function paths(as: AddressSpace, o: FastThreadsOptions, bytesPerInstruction: number): ThreadPaths {
  const code = as.mmu.page('FastThreads code', 2);
  const tcbs: Page = as.mmu.page('thread control blocks');
  const rq: Page = as.mmu.page('ready queue');
  const ca = new CodeArea(code, bytesPerInstruction);
  const n = o.counts ?? FASTTHREADS_INSTRUCTIONS;
  const d = (label: string) => o.dispatchLabel ?? label;
  const s = (label: string, k: number, extra: Work[] = []) => step(label, [...vaxInstructions(k), ...extra], ca);
  // A kernel operation: trap in, the path, return out (the return is charged to the same row).
  const kop = (label: string, k: number, extra: Work[] = []) => (o.trapped ? step(label, [trap(), ...vaxInstructions(k), ...extra, rti()], ca) : s(label, k, extra));
  return {
    save: s(d('save context'), n.save, [write(tcbs, 0, 40)]),
    restore: s(d('restore context'), n.restore, [read(tcbs, 0, 40)]),
    enqueue: s(d('ready queue'), n.enqueue, [write(rq, 0, 8)]),
    dequeue: s(d('ready queue'), n.dequeue, [read(rq, 0, 8)]),
    idle: s('idle', n.idle, [read(rq, 0, 4)]),
    procedureCall: s('procedure call', n.procedureCall),
    yieldEntry: kop('yield', n.yieldEntry),
    acquire: s('acquire', n.acquire, [write(rq, 64, 4)]),
    release: s('release', n.release, [write(rq, 64, 4)]),
    create: kop('create', n.create, [write(tcbs, 128, 40)]),
    terminate: kop('terminate', n.terminate, [write(tcbs, 128, 8)]),
    join: kop('join', n.join, [read(tcbs, 128, 8)]),
    signal: kop('signal', n.signal, [write(rq, 96, 4)]),
    wait: kop('wait', n.wait, [write(rq, 96, 4)]),
  };
}

/** The FastThreads runtime of one address space. */
export class FastThreads {
  readonly ready: UThread[] = [];
  readonly paths: ThreadPaths;
  /** Work the idle loop does before spinning (URPC polls its channels); true when it did something. */
  idleWork: ((cpu: Processor) => Body<boolean>) | null = null;
  /**
   * What idleWork would do when it finds nothing to act on, said without running it: the one step
   * it runs (a poll), null when it would do nothing, undefined when it has work. Lets the idle loop
   * poll without making idleWork's generator each time (it runs as often as the processor idles).
   */
  quietIdle: ((cpu: Processor) => Step | null | undefined) | null = null;
  /** Whether the processor has other work than the ready queue (the footnote's "anywhere in the system"). */
  otherWork: (() => boolean) | null = null;
  /** Processors whose registers still hold a blocked thread (footnote 1). */
  private loaded = new Map<Processor, UThread>();
  /** A woken thread whose context is loaded on that processor goes straight back to it. */
  private handoff = new Map<Processor, UThread>();
  private created = 0;

  constructor(
    readonly sys: System,
    readonly as: AddressSpace,
    readonly o: FastThreadsOptions,
    bytesPerInstruction = 3,
  ) {
    this.paths = paths(as, o, bytesPerInstruction);
  }

  get name(): string {
    return this.as.name;
  }

  /** A new thread, ready to run, created outside simulated time (at boot). */
  spawn(name: string, body: Body<void> | null, ready = true): UThread {
    const t = new UThread(name, this, body);
    this.created++;
    if (ready) this.ready.push(t);
    else t.state = 'blocked';
    return t;
  }

  /** Whether any thread waits for a processor here. */
  get hasReady(): boolean {
    return this.ready.length > 0 || this.handoff.size > 0;
  }

  /** Run a step on cpu for this address space (System.step: returns HELD or the cycles to yield). */
  step(cpu: Processor, s: Step, who = ''): number {
    // The thread's name is only read by a timeline: build it only then.
    return this.sys.step(cpu, s, this.o.side, this.sys.timeline === null ? undefined : who ? `${this.name}/${who}` : this.name);
  }

  /** An idle poll run back to back (System.poll). */
  poll(cpu: Processor, s: Step): number {
    return this.sys.poll(cpu, s, this.o.side, this.sys.timeline === null ? undefined : this.name);
  }

  // ---- the processor's side: dispatching and running threads ----

  /** Whether dispatchNext(cpu) would find a thread (else it returns false having done nothing). */
  mayDispatch(cpu: Processor): boolean {
    return this.ready.length > 0 || this.handoff.has(cpu);
  }

  /** Dispatch the next ready thread on cpu and run it until it blocks or ends; false if none. */
  *dispatchNext(cpu: Processor): Body<boolean> {
    let h: number;
    let t = this.handoff.get(cpu);
    if (t) this.handoff.delete(cpu);
    else t = this.ready.shift();
    if (!t) return false;
    const loaded = this.loaded.get(cpu);
    if (loaded === t) {
      this.loaded.delete(cpu);
      if ((h = this.step(cpu, this.paths.dequeue, t.name)) !== HELD) yield h;
    } else {
      if (loaded) yield* this.saveLoaded(cpu);
      if ((h = this.step(cpu, this.paths.dequeue, t.name)) !== HELD) yield h;
      if ((h = this.step(cpu, this.paths.restore, t.name)) !== HELD) yield h;
    }
    yield* this.runThread(cpu, t);
    return true;
  }

  /** Save the context left loaded on cpu, before the processor is used for anything else. */
  *saveLoaded(cpu: Processor): Body<void> {
    let h: number;
    const l = this.loaded.get(cpu);
    if (!l) return;
    this.loaded.delete(cpu);
    if ((h = this.step(cpu, this.paths.save, l.name)) !== HELD) yield h;
  }

  private *runThread(cpu: Processor, t: UThread): Body<void> {
    t.cpu = cpu;
    t.state = 'running';
    // The body may be handed to another thread while it runs (FORK); keep driving it until it says so.
    const body = t.body!;
    let v: unknown = undefined;
    for (;;) {
      const r = body.next(v);
      if (r.done || r.value === EXIT) {
        yield* this.finish(cpu, t);
        return;
      }
      if (r.value === BLOCK) return;
      v = yield r.value;
    }
  }

  private *finish(cpu: Processor, t: UThread): Body<void> {
    let h: number;
    t.state = 'done';
    t.body = null;
    // A body that returns because the run was stopped ends outside the measurement.
    if (this.sys.sim.isStopped) return;
    if ((h = this.step(cpu, this.paths.terminate, t.name)) !== HELD) yield h;
    for (const j of t.joiners) yield* this.wake(cpu, j);
    t.joiners = [];
  }

  // ---- the thread's side: called with yield* from inside a thread body ----

  /** Give up the processor until someone wakes t. */
  *block(t: UThread): Body<void> {
    let h: number;
    const cpu = t.cpu!;
    if (this.o.keepContextLoaded && !this.hasReady && !this.otherWork?.()) this.loaded.set(cpu, t);
    else if ((h = this.step(cpu, this.paths.save, t.name)) !== HELD) yield h;
    if (t.wakePending) {
      t.wakePending = false;
      t.state = 'ready';
      if (this.loaded.get(cpu) === t) this.handoff.set(cpu, t);
      else this.ready.push(t);
    } else t.state = 'blocked';
    yield BLOCK;
  }

  /** Block t with its context saved, then let its processor do `then` (a donation) before it moves on. */
  *blockThen(t: UThread, then: Body<void>): Body<void> {
    let h: number;
    if ((h = this.step(t.cpu!, this.paths.save, t.name)) !== HELD) yield h;
    t.state = 'blocked';
    yield* then;
    yield BLOCK;
  }

  /** Make t ready, charging the ready-queue work to the waker's processor. */
  *wake(cpu: Processor, t: UThread): Body<void> {
    let h: number;
    if ((h = this.step(cpu, this.paths.enqueue, t.name)) !== HELD) yield h;
    if (t.state === 'running') {
      t.wakePending = true;
      return;
    }
    t.state = 'ready';
    for (const [c, l] of this.loaded) {
      if (l === t) {
        this.handoff.set(c, t);
        return;
      }
    }
    this.ready.push(t);
  }

  // ---- Table I's operations ----

  *procedureCall(t: UThread): Body<void> {
    let h: number;
    if ((h = this.step(t.cpu!, this.paths.procedureCall, t.name)) !== HELD) yield h;
  }

  /** FORK: create and start a thread and end the current one; the body goes on in the new thread. */
  *forkAndEnd(t: UThread): Body<void> {
    let h: number;
    if ((h = this.step(t.cpu!, this.paths.create, t.name)) !== HELD) yield h;
    const child = new UThread(`thread ${++this.created}`, this, t.body);
    t.body = null;
    t.successor = child;
    yield* this.wake(t.cpu!, child);
    yield EXIT;
  }

  /** FORK;JOIN: create a thread with a null body and wait for it to end. */
  *forkJoin(t: UThread): Body<void> {
    let h: number;
    if ((h = this.step(t.cpu!, this.paths.create, t.name)) !== HELD) yield h;
    const child = new UThread(`thread ${++this.created}`, this, (function* (): Body<void> {})());
    yield* this.wake(t.cpu!, child);
    if ((h = this.step(t.cpu!, this.paths.join, t.name)) !== HELD) yield h;
    if (child.state !== 'done') {
      child.joiners.push(t);
      yield* this.block(t);
    }
  }

  /** YIELD: a full trip through the scheduler. */
  *yieldProcessor(t: UThread): Body<void> {
    let h: number;
    const cpu = t.cpu!;
    if ((h = this.step(cpu, this.paths.yieldEntry, t.name)) !== HELD) yield h;
    if ((h = this.step(cpu, this.paths.enqueue, t.name)) !== HELD) yield h;
    if ((h = this.step(cpu, this.paths.save, t.name)) !== HELD) yield h;
    t.state = 'ready';
    this.ready.push(t);
    yield BLOCK;
  }

  /** ACQUIRE;RELEASE of a blocking lock nobody else holds. */
  *acquireRelease(t: UThread, m: FtMutex): Body<void> {
    let h: number;
    if ((h = this.step(t.cpu!, this.paths.acquire, t.name)) !== HELD) yield h;
    if (!m.acquire(t)) yield* this.block(t);
    if ((h = this.step(t.cpu!, this.paths.release, t.name)) !== HELD) yield h;
    const next = m.release();
    if (next) yield* this.wake(t.cpu!, next);
  }

  /** Signal a condition: wake one waiter. */
  *signal(t: UThread, c: FtCondition): Body<void> {
    let h: number;
    if ((h = this.step(t.cpu!, this.paths.signal, t.name)) !== HELD) yield h;
    const w = c.signal();
    if (w) yield* this.wake(t.cpu!, w);
  }

  /** Wait on a condition (a signal that came first is not lost). */
  *wait(t: UThread, c: FtCondition): Body<void> {
    let h: number;
    if ((h = this.step(t.cpu!, this.paths.wait, t.name)) !== HELD) yield h;
    if (!c.wait(t)) yield* this.block(t);
  }
}

/** A FastThreads blocking lock: granted when nobody holds it; release hands it to the first waiter. */
export class FtMutex extends WaitQueue<UThread> {
  holder: UThread | null = null;
  protected grant(t: UThread): boolean {
    if (this.holder !== null) return false;
    this.holder = t;
    return true;
  }
  /** Take the lock, or queue for it (false: the thread must block). */
  acquire(t: UThread): boolean {
    return this.enqueue(t);
  }
  /** Free the lock; the waiter it passes to, to be woken. */
  release(): UThread | undefined {
    this.holder = null;
    return this.nextGranted();
  }
}

/** A FastThreads condition: a wait is granted by a signal, which is kept when nobody waits. */
export class FtCondition extends WaitQueue<UThread> {
  pending = 0;
  protected grant(): boolean {
    if (this.pending === 0) return false;
    this.pending--;
    return true;
  }
  /** Take a pending signal, or queue (false: the thread must block). */
  wait(t: UThread): boolean {
    return this.enqueue(t);
  }
  /** Signal: the waiter it wakes, if any (otherwise the signal is kept). */
  signal(): UThread | undefined {
    this.pending++;
    return this.nextGranted();
  }
}
