// URPC on the simulated C-VAX Firefly: the breakdown comes from labelled steps, the footnote-1
// optimisation and lock contention emerge from the simulated threads and locks, reallocation goes
// through the kernel, and the Figure 1 scenario donates one processor for both pending calls.

import { describe, expect, it } from 'vitest';
import { simulate, UsageError } from '../workloads/run.js';
import { figure1Facts } from '../workloads/urpc/figure1.js';
import { figure1Run } from '../workloads/urpc/experiments.js';

const run = (T: number, C: number, S: number, set: string[] = [], calls = 1500) =>
  simulate({ machine: 'firefly', kernel: 'urpc', T, C, S, calls, set });
const side = (r: ReturnType<typeof run>, s: string, steps: string[]) =>
  r.result.breakdown.filter((b) => b.side === s && steps.includes(b.step)).reduce((a, b) => a + b.us, 0);
const stat = (r: ReturnType<typeof run>, name: string) => (r.result.stats.find((s) => s.name === name)?.value ?? 0) / r.result.calls;

describe('URPC null call', () => {
  it('breaks a call into send, poll, receive and dispatch on each side, 148 instructions in all', () => {
    const r = run(2, 1, 1);
    for (const s of ['client', 'server']) {
      for (const step of ['send', 'poll', 'receive', 'dispatch']) expect(side(r, s, [step]), `${s} ${step}`).toBeGreaterThan(4);
    }
    const instructions = r.result.breakdown.filter((b) => b.step !== 'idle').reduce((a, b) => a + b.instructions, 0);
    expect(instructions).toBeCloseTo(148, 1);
    expect(stat(r, 'kernel.traps')).toBe(0);
  });

  it('is deterministic: same inputs, same result', () => {
    const a = run(3, 2, 2, [], 500);
    const b = run(3, 2, 2, [], 500);
    expect(JSON.stringify(a.result)).toBe(JSON.stringify(b.result));
  });

  it('keeps the caller context loaded only when nothing else is ready (footnote 1)', () => {
    const on = run(1, 1, 1);
    const off = run(1, 1, 1, ['kernel.keepContextLoaded=false']);
    // Both the client's save and its restore go, but only the restore (11 instructions, 7.9 µs) lies
    // on the round trip's critical path: the save overlaps the server's work.
    expect(off.result.latencyUs.mean - on.result.latencyUs.mean).toBeGreaterThan(5);
    expect(off.result.latencyUs.mean - on.result.latencyUs.mean).toBeLessThan(10);
    expect(side(off, 'client', ['dispatch']) - side(on, 'client', ['dispatch'])).toBeCloseTo(15.1, 0);
    const t2on = run(2, 1, 1);
    const t2off = run(2, 1, 1, ['kernel.keepContextLoaded=false']);
    expect(Math.abs(t2on.result.throughputPerSec / t2off.result.throughputPerSec - 1)).toBeLessThan(0.02);
  });

  it('pipelines two threads across a client and a server processor', () => {
    const one = run(1, 1, 1);
    const two = run(2, 1, 1);
    expect(two.result.throughputPerSec / one.result.throughputPerSec).toBeGreaterThan(1.5);
    // Little's law in a closed loop: T threads, each waiting its latency.
    expect((two.result.latencyUs.mean * two.result.throughputPerSec) / 1e6).toBeCloseTo(2, 1);
  });

  it('slows at C = S = 2 through contention for the channel locks, not by a factor', () => {
    const one = run(10, 1, 1);
    const four = run(10, 2, 2);
    expect(stat(four, 'urpc.send.lockWaits') + stat(four, 'urpc.receive.lockBusy')).toBeGreaterThan(1);
    expect(four.result.throughputPerSec).toBeLessThan(2 * one.result.throughputPerSec);
    // Two independent pairs on their own channels do scale.
    const pairs = run(20, 1, 1, ['kernel.scenario=pairs']);
    expect(pairs.result.throughputPerSec / one.result.throughputPerSec).toBeGreaterThan(1.9);
  });

  it('passes arguments at about one µs per word', () => {
    const none = run(1, 1, 1);
    const words = simulate({ machine: 'firefly', kernel: 'urpc', T: 1, C: 1, S: 1, calls: 1500, bytes: 400 });
    const perWord = (words.result.latencyUs.mean - none.result.latencyUs.mean) / 100;
    expect(perWord).toBeGreaterThan(0.8);
    expect(perWord).toBeLessThan(1.3);
  });
});

describe('URPC processor reallocation', () => {
  it('donates the client processor to a server without one, and gets it back, through the kernel', () => {
    const r = run(1, 1, 0);
    expect(stat(r, 'reallocations')).toBe(2);
    expect(stat(r, 'kernel.traps')).toBe(2);
    expect(side(r, 'kernel', ['donate: trap', 'donate: reallocate', 'donate: upcall'])).toBeGreaterThan(150);
  });

  it('amortises one donation over every outstanding call', () => {
    expect(stat(run(4, 1, 0), 'reallocations')).toBeCloseTo(0.5, 6);
  });

  it('forces a reallocation per call when asked, even with other threads ready', () => {
    expect(stat(run(2, 1, 0, ['kernel.forceReallocation=true']), 'reallocations')).toBeCloseTo(2, 6);
  });

  it('plays Figure 1: one donation to the file cache manager serves both pending calls', () => {
    const { timeline } = figure1Run();
    const f = figure1Facts(timeline);
    expect(f.initial).toEqual({ 'cpu 0': 'editor', 'cpu 1': 'WinMgr' });
    expect(f.donations.map((d) => `${d.from}->${d.to}`)).toEqual(['editor->FCMgr']);
    expect(f.returns.map((d) => `${d.from}->${d.to}`)).toEqual(['FCMgr->editor']);
    expect(f.receivedPerDonation).toEqual([2]);
    expect(f.fcmgrOnlyOnDonated).toBe(true);
    const trace = timeline.toChromeTrace();
    expect(trace.traceEvents.some((e) => (e as { name?: string }).name?.startsWith('donate processor'))).toBe(true);
  });
});

describe('kernels around URPC', () => {
  it('LRPC traps twice and reallocates twice per call, with no scheduling step', () => {
    const r = simulate({ machine: 'firefly', kernel: 'lrpc', calls: 500 });
    expect(r.result.breakdown.find((b) => b.step === 'trap')?.count).toBe(2);
    expect(r.result.breakdown.find((b) => b.step === 'reallocate')?.count).toBe(2);
    expect(r.result.breakdown.some((b) => /dispatch|decide/.test(b.step))).toBe(false);
  });

  it('SRC RPC runs slower on the MicroVAX II Firefly than on the C-VAX one', () => {
    const c = simulate({ machine: 'firefly', kernel: 'src-rpc', calls: 300 });
    const m = simulate({ machine: 'firefly-microvax2', kernel: 'src-rpc', calls: 300 });
    expect(m.result.latencyUs.mean / c.result.latencyUs.mean).toBeGreaterThan(1.8);
  });

  it('Taos threads pay a trap where FastThreads pay a procedure call', () => {
    const ft = simulate({ machine: 'firefly', kernel: 'urpc', workload: 'thread-yield', C: 1, S: 0, calls: 300 });
    const taos = simulate({ machine: 'firefly', kernel: 'taos', workload: 'thread-yield', calls: 300 });
    expect(1e6 / taos.result.throughputPerSec - 1e6 / ft.result.throughputPerSec).toBeCloseTo(20, 0);
  });

  it('rejects what the machine cannot run, naming the limit', () => {
    expect(() => run(1, 3, 2)).toThrow(UsageError);
    expect(() => run(1, 3, 2)).toThrow(/4 processors/);
    expect(() => run(2, 1, 1, ['kernel.scenario=pairs', 'kernel.keepContextLoaded=true'], 10)).not.toThrow();
    expect(() => simulate({ machine: 'firefly', kernel: 'lrpc', T: 2, C: 1 })).toThrow(/own processor/);
  });
});
