// Where Mach 3.0's RPC path lives (inks §4.3): the kernel's trap handler and mach_msg_trap code,
// the kernel message buffer (ipc_kmsg), port and IPC-space tables, thread and task structures,
// per-thread saved state and kernel stacks; in each task its code (program and MIG stubs), stack,
// argument buffer and message buffers. A server loaded into the kernel (INKS) keeps its pages in
// the kernel address space.

import type { Page, Space } from '../../hw/index.js';
import type { System } from '../index.js';

export interface MachTask {
  name: string;
  /** The MMU context its threads run in: its own, or the kernel's for an in-kernel server. */
  space: Space;
  code: Page;
  stack: Page;
  /** The caller's own buffer that pointer arguments point to. */
  args: Page;
  request: Page;
  reply: Page;
  /** Port name space (ipc_space) and task structure. */
  ipcSpace: Page;
  task: Page;
  /** Thread structure with its saved state (pcb) and kernel stack. */
  thread: Page;
  kernelStack: Page;
}

export interface MachLayout {
  trapCode: Page;
  msgCode: Page;
  /** The kernel's INKS trap code (the trap handler's in-kernel server path and stack switch). */
  inksCode: Page;
  kmsg: Page;
  /** The kalloc zone large kernel messages come from. */
  kmsgZone: Page;
  ports: Page;
  runQueue: Page;
  client: MachTask;
  server: MachTask;
}

/** 4 KB units a buffer of n bytes needs (at least one). */
export const unitsFor = (bytes: number): number => Math.max(1, Math.ceil(bytes / 4096));

/** A task's own region: an in-kernel server's pages are kernel pages, named apart from the kernel's. */
function own(sys: System, name: string, space: Space, inKernel: boolean, what: string, n = 1): Page {
  const pages = regionPages(sys, n);
  return inKernel ? sys.hw.kernel.page(`${name} ${what}`, pages) : space.page(what, pages);
}

/** Regions are laid out in 4 KB units (the paths' offsets assume it), as many pages as that takes. */
const REGION_BYTES = 4096;
export const regionPages = (sys: System, units = 1): number => Math.max(1, Math.ceil((units * REGION_BYTES) / sys.machine.pageBytes));

function task(sys: System, name: string, space: Space, inKernel: boolean, bufUnits: number, codePage: Page): MachTask {
  const k = sys.hw.kernel;
  return {
    name,
    space,
    code: codePage,
    stack: own(sys, name, space, inKernel, 'stack', Math.max(2, bufUnits)),
    args: own(sys, name, space, inKernel, 'argument buffer', bufUnits),
    request: own(sys, name, space, inKernel, 'request message', bufUnits),
    reply: own(sys, name, space, inKernel, 'reply message', bufUnits),
    ipcSpace: k.page(`ipc space ${name}`, regionPages(sys)),
    task: k.page(`task ${name}`, regionPages(sys)),
    thread: k.page(`thread ${name}`, regionPages(sys)),
    kernelStack: k.page(`kernel stack ${name}`, regionPages(sys)),
  };
}

export function layOut(sys: System, maxBytes: number, serverInKernel: boolean): MachLayout {
  const k = sys.hw.kernel;
  const bufUnits = unitsFor(maxBytes + 256);
  const clientSpace = sys.hw.space('client');
  const serverSpace = serverInKernel ? k : sys.hw.space('server');
  // Code first, in consecutive frames, so that code paths do not evict each other in a
  // direct-mapped cache by accident of where the frames fell (a real kernel image and program
  // text are contiguous too).
  const trapCode = k.page('trap handler code', regionPages(sys, 2));
  const msgCode = k.page('mach_msg_trap code', regionPages(sys, 3));
  const inksCode = k.page('INKS trap code', regionPages(sys));
  const clientCode = own(sys, 'client', clientSpace, false, 'code', 4);
  const serverCode = own(sys, 'server', serverSpace, serverInKernel, 'code', 4);
  return {
    trapCode,
    msgCode,
    inksCode,
    kmsg: k.page('ipc_kmsg buffer', regionPages(sys, bufUnits)),
    kmsgZone: k.page('kalloc zone', regionPages(sys)),
    ports: k.page('ipc ports', regionPages(sys)),
    runQueue: k.page('run queue', regionPages(sys)),
    client: task(sys, 'client', clientSpace, false, bufUnits, clientCode),
    server: task(sys, 'server', serverSpace, serverInKernel, bufUnits, serverCode),
  };
}
