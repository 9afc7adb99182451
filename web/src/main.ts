// The web explorer's shell: a view per tab (Run, Compare, Papers, Sweep), chosen by the URL, which
// also holds every input, so a link reproduces what the page shows.

import './style.css';
import { cancel } from './client.js';
import { h } from './dom.js';
import { DEFAULT_RUN } from './spec.js';
import { setState, view, VIEWS, type View, params } from './url.js';
import { renderRun } from './views/run.js';
import { renderCompare } from './views/compare.js';
import { renderPapers } from './views/papers.js';
import { renderSweep } from './views/sweep.js';

const LABELS: Record<View, string> = { run: 'Run', compare: 'Compare', papers: 'Papers', sweep: 'Sweep' };

const main = document.getElementById('view')!;
const nav = document.getElementById('tabs')!;

function draw(): void {
  const v = view();
  for (const a of nav.querySelectorAll('a')) a.classList.toggle('active', a.dataset.view === v);
  if (v === 'run' && !params().has('m')) setState([['view', 'run'], ...DEFAULT_RUN], false);
  document.title = `ipcsim — ${LABELS[v]}`;
  if (v === 'run') renderRun(main);
  else if (v === 'compare') renderCompare(main, openRun);
  else if (v === 'papers') renderPapers(main);
  else renderSweep(main);
}

function openRun(entries: [string, string][]): void {
  cancel();
  setState(entries);
  draw();
}

nav.replaceChildren(
  ...VIEWS.map((v) =>
    h('a', {
      href: `?view=${v}`,
      'data-view': v,
      onclick: (ev: Event) => {
        ev.preventDefault();
        cancel();
        // Run and Sweep share the run's inputs; the other views keep their own.
        const keep = [...params().entries()].filter(([k]) => (v === 'run' || v === 'sweep') && k !== 'view' && !['axis', 'path', 'values', 'metric', 'go', 'kernels', 'machines', 'paper'].includes(k));
        setState([['view', v], ...keep]);
        draw();
      },
    }, LABELS[v]),
  ),
);
window.addEventListener('popstate', () => {
  cancel();
  draw();
});
draw();
