// Where the Unix models' paths put what they touch (sim/os/unix-paths.ts): a kernel stack at one
// virtual address in every process (IRIX's and AIX's), which on the R4000's virtually indexed
// first-level cache means one cache colour and on the PowerPC 604's page-offset-indexed cache one
// page offset; System V objects as side-by-side entries of one kernel table (IRIX's), or regions
// of their own where the model keeps no table (AIX's, Linux 1.0's).

import { describe, expect, it } from 'vitest';
import { findMachine } from '../machines/index.js';
import type { Page, Step } from '../sim/hw/index.js';
import { System } from '../sim/os/system.js';
import { UnixPaths, type PathTask } from '../sim/os/unix-paths.js';

interface Ref {
  page: Page;
  offset: number;
}

/** The references of a step to pages whose names start with `prefix`. */
function refs(s: Step, prefix: string): Ref[] {
  return s.work.flatMap((w) => (w.k === 'ref' && w.page.name.startsWith(prefix) ? [{ page: w.page, offset: w.offset }] : []));
}

function boot(machine: string, processes: number) {
  const m = findMachine(machine)!;
  const sys = new System(m, 1, false);
  const tasks: PathTask[] = Array.from({ length: processes }, (_, id) => ({ id, name: `p${id}`, space: sys.hw.space(`p${id}`) }));
  const paths = new UnixPaths(sys, () => tasks);
  const l1 = (m.cache.l1d ?? m.cache.l1)!;
  const colours = l1.sizeBytes / l1.ways / m.pageBytes;
  /** The first-level colour and page offset of a reference's first byte. */
  const where = (r: Ref) => {
    const addr = r.page.pfn * m.pageBytes + r.offset;
    return { colour: Math.floor(addr / m.pageBytes) % colours, offset: addr % m.pageBytes };
  };
  return { sys, tasks, paths, colours, where };
}

describe('kernel stacks at one virtual address', () => {
  it('take one colour of the Indy\'s 16 KB direct-mapped cache for every IRIX process, each its own frame', () => {
    const { tasks, paths, colours, where } = boot('sgi-indy-r4000', 5);
    expect(colours).toBe(4);
    // Other regions made between the stacks shift the frames the allocator hands out next.
    const frames = tasks.map((t, i) => refs(paths.kernelCall('semop P', 'semop', t, { semaphore: i }), 'kernel stack')[0]);
    const at = frames.map(where);
    expect(new Set(at.map((a) => a.colour)).size).toBe(1);
    expect(new Set(at.map((a) => a.offset)).size).toBe(1);
    expect(new Set(frames.map((f) => f.page.pfn * 4096 + f.offset)).size).toBe(5);
  });

  it('keep one page offset on the P4, whose 4-way cache has a single colour', () => {
    const { tasks, paths, colours, where } = boot('ibm-p4-ppc604', 5);
    expect(colours).toBe(1);
    const at = tasks.map((t) => where(refs(paths.kernelCall('semop P', 'semop', t, {}), 'kernel stack')[0]));
    expect(new Set(at.map((a) => a.offset)).size).toBe(1);
  });

  it('are pages of their own, wherever the allocator put them, under Linux 1.0', () => {
    const { tasks, paths } = boot('linux-i486-66', 3);
    const stacks = tasks.map((t) => refs(paths.kernelCall('semop P', 'semop', t, {}), 'kernel stack')[0].page);
    // No padding: the stacks follow each other and the other regions in allocation order.
    expect(stacks.every((p) => p.pages === 1)).toBe(true);
  });
});

describe('System V objects', () => {
  it('are side-by-side entries of IRIX\'s message queue and semaphore tables, in the order they were made', () => {
    const { tasks, paths, sys } = boot('sgi-indy-r4000', 1);
    const [t] = tasks;
    const q = [{}, {}, {}].map((o) => refs(paths.kernelCall('msgsnd', 'msgsnd', t, o), 'message queue table')[0]);
    expect(new Set(q.map((r) => r.page)).size).toBe(1);
    expect(q.map((r) => r.offset)).toEqual([0, 112, 224]);
    const s = [{}, {}].map((o) => refs(paths.kernelCall('semop V', 'semop', t, o), 'semaphore table')[0]);
    expect(s.map((r) => r.offset)).toEqual([0, 84]);
    // The same object is the same entry on every call, from any process.
    const o = {};
    expect(refs(paths.kernelCall('msgrcv', 'msgrcv', t, o), 'message queue table')[0].offset).toBe(336);
    expect(refs(paths.kernelCall('msgsnd', 'msgsnd', t, o), 'message queue table')[0].offset).toBe(336);
    expect(sys.machine.id).toBe('sgi-indy-r4000');
  });

  it('are regions of their own under AIX, whose allocator places them where no source says', () => {
    const { tasks, paths } = boot('ibm-p4-ppc604', 1);
    const [t] = tasks;
    const q = [{}, {}].map((o) => refs(paths.kernelCall('msgsnd', 'msgsnd', t, o), 'ipc object')[0]);
    expect(q[0].page).not.toBe(q[1].page);
    expect(q.map((r) => r.offset)).toEqual([0, 0]);
  });
});
