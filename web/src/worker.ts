// The simulation worker: runs the simulator's own run driver (the code `simulate` runs) off the
// page's thread, so the page never freezes; the page cancels a run by terminating the worker.

import { resolve, simulate, UsageError, type RunSpec } from '../../workloads/run.js';
import { axesOf, describePoint, pointsOf } from '../../cli/sweep/grid.js';
import { headerOf, rowOf, runPoint, setPathsOf } from '../../cli/sweep/row.js';
import { compare } from '../../workloads/compare.js';
import { findPaper } from '../../workloads/registry.js';
import type { FromWorker, ToWorker, TimelineData, SweepAnswerRow, Request, Answer } from './protocol.js';

/** Runs longer than this are traced in a separate, short run of the same configuration. */
export const TRACE_CALLS = 20;

const post = (m: FromWorker) => (self as unknown as Worker).postMessage(m);

function traced(spec: RunSpec, result: ReturnType<typeof simulate> | null): TimelineData | null {
  let r = result;
  let separate = false;
  if (!r) {
    separate = true;
    try {
      r = simulate({ ...spec, calls: TRACE_CALLS, warmup: 0, trace: true });
    } catch {
      return null; // a workload that cannot stop after a few calls: no timeline, the run stands
    }
  }
  const t = r.timeline;
  if (!t) return null;
  return {
    clockMHz: t.clockMHz,
    slices: t.slices,
    instants: t.instants,
    dropped: t.dropped,
    calls: r.result.calls + r.params.warmup,
    separate,
    chrome: JSON.stringify(t.toChromeTrace()),
  };
}

function handle(id: number, q: Request): Answer {
  const t0 = performance.now();
  switch (q.kind) {
    case 'run': {
      const short = (q.spec.calls ?? 10_000) + (q.spec.warmup ?? 0) <= 200;
      const r = simulate({ ...q.spec, trace: short });
      const wallMs = performance.now() - t0;
      const { timeline: _t, ...result } = r;
      post({ id, type: 'progress', done: 1, total: 2, note: 'tracing the first calls' });
      return { kind: 'run', result, timeline: traced(q.spec, short ? r : null), wallMs };
    }
    case 'compare': {
      const result = compare(q.spec, (cell, done, total) =>
        post({ id, type: 'progress', done, total, note: `${cell.kernel} on ${cell.machine}`, cell }),
      );
      return { kind: 'compare', result, wallMs: performance.now() - t0 };
    }
    case 'sweep': {
      // As `simulate sweep` does it: the grid expanded and every point checked before any runs.
      const points = pointsOf(axesOf(q.grid));
      for (const p of points) {
        try {
          resolve(p.spec);
        } catch (e) {
          throw new UsageError(`${describePoint(p)}: ${(e as Error).message}`);
        }
      }
      const rows: SweepAnswerRow[] = points.map((p, i) => {
        // As a sweep point: a point that stalls or fails is a row with its status, and the sweep goes on.
        const r = runPoint(p);
        const row = { at: p.at, row: rowOf(p, r), latencyUs: r.result?.latencyUs.mean ?? NaN, throughputPerSec: r.result?.throughputPerSec ?? NaN };
        post({ id, type: 'progress', done: i + 1, total: points.length, note: describePoint(p), row });
        return row;
      });
      return { kind: 'sweep', header: headerOf(points.length ? setPathsOf(points[0]) : []), rows, wallMs: performance.now() - t0 };
    }
    case 'figure': {
      const fig = findPaper(q.paper)?.reproduction.figures.find((f) => f.id === q.figure);
      if (!fig) throw new UsageError(`no figure ${q.figure} in paper ${q.paper}`);
      return { kind: 'figure', series: fig.run('test'), wallMs: performance.now() - t0 };
    }
  }
}

self.onmessage = (ev: MessageEvent<ToWorker>) => {
  const { id, request } = ev.data;
  try {
    post({ id, type: 'done', answer: handle(id, request) });
  } catch (e) {
    post({ id, type: 'error', message: (e as Error).message, usage: e instanceof UsageError });
  }
};
