// Porting a kernel's path lengths between instruction sets. A kernel counts its paths in its home
// ISA's instructions; on a machine of another ISA each step's instruction counts are scaled by the
// dynamic-instruction ratio between the two ISAs for the same source code, and its code size by
// the ratio and the two encodings' bytes per instruction. Every ratio here is a cited assumption,
// and where none is published the table says so and assumes 1.0. A run records the entries it used.

import { ISAS, type Isa } from './isa.js';

/** Average bytes per instruction of each ISA's encoding, with its source. */
export const CODE_DENSITY: Readonly<Record<Isa, { bytes: number; source: string }>> = {
  vax: {
    bytes: 3,
    source:
      'assumption: VAX instructions are "1 to 50+ bytes" (Supnik, VLSI VAX Micro-architecture, DEC 1988) and no dynamic average was found; 3 bytes, as the Firefly kernels lay out their code',
  },
  x86: {
    bytes: 3,
    source:
      'measured: two i386 kernel paths assembled with GNU as (Linux 1.0 kernel/sys_call.S system-call entry and exit, 232 bytes in 79 instructions = 2.94; GNU Mach i386/locore.S system-call path, 182 bytes in 60 = 3.03)',
  },
  mips: { bytes: 4, source: 'MIPS R4000 User\'s Manual: every instruction is 32 bits' },
  ppc: { bytes: 4, source: 'PowerPC Architecture, Book I: every instruction is 32 bits' },
  'pa-risc': { bytes: 4, source: 'PA-RISC 1.1 Architecture and Instruction Set Reference Manual: every instruction is 32 bits' },
};

/** One porting assumption: instructions on `to` per instruction on `from` for the same code. */
export interface PortingAssumption {
  from: Isa;
  to: Isa;
  /** Dynamic instructions executed on `to` per instruction counted on `from`. */
  ratio: number;
  /** Bytes per instruction of the two encodings. */
  bytesPerInstruction: { from: number; to: number };
  source: string;
  /** Code bytes on `to` per code byte on `from`. */
  codeSize: number;
  codeSizeSource: string;
}

const RISC: readonly Isa[] = ['mips', 'ppc', 'pa-risc'];
const NAME: Record<Isa, string> = { vax: 'VAX', x86: 'x86', mips: 'MIPS', ppc: 'PowerPC', 'pa-risc': 'PA-RISC' };

const VAX_MIPS =
  'Bhandarkar & Clark, "Performance from Architecture: Comparing a RISC and a CISC with Similar Hardware Organization", ASPLOS IV 1991 (MIPS M/2000 against VAX 8700, SPEC89), as summarised in Hennessy & Patterson, Appendix J: about 2 times as many MIPS instructions as VAX instructions (and about 6 times fewer cycles per instruction; 2.7 times fewer cycles per program, geometric mean)';
const RISC_PAIR =
  'Cmelik, Kong, Ditzel & Kelly, "An Analysis of MIPS and SPARC Instruction Set Utilization on the SPEC Benchmarks", ASPLOS IV 1991: two load/store RISCs execute similar instruction counts, neither with a clear advantage';

/** The ratio and its source for one ordered pair of different ISAs. */
function ratioOf(from: Isa, to: Isa): { ratio: number; source: string } {
  if (from === 'vax' && to === 'mips') return { ratio: 2, source: VAX_MIPS };
  if (from === 'mips' && to === 'vax') return { ratio: 0.5, source: `the inverse of VAX to MIPS: ${VAX_MIPS}` };
  if (from === 'vax' && RISC.includes(to)) {
    return { ratio: 2, source: `no published ratio for VAX to ${NAME[to]}; the VAX to MIPS ratio of 2 is assumed for this load/store RISC as well (${VAX_MIPS}; ${RISC_PAIR})` };
  }
  if (RISC.includes(from) && to === 'vax') {
    return { ratio: 0.5, source: `no published ratio for ${NAME[from]} to VAX; the inverse of VAX to MIPS is assumed for this load/store RISC as well (${VAX_MIPS}; ${RISC_PAIR})` };
  }
  if (RISC.includes(from) && RISC.includes(to)) {
    return { ratio: 1, source: `no published ratio for ${NAME[from]} to ${NAME[to]}; 1.0 assumed (two load/store RISCs with 32 registers: ${RISC_PAIR})` };
  }
  return { ratio: 1, source: `no published ratio for ${NAME[from]} to ${NAME[to]}; 1.0 assumed` };
}

/**
 * Code size follows the instruction ratio and the two encodings' densities where the ratio is
 * published. Where the ratio itself is an unpublished 1.0, applying the densities alone would
 * claim the same instructions in another encoding, which is no better founded than the same
 * bytes, so the code is kept at its size.
 */
function codeSizeOf(from: Isa, to: Isa, ratio: number, source: string): { codeSize: number; codeSizeSource: string } {
  const a = CODE_DENSITY[from];
  const b = CODE_DENSITY[to];
  if (source.startsWith('no published ratio') && ratio === 1) {
    return { codeSize: 1, codeSizeSource: `no published instruction or code-size ratio for ${NAME[from]} to ${NAME[to]}; 1.0 assumed (the code keeps its size)` };
  }
  return {
    codeSize: (ratio * b.bytes) / a.bytes,
    codeSizeSource: `${ratio} times the instructions at ${b.bytes} bytes each (${b.source}) against ${a.bytes} (${a.source})`,
  };
}

/** Every ordered pair of different ISAs, in one table. */
export const PORTING: readonly PortingAssumption[] = ISAS.flatMap((from) =>
  ISAS.filter((to) => to !== from).map((to) => {
    const r = ratioOf(from, to);
    return { from, to, ...r, bytesPerInstruction: { from: CODE_DENSITY[from].bytes, to: CODE_DENSITY[to].bytes }, ...codeSizeOf(from, to, r.ratio, r.source) };
  }),
);

/** The assumption for running code counted in `from` on a machine of ISA `to`, or null when they are the same. */
export function porting(from: Isa, to: Isa): PortingAssumption | null {
  if (from === to) return null;
  return PORTING.find((p) => p.from === from && p.to === to)!;
}

/** One line saying what a porting assumption does to a run. */
export function describePorting(p: PortingAssumption): string {
  const size = Math.round(p.codeSize * 100) / 100;
  return `path lengths counted in ${NAME[p.from]} instructions run on a ${NAME[p.to]} machine: instruction counts × ${p.ratio} (${p.source}); code size × ${size} (${p.codeSizeSource})`;
}
