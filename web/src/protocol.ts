// Messages between the page and the simulation worker. Every request carries an id; the worker
// answers with progress messages and then one result or error for that id.

import type { RunResult, RunSpec } from '../../workloads/run.js';
import type { CompareResult, CompareSpec, CompareCell } from '../../workloads/compare.js';
import type { Slice, Instant } from '../../sim/trace/timeline.js';

export interface TimelineData {
  clockMHz: number;
  slices: Slice[];
  instants: Instant[];
  dropped: number;
  /** Calls the traced run made (the run itself, or a short run of the same configuration). */
  calls: number;
  /** True when the timeline came from a separate, shorter run of the same configuration. */
  separate: boolean;
  /** The Chrome trace event JSON of the traced run, as `simulate --trace` writes it. */
  chrome: string;
}

/** A sweep as `simulate sweep` takes it (comma lists and ranges per flag). */
export type { GridInput } from '../../cli/sweep/grid.js';
import type { GridInput } from '../../cli/sweep/grid.js';

export interface SweepAnswerRow {
  /** The point's values by axis name (`T`, `set:tlb.entries`, ...). */
  at: Record<string, string>;
  /** The CSV row `simulate sweep` writes for the point. */
  row: (string | number)[];
  latencyUs: number;
  throughputPerSec: number;
}

export interface FigureSeries {
  name: string;
  points: { x: number; y: number }[];
}

export type Request =
  | { kind: 'run'; spec: RunSpec }
  | { kind: 'compare'; spec: CompareSpec }
  | { kind: 'sweep'; grid: GridInput }
  | { kind: 'figure'; paper: string; figure: string };

export type Answer =
  | { kind: 'run'; result: RunResult; timeline: TimelineData | null; wallMs: number }
  | { kind: 'compare'; result: CompareResult; wallMs: number }
  | { kind: 'sweep'; header: string[]; rows: SweepAnswerRow[]; wallMs: number }
  | { kind: 'figure'; series: FigureSeries[]; wallMs: number };

export type FromWorker =
  | { id: number; type: 'progress'; done: number; total: number; note: string; cell?: CompareCell; row?: SweepAnswerRow }
  | { id: number; type: 'done'; answer: Answer }
  | { id: number; type: 'error'; message: string; usage: boolean };

export type ToWorker = { id: number; request: Request };
