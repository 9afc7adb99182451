// The discrete-event engine: an integer-cycle clock, an event queue ordered by (time, insertion
// sequence), and processes written as generators (or, where speed matters, as routines: see
// Routine in types.ts). It knows nothing of hardware.
//
// Hot path notes: events live in parallel arrays of a binary heap, times and sequence numbers in
// typed arrays, with no allocation per event; events due at the current time go to a circular
// FIFO, which needs no heap work and keeps insertion order (anything already in the heap for the
// current time was inserted earlier, so it runs first).

import { LimitError, StallError } from './errors.js';
import { Process } from './process.js';
import { DONE, type Body, type Op, type ProcessLike, type Routine, type Waitable } from './types.js';

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

/** What stepRoutine returns when the routine has not ended in place (it holds, waits, or ended its process). */
const PENDING: unique symbol = Symbol('pending');

export class Simulation {
  now = 0;
  events = 0;
  private stopped = false;
  private seq = 0;
  private maxEvents = Number.MAX_SAFE_INTEGER;
  private maxCycles = Number.MAX_SAFE_INTEGER;
  private nextId = 0;
  private live: Process[] = [];

  // Binary heap of future events, as parallel arrays of capacity hTime.length, hn of them in use.
  private hn = 0;
  private hTime = new Float64Array(64);
  private hSeq = new Float64Array(64);
  private hProc: (Process | null)[] = new Array(64).fill(null);
  private hVal: unknown[] = new Array(64).fill(undefined);
  // FIFO of events due now: a circular buffer of processes and their values.
  private dHead = 0;
  private dTail = 0;
  private dMask = 63;
  private dProc: (Process | null)[] = new Array(64).fill(null);
  private dVal: unknown[] = new Array(64).fill(undefined);

  /** Start a process; it first runs at the current time, after those already due. */
  spawn(body: Body | Routine, name: string, daemon = false): Process {
    const p = new Process(body, name, daemon, this.nextId++, this);
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
    if (this.dHead !== this.dTail) return this.now;
    return this.hn > 0 ? this.hTime[0] : Infinity;
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
      this.dHead === this.dTail &&
      (this.hn === 0 || this.hTime[0] > t) &&
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
    while (!this.stopped) {
      let p: Process;
      let v: unknown;
      if (this.hn > 0 && this.hTime[0] === this.now) {
        p = this.hProc[0] as Process;
        v = this.hVal[0];
        this.popHeap();
      } else if (this.dHead !== this.dTail) {
        const h = this.dHead;
        p = this.dProc[h] as Process;
        v = this.dVal[h];
        this.dProc[h] = null;
        this.dVal[h] = undefined;
        this.dHead = (h + 1) & this.dMask;
      } else if (this.hn > 0) {
        const t = this.hTime[0];
        if (t > maxCycles) throw new LimitError('time', maxCycles, this.now);
        this.now = t;
        p = this.hProc[0] as Process;
        v = this.hVal[0];
        this.popHeap();
      } else {
        return this.quiesce();
      }
      if (++this.events > maxEvents) throw new LimitError('events', maxEvents, this.now);
      // Each form's step called from here, not one from the other, so that the optimiser can
      // inline whichever the run uses.
      if (p.inPlace !== null) {
        const r = this.stepRoutine(p, p.inPlace, v, true);
        if (r !== PENDING) this.step(p, p.gen as Body, p.next as Body['next'], r);
      } else if (p.gen !== null) this.step(p, p.gen, p.next as Body['next'], v);
      else this.stepRoutine(p, p.routine as Routine, v);
    }
    return { reason: 'stopped', now: this.now, events: this.events };
  }

  // step runs a process until it holds, blocks or ends. The generator's loop and the routine's
  // take each op the same way, written out in both: a shared helper's call and the test of its
  // result cost a routine's step about 4%, and one loop over both forms as much again.

  /** Run a process whose body is a generator until it holds, blocks or ends. */
  private step(p: Process, gen: Body, next: Body['next'], value: unknown): void {
    for (;;) {
      const r = next.call(gen, value);
      if (r.done) return this.end(p, r.value);
      const op: Op = r.value;
      if (typeof op === 'number') {
        if (!(op >= 0 && Number.isInteger(op))) this.badHold(p, op);
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
      // A wait (or a Spawn, which is satisfied at once): go on with its value, or park. A routine
      // in place is entered by subscribing to it.
      if (op.subscribe(p)) {
        if (p.inPlace !== null) {
          // A routine in place: run it here, and go on with its result when it ends at once (a
          // loop, not a call back into step, so that back-to-back routines do not nest).
          const res = this.stepRoutine(p, p.inPlace, undefined, true);
          if (res === PENDING) return;
          value = res;
          continue;
        }
        value = p.value;
        continue;
      }
      p.waitingOn = op;
      return;
    }
  }

  /**
   * step for a routine: the same, with resume in place of next. A routine a generator runs in its
   * place (inPlace) returns its result when it is done, for the generator to go on with; PENDING
   * otherwise (it holds, waits or has ended its process).
   */
  private stepRoutine(p: Process, routine: Routine, value: unknown, inPlace = false): unknown {
    for (;;) {
      const op = routine.resume(value);
      if (typeof op === 'number') {
        if (!(op >= 0 && Number.isInteger(op))) this.badHold(p, op);
        if (op > 0 && this.forward(this.now + op)) {
          value = undefined;
          continue;
        }
        if (op === 0) this.pushNow(p, undefined);
        else this.pushAt(this.now + op, p, undefined);
        return PENDING;
      }
      if (op === DONE) {
        if (inPlace) {
          p.inPlace = null;
          return routine.result;
        }
        this.end(p, routine.result);
        return PENDING;
      }
      if (op.subscribe(p)) {
        if (p.inPlace !== null && !inPlace) throw new Error(`process ${p.name}: only a generator may run a routine in place`);
        value = p.value;
        continue;
      }
      p.waitingOn = op;
      return PENDING;
    }
  }

  private badHold(p: Process, op: number): never {
    throw new Error(`process ${p.name} yielded ${op}: a hold must be a whole number of cycles >= 0`);
  }

  /** p's body has ended with result: wake its joiners and forget it. */
  private end(p: Process, result: unknown): void {
    const joiners = p.finish(result);
    for (let i = 0; i < joiners.length; i++) this.wake(joiners[i], result);
    const k = this.live.indexOf(p);
    if (k >= 0) this.live.splice(k, 1);
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
    const t = this.dTail;
    this.dProc[t] = p;
    this.dVal[t] = v;
    this.dTail = (t + 1) & this.dMask;
    if (this.dTail === this.dHead) this.growDue();
    this.seq++;
  }

  private growDue(): void {
    const n = this.dProc.length;
    const proc: (Process | null)[] = new Array(2 * n).fill(null);
    const val: unknown[] = new Array(2 * n).fill(undefined);
    for (let i = 0; i < n; i++) {
      proc[i] = this.dProc[(this.dHead + i) & this.dMask];
      val[i] = this.dVal[(this.dHead + i) & this.dMask];
    }
    this.dProc = proc;
    this.dVal = val;
    this.dHead = 0;
    this.dTail = n;
    this.dMask = 2 * n - 1;
  }

  private pushAt(t: number, p: Process, v: unknown): void {
    if (this.hn === this.hTime.length) this.growHeap();
    const hTime = this.hTime;
    const hSeq = this.hSeq;
    const hProc = this.hProc;
    const hVal = this.hVal;
    const s = this.seq++;
    let i = this.hn++;
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

  private growHeap(): void {
    const n = this.hTime.length;
    const time = new Float64Array(2 * n);
    const seq = new Float64Array(2 * n);
    time.set(this.hTime);
    seq.set(this.hSeq);
    this.hTime = time;
    this.hSeq = seq;
    for (let i = n; i < 2 * n; i++) {
      this.hProc.push(null);
      this.hVal.push(undefined);
    }
  }

  /** Remove the earliest event (the caller has read it). */
  private popHeap(): void {
    const hTime = this.hTime;
    const hSeq = this.hSeq;
    const hProc = this.hProc;
    const hVal = this.hVal;
    const last = --this.hn;
    const t = hTime[last];
    const s = hSeq[last];
    const p = hProc[last];
    const v = hVal[last];
    hProc[last] = null;
    hVal[last] = undefined;
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
