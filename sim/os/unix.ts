// A Unix process layer on a System (sleep/wake-up paper §2-§6): heavy-weight processes in their
// own address spaces, a run queue, per-processor clock ticks and quanta, and the system calls the
// protocols use (yield, handoff, sleep, and blocking/waking for semaphores and message queues).
// The run queue (run-queue.ts) is the wait-queue template's, its scheduling policy (sched/)
// decides who runs; this file does the switching and charges it.
//
// A process runs only while it holds a processor; its user code is a sequence of steps, and at
// each step boundary pending clock ticks are charged and a requested preemption happens (ticks
// are 10 ms, steps microseconds, so the boundary is as good as the interrupt). Ticks that fall
// while a processor idles are nobody's.

import { Semaphore, type Body, type Simulation } from '../engine/index.js';
import { instr, step, usToCycles, type Processor, type Space, type Step, type Work } from '../hw/index.js';
import type { Counter } from '../stats/index.js';
import type { Reason, SchedPolicy, SchedTask } from './sched/index.js';
import { RunQueue } from './run-queue.js';
import { fastPaths, HELD, type System } from './system.js';
import { UnixPaths } from './unix-paths.js';

export class Task implements SchedTask {
  readonly s: Record<string, number> = {};
  /** 'blocking': on its way to sleep (still on its processor); a wake-up then cancels the sleep. */
  state: 'ready' | 'running' | 'blocking' | 'blocked' | 'exited' = 'ready';
  cpu: Processor | null = null;
  /** Signalled when the task is given a processor. */
  readonly go: Semaphore;
  /** What it blocks on, signalled when it is made runnable; reused for every sleep (a task sleeps on one thing at a time). */
  readonly sleep: Asleep;
  lastCharge = 0;
  voluntary: Counter;
  involuntary: Counter;
  yields: Counter;

  constructor(
    readonly id: number,
    readonly name: string,
    /** Counters are kept per role (server, client). */
    readonly role: string,
    readonly space: Space,
    sys: System,
  ) {
    this.go = new Semaphore(sys.sim, `${name} waits for a processor`);
    this.sleep = new Asleep(sys.sim, name);
    this.voluntary = sys.stats.counter(`${role}.switches.voluntary`, 'switches', `voluntary context switches of the ${role} process(es) (getrusage ru_nvcsw)`);
    this.involuntary = sys.stats.counter(`${role}.switches.involuntary`, 'switches', `involuntary context switches of the ${role} process(es) (getrusage ru_nivcsw)`);
    this.yields = sys.stats.counter(`${role}.yields`, 'calls', `yield system calls made by the ${role} process(es)`);
  }
}

/** A task's semaphore to sleep on; its label (stall reports) names the call it sleeps in, e.g. P(Q[srv]). */
class Asleep extends Semaphore {
  call = '';
  on = '';
  constructor(
    sim: Simulation,
    private readonly task: string,
  ) {
    super(sim, task);
  }
  override get label(): string {
    return `semaphore ${this.task} asleep in ${this.call}(${this.on}) (${this.describeState()})`;
  }
}

export class Unix {
  readonly tasks: Task[] = [];
  readonly policy: SchedPolicy;
  private readonly ready: RunQueue<Task>;
  private readonly running: (Task | null)[];
  private readonly resched: boolean[];
  private readonly nextTick: number[];
  private nextDecay: number;
  private readonly tickCycles: number;
  private readonly secondCycles: number;
  private readonly syscalls: Counter;
  private readonly switches: Counter;
  private readonly yieldsSwitched: Counter;
  private readonly perCall = new Map<string, Counter>();
  private readonly steps = new Map<string, Step[]>();
  /** The operating-system model's primitives as paths of work on this machine. */
  readonly paths: UnixPaths;

  constructor(
    readonly sys: System,
    makePolicy: (all: () => readonly SchedTask[]) => SchedPolicy,
    /** Breakdown side that kernel work is charged to. */
    readonly side = 'kernel',
  ) {
    this.policy = makePolicy(() => this.tasks);
    this.ready = new RunQueue<Task>(this.policy, (cpu, next) => this.dispatch(cpu, next));
    this.paths = new UnixPaths(sys, () => this.tasks);
    const n = sys.cpus.length;
    this.running = new Array<Task | null>(n).fill(null);
    this.resched = new Array<boolean>(n).fill(false);
    this.tickCycles = usToCycles(sys.machine, this.policy.tickUs);
    this.secondCycles = usToCycles(sys.machine, 1e6);
    this.nextTick = new Array<number>(n).fill(this.tickCycles);
    this.nextDecay = this.secondCycles;
    const st = sys.stats;
    this.syscalls = st.counter('syscalls', 'calls', 'system calls of all processes');
    this.switches = st.counter('switches', 'switches', 'context switches (a processor passing from one process to another)');
    this.yieldsSwitched = st.counter('yields.switched', 'calls', 'yield (or handoff) calls after which another process ran');
  }

  /** Create a process; it becomes runnable at once. The body runs while it holds a processor. */
  spawn(name: string, role: string, space: Space, body: (t: Task) => Body<void>, daemon = false): Task {
    const t = new Task(this.tasks.length, name, role, space, this.sys);
    this.policy.admit(t);
    this.tasks.push(t);
    this.ready.add(t);
    const self = this;
    this.sys.sim.spawn(
      (function* (): Body<void> {
        yield* self.waitCpu(t);
        yield* body(t);
        self.exit(t);
      })(),
      name,
      daemon,
    );
    this.kick();
    return t;
  }

  /** Count a system call of a kind (every kind also counts in `syscalls`). */
  count(kind: string): void {
    this.syscalls.add();
    let c = this.perCall.get(kind);
    if (!c) this.perCall.set(kind, (c = this.sys.stats.counter(`syscalls.${kind}`, 'calls', `${kind} system calls`)));
    c.add();
  }

  /** Run a step on the task's processor, then take pending ticks and a requested preemption. */
  *run(t: Task, s: Step, side: string): Body<void> {
    let h: number;
    if ((h = this.sys.step(t.cpu!, s, side, t.name)) !== HELD) yield h;
    if (this.preemptDue(t)) yield* this.reschedule(t, 'preempt', null);
  }

  /**
   * Run step s up to n times back to back, each a preemption point, as n run() calls would; returns
   * how many ran. While nothing can happen before they end (no other event, clock tick, decay or
   * requested preemption), steps that cost the same each time run as one hold: a step whose cost
   * never varies, or one whose first run only read what it found in the TLB and the nearest cache
   * (a poll of a queue nobody is writing). The processor and breakdown are charged per step, the
   * scheduler once for their sum (its charge is additive).
   */
  *runRepeated(t: Task, s: Step, side: string, n: number): Body<number> {
    const k = this.startRepeated(t, s, side, n);
    if (this.repeatHold !== HELD) yield this.repeatHold;
    if (this.afterRepeated(t, k)) yield* this.preempt(t);
    return k;
  }

  /**
   * runRepeated without its generator, for a loop that calls it on every iteration (a delay
   * loop): executes the steps now and returns how many; the caller then holds repeatHold cycles
   * unless it is HELD, and calls afterRepeated (and preempt when that says so).
   */
  startRepeated(t: Task, s: Step, side: string, n: number): number {
    const cpu = t.cpu!;
    let k = 1;
    let cycles: number;
    const now = this.sys.sim.now;
    if (!(n > 1 && fastPaths.enabled && this.sys.timeline === null && !this.resched[cpu.id])) cycles = this.sys.run(cpu, s, side, t.name);
    else {
      const fixed = cpu.fixedCost(s);
      if (fixed > 0) {
        // Every merged step must end strictly before the horizon (at it, another event or a tick
        // would come first).
        k = Math.max(1, Math.min(n, Math.floor((this.horizon(cpu) - 1 - now) / fixed)));
        cycles = 0;
        for (let j = 0; j < k; j++) cycles += this.sys.run(cpu, s, side, t.name);
      } else {
        // The step again on unchanged state (a poll whose last run was all hits) costs what it did.
        let c = cpu.repeatIfUnchanged(s, side);
        let repeatable = c >= 0;
        if (!repeatable) {
          const first = cpu.execRepeatable(s, side);
          c = first.cycles;
          repeatable = first.repeatable;
        }
        k = repeatable && c > 0 ? Math.max(1, Math.min(n, Math.floor((this.horizon(cpu) - 1 - now) / c))) : 1;
        if (k >= 2) cpu.repeatLast(k - 1);
        cycles = k * c;
      }
    }
    this.repeatHold = this.sys.hold(cycles);
    return k;
  }

  /** What startRepeated left to hold: the cycles, or HELD when the clock has already moved past them. */
  repeatHold = 0;

  /** After startRepeated's hold: charge the scheduler; whether a preemption is due (merged steps end before any tick). */
  afterRepeated(t: Task, k: number): boolean {
    if (k < 2) return this.preemptDue(t);
    this.account(t);
    return false;
  }

  /** Give up the processor to a preemption that is due (afterRepeated said so). */
  *preempt(t: Task): Body<void> {
    yield* this.reschedule(t, 'preempt', null);
  }

  /** When the next thing that could change what a step costs on cpu happens: another event, its clock tick, the decay. */
  private horizon(cpu: Processor): number {
    return Math.min(this.nextTick[cpu.id], this.nextDecay, this.sys.sim.nextEventTime);
  }

  /**
   * Run a step on the task's processor without a preemption point (inside a user-level critical
   * section): System.step, so the caller holds the result unless it is HELD. A preemption point
   * after it is `if (unix.preemptDue(t)) yield* unix.preempt(t)`. Plain functions, as the queue
   * operations that use them run on every message.
   */
  stepNow(t: Task, s: Step, side: string): number {
    return this.sys.step(t.cpu!, s, side, t.name);
  }

  /** A system call that does not block: its measured cost, then the return-to-user checks. */
  *syscall(t: Task, kind: string, costClass: string): Body<void> {
    this.count(kind);
    yield* this.run(t, this.stepOf(kind, [instr(costClass)]), this.side);
  }

  /** Step for a kernel path priced whole by one machine cost class (built once). */
  stepOf(label: string, work: Work[]): Step {
    // Steps built under this label, found by comparing what the work does item by item (a context
    // load by the space it loads): no key string is built on this per-call path.
    let built = this.steps.get(label);
    if (!built) this.steps.set(label, (built = []));
    for (let i = 0; i < built.length; i++) if (sameWork(built[i].work, work)) return built[i];
    const s = step(label, work);
    built.push(s);
    return s;
  }

  /** yield(): the scheduler may or may not pass the processor on (§2.2). */
  *sysYield(t: Task): Body<boolean> {
    let h: number;
    this.count('yield');
    t.yields.add();
    if ((h = this.sys.hold(this.paths.yieldCall(t.cpu!, t, 'yield', this.side))) !== HELD) yield h;
    this.account(t);
    this.resched[t.cpu!.id] = false;
    const sw = yield* this.reschedule(t, 'yield', null);
    if (sw) this.yieldsSwitched.add();
    return sw;
  }

  /** handoff(pid): `to` a process, or null for PID_ANY (§6). */
  *handoff(t: Task, to: Task | null): Body<boolean> {
    let h: number;
    this.count('handoff');
    t.yields.add();
    if ((h = this.sys.hold(this.paths.yieldCall(t.cpu!, t, 'handoff', this.side))) !== HELD) yield h;
    this.account(t);
    this.resched[t.cpu!.id] = false;
    const sw = yield* this.reschedule(t, 'yield', to === null ? 'any' : to);
    if (sw) this.yieldsSwitched.add();
    return sw;
  }

  /** Give up the processor until wakeup(t) in a call (P) on something (Q[srv]), named in stall reports. */
  *block(t: Task, call: string, on: string): Body<boolean> {
    let h: number;
    const cpu = t.cpu!;
    t.state = 'blocking';
    // The kernel's sleep path and the later wake-up of this process, beyond the call itself.
    if ((h = this.sys.hold(this.paths.sleepCall(cpu, t, this.side))) !== HELD) yield h;
    this.account(t);
    // A wake-up that came while going to sleep (on another processor) cancels the sleep.
    if ((t.state as Task['state']) === 'running') return false;
    t.state = 'blocked';
    t.voluntary.add();
    const w = t.sleep;
    w.call = call;
    w.on = on;
    this.leave(t, cpu, 'block');
    yield w;
    // waitCpu, inline.
    yield t.go;
    if ((h = this.switchIn(t)) !== HELD) yield h;
    t.lastCharge = this.sys.sim.now;
    return true;
  }

  /** Make a blocked task runnable (the V of a semaphore, a message's arrival, a timer). */
  wakeup(t: Task, waker: Task | null): void {
    if (t.state === 'blocking') {
      t.state = 'running';
      return;
    }
    if (t.state !== 'blocked') throw new Error(`wakeup of ${t.name}, which is ${t.state}`);
    t.state = 'ready';
    this.ready.add(t);
    t.sleep.signal();
    if (waker?.cpu && this.policy.onWake?.(t, waker)) this.resched[waker.cpu.id] = true;
    this.kick();
  }

  /** sleep(seconds) as a timed block. */
  *sleep(t: Task, us: number): Body<void> {
    let h: number;
    this.count('sleep');
    if ((h = this.sys.step(t.cpu!, this.paths.kernelCall('sleep', 'timedSleep', t, null), this.side, t.name)) !== HELD) yield h;
    const self = this;
    this.sys.sim.spawn(
      (function* (): Body<void> {
        yield usToCycles(self.sys.machine, us);
        self.wakeup(t, null);
      })(),
      `timer of ${t.name}`,
      true,
    );
    yield* this.block(t, 'sleep', `${us / 1e6} s`);
  }

  /** The scheduling period: one full quantum of clock ticks, within which every timeslice boundary falls once. */
  get schedulingPeriodCycles(): number {
    return this.policy.quantumTicks * this.tickCycles;
  }

  /** Runnable processes other than the running ones. */
  get runnable(): number {
    return this.ready.queued;
  }

  /**
   * After a step: charge the scheduler and deliver due ticks; whether a preemption is now due (the
   * request is taken: the caller reschedules). A plain function, so a step that is not preempted
   * makes no generator.
   */
  preemptDue(t: Task): boolean {
    this.account(t);
    const c = t.cpu!.id;
    if (!this.resched[c]) return false;
    this.resched[c] = false;
    return true;
  }

  /** Charge processor time, deliver due clock ticks and the once-a-second decay. */
  private account(t: Task): void {
    const now = this.sys.sim.now;
    this.policy.charge(t, now - t.lastCharge);
    t.lastCharge = now;
    const c = t.cpu!.id;
    while (now >= this.nextTick[c]) {
      this.nextTick[c] += this.tickCycles;
      if (this.policy.tick(t)) this.resched[c] = true;
    }
    while (now >= this.nextDecay) {
      this.nextDecay += this.secondCycles;
      this.policy.decay?.(this.tasks);
    }
  }

  /** Offer the processor to another runnable task; returns whether t lost it (and has it back now). */
  private *reschedule(t: Task, why: Reason, hint: Task | 'any' | null): Body<boolean> {
    const cpu = t.cpu!;
    // The policy chooses among the run queue and t; the one chosen is dispatched on cpu at once.
    if (this.ready.give(cpu, t, why, hint) === null) return false;
    t.state = 'ready';
    if (why === 'preempt') t.involuntary.add();
    else t.voluntary.add();
    t.cpu = null;
    this.ready.add(t);
    // waitCpu, inline.
    let h: number;
    yield t.go;
    if ((h = this.switchIn(t)) !== HELD) yield h;
    t.lastCharge = this.sys.sim.now;
    return true;
  }

  /** t stops running on cpu (it blocked or exited); the process the policy chooses starts there, or the processor idles. */
  private leave(t: Task, cpu: Processor, why: Reason): void {
    t.cpu = null;
    this.running[cpu.id] = null;
    this.ready.give(cpu, null, why);
  }

  /** The run queue grants cpu to next. */
  private dispatch(cpu: Processor, next: Task): void {
    // Ticks already delivered to the outgoing task; any others fell while the processor idled.
    this.catchUpTicks(cpu.id);
    this.running[cpu.id] = next;
    next.cpu = cpu;
    next.state = 'running';
    next.go.signal();
  }

  /** Idle processors take runnable tasks. */
  private kick(): void {
    for (const cpu of this.sys.cpus) {
      if (this.ready.queued === 0) return;
      if (this.running[cpu.id] !== null) continue;
      if (this.ready.give(cpu, null, 'idle') === null) return;
    }
  }

  private catchUpTicks(c: number): void {
    const now = this.sys.sim.now;
    while (this.nextTick[c] <= now) this.nextTick[c] += this.tickCycles;
  }

  /** Wait for a processor, then pay the switch into this process: its context, the dispatcher. */
  private *waitCpu(t: Task): Body<void> {
    let h: number;
    yield t.go;
    if ((h = this.switchIn(t)) !== HELD) yield h;
    t.lastCharge = this.sys.sim.now;
  }

  /**
   * waitCpu's switch, once t has its processor, for the callers on every sleep and yield (without
   * waitCpu's generator): hold the result unless it is HELD, then set t.lastCharge to the time.
   */
  private switchIn(t: Task): number {
    this.switches.add();
    // The context load and the switch path; a dispatcher that scans looks at the runnable processes (this one included).
    return this.sys.hold(this.paths.switchIn(t.cpu!, t, this.ready.list(), this.side));
  }

  private exit(t: Task): void {
    t.state = 'exited';
    const cpu = t.cpu;
    const k = this.tasks.indexOf(t);
    if (k >= 0) this.tasks.splice(k, 1);
    if (cpu) this.leave(t, cpu, 'idle');
  }
}

/** Whether two lists of work do the same thing (the only kinds stepOf's callers use: instructions, context loads, mode changes). */
function sameWork(a: readonly Work[], b: readonly Work[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x.k !== y.k) return false;
    if (x.k === 'i') {
      if (x.cls !== (y as typeof x).cls || x.n !== (y as typeof x).n) return false;
    } else if (x.k === 'ctx') {
      if (x.space !== (y as typeof x).space) return false;
    } else if (x.k === 'mode') {
      if (x.to !== (y as typeof x).to || x.cls !== (y as typeof x).cls) return false;
    } else if (x !== y) return false;
  }
  return true;
}
