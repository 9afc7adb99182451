// Runs one paper's reproduction: its tables and figures (from its definition) and its claims,
// at a scale, while recording every simulation run's resolved configuration. The result is plain
// data (written as the paper's reproduction.json) from which the CSVs, plots and report are made.

import { evaluate, round, type ClaimResult, type RegisteredClaim, type Scale } from '../../workloads/claims.js';
import { forgetMeasurements, measuring, observeMeasures } from '../../workloads/measure.js';
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

/** One table, figure or claim of a paper: the unit a reproduction's threads share out. */
export interface Unit {
  kind: 'table' | 'figure' | 'claim';
  index: number;
}

/** A paper's units in the order a reproduction reads them: tables, figures, then claims. */
export function unitsOf(p: ToRun): Unit[] {
  const at = (kind: Unit['kind'], n: number) => Array.from({ length: n }, (_, index) => ({ kind, index }));
  return [...at('table', p.reproduction.tables.length), ...at('figure', p.reproduction.figures.length), ...at('claim', p.claims.length)];
}

/**
 * A run a unit asked for, as the experiment record it makes. `key` is the memoised run's key
 * (measure()), or null for a run made directly; a memoised run is recorded by the first unit
 * that asks for it, as if the paper's units ran one after another in one thread.
 */
export interface RunEvent {
  key: string | null;
  record: Omit<ExperimentRecord, 'ranFor'>;
  machine: MachineDesc;
}

export interface UnitResult {
  unit: Unit;
  table?: TableResult;
  figure?: FigureResult;
  claim?: ClaimRow;
  runs: RunEvent[];
}

function eventOf(key: string | null, spec: RunSpec, r: RunResult): RunEvent {
  const machineSets = (spec.set ?? []).filter((s) => !s.startsWith('kernel.'));
  const machineKey = [r.machine, ...machineSets].join(' ');
  return {
    key,
    record: { machine: machineKey, kernel: r.kernel, kernelOptions: r.config.kernel.options, workload: r.workload, params: r.params, seed: r.seed, set: spec.set ?? [] },
    machine: r.config.machine,
  };
}

/** The tables' and figures' ids are file names: two alike would overwrite each other. */
export function checkIds(p: ToRun): void {
  const ids = new Set<string>();
  for (const x of [...p.reproduction.tables, ...p.reproduction.figures]) {
    if (ids.has(x.id)) throw new Error(`${p.paper}: two tables or figures are called '${x.id}'`);
    ids.add(x.id);
  }
}

/** Run one unit, recording every run it asks for (memoised or not); `ran` is told of each run made. */
export function runUnit(p: ToRun, unit: Unit, scale: Scale, ran: () => void = () => {}): UnitResult {
  const runs: RunEvent[] = [];
  const stopRuns = observeRuns((spec: RunSpec, r: RunResult) => {
    if (!measuring()) runs.push(eventOf(null, spec, r));
    ran();
  });
  const stopMeasures = observeMeasures((key, spec, r) => runs.push(eventOf(key, spec, r)));
  try {
    if (unit.kind === 'table') {
      const t = p.reproduction.tables[unit.index];
      const base = { id: t.id, title: t.title, ...(t.note ? { note: t.note } : {}), columns: t.columns };
      try {
        const rows = t.run(scale).map((row) => Object.fromEntries(t.columns.map((c) => [c.key, clean(row[c.key] ?? null)])));
        return { unit, table: { ...base, rows }, runs };
      } catch (e) {
        return { unit, table: { ...base, rows: [], error: message(e) }, runs };
      }
    }
    if (unit.kind === 'figure') {
      const f = p.reproduction.figures[unit.index];
      const base = { id: f.id, title: f.title, ...(f.note ? { note: f.note } : {}), x: f.x, y: f.y, paperPoints: f.paperPoints ?? [] };
      try {
        const series = f.run(scale).map((s) => ({
          name: s.name,
          points: s.points.map((pt) => ({ x: clean(pt.x) as number, y: clean(pt.y) as number })),
        }));
        return { unit, figure: { ...base, series }, runs };
      } catch (e) {
        return { unit, figure: { ...base, series: [], error: message(e) }, runs };
      }
    }
    const c = p.claims[unit.index];
    return { unit, claim: { ...evaluate(c, scale), conditions: c.conditions, ...(c.note ? { note: c.note } : {}) }, runs };
  } finally {
    stopRuns();
    stopMeasures();
  }
}

/** What a unit's runs are recorded for (ExperimentRecord.ranFor). */
function labelOf(p: ToRun, u: Unit): string {
  if (u.kind === 'table') return `${p.paper}:${p.reproduction.tables[u.index].id}`;
  if (u.kind === 'figure') return `${p.paper}:${p.reproduction.figures[u.index].id}`;
  return `claim:${p.claims[u.index].id}`;
}

/** A paper's result from its units' results (in unitsOf order), wherever each unit ran. */
export function assemble(p: ToRun, scale: Scale, units: UnitResult[]): PaperResult {
  const experiments = new Map<string, ExperimentRecord>();
  const machines: Record<string, MachineDesc> = {};
  const memoised = new Set<string>();
  for (const u of units) {
    const current = labelOf(p, u.unit);
    for (const e of u.runs) {
      if (e.key !== null) {
        if (memoised.has(e.key)) continue;
        memoised.add(e.key);
      }
      machines[e.record.machine] = e.machine;
      const key = JSON.stringify(e.record);
      const seen = experiments.get(key);
      if (seen) {
        if (!seen.ranFor.includes(current)) seen.ranFor.push(current);
      } else experiments.set(key, { ...e.record, ranFor: [current] });
    }
  }
  const pick = <T>(f: (u: UnitResult) => T | undefined): T[] => units.map(f).filter((x): x is T => x !== undefined);
  return {
    paper: p.paper,
    title: p.title,
    scale,
    version: VERSION,
    tables: pick((u) => u.table),
    figures: pick((u) => u.figure),
    claims: pick((u) => u.claim),
    experiments: [...experiments.values()],
    machines,
  };
}

/** Run one paper's tables, figures and claims (in that order) in this thread, recording every run's configuration. */
export function collect(p: ToRun, scale: Scale, tick: (task: string) => void = () => {}, ran: () => void = () => {}): PaperResult {
  forgetMeasurements();
  checkIds(p);
  const results: UnitResult[] = [];
  for (const u of unitsOf(p)) {
    results.push(runUnit(p, u, scale, ran));
    if (u.kind === 'table') tick(p.reproduction.tables[u.index].title);
    else if (u.kind === 'figure') tick(p.reproduction.figures[u.index].title);
    else if (u.index === p.claims.length - 1) tick('claims');
  }
  return assemble(p, scale, results);
}
