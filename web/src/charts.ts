// Vega-Lite charts rendered with Vega's own View (SVG), interactive without any embedding library:
// tooltips come from Vega's default handler, zoom and pan from scale-bound selections.

import { parse, View, type Item, type ScenegraphEvent } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

const views = new WeakMap<Element, View>();

export interface ChartOptions {
  /** Called with the datum of a clicked mark. */
  onClick?: (datum: Record<string, unknown>) => void;
}

export async function chart(el: HTMLElement, spec: TopLevelSpec, opts: ChartOptions = {}): Promise<View> {
  views.get(el)?.finalize();
  el.replaceChildren();
  const view = new View(parse(compile(spec).spec), { renderer: 'svg', container: el, hover: true });
  if (opts.onClick) {
    view.addEventListener('click', (_ev: ScenegraphEvent, item: Item | null | undefined) => {
      const d = item?.datum as Record<string, unknown> | undefined;
      if (d) opts.onClick!(d);
    });
  }
  views.set(el, view);
  await view.runAsync();
  return view;
}

export const FONT = { font: 'system-ui, sans-serif', labelFont: 'system-ui, sans-serif', titleFont: 'system-ui, sans-serif' };
export const CONFIG = {
  font: 'system-ui, sans-serif',
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 500 },
  legend: { labelFontSize: 11, titleFontSize: 12 },
  view: { stroke: null },
} as const;
