// The cache hierarchy of one processor: physically indexed set-associative caches (LRU, or the
// i486's pseudo-LRU where declared), nearest first, and the nearest data cache's write buffer
// where declared (write-buffer.ts). A reference to a line costs the miss penalty of every level
// it misses (the last level's penalty is the fill from main memory).

import type { BusPort } from './bus.js';
import type { CacheDesc, MachineDesc } from './machine.js';
import { SetAssoc } from './setassoc.js';
import { WriteBuffer } from './write-buffer.js';

export class CacheLevel {
  readonly array: SetAssoc;
  /**
   * The description's numbers the reference path reads, copied into this class's own fields:
   * machines' descriptions differ in shape (optional fields), so reading them from the
   * description in a process that has run several machines is a megamorphic lookup.
   */
  readonly lineBytes: number;
  readonly missCycles: number;
  readonly writeAllocate: boolean;
  constructor(
    readonly name: string,
    readonly desc: CacheDesc,
  ) {
    this.array = new SetAssoc(desc.sizeBytes / desc.lineBytes, desc.ways, desc.replacement);
    this.lineBytes = desc.lineBytes;
    this.missCycles = desc.missCycles;
    this.writeAllocate = desc.writeAllocate;
  }
}

export interface CacheResult {
  cycles: number;
  misses: number;
}

export class CacheHierarchy {
  /** Levels an instruction fetch goes through, and levels a data reference goes through. */
  readonly code: CacheLevel[];
  readonly data: CacheLevel[];
  readonly all: CacheLevel[];
  /** The shared bus, on a machine that models one (bus.ts): fills and shared writes go through it. */
  port: BusPort | null = null;
  /** The nearest data cache's write buffer, when the machine declares one (write-buffer.ts). */
  readonly writeBuffer: WriteBuffer | null;

  constructor(m: MachineDesc) {
    const c = m.cache;
    const l2 = c.l2 ? new CacheLevel('l2', c.l2) : null;
    const l1 = c.l1 ? new CacheLevel('l1', c.l1) : null;
    const l1i = c.l1i ? new CacheLevel('l1i', c.l1i) : l1;
    const l1d = c.l1d ? new CacheLevel('l1d', c.l1d) : l1;
    this.code = [l1i, l2].filter((x): x is CacheLevel => x !== null);
    this.data = [l1d, l2].filter((x): x is CacheLevel => x !== null);
    this.all = [...new Set([l1, l1i, l1d, l2].filter((x): x is CacheLevel => x !== null))];
    const d = this.data[0]?.desc;
    this.writeBuffer = d?.writeBuffer !== undefined && d.writeDrainCycles !== undefined ? new WriteBuffer(d.writeBuffer, d.writeDrainCycles) : null;
  }

  /**
   * Reference the lines covering [addr, addr + bytes) through the given levels. Returns the extra
   * cycles the misses cost and how many line misses the nearest level saw.
   */
  access(levels: CacheLevel[], addr: number, bytes: number, write: boolean, out: CacheResult): void {
    if (levels.length === 0 || bytes <= 0) {
      out.cycles = 0;
      out.misses = 0;
      return;
    }
    const line = levels[0].lineBytes;
    this.accessLines(levels, Math.floor(addr / line), Math.floor((addr + bytes - 1) / line), bytes, write, out);
  }

  /**
   * As access, with the range given as the nearest level's line numbers first..last (resolved once
   * per step by the processor); bytes <= 0 references nothing.
   */
  accessLines(levels: CacheLevel[], first: number, last: number, bytes: number, write: boolean, out: CacheResult): void {
    out.cycles = 0;
    out.misses = 0;
    if (levels.length === 0 || bytes <= 0) return;
    const line = levels[0].lineBytes;
    const near = levels[0].array;
    const sets = near.sets;
    const direct = near.ways === 1;
    const port = this.port;
    const wb = this.writeBuffer;
    if (wb !== null) out.cycles = wb.access(write ? near : null, first, last, bytes);
    // Without bus writes to make, runs of lines that hit the nearest cache go in one call.
    const runs = !(write && port !== null);
    for (let l = first; l <= last; l++) {
      if (runs) {
        l = near.hitRun(l, last);
        if (l > last) break;
      } else if (direct && near.keys[l % sets] === l) {
        // Most references hit a direct-mapped nearest cache: test the slot without a call.
        near.hits++;
        out.cycles += port!.write(l * line);
        continue;
      }
      const a = l * line;
      let filled = false;
      for (let i = 0; i < levels.length; i++) {
        const lv = levels[i];
        const key = i === 0 ? l : Math.floor(a / lv.lineBytes);
        // hitRun stopped at l: it is known absent from the nearest level.
        const absent = i === 0 && runs;
        if (write && !lv.writeAllocate && (absent || !lv.array.contains(key))) {
          // Write-through without allocation: the write goes to the write buffer; nothing is filled.
          break;
        }
        if (absent) lv.array.fillAbsent(key);
        else if (lv.array.access(key)) break;
        if (i === 0) {
          out.misses++;
          if (wb !== null && !write) out.cycles += wb.fill();
        }
        out.cycles += lv.missCycles;
        // The last level fills from memory over the bus.
        if (port !== null && i === levels.length - 1) {
          out.cycles += port.fill(lv.missCycles, a);
          filled = true;
        }
      }
      if (write && port !== null) out.cycles += port.write(a, filled);
    }
  }

  /** Invalidate every level, or only the on-chip ones (l1, l1i, l1d). */
  flush(onChipOnly = false): void {
    for (const lv of this.all) if (!onChipOnly || lv.name !== 'l2') lv.array.flush();
  }
}
