// The shared snoopy bus (sim/hw/bus.ts): reservation calendar, write-update traffic between
// processors sharing a line, and that machines without a modelled bus are priced as before.

import { describe, expect, it } from 'vitest';
import { produce } from 'immer';
import { Bus, Hardware, instr, read, step, write } from '../sim/hw/index.js';
import { fireflyCvax } from '../machines/firefly-cvax.js';

const noBus = produce(fireflyCvax, (d) => {
  d.bus.model = 'none';
});

function shared(m = fireflyCvax) {
  const hw = new Hardware(m, null);
  const a = hw.space('A');
  const page = a.page('channel');
  for (const cpu of hw.cpus) cpu.load(a);
  return { hw, page };
}

describe('bus calendar', () => {
  it('grants an idle bus at once and makes a second requester wait for the first', () => {
    const bus = new Bus();
    expect(bus.reserve(100, 10)).toBe(0);
    expect(bus.reserve(105, 10)).toBe(5);
    expect(bus.reserve(200, 4)).toBe(0);
    // A request before a later reservation fits into the gap if it is long enough.
    expect(bus.reserve(150, 4)).toBe(0);
    expect(bus.reserve(118, 40)).toBe(36); // the first 40-cycle gap opens at 154
    expect(bus.busyCycles).toBe(68);
    expect(bus.waitCycles).toBe(41);
  });

  it('forgets reservations that ended before the clock', () => {
    const bus = new Bus();
    let now = 0;
    bus.now = () => now;
    bus.reserve(0, 50);
    now = 60;
    expect(bus.reserve(60, 5)).toBe(0);
  });
});

describe('snoopy bus on a multiprocessor', () => {
  it('exists only when the machine asks for it and has more than one processor', () => {
    expect(new Hardware(fireflyCvax, null).bus).not.toBeNull();
    expect(new Hardware(noBus, null).bus).toBeNull();
    const uni = produce(fireflyCvax, (d) => {
      d.processors = 1;
    });
    expect(new Hardware(uni, null).bus).toBeNull();
  });

  it('adds nothing to a processor writing a line no other cache holds, uncontended', () => {
    const withBus = shared();
    const without = shared(noBus);
    const s = step('private', [instr('alu', 5), read(withBus.page, 0, 4), write(withBus.page, 0, 4)]);
    const t = step('private', [instr('alu', 5), read(without.page, 0, 4), write(without.page, 0, 4)]);
    for (let i = 0; i < 3; i++) expect(withBus.hw.cpus[0].exec(s, 'x')).toBe(without.hw.cpus[0].exec(t, 'x'));
    expect(withBus.hw.bus!.updates).toBe(0);
    expect(withBus.hw.bus!.waitCycles).toBe(0);
  });

  it('broadcasts writes to a line two processors share, and the writer stalls for them', () => {
    const { hw, page } = shared();
    const bus = hw.bus!;
    const r = step('poll', [read(page, 0, 4)]);
    const w = step('send', [write(page, 0, 4)]);
    hw.cpus[0].exec(w, 'x'); // private: the line is in cpu 0 only
    expect(bus.updates).toBe(0);
    hw.cpus[1].exec(r, 'x'); // now shared
    const before = bus.updates;
    const c = hw.cpus[0].exec(w, 'x');
    expect(bus.updates).toBe(before + 1);
    expect(c).toBeGreaterThanOrEqual(fireflyCvax.bus.updateCycles!);
    // The other copy was updated, not invalidated: the reader still hits.
    const misses = hw.cpus[1].caches.data[0].array.misses;
    hw.cpus[1].exec(r, 'x');
    expect(hw.cpus[1].caches.data[0].array.misses).toBe(misses);
  });

  it('delays the second of two processors needing the bus at the same time', () => {
    const { hw } = shared();
    const tas = step('test-and-set', [instr('interlocked')]);
    const one = hw.cpus[0].exec(tas, 'x');
    const two = hw.cpus[1].exec(tas, 'x');
    expect(one).toBe(fireflyCvax.costs.interlocked);
    expect(two).toBe(fireflyCvax.costs.interlocked + fireflyCvax.bus.tasCycles);
    expect(hw.bus!.interlocked).toBe(2);
  });
});
