// Compare view: `simulate compare` as a heatmap of kernels by machines (log colour scale of the
// round trip; paper cells outlined, home cells dashed, refused cells grey with their reason). A
// click on a cell opens that run in the Run view.

import type { TopLevelSpec } from 'vega-lite';
import { stringify } from 'csv-stringify/sync';
import { kernels } from '../../../kernels/index.js';
import { machines } from '../../../machines/index.js';
import { COMPARE_CALLS, COMPARE_COLUMNS, compareRows, type CompareCell, type CompareResult, type CompareSpec } from '../../../workloads/compare.js';
import { chart, CONFIG } from '../charts.js';
import { cancel, Cancelled, request } from '../client.js';
import { compareCommand } from '../command.js';
import { clear, download, fmt, h } from '../dom.js';
import { params, setState } from '../url.js';
import { busyBar, errorLine } from './common.js';
import { commandLine } from './run.js';

const cache = new Map<string, CompareResult>();

function specOf(q: URLSearchParams): CompareSpec {
  const list = (k: string) => (q.get(k) ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const num = (k: string, d?: number) => {
    const v = q.get(k);
    if (v === null || v === '') return d;
    const x = Number(v);
    if (!Number.isInteger(x) || x < 0) throw new Error(`--${k} takes a whole number >= 0, got '${v}'`);
    return x;
  };
  return { kernels: list('kernels'), machines: list('machines'), bytes: num('bytes', 0), calls: num('calls', COMPARE_CALLS) };
}

export function renderCompare(root: HTMLElement, openRun: (entries: [string, string][]) => void): void {
  const q = params();
  const chosen = (k: string) => new Set((q.get(k) ?? '').split(',').filter(Boolean));
  const ks = chosen('kernels');
  const ms = chosen('machines');
  const boxes = (name: string, ids: string[], on: Set<string>) =>
    h('fieldset', { class: 'boxes' }, h('legend', {}, `${name} (none ticked: all)`), ids.map((id) => h('label', {}, h('input', { type: 'checkbox', name, value: id, checked: on.has(id) }), id)));
  const bytes = h('input', { id: 'cmp-bytes', value: q.get('bytes') ?? '', placeholder: '0' });
  const calls = h('input', { id: 'cmp-calls', value: q.get('calls') ?? '', placeholder: String(COMPARE_CALLS) });
  const runBtn = h('button', { type: 'submit', class: 'primary', id: 'cmp-run' }, 'Run grid');
  const cancelBtn = h('button', { type: 'button', id: 'cmp-cancel', disabled: true, onclick: () => cancel() }, 'Cancel');
  const form = h(
    'form',
    { class: 'panel', id: 'cmp-form' },
    boxes('kernels', kernels.map((k) => k.id), ks),
    boxes('machines', machines.map((m) => m.id), ms),
    h('label', { class: 'num' }, h('span', {}, 'bytes'), bytes),
    h('label', { class: 'num' }, h('span', {}, 'calls per cell'), calls),
    h('div', { class: 'buttons' }, runBtn, cancelBtn),
  );
  const out = h('div', { class: 'out', id: 'cmp-out' });
  clear(root, h('div', { class: 'two' }, form, out));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const picked = (name: string) => [...form.querySelectorAll<HTMLInputElement>(`input[name=${name}]:checked`)].map((i) => i.value).join(',');
    setState([['view', 'compare'], ['kernels', picked('kernels')], ['machines', picked('machines')], ['bytes', bytes.value.trim()], ['calls', calls.value.trim()]]);
    void go(out, runBtn, cancelBtn, openRun);
  });
  void go(out, runBtn, cancelBtn, openRun);
}

async function go(out: HTMLElement, runBtn: HTMLButtonElement, cancelBtn: HTMLButtonElement, openRun: (e: [string, string][]) => void): Promise<void> {
  let spec: CompareSpec;
  try {
    spec = specOf(params());
  } catch (e) {
    clear(out, errorLine((e as Error).message));
    return;
  }
  const cmd = compareCommand(spec);
  const key = JSON.stringify(spec);
  const hit = cache.get(key);
  if (hit) return show(out, spec, hit, openRun);
  const bar = busyBar('starting');
  const live = h('p', { class: 'note', id: 'cmp-live' });
  clear(out, commandLine(cmd), bar.el, live);
  runBtn.disabled = true;
  cancelBtn.disabled = false;
  let refused = 0;
  try {
    const a = await request({ kind: 'compare', spec }, (p) => {
      bar.set(p.done, p.total, p.note);
      if (p.cell?.refused) refused++;
      live.textContent = `${p.done - refused} ran, ${refused} refused`;
    });
    bar.stop();
    cache.set(key, a.result);
    show(out, spec, a.result, openRun);
  } catch (e) {
    bar.stop();
    clear(out, commandLine(cmd), e instanceof Cancelled ? h('p', { class: 'note' }, 'cancelled') : errorLine((e as Error).message));
  } finally {
    runBtn.disabled = false;
    cancelBtn.disabled = true;
  }
}

function show(out: HTMLElement, spec: CompareSpec, r: CompareResult, openRun: (e: [string, string][]) => void): void {
  const ran = r.cells.filter((c) => c.refused === null);
  const refused = r.cells.filter((c) => c.refused !== null);
  const heat = h('div', { id: 'heatmap', class: 'chart wide' });
  const csv = () => stringify(compareRows(r), { header: true, columns: [...COMPARE_COLUMNS] });
  const open = (c: CompareCell) =>
    openRun([['view', 'run'], ['m', c.machine], ['k', c.kernel], ...(spec.bytes ? [['bytes', String(spec.bytes)] as [string, string]] : [])]);
  clear(
    out,
    commandLine(compareCommand(spec, ['--json'])),
    h('h2', {}, 'Every kernel on every machine', h('small', { id: 'cmp-summary' }, ` ${r.cells.length} cells: ${ran.length} ran, ${refused.length} refused`)),
    h(
      'p',
      { class: 'note' },
      `Mean round trip of the null call${spec.bytes ? ` with ${spec.bytes}-byte messages` : ''}, ${spec.calls} calls per cell (log colour scale). `,
      'Thick outline: a paper measured this pair; dashed: the kernel\'s home machine; grey ×: refused (hover for the reason). Click a cell to open that run.',
    ),
    h(
      'div',
      { class: 'downloads' },
      'download: ',
      h('button', { type: 'button', class: 'small', onclick: () => download('compare.json', JSON.stringify(r, null, 2) + '\n', 'application/json') }, 'JSON'),
      h('button', { type: 'button', class: 'small', onclick: () => download('compare.csv', csv(), 'text/csv') }, 'CSV'),
    ),
    heat,
    refused.length
      ? h('details', { id: 'refusals' }, h('summary', {}, `${refused.length} refused cells and why`), h('ul', {}, refused.map((c) => h('li', {}, h('code', {}, `${c.kernel} on ${c.machine}`), `: ${c.refused}`))))
      : null,
    r.assumptions.length
      ? h('div', {}, h('h3', {}, 'Porting assumptions'), h('ul', {}, r.assumptions.map((a) => h('li', {}, `${a.from} → ${a.to}: ${a.what} = ${a.value} (${a.source})`))))
      : h('p', { class: 'note' }, 'Porting assumptions: none declared by the kernels yet; cells off a kernel\'s home ISA price its instruction counts as the machine\'s own.'),
  );
  void chart(heat, heatSpec(r), {
    onClick: (d) => {
      const c = r.cells.find((x) => x.kernel === d.kernel && x.machine === d.machine);
      if (c) open(c);
    },
  });
}

function heatSpec(r: CompareResult): TopLevelSpec {
  const ks = [...new Set(r.cells.map((c) => c.kernel))];
  const ms = [...new Set(r.cells.map((c) => c.machine))];
  const logs = r.cells.flatMap((c) => (c.latencyUs ? [Math.log(c.latencyUs.mean)] : []));
  const lo = Math.min(...logs);
  const span = Math.max(...logs) - lo || 1;
  const data = r.cells.map((c) => ({
    kernel: c.kernel,
    machine: c.machine,
    mark: c.mark,
    us: c.latencyUs?.mean ?? null,
    label: c.latencyUs ? fmt(c.latencyUs.mean, c.latencyUs.mean < 10 ? 2 : 1) : '×',
    refused: c.refused ?? '',
    instructions: c.perCall?.instructions ?? null,
    tlb: c.perCall?.tlbMisses ?? null,
    cache: c.perCall?.cacheMisses ?? null,
    workload: c.workload ?? '',
    // The reversed viridis scale is light at the low end: dark text there, white on the dark end.
    darkText: !c.latencyUs || (Math.log(c.latencyUs.mean) - lo) / span < 0.55,
  }));
  const tooltip = [
    { field: 'kernel' },
    { field: 'machine' },
    { field: 'mark' },
    { field: 'workload' },
    { field: 'us', format: '.2f', title: 'µs per round trip' },
    { field: 'instructions', format: '.0f', title: 'instructions per call' },
    { field: 'tlb', format: '.2f', title: 'TLB misses per call' },
    { field: 'cache', format: '.2f', title: 'cache misses per call' },
    { field: 'refused' },
  ];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    config: CONFIG,
    data: { values: data },
    width: { step: 78 },
    height: { step: 30 },
    encoding: {
      x: { field: 'machine', type: 'nominal', sort: ms, title: null, axis: { orient: 'top', labelAngle: -30 } },
      y: { field: 'kernel', type: 'nominal', sort: ks, title: null },
    },
    layer: [
      // Grey under every cell: refused cells (no number) stay grey.
      { mark: { type: 'rect', fill: '#e6e6e6', cursor: 'pointer' }, encoding: { tooltip } },
      {
        transform: [{ filter: 'datum.us !== null' }],
        mark: { type: 'rect', cursor: 'pointer' },
        encoding: {
          color: {
            field: 'us',
            type: 'quantitative',
            scale: { type: 'log', scheme: 'viridis', reverse: true },
            title: 'µs (log)',
          },
          tooltip,
        },
      },
      {
        transform: [{ filter: "datum.mark !== 'extrapolated'" }],
        mark: { type: 'rect', fill: null, cursor: 'pointer' },
        encoding: {
          stroke: { value: '#111' },
          strokeWidth: { condition: { test: "datum.mark === 'paper'", value: 3 }, value: 1.5 },
          strokeDash: { condition: { test: "datum.mark === 'paper'", value: [1, 0] }, value: [4, 3] },
          tooltip,
        },
      },
      {
        mark: { type: 'text', fontSize: 10, cursor: 'pointer' },
        encoding: {
          text: { field: 'label' },
          color: { condition: { test: 'datum.darkText', value: '#111' }, value: '#fff' },
          tooltip,
        },
      },
    ],
  };
}
