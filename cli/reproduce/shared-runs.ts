// Runs shared between a reproduction's worker threads. A worker asks the main thread for a run's
// key synchronously (a message, then Atomics.wait on a flag the answer raises): the answer is the
// run if another thread made it, a wait while another thread is making it, or "make it yourself".
// So each distinct run is made once per reproduction however the tables, figures and claims that
// read it are spread over threads. A thread that waits holds no key of its own (a run asks for
// no other run, and the remembered drivers ask for no memoised value), so no two threads can wait
// on each other.

import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { SharedRuns } from '../../workloads/measure.js';

export type Ask = { take: string } | { put: string; value: unknown } | { drop: string };
export type Answer = { value: unknown } | { make: true };

/** The worker's side: blocks the thread until the main thread answers. */
export function sharedRunsClient(port: MessagePort, flag: Int32Array): SharedRuns {
  return {
    take(key) {
      Atomics.store(flag, 0, 0);
      port.postMessage({ take: key } satisfies Ask);
      Atomics.wait(flag, 0, 0);
      let m = receiveMessageOnPort(port);
      // The flag is raised after the answer is posted; wait briefly should it not be delivered yet.
      while (!m) {
        Atomics.wait(flag, 0, 1, 1);
        m = receiveMessageOnPort(port);
      }
      const a = m.message as Answer;
      return 'value' in a ? a.value : undefined;
    },
    put(key, value) {
      port.postMessage({ put: key, value } satisfies Ask);
    },
    drop(key) {
      port.postMessage({ drop: key } satisfies Ask);
    },
  };
}

interface Asker {
  port: MessagePort;
  flag: Int32Array;
}

/** The main thread's side: the runs made so far and who waits for runs being made. */
export class RunStore {
  private readonly made = new Map<string, unknown>();
  private readonly making = new Map<string, Asker[]>();

  /** Serve one worker's questions on its port. */
  serve(port: MessagePort, flag: Int32Array): void {
    const asker = { port, flag };
    port.on('message', (m: Ask) => {
      if ('take' in m) this.take(asker, m.take);
      else if ('put' in m) this.put(m.put, m.value);
      else this.drop(m.drop);
    });
  }

  private answer(a: Asker, answer: Answer): void {
    a.port.postMessage(answer);
    Atomics.store(a.flag, 0, 1);
    Atomics.notify(a.flag, 0);
  }

  private take(a: Asker, key: string): void {
    if (this.made.has(key)) return this.answer(a, { value: this.made.get(key) });
    const waiting = this.making.get(key);
    if (waiting) waiting.push(a);
    else {
      this.making.set(key, []);
      this.answer(a, { make: true });
    }
  }

  private put(key: string, value: unknown): void {
    this.made.set(key, value);
    for (const a of this.making.get(key) ?? []) this.answer(a, { value });
    this.making.delete(key);
  }

  /** Making a run failed: the next waiter makes it (and meets the same error in its own unit). */
  private drop(key: string): void {
    const waiting = this.making.get(key) ?? [];
    const next = waiting.shift();
    if (next) this.answer(next, { make: true });
    else this.making.delete(key);
  }
}
