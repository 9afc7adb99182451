// The vocabulary kernels describe code paths in. A kernel never says how long something takes:
// it says what is done (instructions of a class, memory references to named pages, traps, context
// loads, copies) and the machine prices it. A Step is one labelled row of a paper's breakdown.

import type { Page } from './space.js';
import type { Space } from './space.js';
import type { Isa } from './isa.js';

export type Work =
  /** n instructions of a cost class the machine prices (ld, st, alu, trap, rti, loadContext, ...). */
  | { k: 'i'; cls: string; n: number }
  /** A data reference to bytes of a page: the TLB translates it and the caches decide misses. */
  | { k: 'ref'; page: Page; offset: number; bytes: number; write: boolean }
  /** Load an MMU context (the instruction is priced as class loadContext); an untagged TLB is flushed. */
  | { k: 'ctx'; space: Space }
  /** Enter kernel mode through a trap (class trap) or leave it (class rti). */
  | { k: 'mode'; to: 'kernel' | 'user'; cls: string }
  /** A block copy of n bytes (its start-up is a separate copyStartup instruction); priced per byte plus misses. */
  | { k: 'copy'; bytes: number; from: Page; fromOffset: number; to: Page; toOffset: number }
  /** A primitive measured as a whole on one machine, in microseconds, with its source. */
  | { k: 'us'; us: number; why: string }
  /** Flush the whole TLB (a CR3 reload where no single-entry invalidation exists), priced as instruction class cls. */
  | { k: 'flushTlb'; cls: string }
  /** Flush the caches (the "cache flushed before each IPC" experiments); onChipOnly leaves the external (l2) cache. */
  | { k: 'flushCaches'; onChipOnly?: boolean };

export interface Step {
  /** The row this work is charged to (send, poll, trap, red tape, copyin, ...). */
  readonly label: string;
  /** Where the step's instructions come from: translated at the step's first instruction and after a context load. */
  readonly code?: { page: Page; offset: number; bytes: number };
  readonly work: readonly Work[];
  /** The ISA its instruction counts are counted in, when not the running kernel's home ISA. */
  readonly isa?: Isa;
  /**
   * Which processor's pricing last executed it, and its priced form there: a one-entry cache the
   * processor keeps (it prices a step once per machine), not part of what the step does.
   */
  pricedBy?: unknown;
  priced?: unknown;
}

/** The same step, its instruction counts stated in another ISA (an OS path counted on another machine). */
export const inIsa = (isa: Isa, s: Step): Step => makeStep(s.label, s.work, s.code, isa);

/**
 * A step object with every field present, in one order: steps built every way share one shape, so
 * the processor's reads of them stay monomorphic in a process that has run many kernels (objects
 * that differ in their fields, or in their order, are looked up megamorphically).
 */
export function makeStep(label: string, work: readonly Work[], code: Step['code'], isa?: Isa): Step {
  return { label, code, work, isa, pricedBy: undefined, priced: undefined };
}

// Builders, so code paths read like the papers' tables.
export const instr = (cls: string, n = 1): Work => ({ k: 'i', cls, n });
export const read = (page: Page, offset = 0, bytes = 4): Work => ({ k: 'ref', page, offset, bytes, write: false });
export const write = (page: Page, offset = 0, bytes = 4): Work => ({ k: 'ref', page, offset, bytes, write: true });
export const loadContext = (space: Space): Work => ({ k: 'ctx', space });
export const trap = (cls = 'trap'): Work => ({ k: 'mode', to: 'kernel', cls });
export const rti = (cls = 'rti'): Work => ({ k: 'mode', to: 'user', cls });
export const copy = (bytes: number, from: Page, to: Page, fromOffset = 0, toOffset = 0): Work => ({
  k: 'copy',
  bytes,
  from,
  fromOffset,
  to,
  toOffset,
});
export const measured = (us: number, why: string): Work => ({ k: 'us', us, why });
export const flushTlb = (cls = 'loadContext'): Work => ({ k: 'flushTlb', cls });
export const flushCaches = (onChipOnly = false): Work => ({ k: 'flushCaches', onChipOnly });

/**
 * A stretch of code in a page: steps built in it are laid out one after another, so each step
 * fetches its own lines (and a path's code footprint is the sum of its steps).
 */
export class CodeArea {
  private cursor: number;
  constructor(
    readonly page: Page,
    /** Average bytes per instruction of the machine's encoding. */
    readonly bytesPerInstruction: number,
    start = 0,
  ) {
    this.cursor = start;
  }
  /** Reserve room for n instructions; returns the code reference of a step. */
  take(n: number): { page: Page; offset: number; bytes: number } {
    const bytes = Math.max(1, n) * this.bytesPerInstruction;
    const offset = this.cursor;
    this.cursor += bytes;
    return { page: this.page, offset, bytes };
  }
}

/** Instructions a list of work items executes (what a step's code must hold). */
export function instructionCount(work: readonly Work[]): number {
  let n = 0;
  for (const w of work) n += w.k === 'i' ? w.n : w.k === 'mode' || w.k === 'ctx' || w.k === 'flushTlb' ? 1 : 0;
  return n;
}

/** A labelled step; with a code area, its instructions are placed there. */
export function step(label: string, work: Work[], code?: CodeArea): Step {
  return makeStep(label, work, code ? code.take(instructionCount(work)) : undefined);
}
