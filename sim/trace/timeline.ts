// A timeline of a run: slices (a thread running a step on a processor) and instants (a message
// sent, a processor donated). Exported as Chrome trace event JSON, which Perfetto and
// chrome://tracing open: one track per processor, time in microseconds.

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

export class Timeline {
  readonly slices: Slice[] = [];
  readonly instants: Instant[] = [];

  constructor(
    readonly clockMHz: number,
    /** Stop recording after this many entries, so a long run cannot exhaust memory. */
    readonly limit = 200_000,
  ) {}

  slice(track: string, name: string, cat: string, start: number, dur: number, args?: Slice['args']): void {
    if (this.slices.length + this.instants.length < this.limit) this.slices.push({ track, name, cat, start, dur, args });
  }

  instant(track: string, name: string, cat: string, at: number, args?: Instant['args']): void {
    if (this.slices.length + this.instants.length < this.limit) this.instants.push({ track, name, cat, at, args });
  }

  /** Chrome trace event format (the JSON object form). */
  toChromeTrace(): { traceEvents: object[]; displayTimeUnit: string } {
    const tracks = [...new Set([...this.slices.map((s) => s.track), ...this.instants.map((i) => i.track)])].sort();
    const tid = new Map(tracks.map((t, i) => [t, i + 1]));
    const us = (c: number) => c / this.clockMHz;
    const events: object[] = tracks.map((t) => ({ ph: 'M', name: 'thread_name', pid: 1, tid: tid.get(t), args: { name: t } }));
    for (const s of this.slices) {
      events.push({ ph: 'X', name: s.name, cat: s.cat, pid: 1, tid: tid.get(s.track), ts: us(s.start), dur: us(s.dur), args: s.args ?? {} });
    }
    for (const i of this.instants) {
      events.push({ ph: 'i', s: 't', name: i.name, cat: i.cat, pid: 1, tid: tid.get(i.track), ts: us(i.at), args: i.args ?? {} });
    }
    return { traceEvents: events, displayTimeUnit: 'ns' };
  }

  /** A plain-text timeline, one line per slice or instant in time order. */
  toText(): string {
    const us = (c: number) => (c / this.clockMHz).toFixed(1).padStart(9);
    const lines = [
      ...this.slices.map((s) => ({ t: s.start, line: `${us(s.start)} us  ${s.track.padEnd(12)} ${s.name} (${(s.dur / this.clockMHz).toFixed(1)} us)` })),
      ...this.instants.map((i) => ({ t: i.at, line: `${us(i.at)} us  ${i.track.padEnd(12)} * ${i.name}` })),
    ];
    lines.sort((a, b) => a.t - b.t);
    return lines.map((l) => l.line).join('\n');
  }
}
