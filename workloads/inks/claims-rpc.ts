// Claims of inks §4.3-4.4 about RPC: Table 3 (null RPC and argument variants in the three
// configurations), the text's ratios and categories, the instrumentation overhead, and the copy
// counts of each argument kind. Table 3 is predicted from the stage path lengths of Tables 1-2
// and the per-byte copy rate (the 128-byte InOut cells are the calibration test without its
// timestamps; the trapping 1K In cell fixed the copy rate).

import { claim, type Claim, type Scale } from '../claims.js';
import { ABOUT_PCT } from './experiments.js';
import { CONFIGS, cyclesWhere, isCopy, run, stageCycles, stagesRun, type Config } from './experiments.js';
import { RPC_TESTS } from './workloads.js';

type Test = (typeof RPC_TESTS)[number]['id'];
const T3: Record<Test, [number, number, number]> = {
  'inks-null': [2312, 2220, 656],
  'inks-in64': [2555, 2462, 830],
  'inks-in1k': [5843, 5890, 1791],
  'inks-out1k': [8366, 7512, 2741],
  'inks-inout128': [3385, 3291, 1122],
};
const T3_REF: Record<Test, string> = { 'inks-null': 'null', 'inks-in64': 'in64', 'inks-in1k': 'in1k', 'inks-out1k': 'out1k', 'inks-inout128': 'inout128' };
const COL_REF: Record<Config, string> = { mach: 'unopt', 'inks-msg': 'inksmsg', 'inks-trap': 'inkstrap' };

const OUT_GAP =
  "the paper's 1K Out costs about 2 cycles per byte it copies out where 1K In costs 1: on the trapping path, whose only copy of the argument is one copyout, 1K Out - 1K In = 2741 - 1791 = 950 cycles for the same 1024 bytes. The paper does not say why (write misses and write-backs on destination lines would give about 0.9 cycle/byte at 14 cycles per 32-byte line, but nothing in the test leaves those lines uncached). The model copies In and Out bytes at the same rate, so every 1K Out cell comes out low";

const latency = (k: string, w: string, s: Scale): number => run(k, w, s).latencyCycles;

function t3(test: Test, col: number): Claim {
  const kernel = CONFIGS[col];
  const calibrated = test === 'inks-inout128' || (test === 'inks-in1k' && kernel === 'inks-trap');
  const gaps: Partial<Record<string, string>> = {
    'inks-out1k': OUT_GAP,
    'inks-null:mach':
      'the null RPC comes out 5.4% high: the paper\'s null-to-128-InOut difference (3385 - 2312 = 1073 cycles) is more than the seven 128-byte copies, their start-ups and the descriptor work the model charges per argument (954), so about 120 cycles of per-argument work on the message path sit in the fixed path lengths calibrated from the InOut test',
    'inks-in1k:inks-msg':
      "the paper's in-kernel 1K In is slower than the out-of-kernel one (5890 against 5843) where every other test is about 93 cycles faster; the model keeps the in-kernel saving at every size, so this cell comes out 5-6% low",
  };
  const gap = gaps[test] ?? gaps[`${test}:${kernel}`];
  return claim({
    ref: `inks.table3.${T3_REF[test]}.${COL_REF[kernel]}`,
    source: `Table 3, ${RPC_TESTS.find((t) => t.id === test)!.title.replace(/^Table 3[^:]*: /, '')}, ${kernel}`,
    conditions: `hp9000-730, kernel ${kernel}, workload ${test}, no timestamps, steady state`,
    expected: T3[test][col],
    unit: 'cycles',
    tolerancePct: 5,
    role: calibrated ? 'calibrated' : 'predicted',
    experiment: `inks-table3-${kernel}-${test}`,
    measure: (s) => latency(kernel, test, s),
    ...(gap ? { knownGap: gap } : {}),
  });
}

const ratio = (test: Test, s: Scale, k: Config = 'mach'): number => latency(k, test, s) / latency('inks-trap', test, s);
const geomean = (xs: number[]): number => Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length);
const allRatios = (s: Scale, k: Config): number[] => RPC_TESTS.map((t) => ratio(t.id, s, k));

/** Instrumentation overhead: the timestamped test less the same test without timestamps. */
const stampCycles = (k: Config, s: Scale): number => stagesRun(k, s).latencyCycles - stagesRun(k, s, false).latencyCycles;

export const rpcClaims: Claim[] = [
  ...(Object.keys(T3) as Test[]).flatMap((t) => [0, 1, 2].map((c) => t3(t, c))),
  claim({
    ref: 'inks.abstract.rpc_3x',
    source: 'Abstract: "RPC performance improving by a factor of three"',
    conditions: 'hp9000-730, Table 3 tests, geometric mean of unoptimised / trapping INKS',
    expected: 3,
    unit: 'ratio',
    tolerancePct: ABOUT_PCT,
    role: 'predicted',
    experiment: 'inks-table3',
    measure: (s) => geomean(allRatios(s, 'mach')),
  }),
  claim({
    ref: 'inks.s4.4.three_times',
    source: '§4.4: message configurations "typically execute three times as many cycles" as trapping INKS',
    conditions: 'hp9000-730, Table 3 tests, geometric mean over both message configurations / trapping INKS',
    expected: 3,
    unit: 'ratio',
    tolerancePct: ABOUT_PCT,
    role: 'predicted',
    experiment: 'inks-table3',
    measure: (s) => geomean([...allRatios(s, 'mach'), ...allRatios(s, 'inks-msg')]),
  }),
  ...(
    [
      ['inks.s4.4.instr_cycles_unopt', 'mach', 93, 'Table 1 total - Table 3 128 InOut, unoptimised (3478 - 3385)'],
      ['inks.s4.4.instr_cycles_inksmsg', 'inks-msg', 95, 'Table 1 total - Table 3 128 InOut, INKS message (3386 - 3291)'],
      ['inks.s4.4.instr_cycles_trap', 'inks-trap', 52, 'Table 2 total - Table 3 128 InOut, INKS trap (1174 - 1122)'],
    ] as const
  ).map(([ref, k, expected, what]) =>
    claim({
      ref,
      source: `§4.4 instrumentation overhead: ${what}`,
      conditions: `hp9000-730, kernel ${k}, 128-byte InOut test with and without timestamps`,
      expected,
      unit: 'cycles',
      tolerancePct: 10,
      role: 'predicted',
      experiment: `inks-instrumentation-${k}`,
      measure: (s) => stampCycles(k, s),
      note: 'a timestamp is guessed at 4 instructions (mfctl CR16, index, store, bump), one per stage plus one at the start',
    }),
  ),
  claim({
    ref: 'inks.s4.4.instr_pct_msg',
    source: '§4.4: instrumentation overhead 2.6% on the message paths',
    conditions: 'hp9000-730, kernel mach, 128-byte InOut test with and without timestamps',
    expected: 2.6,
    unit: 'percent',
    tolerancePct: 10,
    role: 'predicted',
    experiment: 'inks-instrumentation-mach',
    measure: (s) => (100 * stampCycles('mach', s)) / stagesRun('mach', s, false).latencyCycles,
  }),
  claim({
    ref: 'inks.s4.4.instr_pct_trap',
    source: '§4.4: instrumentation overhead 4.6% on the trapping path',
    conditions: 'hp9000-730, kernel inks-trap, 128-byte InOut test with and without timestamps',
    expected: 4.6,
    unit: 'percent',
    tolerancePct: 10,
    role: 'predicted',
    experiment: 'inks-instrumentation-inks-trap',
    measure: (s) => (100 * stampCycles('inks-trap', s)) / stagesRun('inks-trap', s, false).latencyCycles,
  }),
];

/** Cycles of trap entry and exit in the instrumented tests: RPC stages 3, 13 and the non-copy parts of 9, 19; trap stages 2, 11. */
export function trapEntryExit(k: Config, s: Scale): number {
  const r = stagesRun(k, s);
  if (k === 'inks-trap') return stageCycles(r, 2) + stageCycles(r, 11);
  const fixed = (n: number): number => cyclesWhere(r, (b) => b.step.startsWith(`${n}. `) && !isCopy(b));
  return stageCycles(r, 3) + stageCycles(r, 13) + fixed(9) + fixed(19);
}

export const argumentCopying = (k: Config, s: Scale): number => cyclesWhere(stagesRun(k, s), isCopy);
