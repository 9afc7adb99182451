// Code placement for the full L3 path: every distinct piece of code gets one fixed place in its
// page, however many paths run it, so the on-chip cache and the TLB see the same lines whether
// thread A or thread B executes it (both directions of a ping-pong run the same kernel code).

import { instructionCount, makeStep, type Page, type Step, type Work } from '../../sim/hw/index.js';

/** guess: i486 code averages about 3 bytes per instruction (short jumps, 1-byte displacements, §5.5.1). */
export const BYTES_PER_INSTRUCTION = 3;

export class CodeMap {
  private cursor: number;
  private readonly places = new Map<string, { page: Page; offset: number; bytes: number }>();

  constructor(
    readonly page: Page,
    start = 0,
  ) {
    this.cursor = start;
  }

  /** A step whose code sits at the place reserved for its label (and instruction count). */
  step(label: string, work: Work[]): Step {
    const n = instructionCount(work);
    const key = `${label}#${n}`;
    let code = this.places.get(key);
    if (!code) {
      const bytes = Math.max(1, n) * BYTES_PER_INSTRUCTION;
      code = { page: this.page, offset: this.cursor, bytes };
      this.cursor += bytes;
      if (this.cursor > 4096) throw new Error(`L3 code in ${this.page.name} overflows its page`);
      this.places.set(key, code);
    }
    return makeStep(label, work, code);
  }
}
