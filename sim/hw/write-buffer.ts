// The write buffer between a write-through on-chip cache and the bus: the i486's four entries.
// Every write goes to memory (the cache writes through, hit or miss); the processor puts it in the
// buffer and goes on, and the buffer drains one write per bus write cycle. The processor stalls
// only when the buffer is full.
//
// Sources (rules; the machine files cite the numbers):
// - Four entries: N. Juffa, comp.sys.intel, 15 Jan 1993, summarising Intel's i486 Microprocessor
//   Hardware Reference Manual (240552-001): the 486's on-chip cache has "Four write buffers".
// - Order: writes leave the buffer in program order; a read miss may go on the bus ahead of the
//   buffered writes only when every buffered write hit the cache, otherwise it waits for them
//   (Intel SDM vol. 3A §8.2.1 "Memory Ordering in the Intel Pentium and Intel486 Processors", and
//   vol. 3B §22.34: "A memory read will only be reordered in front of all writes pending in the
//   buffers if all writes pending in the buffers are cache hits and the read is a cache miss").
// - A locked cycle waits until the buffer is empty (same §22.34); the model prices interlocked
//   instructions as instructions only (processor.ts), so that wait is not modelled.
// - One entry holds one write of up to a dword: the i486's data bus is 32 bits wide.
//
// Approximation (the processor prices a whole step when it starts, and the caches do not see the
// cycles of its instructions): the buffer keeps the time it will be empty, on the processor's
// clock (its busy cycles), and treats draining as a flow of one entry per drainCycles. The writes
// of a step enter it from the step's start. When the next step starts, the writes still waiting
// must fit in the buffer; the cycles until they do are the stall, charged at that step boundary to
// the step that begins there (as cache cycles). A step whose writes came faster than the buffer
// drains, for longer than it can absorb, thus stalls for the excess, wherever in the step its
// stores were; a burst that the rest of its step covers does not. A read miss waits until the last
// buffered write that missed the cache has drained; it then goes on the bus ahead of the
// remaining buffered writes (all hits), and the model does not delay their draining by the fill's
// bus time (so it slightly underestimates the stalls that follow a read miss).

import type { SetAssoc } from './setassoc.js';

/** Bytes one entry holds: one bus write of the i486's 32-bit data bus. */
const ENTRY_BYTES = 4;

export class WriteBuffer {
  /** The processor's clock (busy cycles); the owner of the hardware sets it. Without one the buffer never stalls. */
  clock: (() => number) | null = null;
  /** When the last buffered write will have drained. */
  private free = 0;
  /** When the last buffered write that missed the cache will have drained (a read miss waits for it). */
  private missFree = 0;
  /** The clock at the start of the step being priced, and the stall cycles charged in it so far. */
  private step = -1;
  private charged = 0;
  /** Writes buffered, cycles stalled on a full buffer, cycles read misses waited for buffered writes. */
  writes = 0;
  stallCycles = 0;
  waitCycles = 0;

  constructor(
    readonly entries: number,
    readonly drainCycles: number,
  ) {}

  /**
   * A reference through the nearest cache: settle the step before (its writes must fit in the
   * buffer now), and buffer this reference's writes if it writes (`near` is the cache it writes
   * through; lines first..last, bytes long). Returns the stall cycles to charge now.
   */
  access(near: SetAssoc | null, first: number, last: number, bytes: number): number {
    if (this.clock === null) return 0;
    const t = this.clock();
    let stall = 0;
    if (t !== this.step) {
      this.step = t;
      this.charged = 0;
      stall = Math.max(0, this.free - t - this.entries * this.drainCycles);
      this.charged = stall;
      this.stallCycles += stall;
    }
    if (near !== null) {
      const n = Math.ceil(bytes / ENTRY_BYTES);
      let miss = false;
      for (let l = first; l <= last && !miss; l++) miss = !near.contains(l);
      this.free = Math.max(this.free, t + this.charged) + n * this.drainCycles;
      if (miss) this.missFree = this.free;
      this.writes += n;
    }
    return stall;
  }

  /** A read miss about to fill a line: returns the cycles it waits for buffered writes. */
  fill(): number {
    if (this.clock === null) return 0;
    const now = this.step + this.charged;
    const wait = Math.max(0, this.missFree - now);
    this.charged += wait;
    this.waitCycles += wait;
    return wait;
  }
}
