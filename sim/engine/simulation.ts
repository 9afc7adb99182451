// The discrete-event engine: an integer-cycle clock, an event queue ordered by (time, insertion
// sequence), and processes written as generators. It knows nothing of hardware.
//
// Hot path notes: events live in parallel arrays of a binary heap (no allocation per event);
// events due at the current time go to a FIFO, which needs no heap work and keeps insertion order
// (anything already in the heap for the current time was inserted earlier, so it runs first).

import { LimitError, StallError } from './errors.js';
import { Process } from './process.js';
import { Ring } from './ring.js';
import { Routine, Spawn, type Body, type Op, type ProcessLike, type Waitable } from './types.js';

export interface RunLimits {
  /** Stop with an error after this many events. */
  maxEvents?: number;
  /** Stop with an error when the clock passes this cycle. */
  maxCycles?: number;
}

export interface RunOutcome {
  /** 'stopped': a process called stop(); 'quiescent': nothing left to do and nobody waiting. */
  reason: 'stopped' | 'quiescent';
  now: number;
  events: number;
}

export class Simulation {
  now = 0;
  events = 0;
  private stopped = false;
  private seq = 0;
  private maxEvents = Number.MAX_SAFE_INTEGER;
  private maxCycles = Number.MAX_SAFE_INTEGER;
  private nextId = 0;
  private live: Process[] = [];

  // Binary heap of future events, as parallel arrays.
  private hTime: number[] = [];
  private hSeq: number[] = [];
  private hProc: Process[] = [];
  private hVal: unknown[] = [];
  // FIFO of events due now: process and value interleaved.
  private due = new Ring<unknown>(64);

  /** Start a process; it first runs at the current time, after those already due. */
  spawn(body: Body, name: string, daemon = false): Process {
    const p = new Process(body, name, daemon, this.nextId++);
    this.live.push(p);
    this.pushNow(p, undefined);
    return p;
  }

  /** Resume a waiting process (called by waitables), at the current time or after a delay. */
  wake(p: ProcessLike, value: unknown, delay = 0): void {
    const proc = p as Process;
    proc.waitingOn = null;
    if (delay === 0) this.pushNow(proc, value);
    else this.pushAt(this.now + delay, proc, value);
  }

  /** Ask the run loop to return after the current event. */
  stop(): void {
    this.stopped = true;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  /**
   * When the next event other than the running process's own is due: now if one is already due,
   * else the earliest queued time (Infinity when none). A process that knows nothing can happen
   * before then may merge holds it would otherwise take one by one (see Unix.runRepeated).
   */
  get nextEventTime(): number {
    if (!this.due.empty) return this.now;
    return this.hTime.length > 0 ? this.hTime[0] : Infinity;
  }

  /**
   * The running process's hold of `cycles`, taken at once when its own event would be the next one
   * popped (nothing else due before it ends): the clock advances exactly as if the hold had been
   * yielded, without the resume through the process's generators. False when the hold must be
   * yielded (something may happen first, or a limit would be reached); only the running process
   * may call it, at the point where it would yield the hold.
   */
  advance(cycles: number): boolean {
    return cycles > 0 && Number.isInteger(cycles) && this.forward(this.now + cycles);
  }

  /** Move the clock to t (after now) when the running process's event at t would be the next popped. */
  private forward(t: number): boolean {
    if (
      !this.stopped &&
      this.due.empty &&
      (this.hTime.length === 0 || this.hTime[0] > t) &&
      t <= this.maxCycles &&
      this.events < this.maxEvents
    ) {
      this.now = t;
      this.events++;
      return true;
    }
    return false;
  }

  run(limits: RunLimits = {}): RunOutcome {
    const maxEvents = (this.maxEvents = limits.maxEvents ?? Number.MAX_SAFE_INTEGER);
    const maxCycles = (this.maxCycles = limits.maxCycles ?? Number.MAX_SAFE_INTEGER);
    this.stopped = false;
    const hTime = this.hTime;
    while (!this.stopped) {
      let p: Process;
      let v: unknown;
      if (hTime.length > 0 && hTime[0] === this.now) {
        p = this.hProc[0];
        v = this.hVal[0];
        this.popHeap();
      } else if (!this.due.empty) {
        p = this.due.shift() as Process;
        v = this.due.shift();
      } else if (hTime.length > 0) {
        const t = hTime[0];
        if (t > maxCycles) throw new LimitError('time', maxCycles, this.now);
        this.now = t;
        p = this.hProc[0];
        v = this.hVal[0];
        this.popHeap();
      } else {
        return this.quiesce();
      }
      if (++this.events > maxEvents) throw new LimitError('events', maxEvents, this.now);
      this.step(p, v);
    }
    return { reason: 'stopped', now: this.now, events: this.events };
  }

  /** Run one process until it holds, blocks or ends. */
  private step(p: Process, value: unknown): void {
    const gen = p.gen;
    for (;;) {
      let op: Op;
      const sub = p.routine;
      if (sub !== null) {
        const o = sub.resume(value);
        if (o === null) {
          p.routine = null;
          value = sub.result;
          continue;
        }
        op = o;
      } else {
        const r = gen.next(value);
        if (r.done) {
          const joiners = p.finish(r.value);
          for (let i = 0; i < joiners.length; i++) this.wake(joiners[i], r.value);
          const k = this.live.indexOf(p);
          if (k >= 0) this.live.splice(k, 1);
          return;
        }
        op = r.value;
      }
      if (typeof op === 'number') {
        if (!(op >= 0 && Number.isInteger(op))) {
          throw new Error(`process ${p.name} yielded ${op}: a hold must be a whole number of cycles >= 0`);
        }
        // Fast forward: when nothing else is due before the hold ends, its own event would be the
        // next one popped, so advance the clock and go on without touching the queue.
        if (op > 0 && this.forward(this.now + op)) {
          value = undefined;
          continue;
        }
        if (op === 0) this.pushNow(p, undefined);
        else this.pushAt(this.now + op, p, undefined);
        return;
      }
      if (op instanceof Spawn) {
        value = this.spawn(op.body, op.name, op.daemon);
        continue;
      }
      if (op instanceof Routine) {
        if (sub !== null) throw new Error(`process ${p.name}: a routine yielded a routine`);
        p.routine = op;
        value = undefined;
        continue;
      }
      if (op.subscribe(p)) {
        value = p.value;
        continue;
      }
      p.waitingOn = op;
      return;
    }
  }

  private quiesce(): RunOutcome {
    const blocked = this.live.filter((p) => p.waitingOn !== null && !p.daemon);
    if (blocked.length > 0) {
      throw new StallError(
        this.now,
        blocked.map((p) => ({ process: p.name, waitsOn: (p.waitingOn as Waitable).label })),
      );
    }
    return { reason: 'quiescent', now: this.now, events: this.events };
  }

  /** Every process still alive and what it waits on (for reports and tests). */
  blocked(): { process: string; waitsOn: string; daemon: boolean }[] {
    return this.live
      .filter((p) => p.waitingOn !== null)
      .map((p) => ({ process: p.name, waitsOn: (p.waitingOn as Waitable).label, daemon: p.daemon }));
  }

  private pushNow(p: Process, v: unknown): void {
    this.due.push(p);
    this.due.push(v);
    this.seq++;
  }

  private pushAt(t: number, p: Process, v: unknown): void {
    const hTime = this.hTime;
    const hSeq = this.hSeq;
    const hProc = this.hProc;
    const hVal = this.hVal;
    const s = this.seq++;
    let i = hTime.length;
    hTime.push(t);
    hSeq.push(s);
    hProc.push(p);
    hVal.push(v);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = hTime[parent];
      if (pt < t || (pt === t && hSeq[parent] < s)) break;
      hTime[i] = pt;
      hSeq[i] = hSeq[parent];
      hProc[i] = hProc[parent];
      hVal[i] = hVal[parent];
      i = parent;
    }
    hTime[i] = t;
    hSeq[i] = s;
    hProc[i] = p;
    hVal[i] = v;
  }

  private popHeap(): void {
    const hTime = this.hTime;
    const hSeq = this.hSeq;
    const hProc = this.hProc;
    const hVal = this.hVal;
    const last = hTime.length - 1;
    const t = hTime[last];
    const s = hSeq[last];
    const p = hProc[last];
    const v = hVal[last];
    hTime.pop();
    hSeq.pop();
    hProc.pop();
    hVal.pop();
    if (last === 0) return;
    let i = 0;
    const half = last >> 1;
    while (i < half) {
      let c = 2 * i + 1;
      const r = c + 1;
      if (r < last && (hTime[r] < hTime[c] || (hTime[r] === hTime[c] && hSeq[r] < hSeq[c]))) c = r;
      const ct = hTime[c];
      if (t < ct || (t === ct && s < hSeq[c])) break;
      hTime[i] = ct;
      hSeq[i] = hSeq[c];
      hProc[i] = hProc[c];
      hVal[i] = hVal[c];
      i = c;
    }
    hTime[i] = t;
    hSeq[i] = s;
    hProc[i] = p;
    hVal[i] = v;
  }
}
