// Pieces shared by the views: the one-line error, the progress bar with a clock.

import { h } from '../dom.js';

/** The CLI's one-line message for bad input, as `simulate` prints it. */
export function errorLine(msg: string): HTMLElement {
  return h('p', { class: 'error', id: 'error', role: 'alert' }, `simulate: ${msg}`);
}

export interface BusyBar {
  el: HTMLElement;
  /** A step finished: done of total. */
  set(done: number, total: number, note?: string): void;
  note(text: string): void;
  stop(): void;
}

/** A progress bar (determinate once told the total) with the elapsed time. */
export function busyBar(label: string): BusyBar {
  const bar = h('progress', { id: 'progress' });
  const text = h('span', { class: 'note' }, label);
  const clock = h('span', { class: 'clock' }, '0.0 s');
  const el = h('div', { class: 'busy' }, bar, ' ', clock, ' ', text);
  const t0 = performance.now();
  const timer = setInterval(() => (clock.textContent = `${((performance.now() - t0) / 1000).toFixed(1)} s`), 100);
  return {
    el,
    set(done, total, note) {
      bar.max = total;
      bar.value = done;
      if (note) text.textContent = `${done}/${total} ${note}`;
    },
    note(t) {
      text.textContent = t;
    },
    stop() {
      clearInterval(timer);
      el.remove();
    },
  };
}
