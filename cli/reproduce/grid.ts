// Every kernel on every machine, as `simulate reproduce all` writes it: the `compare` grid (the null
// round trip of each kernel × machine cell) stored as compare/grid.json, one CSV row per cell, a
// heatmap SVG (kernels by machines, log colour scale, the cells a paper measured outlined, refused
// cells grey with no number) and the REPORT.md section with the grid and the porting assumptions
// the extrapolated cells rest on. No claims: the grid's cells are what the model predicts.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { TopLevelSpec } from 'vega-lite';
import { renderSvg } from './plot.js';
import { kernels } from '../../kernels/index.js';
import { machines } from '../../machines/index.js';
import type { Scale } from '../../workloads/claims.js';
import { COMPARE_CALLS, COMPARE_COLUMNS, compareRows, type CompareResult, type CompareSpec } from '../../workloads/compare.js';
import { stableJson } from './files.js';

/** The folder under the output directory. */
export const GRID_DIR = 'compare';

/** What was run, and what came out, as stored in compare/grid.json. */
export interface StoredGrid extends CompareResult {
  calls: number;
  bytes: number;
  seed: number;
}

/** The grid `reproduce all` runs: compare's defaults at paper scale, fewer calls for a quick look. */
export function gridSpecFor(scale: Scale): CompareSpec {
  return { calls: scale === 'paper' ? COMPARE_CALLS : 200, bytes: 0, seed: 1 };
}

export function storedGrid(spec: CompareSpec, r: CompareResult): StoredGrid {
  return { calls: spec.calls ?? COMPARE_CALLS, bytes: spec.bytes ?? 0, seed: spec.seed ?? 1, ...r };
}

export function loadGrid(dir: string): StoredGrid | null {
  const f = join(dir, GRID_DIR, 'grid.json');
  return existsSync(f) ? (JSON.parse(readFileSync(f, 'utf8')) as StoredGrid) : null;
}

/** Kernels and machines in registry order, keeping only those in the grid. */
function axes(g: CompareResult): { ks: string[]; ms: string[] } {
  const inK = new Set(g.cells.map((c) => c.kernel));
  const inM = new Set(g.cells.map((c) => c.machine));
  return { ks: kernels.map((k) => k.id).filter((k) => inK.has(k)), ms: machines.map((m) => m.id).filter((m) => inM.has(m)) };
}

/** A round trip in µs for a heatmap label: three significant digits at most. */
const label = (us: number) => (us >= 100 ? us.toFixed(0) : us >= 10 ? us.toFixed(1) : us.toFixed(2));

export function gridSpec(g: CompareResult): TopLevelSpec {
  const { ks, ms } = axes(g);
  const values = g.cells.map((c) => ({
    kernel: c.kernel,
    machine: c.machine,
    mark: c.mark,
    us: c.latencyUs?.mean ?? null,
    label: c.latencyUs ? label(c.latencyUs.mean) : '',
    refused: c.latencyUs === null,
  }));
  const x = { field: 'machine', type: 'nominal' as const, title: 'machine', sort: ms, axis: { labelAngle: -40 } };
  const y = { field: 'kernel', type: 'nominal' as const, title: 'kernel', sort: ks };
  const ran = { filter: '!datum.refused' };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: {
      text: 'Null round trip of every kernel on every machine (µs)',
      subtitle: 'outlined in red: a paper measured the pair; grey: the cell refused',
      anchor: 'start',
    },
    width: 44 * ms.length,
    height: 26 * ks.length,
    background: 'white',
    data: { values },
    layer: [
      {
        transform: [{ filter: 'datum.refused' }],
        mark: { type: 'rect', color: '#d0d0d0' },
        encoding: { x, y },
      },
      {
        transform: [ran],
        mark: { type: 'rect' },
        encoding: {
          x,
          y,
          color: { field: 'us', type: 'quantitative', title: 'round trip (µs)', scale: { type: 'log', scheme: 'viridis' } },
        },
      },
      {
        // The cells a paper measured, outlined.
        transform: [{ filter: "datum.mark === 'paper'" }],
        mark: { type: 'rect', filled: false, stroke: '#d62728', strokeWidth: 2.5 },
        encoding: { x, y },
      },
      {
        transform: [ran],
        mark: { type: 'text', fontSize: 9 },
        encoding: {
          x,
          y,
          text: { field: 'label', type: 'nominal' },
          // Light text on the dark (fast) end of the scale, dark on the light end.
          color: { condition: { test: 'datum.us < 30', value: 'white' }, value: 'black' },
        },
      },
    ],
    config: { font: 'Helvetica, Arial, sans-serif', axis: { grid: false }, view: { stroke: null } },
  };
}

/**
 * Vega numbers the gradients of a colour legend from a counter shared by every view in the
 * process; they are renumbered from 0 in order of appearance, so the same data gives the same bytes.
 */
function stableGradients(svg: string): string {
  const ids = new Map<string, string>();
  return svg.replace(/gradient_\d+/g, (id) => {
    if (!ids.has(id)) ids.set(id, `gradient_${ids.size}`);
    return ids.get(id)!;
  });
}

export async function gridSvg(g: CompareResult): Promise<string> {
  return stableGradients(await renderSvg(gridSpec(g))) + '\n';
}

export function gridCsv(g: CompareResult): string {
  return stringify(compareRows(g), { header: true, columns: [...COMPARE_COLUMNS] });
}

/** The files of compare/, relative to that folder. */
export async function gridFiles(g: StoredGrid): Promise<Map<string, string>> {
  return new Map([
    ['grid.csv', gridCsv(g)],
    ['grid.svg', await gridSvg(g)],
    ['grid.json', stableJson(g)],
  ]);
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const MARK = { paper: ' (P)', home: ' (h)', extrapolated: '' } as const;

/** REPORT.md's section "Every kernel on every machine". */
export function gridSection(g: StoredGrid): string[] {
  const { ks, ms } = axes(g);
  const refused = g.cells.filter((c) => c.latencyUs === null);
  const out = [
    '## Every kernel on every machine',
    '',
    `The null round trip${g.bytes ? ` with ${g.bytes}-byte messages` : ''} of every kernel on every machine (\`simulate compare\`, ${g.calls} calls per cell, seed ${g.seed}), ` +
      `in µs. (P): a paper measured this pair; (h): the kernel's home machine, no paper number; unmarked: extrapolated; –: refused. ` +
      `${g.cells.length} cells: ${g.cells.length - refused.length} ran, ${refused.length} refused.`,
    '',
    `![Every kernel on every machine](${GRID_DIR}/grid.svg)`,
    '',
  ];
  const header = ['kernel', ...ms];
  const rows = ks.map((k) => [
    k,
    ...ms.map((m) => {
      const c = g.cells.find((x) => x.kernel === k && x.machine === m);
      if (!c) return '';
      return c.latencyUs ? `${label(c.latencyUs.mean)}${MARK[c.mark]}` : `–${MARK[c.mark]}`;
    }),
  ]);
  out.push([header, header.map((_, i) => (i === 0 ? '---' : '---:')), ...rows].map((r) => `| ${r.map(cell).join(' | ')} |`).join('\n'));
  out.push('', `Data: [grid.csv](${GRID_DIR}/grid.csv) (µs and cycles per round trip, instructions, TLB and cache misses per call, the reason a cell refused).`);
  if (refused.length) {
    // One line per reason (the pair named in it taken out), kernels refused on the same machines together.
    const reasons = new Map<string, Map<string, string[]>>();
    for (const c of refused) {
      const why = (c.refused ?? '').replace(`kernel ${c.kernel} cannot run on ${c.machine}: `, '');
      const byKernel = reasons.get(why) ?? new Map<string, string[]>();
      byKernel.set(c.kernel, [...(byKernel.get(c.kernel) ?? []), c.machine]);
      reasons.set(why, byKernel);
    }
    const lines: string[] = [];
    for (const [why, byKernel] of reasons) {
      const byMachines = new Map<string, string[]>();
      for (const [k, m] of byKernel) byMachines.set(m.join(', '), [...(byMachines.get(m.join(', ')) ?? []), k]);
      for (const [m, k] of byMachines) lines.push(`- ${cell(k.join(', '))} on ${cell(m)}: ${cell(why)}`);
    }
    out.push('', '### Refused cells', '');
    out.push(...lines);
  }
  out.push('', '### Porting assumptions', '');
  if (g.assumptions.length === 0) out.push('No cell ran a kernel on a machine of another instruction set.');
  else {
    out.push(
      'A kernel counts its paths in its home ISA\'s instructions; the cells on a machine of another ISA rest on these assumptions (one table, written into each run\'s `config.porting`).',
      '',
      [['from', 'to', 'assumed', 'value', 'source'], ['---', '---', '---', '---:', '---'], ...g.assumptions.map((a) => [a.from, a.to, a.what, String(a.value), a.source])]
        .map((r) => `| ${r.map(cell).join(' | ')} |`)
        .join('\n'),
    );
  }
  return out;
}
