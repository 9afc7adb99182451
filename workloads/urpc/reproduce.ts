// The URPC paper's tables and figures, re-run on the simulated C-VAX Firefly: Table I (thread
// operations, FastThreads against Taos), Table II (the component breakdown), Figures 3 and 4
// (latency and throughput against T for five (C, S)), the Figure 1 timeline, and the kernel-based
// calls the paper compares with (LRPC, SRC RPC). The paper's stated points on the figures come from
// the claims registry.

import type { Scale } from '../claims.js';
import type { FigureSpec, Reproduction, Series, TableSpec } from '../reproduction.js';
import { urpcClaims } from './claims.js';
import { COMBOS, T_AXIS, nullCall, stepUs, tableI, urpcPoint, figure1Run, type Point } from './experiments.js';
import { figure1Rows } from './figure1.js';
import { TABLE1_TESTS } from './workloads.js';

const expected = (ref: string): number => {
  const c = urpcClaims.find((x) => x.ref === ref && x.expected !== null);
  if (!c) throw new Error(`no numeric claim ${ref}`);
  return c.expected as number;
};

const series = (scale: Scale, f: (p: Point) => number): Series[] =>
  COMBOS.map(({ C, S }) => ({ name: `C=${C}, S=${S}`, points: T_AXIS.map((T) => ({ x: T, y: f(urpcPoint(scale, T, C, S)) })) }));

const table1: TableSpec = {
  id: 'table1',
  title: 'Table I: Comparative performance of thread management operations (µs)',
  columns: [
    { key: 'test', label: 'test' },
    { key: 'fastthreads', label: 'URPC FastThreads', unit: 'us' },
    { key: 'taos', label: 'Taos threads', unit: 'us' },
  ],
  note: 'Each test is a loop of one operation; elapsed time over iterations. FastThreads on one processor; Taos threads through kernel traps.',
  run: (scale) =>
    TABLE1_TESTS.map((t) => ({
      test: t.row,
      fastthreads: tableI(scale, 'urpc', t.id).perOpUs,
      taos: tableI(scale, 'taos', t.id).perOpUs,
    })),
};

const table2: TableSpec = {
  id: 'table2',
  title: 'Table II: Component breakdown of a URPC (µs)',
  columns: [
    { key: 'component', label: 'component' },
    { key: 'client', label: 'client', unit: 'us' },
    { key: 'server', label: 'server', unit: 'us' },
  ],
  note: 'Per call at T=2, C=S=1 (no reallocation, no footnote-1 optimisation), TLB and cache misses included.',
  run: (scale) => {
    const p = urpcPoint(scale, 2, 1, 1);
    const rows: Record<string, string | number>[] = ['send', 'poll', 'receive', 'dispatch'].map((step) => ({
      component: step,
      client: stepUs(p, 'client', [step]),
      server: stepUs(p, 'server', [step]),
    }));
    rows.push({ component: 'total', client: stepUs(p, 'client'), server: stepUs(p, 'server') });
    return rows;
  },
};

const calls: TableSpec = {
  id: 'calls',
  title: 'Null cross-address-space calls on the Firefly (§4.3, §5.5)',
  columns: [
    { key: 'system', label: 'system' },
    { key: 'machine', label: 'machine' },
    { key: 'latency', label: 'latency', unit: 'us' },
    { key: 'throughput', label: 'throughput', unit: 'calls/s' },
    { key: 'traps', label: 'kernel traps per call', unit: 'count' },
    { key: 'reallocations', label: 'reallocations per call', unit: 'count' },
  ],
  note: 'URPC best case (a processor on each side) and worst case (none in the server) against LRPC and SRC RPC; one client thread.',
  run: (scale) => {
    const row = (system: string, machine: string, p: Point) => ({
      system,
      machine,
      latency: p.latencyUs,
      throughput: p.throughput,
      traps: p.perCall['kernel.traps'] ?? (p.breakdown.find((b) => b.step === 'trap')?.count ?? 0),
      reallocations: p.perCall['reallocations'] ?? (p.breakdown.find((b) => b.step === 'reallocate')?.count ?? 0),
    });
    return [
      row('URPC, T=C=S=1', 'firefly-cvax', urpcPoint(scale, 1, 1, 1)),
      row('URPC, T=C=1, S=0', 'firefly-cvax', urpcPoint(scale, 1, 1, 0)),
      row('LRPC', 'firefly-cvax', nullCall(scale, 'lrpc')),
      row('SRC RPC', 'firefly-cvax', nullCall(scale, 'src-rpc')),
      row('SRC RPC', 'firefly-microvax2', nullCall(scale, 'src-rpc', 'firefly-microvax2')),
    ];
  },
};

const figure1: TableSpec = {
  id: 'figure1',
  title: 'Figure 1: URPC timeline (editor T1, T2; WinMgr with one processor; FCMgr with none)',
  columns: [
    { key: 'startUs', label: 'start', unit: 'us' },
    { key: 'endUs', label: 'end', unit: 'us' },
    { key: 'processor', label: 'processor' },
    { key: 'space', label: 'address space' },
    { key: 'thread', label: 'thread' },
    { key: 'activity', label: 'activity' },
  ],
  note:
    'From a cold start: T1 calls WinMgr, T2 calls FCMgr, T1 then calls FCMgr; the editor\'s idle processor is donated to FCMgr, ' +
    'which serves both calls and returns it. The same run exports as a Chrome trace with `simulate -m firefly -k urpc -w urpc-figure1 ' +
    '-T 2 -C 1 -S 1 --calls 3 --warmup 0 --trace FILE`.',
  run: () => figure1Rows(figure1Run().timeline),
};

const figure3: FigureSpec = {
  id: 'figure3',
  title: 'Figure 3: URPC call latency against client threads T',
  x: { label: 'client threads T' },
  y: { label: 'call latency', unit: 'us' },
  run: (scale) => series(scale, (p) => p.latencyUs),
  paperPoints: [
    { series: 'C=1, S=1', x: 1, y: expected('urpc.s4.3.latency_T1C1S1') },
    { series: 'C=1, S=1', x: 2, y: expected('urpc.s4.3.latency_T2C1S1') },
    { series: 'C=1, S=0', x: 1, y: expected('urpc.s4.3.S0_T1_latency') },
  ],
  note: 'Closed loop of null calls per point; latency from the call into the stub to its return.',
};

const figure4: FigureSpec = {
  id: 'figure4',
  title: 'Figure 4: URPC call throughput against client threads T',
  x: { label: 'client threads T' },
  y: { label: 'calls per second', unit: 'calls/s' },
  run: (scale) => series(scale, (p) => p.throughput),
  paperPoints: [
    { series: 'C=1, S=1', x: 1, y: expected('urpc.s4.3.throughput_T1C1S1') },
    { series: 'C=1, S=1', x: 2, y: expected('urpc.s4.3.throughput_T2C1S1') },
    { series: 'C=2, S=2', x: 10, y: expected('urpc.s4.3.throughput_C2S2') },
  ],
  note: 'The paper gives the C=S=2 figure for a large T without saying which; it is marked at T=10.',
};

export const reproduction: Reproduction = {
  tables: [table1, table2, calls, figure1],
  figures: [figure3, figure4],
};
