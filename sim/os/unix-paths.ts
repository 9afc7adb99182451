// The Unix model's paths made into steps for one booted system (sleep/wake-up paper §2-§6): each
// primitive's work names the real pages it touches — the process's kernel stack and process-table
// entry, the run queue, the System V object, the caller's buffer, the user-level queue's shared
// page as mapped in the caller's address space — so the machine that runs it prices its trap, its
// instructions, its TLB and cache misses and, on a multiprocessor, the lines other processors hold.
// Steps are built once per primitive and object and reused.

import { inIsa, instr, loadContext, measured, read, rti, step as plainStep, trap, write, type Page, type Processor, type Space, type Step, type Work } from '../hw/index.js';
import { unixModelFor, type PageRole, type PathClass, type PathDef, type UnixModel } from './unix-models/index.js';
import type { System } from './system.js';

/** What the paths need of a process. */
export interface PathTask {
  readonly id: number;
  readonly name: string;
  readonly space: Space;
}

/** Every region a path references is 4 KB (one page of the Unix machines; eight of the VAX's 512-byte pages). */
const REGION_BYTES = 4096;

const CLASSES: readonly PathClass[] = ['ld', 'st', 'alu', 'cmp', 'jcc', 'jccTaken', 'segLoad', 'instr'];

/**
 * The vocabulary class an OS path's instructions are priced as. A count of average instructions
 * ('instr', fitted on a home machine whose ordinary classes all cost one cycle: the Indy, the P4)
 * is priced as register instructions (alu): the fit is unchanged there, and elsewhere each
 * counts as one ordinary instruction of that machine.
 */
const priced = (cls: PathClass): Exclude<PathClass, 'instr'> => (cls === 'instr' ? 'alu' : cls);

/** Everything a path's references may resolve to. */
interface Pages {
  task: PathTask;
  /** The System V object's region and where its entry starts in it. */
  object?: Slot;
  queue?: Page;
}

/**
 * Steps by (label, process id, object id): a map per label of numeric keys, so finding a step on
 * every call builds no string (these lookups run for every process a scheduler visits).
 */
class StepTable {
  private readonly byLabel = new Map<string, Map<number, Step>>();
  get(label: string, task: number, object: number): Step | undefined {
    return this.byLabel.get(label)?.get(task * 65536 + object);
  }
  set(label: string, task: number, object: number, s: Step): Step {
    let m = this.byLabel.get(label);
    if (!m) this.byLabel.set(label, (m = new Map()));
    m.set(task * 65536 + object, s);
    return s;
  }
}

/** A region and the byte offset in it where the thing a reference names begins. */
interface Slot {
  page: Page;
  at: number;
}

export type KernelPrimitive = 'semop' | 'msgsnd' | 'msgrcv' | 'timedSleep';
export type UserPrimitive = keyof UnixModel['user'];

export class UnixPaths {
  /** A step of the model's paths, counted in its own ISA (ported like any code on another machine's). */
  private step(label: string, work: Work[]): Step {
    return inIsa(this.model.isa, plainStep(label, work));
  }

  readonly model: UnixModel;
  /** Why this model runs here when it is not the machine's own system (null when it is). */
  readonly note: string | null;
  // One table per kind of step (a label may name steps of several kinds).
  private readonly switchSteps = new StepTable();
  private readonly coldSteps = new StepTable();
  private readonly callSteps = new StepTable();
  private readonly userSteps = new StepTable();
  private readonly residentSteps = new StepTable();
  private readonly scanSteps = new StepTable();
  private readonly kernelSteps = new StepTable();
  private readonly ids = new WeakMap<object, number>();
  private readonly objectSlots = new WeakMap<object, Slot>();
  /** Entries taken so far in each System V table (message queues, semaphore sets). */
  private readonly tableEntries = { msg: 0, sem: 0 };
  private readonly kstacks = new Map<number, Slot>();
  /** The cache colour every fixed-address kernel stack takes (that of the first one made). */
  private kstackColour: number | null = null;
  private readonly queuePages = new WeakMap<object, Map<Space, Page>>();
  private nextId = 1;
  /** Pages of one 4 KB region (a kernel stack, a process entry, a queue), which the paths' offsets assume. */
  private readonly regionPages: number;

  constructor(
    private readonly sys: System,
    /** The existing processes (Linux 1.0's schedule() visits every one). */
    private readonly tasks: () => readonly PathTask[],
  ) {
    const r = unixModelFor(sys.machine);
    this.model = r.model;
    this.note = r.note;
    const m = r.model;
    sys.note(`operating system: the ${m.os} model (${m.id}), ${m.home ? `counts fitted on ${m.home}` : 'counts from source'}`);
    if (r.note) sys.note(r.note);
    this.regionPages = Math.max(1, Math.ceil(REGION_BYTES / sys.machine.pageBytes));
  }

  /** yield() or handoff(): the system call, and the scheduler's scan when it scans at every call. Returns the cycles. */
  yieldCall(cpu: Processor, t: PathTask, label: string, side: string): number {
    return this.run(cpu, this.kernelStep(label, 'yield', t), side, t) + this.scanAt('schedule', cpu, label, side, t, this.tasks());
  }

  /** The sleep path of a blocking call and its later wake-up (with the scheduler's scan where it scans at every call). */
  sleepCall(cpu: Processor, t: PathTask, side: string): number {
    return this.run(cpu, this.kernelStep('sleep/wakeup', 'sleep', t), side, t) + this.scanAt('schedule', cpu, 'sleep/wakeup', side, t, this.tasks());
  }

  /** Switching cpu to t: its context load and the switch path, and the dispatcher's scan of the runnable processes. */
  switchIn(cpu: Processor, t: PathTask, runnable: readonly PathTask[], side: string): number {
    const s =
      this.switchSteps.get('', t.id, 0) ??
      this.switchSteps.set('', t.id, 0, this.step('context switch', [loadContext(t.space), ...this.work(this.model.kernel.switch, { task: t })]));
    let c = this.run(cpu, s, side, t) + this.coldSwitch(cpu, t, side);
    if (this.model.kernel.scan.at === 'switch') {
      c += this.run(cpu, this.scanStep('context switch', t), side, t);
      for (const r of runnable) c += this.run(cpu, this.scanStep('context switch', r), side, t);
    }
    return c;
  }

  /** Processes in the order they last ran on each processor (most recent last). */
  private readonly ranOn = new Map<number, number[]>();

  /** The model's extra work for switching to a process others have run after (none without a coldSwitch). */
  private coldSwitch(cpu: Processor, t: PathTask, side: string): number {
    const cold = this.model.coldSwitch;
    let order = this.ranOn.get(cpu.id);
    if (!order) this.ranOn.set(cpu.id, (order = []));
    const at = order.lastIndexOf(t.id);
    // Others that ran here since t last did (t never ran here: as cold as can be).
    const since = at < 0 ? Infinity : order.length - 1 - at;
    if (at >= 0) order.splice(at, 1);
    order.push(t.id);
    if (!cold || since <= 1 || cold.byDistance.length === 0) return 0;
    // byDistance[0] is for 2 others since, the last entry for as many or more (a process never run here: the last).
    const i = Math.min(cold.byDistance.length - 1, since - 2);
    const s = this.coldSteps.get('', t.id, i) ?? this.coldSteps.set('', t.id, i, this.step('context switch', this.work(cold.byDistance[i], { task: t })));
    return this.run(cpu, s, side, t);
  }

  /** A System V call on an object (a semaphore, a message queue), or a timed sleep (object null). */
  kernelCall(label: string, what: KernelPrimitive, t: PathTask, object: object | null, site?: Step[]): Step {
    // A call site on every message keeps its steps by task (`site`): an array read, not three lookups.
    if (site !== undefined) return site[t.id] ?? (site[t.id] = this.kernelCall(label, what, t, object));
    const id = object === null ? 0 : this.idOf(object);
    let s = this.callSteps.get(label, t.id, id);
    if (!s) {
      const kind = what === 'semop' ? 'sem' : 'msg';
      s = this.callSteps.set(label, t.id, id, this.step(label, this.work(this.model.kernel[what], { task: t, object: object === null ? undefined : this.objectSlot(object, kind) })));
    }
    return s;
  }

  /**
   * A user-level step on a shared queue, as the task's address space maps the queue's page; `alu`
   * extra instructions before it. A call site on every message keeps its steps by task (`site`,
   * one array per site and object): an array read, not three lookups.
   */
  userStep(label: string, what: UserPrimitive, t: PathTask, queue: object, alu = 0, site?: Step[]): Step {
    if (site !== undefined) return site[t.id] ?? (site[t.id] = this.userStep(label, what, t, queue, alu));
    const id = this.idOf(queue);
    let s = this.userSteps.get(label, t.id, id);
    if (!s) {
      const w = this.work(this.model.user[what], { task: t, queue: this.queuePage(queue, t.space) });
      s = this.userSteps.set(label, t.id, id, this.step(label, alu > 0 ? [instr('alu', alu), ...w] : w));
    }
    return s;
  }

  /** Cycles of one user-level path when every reference hits (the delay loop's iteration count is set from it). */
  hitCycles(what: UserPrimitive): number {
    let c = 0;
    for (const [cls, n] of Object.entries(this.model.user[what].mix) as [PathClass, number][]) c += this.sys.cpus[0].cost(priced(cls)) * n;
    return c;
  }

  private scanAt(at: 'switch' | 'schedule', cpu: Processor, label: string, side: string, who: PathTask, tasks: readonly PathTask[]): number {
    if (this.model.kernel.scan.at !== at) return 0;
    let c = 0;
    for (const x of tasks) c += this.run(cpu, this.scanStep(label, x), side, who);
    // A scheduler that visits every existing process visits the sleeping residents too, each in its own entry.
    for (const x of this.residents) c += this.run(cpu, this.residentStep(label, x), side, who);
    return c;
  }

  /** The model's resident processes (asleep throughout), made once. */
  private get residents(): readonly PathTask[] {
    if (this._residents === null) {
      const r = this.model.resident;
      const kernel = this.sys.hw.kernel;
      this._residents = Array.from({ length: r?.count ?? 0 }, (_, i) => ({ id: -1 - i, name: `resident ${i + 1}`, space: kernel }));
    }
    return this._residents;
  }
  private _residents: PathTask[] | null = null;

  private residentStep(label: string, x: PathTask): Step {
    return this.residentSteps.get(label, x.id, 0) ?? this.residentSteps.set(label, x.id, 0, this.step(label, this.work(this.model.resident!.scan, { task: x })));
  }

  private scanStep(label: string, x: PathTask): Step {
    return this.scanSteps.get(label, x.id, 0) ?? this.scanSteps.set(label, x.id, 0, this.step(label, this.work(this.model.kernel.scan, { task: x })));
  }

  private kernelStep(label: string, what: 'yield' | 'sleep', t: PathTask): Step {
    return this.kernelSteps.get(label, t.id, 0) ?? this.kernelSteps.set(label, t.id, 0, this.step(label, this.work(this.model.kernel[what], { task: t })));
  }

  private run(cpu: Processor, s: Step, side: string, who: PathTask): number {
    return this.sys.run(cpu, s, side, who.name);
  }

  /** A path as work: the trap, its instructions by class, its references, the return. */
  private work(p: PathDef, pages: Pages): Work[] {
    const w: Work[] = [];
    if (p.trap) w.push(trap());
    for (const cls of CLASSES) {
      const n = p.mix[cls] ?? 0;
      if (n > 0) w.push(instr(priced(cls), n));
    }
    for (const r of p.refs ?? []) {
      const { page, at } = this.slotOf(r.page, pages);
      const e = this.model.procEntryBytes;
      // Entries of a shared process table wrap around the table's region.
      const offset = r.page === 'proc' && e !== null ? ((pages.task.id * e) % REGION_BYTES) + r.offset : at + r.offset;
      w.push(r.write ? write(page, offset, r.bytes) : read(page, offset, r.bytes));
    }
    if (p.nativeClocks && this.sys.machine.isa === this.model.isa) w.push(measured(p.nativeClocks / this.sys.machine.clockMHz, 'microcoded instruction'));
    if (p.trap) w.push(rti());
    return w;
  }

  /** The region a reference goes to, and where in it the thing it names begins. */
  private slotOf(role: PageRole, p: Pages): Slot {
    if (role === 'kstack') return this.kstackSlot(p.task);
    if (role === 'object') {
      if (!p.object) throw new Error('a path references its System V object but has none');
      return p.object;
    }
    return { page: this.pageOf(role, p), at: 0 };
  }

  private pageOf(role: Exclude<PageRole, 'kstack' | 'object'>, p: Pages): Page {
    const k = this.sys.hw.kernel;
    const n = this.regionPages;
    switch (role) {
      case 'proc':
        // A table entry is addressed by the reference's offset plus the entry's (see work()).
        return this.model.procEntryBytes === null ? k.page(`process ${p.task.id}`, n) : k.page('process table', n);
      case 'runq':
        return k.page('run queue', n);
      case 'ubuf':
        return p.task.space.page('ipc buffer', n);
      case 'queue':
        if (!p.queue) throw new Error('a path references a shared queue but has none');
        return p.queue;
    }
  }

  private idOf(o: object): number {
    let id = this.ids.get(o);
    if (id === undefined) this.ids.set(o, (id = this.nextId++));
    return id;
  }

  /**
   * A System V object's place: the next entry of its kind's kernel table (System V's ipcget takes
   * the first free entry, and the experiment's objects are the only ones), or a region of its own
   * where the model keeps no tables. Entries wrap around the table's region, as the process table's do.
   */
  private objectSlot(o: object, kind: 'msg' | 'sem'): Slot {
    let s = this.objectSlots.get(o);
    if (s) return s;
    const k = this.sys.hw.kernel;
    const tables = this.model.sysvTables;
    if (!tables) s = { page: k.page(`ipc object ${this.idOf(o)}`, this.regionPages), at: 0 };
    else {
      const bytes = kind === 'msg' ? tables.msqidBytes : tables.semidBytes;
      const page = k.page(kind === 'msg' ? 'message queue table' : 'semaphore table', this.regionPages);
      s = { page, at: (this.tableEntries[kind]++ % Math.floor(REGION_BYTES / bytes)) * bytes };
    }
    this.objectSlots.set(o, s);
    return s;
  }

  /**
   * A process's kernel stack, in mapped kernel space where IRIX allocates kernel stacks (IRIX 6.2
   * Device Driver Programmer's Guide, "Kernel Virtual Space"; elsewhere a kernel page like any
   * other). Where the model keeps it at one fixed virtual address, every process's stack takes the
   * same colour of the first-level data cache: the region is made as many pages longer as there are
   * colours less one, and the stack is its page of that colour (the others are left unused).
   */
  private kstackSlot(t: PathTask): Slot {
    let s = this.kstacks.get(t.id);
    if (s) return s;
    const k = this.sys.hw.kernel;
    const n = this.regionPages;
    const colours = this.model.kstack?.at === 'fixed' ? this.colours() : 1;
    if (colours === 1) s = { page: k.page(`kernel stack ${t.id}`, n, true), at: 0 };
    else {
      const page = k.page(`kernel stack ${t.id}`, n + colours - 1, true);
      if (this.kstackColour === null) this.kstackColour = page.pfn % colours;
      const skip = (((this.kstackColour - page.pfn) % colours) + colours) % colours;
      s = { page, at: skip * this.sys.machine.pageBytes };
    }
    this.kstacks.set(t.id, s);
    return s;
  }

  /**
   * Page colours of the first-level data cache: the pages whose frames index different sets (one
   * way's bytes over the page size). The machines the fixed-address models run on index their
   * first-level caches either with the virtual address (the R4000 and R4400: MIPS R4000
   * Microprocessor User's Manual, "Cache Organization": primary caches virtually indexed,
   * physically tagged) or within the page offset (the PowerPC 604's 4 KB way), so a region at one
   * virtual address has one colour.
   */
  private colours(): number {
    const c = this.sys.machine.cache;
    const l1 = c.l1d ?? c.l1;
    if (!l1) return 1;
    return Math.max(1, Math.floor(l1.sizeBytes / l1.ways / this.sys.machine.pageBytes));
  }

  /** The queue's shared page as `space` maps it: made in the first space that touches it, shared into the others. */
  private queuePage(q: object, space: Space): Page {
    let m = this.queuePages.get(q);
    if (!m) this.queuePages.set(q, (m = new Map()));
    let p = m.get(space);
    if (!p) {
      const first = m.values().next();
      const name = `shared queue ${this.idOf(q)}`;
      p = first.done ? space.page(name, this.regionPages) : space.share(name, first.value);
      m.set(space, p);
    }
    return p;
  }
}
