// The reference closed-loop model of bench.ts written as a bare event loop over typed arrays: no
// processes, no generators, no engine. T threads; each call holds a client processor (one of C,
// FIFO) for 27 cycles, a server processor (one of S, FIFO) for 53, a client processor again for
// 27; the run stops at the N-th completion. The yardstick the engine is measured against: what the
// same model costs with nothing but a heap of (time, sequence, thread) and two FIFO queues.

import type { BenchPoint } from './bench.js';

const HOLD = [27, 53, 27];

export function bareLoop({ T, C, S, N }: BenchPoint): { end: number; events: number } {
  // Event heap: time, insertion sequence (ties in FIFO order), thread.
  const cap = 2 * T + 2;
  const hTime = new Float64Array(cap);
  const hSeq = new Float64Array(cap);
  const hThr = new Int32Array(cap);
  let hn = 0;
  let seq = 0;
  // Per thread: the stage of its call (0, 1, 2: waiting for or holding that stage's processor).
  const stage = new Int32Array(T);
  // FIFO of waiting threads per pool (0: client processors, 1: server processors).
  const free = new Int32Array([C, S]);
  const qBuf = [new Int32Array(T + 1), new Int32Array(T + 1)];
  const qHead = new Int32Array(2);
  const qTail = new Int32Array(2);
  const pool = (st: number) => (st === 1 ? 1 : 0);

  const push = (t: number, th: number) => {
    let i = hn++;
    const s = seq++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (hTime[p] < t || (hTime[p] === t && hSeq[p] < s)) break;
      hTime[i] = hTime[p];
      hSeq[i] = hSeq[p];
      hThr[i] = hThr[p];
      i = p;
    }
    hTime[i] = t;
    hSeq[i] = s;
    hThr[i] = th;
  };
  const pop = () => {
    const last = --hn;
    const t = hTime[last];
    const s = hSeq[last];
    const th = hThr[last];
    let i = 0;
    const half = hn >> 1;
    while (i < half) {
      let c = 2 * i + 1;
      const r = c + 1;
      if (r < hn && (hTime[r] < hTime[c] || (hTime[r] === hTime[c] && hSeq[r] < hSeq[c]))) c = r;
      if (t < hTime[c] || (t === hTime[c] && s < hSeq[c])) break;
      hTime[i] = hTime[c];
      hSeq[i] = hSeq[c];
      hThr[i] = hThr[c];
      i = c;
    }
    hTime[i] = t;
    hSeq[i] = s;
    hThr[i] = th;
  };
  /** Thread th asks for its stage's processor at time now: it holds at once or queues. */
  const acquire = (th: number, now: number) => {
    const p = pool(stage[th]);
    if (free[p] > 0) {
      free[p]--;
      push(now + HOLD[stage[th]], th);
    } else {
      qBuf[p][qTail[p]] = th;
      qTail[p] = (qTail[p] + 1) % (T + 1);
    }
  };
  /** A processor of pool p is given back at time now: the first waiter holds it, else it is free. */
  const release = (p: number, now: number) => {
    if (qHead[p] !== qTail[p]) {
      const w = qBuf[p][qHead[p]];
      qHead[p] = (qHead[p] + 1) % (T + 1);
      push(now + HOLD[stage[w]], w);
    } else free[p]++;
  };

  let now = 0;
  let events = 0;
  let completed = 0;
  for (let th = 0; th < T; th++) acquire(th, 0);
  while (hn > 0) {
    now = hTime[0];
    const th = hThr[0];
    pop();
    events++;
    // th's hold of its stage ended: give the processor back and go on to the next stage.
    release(pool(stage[th]), now);
    stage[th] = (stage[th] + 1) % 3;
    if (stage[th] === 0 && ++completed === N) break;
    acquire(th, now);
  }
  return { end: now, events };
}
