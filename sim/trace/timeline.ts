// A timeline of a run: slices (a thread running a step on a processor) and instants (a message
// sent, a processor donated). Exported as Chrome trace event JSON, which Perfetto and
// chrome://tracing open: one track per processor (process "processors"), and the same slices again
// per simulated thread (process "threads"), time in microseconds.

import { cyclesToUs } from '../hw/machine.js';

export interface Slice {
  track: string;
  name: string;
  cat: string;
  start: number;
  dur: number;
  args?: Record<string, string | number>;
}

export interface Instant {
  track: string;
  name: string;
  cat: string;
  at: number;
  args?: Record<string, string | number>;
}

const natural = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

export class Timeline {
  readonly slices: Slice[] = [];
  readonly instants: Instant[] = [];
  /** Entries not recorded because the limit was reached. */
  dropped = 0;

  constructor(
    readonly clockMHz: number,
    /** Stop recording after this many entries, so a long run cannot exhaust memory. */
    readonly limit = 200_000,
  ) {}

  slice(track: string, name: string, cat: string, start: number, dur: number, args?: Slice['args']): void {
    if (this.slices.length + this.instants.length < this.limit) this.slices.push({ track, name, cat, start, dur, args });
    else this.dropped++;
  }

  instant(track: string, name: string, cat: string, at: number, args?: Instant['args']): void {
    if (this.slices.length + this.instants.length < this.limit) this.instants.push({ track, name, cat, at, args });
    else this.dropped++;
  }

  /** Chrome trace event format (the JSON object form). */
  toChromeTrace(): { traceEvents: object[]; displayTimeUnit: string; otherData: Record<string, string | number> } {
    const tracks = [...new Set([...this.slices.map((s) => s.track), ...this.instants.map((i) => i.track)])].sort(natural);
    const threads = [...new Set(this.slices.map((s) => s.args?.thread).filter((t) => t !== undefined).map(String))].sort(natural);
    const tid = new Map(tracks.map((t, i) => [t, i + 1]));
    const ttid = new Map(threads.map((t, i) => [t, i + 1]));
    const us = (c: number) => cyclesToUs(this, c);
    const meta = (pid: number, name: string, sort: number) => [
      { ph: 'M', name: 'process_name', pid, tid: 0, args: { name } },
      { ph: 'M', name: 'process_sort_index', pid, tid: 0, args: { sort_index: sort } },
    ];
    const names = (pid: number, ids: Map<string, number>) =>
      [...ids].flatMap(([name, id]) => [
        { ph: 'M', name: 'thread_name', pid, tid: id, args: { name } },
        { ph: 'M', name: 'thread_sort_index', pid, tid: id, args: { sort_index: id } },
      ]);
    const events: object[] = [...meta(1, 'processors', 1), ...names(1, tid)];
    if (threads.length) events.push(...meta(2, 'threads', 2), ...names(2, ttid));
    for (const s of this.slices) {
      events.push({ ph: 'X', name: s.name, cat: s.cat, pid: 1, tid: tid.get(s.track), ts: us(s.start), dur: us(s.dur), args: s.args ?? {} });
      const thread = s.args?.thread;
      if (thread !== undefined) {
        const args = { ...s.args, processor: s.track };
        events.push({ ph: 'X', name: s.name, cat: s.cat, pid: 2, tid: ttid.get(String(thread)), ts: us(s.start), dur: us(s.dur), args });
      }
    }
    for (const i of this.instants) {
      events.push({ ph: 'i', s: 't', name: i.name, cat: i.cat, pid: 1, tid: tid.get(i.track), ts: us(i.at), args: i.args ?? {} });
    }
    return { traceEvents: events, displayTimeUnit: 'ns', otherData: { clockMHz: this.clockMHz, droppedEvents: this.dropped } };
  }

  /** A plain-text timeline, one line per slice or instant in time order. */
  toText(): string {
    const us = (c: number) => cyclesToUs(this, c).toFixed(1).padStart(9);
    const lines = [
      ...this.slices.map((s) => ({
        t: s.start,
        line: `${us(s.start)} us  ${s.track.padEnd(12)} ${s.name} (${cyclesToUs(this, s.dur).toFixed(1)} us)${s.args?.thread !== undefined ? `  [${s.args.thread}]` : ''}`,
      })),
      ...this.instants.map((i) => ({ t: i.at, line: `${us(i.at)} us  ${i.track.padEnd(12)} * ${i.name}` })),
    ];
    lines.sort((a, b) => a.t - b.t);
    return lines.map((l) => l.line).join('\n');
  }
}
