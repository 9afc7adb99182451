// What a paper's reproduction consists of: its tables and its figures, each produced by running
// experiments (never by formula). Each paper folder's definition (index.ts) holds one Reproduction,
// usually from its `reproduce.ts`; `simulate reproduce` runs them at the papers' scale and writes
// CSV, SVG and the report. Tests run them at test scale.

import type { Scale } from './claims.js';

export interface Column {
  key: string;
  label: string;
  /** Unit shown in the CSV header, e.g. "us", "cycles", "calls/s"; omit for labels. */
  unit?: string;
}

export interface TableSpec {
  /** File-safe id, e.g. "table7". */
  id: string;
  title: string;
  columns: Column[];
  /** Rows keyed by column key; values come from simulation runs. */
  run(scale: Scale): Record<string, string | number | null>[];
  /** What was run and how to read it, shown under the table in the report. */
  note?: string;
}

export interface Point {
  x: number;
  y: number;
}

export interface Series {
  /** One line of the figure, e.g. "C=1, S=1". */
  name: string;
  points: Point[];
}

export interface Axis {
  label: string;
  unit?: string;
  /** Axis scale of the paper's plot; linear unless said. */
  scale?: 'linear' | 'log';
  /** The paper's axis range, when the plot should match it. */
  domain?: [number, number];
}

export interface FigureSpec {
  /** File-safe id, e.g. "figure3". */
  id: string;
  title: string;
  x: Axis;
  y: Axis;
  run(scale: Scale): Series[];
  /** The paper's own stated points, overlaid as markers. */
  paperPoints?: { series: string; x: number; y: number }[];
  /** What was run and how to read it, shown under the figure in the report. */
  note?: string;
}

export interface Reproduction {
  tables: TableSpec[];
  figures: FigureSpec[];
}
