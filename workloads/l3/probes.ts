// Probes of the machine models the L3 paper describes in §5, §6 and §7.3: small programs of steps
// run straight on a booted machine (no kernel), each measuring one property the way a
// micro-benchmark would: cycles of a copy, misses of a second pass over a working set, whether
// an address-space switch empties the TLB. They check that the hardware models behave as the
// paper says the 486 does, from the outside.

import { copy, flushCaches, instr, loadContext, measured, read, step, type Page, type Step, type Work } from '../../sim/hw/index.js';
import type { System } from '../../sim/os/index.js';
import { bootMachine, bootSystem } from '../boot.js';

interface Exec {
  cycles: number;
  tlbMisses: number;
  cacheMisses: number;
}

/** Run one step on processor 0 and report what it cost. */
function exec(sys: System, work: Work[]): Exec {
  const cpu = sys.cpus[0];
  const tlb0 = cpu.tlb.misses;
  const cache = cpu.caches.all[0]?.array;
  const c0 = cache?.misses ?? 0;
  const cycles = cpu.exec(step('probe', work) as Step, 'probe');
  return { cycles, tlbMisses: cpu.tlb.misses - tlb0, cacheMisses: (cache?.misses ?? 0) - c0 };
}

/** Bytes of a working set that a second pass reads without a single on-chip cache miss (largest power of two). */
export function onChipCapacity(machine = 'i486-dx50'): number {
  let best = 0;
  for (let kb = 1; kb <= 64; kb *= 2) {
    const sys = bootSystem({ machine });
    sys.cpus[0].load(sys.hw.space('probe'));
    const region = sys.hw.kernel.page('working set', Math.max(1, Math.ceil((kb * 1024) / sys.machine.pageBytes)));
    const bytes = kb * 1024;
    exec(sys, [read(region, 0, bytes)]);
    if (exec(sys, [read(region, 0, bytes)]).cacheMisses === 0) best = bytes;
  }
  return best;
}

/** Lines of one cache set that can be live at once: k same-set lines re-read without a miss. */
export function onChipWays(machine = 'i486-dx50'): number {
  const m = bootMachine({ machine });
  const l1 = m.cache.l1 ?? m.cache.l1d;
  if (!l1) return 0;
  const stride = l1.sizeBytes / l1.ways;
  let ways = 0;
  for (let k = 1; k <= 16; k++) {
    const sys = bootSystem({ machine });
    const pagesPerStride = Math.max(1, stride / sys.machine.pageBytes);
    const region = sys.hw.kernel.page('set probe', pagesPerStride * k);
    const touch: Work[] = [];
    for (let i = 0; i < k; i++) touch.push(read(region, i * stride, 4));
    exec(sys, touch);
    if (exec(sys, touch).cacheMisses === 0) ways = k;
  }
  return ways;
}

/** Pages a second pass translates without a TLB miss (the TLB's reach in entries). */
export function tlbEntries(machine = 'i486-dx50'): number {
  let best = 0;
  for (let n = 1; n <= 128; n++) {
    const sys = bootSystem({ machine });
    const region = sys.hw.kernel.page('pages', n);
    const touch: Work[] = [];
    for (let i = 0; i < n; i++) touch.push(read(region, i * sys.machine.pageBytes, 4));
    exec(sys, touch);
    if (exec(sys, touch).tlbMisses === 0) best = n;
  }
  return best;
}

/** The page size: the smallest stride at which two references take two TLB misses. */
export function pageBytes(machine = 'i486-dx50'): number {
  for (let stride = 512; stride <= 65536; stride *= 2) {
    const sys = bootSystem({ machine });
    const region = sys.hw.kernel.page('region', 32);
    if (exec(sys, [read(region, 0, 4), read(region, stride, 4)]).tlbMisses === 2) return stride;
  }
  return NaN;
}

/** Whether loading another address space makes a translated page miss again. */
export function tlbFlushedOnSwitch(machine = 'i486-dx50', set: string[] = []): boolean {
  const sys = bootSystem({ machine, set });
  const a = sys.hw.space('A');
  const b = sys.hw.space('B');
  const k: Page = sys.hw.kernel.page('kernel page');
  sys.cpus[0].load(a);
  exec(sys, [read(k, 0, 4)]);
  exec(sys, [loadContext(b)]);
  return exec(sys, [read(k, 0, 4)]).tlbMisses === 1;
}

/**
 * Copy rate in ns per byte for a warm copy of n bytes (source in the on-chip cache) or a cold one
 * (on-chip cache flushed first, external cache warm), start-up excluded.
 */
export function copyNsPerByte(machine: string, bytes: number, cold: boolean, set: string[] = []): number {
  const sys = bootSystem({ machine, set });
  const pages = Math.ceil(bytes / sys.machine.pageBytes);
  const from = sys.hw.kernel.page('source', pages);
  const to = sys.hw.kernel.page('destination', pages);
  // Warm the TLB and both cache levels, then take the copy alone.
  exec(sys, [copy(bytes, from, to)]);
  exec(sys, [copy(bytes, from, to)]);
  if (cold) exec(sys, [flushCaches(true)]);
  const r = exec(sys, [copy(bytes, from, to)]);
  return (r.cycles / bytes) * (1000 / sys.machine.clockMHz);
}

/** Cycles of n instructions of a class. */
export function instructionCycles(machine: string, cls: string, n = 1): number {
  return exec(bootSystem({ machine }), [instr(cls, n)]).cycles;
}

/** Cycles of a primitive measured as one microsecond: the clock rate in MHz. */
export function cyclesPerMicrosecond(machine: string): number {
  return exec(bootSystem({ machine }), [measured(1, 'probe: one microsecond')]).cycles;
}

/**
 * Bytes of a working set that, with the on-chip cache flushed, is read back from the external
 * cache alone (every line costs exactly the on-chip fill): the external cache's capacity.
 */
export function externalCapacity(machine = 'i486-dx50'): number {
  const m = bootMachine({ machine });
  const l1 = m.cache.l1 ?? m.cache.l1d;
  if (!l1 || !m.cache.l2) return 0;
  let best = 0;
  for (let kb = 64; kb <= 1024; kb *= 2) {
    const sys = bootSystem({ machine });
    const bytes = kb * 1024;
    const region = sys.hw.kernel.page('working set', bytes / sys.machine.pageBytes);
    exec(sys, [read(region, 0, bytes)]);
    exec(sys, [flushCaches(true)]);
    const lines = bytes / l1.lineBytes;
    const r = exec(sys, [read(region, 0, bytes)]);
    if (r.cycles - r.tlbMisses * m.tlb.missCycles === lines * l1.missCycles) best = bytes;
  }
  return best;
}
