// Claims about URPC calls with processors on both sides (URPC §1, §4.2 Table II, §4.3, footnote 1,
// Figures 3 and 4): the component breakdown, latency and throughput at (T, C, S), the pipeline,
// the critical sections and the shapes of the curves.

import { claim, risesAtEveryStep, type Claim, type Scale } from '../claims.js';
import { findKernel } from '../../kernels/index.js';

// Table II's instruction counts inside the queue locks, as the urpc kernel publishes them.
const URPC_FACTS = findKernel('urpc')!.facts!;
import { CALLS, COMBOS, T_AXIS, stepInstructions, stepUs, urpcPoint, type Point } from './experiments.js';

/** Table II is measured where no reallocation is needed and the footnote's optimisation is off: T = 2, C = S = 1. */
const table2 = (s: Scale) => urpcPoint(s, 2, 1, 1);
const T2 = 'null URPC, T=2 C=1 S=1 (no reallocation), per call';
const lat = (s: Scale, T: number, C: number, S: number, set?: string[]) => urpcPoint(s, T, C, S, set).latencyUs;
const thr = (s: Scale, T: number, C: number, S: number, set?: string[]) => urpcPoint(s, T, C, S, set).throughput;
const curve = (s: Scale, C: number, S: number, f: (p: Point) => number) => T_AXIS.map((T) => f(urpcPoint(s, T, C, S)));
const loaded = (C: number, S: number) => COMBOS.filter((c) => c.S > 0 && (C === 0 || (c.C === C && c.S === S)));

const TABLE2_ROWS = [
  { step: 'send', client: 18, server: 13 },
  { step: 'poll', client: 6, server: 6 },
  { step: 'receive', client: 10, server: 9 },
  { step: 'dispatch', client: 20, server: 25 },
] as const;

const table2Claims: Claim[] = TABLE2_ROWS.flatMap((r) =>
  (['client', 'server'] as const).map((side) =>
    claim({
      ref: `urpc.table2.${r.step}.${side}`,
      source: `Table II, ${r.step}, ${side}`,
      conditions: `firefly-cvax; ${T2}`,
      expected: r[side],
      unit: 'us',
      role: 'calibrated',
      experiment: 'urpc:2,1,1',
      measure: (s) => stepUs(table2(s), side, [r.step]),
      note: 'instruction counts derived from the row at 0.72 µs per instruction; TLB and cache misses come on top',
    }),
  ),
);

export const callClaims: Claim[] = [
  ...table2Claims,
  ...(['client', 'server'] as const).map((side) =>
    claim({
      ref: `urpc.table2.total.${side}`,
      source: `Table II, total, ${side}`,
      conditions: `firefly-cvax; ${T2}`,
      expected: side === 'client' ? 54 : 53,
      unit: 'us',
      role: 'calibrated',
      experiment: 'urpc:2,1,1',
      measure: (s) => stepUs(table2(s), side),
    }),
  ),
  claim({
    ref: 'urpc.s4.2.client_server_equal',
    source: '§4.2 text',
    conditions: `firefly-cvax; ${T2}: client and server totals within 10%`,
    expected: null,
    unit: '',
    role: 'calibrated',
    experiment: 'urpc:2,1,1',
    measure: (s) => {
      const c = stepUs(table2(s), 'client');
      const v = stepUs(table2(s), 'server');
      return Math.abs(c - v) / Math.max(c, v) < 0.1;
    },
  }),
  claim({
    ref: 'urpc.s4.2.dispatch_near_half',
    source: '§4.2 text',
    conditions: `firefly-cvax; ${T2}: dispatch between 30% and 55% of each side's total`,
    expected: null,
    unit: '',
    role: 'calibrated',
    experiment: 'urpc:2,1,1',
    measure: (s) =>
      (['client', 'server'] as const).every((side) => {
        const f = stepUs(table2(s), side, ['dispatch']) / stepUs(table2(s), side);
        return f > 0.3 && f < 0.55;
      }),
    note: 'Table II itself gives 37% (client) and 47% (server)',
  }),
  claim({
    ref: 'urpc.s4.2.per_word_copy',
    source: '§4.2 text',
    conditions: 'firefly-cvax; T=C=S=1: latency with 100 words of arguments less the null call, per word',
    expected: 1,
    unit: 'us/word',
    role: 'calibrated',
    experiment: 'urpc:1,1,1:bytes',
    measure: (s) => (urpcPoint(s, 1, 1, 1, [], 400).latencyUs - lat(s, 1, 1, 1)) / 100,
    tolerancePct: 15,
    note: 'the copy rate is derived from this figure; the copies\' start-up and cache misses come on top. "About one µs": 15% tolerance',
  }),
  claim({
    ref: 'urpc.s4.3.calls_per_run',
    source: '§4.3 text',
    conditions: 'firefly-cvax; calls per (T, C, S) point when the figures are reproduced at the paper\'s scale',
    expected: 100000,
    unit: 'calls',
    role: 'calibrated',
    experiment: 'configuration',
    measure: () => CALLS.paper,
    note: 'an experiment parameter, typed in from this sentence; test-scale runs use fewer',
  }),
  claim({
    ref: 'urpc.s4.3.instructions_round_trip',
    source: '§4.3 text',
    conditions: `firefly-cvax; ${T2}: instructions executed by client and server`,
    expected: 148,
    unit: 'instructions',
    role: 'calibrated',
    experiment: 'urpc:2,1,1',
    measure: (s) => stepInstructions(table2(s), 'client') + stepInstructions(table2(s), 'server'),
    note: 'the machine\'s 8 cycles per instruction is derived from 148 instructions taking Table II\'s 107 µs',
  }),
  claim({
    ref: 'urpc.s4.3.critical_section_share',
    source: '§4.3 text',
    conditions: 'firefly-cvax; instructions from the queue locks\' test-and-set to their release, over the round trip\'s instructions',
    expected: 50,
    unit: 'percent',
    role: 'calibrated',
    experiment: 'urpc:2,1,1',
    measure: (s) => {
      // Each locked row is one test-and-set plus its critical section.
      const inside = (['client', 'server'] as const).reduce((a, side) => a + 2 + URPC_FACTS[`${side}.sendCritical`] + URPC_FACTS[`${side}.receiveCritical`], 0);
      return (100 * inside) / (stepInstructions(table2(s), 'client') + stepInstructions(table2(s), 'server'));
    },
    tolerancePct: 15,
    note: '"approximately half": the model puts all of send and receive under the queue locks (47%); the split is typed in from this sentence',
  }),
  claim({
    ref: 'urpc.s4.3.locks_per_channel',
    source: '§4.3 text',
    conditions: 'firefly-cvax; C=S=2, T=4 (a thread per processor): the channel\'s queue locks that some processor found held',
    expected: 2,
    unit: 'locks',
    role: 'calibrated',
    experiment: 'urpc:4,2,2',
    measure: (s) => {
      const p = urpcPoint(s, 4, 2, 2);
      return ['urpc.lock.calls.conflicts', 'urpc.lock.replies.conflicts'].filter((k) => p.perCall[k] > 0).length;
    },
    note: 'one lock per queue direction, as the model builds the channel; both must see contention to count. At T=10 the deterministic model settles into a lock-step cycle in which only the call queue\'s lock is ever found held',
  }),
  claim({
    ref: 'urpc.s3.2.1.nonspinning_locks',
    source: '§3.2.1 text',
    conditions: 'firefly-cvax; C=S=2, T=10: receivers that find a queue lock held go on without spinning',
    expected: null,
    unit: '',
    role: 'calibrated',
    experiment: 'urpc:10,2,2',
    measure: (s) => urpcPoint(s, 10, 2, 2).perCall['urpc.receive.lockBusy'] > 0,
  }),
  claim({
    ref: 'notes.tas_polling_locks',
    source: 'lecture notes, design decisions',
    conditions: 'firefly-cvax; C=S=2, T=10: test-and-set attempts that fail are followed by more polling',
    expected: null,
    unit: '',
    role: 'calibrated',
    experiment: 'urpc:10,2,2',
    measure: (s) => urpcPoint(s, 10, 2, 2).perCall['urpc.receive.lockBusy'] > 0,
  }),
  claim({
    ref: 'urpc.s2.idle_scan',
    source: '§2 text',
    conditions: 'firefly-cvax; T=1 C=S=1 idles and polls; T=10 C=S=1 keeps both processors busy and polls under 2% of the time',
    expected: null,
    unit: '',
    role: 'calibrated',
    experiment: 'urpc:10,1,1',
    measure: (s) => {
      const busy = urpcPoint(s, 10, 1, 1);
      const idleBusy = stepUs(busy, 'client', ['idle']) + stepUs(busy, 'server', ['idle']);
      const idle = urpcPoint(s, 1, 1, 1);
      return idleBusy < 0.02 * (1e6 / busy.throughput) * 2 && stepUs(idle, 'server', ['idle']) > 0;
    },
  }),
  // ---- latency and throughput (§1, §4.3) ----
  claim({
    ref: 'urpc.intro.null_latency',
    source: '§1 text',
    conditions: 'firefly-cvax; null URPC, T=C=S=1',
    expected: 93,
    unit: 'us',
    role: 'predicted',
    experiment: 'urpc:1,1,1',
    measure: (s) => lat(s, 1, 1, 1),
  }),
  claim({
    ref: 'urpc.s4.3.latency_T1C1S1',
    source: '§4.3 text',
    conditions: 'firefly-cvax; null URPC, T=C=S=1',
    expected: 93,
    unit: 'us',
    role: 'predicted',
    experiment: 'urpc:1,1,1',
    measure: (s) => lat(s, 1, 1, 1),
  }),
  claim({
    ref: 'urpc.s4.3.throughput_T1C1S1',
    source: '§4.3 text',
    conditions: 'firefly-cvax; null URPC, T=C=S=1',
    expected: 10300,
    unit: 'calls/s',
    role: 'predicted',
    experiment: 'urpc:1,1,1',
    measure: (s) => thr(s, 1, 1, 1),
    knownGap:
      'the paper disagrees with itself: with one thread in a closed loop throughput is 1/latency, and 10,300 calls/s is 97 µs per call against its own 93 µs latency; the model has no work outside the stub, so it follows the latency (93 µs would give 10,750 calls/s)',
  }),
  claim({
    ref: 'urpc.s4.3.latency_T2C1S1',
    source: '§4.3 text',
    conditions: 'firefly-cvax; null URPC, T=2 C=S=1',
    expected: 112,
    unit: 'us',
    role: 'predicted',
    experiment: 'urpc:2,1,1',
    measure: (s) => lat(s, 2, 1, 1),
  }),
  claim({
    ref: 'urpc.s4.3.latency_increase_T2',
    source: '§4.3 text',
    conditions: 'firefly-cvax; latency at T=2 over T=1, C=S=1',
    expected: 20,
    unit: 'percent',
    role: 'predicted',
    experiment: 'urpc:1-2,1,1',
    measure: (s) => 100 * (lat(s, 2, 1, 1) / lat(s, 1, 1, 1) - 1),
    tolerancePct: 25,
    note: 'an increase of two latencies each held to 5% can be off by about 1.12 × 10% / 0.2 of itself; 25% tolerance',
  }),
  claim({
    ref: 'urpc.s4.3.throughput_T2C1S1',
    source: '§4.3 text',
    conditions: 'firefly-cvax; null URPC, T=2 C=S=1',
    expected: 17850,
    unit: 'calls/s',
    role: 'predicted',
    experiment: 'urpc:2,1,1',
    measure: (s) => thr(s, 2, 1, 1),
  }),
  claim({
    ref: 'urpc.s4.3.throughput_increase_T2',
    source: '§4.3 text',
    conditions: 'firefly-cvax; throughput at T=2 over T=1, C=S=1',
    expected: 75,
    unit: 'percent',
    role: 'predicted',
    experiment: 'urpc:1-2,1,1',
    measure: (s) => 100 * (thr(s, 2, 1, 1) / thr(s, 1, 1, 1) - 1),
    tolerancePct: 25,
    note: 'a ratio of two throughputs each held to 5% can be off by 1.75 × 10% / 0.75 ≈ 23% of the increase; 25% tolerance. The paper\'s own figures give 73%',
  }),
  ...(['urpc.intro.pipeline_53', 'urpc.s4.3.pipeline_53'] as const).map((ref) =>
    claim({
      ref,
      source: ref.includes('intro') ? '§1 text' : '§4.3 text',
      conditions: 'firefly-cvax; null URPC, T=2 C=S=1: time between completed calls (1 / throughput)',
      expected: 53,
      unit: 'us',
      role: 'predicted',
      experiment: 'urpc:2,1,1',
      measure: (s) => 1e6 / thr(s, 2, 1, 1),
      note: 'the paper disagrees with itself: 53 µs is Table II\'s server total, while its measured 17,850 calls/s is 56 µs per call; the model measures the time between completions, which its slower stage (the client, 54 µs) sets',
    }),
  ),
  claim({
    ref: 'urpc.s4.3.throughput_C1S1_sat',
    source: '§4.3 text',
    conditions: 'firefly-cvax; null URPC, C=S=1, T=10 (saturated)',
    expected: 17850,
    unit: 'calls/s',
    role: 'predicted',
    experiment: 'urpc:10,1,1',
    measure: (s) => thr(s, 10, 1, 1),
  }),
  claim({
    ref: 'urpc.s4.3.throughput_C2S2',
    source: '§4.3 text',
    conditions: 'firefly-cvax; null URPC, C=S=2, T=10 (saturated)',
    expected: 23800,
    unit: 'calls/s',
    role: 'predicted',
    experiment: 'urpc:10,2,2',
    measure: (s) => thr(s, 10, 2, 2),
    knownGap: GAP_C2S2(),
  }),
  claim({
    ref: 'urpc.s4.3.C2S2_improvement',
    source: '§4.3 text',
    conditions: 'firefly-cvax; saturated throughput at C=S=2 over C=S=1 (T=10)',
    expected: 33,
    unit: 'percent',
    role: 'predicted',
    experiment: 'urpc:10,2,2',
    measure: (s) => 100 * (thr(s, 10, 2, 2) / thr(s, 10, 1, 1) - 1),
    tolerancePct: 25,
    knownGap: GAP_C2S2(),
  }),
  claim({
    ref: 'urpc.s4.3.cs_saturated_4procs',
    source: '§4.3 text',
    conditions: 'firefly-cvax; T=10: lock conflicts per call at C=S=2 at least five times those at C=S=1, and more than one per call',
    expected: null,
    unit: '',
    role: 'predicted',
    experiment: 'urpc:10,2,2',
    measure: (s) => {
      const conflicts = (p: Point) => p.perCall['urpc.send.lockWaits'] + p.perCall['urpc.receive.lockBusy'];
      const four = conflicts(urpcPoint(s, 10, 2, 2));
      return four > 1 && four >= 5 * conflicts(urpcPoint(s, 10, 1, 1));
    },
  }),
  claim({
    ref: 'urpc.s4.3.multichannel_unconstrained',
    source: '§4.3 text',
    conditions: 'firefly-cvax; two client/server pairs on their own channels (C=S=1 each, T=20): aggregate over 1.9 times one pair\'s',
    expected: null,
    unit: '',
    role: 'predicted',
    experiment: 'urpc:pairs',
    measure: (s) => thr(s, 20, 1, 1, ['kernel.scenario=pairs']) > 1.9 * thr(s, 10, 1, 1),
  }),
  claim({
    ref: 'urpc.s4.3.larger_SC_same',
    source: '§4.3 text',
    conditions: 'firefly-cvax; every (C, S) with S > 0: throughput at T = C+S+1 within 5% of its best over T = 1..10',
    expected: null,
    unit: '',
    role: 'predicted',
    experiment: 'urpc:figures',
    measure: (s) =>
      loaded(0, 0).every(({ C, S }) => {
        const t = curve(s, C, S, (p) => p.throughput);
        return t[C + S] >= 0.95 * Math.max(...t);
      }),
  }),
  // ---- footnote 1 ----
  claim({
    ref: 'urpc.fn1.expected_latency_formula',
    source: 'footnote 1',
    conditions: `firefly-cvax; ${T2}: client total plus server total`,
    expected: 107,
    unit: 'us',
    role: 'calibrated',
    experiment: 'urpc:2,1,1',
    measure: (s) => stepUs(table2(s), 'client') + stepUs(table2(s), 'server'),
  }),
  claim({
    ref: 'urpc.fn1.discrepancy_14',
    source: 'footnote 1',
    conditions: 'firefly-cvax; Table II\'s client plus server totals (T=2) less the latency at T=C=S=1',
    expected: 14,
    unit: 'us',
    role: 'predicted',
    experiment: 'urpc:1-2,1,1',
    measure: (s) => stepUs(table2(s), 'client') + stepUs(table2(s), 'server') - lat(s, 1, 1, 1),
    tolerancePct: 40,
    note: 'a difference of 107 and 93: 5% of either is 5 µs, over a third of 14; 40% tolerance. The paper puts all 14 µs on the optimisation; in the model it removes the client\'s save and restore (15 µs of work) but only the restore (8 µs) lay on the critical path: the client\'s save and the server thread\'s save overlap the other side\'s work, and polling adds detection delay',
  }),
  claim({
    ref: 'urpc.fn1.optimization_condition',
    source: 'footnote 1',
    conditions: 'firefly-cvax; client dispatch per call: at T=C=S=1 without the save and restore; at T=2 C=S=1 with them',
    expected: null,
    unit: '',
    role: 'calibrated',
    experiment: 'urpc:1-2,1,1',
    measure: (s) => stepUs(urpcPoint(s, 1, 1, 1), 'client', ['dispatch']) < 10 && stepUs(table2(s), 'client', ['dispatch']) > 18,
  }),
  claim({
    ref: 'urpc.fn1.throughput_spike',
    source: 'footnote 1 / Figure 4',
    conditions: 'firefly-cvax; C=S=1 and C=S=2: the optimisation raises throughput by over 5% at T=C=S and by under 2% at T=C+S+1',
    expected: null,
    unit: '',
    role: 'predicted',
    experiment: 'urpc:spike',
    measure: (s) =>
      [1, 2].every((n) => {
        const off = ['kernel.keepContextLoaded=false'];
        const gainAt = (T: number) => thr(s, T, n, n) / thr(s, T, n, n, off) - 1;
        return gainAt(n) > 0.05 && Math.abs(gainAt(2 * n + 1)) < 0.02;
      }),
    knownGap:
      'holds at C=S=1 (+8.7% at T=1, 0% at T=3) but not at C=S=2 since the shared-bus model: there the optimisation now ' +
      'loses 1.8% at T=2 (16,694 against 17,001 calls/s; without bus waits it gains 7%: 18,619 against 17,397) and 5.8% ' +
      'at T=5 (30,418 against 32,297), the clients waiting longer for the bus at their receive test-and-set. Not resolved ' +
      'whether this is the Firefly\'s or the approximation\'s: a step\'s bus transactions are reserved when it is priced, ' +
      'bunched after its instructions, which makes bursts the real processor would spread out',
  }),
  // ---- the shapes of Figures 3 and 4 ----
  claim({
    ref: 'urpc.fig3.latency_rises_T_gt_CS',
    source: 'Figure 3 / §4.3 text',
    conditions: 'firefly-cvax; every (C, S) with S > 0: latency grows by over 15% from T = C+S to T = C+S+1 and keeps growing to T = 10',
    expected: null,
    unit: '',
    role: 'predicted',
    experiment: 'urpc:figures',
    measure: (s) =>
      loaded(0, 0).every(({ C, S }) => {
        const l = curve(s, C, S, (p) => p.latencyUs);
        const k = C + S - 1;
        return l[k + 1] > 1.15 * l[k] && risesAtEveryStep(l.slice(k + 1));
      }),
  }),
  claim({
    ref: 'urpc.fig4.throughput_plateau',
    source: 'Figure 4 / §4.3 text',
    conditions: 'firefly-cvax; C=S=1 and C=S=2 (balanced): throughput rises until T exceeds C+S, then stays within 5% of its value at T = C+S+1',
    expected: null,
    unit: '',
    role: 'predicted',
    experiment: 'urpc:figures',
    measure: (s) =>
      [loaded(1, 1)[0], loaded(2, 2)[0]].every(({ C, S }) => {
        const t = curve(s, C, S, (p) => p.throughput);
        const k = C + S;
        return risesAtEveryStep(t.slice(0, k), 0.05) && t[k] >= t[k - 1] && t.slice(k).every((x) => Math.abs(x / t[k] - 1) < 0.05);
      }),
  }),
  claim({
    ref: 'urpc.fig4.no_gain_past_saturation',
    source: 'Figure 4 / §4.3 text',
    conditions: 'firefly-cvax; every (C, S) with S > 0: throughput at T = 10 no more than 3% above that at T = C+S+1',
    expected: null,
    unit: '',
    role: 'predicted',
    experiment: 'urpc:figures',
    measure: (s) => loaded(0, 0).every(({ C, S }) => thr(s, 10, C, S) <= 1.03 * thr(s, C + S + 1, C, S)),
  }),
  claim({
    ref: 'urpc.fig4.throughput_less_sensitive',
    source: '§4.3 text',
    conditions: 'firefly-cvax; every (C, S) with S > 0: from T = C+S to T = 10 throughput changes by less than a fifth of latency\'s relative change',
    expected: null,
    unit: '',
    role: 'predicted',
    experiment: 'urpc:figures',
    measure: (s) =>
      loaded(0, 0).every(({ C, S }) => {
        const k = C + S;
        const dl = lat(s, 10, C, S) / lat(s, k, C, S) - 1;
        const dt = Math.abs(thr(s, 10, C, S) / thr(s, k, C, S) - 1);
        return dt < dl / 5;
      }),
  }),
  claim({
    ref: 'urpc.s4.3.latency_definition',
    source: '§4.3 text',
    conditions: 'firefly-cvax; T=C=S=1: latency (call into the stub to return) is the whole of a loop iteration: 1/throughput within 1%',
    expected: null,
    unit: '',
    role: 'calibrated',
    experiment: 'urpc:1,1,1',
    measure: (s) => Math.abs((lat(s, 1, 1, 1) * thr(s, 1, 1, 1)) / 1e6 - 1) < 0.01,
    note: 'the closed loop does nothing outside the stub; see the 10,300 calls/s known gap',
  }),
];

/** Why C = S = 2 is faster in the model than on the Firefly. */
function GAP_C2S2(): string {
  return (
    'the model saturates near 30,400 calls/s (+28%). Without the MBus it gave 33,400 (+40%): the per-queue test-and-set ' +
    'locks\' contention alone costs about 10% against the paper\'s 36%. The shared-bus model (write-update of every ' +
    'write to a line another cache holds, interlocked test-and-sets and fills occupying the bus, a processor waiting while ' +
    'it is busy) finds the bus about 64% busy at C=S=2 (233 bus cycles per call, against 20% at C=S=1) and takes ' +
    'throughput down 9%. Still not modelled: the lock word\'s own line traffic (spinning senders re-reading it), any lock ' +
    'in FastThreads\'s ready queue, and bus transaction costs, which are guesses (MBus write-through 3 cycles, interlocked ' +
    'operation 10, fill 4); no factor was added to close the gap'
  );
}
