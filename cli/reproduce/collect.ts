// Runs one paper's reproduction: its tables and figures (from its definition) and its claims,
// at a scale, while recording every simulation run's resolved configuration. The result is plain
// data (written as the paper's reproduction.json) from which the CSVs, plots and report are made.

import { evaluate, round, type ClaimResult, type RegisteredClaim, type Scale } from '../../workloads/claims.js';
import { forgetMeasurements } from '../../workloads/measure.js';
import type { Axis, Column, Reproduction, Series } from '../../workloads/reproduction.js';
import { observeRuns, type RunResult, type RunSpec } from '../../workloads/run.js';
import type { MachineDesc } from '../../sim/hw/machine.js';
import { VERSION } from '../version.js';

/** What `simulate reproduce` runs for one paper: its tables and figures and its claims (its companions' too). */
export interface ToRun {
  /** The registered paper's id: its folder under the output directory. */
  paper: string;
  title: string;
  reproduction: Reproduction;
  claims: RegisteredClaim[];
}

export type Cell = string | number | null;

export interface TableResult {
  id: string;
  title: string;
  note?: string;
  columns: Column[];
  rows: Record<string, Cell>[];
  error?: string;
}

export interface FigureResult {
  id: string;
  title: string;
  note?: string;
  x: Axis;
  y: Axis;
  series: Series[];
  paperPoints: { series: string; x: number; y: number }[];
  error?: string;
}

export interface ClaimRow extends ClaimResult {
  conditions: string;
  note?: string;
}

/** One simulation run as it was resolved; `machine` names an entry of PaperResult.machines. */
export interface ExperimentRecord {
  machine: string;
  kernel: string;
  kernelOptions: Record<string, unknown>;
  workload: string;
  params: RunResult['params'];
  seed: number;
  set: string[];
  /** The table, figure or claim whose evaluation ran it (later readers share the memoised run). */
  ranFor: string[];
}

export interface PaperResult {
  paper: string;
  title: string;
  scale: Scale;
  version: string;
  tables: TableResult[];
  figures: FigureResult[];
  claims: ClaimRow[];
  experiments: ExperimentRecord[];
  /** Resolved machine descriptions, keyed by machine id plus any machine --set what-ifs. */
  machines: Record<string, MachineDesc>;
}

/** Numbers as written: rounded so float noise cannot change the files. */
const clean = (v: Cell): Cell => (typeof v === 'number' ? round(v, 6) : v);

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Units of progress for one paper: one per table and figure, one for all its claims. */
export function tasksOf(p: ToRun): number {
  return p.reproduction.tables.length + p.reproduction.figures.length + (p.claims.length > 0 ? 1 : 0);
}

/** Whether a paper has anything to run. */
export const hasWork = (p: ToRun): boolean => tasksOf(p) > 0;

/** Run one paper's tables, figures and claims (in that order), recording every run's configuration. */
export function collect(p: ToRun, scale: Scale, tick: (task: string) => void = () => {}, ran: () => void = () => {}): PaperResult {
  forgetMeasurements();
  const experiments = new Map<string, ExperimentRecord>();
  const machines: Record<string, MachineDesc> = {};
  let current = '';
  const stop = observeRuns((spec: RunSpec, r: RunResult) => {
    const machineSets = (spec.set ?? []).filter((s) => !s.startsWith('kernel.'));
    const machineKey = [r.machine, ...machineSets].join(' ');
    machines[machineKey] = r.config.machine;
    const rec: Omit<ExperimentRecord, 'ranFor'> = {
      machine: machineKey,
      kernel: r.kernel,
      kernelOptions: r.config.kernel.options,
      workload: r.workload,
      params: r.params,
      seed: r.seed,
      set: spec.set ?? [],
    };
    const key = JSON.stringify(rec);
    const seen = experiments.get(key);
    if (seen) {
      if (!seen.ranFor.includes(current)) seen.ranFor.push(current);
    } else experiments.set(key, { ...rec, ranFor: [current] });
    ran();
  });
  const tables: TableResult[] = [];
  const figures: FigureResult[] = [];
  const claimRows: ClaimRow[] = [];
  try {
    const ids = new Set<string>();
    const fileId = (id: string) => {
      if (ids.has(id)) throw new Error(`${p.paper}: two tables or figures are called '${id}'`);
      ids.add(id);
      return id;
    };
    for (const t of p.reproduction.tables) {
      const id = fileId(t.id);
      current = `${p.paper}:${t.id}`;
      const base = { id, title: t.title, ...(t.note ? { note: t.note } : {}), columns: t.columns };
      try {
        const rows = t.run(scale).map((row) => Object.fromEntries(t.columns.map((c) => [c.key, clean(row[c.key] ?? null)])));
        tables.push({ ...base, rows });
      } catch (e) {
        tables.push({ ...base, rows: [], error: message(e) });
      }
      tick(t.title);
    }
    for (const f of p.reproduction.figures) {
      const id = fileId(f.id);
      current = `${p.paper}:${f.id}`;
      const base = { id, title: f.title, ...(f.note ? { note: f.note } : {}), x: f.x, y: f.y, paperPoints: f.paperPoints ?? [] };
      try {
        const series = f.run(scale).map((s) => ({
          name: s.name,
          points: s.points.map((pt) => ({ x: clean(pt.x) as number, y: clean(pt.y) as number })),
        }));
        figures.push({ ...base, series });
      } catch (e) {
        figures.push({ ...base, series: [], error: message(e) });
      }
      tick(f.title);
    }
    if (p.claims.length > 0) {
      for (const c of p.claims) {
        current = `claim:${c.id}`;
        claimRows.push({ ...evaluate(c, scale), conditions: c.conditions, ...(c.note ? { note: c.note } : {}) });
      }
      tick('claims');
    }
  } finally {
    stop();
  }
  return {
    paper: p.paper,
    title: p.title,
    scale,
    version: VERSION,
    tables,
    figures,
    claims: claimRows,
    experiments: [...experiments.values()],
    machines,
  };
}
