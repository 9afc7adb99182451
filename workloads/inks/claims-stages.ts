// Claims of inks Tables 1 and 2: the 21 stages of a Mach RPC (server out of the kernel and in it,
// reached by message) and the 12 stages of an INKS trap, each read from the breakdown of the
// instrumented 128-byte InOut test. The fixed path lengths are calibrated on these rows (one
// cycle per cached instruction on the PA-RISC), so the out-of-kernel column and Table 2 are
// calibrated; the in-kernel column is predicted except stages 9 and 13, whose kernel-mode return
// and entry were calibrated on it.

import { claim, type Claim } from '../claims.js';
import { findKernel } from '../../kernels/index.js';

// The stage labels of inks Tables 1 and 2, as the kernels publish them.
const RPC_STAGES = findKernel('mach')!.breakdowns!['inks-table1'];
const TRAP_STAGES = findKernel('inks-trap')!.breakdowns!['inks-table2'];
import { stageCycles, stagesRun } from './experiments.js';

const T1 = [
  [24, 24], [199, 199], [350, 369], [18, 18], [205, 205], [159, 159], [178, 178], [122, 121], [443, 404], [19, 19],
  [17, 17], [172, 172], [378, 304], [18, 18], [211, 212], [144, 144], [178, 179], [90, 90], [364, 364], [172, 173], [17, 17],
] as const;
const T2 = [24, 213, 116, 22, 92, 29, 232, 20, 229, 17, 163, 17] as const;

const pad = (n: number): string => String(n).padStart(2, '0');
const COND = 'hp9000-730, one 128-byte (32-word) InOut argument, timestamps at every stage, steady state';

const t1 = (stage: number, col: 'out' | 'in'): Claim => {
  const kernel = col === 'out' ? 'mach' : 'inks-msg';
  const calibrated = col === 'out' || stage === 9 || stage === 13;
  const expected = T1[stage - 1][col === 'out' ? 0 : 1];
  return claim({
    ref: `inks.table1.s${pad(stage)}.${col}`,
    source: `Table 1, stage ${stage} "${RPC_STAGES[stage - 1].replace(/^\d+\. /, '')}", ${col === 'out' ? 'out of kernel' : 'in kernel'}`,
    conditions: `${COND}; kernel ${kernel}`,
    expected,
    unit: 'cycles',
    tolerancePct: 1,
    role: calibrated ? 'calibrated' : 'predicted',
    experiment: `inks-table1-${kernel}`,
    measure: (s) => stageCycles(stagesRun(kernel, s), stage),
    ...(col === 'in' && stage === 3
      ? {
          knownGap:
            "the paper's client trap costs 19 cycles more with the server in the kernel (369 against 350) and gives no reason; the client's path to the kernel is the same code in both configurations, and the model runs the same work",
        }
      : {}),
  });
};

export const stageClaims: Claim[] = [
  ...T1.flatMap((_, i) => [t1(i + 1, 'out'), t1(i + 1, 'in')]),
  claim({
    ref: 'inks.table1.total.out',
    source: 'Table 1, total, out of kernel',
    conditions: `${COND}; kernel mach`,
    expected: 3478,
    unit: 'cycles',
    tolerancePct: 1,
    role: 'calibrated',
    experiment: 'inks-table1-mach',
    measure: (s) => stagesRun('mach', s).latencyCycles,
  }),
  claim({
    ref: 'inks.table1.total.in',
    source: 'Table 1, total, in kernel',
    conditions: `${COND}; kernel inks-msg`,
    expected: 3386,
    unit: 'cycles',
    tolerancePct: 1,
    role: 'predicted',
    experiment: 'inks-table1-inks-msg',
    measure: (s) => stagesRun('inks-msg', s).latencyCycles,
    note: 'predicted from the out-of-kernel calibration with only stages 9 and 13 recalibrated',
  }),
  ...T2.map((expected, i) =>
    claim({
      ref: `inks.table2.s${pad(i + 1)}`,
      source: `Table 2, trap stage ${i + 1} "${TRAP_STAGES[i].replace(/^\d+\. /, '')}"`,
      conditions: `${COND}; kernel inks-trap`,
      expected,
      unit: 'cycles',
      tolerancePct: 1,
      role: 'calibrated',
      experiment: 'inks-table2',
      measure: (s) => stageCycles(stagesRun('inks-trap', s), i + 1),
    }),
  ),
  claim({
    ref: 'inks.table2.total',
    source: 'Table 2, total',
    conditions: `${COND}; kernel inks-trap`,
    expected: 1174,
    unit: 'cycles',
    tolerancePct: 1,
    role: 'calibrated',
    experiment: 'inks-table2',
    measure: (s) => stagesRun('inks-trap', s).latencyCycles,
  }),
];
