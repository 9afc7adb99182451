// L3 (Liedtke, "Improving IPC by Kernel Design", SOSP 1993) on the i486 family: IPC by one
// system call per message (call, reply & receive next) between threads in different address
// spaces. path=full runs the kernel of §5 with each optimisation of Table 1 as a switch;
// path=minimal runs the 20-instruction null IPC of §5.1 (appendix Table 3), optionally with the
// port access of Table 5 and the temporary mapping of Table 4 spliced in.
// The ping-pong of §6: thread A calls, thread B replies and receives the next request.

import type { Body } from '../../sim/engine/index.js';
import { Baton, handTo, memoize, runSteps, spawnServer } from '../../sim/os/handoff.js';
import type { Space, Step } from '../../sim/hw/index.js';
import { callBytes, type Request, type KernelDef, type KernelInstance, type KernelOptions, type RunParams } from '../kernel.js';
import type { System } from '../../sim/os/index.js';
import * as abi from './abi.js';
import { fullLayout, type FullLayout } from './full-layout.js';
import { startSystem } from './system.js';
import { startMulti } from './multi.js';
import { codes, replyThenReceive, sendAndReceive } from './full.js';
import { layOut } from './layout.js';
import { minimalIpc, TABLE3, TABLE4, TABLE5 } from './minimal.js';
import { L3_OPTIONS, l3Options, type L3Options } from './options.js';
import { DATA_AT, flushStep } from './entry.js';

/** The steps of one round trip, each way: A's call to B, and B's answer. */
interface RoundTrip {
  call(bytes: number): Step[];
  answer(bytes: number): Step[];
}

function minimalRoundTrip(sys: System, params: RunParams, o: L3Options): { trip: RoundTrip; start: Space } {
  const L = layOut(sys, ['A', 'B'], Math.max(1, Math.ceil(params.bytes / sys.machine.pageBytes)));
  const [A, B] = L.threads;
  const m = { portAccess: o.portAccess, temporaryMapping: o.temporaryMapping };
  const aToB = minimalIpc(L, A, B, m);
  const bToA = minimalIpc(L, B, A, m);
  return { trip: { call: () => aToB, answer: () => bToA }, start: A.space };
}

function fullLayoutFor(sys: System, params: RunParams, o: L3Options): FullLayout {
  return fullLayout(sys, o, Math.max(1, Math.ceil((params.bytes + DATA_AT) / sys.machine.pageBytes)), params.T);
}

function fullRoundTrip(sys: System, params: RunParams, o: L3Options): { trip: RoundTrip; start: Space } {
  const L = fullLayoutFor(sys, params, o);
  const [A, B] = L.threads;
  const c = codes(L, sys.machine.tlb.singleEntryInvalidate);
  const trip: RoundTrip = {
    call: memoize(String, (n: number) => [...(o.flushCache === 'roundTrip' ? [flushStep(c, A)] : []), ...sendAndReceive(c, L, A, B, n, 'call', o)]),
    answer: memoize(String, (n: number) => (o.replyAndWait ? sendAndReceive(c, L, B, A, n, 'replyAndWait', o) : replyThenReceive(c, L, B, A, n, o))),
  };
  return { trip, start: A.space };
}

export const l3: KernelDef = {
  id: 'l3',
  title: 'L3 IPC (Liedtke 1993)',
  describe: 'L3 kernel IPC on the 486 (l3 §5): call and reply & receive next, every Table 1 optimisation a switch; path=minimal: appendix Tables 3-5',
  paper: 'l3',
  // Home ISA: path lengths counted in i486 instructions (l3 appendix, Tables 3-5).
  isa: 'x86',
  supports: ['rpc'],
  requests: ['call'],
  params: { T: {}, bytes: {} },
  options: L3_OPTIONS,
  breakdowns: { 'l3-table3': TABLE3, 'l3-table4': TABLE4, 'l3-table5': TABLE5 },
  facts: {
    GENERAL_REGISTERS: abi.GENERAL_REGISTERS,
    REGISTERS_FOR_IDS_AND_RESULT: abi.REGISTERS_FOR_IDS_AND_RESULT,
    SHORT_MESSAGE_BYTES: abi.SHORT_MESSAGE_BYTES,
    UID_BITS: abi.UID_BITS,
    DIRECT_STRING_MAX_BYTES: abi.DIRECT_STRING_MAX_BYTES,
    MAX_INDIRECT_STRINGS: abi.MAX_INDIRECT_STRINGS,
    MAX_MEMORY_OBJECTS: abi.MAX_MEMORY_OBJECTS,
    MAX_STRING_BYTES: abi.MAX_STRING_BYTES,
    PDIR_ENTRIES: abi.PDIR_ENTRIES,
    PDIR_ENTRY_SPAN_BYTES: abi.PDIR_ENTRY_SPAN_BYTES,
    WINDOW_BYTES: abi.WINDOW_BYTES,
    WINDOW_PDIR_ENTRIES: abi.WINDOW_PDIR_ENTRIES,
  },
  check(m, p, opts) {
    const o = l3Options(opts);
    if (p.T !== 1 && (o.path !== 'full' || o.clockTickMs <= 0)) {
      // Without timeslices only the first client would ever run.
      return `l3 runs one client thread (the ping-pong of §6) unless the full path has a clock for timeslices (--set kernel.clockTickMs=4); got -T ${p.T}`;
    }
    if (p.T > 1 && (o.rpcsPerTick > 0 || p.bytes > 8)) return 'l3 with several clients (-T > 1) runs back-to-back 8-byte calls';
    if (o.rpcsPerTick > 0 && o.clockTickMs <= 0) return 'l3: kernel.rpcsPerTick needs a clock (kernel.clockTickMs > 0)';
    if (o.clockTickMs > 0 && o.path !== 'full') return 'l3: the clock runs with the full path only';
    return abi.messageProblem(p.bytes, o.indirectStrings);
  },
  boot(sys: System, params: RunParams, opts: KernelOptions): KernelInstance {
    const o = l3Options(opts);
    if (o.path === 'full' && params.T > 1) {
      // Several clients, one server: polling, timeslices (§5.3.5).
      const L = fullLayoutFor(sys, params, o);
      sys.cpus[0].load(L.clients[0].space);
      return startMulti(sys, L, codes(L, sys.machine.tlb.singleEntryInvalidate), o, sys.cpus[0]);
    }
    if (o.path === 'full' && o.clockTickMs > 0) {
      // The ping-pong inside a running system: clock, wake-up lists, a paced client.
      const L = fullLayoutFor(sys, params, o);
      sys.cpus[0].load(L.threads[0].space);
      return startSystem(sys, L, codes(L, sys.machine.tlb.singleEntryInvalidate), o, sys.cpus[0]);
    }
    const { trip, start } = o.path === 'minimal' ? minimalRoundTrip(sys, params, o) : fullRoundTrip(sys, params, o);
    const cpu = sys.cpus[0];
    cpu.load(start);
    const a = new Baton(sys.sim, 'A', 'A waits for the reply');
    const b = new Baton(sys.sim, 'B', 'B waits for a message');
    let bytes = params.bytes;
    const linesValid = sys.stats.counter('l3.l1LinesValid', 'lines', 'valid on-chip cache lines after each round trip, summed over round trips');
    // B: receive, then reply and receive the next message (one IPC each way).
    spawnServer(sys, b, a, () => runSteps(sys, cpu, trip.answer(bytes), 'ipc', 'B'), 'thread B (server)');
    return {
      sides: ['ipc'],
      startClient(_i, body) {
        const call = function* (req: Request): Body<void> {
          bytes = callBytes('l3', req);
          yield* runSteps(sys, cpu, trip.call(bytes), 'ipc', 'A');
          yield* handTo(a, b);
          // §6: the valid lines of the on-chip cache after a round trip (its footprint, when flushed before it).
          linesValid.add(cpu.caches.all.filter((lv) => lv.name.startsWith('l1')).reduce((n, lv) => n + lv.array.occupied, 0));
        };
        sys.sim.spawn(body(call), 'thread A (client)');
      },
    };
  },
};
