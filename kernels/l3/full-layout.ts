// Where the full L3 kernel's code and data live, by option (l3 §5.2.4, §5.2.5, §5.5.2):
// - condensed tables: the IPC code in one page; GDT, IDT, TSS and the hot kernel data (queue
//   heads, the clock) in one page. Otherwise the entry/exit code and the IPC code sit in two
//   pages, and GDT, IDT, TSS and kernel data in four.
// - virtual tcbs: each tcb holds its thread's kernel stack, found from the uid by arithmetic.
//   Otherwise a thread table points to tcbs, and kernel stacks are pages of their own.
// Besides the two ping-pong threads the system has the threads every L3 system has (an idle
// thread, a background thread, pagers and drivers waiting for requests): the strict scheduling
// queues link through their tcbs.

import type { Page, Space } from '../../sim/hw/index.js';
import type { System } from '../../sim/os/index.js';
import type { L3Options } from './options.js';

export interface FullThread {
  name: string;
  space: Space;
  tcb: Page;
  /** The page INT pushes onto: the thread's kernel stack (its tcb page when tcbs are virtual), or the processor's stack. */
  stack: Page;
  /** The page IRET pops the thread's user frame from (its tcb when stacks are switched). */
  frame: Page;
  /** Offset of the stack top within `stack`. */
  stackTop: number;
  userCode: Page;
  /** The user stack: the IPC stub is called and returns through it. */
  userStack: Page;
  /** The message variable: received into and sent from (§5.4.1), dope first. */
  buffer: Page;
  /** §7.2: the IPC region (pages remapped between spaces at the same address) and its page table. */
  ipcRegion: Page;
  ipcRegionPageTable: Page;
  pdir: Page;
}

export interface FullLayout {
  /** Code of the IPC path. */
  ipcCode: Page;
  /** Code of kernel entry and exit (the same page as ipcCode when condensed). */
  entryCode: Page;
  gdt: Page;
  idt: Page;
  tss: Page;
  /** Queue heads, clock, thread table base: the same page as the tables when condensed. */
  kernelData: Page;
  /** Present when tcbs are not virtual. */
  threadTable: Page | null;
  portTable: Page;
  portLinks: Page;
  /** Kernel message buffer of the twofold copy. */
  kernelBuffer: Page;
  threads: FullThread[];
  /** The client threads calling B: A first, then A2, A3, ... in address spaces of their own. */
  clients: FullThread[];
  /** Threads waiting with real timeouts in the wake-up lists (§5.3.3). */
  sleepers: FullThread[];
  /** Threads other than the ping-pong pair, by role: they populate the scheduling queues. */
  others: { idle: FullThread; background: FullThread; pager: FullThread; driver: FullThread };
  /** The sender's communication window onto the receiver's buffer region. */
  window(from: FullThread, to: FullThread): Page;
}

/** Offsets inside a tcb: hot fields share the first cache lines (§5.5.1); the stack grows down from the top. */
export const TCB = {
  uid: 0x00,
  state: 0x08,
  partner: 0x0c,
  stackPointer: 0x10,
  pdirAddress: 0x14,
  receiveDescriptor: 0x18,
  pollers: 0x1c,
  readyLink: 0x20,
  waitLink: 0x28,
  wakeupLink: 0x30,
  flags: 0x38,
  portLink: 0x3c,
  /** §5.2.4, continuations only: the user frame kept while the thread is blocked (hot: a one-byte displacement, §5.5.1). */
  continuation: 0x40,
} as const;

/** Offsets in the (condensed or separate) processor tables and kernel data. */
export const TABLES = { gdtUser: 0x18, gdtKernel: 0x08, idtGate: 0x580, tssEsp0: 0x604, readyHead: 0xc40, waitHead: 0xc48, windowInUse: 0xc50 };

/**
 * Where the message variable starts in its page (dope first). guess: user variables and kernel
 * tables sit at different offsets in their pages, so their lines spread over the cache's sets.
 */
export const MESSAGE_AT = 0x100;

export function fullLayout(sys: System, o: L3Options, bufferPages: number, clientThreads = 1): FullLayout {
  const k = sys.hw.kernel;
  // L3's structures are laid out in 4 KB x86 pages; a machine with smaller pages gives each as many of its own.
  const X = Math.max(1, Math.ceil(4096 / sys.machine.pageBytes));
  const ipcCode = k.page('ipc kernel code', X);
  const entryCode = o.condensedTables ? ipcCode : k.page('kernel entry code', X);
  const tables = o.condensedTables ? k.page('GDT/IDT/TSS/kernel data', X) : null;
  const gdt = tables ?? k.page('GDT', X);
  const idt = tables ?? k.page('IDT', X);
  const tss = tables ?? k.page('TSS', X);
  const kernelData = tables ?? k.page('kernel data', X);
  const threadTable = o.virtualTcbs ? null : k.page('thread table', X);
  const portTable = k.page('port table', X);
  const portLinks = k.page('port link table', X);
  const kernelBuffer = k.page('kernel message buffer', bufferPages);

  const cpuStack = o.kernelStacks === 'perThread' ? null : k.page('processor kernel stack', X);
  const shared = o.sameSpace ? sys.hw.space('task AB') : null;
  const make = (name: string, space: Space): FullThread => {
    const tcb = k.page(`tcb ${name}`, X);
    // A virtual tcb is one page: hot fields at the bottom, the kernel stack at the top (figure 6).
    const stack = cpuStack ?? (o.virtualTcbs ? tcb : k.page(`kernel stack ${name}`, X));
    return {
      name,
      space,
      tcb,
      stack,
      frame: o.kernelStacks === 'stackSwitching' ? tcb : stack,
      stackTop: 0x1000,
      userCode: space.page(`user code ${name}`, X),
      userStack: space.page(`user stack ${name}`, X),
      buffer: space.page(`message ${name}`, bufferPages),
      // Only Dash-like runs have an IPC region (unused pages would shift every later page's TLB set).
      ipcRegion: o.dashPages > 0 ? space.page(`ipc region ${name}`, o.dashPages * X) : space.page(`message ${name}`, bufferPages),
      ipcRegionPageTable: o.dashPages > 0 ? k.page(`ipc region page table ${space.name}`, X) : k.page(`page directory ${space.name}`, X),
      pdir: k.page(`page directory ${space.name}`, X),
    };
  };
  const threads = [make('A', shared ?? sys.hw.space('A')), make('B', shared ?? sys.hw.space('B'))];
  const system = sys.hw.space('system tasks');
  const others = {
    idle: make('idle', system),
    background: make('background', system),
    pager: make('pager', system),
    driver: make('driver', system),
  };
  const clients = [threads[0], ...Array.from({ length: clientThreads - 1 }, (_, i) => make(`A${i + 2}`, sys.hw.space(`A${i + 2}`)))];
  const sleepers = Array.from({ length: o.sleepingThreads }, (_, i) => make(`sleeper ${i}`, system));
  const windows = new Map<string, Page>();
  return {
    ipcCode,
    entryCode,
    gdt,
    idt,
    tss,
    kernelData,
    threadTable,
    portTable,
    portLinks,
    kernelBuffer,
    threads,
    others,
    clients,
    sleepers,
    window(from, to) {
      const key = `${from.name}->${to.name}`;
      let w = windows.get(key);
      if (!w) windows.set(key, (w = from.space.share(`window onto ${to.name}`, to.buffer)));
      return w;
    },
  };
}
