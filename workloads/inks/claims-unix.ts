// Claims of inks §3.2 and §4.4 about the Unix server: Table 4's system calls through the emulator
// and the OSF/1 server in the three configurations, and Table 5's calls from the server to the
// kernel. The trapping column of Table 4 calibrates each call's own work; the message columns'
// overhead over it is predicted from the message path, the server's receive loop (calibrated on
// nop (server)) and how each call moves user data, and is judged as that difference.

import { claim, type Claim, type Scale } from '../claims.js';
import { CONFIGS, run, type Config } from './experiments.js';
import { UNIX_TESTS } from './workloads.js';

type UnixTest = (typeof UNIX_TESTS)[number]['id'];
const T4: Record<UnixTest, [string, number, number, number]> = {
  'unix-nop-emulator': ['nop_emulator', 11.3, 11.3, 11.9],
  'unix-nop-server': ['nop_server', 92.7, 86.7, 44.6],
  'unix-getpid': ['getpid', 11.9, 11.9, 11.9],
  'unix-getgid': ['getgid', 92.6, 85.9, 42.5],
  'unix-setrlimit': ['setrlimit', 114.2, 105.6, 58.7],
  'unix-read4096': ['read4096', 813.8, 802.1, 682.4],
  'unix-read64': ['read64', 310.0, 301.2, 183.5],
  'unix-write4096': ['write4096', 489.7, 483.2, 396.5],
  'unix-write64': ['write64', 179.4, 172.7, 90.5],
  'unix-stat': ['stat', 280.5, 273.2, 180.9],
  'unix-create': ['create', 535.6, 518.8, 317.2],
  'unix-signal': ['signal', 394.1, 372.5, 269.1],
};
const COL_REF: Record<Config, string> = { mach: 'unopt', 'inks-msg': 'inksmsg', 'inks-trap': 'inkstrap' };
const SERVER_CALLS = UNIX_TESTS.filter((t) => !['unix-nop-emulator', 'unix-getpid'].includes(t.id)).map((t) => t.id);

const us = (k: string, w: string, s: Scale): number => run(k, w, s).latencyUs;

const MSG_EXTRA =
  "in the message configurations this call costs more over its trapping time than the model's message path, server loop and per-transfer kernel call explain; the paper does not break the call down, and the extra (about 5 server-to-kernel message calls' worth for read, create and signal) suggests work the message-reached server does that a trapping one skips";

const GAPS: Partial<Record<string, string>> = {
  'read64:mach': MSG_EXTRA,
  'read64:inks-msg': MSG_EXTRA,
  'write64:mach': MSG_EXTRA,
  'write64:inks-msg': MSG_EXTRA,
  'create:mach': MSG_EXTRA,
  'create:inks-msg': MSG_EXTRA,
  'signal:mach': MSG_EXTRA,
  'nop_emulator:inks-trap':
    "the model runs the one emulator path in all three columns (11.3 us); the paper measured 11.9 us here but 11.3 us for the identical path in the other two, a difference the model has no mechanism for",
  'setrlimit:inks-msg':
    "the model moves setrlimit's 8 bytes with a Mach kernel call by message (about 17 us) in the message configurations; the paper's setrlimit costs only 5-7 us more than nop (server) over its trapping time, as if small data rode in the request message. The in-kernel column, whose path is 1.7 us cheaper in the model against 6 us in the paper, lands outside 10%",
};

const OVERHEAD_GAP =
  "judged on the message overhead over the trapping time, the only part of this cell the model predicts (the trapping column is fitted): the model's overhead takes three values by the call's argument shape (about 48, 65 and 83 us unoptimised), while the paper's varies call by call";

/**
 * One Table 4 cell. The trapping column and the emulator-handled calls are totals at the default
 * 5% (table numbers). A message column of a server call is a fitted trapping time plus the message
 * overhead, so it is judged on that overhead alone: the column minus the trapping column, with an
 * absolute tolerance of 5% of the paper's difference.
 */
function t4(test: UnixTest, col: number): Claim {
  const kernel = CONFIGS[col];
  const [ref, ...values] = T4[test];
  const emulatorOnly = test === 'unix-nop-emulator' || test === 'unix-getpid';
  // The emulator paths, the trapping column and the calls whose whole overhead is the fitted server loop.
  const calibrated = emulatorOnly || kernel === 'inks-trap' || test === 'unix-nop-server' || test === 'unix-getgid';
  const overhead = !emulatorOnly && kernel !== 'inks-trap';
  const fittedExactly = test === 'unix-nop-server' && kernel === 'mach';
  const gap = GAPS[`${ref}:${kernel}`] ?? (overhead && !fittedExactly && !(test === 'unix-getgid' && kernel === 'mach') ? OVERHEAD_GAP : undefined);
  const title = UNIX_TESTS.find((t) => t.id === test)!.title.replace(/^Table 4: /, '');
  const diff = Math.round((values[col] - values[2]) * 10) / 10;
  return claim({
    ref: `inks.table4.${ref}.${COL_REF[kernel]}`,
    source: `Table 4, ${title}, ${kernel}${overhead ? ', minus the trapping INKS column' : ''}`,
    conditions: `hp9000-730, kernel ${kernel}, workload ${test}, emulator and OSF/1 server, steady state${overhead ? '; the message overhead: this column minus the inks-trap column' : ''}`,
    expected: overhead ? diff : values[col],
    unit: 'us',
    ...(overhead ? { toleranceAbs: Math.round(diff * 5) / 100 } : {}),
    role: calibrated ? 'calibrated' : 'predicted',
    experiment: `inks-table4-${kernel}-${test}`,
    measure: (s) => (overhead ? us(kernel, test, s) - us('inks-trap', test, s) : us(kernel, test, s)),
    ...(gap ? { knownGap: gap } : {}),
    ...(overhead ? { note: `the paper's totals: ${values[col]} us in this column, ${values[2]} us trapping; a difference is judged as a difference` } : {}),
  });
}

/** Unoptimised / trapping INKS time for each server call of Table 4. */
const serverRatios = (s: Scale): number[] => SERVER_CALLS.map((t) => us('mach', t, s) / us('inks-trap', t, s));
const rangeHolds = (s: Scale): boolean => {
  const r = serverRatios(s);
  return Math.min(...r) >= 1.2 && Math.max(...r) >= 1.8 && Math.max(...r) <= 2.2;
};
const RANGE_GAP =
  'the 4096-byte read gains less than 20% in the model (unoptimised / trap about 1.09 against the paper\'s 1.19): its long trapping time is calibrated, and the model\'s message overhead on top of it is the same as for a 64-byte read, where the paper\'s is larger';

const T5 = [
  ['msg_syscall', 'server-kernel-msg', 18.81, 16.71, 'a do-nothing Mach kernel call by message'],
  ['trap_syscall', 'server-kernel-trap', 6.86, 4.75, 'a do-nothing Mach kernel call by trap'],
] as const;

/** Server-to-kernel calls: the unoptimised server is a user task (mach); the INKS server is in the kernel (inks-trap). */
const t5us = (w: string, inks: boolean, s: Scale, set: string[] = []): number => run(inks ? 'inks-trap' : 'mach', w, s, { set }).latencyUs;

export const unixClaims: Claim[] = [
  ...(Object.keys(T4) as UnixTest[]).flatMap((t) => [0, 1, 2].map((c) => t4(t, c))),
  claim({
    ref: 'inks.s4.4.syscall_range',
    source: '§4.4: trapping INKS improves Unix calls to the server by at least 20%, up to a factor of two',
    conditions: 'hp9000-730, Table 4 server calls: unoptimised / trapping INKS, every ratio >= 1.2 and the largest 1.8-2.2',
    expected: null,
    unit: 'bool',
    tolerancePct: 0,
    role: 'predicted',
    experiment: 'inks-table4',
    measure: rangeHolds,
    knownGap: RANGE_GAP,
  }),
  claim({
    ref: 'inks.abstract.syscall_gain',
    source: 'Abstract: "Unix system calls to the server improving between 20% and a factor of two"',
    conditions: 'hp9000-730, Table 4 server calls: unoptimised / trapping INKS, every ratio >= 1.2 and the largest 1.8-2.2',
    expected: null,
    unit: 'bool',
    tolerancePct: 0,
    role: 'predicted',
    experiment: 'inks-table4',
    measure: rangeHolds,
    knownGap: RANGE_GAP,
  }),
  claim({
    ref: 'inks.s4.4.emulator_no_gain',
    source: '§4.4: calls the emulator handles itself (nop (emulator), getpid) gain nothing from trapping INKS',
    conditions: 'hp9000-730, Table 4 nop (emulator) and getpid, unoptimised / trapping INKS within 10% of 1',
    expected: null,
    unit: 'bool',
    tolerancePct: 0,
    role: 'predicted',
    experiment: 'inks-table4',
    measure: (s) =>
      ['unix-nop-emulator', 'unix-getpid'].every((t) => Math.abs(us('mach', t, s) / us('inks-trap', t, s) - 1) < 0.1),
  }),
  ...T5.flatMap(([ref, w, unopt, inks, what]) => [
    claim({
      ref: `inks.table5.${ref}.unopt`,
      source: `Table 5, ${what}, unoptimised (server in user mode)`,
      conditions: `hp9000-730, kernel mach, workload ${w}`,
      expected: unopt,
      unit: 'us',
      tolerancePct: 5,
      role: ref === 'trap_syscall' ? 'calibrated' : 'predicted',
      experiment: `inks-table5-${ref}`,
      measure: (s: Scale) => t5us(w, false, s),
    }),
    claim({
      ref: `inks.table5.${ref}.inks`,
      source: `Table 5, ${what}, INKS (server in kernel mode)`,
      conditions: `hp9000-730, kernel inks-trap, workload ${w}`,
      expected: inks,
      unit: 'us',
      tolerancePct: 5,
      role: ref === 'trap_syscall' ? 'calibrated' : 'predicted',
      experiment: `inks-table5-${ref}`,
      measure: (s: Scale) => t5us(w, true, s),
    }),
  ]),
  claim({
    ref: 'inks.s3.2.server_kernel_path',
    source: '§3.2: the lighter server-to-kernel path "cuts over 30% from the overhead" of a do-nothing kernel call',
    conditions: 'hp9000-730, Table 5 trapping call: 1 - INKS / unoptimised, in percent, at least 30',
    expected: null,
    unit: 'bool',
    tolerancePct: 0,
    role: 'calibrated',
    experiment: 'inks-table5-trap_syscall',
    measure: (s) => 100 * (1 - t5us('server-kernel-trap', true, s) / t5us('server-kernel-trap', false, s)) >= 30,
    note: 'both ends are the calibrated Table 5 trapping cells',
  }),
  claim({
    ref: 'inks.fn6.prototype_speedup',
    source: 'footnote 6: staying on the server\'s own stack sped the server-to-kernel path up by about 35%',
    conditions: 'hp9000-730, kernel inks-trap, Table 5 trapping call, kernel.serverOwnStack=true against false: old / new - 1',
    expected: 35,
    unit: 'percent',
    tolerancePct: 15,
    role: 'predicted',
    experiment: 'inks-fn6',
    measure: (s) => 100 * (t5us('server-kernel-trap', true, s) / t5us('server-kernel-trap', true, s, ['kernel.serverOwnStack=true']) - 1),
    note:
      'dropping the stack switch, the argument copy and the continuation register saves (guessed at 20 + 20 + 2 x 16 instructions) gives about 30% in the model; the prototype also streamlined the rest of the path (footnote 6), which the model does not size',
  }),
];
