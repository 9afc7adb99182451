// Mach 3.0 RPC and the in-kernel servers (Lepreau et al. 1993) on the HP 9000/730 and elsewhere:
// the stage breakdowns, the argument paths, the fallback and the machine independence of `mach`.

import { describe, expect, it } from 'vitest';
import { machines } from '../machines/index.js';
import { RPC_STAGES } from '../sim/os/mach/stages.js';
import { TRAP_STAGES } from '../kernels/inks/stages.js';
import { parseArgs, replyBytes, requestBytes } from '../sim/os/mach/args.js';
import { simulate, type RunSpec } from '../workloads/run.js';
import { mixSequence, ANDREW_MIX } from '../workloads/inks/andrew.js';

const hp = (spec: Partial<RunSpec>) => simulate({ machine: 'hp9000-730', kernel: 'mach', calls: 30, warmup: 5, ...spec });
const stage = (r: ReturnType<typeof simulate>, n: number): number =>
  r.result.breakdown.filter((b) => b.step.startsWith(`${n}. `)).reduce((a, b) => a + b.cycles, 0);

describe('mach and inks kernels on the HP 9000/730', () => {
  it('reads every stage of Table 1 from the breakdown of the instrumented test', () => {
    const r = hp({ workload: 'inks-inout128', set: ['kernel.instrumented=true'] });
    const stages = RPC_STAGES.map((_, i) => stage(r, i + 1));
    expect(stages.every((c) => c > 0)).toBe(true);
    expect(stages.reduce((a, b) => a + b, 0)).toBe(r.result.latencyCycles.mean);
    // Steady state: the big off-chip caches and the tagged TLB miss nothing.
    expect(r.result.breakdown.every((b) => b.cacheMisses === 0 && b.tlbMisses === 0)).toBe(true);
  });

  it('reads every stage of Table 2 from the trapping test', () => {
    const r = hp({ kernel: 'inks-trap', workload: 'inks-inout128', set: ['kernel.instrumented=true'] });
    const stages = TRAP_STAGES.map((_, i) => stage(r, i + 1));
    expect(stages.every((c) => c > 0)).toBe(true);
    expect(stages.reduce((a, b) => a + b, 0)).toBe(r.result.latencyCycles.mean);
  });

  it('switches address space twice per message RPC and never on the trap path', () => {
    const msg = hp({ workload: 'inks-null' });
    const trap = hp({ kernel: 'inks-trap', workload: 'inks-null' });
    expect(msg.result.breakdown.some((b) => b.step.startsWith('7. Context switch'))).toBe(true);
    expect(trap.result.breakdown.some((b) => /context switch/i.test(b.step))).toBe(false);
  });

  it('costs more per argument byte by message than by trap, and more for InOut than In', () => {
    const at = (kernel: string, workload: string, bytes: number) => hp({ kernel, workload, bytes }).result.latencyCycles.mean;
    const slope = (k: string, w: string) => (at(k, w, 2048) - at(k, w, 1024)) / 1024;
    expect(slope('mach', 'inks-arg-in')).toBeGreaterThan(2.5 * slope('inks-trap', 'inks-arg-in'));
    expect(slope('mach', 'inks-arg-inout')).toBeGreaterThan(2 * slope('mach', 'inks-arg-in'));
  });

  it('falls back to a message when the server registered no trap table', () => {
    const r = hp({ kernel: 'inks-trap', workload: 'inks-null', set: ['kernel.registered=false'] });
    const refused = r.result.stats.find((s) => s.name === 'inks.refusedTraps')!.value;
    expect(refused).toBe(30);
    // The trap's entry and lookups, then the whole message path.
    expect(r.result.breakdown.some((b) => b.step.startsWith('3. Port, task, and trap entrypoint lookups'))).toBe(true);
    expect(r.result.breakdown.some((b) => b.step.startsWith('9. Copyout message to server'))).toBe(true);
    expect(r.result.latencyCycles.mean).toBeGreaterThan(hp({ kernel: 'inks-msg', workload: 'inks-null' }).result.latencyCycles.mean);
  });

  it('answers getpid in the emulator without reaching the server', () => {
    const r = hp({ kernel: 'inks-trap', workload: 'unix-getpid' });
    expect(r.result.breakdown.map((b) => b.step).sort()).toEqual(['Unix trap, redirected to the emulator', 'emulator: decode, answer or call the server, return']);
    expect(r.result.breakdown.some((b) => b.step.startsWith('OSF/1'))).toBe(false);
  });

  it('is deterministic', () => {
    const a = hp({ kernel: 'inks-trap', workload: 'inks-andrew-mix', calls: 500 });
    const b = hp({ kernel: 'inks-trap', workload: 'inks-andrew-mix', calls: 500 });
    const { perf: _pa, timeline: _ta, ...ra } = a;
    const { perf: _pb, timeline: _tb, ...rb } = b;
    expect(JSON.stringify(ra)).toBe(JSON.stringify(rb));
  });

  it('rejects more than one client thread', () => {
    expect(() => hp({ T: 2 })).toThrow(/one client thread/);
  });
});

describe('mach is machine-independent work', () => {
  // On an x86 machine Mach runs its own i386 path (sim/os/mach/i386-rpc.ts): 9 rows each way.
  it.each(machines.map((m) => [m.id, m.isa]))('runs a Mach RPC of 8 bytes on %s', (id, isa) => {
    const r = simulate({ machine: id, kernel: 'mach', bytes: 8, calls: 20, warmup: 5 });
    expect(r.result.latencyCycles.mean).toBeGreaterThan(1000);
    expect(new Set(r.result.breakdown.map((b) => b.step.replace(/ \/ copy$/, ''))).size).toBe(isa === 'x86' ? 18 : 21);
  });

  it('misses the 486 on-chip cache where the HP caches hold everything', () => {
    const misses = (machine: string) => simulate({ machine, kernel: 'mach', bytes: 8, calls: 50 }).result.breakdown.reduce((a, b) => a + b.cacheMisses, 0);
    expect(misses('i486-dx50')).toBeGreaterThan(0);
    expect(misses('hp9000-730')).toBe(0);
  });

  it('costs more per message byte than its copy rate alone on the 486 (twofold copy through the kernel)', () => {
    const at = (bytes: number) => simulate({ machine: 'i486-dx50', kernel: 'mach', bytes, calls: 30, warmup: 5 }).result.latencyCycles.mean;
    const perByte = (at(2048) - at(1024)) / 1024 / 2; // per byte per one-way message
    expect(perByte).toBeGreaterThan(2 * 0.75);
  });
});

describe('messages and the Andrew mix', () => {
  it('sizes MIG messages from header, descriptors and data', () => {
    expect(requestBytes([])).toBe(24);
    expect(replyBytes([])).toBe(32);
    expect(requestBytes(parseArgs('inout:128', 0))).toBe(24 + 4 + 128);
    expect(replyBytes(parseArgs('inout:128', 0))).toBe(32 + 4 + 128);
    expect(() => parseArgs('sideways:8', 0)).toThrow(/bad argument/);
  });

  it('interleaves the mix so that any prefix keeps its proportions', () => {
    const next = mixSequence(ANDREW_MIX);
    const total = ANDREW_MIX.reduce((n, e) => n + e.count, 0);
    const n = 5000;
    const seen = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const e = next();
      seen.set(e.row, (seen.get(e.row) ?? 0) + 1);
    }
    for (const e of ANDREW_MIX) expect(Math.abs((seen.get(e.row) ?? 0) - (e.count * n) / total)).toBeLessThan(1.5);
  });
});
