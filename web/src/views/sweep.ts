// Sweep view: one parameter over a range (T, C, S, clients, bytes, calls, or a --set path), the
// other inputs from the Run view's state, run as `simulate sweep` runs it (same grid syntax, same
// checks, the same CSV rows), plotted as latency or throughput against the parameter.

import type { TopLevelSpec } from 'vega-lite';
import { stringify } from 'csv-stringify/sync';
import { kernels } from '../../../kernels/index.js';
import { machines } from '../../../machines/index.js';
import type { RunSpec } from '../../../workloads/run.js';
import { chart, CONFIG } from '../charts.js';
import { cancel, Cancelled, request } from '../client.js';
import { shq } from '../command.js';
import { clear, download, h } from '../dom.js';
import type { GridInput, SweepAnswerRow } from '../protocol.js';
import { flag, NUMBER_KEYS, specOf } from '../spec.js';
import { params, setState } from '../url.js';
import { busyBar, errorLine } from './common.js';
import { commandLine } from './run.js';

const AXES = ['T', 'C', 'S', 'clients', 'bytes', 'calls', 'set'] as const;

/** The sweep as `simulate sweep` arguments: the base run's values, with the swept one as a list. */
function gridOf(base: RunSpec, axis: string, path: string, values: string): GridInput {
  const numbers: GridInput['numbers'] = {};
  // In the command line's flag order, so the command shown reads the same however it was built.
  for (const k of NUMBER_KEYS) {
    if (k === axis) numbers[k] = values;
    else if (base[k] !== undefined) numbers[k] = String(base[k]);
  }
  let set = (base.set ?? []).slice();
  if (axis === 'set') {
    set = set.filter((s) => s.slice(0, s.indexOf('=')).trim() !== path);
    set.push(`${path}=${values}`);
  }
  return { machine: base.machine, kernel: base.kernel, workload: base.workload, numbers, set };
}

function sweepCommand(g: GridInput): string {
  const w = ['simulate', 'sweep', '-m', g.machine, '-k', g.kernel];
  if (g.workload) w.push('-w', g.workload);
  for (const [k, v] of Object.entries(g.numbers)) if (v !== undefined) w.push(flag(k), v);
  for (const s of g.set) w.push('--set', s);
  return w.map(shq).join(' ');
}

export function renderSweep(root: HTMLElement): void {
  const q = params();
  const axis = AXES.includes(q.get('axis') as (typeof AXES)[number]) ? q.get('axis')! : 'T';
  const mSel = h('select', { id: 'sw-machine' }, machines.map((m) => h('option', { value: m.id, selected: m.id === (q.get('m') ?? 'firefly-cvax') }, m.id)));
  const kSel = h('select', { id: 'sw-kernel' }, kernels.map((k) => h('option', { value: k.id, selected: k.id === (q.get('k') ?? 'urpc') }, k.id)));
  const aSel = h('select', { id: 'sw-axis' }, AXES.map((a) => h('option', { value: a, selected: a === axis }, a === 'set' ? '--set path' : a)));
  const path = h('input', { id: 'sw-path', value: q.get('path') ?? '', placeholder: 'e.g. tlb.entries or kernel.scenario' });
  const values = h('input', { id: 'sw-values', value: q.get('values') ?? '1..10', placeholder: '1..10, 1,2,4 or 0..4096:1024' });
  const metric = h('select', { id: 'sw-metric' }, ['latency', 'throughput'].map((m) => h('option', { value: m, selected: m === (q.get('metric') ?? 'latency') }, m)));
  const runBtn = h('button', { type: 'submit', class: 'primary', id: 'sw-run' }, 'Run sweep');
  const cancelBtn = h('button', { type: 'button', disabled: true, id: 'sw-cancel', onclick: () => cancel() }, 'Cancel');
  const kept = [...q.entries()].filter(([k]) => (NUMBER_KEYS as readonly string[]).includes(k) || k === 'w' || k === 'set');
  const form = h(
    'form',
    { class: 'panel', id: 'sw-form' },
    h('label', {}, 'machine', mSel),
    h('label', {}, 'kernel', kSel),
    h('label', {}, 'parameter', aSel),
    h('label', {}, '--set path (when sweeping a path)', path),
    h('label', {}, 'values', values),
    h('label', {}, 'plot', metric),
    h('p', { class: 'note' }, `Other inputs from the Run view: ${kept.map(([k, v]) => `${k}=${v}`).join(' ') || 'defaults'}.`),
    h('div', { class: 'buttons' }, runBtn, cancelBtn),
  );
  const out = h('div', { class: 'out', id: 'sw-out' });
  clear(root, h('div', { class: 'two' }, form, out));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const base = kept.filter(([k]) => k !== aSel.value);
    setState([['view', 'sweep'], ['m', mSel.value], ['k', kSel.value], ...base, ['axis', aSel.value], ['path', aSel.value === 'set' ? path.value.trim() : ''], ['values', values.value.trim()], ['metric', metric.value], ['go', '1']]);
    renderSweep(root);
  });
  if (q.get('go') === '1') void go(out, runBtn, cancelBtn);
}

async function go(out: HTMLElement, runBtn: HTMLButtonElement, cancelBtn: HTMLButtonElement): Promise<void> {
  const q = params();
  const axis = q.get('axis') ?? 'T';
  const path = q.get('path') ?? '';
  const metric = q.get('metric') === 'throughput' ? 'throughput' : 'latency';
  let grid: GridInput;
  try {
    if (axis === 'set' && !path) throw new Error('--set: give the path to sweep (e.g. tlb.entries)');
    grid = gridOf(specOf(q), axis, path, q.get('values') ?? '');
  } catch (e) {
    clear(out, errorLine((e as Error).message));
    return;
  }
  const cmd = sweepCommand(grid);
  const bar = busyBar('checking the points');
  clear(out, commandLine(cmd), bar.el);
  runBtn.disabled = true;
  cancelBtn.disabled = false;
  try {
    const a = await request({ kind: 'sweep', grid }, (p) => bar.set(p.done, p.total, p.note));
    bar.stop();
    const key = axis === 'set' ? `set:${path}` : axis;
    const el = h('div', { id: 'sweep-chart', class: 'chart' });
    const csv = stringify(a.rows.map((r) => r.row), { header: true, columns: a.header });
    const json = JSON.stringify(a.rows.map((r) => Object.fromEntries(a.header.map((hd, i) => [hd, r.row[i]]))), null, 2) + '\n';
    clear(
      out,
      commandLine(cmd),
      h('h2', {}, `${grid.kernel} on ${grid.machine}: ${metric} against ${axis === 'set' ? path : axis}`, h('small', {}, ` ${a.rows.length} points in ${(a.wallMs / 1000).toFixed(1)} s`)),
      h('div', { class: 'downloads' }, 'download: ', h('button', { type: 'button', class: 'small', onclick: () => download('sweep.csv', csv, 'text/csv') }, 'CSV'), h('button', { type: 'button', class: 'small', onclick: () => download('sweep.json', json, 'application/json') }, 'JSON')),
      el,
      sweepTable(a.header, a.rows),
    );
    void chart(el, sweepSpec(a.rows, key, axis === 'set' ? path : axis, metric));
  } catch (e) {
    bar.stop();
    clear(out, commandLine(cmd), e instanceof Cancelled ? h('p', { class: 'note' }, 'cancelled') : errorLine((e as Error).message));
  } finally {
    runBtn.disabled = false;
    cancelBtn.disabled = true;
  }
}

function sweepSpec(rows: SweepAnswerRow[], key: string, label: string, metric: 'latency' | 'throughput'): TopLevelSpec {
  const numeric = rows.every((r) => Number.isFinite(Number(r.at[key])));
  const data = rows.map((r) => ({ x: numeric ? Number(r.at[key]) : r.at[key], y: metric === 'latency' ? r.latencyUs : r.throughputPerSec }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    config: CONFIG,
    width: 560,
    height: 320,
    data: { values: data },
    params: [{ name: 'zoom', select: { type: 'interval' }, bind: 'scales' }],
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'x', type: numeric ? 'quantitative' : 'ordinal', title: label },
      y: { field: 'y', type: 'quantitative', title: metric === 'latency' ? 'latency mean (µs)' : 'throughput (calls/s)', scale: { zero: false } },
      tooltip: [{ field: 'x', title: label }, { field: 'y', title: metric, format: ',.2f' }],
    },
  };
}

function sweepTable(header: string[], rows: SweepAnswerRow[]): HTMLElement {
  return h('table', { class: 'data', id: 'sweep-table' }, h('thead', {}, h('tr', {}, header.map((c) => h('th', {}, c)))), h('tbody', {}, rows.map((r) => h('tr', {}, r.row.map((v) => h('td', { class: typeof v === 'number' ? 'n' : '' }, String(v)))))));
}
