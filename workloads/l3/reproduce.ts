// The L3 paper's tables and figures as runs: Table 1 (each optimisation switched off alone),
// Table 2 (null RPC on three PCs), Table 7 and Figures 7 and 8 (ping-pong of n-byte messages,
// with the on-chip cache flushed before each IPC for the worst case, and Mach on the same
// machine), and the appendix Tables 3, 4, 5 read per IPC from the minimal path's breakdown.
// The paper's own values are the claims' business, except as figure markers.

import { findKernel } from '../../kernels/index.js';

// The appendix tables' row labels, as the l3 kernel publishes them.
const { 'l3-table3': TABLE3, 'l3-table4': TABLE4, 'l3-table5': TABLE5 } = findKernel('l3')!.breakdowns!;
import type { Scale } from '../claims.js';
import type { Column, FigureSpec, Reproduction, Series, TableSpec } from '../reproduction.js';
import { appendixRun, perIpc } from './appendix.js';
import { increasePct, ipcUs, pingPong, TABLE1_ROWS, TABLE1_SIZES, TABLE7_SIZES } from './experiments.js';
import { copyNsPerByte } from './probes.js';
import { TABLE7_L3, TABLE7_PENALTY } from './pingpong-claims.js';
import { TABLE7_MACH } from './mach-claims.js';

const APPENDIX_COLUMNS: Column[] = [
  { key: 'action', label: 'action' },
  { key: 'instructions', label: 'instructions', unit: 'instructions' },
  { key: 'exec', label: 'execution', unit: 'cycles' },
  { key: 'tlbMisses', label: 'TLB misses', unit: 'misses' },
  { key: 'tlbCycles', label: 'TLB miss', unit: 'cycles' },
  { key: 'cacheMisses', label: 'cache misses', unit: 'misses' },
  { key: 'cycles', label: 'total', unit: 'cycles' },
];

const APPENDIX_NOTE =
  'One IPC (half a round trip) of the minimal path with the port access and temporary mapping spliced in, ' +
  'on the i486-dx50 after warm-up; TLB and cache misses are what the TLB and cache models decided.';

function appendixTable(id: string, title: string, labels: readonly string[], prefix: RegExp): TableSpec {
  return {
    id,
    title,
    columns: APPENDIX_COLUMNS,
    note: APPENDIX_NOTE,
    run(scale: Scale) {
      const rows = appendixRun(scale);
      const line = (action: string, steps: readonly string[]) => {
        const p = perIpc(rows, steps);
        return { action, instructions: p.instructions, exec: p.exec, tlbMisses: p.tlbMisses, tlbCycles: p.tlbCycles, cacheMisses: p.cacheMisses, cycles: p.cycles };
      };
      return [...labels.map((l) => line(l.replace(prefix, ''), [l])), line('total', labels)];
    },
  };
}

/** Mach's one-way IPC on a machine, or null when no Mach kernel is registered. */
function machIpcUs(scale: Scale, bytes: number, machine = 'i486-dx50'): number | null {
  if (!findKernel('mach')) return null;
  return pingPong(scale, { bytes, machine, kernel: 'mach' }).ipcUs;
}

const FLUSH = ['kernel.flushCache=ipc'];

const table1: TableSpec = {
  id: 'table1',
  title: 'Table 1: Easily quantifiable effects (IPC time increase when one optimisation is removed, 486-DX50)',
  columns: [{ key: 'optimization', label: 'removed optimization' }, ...TABLE1_SIZES.map((n) => ({ key: `b${n}`, label: `${n}-byte ipc`, unit: 'percent' }))],
  note:
    'Each row runs the ping-pong with one kernel switch off (shortMessagesInRegisters, directTransfer, lazyScheduling, ' +
    'segments=reload, replyAndWait, condensedTables, virtualTcbs) against the default kernel; 100% would double the IPC time. ' +
    'Cells the paper leaves empty (the optimisation does not apply at that size) are left empty.',
  run(scale) {
    return TABLE1_ROWS.map((r) => ({
      optimization: r.label,
      ...Object.fromEntries(TABLE1_SIZES.map((n) => [`b${n}`, (r.sizes as readonly number[]).includes(n) ? increasePct(scale, n, [...r.off]) : null])),
    }));
  },
};

const TABLE2_ROWS: { system: string; kernel: string; machine: string; cpu: string }[] = [
  { system: 'L3', kernel: 'l3', machine: 'i486-dx50', cpu: '486, 50' },
  { system: 'L3', kernel: 'l3', machine: 'i486-dx33', cpu: '486, 33' },
  { system: 'L3', kernel: 'l3', machine: 'i386-20', cpu: '386, 20' },
  { system: 'LRPC', kernel: 'lrpc', machine: 'firefly-cvax', cpu: 'FF-CVAX' },
  { system: 'SRC RPC', kernel: 'src-rpc', machine: 'firefly-cvax', cpu: 'FF-CVAX' },
  { system: 'SRC RPC', kernel: 'src-rpc', machine: 'firefly-microvax2', cpu: 'FF-µVAX II' },
  { system: 'Mach', kernel: 'mach', machine: 'i486-dx33', cpu: '486, 33' },
  { system: 'Mach', kernel: 'mach', machine: 'i486-dx50', cpu: '486, 50' },
];

const table2: TableSpec = {
  id: 'table2',
  title: 'Table 2: Null-RPC performance',
  columns: [
    { key: 'system', label: 'system' },
    { key: 'cpu', label: 'CPU, MHz' },
    { key: 'machine', label: 'machine' },
    { key: 'us', label: 'null RPC', unit: 'us' },
  ],
  note:
    'Null RPC round trip in a closed loop (two message transfers for the message systems). Rows whose kernel is not in the ' +
    'simulator are left empty; QNX, Amoeba and Dash are literature values in the paper and are not simulated.',
  run(scale) {
    return TABLE2_ROWS.map((r) => {
      let us: number | null = null;
      if (findKernel(r.kernel)) us = 2 * pingPong(scale, { bytes: 0, machine: r.machine, kernel: r.kernel }).ipcUs;
      return { system: r.system, cpu: r.cpu, machine: r.machine, us };
    });
  },
};

const table7: TableSpec = {
  id: 'table7',
  title: 'Table 7: IPC timing, 486 50 MHz',
  columns: [
    { key: 'bytes', label: 'message size', unit: 'bytes' },
    { key: 'l3', label: 'L3 ipc', unit: 'us' },
    { key: 'penalty', label: 'worst case cache penalty', unit: 'us' },
    { key: 'mach', label: 'Mach ipc', unit: 'us' },
  ],
  note:
    'One IPC = half the mean round trip of the ping-pong. The penalty is the IPC time with the on-chip cache flushed before ' +
    'each IPC (kernel.flushCache=ipc) minus the time without. Mach is empty when no Mach kernel is registered.',
  run(scale) {
    return TABLE7_SIZES.map((n) => ({ bytes: n, l3: ipcUs(scale, n), penalty: ipcUs(scale, n, FLUSH) - ipcUs(scale, n), mach: machIpcUs(scale, n) }));
  },
};

const series = (name: string, sizes: readonly number[], y: (n: number) => number | null): Series => ({
  name,
  points: sizes.flatMap((n) => {
    const v = y(n);
    return v === null ? [] : [{ x: n, y: v }];
  }),
});


const FIG7_SIZES = [8, 12, 128, 512] as const;

const figure7: FigureSpec = {
  id: 'figure7',
  title: 'Figure 7: 486-DX50, L3 versus Mach IPC times (short messages)',
  x: { label: 'message size', unit: 'bytes' },
  y: { label: 'ipc time', unit: 'us' },
  note: 'Ping-pong, one IPC = half a round trip; markers are the values the paper prints on the plot.',
  run(scale) {
    return [series('L3', FIG7_SIZES, (n) => ipcUs(scale, n)), series('Mach', FIG7_SIZES, (n) => machIpcUs(scale, n))];
  },
  paperPoints: [
    ...FIG7_SIZES.map((n) => ({ series: 'L3', x: n, y: TABLE7_L3[n] })),
    { series: 'Mach', x: 8, y: TABLE7_MACH[8] },
  ],
};

const figure8: FigureSpec = {
  id: 'figure8',
  title: 'Figure 8: 486-DX50, L3 versus Mach IPC times (up to 4 KB)',
  x: { label: 'message size', unit: 'bytes' },
  y: { label: 'ipc time', unit: 'us' },
  note:
    'Mach, L3 with the on-chip cache flushed before each IPC, L3, and the bare data move (a warm copy of n bytes with the ' +
    'write delay off, start-up excluded: the 15 ns/byte line). Markers: Table 7.',
  run(scale) {
    return [
      series('Mach', TABLE7_SIZES, (n) => machIpcUs(scale, n)),
      series('L3 + cache flush', TABLE7_SIZES, (n) => ipcUs(scale, n, FLUSH)),
      series('L3', TABLE7_SIZES, (n) => ipcUs(scale, n)),
      series('bare copy', TABLE7_SIZES, (n) => (copyNsPerByte('i486-dx50', n, false, ['copy.storeCyclesPerByte=0']) * n) / 1000),
    ];
  },
  paperPoints: [
    ...TABLE7_SIZES.map((n) => ({ series: 'Mach', x: n, y: TABLE7_MACH[n] })),
    ...TABLE7_SIZES.map((n) => ({ series: 'L3 + cache flush', x: n, y: TABLE7_L3[n] + TABLE7_PENALTY[n] })),
    ...TABLE7_SIZES.map((n) => ({ series: 'L3', x: n, y: TABLE7_L3[n] })),
  ],
};

export const reproduction: Reproduction = {
  tables: [
    table1,
    table2,
    table7,
    appendixTable('table3', 'Table 3: Minimal instructions for null IPC (486-DX50)', TABLE3, /^$/),
    appendixTable('table4', 'Table 4: Minimal instructions for temporary mapping (486-DX50)', TABLE4, /^map: /),
    appendixTable('table5', 'Table 5: Minimal instructions for port access (486-DX50)', TABLE5, /^port: /),
  ],
  figures: [figure7, figure8],
};
