// Generic work helpers for code paths given as path lengths: every machine prices the classes used
// here (ld, st, alu, cmp, jcc, copyStartup), so a path written with them runs on any machine.

import { copy, instr, instructionCount, read, write, type Page, type Step, type Work } from '../../sim/hw/index.js';

/**
 * n instructions of ordinary compiled kernel or library code, split into classes in fixed
 * proportions: 3 loads, 1 store, 3 ALU, 1 compare, 2 branches in 10 (guess: a typical integer
 * mix of RISC compiler output). Every class costs one cycle on a cache hit on the PA-RISC, so on
 * the HP 9000/730 n instructions take n cycles; other machines price the classes their own way.
 */
export function code(n: number): Work[] {
  if (n <= 0) return [];
  const ld = Math.round(n * 0.3);
  const st = Math.round(n * 0.1);
  const cmp = Math.round(n * 0.1);
  const jcc = Math.round(n * 0.2);
  const alu = n - ld - st - cmp - jcc;
  return [instr('ld', ld), instr('st', st), instr('alu', alu), instr('cmp', cmp), instr('jcc', jcc)].filter(
    (w) => w.k !== 'i' || w.n > 0,
  );
}

/** Save `words` registers into a save area (a trap's state save): one store each. */
export function saveRegisters(area: Page, words: number, at = 0): Work[] {
  return [instr('st', words), write(area, at, words * 4)];
}

/** Restore `words` registers from a save area: one load each. */
export function restoreRegisters(area: Page, words: number, at = 0): Work[] {
  return [instr('ld', words), read(area, at, words * 4)];
}

/** Copy a few words with a load and a store each (call-by-value parameters, descriptors). */
export function copyWords(words: number, from: Page, fromAt: number, to: Page, toAt: number): Work[] {
  if (words <= 0) return [];
  return [instr('ld', words), instr('st', words), read(from, fromAt, words * 4), write(to, toAt, words * 4)];
}

/** A block copy through the library's bcopy: its start-up, then n bytes at the machine's copy rate. */
export function bcopy(bytes: number, from: Page, fromAt: number, to: Page, toAt: number): Work[] {
  if (bytes <= 0) return [];
  return [instr('copyStartup'), copy(bytes, from, to, fromAt, toAt)];
}

/** A block copy by a kernel routine whose own overhead is `overhead` instructions (copyin, copyout). */
export function kernelCopy(bytes: number, overhead: number, from: Page, fromAt: number, to: Page, toAt: number): Work[] {
  return [...code(overhead), ...(bytes > 0 ? [copy(bytes, from, to, fromAt, toAt)] : [])];
}


/**
 * A step whose code is a loop or a call tree rather than straight-line code: its instructions are
 * fetched from at most `footprint` bytes at `offset` in `page` (a long path does not sweep the
 * instruction cache once per instruction).
 */
export function loopStep(label: string, work: Work[], page: Page, offset: number, footprint: number): Step {
  return { label, work, code: { page, offset, bytes: Math.max(4, Math.min(footprint, instructionCount(work) * 4)) } };
}
