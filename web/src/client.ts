// The page's side of the simulation worker: one request at a time, with progress and cancel.
// Cancelling terminates the worker (a simulation is one synchronous loop) and starts a fresh one.

import type { Answer, FromWorker, Request } from './protocol.js';

export interface Progress {
  done: number;
  total: number;
  note: string;
  cell?: Extract<FromWorker, { type: 'progress' }>['cell'];
  row?: Extract<FromWorker, { type: 'progress' }>['row'];
}

export class Cancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

/** A refusal of the inputs, with the run driver's one-line message (the CLI's message). */
export class InputError extends Error {}

const spawn = () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });

let worker: Worker | null = null;
let nextId = 1;
let pending: { id: number; reject: (e: Error) => void } | null = null;

export function busy(): boolean {
  return pending !== null;
}

/** Stop the running request, if any. */
export function cancel(): void {
  if (!pending) return;
  worker?.terminate();
  worker = null;
  const p = pending;
  pending = null;
  p.reject(new Cancelled());
}

export function request<K extends Answer['kind']>(
  req: Request & { kind: K },
  onProgress?: (p: Progress) => void,
): Promise<Extract<Answer, { kind: K }>> {
  cancel();
  worker ??= spawn();
  const w = worker;
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending = { id, reject };
    w.onmessage = (ev: MessageEvent<FromWorker>) => {
      const m = ev.data;
      if (m.id !== id) return;
      if (m.type === 'progress') onProgress?.(m);
      else {
        pending = null;
        if (m.type === 'done') resolve(m.answer as Extract<Answer, { kind: K }>);
        else reject(m.usage ? new InputError(m.message) : new Error(m.message));
      }
    };
    w.onerror = (ev) => {
      pending = null;
      reject(new Error(ev.message || 'the simulation worker failed'));
    };
    w.postMessage({ id, request: req });
  });
}
