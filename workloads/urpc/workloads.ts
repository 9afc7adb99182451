// The experiment shapes of the URPC paper: Table I's thread-management tests (a closed loop of one
// operation each, on the FastThreads of `urpc` or the kernel threads of `taos`) and the Figure 1
// scenario (an editor's two threads calling a window manager and a file cache manager).

import type { Body } from '../../sim/engine/index.js';
import { takes, type WorkloadDef } from '../workload.js';
import { closedLoop, type LoopOutcome } from '../common/closed-loop.js';

/** Table I's rows (urpc §4.1) and the operation each passes to the kernel. */
export const TABLE1_TESTS = [
  { id: 'thread-procedure-call', op: 'procedure-call', row: 'PROCEDURE CALL' },
  { id: 'thread-fork', op: 'fork', row: 'FORK' },
  { id: 'thread-fork-join', op: 'fork-join', row: 'FORK;JOIN' },
  { id: 'thread-yield', op: 'yield', row: 'YIELD' },
  { id: 'thread-acquire-release', op: 'acquire-release', row: 'ACQUIRE;RELEASE' },
  { id: 'thread-pingpong', op: 'pingpong', row: 'PINGPONG' },
] as const;

const THREAD_KERNELS = ['urpc', 'taos'];

const tableI: WorkloadDef[] = TABLE1_TESTS.map((t) => ({
  id: t.id,
  title: `urpc Table I ${t.row}: one thread operation per loop iteration`,
  kernels: THREAD_KERNELS,
  requests: 'thread',
  start: (sys, k, p, o) => closedLoop(sys, k, p, { ...o, request: { kind: 'thread', op: t.op } }),
  runsOn: (k) => takes(k, 'thread'),
}));

/** Figure 1's calls: T1 calls the window manager, then the file cache manager; T2 calls the file cache manager. */
export const FIGURE1_PLAN = [
  ['WinMgr', 'FCMgr'],
  ['FCMgr'],
] as const;

/** Figure 1's address spaces: the editor, a window manager with the S processors and a file cache manager with none. */
export const FIGURE1_TOPOLOGY = { client: 'editor', servers: ['WinMgr', 'FCMgr'] } as const;

export const figure1: WorkloadDef = {
  id: 'urpc-figure1',
  title: 'urpc Figure 1: editor threads T1, T2 call WinMgr (S processors) and FCMgr (none)',
  kernels: ['urpc'],
  requests: 'call',
  topology: FIGURE1_TOPOLOGY,
  runsOn: (k) => takes(k, 'call', FIGURE1_TOPOLOGY),
  check: (_k, _o, run) =>
    run.calls !== 3 || run.warmup !== 0
      ? `workload urpc-figure1 is Figure 1's three calls from a cold start: give --calls 3 --warmup 0 (got --calls ${run.calls} --warmup ${run.warmup})`
      : null,
  start(sys, k, p) {
    const sim = sys.sim;
    const latency = sys.stats.sampler('latency', 'round-trip latency of one call');
    const out: LoopOutcome = { calls: 0, start: 0, end: 0 };
    let done = 0;
    FIGURE1_PLAN.forEach((servers, i) =>
      k.startClient(i, (call) =>
        (function* (): Body<void> {
          for (const server of servers) {
            const began = sim.now;
            yield* call({ kind: 'call', bytes: p.bytes, server });
            latency.push(sim.now - began);
            out.calls++;
          }
          if (++done === FIGURE1_PLAN.length) {
            out.end = sim.now;
            sim.stop();
          }
        })(),
      ),
    );
    return out;
  },
};

export const urpcWorkloads: WorkloadDef[] = [...tableI, figure1];
