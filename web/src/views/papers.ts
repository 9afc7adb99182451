// Papers view: per paper, its claims (paper value, simulated, error, role, status) and its figures
// as interactive Vega-Lite charts with the paper's own points, read from the committed
// reproduction (results/<paper>/reproduction.json, bundled at build time); a figure can be re-run
// live in the worker at test scale and drawn over the committed curves.

import type { TopLevelSpec } from 'vega-lite';
// Named imports: the bundle keeps these four keys of each file and drops the rest (the runs'
// configurations and machine descriptions).
import { title as urpcTitle, claims as urpcClaims, figures as urpcFigures, tables as urpcTables } from '../../../results/urpc/reproduction.json';
import { title as l3Title, claims as l3Claims, figures as l3Figures, tables as l3Tables } from '../../../results/l3/reproduction.json';
import { title as inksTitle, claims as inksClaims, figures as inksFigures, tables as inksTables } from '../../../results/inks/reproduction.json';
import { title as swTitle, claims as swClaims, figures as swFigures, tables as swTables } from '../../../results/sleepwake/reproduction.json';
import { chart, CONFIG } from '../charts.js';
import { cancel, Cancelled, request } from '../client.js';
import { clear, fmt, h } from '../dom.js';
import type { FigureSeries } from '../protocol.js';
import { params, setState } from '../url.js';
import { busyBar, errorLine } from './common.js';

interface ClaimRow {
  id: string;
  role: string;
  source: string;
  conditions?: string;
  unit: string;
  expected: number | null;
  simulated: number | null;
  errorPct: number | null;
  tolerancePct: number;
  toleranceAbs?: number;
  status: string;
  knownGap?: string;
}
interface Axis {
  label: string;
  unit?: string;
  scale?: string;
  domain?: number[];
}
interface Figure {
  id: string;
  title: string;
  note?: string;
  x: Axis;
  y: Axis;
  series: FigureSeries[];
  paperPoints?: { series: string; x: number; y: number }[];
}
interface Table {
  id: string;
  title: string;
  note?: string;
  columns: { key: string; label: string; unit?: string }[];
  rows: Record<string, string | number | null>[];
}
interface Paper {
  id: string;
  title: string;
  claims: ClaimRow[];
  figures: Figure[];
  tables: Table[];
}

const asPaper = (id: string, m: { title: string; claims: unknown; figures: unknown; tables: unknown }): Paper => ({
  id,
  title: m.title,
  claims: m.claims as ClaimRow[],
  figures: m.figures as Figure[],
  tables: m.tables as Table[],
});

export const PAPERS: Paper[] = [
  asPaper('urpc', { title: urpcTitle, claims: urpcClaims, figures: urpcFigures, tables: urpcTables }),
  asPaper('l3', { title: l3Title, claims: l3Claims, figures: l3Figures, tables: l3Tables }),
  asPaper('inks', { title: inksTitle, claims: inksClaims, figures: inksFigures, tables: inksTables }),
  asPaper('sleepwake', { title: swTitle, claims: swClaims, figures: swFigures, tables: swTables }),
];

export function renderPapers(root: HTMLElement): void {
  const q = params();
  const paper = PAPERS.find((p) => p.id === q.get('paper')) ?? PAPERS[0];
  const tabs = h(
    'nav',
    { class: 'tabs', id: 'paper-tabs' },
    PAPERS.map((p) =>
      h('a', { href: `?view=papers&paper=${p.id}`, class: p === paper ? 'active' : '', 'data-paper': p.id, onclick: (ev: Event) => { ev.preventDefault(); setState([['view', 'papers'], ['paper', p.id]]); renderPapers(root); } }, p.id),
    ),
  );
  const count = (s: string) => paper.claims.filter((c) => c.status === s).length;
  const roles = (r: string) => paper.claims.filter((c) => c.role === r);
  const summary = h(
    'p',
    { id: 'paper-summary' },
    `${paper.claims.length} claims: ${count('pass')} pass, ${count('known-gap')} known gaps, ${count('fail')} fail, ${count('paper-inconsistent')} paper-inconsistent, ${count('not-simulated')} not simulated; `,
    ['calibrated', 'predicted', 'conformance']
      .filter((r) => roles(r).length)
      .map((r) => `${roles(r).length} ${r} (${roles(r).filter((c) => c.status === 'pass').length} pass)`)
      .join(', '),
    '. From the committed reproduction at the papers\' scale.',
  );
  const figs = h('div', { id: 'figures' });
  const claimsEl = h('div', { id: 'claims' });
  const tablesEl = h('div', { id: 'tables' });
  clear(root, tabs, h('h2', {}, paper.title), summary, h('h3', {}, 'Figures'), figs, h('h3', {}, 'Claims'), claimsEl, h('h3', {}, 'Tables'), tablesEl);
  for (const f of paper.figures) figs.append(figureBlock(paper, f));
  claimsTable(claimsEl, paper);
  for (const t of paper.tables) tablesEl.append(tableBlock(t));
}

function figureBlock(paper: Paper, f: Figure): HTMLElement {
  const el = h('div', { class: 'chart', id: `fig-${f.id}` });
  const out = h('div', { class: 'rerun' });
  const btn = h('button', { type: 'button', class: 'small', 'data-figure': f.id }, 're-run live at test scale');
  const stop = h('button', { type: 'button', class: 'small', disabled: true, onclick: () => cancel() }, 'cancel');
  btn.addEventListener('click', async () => {
    const bar = busyBar(`running ${f.id} at test scale`);
    clear(out, bar.el);
    btn.disabled = true;
    stop.disabled = false;
    try {
      const a = await request({ kind: 'figure', paper: paper.id, figure: f.id });
      bar.stop();
      clear(out, h('p', { class: 'note' }, `re-ran at test scale in ${(a.wallMs / 1000).toFixed(1)} s (dashed lines)`));
      void chart(el, figureSpec(f, a.series));
    } catch (e) {
      bar.stop();
      clear(out, e instanceof Cancelled ? h('p', { class: 'note' }, 'cancelled') : errorLine((e as Error).message));
    } finally {
      btn.disabled = false;
      stop.disabled = true;
    }
  });
  void chart(el, figureSpec(f, null));
  return h('section', { class: 'figure' }, h('h4', {}, f.title), el, f.note ? h('p', { class: 'note' }, f.note) : null, h('div', { class: 'buttons' }, btn, stop), out);
}

function figureSpec(f: Figure, live: FigureSeries[] | null): TopLevelSpec {
  const rows = (src: string, ss: FigureSeries[]) => ss.flatMap((s) => s.points.map((p) => ({ series: s.name, x: p.x, y: p.y, source: src })));
  const data = [...rows('reproduction (paper scale)', f.series), ...(live ? rows('live (test scale)', live) : [])];
  const axis = (a: Axis) => `${a.label}${a.unit ? ` (${a.unit})` : ''}`;
  const scale = (a: Axis) => ({ type: a.scale === 'log' ? ('log' as const) : ('linear' as const), ...(a.domain ? { domain: a.domain } : {}), ...(a.scale === 'log' ? {} : { zero: false }) });
  const pick = { name: 'pick', select: { type: 'point' as const, fields: ['series'] }, bind: 'legend' as const };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    config: CONFIG,
    width: 520,
    height: 300,
    layer: [
      {
        data: { values: data },
        params: [pick, { name: 'zoom', select: { type: 'interval' }, bind: 'scales' }],
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 'x', type: 'quantitative', title: axis(f.x), scale: scale(f.x) },
          y: { field: 'y', type: 'quantitative', title: axis(f.y), scale: scale(f.y) },
          color: { field: 'series', type: 'nominal', title: 'series', legend: { labelLimit: 220 } },
          strokeDash: { field: 'source', type: 'nominal', title: null, scale: { domain: ['reproduction (paper scale)', 'live (test scale)'], range: [[1, 0], [5, 3]] } },
          opacity: { condition: { param: 'pick', value: 1 }, value: 0.15 },
          tooltip: [{ field: 'series' }, { field: 'source' }, { field: 'x', title: axis(f.x) }, { field: 'y', title: axis(f.y), format: '.3~f' }],
        },
      },
      {
        data: { values: (f.paperPoints ?? []).map((p) => ({ ...p, source: "the paper's points" })) },
        mark: { type: 'point', shape: 'diamond', size: 110, strokeWidth: 2, filled: false },
        encoding: {
          x: { field: 'x', type: 'quantitative' },
          y: { field: 'y', type: 'quantitative' },
          color: { field: 'series', type: 'nominal' },
          tooltip: [{ field: 'source' }, { field: 'series' }, { field: 'x' }, { field: 'y' }],
        },
      },
    ],
  };
}

function claimsTable(el: HTMLElement, paper: Paper): void {
  const status = h('select', { id: 'claim-status' }, ['all', 'pass', 'known-gap', 'fail', 'paper-inconsistent', 'not-simulated'].map((s) => h('option', { value: s }, s)));
  const role = h('select', { id: 'claim-role' }, ['all', 'calibrated', 'predicted', 'conformance'].map((s) => h('option', { value: s }, s)));
  const text = h('input', { id: 'claim-search', placeholder: 'search id, source, conditions' });
  const body = h('tbody');
  const n = h('span', { class: 'note' });
  const draw = () => {
    const t = text.value.toLowerCase();
    const rows = paper.claims.filter(
      (c) => (status.value === 'all' || c.status === status.value) && (role.value === 'all' || c.role === role.value) && (!t || `${c.id} ${c.source} ${c.conditions ?? ''}`.toLowerCase().includes(t)),
    );
    n.textContent = ` ${rows.length} of ${paper.claims.length}`;
    clear(
      body,
      rows.map((c) =>
        h(
          'tr',
          { class: `st-${c.status}`, title: c.knownGap ?? c.conditions ?? '' },
          h('td', {}, h('code', {}, c.id)),
          h('td', {}, c.source),
          h('td', { class: 'n' }, c.expected === null ? 'qualitative' : `${fmt(c.expected, 3)} ${c.unit}`),
          h('td', { class: 'n' }, c.simulated === null ? '–' : `${fmt(c.simulated, 3)}`),
          h('td', { class: 'n' }, c.errorPct === null ? '–' : `${c.errorPct > 0 ? '+' : ''}${c.errorPct.toFixed(1)}%`),
          h('td', { class: 'n' }, c.toleranceAbs !== undefined ? `±${c.toleranceAbs} ${c.unit}` : `±${c.tolerancePct}%`),
          h('td', {}, c.role),
          h('td', { class: 'status' }, c.status),
        ),
      ),
    );
  };
  for (const x of [status, role]) x.addEventListener('change', draw);
  text.addEventListener('input', draw);
  clear(
    el,
    h('div', { class: 'filters' }, 'status ', status, ' role ', role, ' ', text, n),
    h('table', { class: 'data claims', id: 'claims-table' }, h('thead', {}, h('tr', {}, ['claim', 'source', 'paper', 'simulated', 'error', 'tolerance', 'role', 'status'].map((c) => h('th', {}, c)))), body),
  );
  draw();
}

function tableBlock(t: Table): HTMLElement {
  const cell = (v: string | number | null) => (v === null ? '–' : typeof v === 'number' ? fmt(v, 2) : v);
  return h(
    'section',
    { class: 'table' },
    h('h4', {}, t.title),
    h(
      'table',
      { class: 'data' },
      h('thead', {}, h('tr', {}, t.columns.map((c) => h('th', {}, c.unit ? `${c.label} (${c.unit})` : c.label)))),
      h('tbody', {}, t.rows.map((r) => h('tr', {}, t.columns.map((c) => h('td', { class: typeof r[c.key] === 'number' ? 'n' : '' }, cell(r[c.key] ?? null)))))),
    ),
    t.note ? h('p', { class: 'note' }, t.note) : null,
  );
}
