// L3 inside a running system: the clock and its wake-up lists, a paced client, lazy queue updates,
// and several clients polling one server.

import { describe, expect, it } from 'vitest';
import { simulate } from '../workloads/run.js';

const stats = (set: string[], calls = 500, T = 1) => {
  const r = simulate({ machine: 'i486-dx50', kernel: 'l3', bytes: 8, T, calls, set }).result;
  const s = new Map(r.stats.map((x) => [x.name, x.value]));
  const seconds = r.calls / r.throughputPerSec;
  return { get: (n: string) => s.get(n) ?? NaN, seconds, ipcUs: r.latencyUs.mean / 2 };
};

describe('L3 clock and wake-up lists', () => {
  it('inspects one list in eight per 4 ms tick: 50 of 400 waiting threads', () => {
    const s = stats(['kernel.clockTickMs=4', 'kernel.sleepingThreads=400'], 3000);
    expect(s.get('l3.clockTicks')).toBeGreaterThan(3);
    expect(s.get('l3.wakeupInspections') / s.get('l3.clockTicks')).toBe(50);
  });

  it('does not change the back-to-back ping-pong beyond the clock\'s own share', () => {
    const plain = stats([], 2000).ipcUs;
    const clocked = stats(['kernel.clockTickMs=4'], 2000).ipcUs;
    expect(clocked).toBeGreaterThanOrEqual(plain);
    expect(clocked / plain).toBeLessThan(1.01);
  });

  it('paces the client: 2 IPCs per call and a sleep per tick', () => {
    const s = stats(['kernel.clockTickMs=4', 'kernel.rpcsPerTick=4'], 200);
    const ticks = s.get('l3.clockTicks');
    expect(s.get('l3.sleeps')).toBeGreaterThanOrEqual(ticks - 1);
    expect(s.get('l3.ipcs') / ticks).toBeCloseTo(9, 0);
    expect(s.get('l3.invariantViolations')).toBe(0);
  });

  it('updates the queues less often per IPC as the rate rises (lazy scheduling)', () => {
    const ratio = (k: number) => {
      const s = stats(['kernel.clockTickMs=4', `kernel.rpcsPerTick=${k}`], k * 20);
      return s.get('l3.ipcs') / s.get('l3.lazyQueueUpdates');
    };
    expect(ratio(20)).toBeGreaterThan(ratio(3));
    expect(ratio(3)).toBeGreaterThan(ratio(1));
  });

  it('needs a clock to pace the client', () => {
    expect(() => stats(['kernel.rpcsPerTick=4'])).toThrow(/needs a clock/);
  });
});

describe('L3 with several clients', () => {
  it('never polls when the server does no work between requests', () => {
    const s = stats(['kernel.clockTickMs=4'], 3000, 3);
    expect(s.get('l3.polls')).toBe(0);
  });

  it('polls a busy server, takes the poller first, and serves every client', () => {
    const s = stats(['kernel.clockTickMs=4', 'kernel.serverWorkUs=100'], 3000, 3);
    expect(s.get('l3.polls')).toBeGreaterThan(0);
    expect(s.get('l3.pollersServedFirst')).toBe(s.get('l3.polls'));
    for (const n of ['A', 'A2', 'A3']) expect(s.get(`l3.calls.${n}`)).toBeGreaterThan(500);
  });

  it('needs the full path and a clock for several clients', () => {
    expect(() => simulate({ machine: 'i486-dx50', kernel: 'l3', T: 2, calls: 10, set: ['kernel.path=minimal'] })).toThrow(/one client thread/);
    expect(() => simulate({ machine: 'i486-dx50', kernel: 'l3', T: 2, calls: 10 })).toThrow(/clock for timeslices/);
  });
});
