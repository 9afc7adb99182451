// The full L3 IPC path on the i486: exact costs of its known pieces, the switches of Table 1 as
// real differences, and the behaviour of the mechanisms (window, registers, scheduler queues).

import { describe, expect, it } from 'vitest';
import { simulate } from '../workloads/run.js';
import { perIpcWhere } from '../workloads/l3/experiments.js';

const run = (bytes: number, set: string[] = [], machine = 'i486-dx50') =>
  simulate({ machine, kernel: 'l3', bytes, calls: 100, set }).result;
const steps = (r: ReturnType<typeof run>) => r.breakdown.map((b) => b.step);

describe('L3 full path', () => {
  it('is the default and carries 8 bytes in registers: no copy, no mapping', () => {
    const r = run(8);
    expect(steps(r)).toContain('kernel entry: segment check');
    expect(steps(r).some((s) => /copy|map:/.test(s))).toBe(false);
    expect(r.breakdown.find((b) => b.step === 'user: call kernel')!.count).toBe(2);
  });

  it('prices the known pieces exactly: INT 71, IRET 36, segment check 10, uid check 4', () => {
    const rows = run(8).breakdown;
    const exec = (label: string) => perIpcWhere(rows, (l) => l === label).exec;
    expect(exec('user: call kernel')).toBe(71);
    expect(exec('return to user')).toBe(36);
    expect(exec('kernel entry: segment check')).toBe(10);
    expect(exec('ipc: uid check')).toBe(4);
    expect(exec('ipc: tcb address from uid')).toBe(3);
  });

  it('maps two page-directory entries and copies once for a 128-byte message', () => {
    const rows = run(128).breakdown;
    expect(perIpcWhere(rows, (l) => l.startsWith('map: copy pdir entry')).instructions).toBe(4);
    expect(perIpcWhere(rows, (l) => l === 'ipc: copy direct string').exec).toBe(128);
    expect(steps(run(128)).includes('window: invalidate entries')).toBe(true);
  });

  it('copies twice through the kernel buffer without direct transfer', () => {
    const s = steps(run(128, ['kernel.directTransfer=false']));
    expect(s).toContain('ipc: copy in direct string');
    expect(s).toContain('ipc: copy out direct string');
    expect(s.some((x) => x.startsWith('map: '))).toBe(false);
  });

  it('sends more than 1020 bytes as an indirect string', () => {
    expect(steps(run(2048))).toContain('ipc: copy indirect string');
    expect(steps(run(1020))).not.toContain('ipc: copy indirect string');
    expect(steps(run(512, ['kernel.indirectStrings=4'])).filter((s) => s === 'ipc: copy indirect string').length).toBe(1);
  });

  it('gets slower with every Table 1 switch off, at 8 bytes', () => {
    const base = run(8).latencyCycles.mean;
    for (const off of [
      'kernel.shortMessagesInRegisters=false',
      'kernel.lazyScheduling=false',
      'kernel.segments=reload',
      'kernel.replyAndWait=false',
      'kernel.condensedTables=false',
      'kernel.virtualTcbs=false',
      'kernel.directSwitch=false',
    ]) {
      expect(run(8, [off]).latencyCycles.mean, off).toBeGreaterThan(base);
    }
  });

  it('copies the 20-byte user frame into the continuation and back (§5.2.4), each with the move start-up', () => {
    const rows = run(8, ['kernel.kernelStacks=continuationCopy']).breakdown;
    expect(perIpcWhere(rows, (l) => l === 'continuation: save').exec).toBe(20 + 20);
    expect(perIpcWhere(rows, (l) => l === 'continuation: restore').exec).toBe(20 + 20);
  });

  it('adds one system call per round trip without reply & wait', () => {
    const r = run(8, ['kernel.replyAndWait=false']);
    expect(r.breakdown.find((b) => b.step === 'user: call kernel')!.count).toBe(3);
  });

  it('misses the TLB on no page within one address space, and on several across spaces', () => {
    const tlb = (set: string[]) => perIpcWhere(run(128, set).breakdown, () => true).tlbMisses;
    expect(tlb(['kernel.sameSpace=true'])).toBe(0);
    expect(tlb([])).toBeGreaterThan(5);
  });

  it('costs more cycles per IPC on the 386 and the same cycles on the 33 MHz 486', () => {
    const c50 = run(0).latencyCycles.mean;
    expect(run(0, [], 'i486-dx33').latencyCycles.mean).toBe(c50);
    expect(run(0, [], 'i386-20').latencyCycles.mean).toBeGreaterThan(c50);
  });

  it('refills the on-chip cache when flushed before each IPC', () => {
    const warm = perIpcWhere(run(8).breakdown, () => true).cacheMisses;
    const cold = perIpcWhere(run(8, ['kernel.flushCache=ipc']).breakdown, () => true).cacheMisses;
    expect(warm).toBe(0);
    expect(cold).toBeGreaterThan(15);
  });

  it('is deterministic', () => {
    expect(run(512, ['kernel.lazyScheduling=false'])).toEqual(run(512, ['kernel.lazyScheduling=false']));
  });

  it('rejects more than 255 indirect strings', () => {
    expect(() => run(512, ['kernel.indirectStrings=256'])).toThrow(/kernel.indirectStrings from 0 to 255/);
  });
});
