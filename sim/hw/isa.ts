// The one instruction vocabulary every machine prices: ISA-neutral classes of instructions that
// kernels count their paths in. A machine file gives a cycle cost, with its source, for every
// class here (a class the hardware lacks is priced by its nearest equivalent or at 0, saying why),
// so any kernel's paths can be priced by any machine. Classes are added only where the hardware
// really differs (the x86's segment registers and address-generation interlock, indexed
// addressing, compare with a memory operand).

import { instr, type Work } from './work.js';

/** The instruction-set architectures of the modelled machines. */
export type Isa = 'vax' | 'x86' | 'mips' | 'ppc' | 'pa-risc';

export const ISAS: readonly Isa[] = ['vax', 'x86', 'mips', 'ppc', 'pa-risc'];

/** Every instruction class, with what one instruction of it does. */
export const INSTRUCTION_CLASSES = {
  ld: 'load a register from memory (base + displacement)',
  st: 'store a register to memory (base + displacement)',
  ldx: 'indexed load (base + index register)',
  stx: 'indexed store (base + index register)',
  alu: 'register-to-register arithmetic or logic (add, and, or, move)',
  shr: 'shift a register by a constant',
  cmp: 'compare registers or a register with a constant',
  cmpm: 'compare a register with a memory operand',
  jcc: 'conditional branch, not taken',
  jccTaken: 'conditional or unconditional branch, taken',
  call: 'procedure call (save the return address, jump)',
  ret: 'procedure return',
  trap: 'trap entry: enter kernel mode through a gate or exception vector',
  rti: 'trap return: leave kernel mode to the interrupted user context',
  loadContext: 'load an MMU context (address-space switch; flushes an untagged TLB)',
  interlocked: 'interlocked read-modify-write on shared memory (test-and-set, swap, LL/SC pair)',
  copyStartup: 'start-up of a block copy (its per-byte rate is copy.cyclesPerByte)',
  invlpg: 'invalidate one TLB entry',
  segLoad: 'load a segment register (x86 selectors; 0 where there are none)',
  segRead: 'read a segment register into a general register',
  segPush: 'push a segment register on the stack',
  agi: 'address-generation interlock: a register written by one instruction used as a base by the next',
} as const;

export type InstrClass = keyof typeof INSTRUCTION_CLASSES;

export const INSTRUCTION_CLASS_NAMES = Object.keys(INSTRUCTION_CLASSES) as InstrClass[];

/**
 * The classes of ordinary compiled code, whose counts a porting ratio scales (porting.ts): the
 * published ratios compare whole programs' instruction counts. The other classes each stand for
 * one operation of the path (a call, a trap, an interlocked update, a copy's start-up, a TLB
 * invalidation), which another ISA does once as well, each at its own price.
 */
export const PORTED_CLASSES: ReadonlySet<string> = new Set<InstrClass>(['ld', 'st', 'ldx', 'stx', 'alu', 'shr', 'cmp', 'cmpm', 'jcc', 'jccTaken']);

/** A machine's cycle costs: every class of the vocabulary. */
export type InstructionCosts = Record<InstrClass, number>;

/** Shares of a path's instructions by class, with where the shares come from. */
export interface InstructionMix {
  readonly isa: Isa;
  readonly shares: Readonly<Partial<Record<InstrClass, number>>>;
  readonly source: string;
}

/**
 * The VAX mix that the Firefly kernels' path lengths (given by the papers as instruction counts or
 * µs at an average instruction time) are split into. Assumption built on published opcode
 * frequencies: the ten most frequent VAX-11 opcodes in compiler execution are MOVL 23.1 %,
 * BEQL 5.9, CMPL 5.6, BNEQ 4.9, CMPB 2.8, INCL 2.2, RET 2.1, CALLS/CALLG 2.1, MOVB 1.8, ADDL2 1.2
 * (VAX-11 dynamic opcode frequencies as tabulated by D. W. Jones, 22C:122 Assignment 7, University
 * of Iowa 2003, from a study of the kind of Wiecek, ASPLOS I 1982). Moves are taken as two loads
 * to one store, conditional branches as half taken, INCL/ADDL2 as ALU; CALLS/RET are left out
 * (the paths count procedure calls separately); the shares are the rest normalised to 1.
 */
export const VAX_MIX: InstructionMix = {
  isa: 'vax',
  // MOVL+MOVB 24.9 -> 16.6 loads + 8.3 stores; CMPL+CMPB 8.4; INCL+ADDL2 3.4; BEQL+BNEQ 10.8 -> 5.4 + 5.4; of 47.5.
  shares: { ld: 16.6 / 47.5, st: 8.3 / 47.5, alu: 3.4 / 47.5, cmp: 8.4 / 47.5, jcc: 5.4 / 47.5, jccTaken: 5.4 / 47.5 },
  source:
    'assumption on the ten most frequent VAX-11 opcodes in compiler execution (MOVL 23.1 %, BEQL 5.9, CMPL 5.6, BNEQ 4.9, CMPB 2.8, INCL 2.2, MOVB 1.8, ADDL2 1.2; CALLS/RET left out), as tabulated by D. W. Jones (Univ. of Iowa 22C:122, 2003) after VAX-11 instruction-use studies (Wiecek, ASPLOS I 1982); moves 2 loads : 1 store, branches half taken',
};

/**
 * n instructions in a mix's shares, apportioned by largest remainder so the counts add up to
 * exactly n (so a machine pricing every class alike prices the mix as n instructions).
 */
export function apportion(mix: InstructionMix, n: number): [InstrClass, number][] {
  const entries = Object.entries(mix.shares) as [InstrClass, number][];
  const total = entries.reduce((s, [, f]) => s + f, 0);
  const exact = entries.map(([c, f]) => [c, (n * f) / total] as const);
  const counts = exact.map(([c, x]) => [c, Math.floor(x)] as [InstrClass, number]);
  let left = n - counts.reduce((s, [, k]) => s + k, 0);
  const order = exact.map(([, x], i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    counts[i][1]++;
    left--;
  }
  return counts.filter(([, k]) => k > 0);
}

/** n instructions of a mix, as work the machine prices class by class. */
export function mixed(mix: InstructionMix, n: number): Work[] {
  const parts = apportion(mix, n);
  // No instructions still marks where they would begin: the step's code is fetched there.
  if (parts.length === 0) return [instr(Object.keys(mix.shares)[0], 0)];
  return parts.map(([c, k]) => instr(c, k));
}

/** n instructions of the Firefly kernels' VAX code (the papers' average instruction). */
export const vaxInstructions = (n: number): Work[] => mixed(VAX_MIX, n);
