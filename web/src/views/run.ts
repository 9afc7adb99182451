// Run view: one simulation, as `simulate run` does it. Inputs in the URL; latency, throughput, the
// per-step breakdown (client and server sides, TLB and cache miss time shown) and a zoomable
// timeline of the first calls per processor, with processor donations and messages marked.

import type { TopLevelSpec } from 'vega-lite';
import { machines } from '../../../machines/index.js';
import { kernels, findKernel } from '../../../kernels/index.js';
import { workloads } from '../../../workloads/index.js';
import type { RunResult, RunSpec } from '../../../workloads/run.js';
import { runCsv } from '../../../cli/format.js';
import { chart, CONFIG } from '../charts.js';
import { request, cancel, Cancelled } from '../client.js';
import { runCommand } from '../command.js';
import { clear, download, fmt, h } from '../dom.js';
import type { TimelineData } from '../protocol.js';
import { entriesOf, FIGURE1, NUMBER_KEYS, specOf, SpecError } from '../spec.js';
import { params, setState } from '../url.js';
import { busyBar, errorLine } from './common.js';

/** Leaf paths of a machine description that `--set` accepts (its sources excepted). */
function leafPaths(x: unknown, prefix = ''): string[] {
  if (x === null || typeof x !== 'object' || Array.isArray(x)) return [prefix];
  return Object.entries(x as Record<string, unknown>)
    .filter(([k]) => !(prefix === '' && (k === 'sources' || k === 'id' || k === 'title' || k === 'aliases')))
    .flatMap(([k, v]) => leafPaths(v, prefix ? `${prefix}.${k}` : k));
}

const HINTS: Record<string, string> = {
  T: 'client threads',
  C: 'client processors',
  S: 'server processors',
  clients: 'client processes',
  bytes: 'message bytes',
  calls: 'measured calls',
  warmup: 'warm-up calls',
  seed: 'seed',
};

export function renderRun(root: HTMLElement): void {
  const q = params();
  const machineId = q.get('m') ?? 'firefly-cvax';
  const kernelId = q.get('k') ?? 'urpc';
  const kernel = findKernel(kernelId);
  const machine = machines.find((m) => m.id === machineId || m.aliases.includes(machineId));

  const mSel = h('select', { id: 'machine', name: 'm' }, machines.map((m) => h('option', { value: m.id, selected: m.id === machine?.id }, `${m.id} — ${m.clockMHz} MHz × ${m.processors}`)));
  const kSel = h('select', { id: 'kernel', name: 'k' }, kernels.map((k) => h('option', { value: k.id, selected: k.id === kernelId }, `${k.id} — ${k.title}`)));
  const wl = kernel ? workloads.filter((w) => w.runsOn(kernel)) : workloads;
  const wSel = h('select', { id: 'workload', name: 'w' }, h('option', { value: '' }, '(default)'), wl.map((w) => h('option', { value: w.id, selected: w.id === q.get('w'), title: w.title }, w.id)));
  const nums = NUMBER_KEYS.map((k) =>
    h('label', { class: 'num' }, h('span', {}, k.length === 1 ? k : k), h('input', { id: `in-${k}`, name: k, value: q.get(k) ?? '', placeholder: 'default', inputmode: 'numeric', title: HINTS[k] }), h('small', {}, HINTS[k])),
  );
  const setBox = h('textarea', { id: 'sets', name: 'set', rows: 3, placeholder: 'one per line: tlb.tagged=true, kernel.NAME=value', spellcheck: 'false' });
  setBox.value = q.getAll('set').join('\n');
  const paths = machine ? leafPaths(machine) : [];
  const options = kernel?.options ?? [];
  const help = h(
    'details',
    { class: 'sethelp' },
    h('summary', {}, `what-if overrides: ${options.length} kernel options, ${paths.length} machine parameters`),
    h('ul', {}, options.map((o) => h('li', {}, h('code', {}, `kernel.${o.name}=${o.choices ? o.choices.join('|') : o.type}`), ` ${o.description} (default ${String(o.default)})`))),
    h('p', { class: 'paths' }, paths.map((p) => h('code', {}, p)).flatMap((c) => [c, ' '])),
  );

  const form = h('form', { id: 'run-form', class: 'panel' }, h('label', {}, 'machine', mSel), h('label', {}, 'kernel', kSel), h('label', {}, 'workload', wSel), h('div', { class: 'nums' }, nums), h('label', {}, '--set', setBox), help);
  const runBtn = h('button', { id: 'run', type: 'submit', class: 'primary' }, 'Run');
  const cancelBtn = h('button', { id: 'cancel', type: 'button', disabled: true }, 'Cancel');
  const fig1 = h('button', { id: 'figure1', type: 'button', title: 'an editor calling a window manager and a file cache manager (urpc §2, Figure 1)' }, 'URPC Figure 1');
  form.append(h('div', { class: 'buttons' }, runBtn, cancelBtn, fig1));

  const out = h('div', { id: 'run-out', class: 'out' });
  clear(root, h('div', { class: 'two' }, form, out));

  const readForm = (): [string, string][] => {
    const e: [string, string][] = [['view', 'run'], ['m', mSel.value], ['k', kSel.value], ['w', wSel.value]];
    for (const k of NUMBER_KEYS) e.push([k, (document.getElementById(`in-${k}`) as HTMLInputElement).value.trim()]);
    for (const s of setBox.value.split('\n')) e.push(['set', s.trim()]);
    return e;
  };
  // A different kernel or machine changes the choices offered: redraw the form from the URL.
  const redraw = (keepWorkload: boolean) => {
    const e = readForm().filter(([k]) => keepWorkload || k !== 'w');
    setState(e, false);
    renderRun(root);
  };
  kSel.addEventListener('change', () => redraw(false));
  mSel.addEventListener('change', () => redraw(true));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    setState(readForm());
    void go(out, runBtn, cancelBtn);
  });
  cancelBtn.addEventListener('click', () => cancel());
  fig1.addEventListener('click', () => {
    setState([['view', 'run'], ...FIGURE1]);
    renderRun(root);
  });
  void go(out, runBtn, cancelBtn);
}

async function go(out: HTMLElement, runBtn: HTMLButtonElement, cancelBtn: HTMLButtonElement): Promise<void> {
  let spec: RunSpec;
  try {
    spec = specOf(params());
  } catch (e) {
    clear(out, errorLine((e as SpecError).message));
    return;
  }
  const cmd = runCommand(spec);
  const bar = busyBar('running ' + cmd);
  clear(out, commandLine(cmd), bar.el);
  runBtn.disabled = true;
  cancelBtn.disabled = false;
  try {
    const a = await request({ kind: 'run', spec }, (p) => bar.note(p.note));
    bar.stop();
    showRun(out, spec, a.result, a.timeline, a.wallMs);
  } catch (e) {
    bar.stop();
    clear(out, commandLine(cmd), e instanceof Cancelled ? h('p', { class: 'note' }, 'cancelled') : errorLine((e as Error).message));
  } finally {
    runBtn.disabled = false;
    cancelBtn.disabled = true;
  }
}

export function commandLine(cmd: string): HTMLElement {
  const code = h('code', { id: 'command' }, cmd);
  const copy = h('button', { type: 'button', class: 'small', onclick: () => void navigator.clipboard?.writeText(cmd) }, 'copy');
  return h('div', { class: 'command' }, h('span', { class: 'prompt' }, '$'), code, copy);
}

function showRun(out: HTMLElement, spec: RunSpec, r: RunResult, tl: TimelineData | null, wallMs: number): void {
  const res = r.result;
  const p = r.params;
  const json = JSON.stringify(r, null, 2) + '\n';
  const base = `${r.kernel}-${r.machine}`;
  const dl = h(
    'div',
    { class: 'downloads' },
    'download: ',
    h('button', { type: 'button', class: 'small', id: 'dl-json', onclick: () => download(`${base}.json`, json, 'application/json') }, 'JSON'),
    h('button', { type: 'button', class: 'small', id: 'dl-csv', onclick: () => download(`${base}.csv`, runCsv(r), 'text/csv') }, 'CSV'),
    tl ? h('button', { type: 'button', class: 'small', id: 'dl-trace', onclick: () => download(`${base}.trace.json`, tl.chrome, 'application/json') }, 'trace (Perfetto)') : null,
  );
  const headline = h(
    'div',
    { class: 'headline' },
    h('div', { class: 'big' }, h('span', { class: 'label' }, 'latency'), h('span', { id: 'latency', 'data-us': String(res.latencyUs.mean) }, fmt(res.latencyUs.mean)), ' µs'),
    h('div', { class: 'big' }, h('span', { class: 'label' }, 'throughput'), h('span', { id: 'throughput', 'data-per-sec': String(res.throughputPerSec) }, Math.round(res.throughputPerSec).toLocaleString('en-US')), ' calls/s'),
    h(
      'div',
      { class: 'small-figs', id: 'run-perf', 'data-wall-ms': String(wallMs) },
      `p50 ${fmt(res.latencyUs.p50)} µs · p99 ${fmt(res.latencyUs.p99)} µs · ${fmt(res.latencyCycles.mean, 1)} cycles · ${res.calls.toLocaleString('en-US')} calls after ${p.warmup} warm-up · ${r.perf.events.toLocaleString('en-US')} events in ${Math.round(wallMs)} ms`,
    ),
  );
  const title = h('h2', {}, `${r.kernel} on ${r.config.machine.title}`, h('small', {}, ` workload ${r.workload}; T=${p.T} C=${p.C} S=${p.S} clients=${p.clients} bytes=${p.bytes}; seed ${r.seed}`));
  const bd = h('div', { id: 'breakdown', class: 'chart' });
  const tlEl = h('div', { id: 'timeline', class: 'chart wide' });
  const events = h('div', { id: 'timeline-events' });
  clear(
    out,
    commandLine(runCommand(spec)),
    title,
    headline,
    dl,
    h('h3', {}, 'Breakdown per call'),
    h('p', { class: 'note' }, 'Each step\'s time per measured call; the lighter parts of a bar are TLB-miss and cache-miss time.'),
    bd,
    h('details', { class: 'table-details' }, h('summary', { class: 'note' }, 'the breakdown as a table (instructions, TLB and cache misses per step)'), breakdownTable(r)),
    h('h3', {}, 'Timeline'),
    tl ? h('p', { class: 'note', id: 'timeline-note' }, timelineNote(tl)) : h('p', { class: 'note' }, 'no timeline'),
    h(
      'div',
      { class: 'buttons' },
      h('button', { type: 'button', class: 'small', id: 'zoom-reset' }, 'reset zoom'),
      h('label', { class: 'note' }, 'colour by ', h('select', { id: 'tl-colour' }, h('option', { value: 'space' }, 'address space'), h('option', { value: 'side' }, 'side'))),
      h('span', { class: 'note' }, ' scroll to zoom, drag to pan'),
    ),
    tlEl,
    events,
  );
  void chart(bd, breakdownSpec(r));
  if (tl) {
    const colour = document.getElementById('tl-colour') as HTMLSelectElement;
    const draw = () => void chart(tlEl, timelineSpec(tl, colour.value === 'side' ? 'side' : 'space', Math.max(480, tlEl.clientWidth - 190)));
    draw();
    document.getElementById('zoom-reset')?.addEventListener('click', draw);
    colour.addEventListener('change', draw);
    showEvents(events, tl);
  }
}

function timelineNote(tl: TimelineData): string {
  const what = tl.separate ? `the first ${tl.calls} calls of the same configuration (a short traced run)` : `all ${tl.calls} calls of this run`;
  return `${what}: one row per processor, a bar per code-path step (hover for thread and step); ▼ marks a processor donation, • a message sent.${tl.dropped ? ` (${tl.dropped} events not recorded)` : ''}`;
}

function breakdownTable(r: RunResult): HTMLElement {
  const rows = r.result.breakdown;
  return h(
    'table',
    { class: 'data', id: 'breakdown-table' },
    h('thead', {}, h('tr', {}, ['side', 'step', 'µs', 'cycles', 'instructions', 'TLB misses', 'TLB cycles', 'cache misses', 'cache cycles'].map((c) => h('th', {}, c)))),
    h(
      'tbody',
      {},
      rows.map((b) =>
        h('tr', {}, h('td', {}, b.side), h('td', {}, b.step), h('td', { class: 'n' }, fmt(b.us)), h('td', { class: 'n' }, fmt(b.cycles, 1)), h('td', { class: 'n' }, fmt(b.instructions, 1)), h('td', { class: 'n' }, fmt(b.tlbMisses)), h('td', { class: 'n' }, fmt(b.tlbCycles, 1)), h('td', { class: 'n' }, fmt(b.cacheMisses)), h('td', { class: 'n' }, fmt(b.cacheCycles, 1))),
      ),
    ),
  );
}

function breakdownSpec(r: RunResult): TopLevelSpec {
  const mhz = r.config.machine.clockMHz;
  const data = r.result.breakdown.flatMap((b, i) =>
    [
      { part: 'execution', cycles: b.execCycles },
      { part: 'TLB misses', cycles: b.tlbCycles },
      { part: 'cache misses', cycles: b.cacheCycles },
    ]
      .filter((x) => x.cycles > 0)
      .map((x) => ({ side: b.side, step: b.step, order: i, part: x.part, us: x.cycles / mhz, cycles: x.cycles, tlbMisses: b.tlbMisses, cacheMisses: b.cacheMisses, stepUs: b.us })),
  );
  const sides = [...new Set(r.result.breakdown.map((b) => b.side))];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    config: CONFIG,
    width: 560,
    height: { step: 34 },
    data: { values: data },
    mark: { type: 'bar', stroke: 'white', strokeWidth: 0.5 },
    encoding: {
      y: { field: 'side', type: 'nominal', sort: sides, title: null },
      x: { field: 'us', type: 'quantitative', stack: 'zero', title: 'µs per call' },
      color: { field: 'step', type: 'nominal', sort: { field: 'order' }, legend: { columns: 2, symbolLimit: 40, labelLimit: 260 }, scale: { scheme: 'tableau20' } },
      opacity: { field: 'part', type: 'ordinal', sort: ['execution', 'TLB misses', 'cache misses'], scale: { domain: ['execution', 'TLB misses', 'cache misses'], range: [1, 0.5, 0.25] }, title: 'part' },
      order: { field: 'order' },
      tooltip: [
        { field: 'side' },
        { field: 'step' },
        { field: 'part' },
        { field: 'us', format: '.2f', title: 'µs (this part)' },
        { field: 'stepUs', format: '.2f', title: 'µs (step)' },
        { field: 'tlbMisses', format: '.2f', title: 'TLB misses' },
        { field: 'cacheMisses', format: '.2f', title: 'cache misses' },
      ],
    },
  };
}

/** Steps after which a message is in flight to the other side. */
const MESSAGE_STEP = /^(send|enqueue)$|copyin (reply )?message|call kernel|trap into kernel/i;

/** The address space a slice's thread belongs to: "editor/T1" and "kernel (FCMgr -> editor)" give "editor" and "kernel". */
const spaceOf = (thread: string) => thread.split(/[/ ]/)[0] || '(none)';

function timelineSpec(tl: TimelineData, colourBy: 'space' | 'side', width: number): TopLevelSpec {
  const us = (c: number) => c / tl.clockMHz;
  const slices = tl.slices.map((s) => {
    const thread = String(s.args?.thread ?? '');
    return { track: s.track, step: s.name, side: s.cat, thread, space: spaceOf(thread), start: us(s.start), end: us(s.start + s.dur), dur: us(s.dur) };
  });
  const marks = [
    ...tl.instants.map((i) => ({ track: i.track, at: us(i.at), what: i.name, kind: 'donation' })),
    ...tl.slices.filter((s) => MESSAGE_STEP.test(s.name)).map((s) => ({ track: s.track, at: us(s.start + s.dur), what: `message: after ${s.name} (${String(s.args?.thread ?? '')})`, kind: 'message' })),
  ];
  const tracks = [...new Set([...slices.map((s) => s.track), ...marks.map((m) => m.track)])].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    config: CONFIG,
    width,
    height: { step: 36 },
    layer: [
      {
        data: { values: slices },
        params: [{ name: 'zoom', select: { type: 'interval', encodings: ['x'] }, bind: 'scales' }],
        mark: { type: 'bar', stroke: 'white', strokeWidth: 0.3, height: { band: 0.7 } },
        encoding: {
          y: { field: 'track', type: 'nominal', sort: tracks, title: null },
          x: { field: 'start', type: 'quantitative', title: 'µs' },
          x2: { field: 'end' },
          color: colourBy === 'side' ? { field: 'side', type: 'nominal', title: 'side', scale: { scheme: 'set2' } } : { field: 'space', type: 'nominal', title: 'address space', scale: { scheme: 'tableau10' } },
          tooltip: [{ field: 'track', title: 'processor' }, { field: 'space', title: 'address space' }, { field: 'thread', title: 'thread' }, { field: 'step' }, { field: 'side' }, { field: 'start', format: '.1f', title: 'at µs' }, { field: 'dur', format: '.2f', title: 'µs' }],
        },
      },
      {
        data: { values: marks },
        mark: { type: 'point', filled: true, yOffset: -14, size: 90 },
        encoding: {
          y: { field: 'track', type: 'nominal', sort: tracks },
          x: { field: 'at', type: 'quantitative' },
          shape: { field: 'kind', type: 'nominal', scale: { domain: ['donation', 'message'], range: ['triangle-down', 'circle'] }, title: 'marks' },
          size: { condition: { test: "datum.kind === 'donation'", value: 160 }, value: 22 },
          fill: { value: '#222' },
          tooltip: [{ field: 'what' }, { field: 'at', format: '.1f', title: 'at µs' }, { field: 'track', title: 'processor' }],
        },
      },
    ],
    resolve: { scale: { color: 'independent' } },
  };
}

function showEvents(el: HTMLElement, tl: TimelineData): void {
  const us = (c: number) => (c / tl.clockMHz).toFixed(1);
  if (tl.instants.length === 0) {
    clear(el, h('p', { class: 'note' }, 'No processor donations in this timeline.'));
    return;
  }
  clear(
    el,
    h('h4', {}, 'Processor donations'),
    h('ul', { class: 'events' }, tl.instants.map((i) => h('li', { class: 'donation' }, h('code', {}, `${us(i.at)} µs`), ` ${i.track}: ${i.name}`))),
  );
}

export { entriesOf };
