// Generic work helpers for code paths given as path lengths: every machine prices the classes used
// here (ld, st, alu, cmp, jcc, jccTaken, segLoad, copyStartup), so a path written with them runs on
// any machine.

import { copy, instr, instructionCount, makeStep, read, write, type Page, type Step, type Work } from '../../hw/index.js';

/**
 * Share of a path's branches that are taken (guess: one in two). The paths are whole call trees:
 * every call, return and unconditional jump is taken and so is the closing branch of each loop
 * iteration, while the error and special-case checks that guard rare paths fall through. Machines
 * whose taken branches cost more than untaken ones (the i486: 3 clocks against 1) pay for it; on
 * the PA-RISC a taken branch with its delay slot filled costs the same cycle.
 */
export const TAKEN_BRANCH_SHARE = 0.5;

/**
 * n instructions of ordinary compiled kernel or library code, split into classes in fixed
 * proportions: 3 loads, 1 store, 3 ALU, 1 compare, 2 branches in 10 (guess: a typical integer
 * mix of RISC compiler output), the branches split by TAKEN_BRANCH_SHARE. Every class costs one
 * cycle on a cache hit on the PA-RISC, so on the HP 9000/730 n instructions take n cycles; other
 * machines price the classes their own way.
 */
export function code(n: number): Work[] {
  if (n <= 0) return [];
  const ld = Math.round(n * 0.3);
  const st = Math.round(n * 0.1);
  const cmp = Math.round(n * 0.1);
  const branches = Math.round(n * 0.2);
  const taken = Math.round(branches * TAKEN_BRANCH_SHARE);
  const jcc = branches - taken;
  const alu = n - ld - st - cmp - branches;
  return [instr('ld', ld), instr('st', st), instr('alu', alu), instr('cmp', cmp), instr('jcc', jcc), instr('jccTaken', taken)].filter(
    (w) => w.k !== 'i' || w.n > 0,
  );
}

/** Save `words` registers into a save area (a trap's state save): one store each. */
export function saveRegisters(area: Page, words: number, at = 0): Work[] {
  return [instr('st', words), write(area, at, words * 4)];
}

/**
 * The segment registers a kernel entry and a return load (Mach 3.0's i386 port, locore.s: the trap
 * and system-call entries push ds, es, fs and gs into the saved state and load the kernel's data
 * selector into ds and es; the return pops all four, each pop a segment load). The pushes and
 * pops are among the saved state's stores and loads (saveRegisters / restoreRegisters); what is
 * here is the loading itself, which machines without segment registers price at nothing.
 */
export const SEGMENTS = {
  /** ds and es loaded with the kernel's data selector on entry. */
  onEntry: 2,
  /** ds, es, fs and gs reloaded from the saved state on the return to user mode. */
  onReturn: 4,
} as const;

/** Kernel entry from user mode: load the kernel's data segments. */
export const enterSegments = (): Work[] => [instr('segLoad', SEGMENTS.onEntry)];

/** Return to user mode: reload the user segment registers. */
export const leaveSegments = (): Work[] => [instr('segLoad', SEGMENTS.onReturn)];

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
  return makeStep(label, work, { page, offset, bytes: Math.max(4, Math.min(footprint, instructionCount(work) * 4)) });
}
