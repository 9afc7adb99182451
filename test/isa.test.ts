// The shared instruction vocabulary and the porting table: every machine prices every class with
// a source and nothing outside the vocabulary; a kernel's paths on a machine of another ISA are
// scaled by the table's ratio and the run says which assumption it rests on.

import { describe, expect, it } from 'vitest';
import { machines } from '../machines/index.js';
import { kernels } from '../kernels/index.js';
import { apportion, INSTRUCTION_CLASS_NAMES, INSTRUCTION_CLASSES, ISAS, VAX_MIX } from '../sim/hw/isa.js';
import { CODE_DENSITY, PORTING, porting } from '../sim/hw/porting.js';
import { Hardware, instr, step, inIsa, Processor } from '../sim/hw/index.js';
import { simulate } from '../workloads/run.js';

describe('instruction vocabulary', () => {
  it('describes every class in one line', () => {
    for (const [cls, what] of Object.entries(INSTRUCTION_CLASSES)) {
      expect(what.length, cls).toBeGreaterThan(10);
      expect(what, cls).not.toMatch(/\n/);
    }
  });

  it.each(machines.map((m) => [m.id, m] as const))('%s prices every class, each with a source', (_id, m) => {
    for (const cls of INSTRUCTION_CLASS_NAMES) {
      expect(m.costs[cls], `${m.id} costs.${cls}`).toBeTypeOf('number');
      expect(Number.isFinite(m.costs[cls]) && m.costs[cls] >= 0, `${m.id} costs.${cls}`).toBe(true);
      expect((m.sources[`costs.${cls}`] ?? '').trim(), `${m.id} costs.${cls} source`).not.toBe('');
    }
    expect(ISAS).toContain(m.isa);
  });

  it.each(machines.map((m) => [m.id, m] as const))('%s prices nothing outside the vocabulary (but the operating-system entries still to move)', (_id, m) => {
    const known = new Set<string>(INSTRUCTION_CLASS_NAMES);
    expect(Object.keys(m.costs).filter((c) => !known.has(c))).toEqual([]);
  });

  it('prices trap entry and return above an ordinary instruction on every machine', () => {
    for (const m of machines) {
      expect(m.costs.trap, m.id).toBeGreaterThan(m.costs.alu);
      expect(m.costs.rti, m.id).toBeGreaterThan(m.costs.alu);
    }
  });

  it('prices segment registers only on the x86', () => {
    for (const m of machines) {
      const seg = m.costs.segLoad + m.costs.segRead + m.costs.segPush;
      if (m.isa === 'x86') expect(seg, m.id).toBeGreaterThan(0);
      else expect(seg, m.id).toBe(0);
    }
  });

  it('apportions a mix to exactly n instructions, by its shares', () => {
    for (const n of [0, 1, 7, 27, 69, 148, 1000]) {
      expect(apportion(VAX_MIX, n).reduce((s, [, k]) => s + k, 0)).toBe(n);
    }
    const big = Object.fromEntries(apportion(VAX_MIX, 10_000));
    expect(big.ld / 10_000).toBeCloseTo(VAX_MIX.shares.ld!, 3);
    expect(big.jcc + big.jccTaken).toBeGreaterThan(big.alu);
  });

  it('prices the VAX mix as n average instructions on the Firefly (every class the same cycles there)', () => {
    const ff = machines.find((m) => m.id === 'firefly-cvax')!;
    const cpu = new Processor(0, ff);
    for (const n of [1, 25, 148]) {
      const s = step('mix', apportion(VAX_MIX, n).map(([c, k]) => instr(c, k)));
      expect(cpu.exec(s, 'x')).toBe(n * ff.costs.ld);
    }
  });
});

describe('porting between ISAs', () => {
  it('holds one assumption for every ordered pair of different ISAs, each with a source', () => {
    expect(PORTING.length).toBe(ISAS.length * (ISAS.length - 1));
    for (const p of PORTING) {
      expect(p.ratio, `${p.from}>${p.to}`).toBeGreaterThan(0);
      expect(p.source.length).toBeGreaterThan(20);
      expect(p.codeSizeSource.length).toBeGreaterThan(20);
      if (p.source.startsWith('no published ratio') && p.ratio === 1) expect(p.source).toMatch(/1\.0 assumed/);
    }
    for (const isa of ISAS) expect(CODE_DENSITY[isa].source.length).toBeGreaterThan(10);
  });

  it('cites Bhandarkar & Clark for VAX to MIPS: twice the instructions, and the inverse back', () => {
    expect(porting('vax', 'mips')!.ratio).toBe(2);
    expect(porting('vax', 'mips')!.source).toMatch(/Bhandarkar & Clark/);
    expect(porting('mips', 'vax')!.ratio).toBe(0.5);
    expect(porting('vax', 'vax')).toBeNull();
  });

  it('assumes 1.0 for PA-RISC on the x86, so Mach on the 486 is priced as counted', () => {
    const p = porting('pa-risc', 'x86')!;
    expect(p.ratio).toBe(1);
    expect(p.codeSize).toBe(1);
    expect(p.source).toMatch(/no published ratio.*1\.0 assumed/);
  });

  it('scales a step counted in another ISA per class, rounded, and records the assumption', () => {
    const indy = machines.find((m) => m.id === 'sgi-indy-r4000')!;
    const hw = new Hardware(indy, null);
    const cpu = hw.cpus[0];
    // Ordinary code is scaled; the interlocked update is one operation on either ISA (20 cycles on the Indy).
    const s = step('x', [instr('ld', 3), instr('alu', 5), instr('jcc', 1), instr('interlocked')]);
    expect(cpu.exec(s, 'x')).toBe(9 + 20);
    expect(cpu.exec(inIsa('vax', s), 'x')).toBe(18 + 20);
    expect([...cpu.ported.keys()]).toEqual(['vax>mips']);
    cpu.setCodeIsa('vax');
    expect(cpu.exec(s, 'x')).toBe(18 + 20);
    expect(cpu.exec(inIsa('mips', s), 'x')).toBe(9 + 20);
    // Back to the VAX: half the instructions, rounded per class (3 -> 2, 5 -> 3, 1 -> 1).
    const ff = new Hardware(machines.find((m) => m.id === 'firefly-cvax')!, null).cpus[0];
    ff.setCodeIsa('mips');
    expect(cpu.exec(s, 'x')).toBe(38);
    expect(ff.exec(step('y', [instr('ld', 3), instr('alu', 5), instr('jcc', 1)]), 'x')).toBe((2 + 3 + 1) * 8);
  });

  it("writes the kernel's home ISA and the assumption into the run's configuration and notes", () => {
    const r = simulate({ machine: 'sgi-indy-r4000', kernel: 'lrpc', calls: 50 });
    expect(r.config.kernel.isa).toBe('vax');
    expect(r.config.porting.map((p) => `${p.from}>${p.to}`)).toEqual(['vax>mips']);
    expect(r.result.notes.join(' ')).toMatch(/VAX instructions run on a MIPS machine.*× 2/);
    const home = simulate({ machine: 'firefly-cvax', kernel: 'lrpc', calls: 50 });
    expect(home.config.porting).toEqual([]);
    expect(home.result.notes).toEqual([]);
  });

  it('every kernel declares its home ISA', () => {
    const home = Object.fromEntries(kernels.map((k) => [k.id, k.isa]));
    expect(home).toMatchObject({ l3: 'x86', urpc: 'vax', lrpc: 'vax', taos: 'vax', 'src-rpc': 'vax', mach: 'pa-risc', sysv: 'mips', bss: 'mips' });
    for (const k of kernels) expect(ISAS, k.id).toContain(k.isa);
  });
});
