// Where L3's code and data live (l3 §5.2.4, §5.2.5, §5.5.2): one page of IPC kernel code; the
// processor's tables (GDT, IDT, TSS) together in one page; thread control blocks in a virtual
// array, each holding its thread's kernel stack; per address space its user code, page directory
// and message buffers, and the communication window through which the kernel copies.

import type { Page, Space } from '../../sim/hw/index.js';
import type { System } from '../../sim/os/index.js';

export interface L3Thread {
  name: string;
  space: Space;
  /** Thread control block with the kernel stack in it. */
  tcb: Page;
  userCode: Page;
  pdir: Page;
  sendBuffer: Page;
  receiveBuffer: Page;
}

export interface L3Layout {
  kernelCode: Page;
  /** GDT, IDT and TSS: "processor internal tables ... placed in one page" (§5.5.2). */
  cpuTables: Page;
  portTable: Page;
  portLinks: Page;
  threads: L3Thread[];
  /** The communication window of each sender's space, by thread name: maps the receiver's buffer. */
  window(from: L3Thread, to: L3Thread): Page;
}

export function layOut(sys: System, names: string[], bufferPages: number): L3Layout {
  const k = sys.hw.kernel;
  // L3's structures are laid out in 4 KB x86 pages; a machine with smaller pages gives each as many of its own.
  const X = Math.max(1, Math.ceil(4096 / sys.machine.pageBytes));
  const kernelCode = k.page('ipc kernel code', X);
  const cpuTables = k.page('GDT/IDT/TSS', X);
  const portTable = k.page('port table', X);
  const portLinks = k.page('port link table', X);
  const threads = names.map((name) => {
    const space = sys.hw.space(name);
    return {
      name,
      space,
      tcb: k.page(`tcb ${name}`, X),
      userCode: space.page('user code', X),
      pdir: k.page(`page directory ${name}`, X),
      sendBuffer: space.page('send buffer', bufferPages),
      receiveBuffer: space.page('receive buffer', bufferPages),
    };
  });
  const windows = new Map<string, Page>();
  return {
    kernelCode,
    cpuTables,
    portTable,
    portLinks,
    threads,
    window(from, to) {
      const key = `${from.name}->${to.name}`;
      let w = windows.get(key);
      if (!w) windows.set(key, (w = from.space.share(`window onto ${to.name}`, to.receiveBuffer)));
      return w;
    },
  };
}
