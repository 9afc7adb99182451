// Both Sides Limited Spin (sleep/wake-up paper §4.2, Figure 9): before the BSW sleep loop, client
// and server poll their queue with the unlocked empty() test up to MAX_SPIN times, calling
// poll_queue (yield on a uniprocessor, a 25 µs delay loop on a multiprocessor) between tests.
// Counts the spin loops, their iterations and how many fall through to the sleep path (§4.2).

import type { Body } from '../../sim/engine/index.js';
import type { Counter } from '../../sim/stats/index.js';
import type { Task } from '../../sim/os/unix.js';
import type { Endpoint, UserIpc } from '../../sim/os/useripc.js';
import { bootProtocol, busyWaitOption, capacityOption, maxSpinOption, pollOption, raceOptions, schedulerOption, SLEEPWAKE_KERNEL, waitLoop, type Protocol } from '../../sim/os/userlevel/protocol.js';
import type { KernelDef } from '../kernel.js';

/** A process's spin-loop counters, resolved once (the loop runs on every call). */
const spinCounters = new WeakMap<Task, Record<'loops' | 'iters' | 'fall', Counter>>();

function countersOf(e: UserIpc, t: Task): Record<'loops' | 'iters' | 'fall', Counter> {
  let c = spinCounters.get(t);
  if (!c) {
    const st = e.unix.sys.stats;
    c = {
      loops: st.counter(`${t.role}.spin.loops`, 'loops', `BSLS spin loops entered by the ${t.role} (§4.2)`),
      iters: st.counter(`${t.role}.spin.iterations`, 'iterations', `poll_queue calls in the ${t.role}'s BSLS spin loops`),
      fall: st.counter(`${t.role}.spin.fallthrough`, 'loops', `${t.role} spin loops that reached MAX_SPIN with the queue still empty`),
    };
    spinCounters.set(t, c);
  }
  return c;
}

/** spincnt = 0; while (empty(Q) && spincnt++ < MAX_SPIN) poll_queue(Q); */
function* limitedSpin(e: UserIpc, t: Task, ep: Endpoint, handoffTo: Task | null): Body<void> {
  const { loops, iters, fall } = countersOf(e, t);
  loops.add();
  let spincnt = 0;
  for (;;) {
    if (!(yield* ep.q.empty(t))) return;
    if (spincnt++ >= e.o.maxSpin) {
      fall.add();
      return;
    }
    iters.add();
    yield* e.pollQueue(t, ep, handoffTo);
  }
}

export const bslsProtocol: Protocol = {
  *send(e, t, c, m, server) {
    yield* e.enqueueOrSleep(t, e.srv, m);
    yield* e.wake(t, e.srv);
    yield* limitedSpin(e, t, e.clnt[c], server); // try to hand off
    return yield* waitLoop(e, t, e.clnt[c], () => e.busyWait(t, e.clnt[c], server));
  },
  *receive(e, t) {
    yield* limitedSpin(e, t, e.srv, null);
    return yield* waitLoop(e, t, e.srv);
  },
  *reply(e, t, c, m) {
    yield* e.enqueueOrSleep(t, e.clnt[c], m);
    yield* e.wake(t, e.clnt[c]);
  },
};

export const bsls: KernelDef = {
  id: 'bsls',
  title: 'Both Sides Limited Spin (Unrau & Krieger 1997)',
  describe: 'BSW with up to MAX_SPIN polls of the queue before sleeping: sleep/wake-up paper §4.2, Figure 9',
  options: [schedulerOption, maxSpinOption, busyWaitOption, pollOption, capacityOption, ...raceOptions],
  ...SLEEPWAKE_KERNEL,
  boot: (sys, params, opts) => bootProtocol(sys, params.clients, opts, bslsProtocol),
};
