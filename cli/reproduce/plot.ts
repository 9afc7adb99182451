// A paper figure as SVG: a Vega-Lite specification (a line per configuration, the paper's stated
// points overlaid as hollow markers, axes with units) compiled to Vega and rendered headless,
// without a canvas. Same data, same bytes.

import type { TopLevelSpec } from 'vega-lite';
import type { Axis } from '../../workloads/reproduction.js';
import type { FigureResult } from './collect.js';

const title = (a: Axis) => (a.unit ? `${a.label} (${a.unit})` : a.label);

export function figureSpec(f: FigureResult): TopLevelSpec {
  const names = [...new Set([...f.series.map((s) => s.name), ...f.paperPoints.map((p) => p.series)])];
  // A log axis cannot place zero or less (a 0-byte message): such points stay in the CSVs only.
  const placeable = (p: { x: number; y: number }) => (f.x.scale !== 'log' || p.x > 0) && (f.y.scale !== 'log' || p.y > 0);
  const values = [
    ...f.series.flatMap((s) => s.points.map((p, i) => ({ series: s.name, x: p.x, y: p.y, kind: 'simulated', order: i }))),
    ...f.paperPoints.map((p, i) => ({ series: p.series, x: p.x, y: p.y, kind: 'paper', order: i })),
  ].filter(placeable);
  // Whole-number data (threads, processors, bytes) gets whole-number ticks.
  const whole = (field: 'x' | 'y') => values.length > 0 && values.every((v) => Number.isInteger(v[field]));
  const axis = (a: Axis, field: 'x' | 'y') => ({
    field,
    type: 'quantitative' as const,
    title: title(a),
    ...(whole(field) && a.scale !== 'log' ? { axis: { tickMinStep: 1, format: ',d' } } : {}),
    scale: {
      ...(a.scale === 'log' ? { type: 'log' as const } : { zero: field === 'y' }),
      ...(a.domain ? { domain: a.domain, clamp: true } : {}),
    },
  });
  const color = { field: 'series', type: 'nominal' as const, title: 'configuration', scale: { domain: names }, sort: null };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: { text: f.title, anchor: 'start' },
    width: 520,
    height: 320,
    background: 'white',
    data: { values },
    layer: [
      {
        transform: [{ filter: "datum.kind === 'simulated'" }],
        mark: { type: 'line', point: { filled: true, size: 30 } },
        encoding: { x: axis(f.x, 'x'), y: axis(f.y, 'y'), color, order: { field: 'order', type: 'quantitative' } },
      },
      {
        transform: [{ filter: "datum.kind === 'paper'" }],
        mark: { type: 'point', shape: 'diamond', filled: false, size: 110, strokeWidth: 2, opacity: 1 },
        encoding: {
          x: axis(f.x, 'x'),
          y: axis(f.y, 'y'),
          color,
          shape: { field: 'kind', type: 'nominal', title: 'markers', scale: { domain: ['paper'], range: ['diamond'] }, legend: { labelExpr: "'paper (stated)'" } },
        },
      },
    ],
    config: { font: 'Helvetica, Arial, sans-serif', legend: { orient: 'right' } },
  };
}

/** An SVG rendered headless from a vega-lite spec: the plotting libraries load on the first one. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const [{ parse, View }, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export async function figureSvg(f: FigureResult): Promise<string> {
  return (await renderSvg(figureSpec(f))) + '\n';
}
