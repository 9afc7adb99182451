// The i486's pseudo-LRU replacement (sim/hw/plru.ts) against Intel's rules, worked by hand, and the
// write buffer (sim/hw/write-buffer.ts): stalls only when full, read misses wait for buffered misses.

import { describe, expect, it } from 'vitest';
import { produce } from 'immer';
import { Hardware, SetAssoc, instr, step, write, read } from '../sim/hw/index.js';
import { plruChoice, plruTouch } from '../sim/hw/plru.js';
import { WriteBuffer } from '../sim/hw/write-buffer.js';
import { validateMachine } from '../sim/hw/machine-schema.js';
import { i486dx50 } from '../machines/i486-dx50.js';

// Bits as B0 | B1 << 1 | B2 << 2.
const bits = (b0: number, b1: number, b2: number) => b0 | (b1 << 1) | (b2 << 2);

describe('i486 pseudo-LRU bits', () => {
  it('an access points the bits away from the line it used (L0: B0=1 B1=1; L1: B0=1 B1=0; L2: B0=0 B2=1; L3: B0=0 B2=0)', () => {
    for (const from of [0, 7, bits(0, 1, 0), bits(1, 0, 1)]) {
      const b1 = (from >> 1) & 1;
      const b2 = (from >> 2) & 1;
      expect(plruTouch(from, 0)).toBe(bits(1, 1, b2));
      expect(plruTouch(from, 1)).toBe(bits(1, 0, b2));
      expect(plruTouch(from, 2)).toBe(bits(0, b1, 1));
      expect(plruTouch(from, 3)).toBe(bits(0, b1, 0));
    }
  });

  it('chooses by the flowchart: B0 = 0 picks L0/L1 by B1, B0 = 1 picks L2/L3 by B2', () => {
    expect(plruChoice(bits(0, 0, 0))).toBe(0);
    expect(plruChoice(bits(0, 0, 1))).toBe(0);
    expect(plruChoice(bits(0, 1, 0))).toBe(1);
    expect(plruChoice(bits(0, 1, 1))).toBe(1);
    expect(plruChoice(bits(1, 0, 0))).toBe(2);
    expect(plruChoice(bits(1, 1, 0))).toBe(2);
    expect(plruChoice(bits(1, 0, 1))).toBe(3);
    expect(plruChoice(bits(1, 1, 1))).toBe(3);
  });
});

describe('a 4-way set under plru3', () => {
  // One set of four ways: key k's slot is its way.
  const set = () => new SetAssoc(4, 4, 'plru3');
  const way = (a: SetAssoc, key: number) => Array.from(a.keys).indexOf(key);

  it('fills invalid lines first, L0 to L3, then replaces the line the bits choose', () => {
    const a = set();
    for (const k of [10, 11, 12, 13]) expect(a.access(k)).toBe(false);
    expect([10, 11, 12, 13].map((k) => way(a, k))).toEqual([0, 1, 2, 3]);
    // After L0, L1, L2, L3: B0 = 0 (L3 last), B1 = 0 (L1 after L0), B2 = 0 (L3 after L2): L0 goes.
    expect(a.access(14)).toBe(false);
    expect(way(a, 14)).toBe(0);
    expect(a.contains(10)).toBe(false);
    // The fill of L0 set B0 = 1: the pair L2/L3, B2 = 0: L2 goes.
    expect(a.access(15)).toBe(false);
    expect(way(a, 15)).toBe(2);
    expect(a.contains(12)).toBe(false);
  });

  it('differs from LRU: after uses L0, L2, L3, L1 it replaces L2, where LRU would replace L0', () => {
    const a = set();
    const lru = new SetAssoc(4, 4);
    for (const k of [10, 11, 12, 13, 10, 12, 13, 11]) {
      a.access(k);
      lru.access(k);
    }
    // Bits: L1 last set B0 = 1, B1 = 0; L3 after L2 left B2 = 0: L2.
    a.access(14);
    lru.access(14);
    expect(way(a, 14)).toBe(2);
    expect(a.contains(10)).toBe(true);
    expect(a.contains(12)).toBe(false);
    expect(lru.contains(10)).toBe(false);
    expect(lru.contains(12)).toBe(true);
  });

  it('a line dropped from a full set is the next one filled, whatever the bits say', () => {
    const a = set();
    for (const k of [10, 11, 12, 13]) a.access(k);
    expect(a.drop(13)).toBe(true);
    a.access(14);
    expect(way(a, 14)).toBe(3);
  });

  it('hitRun and accessAt update the bits as access does', () => {
    const a = set();
    const b = set();
    for (const k of [0, 1, 2, 3]) {
      a.access(k);
      b.access(k);
    }
    // Keys 0..3 are in one set (one set only): hits 0 and 2 in a run, and via a hint.
    expect(a.hitRun(2, 3)).toBe(4);
    b.accessAt(2, 2);
    b.accessAt(3, 3);
    a.access(9);
    b.access(9);
    expect(Array.from(a.keys)).toEqual(Array.from(b.keys));
    expect(a.hits).toBe(b.hits);
  });

  it('only a 4-way array takes plru3', () => {
    expect(() => new SetAssoc(8, 2, 'plru3')).toThrow(/4 ways/);
    const bad = produce(i486dx50, (m) => {
      m.cache.l2!.replacement = 'plru3';
    });
    expect(validateMachine(bad).map((p) => p.path)).toEqual(['cache.l2.replacement']);
  });
});

describe('write buffer', () => {
  // A cache the writes go through: lines 0..7 present, others absent.
  const cache = () => {
    const a = new SetAssoc(64, 4);
    for (let l = 0; l < 8; l++) a.access(l);
    return a;
  };

  it('stalls a step only when the writes still waiting at its start overflow the buffer', () => {
    const wb = new WriteBuffer(4, 2);
    let t = 0;
    wb.clock = () => t;
    // Step 1 at 0 writes 40 bytes (10 entries, draining until 20).
    expect(wb.access(cache(), 0, 2, 40)).toBe(0);
    // Step 2 starts at 5: 7.5 entries still wait, 4 fit: stall until 20 - 4 × 2 = 12.
    t = 5;
    expect(wb.access(null, 0, 0, 4)).toBe(7);
    // Same step, another reference: nothing more.
    expect(wb.access(null, 0, 0, 4)).toBe(0);
    // Step 3 at 12 (5 + 7 stalled): exactly full, no stall.
    t = 12;
    expect(wb.access(null, 0, 0, 4)).toBe(0);
    expect(wb.stallCycles).toBe(7);
    expect(wb.writes).toBe(10);
  });

  it('a step that drains as fast as it writes never stalls', () => {
    const wb = new WriteBuffer(4, 4);
    let t = 0;
    wb.clock = () => t;
    // 256 entries a step, each step 1024 cycles long (a copy at 1 cycle/byte with a 4-cycle drain).
    for (let i = 0; i < 10; i++, t += 1024) expect(wb.access(cache(), 0, 63, 1024)).toBe(0);
  });

  it('a read miss waits for buffered writes only when one of them missed the cache', () => {
    const wb = new WriteBuffer(4, 3);
    const c = cache();
    let t = 0;
    wb.clock = () => t;
    wb.access(c, 0, 0, 8); // two write hits: draining until 6
    expect(wb.fill()).toBe(0); // the fill goes ahead of them
    t = 1;
    wb.access(c, 20, 20, 4); // a write miss behind the hits: drained at 6 + 3
    expect(wb.fill()).toBe(9 - 1);
    expect(wb.waitCycles).toBe(8);
  });

  it('without a clock (no hardware around it) the buffer never stalls', () => {
    const wb = new WriteBuffer(1, 100);
    expect(wb.access(cache(), 0, 7, 128)).toBe(0);
    expect(wb.fill()).toBe(0);
  });

  it('through the hardware: a step of 16 stores stalls the next step for what the buffer cannot hold', () => {
    const drain = 10;
    const m = produce(i486dx50, (d) => {
      d.cache.l1!.writeBuffer = 4;
      d.cache.l1!.writeDrainCycles = drain;
    });
    expect(validateMachine(m)).toEqual([]);
    const run = (desc: typeof m) => {
      const hw = new Hardware(desc, null);
      const cpu = hw.cpus[0];
      const page = hw.kernel.page('data');
      const first = cpu.exec(step('stores', [instr('st', 16), write(page, 0, 64)]), 'k');
      const second = cpu.exec(step('store', [instr('st'), write(page, 128, 4)]), 'k');
      const third = cpu.exec(step('load', [instr('ld'), read(page, 0, 4)]), 'k');
      return { first, second, third, wb: cpu.caches.writeBuffer };
    };
    const none = run(
      produce(m, (d) => {
        delete d.cache.l1!.writeBuffer;
        delete d.cache.l1!.writeDrainCycles;
      }),
    );
    const buffered = run(m);
    expect(none.wb).toBeNull();
    expect(buffered.first).toBe(none.first);
    // 16 entries drain over 160 cycles from the step's start; at its end 4 may still wait.
    const stall = Math.max(0, 16 * drain - buffered.first - 4 * drain);
    expect(stall).toBeGreaterThan(0);
    expect(buffered.second).toBe(none.second + stall);
    // The third step's read misses (writes do not allocate): it waits until the 17th write, a
    // miss too, has drained at 170.
    const t3 = buffered.first + buffered.second;
    expect(t3).toBeLessThan(170);
    expect(buffered.third).toBe(none.third + (170 - t3));
    expect(buffered.wb!.stallCycles + buffered.wb!.waitCycles).toBe(stall + 170 - t3);
  });

  it('is refused where the model has no write-through nearest cache for it', () => {
    const onL2 = produce(i486dx50, (d) => {
      d.cache.l2!.writeBuffer = 4;
      d.cache.l2!.writeDrainCycles = 2;
    });
    expect(validateMachine(onL2).map((p) => p.path)).toEqual(['cache.l2.writeBuffer']);
    const half = produce(i486dx50, (d) => {
      delete d.cache.l1!.writeDrainCycles;
    });
    expect(validateMachine(half).map((p) => p.path)).toEqual(['cache.l1.writeBuffer']);
  });
});
