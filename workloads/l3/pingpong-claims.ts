// Claims read from L3's ping-pong (§6, Table 7, Table 2, Figures 7 and 8): one IPC per size, the
// worst-case penalty with the on-chip cache flushed before each IPC, the cache footprint of one
// round trip, the lines the text fits through the points, and the null RPC on three processors.

import { claim, type Claim, type Scale } from '../claims.js';
import { DX50, fitLine, ipcUs, pingPong, TABLE7_SIZES } from './experiments.js';
import { copyNsPerByte as copyRate } from './probes.js';

const PP = 'i486-dx50, l3 (full path), ping-pong of n-byte messages, call / reply & receive next';
const FLUSH = ['kernel.flushCache=ipc'];

/** Table 7: L3 ipc time per size. */
export const TABLE7_L3: Record<number, number> = { 8: 5.2, 12: 7.6, 128: 9.8, 512: 18.1, 1024: 31.7, 2048: 53.2, 4096: 115.6 };
/** Table 7: worst-case cache penalty per size. */
export const TABLE7_PENALTY: Record<number, number> = { 8: 6.4, 12: 9.7, 128: 11.6, 512: 16.3, 1024: 25.5, 2048: 41.6, 4096: 54.3 };

const penalty = (s: Scale, n: number) => ipcUs(s, n, FLUSH) - ipcUs(s, n);

const GAP_1024 =
  'the model copies 1 to 2 KB at the cached rate (20 ns/byte) with few conflict misses and so follows the paper\'s own line 7 + 0.02n (27.5 µs at 1 KB, 48 µs at 2 KB); the measured points lie 15% and 11% above that line';
const GAP_4096 =
  'at 4 KB the two message buffers fill the 8 KB on-chip cache; the model\'s true-LRU 4-way cache keeps more of them than the 486\'s pseudo-LRU cache did, so fewer lines miss';
const GAP_8 =
  'the short path is built from the paper\'s description (Table 3 plus the checks of §5.3.1, §5.5.3, the receive part, the user stub); the remaining ~15 cycles of the real 250-cycle path are unknown';

function l3Row(n: number): Claim {
  const gap = n === 8 ? GAP_8 : n === 1024 || n === 2048 ? GAP_1024 : n === 4096 ? GAP_4096 : undefined;
  return claim({
    ref: `l3.table7.l3.${n}`,
    source: `Table 7, L3 ipc, ${n} bytes`,
    conditions: `${PP}, ${n} bytes`,
    expected: TABLE7_L3[n],
    unit: 'us',
    role: 'predicted',
    experiment: `l3-pingpong-${n}`,
    measure: (s) => ipcUs(s, n),
    ...(gap ? { knownGap: gap } : {}),
  });
}

function penaltyRow(n: number): Claim {
  return claim({
    ref: `l3.table7.cache_penalty.${n}`,
    source: `Table 7, worst case cache penalty, ${n} bytes`,
    conditions: `${PP}, ${n} bytes, on-chip cache flushed before each IPC (external cache kept)`,
    expected: TABLE7_PENALTY[n],
    unit: 'us',
    tolerancePct: 10,
    role: n === 8 ? 'calibrated' : 'predicted',
    experiment: `l3-pingpong-${n}-flushed`,
    measure: (s) => penalty(s, n),
    ...(n === 8 ? { note: 'the on-chip line fill (cache.l1.missCycles = 12) was chosen among 12, 16 and 20 cycles with this column in view, this value first' } : {}),
    ...(n === 4096
      ? { knownGap: 'the model\'s unflushed 4 KB IPC misses too few lines (see l3.table7.l3.4096), so more of the flushed run\'s misses count as penalty' }
      : n === 12 || n === 128
        ? { knownGap: 'the flushed long-message path refills about 5 lines fewer than the paper\'s measurement implies; the guessed code density (3 bytes per instruction) sets the line count' }
        : {}),
  });
}

export const pingPongClaims: Claim[] = [
  ...TABLE7_SIZES.map(l3Row),
  ...TABLE7_SIZES.map(penaltyRow),
  claim({
    ref: 'l3.s6.short_ipc',
    source: '§6: "A short cross address space ipc (user → user) takes 5.2 µs"',
    conditions: `${PP}, 8 bytes`,
    expected: 5.2,
    unit: 'us',
    role: 'predicted',
    experiment: 'l3-pingpong-8',
    measure: (s) => ipcUs(s, 8),
    knownGap: GAP_8,
  }),
  claim({
    ref: 'l3.abstract.l3_5us',
    source: 'Abstract: "we achieve 5 µs"',
    conditions: `${PP}, 8 bytes`,
    expected: 5,
    unit: 'us',
    role: 'predicted',
    experiment: 'l3-pingpong-8',
    measure: (s) => ipcUs(s, 8),
  }),
  claim({
    ref: 'l3.s5.1.achieved_us',
    source: '§5.1: "we achieved 250 cycles (5 µs)"',
    conditions: `${PP}, 8 bytes`,
    expected: 5,
    unit: 'us',
    role: 'predicted',
    experiment: 'l3-pingpong-8',
    measure: (s) => ipcUs(s, 8),
  }),
  claim({
    ref: 'l3.s5.1.achieved_cycles',
    source: '§5.1: "we achieved 250 cycles"',
    conditions: `${PP}, 8 bytes`,
    expected: 250,
    unit: 'cycles',
    role: 'predicted',
    experiment: 'l3-pingpong-8',
    measure: (s) => pingPong(s, { bytes: 8 }).ipcCycles,
  }),
  claim({
    ref: 'l3.s6.worst_cache_penalty',
    source: '§6: "The worst case cache penalty for short ipc is 6.4 µs"',
    conditions: `${PP}, 8 bytes, on-chip cache flushed before each IPC`,
    expected: 6.4,
    unit: 'us',
    tolerancePct: 10,
    role: 'calibrated',
    experiment: 'l3-pingpong-8-flushed',
    measure: (s) => penalty(s, 8),
    note: 'the same number as Table 7\'s 8-byte penalty, to which the on-chip line fill was fitted',
  }),
  claim({
    ref: 'l3.s6.cache_footprint',
    source: '§6: "All code and data together use 592 bytes (7%) of the on-chip-cache"',
    conditions: `${PP}, 8 bytes, on-chip cache flushed before each round trip, valid lines counted after it`,
    expected: 592,
    unit: 'bytes',
    tolerancePct: 10,
    role: 'predicted',
    experiment: 'l3-footprint',
    measure: (s) => pingPong(s, { bytes: 8, set: ['kernel.flushCache=roundTrip'] }).stat('l3.l1LinesValid') * 16,
    note: 'lines written but never read are not in the write-through, no-write-allocate on-chip cache and are not counted; the line count rests on the guessed 3 bytes per instruction',
    knownGap: 'the model touches 33 lines (528 bytes); the real path has more code than the instructions the paper describes',
  }),
  claim({
    ref: 'l3.s6.long_ipc_formula',
    source: '§6: "Longer ipcs, transferring n bytes, take about 7 + 0.02n µs"',
    conditions: `${PP}, 12 to 2048 bytes: every point within 10% of the line`,
    expected: null,
    unit: 'shape',
    role: 'predicted',
    experiment: 'l3-pingpong-sizes',
    measure: (s) => [12, 128, 512, 1024, 2048].every((n) => Math.abs(ipcUs(s, n) / (7 + 0.02 * n) - 1) <= 0.1),
  }),
  claim({
    ref: 'l3.s6.formula_cached',
    source: '§6: "For 8 < n < 2K, and given sufficient cache hits, L3 ipc takes 7 + 0.02n µs": the slope',
    conditions: `${PP}, least-squares line through 12, 128, 512, 1024 bytes`,
    expected: 0.02,
    unit: 'us/byte',
    role: 'calibrated',
    experiment: 'l3-pingpong-sizes',
    measure: (s) => fitLine([12, 128, 512, 1024].map((n) => ({ x: n, y: ipcUs(s, n) }))).slope,
    note: 'calibrated: the copy\'s write delay (copy.storeCyclesPerByte = 1 cycle = 20 ns per byte) was taken from this slope',
  }),
  claim({
    ref: 'l3.s6.formula_cached',
    id: 'l3.s6.formula_cached.intercept',
    source: '§6: "7 + 0.02n µs": the intercept',
    conditions: `${PP}, least-squares line through 12, 128, 512, 1024 bytes`,
    expected: 7,
    unit: 'us',
    tolerancePct: 10,
    role: 'predicted',
    experiment: 'l3-pingpong-sizes',
    measure: (s) => fitLine([12, 128, 512, 1024].map((n) => ({ x: n, y: ipcUs(s, n) }))).intercept,
  }),
  claim({
    ref: 'l3.s6.formula_uncached',
    source: '§6: "For larger n and increasing cache misses it takes 10 + 0.04n µs": the slope',
    conditions: `${PP}, on-chip cache flushed before each IPC, least-squares line through 1024, 2048, 4096 bytes`,
    expected: 0.04,
    unit: 'us/byte',
    tolerancePct: 10,
    role: 'predicted',
    experiment: 'l3-pingpong-sizes-flushed',
    knownGap: 'the flushed copy runs at 35 ns/byte in the model (see l3.s6.ext_mem_rate), so the slope is 0.035 µs/byte',
    measure: (s) => fitLine([1024, 2048, 4096].map((n) => ({ x: n, y: ipcUs(s, n, FLUSH) }))).slope,
    note:
      'read as the line of the cache-flushed column: Table 7\'s L3 + penalty at 4096 bytes (169.9 µs) is 10 + 0.04 × 4096 = 173.8, while plain L3 (115.6) is not; the "40 ns/byte" is the copy rate from the external cache',
  }),
  claim({
    ref: 'l3.s6.ext_mem_rate',
    source: '§6: "The 40 ns/byte rate is given by the external cache and memory system"',
    conditions: 'i486-dx50 copy of 4 KB, start-up excluded, on-chip cache flushed, external cache warm',
    expected: 40,
    unit: 'ns/byte',
    tolerancePct: 10,
    role: 'predicted',
    experiment: 'l3-probe-copy',
    measure: () => copyRate(DX50, 4096, true),
    knownGap:
      'the on-chip line fill was fitted to the flushed-cache penalties (12 cycles per 16-byte line), which makes a cold copy 35 ns/byte: Table 7\'s penalties and this rate cannot both hold in a model that adds fill time to the write-limited copy',
  }),
  claim({
    ref: 'l3.s6.bare_copy_rate',
    source: '§6 / Figure 8: "the bare processor data move time, 15 ns/byte (optimal, without cache miss and write delay)"',
    conditions: 'i486-dx50 copy of 4 KB within the on-chip cache, start-up excluded, write delay off (--set copy.storeCyclesPerByte=0)',
    expected: 15,
    unit: 'ns/byte',
    role: 'calibrated',
    experiment: 'l3-probe-copy',
    measure: () => copyRate(DX50, 2048, false, ['copy.storeCyclesPerByte=0']),
    note: 'the machine\'s copy.cyclesPerByte (0.75) is this rate at 50 MHz',
  }),
  ...tableTwo(),
];


function tableTwo(): Claim[] {
  const rows: { ref: string; machine: string; expected: number; gap?: string }[] = [
    { ref: 'l3.table2.l3_486_50', machine: 'i486-dx50', expected: 10 },
    { ref: 'l3.table2.l3_486_33', machine: 'i486-dx33', expected: 15 },
    {
      ref: 'l3.table2.l3_386_20',
      machine: 'i386-20',
      expected: 60,
      gap: 'the memory wait states were fitted to this value, but only whole wait states exist: 1 per bus cycle gives 53 µs, 2 give 66 µs (the page walks pay them too)',
    },
  ];
  return rows.map((r) =>
    claim({
      ref: r.ref,
      source: `Table 2: L3 null RPC on ${r.machine}`,
      conditions: `${r.machine}, l3 (full path), null RPC (two 0-byte messages: call, reply & receive next)`,
      expected: r.expected,
      unit: 'us',
      role: r.machine === 'i386-20' ? 'calibrated' : 'predicted',
      experiment: `l3-null-rpc-${r.machine}`,
      measure: (s) => 2 * ipcUs(s, 0, [], r.machine),
      ...(r.gap ? { knownGap: r.gap } : {}),
    }),
  );
}
