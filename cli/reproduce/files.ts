// The files of one paper's reproduction, as relative path -> content: a CSV per table and per
// figure series (units in the header), the paper's stated figure points, an SVG per figure and
// reproduction.json (everything the report is assembled from). Contents depend only on the data.

import { stringify } from 'csv-stringify/sync';
import type { Axis, Column } from '../../workloads/reproduction.js';
import type { FigureResult, PaperResult, TableResult } from './collect.js';
import { figureSvg } from './plot.js';

/** A CSV header cell: the label with its unit in parentheses. */
export const headerOf = (c: { label: string; unit?: string }): string => (c.unit ? `${c.label} (${c.unit})` : c.label);

export function tableCsv(t: TableResult): string {
  const cols: Column[] = t.columns;
  return stringify(
    t.rows.map((r) => cols.map((c) => r[c.key] ?? '')),
    { header: true, columns: cols.map(headerOf) },
  );
}

export const slug = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'series';

/** File names of a figure's series CSVs, unique within the figure. */
export function seriesFiles(f: FigureResult): string[] {
  const seen = new Set<string>();
  return f.series.map((s) => {
    let name = `${f.id}.${slug(s.name)}.csv`;
    for (let i = 2; seen.has(name); i++) name = `${f.id}.${slug(s.name)}-${i}.csv`;
    seen.add(name);
    return name;
  });
}

const xy = (x: Axis, y: Axis) => [headerOf(x), headerOf(y)];

export function seriesCsv(f: FigureResult, i: number): string {
  return stringify(
    f.series[i].points.map((p) => [p.x, p.y]),
    { header: true, columns: xy(f.x, f.y) },
  );
}

export function paperPointsCsv(f: FigureResult): string {
  return stringify(
    f.paperPoints.map((p) => [p.series, p.x, p.y]),
    { header: true, columns: ['series', ...xy(f.x, f.y)] },
  );
}

export const paperPointsFile = (f: FigureResult) => `${f.id}.paper-points.csv`;
export const svgFile = (f: FigureResult) => `${f.id}.svg`;

/** JSON with object keys sorted and a final newline, so files diff cleanly. */
export function stableJson(x: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v as object)
          .sort()
          .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return JSON.stringify(sort(x), null, 2) + '\n';
}

/** Every file of a paper's reproduction, relative to the paper's folder. */
export async function paperFiles(r: PaperResult): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const t of r.tables) if (!t.error) files.set(`${t.id}.csv`, tableCsv(t));
  for (const f of r.figures) {
    if (f.error) continue;
    seriesFiles(f).forEach((name, i) => files.set(name, seriesCsv(f, i)));
    if (f.paperPoints.length > 0) files.set(paperPointsFile(f), paperPointsCsv(f));
    files.set(svgFile(f), await figureSvg(f));
  }
  files.set('reproduction.json', stableJson(r));
  return files;
}
