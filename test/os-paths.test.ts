// Operating-system primitives as code paths (sim/os/unix-models, sim/os/unix-paths.ts): machines
// hold hardware only and name their operating system; the Unix kernels run on every machine on
// the paths of its Unix model (or Linux 1.0's); the fitted paths reproduce Table 1 on their home
// machines; and the write-invalidate bus that carries the SGI Challenge's sharing costs.

import { describe, expect, it } from 'vitest';
import { machines } from '../machines/index.js';
import { sgiChallenge8 } from '../machines/sgi-challenge-8.js';
import { Hardware, read, step, write } from '../sim/hw/index.js';
import { pathInstructions, unixModelFor, unixModels } from '../sim/os/unix-models/index.js';
import { linux10 } from '../sim/os/unix-models/linux-1.0.js';
import { simulate } from '../workloads/run.js';
import { measurePrimitive } from '../workloads/sleepwake/table1.js';

/** Whole operating-system primitives that once sat in machine files as cost classes. */
const OS_PRIMITIVES = [
  'sysYield',
  'ctxSwitch',
  'ctxPerRunnable',
  'sysSleep',
  'sysSemop',
  'sysMsgsnd',
  'sysMsgrcv',
  'shmEnqueue',
  'shmDequeue',
  'shmEmpty',
  'pollIteration',
  'flagLoad',
  'flagStore',
];

const UNIX_KERNELS = ['sysv', 'bss', 'bsw', 'bswy', 'bsls'];

describe('machines', () => {
  it('hold no operating-system primitive', () => {
    for (const m of machines) {
      const held = OS_PRIMITIVES.filter((k) => k in m.costs || `costs.${k}` in m.sources);
      expect(held, m.id).toEqual([]);
    }
  });

  it('name the operating system they run, with a source', () => {
    for (const m of machines) {
      expect(m.os, m.id).toMatch(/\S/);
      expect(m.sources.os, m.id).toMatch(/\S/);
    }
    const os = Object.fromEntries(machines.map((m) => [m.id, m.os]));
    expect(os['sgi-indy-r4000']).toBe('IRIX 6.2');
    expect(os['ibm-p4-ppc604']).toBe('AIX 4.1');
    expect(os['linux-i486-66']).toBe('Linux 1.0.32');
    expect(os['firefly-cvax']).toBe('Taos');
  });
});

describe('Unix models', () => {
  it('are found by the name a machine gives its system; other systems run on Linux 1.0 and say so', () => {
    for (const m of machines) {
      const r = unixModelFor(m);
      const own = unixModels.find((u) => u.os === m.os);
      expect(r.model, m.id).toBe(own ?? linux10);
      expect(r.note === null, m.id).toBe(own !== undefined);
    }
    expect(unixModelFor(sgiChallenge8).model.id).toBe('irix-6.2');
  });

  it('cite a source for every path, and fitted models name their home machine', () => {
    for (const u of unixModels) {
      for (const p of [...Object.values(u.kernel), ...Object.values(u.user)]) expect(p.source, u.id).toMatch(/\S/);
      if (u.home !== null) expect(u.kernel.yield.source).toContain(`fitted on ${u.home}`);
    }
  });

  it('count Linux 1.0 system calls from sys_call.S: int, 29 entry and 49 exit instructions, iret', () => {
    // The changed sched_yield (5), reschedule (2) and schedule()'s fixed part (18) besides.
    expect(pathInstructions(linux10.kernel.yield)).toBe(1 + 29 + 49 + 1 + 5 + 2 + 18);
    expect(linux10.kernel.yield.mix.segLoad).toBe(7);
  });

  it('let Linux 1.0\'s schedule() visit sleeping residents, and price switch_to\'s task switch at 41 + 199 clocks on an x86', () => {
    expect(linux10.resident?.count).toBe(12);
    expect(linux10.resident?.source).toMatch(/inittab/);
    // The hardware task switch less the parts priced as instructions: 7 segment loads, the CR3 load, the jump.
    expect(linux10.kernel.switch.nativeClocks).toBe(41 + 199 - 7 * 9 - 4 - 3);
    // A yield with no one else runnable still scans every resident: 12 more TLB misses than processes.
    const one = measurePrimitive('linux-i486-66', 'yield', 1, 50);
    const two = measurePrimitive('linux-i486-66', 'yield', 2, 50);
    expect(two).toBeGreaterThan(one);
    expect(one * 66).toBeGreaterThan(pathInstructions(linux10.kernel.yield) + 12 * pathInstructions(linux10.resident!.scan));
  });
});

describe('fitted paths on their home machines', () => {
  // Table 1 of the sleep/wake-up paper (µs); the counts were fitted to these, so they come back within 1%.
  const table1: [string, 'enqdeq' | 'msg' | 'yield', number, number][] = [
    ['sgi-indy-r4000', 'enqdeq', 1, 3],
    ['sgi-indy-r4000', 'msg', 1, 37],
    ['sgi-indy-r4000', 'yield', 1, 16],
    ['sgi-indy-r4000', 'yield', 2, 18],
    ['ibm-p4-ppc604', 'enqdeq', 1, 2],
    ['ibm-p4-ppc604', 'msg', 1, 15],
    ['ibm-p4-ppc604', 'yield', 1, 6],
    ['ibm-p4-ppc604', 'yield', 2, 13],
  ];
  for (const [m, what, n, us] of table1) {
    it(`reproduce Table 1 ${what} (${n} process${n > 1 ? 'es' : ''}) on ${m}: ${us} µs`, () => {
      expect(Math.abs(measurePrimitive(m, what, n, 400) / us - 1)).toBeLessThan(0.01);
    });
  }
});

describe('the Unix kernels on every machine', () => {
  for (const m of machines) {
    it(`boot on ${m.id} and run a few hundred calls, every result finite and positive`, () => {
      for (const k of UNIX_KERNELS) {
        const r = simulate({ machine: m.id, kernel: k, calls: 200 });
        const lat = r.result.latencyUs.mean;
        expect(Number.isFinite(lat) && lat > 0, `${k} on ${m.id}: ${lat}`).toBe(true);
        expect(r.result.throughputPerSec, `${k} on ${m.id}`).toBeGreaterThan(0);
        expect(r.result.notes.join('\n'), `${k} on ${m.id}`).toContain(unixModelFor(m).model.os);
        if (unixModelFor(m).note) expect(r.result.notes, `${k} on ${m.id}`).toContain(unixModelFor(m).note);
      }
    });
  }
});

describe('write-invalidate bus (the SGI Challenge)', () => {
  it('moves a written line cache to cache and invalidates the reader\'s copy on the next write', () => {
    const hw = new Hardware(sgiChallenge8, null);
    const a = hw.space('A');
    const page = a.page('shared');
    const [p0, p1] = hw.cpus;
    p0.load(a);
    p1.load(a);
    // Each step a while after the last, so no transaction waits for another's bus occupancy.
    let now = 0;
    hw.bus!.now = () => (now += 1000);
    const w = step('write', [write(page, 0, 4)]);
    const r = step('read', [read(page, 0, 4)]);
    const { l1d, l2 } = sgiChallenge8.cache;
    const memory = l1d!.missCycles + l2!.missCycles;
    const tlb = sgiChallenge8.tlb.missCycles;
    // First touch of the line: a fill from memory (and the page's TLB miss).
    expect(p0.exec(w, 'x')).toBe(memory + tlb);
    // The other processor's read: its l1 misses, and the line comes from p0's cache, not memory.
    expect(p1.exec(r, 'x')).toBe(l1d!.missCycles + sgiChallenge8.bus.transferCycles! + tlb);
    // p0 writes again: p1's copy is invalidated and p0 waits for it.
    expect(p0.exec(w, 'x')).toBe(sgiChallenge8.bus.invalidateCycles!);
    // So p1's next read misses again and is supplied by p0.
    expect(p1.exec(r, 'x')).toBe(l1d!.missCycles + sgiChallenge8.bus.transferCycles!);
    // A write to a line no one else holds costs nothing extra.
    expect(p0.exec(step('private', [write(page, 1024, 4)]), 'x')).toBe(memory);
    expect(hw.bus!.transfers).toBe(2);
    expect(hw.bus!.invalidations).toBe(1);
  });
});
