// The in-kernel servers paper's tables as runs on the HP 9000/730: Tables 1 and 2 read stage by
// stage from the instrumented test's breakdown, Table 3's RPC tests, Table 4's Unix calls, Table
// 5's server-to-kernel calls, what Table 6 the simulated Andrew communication supports, the call
// counts the Andrew mix issued (Tables 7-8), and a figure of RPC time against argument size by
// kind. The paper's values shown beside the simulated ones are the claims' expected values.

import { findKernel } from '../../kernels/index.js';

// The stage labels of inks Tables 1 and 2, as the kernels publish them.
const RPC_STAGES = findKernel('mach')!.breakdowns!['inks-table1'];
const TRAP_STAGES = findKernel('inks-trap')!.breakdowns!['inks-table2'];
import type { Scale } from '../claims.js';
import type { FigureSpec, Reproduction, TableSpec } from '../reproduction.js';
import { ANDREW_MIX, ANDREW_OPERATIONS } from './andrew.js';
import { inksClaims } from './claims.js';
import { andrewRun, andrewSeconds, ipcSeconds } from './claims-macro.js';
import { CONFIGS, run, stageCycles, stagesRun } from './experiments.js';
import { ARG_KIND_TESTS, KERNEL_CALL_TESTS, RPC_TESTS, UNIX_TESTS } from './workloads.js';

/** The paper's value of a claim, by its catalogue ref. */
const paper = (ref: string): number | null => inksClaims.find((c) => c.ref === ref)?.expected ?? null;
const pad = (n: number): string => String(n).padStart(2, '0');
const r1 = (x: number): number => Math.round(x * 10) / 10;
const COL = { mach: 'unopt', 'inks-msg': 'inksmsg', 'inks-trap': 'inkstrap' } as const;

const table1: TableSpec = {
  id: 'table1',
  title: 'Table 1: Non-trapping RPC test program breakdown (cycles)',
  columns: [
    { key: 'stage', label: 'stage' },
    { key: 'description', label: 'description' },
    { key: 'out', label: 'out of kernel (mach)', unit: 'cycles' },
    { key: 'outPaper', label: 'paper', unit: 'cycles' },
    { key: 'in', label: 'in kernel (inks-msg)', unit: 'cycles' },
    { key: 'inPaper', label: 'paper', unit: 'cycles' },
  ],
  note: 'One 128-byte InOut argument with timestamps at every stage (kernel.instrumented=true), steady state; each stage sums its steps (the fixed part and its copy).',
  run(s: Scale) {
    const out = stagesRun('mach', s);
    const inK = stagesRun('inks-msg', s);
    return [
      ...RPC_STAGES.map((label, i) => ({
        stage: i + 1,
        description: label.replace(/^\d+\. /, ''),
        out: stageCycles(out, i + 1),
        outPaper: paper(`inks.table1.s${pad(i + 1)}.out`),
        in: stageCycles(inK, i + 1),
        inPaper: paper(`inks.table1.s${pad(i + 1)}.in`),
      })),
      { stage: 'total', description: '', out: out.latencyCycles, outPaper: paper('inks.table1.total.out'), in: inK.latencyCycles, inPaper: paper('inks.table1.total.in') },
    ];
  },
};

const table2: TableSpec = {
  id: 'table2',
  title: 'Table 2: Trapping test program breakdown (cycles)',
  columns: [
    { key: 'stage', label: 'trap stage' },
    { key: 'description', label: 'description' },
    { key: 'cycles', label: 'inks-trap', unit: 'cycles' },
    { key: 'paper', label: 'paper', unit: 'cycles' },
  ],
  note: 'The same test by INKS trap (kernel inks-trap, kernel.instrumented=true).',
  run(s: Scale) {
    const r = stagesRun('inks-trap', s);
    return [
      ...TRAP_STAGES.map((label, i) => ({ stage: i + 1, description: label.replace(/^\d+\. /, ''), cycles: stageCycles(r, i + 1), paper: paper(`inks.table2.s${pad(i + 1)}`) })),
      { stage: 'total', description: '', cycles: r.latencyCycles, paper: paper('inks.table2.total') },
    ];
  },
};

const T3_REF: Record<string, string> = { 'inks-null': 'null', 'inks-in64': 'in64', 'inks-in1k': 'in1k', 'inks-out1k': 'out1k', 'inks-inout128': 'inout128' };

const threeColumns = (unit: string) => [
  { key: 'mach', label: 'unoptimised (mach)', unit },
  { key: 'machPaper', label: 'paper', unit },
  { key: 'inksMsg', label: 'INKS message', unit },
  { key: 'inksMsgPaper', label: 'paper', unit },
  { key: 'inksTrap', label: 'INKS trap', unit },
  { key: 'inksTrapPaper', label: 'paper', unit },
  { key: 'ratio', label: 'unoptimised / INKS trap', unit: 'ratio' },
];

const table3: TableSpec = {
  id: 'table3',
  title: 'Table 3: RPC test results (cycles)',
  columns: [{ key: 'test', label: 'test' }, ...threeColumns('cycles')],
  note: 'Each test without timestamps, on the bare Mach kernel (no Unix server), steady state.',
  run(s: Scale) {
    return RPC_TESTS.map((t) => {
      const c = CONFIGS.map((k) => run(k, t.id, s).latencyCycles);
      const ref = (k: keyof typeof COL): number | null => paper(`inks.table3.${T3_REF[t.id]}.${COL[k]}`);
      return { test: t.op, mach: c[0], machPaper: ref('mach'), inksMsg: c[1], inksMsgPaper: ref('inks-msg'), inksTrap: c[2], inksTrapPaper: ref('inks-trap'), ratio: Math.round((c[0] / c[2]) * 100) / 100 };
    });
  },
};

const T4_REF: Record<string, string> = {
  'unix-nop-emulator': 'nop_emulator',
  'unix-nop-server': 'nop_server',
  'unix-getpid': 'getpid',
  'unix-getgid': 'getgid',
  'unix-setrlimit': 'setrlimit',
  'unix-read4096': 'read4096',
  'unix-read64': 'read64',
  'unix-write4096': 'write4096',
  'unix-write64': 'write64',
  'unix-stat': 'stat',
  'unix-create': 'create',
  'unix-signal': 'signal',
};

const table4: TableSpec = {
  id: 'table4',
  title: 'Table 4: Unix system calls (µs)',
  columns: [{ key: 'test', label: 'test' }, ...threeColumns('us')],
  note: 'Through the emulator and the OSF/1 server model; the trapping column calibrates each call\'s own work, the message columns are predicted.',
  run(s: Scale) {
    return UNIX_TESTS.map((t) => {
      const c = CONFIGS.map((k) => run(k, t.id, s).latencyUs);
      const ref = (k: keyof typeof COL): number | null => paper(`inks.table4.${T4_REF[t.id]}.${COL[k]}`);
      return { test: t.call, mach: r1(c[0]), machPaper: ref('mach'), inksMsg: r1(c[1]), inksMsgPaper: ref('inks-msg'), inksTrap: r1(c[2]), inksTrapPaper: ref('inks-trap'), ratio: Math.round((c[0] / c[2]) * 100) / 100 };
    });
  },
};

const table5: TableSpec = {
  id: 'table5',
  title: 'Table 5: Server to kernel system calls (µs)',
  columns: [
    { key: 'test', label: 'test' },
    { key: 'unopt', label: 'unoptimised (server in user mode)', unit: 'us' },
    { key: 'unoptPaper', label: 'paper', unit: 'us' },
    { key: 'inks', label: 'INKS (server in kernel mode)', unit: 'us' },
    { key: 'inksPaper', label: 'paper', unit: 'us' },
  ],
  note: 'A do-nothing Mach kernel call made by the server thread: kernel mach for the unoptimised column, inks-trap for INKS.',
  run(s: Scale) {
    return KERNEL_CALL_TESTS.map((t) => {
      const ref = t.op === 'mach:msg' ? 'msg_syscall' : 'trap_syscall';
      return {
        test: t.op === 'mach:msg' ? 'Message syscall' : 'Trapping syscall',
        unopt: Math.round(run('mach', t.id, s).latencyUs * 100) / 100,
        unoptPaper: paper(`inks.table5.${ref}.unopt`),
        inks: Math.round(run('inks-trap', t.id, s).latencyUs * 100) / 100,
        inksPaper: paper(`inks.table5.${ref}.inks`),
      };
    });
  },
};

const table6: TableSpec = {
  id: 'table6',
  title: 'Table 6 (as far as the model reaches): Andrew, communication simulated (seconds)',
  columns: [
    { key: 'config', label: 'configuration' },
    { key: 'ipc', label: 'simulated communication per run', unit: 's' },
    { key: 'andrew', label: 'Andrew (INKS trap time + difference)', unit: 's' },
    { key: 'paper', label: 'paper', unit: 's' },
  ],
  note:
    'The inks-andrew-mix workload replays the call counts of one Andrew run (Tables 7-8). The model has no computation or disk time, so a configuration\'s Andrew time is the paper\'s INKS-trap time plus the simulated communication difference; the kernel build has no call counts and is not simulated.',
  run(s: Scale) {
    return CONFIGS.map((k) => ({
      config: k,
      ipc: Math.round(ipcSeconds(k, s) * 1000) / 1000,
      andrew: Math.round(andrewSeconds(k, s) * 100) / 100,
      paper: paper(`inks.table6.andrew.${COL[k]}`),
    }));
  },
};

const table78: TableSpec = {
  id: 'table7-8',
  title: 'Tables 7-8: the Andrew communication mix the simulated run issued, per Andrew run',
  columns: [
    { key: 'row', label: 'operation' },
    { key: 'count', label: 'issued per Andrew run', unit: 'count' },
    { key: 'op', label: 'simulated as' },
  ],
  note: 'The inks-andrew-mix run on inks-trap; its issue counts scaled to one whole run (exact at paper scale).',
  run(s: Scale) {
    const r = andrewRun('inks-trap', s);
    return ANDREW_MIX.map((e) => ({
      row: e.row,
      count: Math.round(((r.stats.find((x) => x.name === `andrew.${e.row}`)?.value ?? 0) * ANDREW_OPERATIONS) / r.calls),
      op: e.op,
    }));
  },
};

const SIZES = [0, 64, 128, 256, 512, 1024, 2048];

const argsFigure: FigureSpec = {
  id: 'args',
  title: 'RPC time against argument size, by argument kind and configuration (HP 9000/730)',
  x: { label: 'argument size', unit: 'bytes' },
  y: { label: 'round trip', unit: 'cycles' },
  note: 'Each point a closed loop of calls with one argument of the kind; the markers are Table 3\'s cells.',
  run(s: Scale) {
    return CONFIGS.flatMap((k) =>
      ARG_KIND_TESTS.filter((t) => t.kind !== 'value').map((t) => ({
        name: `${k} ${t.kind}`,
        points: SIZES.map((b) => ({ x: b, y: run(k, t.id, s, { bytes: b, calls: { paper: 1000, test: 20 } }).latencyCycles })),
      })),
    );
  },
  paperPoints: CONFIGS.flatMap((k) =>
    (
      [
        ['in', 64, 'in64'],
        ['in', 1024, 'in1k'],
        ['out', 1024, 'out1k'],
        ['inout', 128, 'inout128'],
      ] as const
    ).flatMap(([kind, x, ref]) => {
      const y = paper(`inks.table3.${ref}.${COL[k]}`);
      return y === null ? [] : [{ series: `${k} ${kind}`, x, y }];
    }),
  ),
};

export const reproduction: Reproduction = {
  tables: [table1, table2, table3, table4, table5, table6, table78],
  figures: [argsFigure],
};
