// The --trace timeline: Chrome trace event JSON that Perfetto opens, with a track per processor,
// a slice per step carrying its thread, the same slices per thread, instants for marks, named
// tracks in natural order, and a count of what a full timeline had to drop.

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findKernel } from '../kernels/index.js';
import { findMachine } from '../machines/index.js';
import { instr, step } from '../sim/hw/index.js';
import { System } from '../sim/os/index.js';
import { Timeline } from '../sim/trace/timeline.js';
import { simulate } from '../workloads/run.js';
import { cli } from './support/cli.js';

interface Ev {
  ph: string;
  name: string;
  cat?: string;
  pid: number;
  tid: number;
  ts?: number;
  dur?: number;
  s?: string;
  args?: Record<string, unknown>;
}

/** Checks what Perfetto's JSON importer relies on; returns the events grouped by (pid, tid). */
function validate(trace: unknown): Map<string, Ev[]> {
  expect(trace).toBeTypeOf('object');
  const t = trace as { traceEvents: Ev[]; displayTimeUnit?: string };
  expect(Array.isArray(t.traceEvents)).toBe(true);
  expect(['ms', 'ns', undefined]).toContain(t.displayTimeUnit);
  const threadNames = new Set<string>();
  const processNames = new Set<number>();
  const tracks = new Map<string, Ev[]>();
  for (const e of t.traceEvents) {
    expect(['M', 'X', 'i']).toContain(e.ph);
    expect(typeof e.name === 'string' && e.name.length > 0).toBe(true);
    expect(Number.isInteger(e.pid)).toBe(true);
    expect(Number.isInteger(e.tid)).toBe(true);
    if (e.ph === 'M') {
      expect(['process_name', 'process_sort_index', 'thread_name', 'thread_sort_index']).toContain(e.name);
      if (e.name === 'thread_name') threadNames.add(`${e.pid}/${e.tid}`);
      if (e.name === 'process_name') processNames.add(e.pid);
      if (e.name.endsWith('_name')) expect(typeof e.args?.name).toBe('string');
      continue;
    }
    expect(typeof e.cat).toBe('string');
    expect(Number.isFinite(e.ts) && e.ts! >= 0).toBe(true);
    if (e.ph === 'X') expect(Number.isFinite(e.dur) && e.dur! > 0).toBe(true);
    if (e.ph === 'i') expect(['t', 'p', 'g']).toContain(e.s);
    const key = `${e.pid}/${e.tid}`;
    expect(threadNames.has(key), `track ${key} is named before use`).toBe(true);
    expect(processNames.has(e.pid)).toBe(true);
    if (!tracks.has(key)) tracks.set(key, []);
    tracks.get(key)!.push(e);
  }
  // One thing at a time on a track: a processor runs one step at a time, a thread is on one processor.
  for (const [key, evs] of tracks) {
    const xs = evs.filter((e) => e.ph === 'X').sort((a, b) => a.ts! - b.ts!);
    for (let i = 1; i < xs.length; i++) {
      expect(xs[i].ts! + 1e-9, `slices overlap on ${key} at ${xs[i].ts}`).toBeGreaterThanOrEqual(xs[i - 1].ts! + xs[i - 1].dur!);
    }
  }
  return tracks;
}

const nameOf = (trace: { traceEvents: Ev[] }, pid: number, tid: number) =>
  trace.traceEvents.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === pid && e.tid === tid)?.args?.name;

describe('Chrome trace export', () => {
  it('has a track per processor and per thread, a slice per step with its thread', () => {
    const r = simulate({ machine: 'i486-dx50', kernel: 'l3', calls: 20, warmup: 0, trace: true });
    const trace = JSON.parse(JSON.stringify(r.timeline!.toChromeTrace())) as { traceEvents: Ev[]; otherData: Record<string, number> };
    const tracks = validate(trace);
    const cpuTracks = [...tracks.keys()].filter((k) => k.startsWith('1/'));
    expect(cpuTracks.map((k) => nameOf(trace, 1, Number(k.split('/')[1])))).toEqual(['cpu 0']);
    const cpuSlices = tracks.get(cpuTracks[0])!.filter((e) => e.ph === 'X');
    // The slices are the steps the breakdown counts, each run by a named thread.
    const steps = new Set(r.result.breakdown.filter((b) => b.cycles > 0).map((b) => b.step));
    expect(new Set(cpuSlices.map((e) => e.name))).toEqual(steps);
    expect(cpuSlices.every((e) => typeof e.args?.thread === 'string')).toBe(true);
    // Time on the processor track adds up to the run's cycles per call over the 20 calls (no warm-up).
    const busyUs = cpuSlices.reduce((s, e) => s + e.dur!, 0);
    const perCallUs = r.result.breakdown.reduce((s, b) => s + b.us, 0);
    expect(busyUs).toBeCloseTo(perCallUs * 20, 6);
    const threadTracks = [...tracks.keys()].filter((k) => k.startsWith('2/'));
    const threads = threadTracks.map((k) => nameOf(trace, 2, Number(k.split('/')[1])));
    expect(threads).toEqual([...new Set(cpuSlices.map((e) => String(e.args?.thread)))].sort());
    const perThread = threadTracks.flatMap((k) => tracks.get(k)!);
    expect(perThread).toHaveLength(cpuSlices.length);
    expect(perThread.every((e) => e.args?.processor === 'cpu 0')).toBe(true);
    expect(trace.otherData).toEqual({ clockMHz: 50, droppedEvents: 0 });
  });

  // A multiprocessor kernel, where both processors and several threads interleave.
  it.runIf(findKernel('urpc'))('keeps each processor and each thread to one slice at a time under URPC (T=2, C=1, S=1)', () => {
    const r = simulate({ machine: 'firefly', kernel: 'urpc', T: 2, C: 1, S: 1, calls: 30, trace: true });
    const trace = r.timeline!.toChromeTrace() as unknown as { traceEvents: Ev[] };
    const tracks = validate(trace);
    const cpus = [...tracks.keys()].filter((k) => k.startsWith('1/')).map((k) => nameOf(trace, 1, Number(k.split('/')[1])));
    expect(cpus.length).toBeGreaterThanOrEqual(2);
    expect(cpus.every((n) => /^cpu \d+$/.test(String(n)))).toBe(true);
    expect([...tracks.keys()].filter((k) => k.startsWith('2/')).length).toBeGreaterThanOrEqual(3);
  });

  it('places slices at the simulated time, per thread, in microseconds', () => {
    const sys = new System(findMachine('i486-dx50')!, 1, true);
    const [cpu] = sys.cpus;
    const s = step('work', [instr('alu', 50)]);
    sys.sim.spawn(
      (function* () {
        yield sys.run(cpu, s, 'client', 'A');
        yield 25;
        yield sys.run(cpu, s, 'server', 'B');
      })(),
      'two steps',
    );
    sys.sim.run({});
    const trace = sys.timeline!.toChromeTrace() as unknown as { traceEvents: Ev[] };
    validate(trace);
    const xs = trace.traceEvents.filter((e) => e.ph === 'X' && e.pid === 1);
    expect(xs.map((e) => [e.name, e.cat, e.args?.thread])).toEqual([
      ['work', 'client', 'A'],
      ['work', 'server', 'B'],
    ]);
    // 50 one-cycle instructions at 50 MHz: 1 us each, the second after a 25-cycle (0.5 us) gap.
    expect(xs[0].ts).toBe(0);
    expect(xs[1].ts! - (xs[0].ts! + xs[0].dur!)).toBeCloseTo(0.5, 9);
    expect(xs[0].dur).toBe(xs[1].dur);
  });

  it('records marks (messages, donations) as instants on the processor or the system track', () => {
    const sys = new System(findMachine('i486-dx50')!, 1, true);
    sys.mark(sys.cpus[0], 'message sent', 'message', { to: 'B' });
    sys.mark(null, 'processor donated', 'donation');
    const trace = sys.timeline!.toChromeTrace() as unknown as { traceEvents: Ev[] };
    validate(trace);
    const inst = trace.traceEvents.filter((e) => e.ph === 'i');
    expect(inst.map((e) => [e.name, nameOf(trace, e.pid, e.tid), e.args])).toEqual([
      ['message sent', 'cpu 0', { to: 'B' }],
      ['processor donated', 'system', {}],
    ]);
  });

  it('orders processor tracks naturally and counts what a full timeline drops', () => {
    const t = new Timeline(25, 3);
    for (const track of ['cpu 10', 'cpu 2', 'cpu 1', 'cpu 0']) t.slice(track, 'poll', 'client', 0, 5);
    const trace = t.toChromeTrace() as unknown as { traceEvents: Ev[]; otherData: Record<string, number> };
    validate(trace);
    const names = trace.traceEvents.filter((e) => e.name === 'thread_name').sort((a, b) => a.tid - b.tid);
    expect(names.map((e) => e.args?.name)).toEqual(['cpu 1', 'cpu 2', 'cpu 10']);
    expect(trace.otherData.droppedEvents).toBe(1);
    expect(trace.traceEvents.find((e) => e.ph === 'X')).toMatchObject({ ts: 0, dur: 0.2 });
  });

  it('is written by `simulate --trace FILE`', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipcsim-trace-'));
    const file = join(dir, 'trace.json');
    const r = await cli('-m', 'i486-dx50', '-k', 'l3', '--calls', '10', '--trace', file);
    expect(r.status).toBe(0);
    const tracks = validate(JSON.parse(readFileSync(file, 'utf8')));
    expect(tracks.size).toBe(3);
  });
});
