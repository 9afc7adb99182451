import { describe, expect, it } from 'vitest';
import { produce } from 'immer';
import { Simulation, type Body } from '../sim/engine/index.js';
import { Hardware, SetAssoc, TasLock, instr, loadContext, read, step, write, CodeArea, inIsa, makeStep, PhysicalMemory, Space } from '../sim/hw/index.js';
import { loopStep } from '../sim/os/mach/mix.js';
import { CodeMap } from '../kernels/l3/code.js';
import { i486dx50 } from '../machines/i486-dx50.js';
import { machines } from '../machines/index.js';

describe('set-associative array', () => {
  it('replaces the least recently used way of a set', () => {
    const a = new SetAssoc(4, 2); // 2 sets of 2 ways
    expect(a.access(0)).toBe(false);
    expect(a.access(2)).toBe(false); // same set as 0
    expect(a.access(0)).toBe(true); // 0 is now most recent
    expect(a.access(4)).toBe(false); // evicts 2
    expect(a.contains(0)).toBe(true);
    expect(a.contains(2)).toBe(false);
    expect(a.hits).toBe(1);
    expect(a.misses).toBe(3);
  });

  it('keeps its occupancy as keys come and go (every way of filling, dropping and flushing)', () => {
    for (const ways of [1, 2, 4]) {
      const a = new SetAssoc(16, ways);
      const scan = () => Array.from(a.keys).filter((k) => k >= 0).length;
      let x = 7;
      for (let i = 0; i < 2000; i++) {
        x = (x * 1103515245 + 12345) % 2147483648;
        const key = x % 40;
        const op = (x >> 8) % 10;
        if (op < 4) a.access(key);
        else if (op < 6) a.accessAt(key, x % 16);
        else if (op < 7 && a.hitRun(key, key + 3) <= key + 3 && !a.contains(a.hitRun(key, key + 3))) a.fillAbsent(a.hitRun(key, key + 3));
        else if (op < 8) a.drop(key);
        else if (op < 9 && i % 50 === 0) a.flush();
        else a.invalidate((k) => k % 7 === key % 7);
        expect(a.occupied).toBe(scan());
      }
    }
  });
});

  it('starts empty on arrays shared until its first fill, and one array\'s fills never show in another', () => {
    for (const [ways, repl] of [[1, 'lru'], [2, 'lru'], [4, 'plru3']] as const) {
      const a = new SetAssoc(16, ways, repl);
      const b = new SetAssoc(16, ways, repl);
      const c = new SetAssoc(16, ways, repl);
      c.flush(); // flushing an array never filled is harmless
      expect(a.keys).toBe(b.keys); // both still on the shared empty keys
      a.access(3);
      a.fillAbsent(5);
      expect(a.keys).not.toBe(b.keys);
      for (const k of [3, 5]) {
        expect(a.contains(k)).toBe(true);
        expect(b.contains(k)).toBe(false);
        expect(c.contains(k)).toBe(false);
      }
      expect(b.access(3)).toBe(false);
      expect(Array.from(c.keys).every((k) => k === -1)).toBe(true);
      expect([a.occupied, b.occupied, c.occupied]).toEqual([2, 1, 0]);
      expect(new SetAssoc(16, ways, repl).contains(3)).toBe(false);
    }
  });

describe('TLB', () => {
  const twoSpaces = (tagged: boolean) => {
    const m = produce(i486dx50, (d) => {
      d.tlb.tagged = tagged;
    });
    const hw = new Hardware(m, null);
    const a = hw.space('A');
    const b = hw.space('B');
    return { hw, a, b, cpu: hw.cpus[0], pa: a.page('data'), pb: b.page('data'), k: hw.kernel.page('kernel data') };
  };

  it('is flushed by an address-space switch when untagged', () => {
    const { cpu, a, b, pa, k } = twoSpaces(false);
    cpu.load(a);
    expect(cpu.translate(pa)).toBe(false);
    expect(cpu.translate(pa)).toBe(true);
    expect(cpu.translate(k)).toBe(false);
    cpu.load(b);
    cpu.load(a);
    expect(cpu.translate(pa)).toBe(false);
    expect(cpu.translate(k)).toBe(false);
  });

  it('keeps entries of other contexts when tagged', () => {
    const { cpu, a, b, pa, pb } = twoSpaces(true);
    cpu.load(a);
    cpu.translate(pa);
    cpu.load(b);
    cpu.translate(pb);
    cpu.load(a);
    expect(cpu.translate(pa)).toBe(true);
    cpu.load(b);
    expect(cpu.translate(pb)).toBe(true);
  });

  it('charges the miss penalty to the step that missed', () => {
    const { hw, cpu, a, pa } = twoSpaces(false);
    const code = new CodeArea(hw.kernel.page('code'), 3);
    const s = step('touch', [instr('ld'), read(pa, 0x100)], code);
    cpu.load(a);
    const first = cpu.exec(s, 'x');
    const second = cpu.exec(s, 'x');
    // First: two TLB misses (code, data) and two cache misses (code line, data line) from L1 and L2.
    const miss = i486dx50.cache.l1!.missCycles + i486dx50.cache.l2!.missCycles;
    expect(first).toBe(1 + 2 * i486dx50.tlb.missCycles + 2 * miss);
    expect(second).toBe(1);
  });

  it('re-translates the code right after loading a context', () => {
    const { hw, cpu, a, b } = twoSpaces(false);
    const code = new CodeArea(hw.kernel.page('code'), 3);
    const s = step('switch', [loadContext(b)], code);
    cpu.load(a);
    cpu.exec(s, 'x'); // warm caches
    cpu.load(a);
    const misses = cpu.tlb.misses;
    cpu.exec(s, 'x');
    // Fetching the code before the switch and again after it: two misses (untagged, flushed).
    expect(cpu.tlb.misses - misses).toBe(2);
  });
});

describe('cache', () => {
  it('counts hits, misses and flushes', () => {
    const hw = new Hardware(i486dx50, null);
    const cpu = hw.cpus[0];
    const p = hw.space('A').page('buffer', 4);
    const l1 = cpu.caches.data[0].array;
    const s = step('read 64 bytes', [read(p, 0, 64)]);
    cpu.exec(s, 'x');
    expect(l1.misses).toBe(4); // four 16-byte lines
    cpu.exec(s, 'x');
    expect(l1.hits).toBe(4);
    cpu.caches.flush();
    cpu.exec(s, 'x');
    expect(l1.misses).toBe(8);
  });

  it('a direct-mapped cache counts a resident span as hits until a line of it leaves (a snooped invalidation)', () => {
    const firefly = machines.find((m) => m.id === 'firefly-cvax')!;
    const hw = new Hardware(firefly, null);
    const cpu = hw.cpus[0];
    const p = hw.space('A').page('buffer', 1);
    const l1 = cpu.caches.data[0].array;
    const s = step('read 64 bytes', [read(p, 0, 64)]);
    cpu.exec(s, 'x');
    expect(l1.misses).toBe(16); // sixteen 4-byte lines
    cpu.exec(s, 'x');
    cpu.exec(s, 'x');
    expect([l1.misses, l1.hits]).toEqual([16, 32]);
    // Another processor's write takes one line away: the next read misses it, and only it.
    const line = (p.pfn * firefly.pageBytes) / 4 + 5;
    expect(l1.drop(line)).toBe(true);
    cpu.exec(s, 'x');
    expect([l1.misses, l1.hits]).toEqual([17, 47]);
    cpu.exec(s, 'x');
    expect([l1.misses, l1.hits]).toEqual([17, 63]);
  });

  it('does not allocate on a write miss in a write-through cache', () => {
    const hw = new Hardware(i486dx50, null);
    const cpu = hw.cpus[0];
    const p = hw.space('A').page('buffer');
    cpu.exec(step('write', [write(p, 0, 16)]), 'x');
    expect(cpu.caches.data[0].array.contains(p.pfn * 4096 / 16)).toBe(false);
  });

  it('misses more when a working set exceeds the cache', () => {
    const hw = new Hardware(i486dx50, null);
    const cpu = hw.cpus[0];
    const small = hw.space('A').page('small', 1);
    const big = hw.space('A').page('big', 4);
    const l1 = cpu.caches.data[0].array;
    const sweep = (p: typeof small, bytes: number) => step('sweep', [read(p, 0, bytes)]);
    cpu.exec(sweep(small, 4096), 'x');
    const m0 = l1.misses;
    cpu.exec(sweep(small, 4096), 'x');
    expect(l1.misses).toBe(m0); // 4 KB fits in 8 KB
    cpu.exec(sweep(big, 16384), 'x');
    const m1 = l1.misses;
    cpu.exec(sweep(big, 16384), 'x');
    expect(l1.misses - m1).toBe(1024); // 16 KB does not: every line misses again
  });
});

describe('test-and-set locks', () => {
  it('delay a second acquirer by the holder\'s critical section plus its own test-and-set', () => {
    const sim = new Simulation();
    const lock = new TasLock(sim, 'channel lock', i486dx50);
    const got: Record<string, number> = {};
    sim.spawn(
      (function* (): Body {
        yield* lock.acquire();
        got.first = sim.now;
        yield 100;
        lock.release();
      })(),
      'first',
    );
    sim.spawn(
      (function* (): Body {
        yield 1;
        yield* lock.acquire();
        got.second = sim.now;
        lock.release();
      })(),
      'second',
    );
    sim.run();
    const tas = i486dx50.bus.tasCycles;
    expect(got.first).toBe(tas);
    expect(got.second).toBe(tas + 100);
    expect(lock.contended).toBe(1);
  });

  it('do not wait when they do not spin', () => {
    const sim = new Simulation();
    const lock = new TasLock(sim, 'channel lock', i486dx50);
    const won: boolean[] = [];
    const p = (delay: number) =>
      function* (this: void): Body {
        yield delay;
        const self = { name: 'x', value: undefined as unknown };
        won.push(yield* lock.tryAcquire(self));
      };
    sim.spawn(p(0)(), 'a');
    sim.spawn(p(1)(), 'b');
    sim.run();
    expect(won).toEqual([true, false]);
    expect(sim.now).toBe(1 + i486dx50.bus.tasCycles);
  });
});

describe('object shapes on the reference path', () => {
  // The processor reads steps and pages on every executed step; objects of one kind with different
  // fields, or the same fields in another order, make those reads megamorphic once a process has
  // run several kernels (later runs were up to 3.5x slower than in a fresh process).
  it('gives steps and pages every field in one order, however they are built', () => {
    const phys = new PhysicalMemory();
    const user = new Space(1, 'user', phys, 16);
    const kernel = new Space(0, 'kernel', phys, 4096, true);
    const page = user.page('code');
    const pages = [page, kernel.page('stack', 1, true), kernel.page('table'), user.share('channel', kernel.page('buffer'))];
    for (const p of pages) expect(Object.keys(p)).toEqual(Object.keys(pages[0]));
    const work = [instr('alu', 3), read(page, 0, 4)];
    const steps = [
      step('plain', work),
      step('with code', work, new CodeArea(page, 3)),
      inIsa('x86', step('ported', work)),
      makeStep('made', work, undefined),
      loopStep('loop', work, page, 0, 64),
      new CodeMap(page).step('l3', work),
    ];
    for (const s of steps) expect(Object.keys(s)).toEqual(Object.keys(steps[0]));
  });
});
