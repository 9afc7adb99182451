// The L3 ping-pong inside a running system (l3 §5.3.3, §5.3.4): a clock interrupts every tick,
// scans one wake-up list and keeps the ready queue's invariant; other threads wait with real
// timeouts in the wake-up lists; the client may sleep until the next tick after a number of calls
// (so IPCs come at a chosen rate) and may give some IPCs a real timeout. One processor: the
// clock and the threads take it in turn (an interrupt waits for the IPC in flight to finish).
// Counters: IPCs, lazy queue updates, wake-up entries inspected, cycles of IPC, clock and
// wake-up-list work; violations of the ready-queue invariant (never expected).

import { Lock, Semaphore, type Body } from '../../sim/engine/index.js';
import type { Processor, Step } from '../../sim/hw/index.js';
import type { System } from '../../sim/os/index.js';
import type { KernelInstance } from '../kernel.js';
import { dropEntry, inspectEntry, interruptEntry, interruptReturn, readyInvariant, wake } from './clock.js';
import type { Codes } from './entry.js';
import type { FullLayout, FullThread } from './full-layout.js';
import { resumeSteps, sendAndReceive, sleepSteps } from './full.js';
import type { L3Options } from './options.js';

type Entry = { t: FullThread; due: number };

export function startSystem(sys: System, L: FullLayout, c: Codes, o: L3Options, cpu: Processor, bytes0: number): KernelInstance {
  const [A, B] = L.threads;
  const sim = sys.sim;
  const mhz = sys.machine.clockMHz;
  const tickCycles = Math.round(o.clockTickMs * 1000 * mhz);
  const n = o.wakeupLists;
  const st = sys.stats;
  const ipcs = st.counter('l3.ipcs', 'IPCs', 'IPCs (one-way messages, sleeps included)');
  const updates = st.counter('l3.lazyQueueUpdates', 'operations', 'ready and wake-up queue insertions and deletions');
  const inspected = st.counter('l3.wakeupInspections', 'entries', 'wake-up list entries inspected by the clock');
  const ticks = st.counter('l3.clockTicks', 'ticks', 'clock interrupts');
  const ipcCycles = st.counter('l3.ipcCycles', 'cycles', 'cycles of IPC paths (sleeps included)');
  const clockCycles = st.counter('l3.clockCycles', 'cycles', 'cycles of the clock interrupt (wake-up scan, invariant, wake and switch)');
  const wakeupCycles = st.counter('l3.wakeupListCycles', 'cycles', 'cycles of entering threads into wake-up lists during IPCs');
  const timeouts = st.counter('l3.ipcsWithTimeout', 'IPCs', 'IPCs carrying a real timeout');
  const sleeps = st.counter('l3.sleeps', 'IPCs', 'sleeps: receive from nobody with a timeout');
  const violations = st.counter('l3.invariantViolations', 'violations', 'ready threads (other than the current one) missing from the ready queue at a tick');

  // Scheduler state: the lazily kept ready queue (idle runs when nothing is ready) and the wake-up lists.
  const cpuLock = new Lock(sim, 'the processor');
  const readyQueue = new Set<FullThread>();
  const ready = new Set<FullThread>([A]);
  const lists: Entry[][] = Array.from({ length: n }, () => []);
  const FAR = Number.MAX_SAFE_INTEGER;
  L.sleepers.forEach((t, i) => lists[i % n].push({ t, due: FAR }));
  let current: FullThread = A;
  let tick = 0;
  let ipcIndex = 0;
  const aWakes = new Semaphore(sim, 'the client waits for its wake-up');

  function* exec(steps: Step[], who: string, into: { add(n: number): void }): Body<void> {
    for (const s of steps) {
      const cyc = sys.run(cpu, s, 'ipc', who);
      into.add(cyc);
      if (/wakeup list/.test(s.label)) wakeupCycles.add(cyc);
      yield cyc;
    }
  }

  const period = o.timeoutShare > 0 ? Math.max(1, Math.round(100 / o.timeoutShare)) : 0;
  const listed = (t: FullThread) => lists.some((l) => l.some((e) => e.t === t));
  const enter = (t: FullThread, due: number) => lists[due % n].push({ t, due });

  // The clock: every tick, interrupt whoever runs.
  if (tickCycles > 0) {
    sim.spawn(
      (function* (): Body {
        for (;;) {
          yield tickCycles;
          yield cpuLock;
          tick++;
          ticks.add();
          const steps: Step[] = [interruptEntry(c, L, current)];
          if (current !== L.others.idle) {
            const insert = !readyQueue.has(current);
            steps.push(readyInvariant(c, L, current, insert));
            if (insert) {
              readyQueue.add(current);
              updates.add();
            }
          }
          for (const t of ready) if (t !== current && !readyQueue.has(t)) violations.add();
          let woke: FullThread | null = null;
          const list = lists[tick % n];
          for (let i = 0; i < list.length; ) {
            const e = list[i];
            steps.push(inspectEntry(c, e.t));
            inspected.add();
            if (e.t === A && !(ready.has(A) || current === A) && e.due <= tick) {
              steps.push(wake(c, L, A));
              ready.add(A);
              readyQueue.add(A);
              updates.add(2);
              list.splice(i, 1);
              woke = A;
            } else if (e.t === A) {
              // A's entry from an IPC that has long completed: lazily dropped now.
              steps.push(dropEntry(c, A));
              updates.add();
              list.splice(i, 1);
            } else i++;
          }
          if (woke && current === L.others.idle) {
            readyQueue.delete(woke);
            updates.add();
            steps.push(...resumeSteps(c, L, woke, o));
            current = woke;
          } else steps.push(interruptReturn(c, current, L));
          yield* exec(steps, 'clock', clockCycles);
          cpuLock.release();
          if (woke && current === woke) aWakes.signal();
        }
      })(),
      'clock',
      true,
    );
  }

  // Paths are built once per shape and reused (their code places are fixed anyway).
  const memo = new Map<string, Step[]>();
  const path = (key: string, make: () => Step[]) => {
    let p = memo.get(key);
    if (!p) memo.set(key, (p = make()));
    return p;
  };
  let calls = 0;
  return {
    sides: ['ipc'],
    startClient(_i, body) {
      const call = function* (req: { bytes: number }): Body<void> {
        if (o.rpcsPerTick > 0 && tickCycles > 0 && calls > 0 && calls % o.rpcsPerTick === 0) {
          // Sleep until the next tick: receive from nobody with a timeout of one tick.
          yield cpuLock;
          const drop = readyQueue.has(A);
          if (drop) {
            readyQueue.delete(A);
            updates.add();
          }
          ready.delete(A);
          enter(A, tick + 1);
          updates.add();
          ipcs.add();
          sleeps.add();
          yield* exec(path(`sleep ${drop}`, () => sleepSteps(c, L, A, o, drop)), 'A', ipcCycles);
          current = L.others.idle;
          cpuLock.release();
          yield aWakes;
        }
        yield cpuLock;
        const withTimeout = period > 0 && ipcIndex % period === 0;
        ipcIndex += 2;
        let timeout: 'none' | 'enter' | 'listed' = 'none';
        if (withTimeout) {
          timeouts.add();
          // A real timeout far ahead (a second): lazily, an entry still listed is not entered again.
          timeout = listed(A) ? 'listed' : 'enter';
          if (timeout === 'enter') {
            enter(A, tick + Math.round(1000 / Math.max(o.clockTickMs, 1e-9)));
            updates.add();
          }
        }
        ipcs.add(2);
        yield* exec(path(`call ${req.bytes} ${timeout}`, () => sendAndReceive(c, L, A, B, req.bytes, 'call', o, timeout)), 'A', ipcCycles);
        current = B;
        yield* exec(path(`answer ${req.bytes}`, () => sendAndReceive(c, L, B, A, req.bytes, 'replyAndWait', o)), 'B', ipcCycles);
        current = A;
        cpuLock.release();
        calls++;
      };
      void bytes0;
      sim.spawn(body(call), 'thread A (client)');
    },
  };
}
