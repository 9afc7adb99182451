// Claims of the sleep/wake-up paper's uniprocessor sections (§1-§4, Table 1, Figures 2, 3, 6, 8,
// 10) on the simulated SGI Indy (IRIX 6.2) and IBM P4 (AIX 4.1).

import { claim, mean, risesAllowingDips, within, type Claim, type Scale } from '../claims.js';
import { queueFullWait } from './races.js';
import { CLIENTS, FIG10_SPINS, UNI_MACHINES, curve, maxSpin, point, primitive, sched, thr, total } from './experiments.js';

const SGI = 'sgi-indy-r4000';
const IBM = 'ibm-p4-ppc604';
const both = (f: (m: string) => boolean) => UNI_MACHINES.every(f);
const bss1 = (m: string, s: Scale, set: string[] = []) => point(m, 'bss', 1, set, s);
const ratioAt1 = (m: string, s: Scale) => bss1(m, s).msgsPerMs / point(m, 'sysv', 1, [], s).msgsPerMs;
const gain = (m: string, k: string, s: Scale) => mean(CLIENTS.map((c) => point(m, k, c, sched('fixed'), s).msgsPerMs / point(m, k, c, [], s).msgsPerMs - 1)) * 100;
/** Best blocking protocol (BSLS with MAX_SPIN 20, or BSWY) over System V, averaged over 1-6 clients and both machines. */
const blockingRatio = (s: Scale) =>
  mean(UNI_MACHINES.flatMap((m) => CLIENTS.map((c) => Math.max(point(m, 'bsls', c, [], s).msgsPerMs, point(m, 'bswy', c, [], s).msgsPerMs) / point(m, 'sysv', c, [], s).msgsPerMs)));
const spin = (c: number, s: Scale) => point(SGI, 'bsls', c, maxSpin(20), s);

const table1: Claim[] = [
  ...UNI_MACHINES.flatMap((m) => {
    const tag = m === SGI ? 'sgi' : 'ibm';
    const v = m === SGI ? { eq: 3, msg: 37, y: [16, 18, 45] } : { eq: 2, msg: 15, y: [6, 13, 30] };
    const cond = `${m}, one process in a tight loop`;
    return [
      claim({
        ref: `sw.table1.enqdeq.${tag}`,
        source: 'Table 1, enqueue/dequeue',
        conditions: cond,
        expected: v.eq,
        unit: 'us',
        role: 'calibrated',
        experiment: 'table1',
        measure: (s) => primitive(m, 'enqdeq', 1, s).us,
        tolerancePct: 10,
      }),
      claim({
        ref: `sw.table1.msgsnd_msgrcv.${tag}`,
        source: 'Table 1, msgsnd/msgrcv',
        conditions: cond,
        expected: v.msg,
        unit: 'us',
        role: 'calibrated',
        experiment: 'table1',
        measure: (s) => primitive(m, 'msg', 1, s).us,
        tolerancePct: 10,
      }),
      claim({
        ref: `sw.table1.yield_1proc.${tag}`,
        source: 'Table 1, concurrent yields, 1 process',
        conditions: `${m}, yield loop`,
        expected: v.y[0],
        unit: 'us',
        role: 'calibrated',
        experiment: 'table1',
        measure: (s) => primitive(m, 'yield', 1, s).us,
        tolerancePct: 10,
      }),
      claim({
        ref: `sw.table1.yield_2proc.${tag}`,
        source: 'Table 1, concurrent yields, 2 processes',
        conditions: `${m}, yield loop, time per yield call`,
        expected: v.y[1],
        unit: 'us',
        role: 'calibrated',
        experiment: 'table1',
        measure: (s) => primitive(m, 'yield', 2, s).us,
        tolerancePct: 10,
        note: 'read as the paper reads it in §2.2 (2 × 18 µs for two context switches): elapsed time per yield call; the dispatcher cost per runnable process is fitted to this row',
      }),
      claim({
        ref: `sw.table1.yield_4proc.${tag}`,
        source: 'Table 1, concurrent yields, 4 processes',
        conditions: `${m}, yield loop, time per yield call`,
        expected: v.y[2],
        unit: 'us',
        role: 'predicted',
        experiment: 'table1',
        measure: (s) => primitive(m, 'yield', 4, s).us,
        tolerancePct: 10,
        knownGap:
          'the model charges a switch a fixed cost per runnable process, fitted to the 2-process row; the paper\'s 4-process row needs a far steeper growth (SGI: 16 -> 18 -> 45 µs; a straight line through the 2- and 4-process rows would give a negative cost for the switch itself), which no single per-process cost fits',
      }),
    ];
  }),
  claim({
    ref: 'sw.s2.2.table1_method',
    source: '§2.2 text',
    conditions: 'yield loops of 1 and 2 processes on both machines',
    expected: null,
    unit: 'shape',
    role: 'calibrated',
    experiment: 'table1',
    measure: (s) =>
    both((m) => primitive(m, 'yield', 1, s).switchesPerOp === 0 && primitive(m, 'yield', 2, s).switchesPerOp > 0),
  }),
  claim({
    ref: 'sw.s2.2.expected_rtt_formula',
    source: '§2.2 text',
    conditions: 'sgi-indy-r4000: 2 × simulated enqueue/dequeue + 2 × simulated 2-process yield (the paper\'s own estimate from Table 1)',
    expected: 42,
    unit: 'us',
    role: 'calibrated',
    experiment: 'table1',
    measure: (s) =>
    2 * primitive(SGI, 'enqdeq', 1, s).us + 2 * primitive(SGI, 'yield', 2, s).us,
    tolerancePct: 10,
  }),
  claim({
    ref: 'sw.s2.2.yield_cheaper_expectation',
    source: '§2.2 text',
    conditions: 'both machines: a 1-process yield under half of one msgsnd or msgrcv (half the Table 1 pair)',
    expected: null,
    unit: 'shape',
    role: 'predicted',
    experiment: 'table1',
    measure: (s) =>
    both((m) => primitive(m, 'yield', 1, s).us < 0.5 * (primitive(m, 'msg', 1, s).us / 2)),
    knownGap: 'the authors\' expectation is contradicted by their own Table 1, which the model reproduces: a yield costs 16 µs against about 18.5 µs per message call on the SGI, 6 against 7.5 µs on the IBM',
  }),
  claim({
    ref: 'sw.s3.1.sysv_sem_weight',
    source: '§3.1 text',
    conditions: 'V/P pair vs msgsnd/msgrcv pair, one process, both machines',
    expected: null,
    unit: 'shape',
    role: 'calibrated',
    experiment: 'table1',
    measure: (s) =>
    both((m) => within(primitive(m, 'sem', 1, s).us, primitive(m, 'msg', 1, s).us, 25)),
  }),
];

const fig2: Claim[] = [
  claim({
    ref: 'sw.fig2.bss_above_sysv',
    source: 'Figure 2',
    conditions: 'BSS and SYSV, 1-6 clients, both machines, default scheduler',
    expected: null,
    unit: 'shape',
    role: 'predicted',
    experiment: 'fig2',
    measure: (s) =>
    both((m) => CLIENTS.every((c) => point(m, 'bss', c, [], s).msgsPerMs > point(m, 'sysv', c, [], s).msgsPerMs)),
  }),
  claim({
    ref: 'sw.fig2a.sgi_bss_increases',
    source: 'Figure 2a',
    conditions: 'sgi-indy-r4000, BSS, 1-6 clients',
    expected: null,
    unit: 'shape',
    role: 'predicted',
    experiment: 'fig2',
    measure: (s) => {
    const y = thr(curve(SGI, 'bss', [], s));
    return risesAllowingDips(y) && y[5] > 1.2 * y[0];
  },
    knownGap:
      'the model\'s BSS rises from about 10 to 19 msgs/ms at four clients (batching halves the server\'s switches, as the paper explains) and then falls back to about 15 at six: the dispatcher cost per runnable process, fitted to Table 1\'s yield loops, outgrows the batching; the paper\'s Table 1 (steeply growing yield cost) and its rising Figure 2a do not fit one per-process switch cost',
  }),
  claim({
    ref: 'sw.s2.2.batching_explanation',
    source: '§2.2 text',
    conditions: 'sgi-indy-r4000, BSS: server voluntary switches per message fall as clients rise',
    expected: null,
    unit: 'shape',
    role: 'predicted',
    experiment: 'fig2',
    measure: (s) =>
    point(SGI, 'bss', 6, [], s).per('server.switches.voluntary') < 0.5 * point(SGI, 'bss', 1, [], s).per('server.switches.voluntary'),
  }),
  claim({
    ref: 'sw.s2.2.ctxsw_1client',
    source: '§2.2 text',
    conditions: 'sgi-indy-r4000, BSS, 1 client: server voluntary switches per 100,000 requests',
    expected: 100000,
    unit: 'context switches',
    role: 'predicted',
    experiment: 'fig2',
    measure: (s) =>
    point(SGI, 'bss', 1, [], s).per('server.switches.voluntary') * 100000,
  }),
  claim({
    ref: 'sw.s2.2.ctxsw_2clients',
    source: '§2.2 text',
    conditions: 'sgi-indy-r4000, BSS, 2 clients × 100,000 requests: server voluntary switches',
    expected: 100000,
    unit: 'context switches',
    role: 'predicted',
    experiment: 'fig2',
    measure: (s) =>
    point(SGI, 'bss', 2, [], s).per('server.switches.voluntary') * 200000,
  }),
  claim({
    ref: 'sw.fig2b.ibm_bss_1client',
    source: 'Figure 2b / §2.2',
    conditions: 'ibm-p4-ppc604, BSS, 1 client',
    expected: 32,
    unit: 'msgs/ms',
    role: 'predicted',
    experiment: 'fig2',
    measure: (s) => point(IBM, 'bss', 1, [], s).msgsPerMs,
    tolerancePct: 10,
  }),
  claim({
    ref: 'sw.fig2b.ibm_bss_6clients',
    source: 'Figure 2b / §2.2',
    conditions: 'ibm-p4-ppc604, BSS, 6 clients',
    expected: 19,
    unit: 'msgs/ms',
    role: 'predicted',
    experiment: 'fig2',
    measure: (s) => point(IBM, 'bss', 6, [], s).msgsPerMs,
    tolerancePct: 10,
    knownGap:
      'the roll-off comes from the dispatcher cost per runnable process fitted to Table 1\'s 2-process row; the 4-process row (which the model undershoots, see sw.table1.yield_4proc.ibm) says switching grows faster with processes, so six clients roll off less than measured',
  }),
  claim({
    ref: 'sw.fig2b.ibm_bss_rolls_off',
    source: 'Figure 2b',
    conditions: 'ibm-p4-ppc604, BSS, 1 vs 6 clients',
    expected: null,
    unit: 'shape',
    role: 'predicted',
    experiment: 'fig2',
    measure: (s) => point(IBM, 'bss', 6, [], s).msgsPerMs < point(IBM, 'bss', 1, [], s).msgsPerMs,
  }),
  claim({
    ref: 'sw.fig2b.ibm_sysv_rolls_slower',
    source: 'Figure 2b',
    conditions: 'ibm-p4-ppc604: SYSV(6)/SYSV(1) above BSS(6)/BSS(1)',
    expected: null,
    unit: 'shape',
    role: 'predicted',
    experiment: 'fig2',
    measure: (s) =>
    point(IBM, 'sysv', 6, [], s).msgsPerMs / point(IBM, 'sysv', 1, [], s).msgsPerMs > point(IBM, 'bss', 6, [], s).msgsPerMs / point(IBM, 'bss', 1, [], s).msgsPerMs,
  }),
  claim({
    ref: 'sw.fig2.sgi_ratio',
    source: 'Figure 2 / §2.2',
    conditions: 'sgi-indy-r4000, BSS over SYSV at 1 client (the paper: "more than 1.5")',
    expected: 1.5,
    unit: 'ratio',
    role: 'calibrated',
    experiment: 'fig2',
    measure: (s) => ratioAt1(SGI, s),
    tolerancePct: 10,
    note: 'the IRIX model\'s sleep path (its instruction count, fitted on sgi-indy-r4000) is fitted to this ratio',
  }),
  claim({
    ref: 'sw.fig2.ibm_ratio',
    source: 'Figure 2 / §2.2',
    conditions: 'ibm-p4-ppc604, BSS over SYSV at 1 client (the paper: "more than 1.8")',
    expected: 1.8,
    unit: 'ratio',
    role: 'calibrated',
    experiment: 'fig2',
    measure: (s) => ratioAt1(IBM, s),
    tolerancePct: 10,
    note: 'the AIX model\'s sleep path (its instruction count, fitted on ibm-p4-ppc604) is fitted to this ratio',
  }),
  claim({
    ref: 'sw.s2.2.sgi_rtt_1client',
    source: '§2.2 text (from Figure 2a)',
    conditions: 'sgi-indy-r4000, BSS, 1 client, round trip',
    expected: 119,
    unit: 'us',
    role: 'predicted',
    experiment: 'fig2',
    measure: (s) => point(SGI, 'bss', 1, [], s).latencyUs,
    tolerancePct: 10,
    knownGap:
      'the priority band is fitted to 2.5 yields per process per round trip and the switch to Table 1\'s 2-process row; the sum of those primitives leaves the round trip about 15% short of the measured one (the paper\'s 2 × 3 + 2 × 18 estimate is 42 µs, so the remainder of the real 119 µs is partly outside what Table 1 measures)',
  }),
  claim({
    ref: 'sw.s2.2.yields_per_rtt',
    source: '§2.2 text',
    conditions: 'sgi-indy-r4000, BSS, 1 client, default scheduler: yields per process per round trip',
    expected: 2.5,
    unit: 'yields/round-trip',
    role: 'calibrated',
    experiment: 'fig2',
    measure: (s) =>
    (point(SGI, 'bss', 1, [], s).per('client.yields') + point(SGI, 'bss', 1, [], s).per('server.yields')) / 2,
    tolerancePct: 10,
    note: 'IRIX\'s priority band (usage per priority level) is fitted to this number',
  }),
  claim({
    ref: 'sw.s4.2.yields_per_switch',
    source: '§4.2 text',
    conditions: 'sgi-indy-r4000, BSS, 1 client, default scheduler: yield calls per yield that switched',
    expected: 2.5,
    unit: 'yields',
    role: 'calibrated',
    experiment: 'fig2',
    measure: (s) => {
    const p = point(SGI, 'bss', 1, [], s);
    return (p.per('client.yields') + p.per('server.yields')) / p.per('yields.switched');
  },
    tolerancePct: 10,
  }),
  claim({
    ref: 'sw.s2.2.priority_aging',
    source: '§2.2 text',
    conditions: 'sgi-indy-r4000, BSS 1 client: some yields do not switch under decay-usage, all do under fixed priorities',
    expected: null,
    unit: 'shape',
    role: 'calibrated',
    experiment: 'fig2',
    measure: (s) =>
    bss1(SGI, s).per('yields.switched') < bss1(SGI, s).per('syscalls.yield') && bss1(SGI, s, sched('fixed')).per('yields.switched') === bss1(SGI, s, sched('fixed')).per('syscalls.yield'),
  }),
  claim({
    ref: 'sw.s2.2.yield_no_guarantee',
    source: '§2.2 text',
    conditions: 'sgi-indy-r4000, BSS, 1-6 clients: a yield often leaves the caller running',
    expected: null,
    unit: 'shape',
    role: 'predicted',
    experiment: 'fig2',
    measure: (s) =>
    CLIENTS.every((c) => point(SGI, 'bss', c, [], s).per('yields.switched') < point(SGI, 'bss', c, [], s).per('syscalls.yield')),
  }),
  claim({
    ref: 'sw.s2.2.bss_expected_syscalls',
    source: '§2.2 text',
    conditions: 'BSS, 1 client, when every yield switches (fixed priorities), sgi-indy-r4000',
    expected: 2,
    unit: 'syscalls/round-trip',
    role: 'predicted',
    experiment: 'fig3',
    measure: (s) => bss1(SGI, s, sched('fixed')).per('syscalls'),
    tolerancePct: 10,
    note: 'the expectation holds only where yields always switch; under IRIX\'s default scheduler the model makes about 5 yields per round trip, as the paper found',
  }),
  claim({
    ref: 'sw.s2.2.bss_expected_ctxsw',
    source: '§2.2 text',
    conditions: 'BSS, 1 client, sgi-indy-r4000: context switches per round trip',
    expected: 2,
    unit: 'context switches/round-trip',
    role: 'predicted',
    experiment: 'fig2',
    measure: (s) => bss1(SGI, s).per('switches'),
    tolerancePct: 10,
  }),
  claim({
    ref: 'sw.s2.2.sysv_expected_syscalls',
    source: '§2.2 text',
    conditions: 'SYSV, 1 client, sgi-indy-r4000',
    expected: 4,
    unit: 'syscalls/round-trip',
    role: 'predicted',
    experiment: 'fig2',
    measure: (s) => point(SGI, 'sysv', 1, [], s).per('syscalls'),
    tolerancePct: 10,
  }),
  claim({
    ref: 'sw.s2.2.sysv_expected_ctxsw',
    source: '§2.2 text',
    conditions: 'SYSV, 1 client, sgi-indy-r4000',
    expected: 2,
    unit: 'context switches/round-trip',
    role: 'predicted',
    experiment: 'fig2',
    measure: (s) => point(SGI, 'sysv', 1, [], s).per('switches'),
    tolerancePct: 10,
  }),
  claim({
    ref: 'sw.s3.kernel_ipc_4_syscalls',
    source: '§3 text',
    conditions: 'SYSV, 1 client, ibm-p4-ppc604',
    expected: 4,
    unit: 'syscalls/round-trip',
    role: 'predicted',
    experiment: 'fig2',
    measure: (s) => point(IBM, 'sysv', 1, [], s).per('syscalls'),
    tolerancePct: 10,
  }),
];

const fig3: Claim[] = [
  claim({
    ref: 'sw.fig3.sgi_fixed_prio_gain',
    source: 'Figure 3 / §2.2',
    conditions: 'sgi-indy-r4000, BSS, fixed vs default priorities, mean gain over 1-6 clients',
    expected: 50,
    unit: 'percent',
    role: 'predicted',
    experiment: 'fig3',
    measure: (s) => gain(SGI, 'bss', s),
    tolerancePct: 10,
    knownGap:
      'with fixed priorities every yield switches, so the model\'s BSS round trip drops to 2 × (yield + switch) + 2 queue pairs, about twice the default rate; the paper saw +50%, so its fixed-priority yields cost more than Table 1\'s',
  }),
  claim({
    ref: 'sw.fig3.ibm_fixed_prio_gain',
    source: 'Figure 3 / §2.2',
    conditions: 'ibm-p4-ppc604, BSS, fixed vs default priorities, mean gain over 1-6 clients',
    expected: 30,
    unit: 'percent',
    role: 'predicted',
    experiment: 'fig3',
    measure: (s) => gain(IBM, 'bss', s),
    tolerancePct: 10,
    knownGap:
      'the AIX model already switches on every yield (an assumption taken from the 1-client point, see the decay-usage scheduler), so fixed priorities can only change preemption at quantum ends and gain almost nothing',
  }),
  claim({
    ref: 'sw.fig3.sysv_fixed_no_change',
    source: '§2.2 text',
    conditions: 'SYSV, fixed vs default priorities, 1-6 clients, both machines: within 5%',
    expected: null,
    unit: 'shape',
    role: 'predicted',
    experiment: 'fig3',
    measure: (s) =>
    both((m) => CLIENTS.every((c) => within(point(m, 'sysv', c, sched('fixed'), s).msgsPerMs, point(m, 'sysv', c, [], s).msgsPerMs, 5))),
    note: 'on the SGI the curves coincide; on the IBM the two-client point differs most, about 3% (about 7% while the P4\'s kernel and shared-queue translations were duplicated per process in its 2-way TLB)',
  }),
];

const sect3: Claim[] = [
  claim({
    ref: 'sw.s3.best_case_0',
    source: '§3 text',
    conditions: 'BSLS (MAX_SPIN 20) on sgi-challenge-8, 4 clients: queues found non-empty while spinning',
    expected: 0,
    unit: 'syscalls/round-trip',
    role: 'predicted',
    experiment: 'fig11',
    measure: (s) =>
    Math.round(point('sgi-challenge-8', 'bsls', 4, maxSpin(20), s).per('syscalls') * 100) / 100,
    tolerancePct: 10,
    note: 'rounded to 0.01 per round trip; the best case needs a spare processor, so it is read on the multiprocessor',
  }),
  claim({
    ref: 'sw.s3.worst_case_4',
    source: '§3 text',
    conditions: 'BSW, 1 client, sgi-indy-r4000: both sides block every time',
    expected: 4,
    unit: 'syscalls/round-trip',
    role: 'predicted',
    experiment: 'fig6',
    measure: (s) => point(SGI, 'bsw', 1, [], s).per('syscalls'),
    tolerancePct: 10,
  }),
  claim({
    ref: 'sw.s3.1.bsw_4_syscalls',
    source: '§3.1 text',
    conditions: 'BSW, 1 client, ibm-p4-ppc604: two V and two P per round trip',
    expected: 4,
    unit: 'syscalls/round-trip',
    role: 'predicted',
    experiment: 'fig6',
    measure: (s) => point(IBM, 'bsw', 1, [], s).per('syscalls'),
    tolerancePct: 10,
  }),
  claim({
    ref: 'sw.s3.noblock_saves_2',
    source: '§3 text',
    conditions: 'BSW on sgi-challenge-8, 6 clients (the busy server never sleeps) against the 4 of the worst case',
    expected: 2,
    unit: 'syscalls',
    role: 'predicted',
    experiment: 'fig11',
    measure: (s) =>
    4 - point('sgi-challenge-8', 'bsw', 6, [], s).per('syscalls'),
    tolerancePct: 10,
  }),
  claim({
    ref: 'sw.fig6.bsw_matches_sysv',
    source: 'Figure 6 / §3.1',
    conditions: 'BSW vs SYSV, 1-6 clients, both machines: within 25%',
    expected: null,
    unit: 'shape',
    role: 'predicted',
    experiment: 'fig6',
    // The IBM at two clients, where the scales disagree, is always run at the paper's scale too, so
    // the status does not depend on the run's length.
    measure: (s) =>
      both((m) => CLIENTS.every((c) => within(point(m, 'bsw', c, [], s).msgsPerMs, point(m, 'sysv', c, [], s).msgsPerMs, 25))) &&
      within(point(IBM, 'bsw', 2, [], 'paper').msgsPerMs, point(IBM, 'sysv', 2, [], 'paper').msgsPerMs, 25),
  }),
  claim({
    ref: 'sw.s3.1.v_no_resched',
    source: '§3.1 text',
    conditions: 'BSW, 1 client, both machines: the V never preempts the waker (no involuntary switches), each side then blocks in P',
    expected: null,
    unit: 'shape',
    role: 'calibrated',
    experiment: 'fig6',
    measure: (s) =>
    both((m) => point(m, 'bsw', 1, [], s).per('client.switches.involuntary') < 0.01 && point(m, 'bsw', 1, [], s).per('syscalls.P') > 1.9),
  }),
  claim({
    ref: 'sw.s3.sleep_on_full',
    source: '§3 text',
    conditions: 'a producer on sgi-challenge-8 finds a one-message queue full while its consumer is busy for 100 µs: time until its message is in',
    expected: 1,
    unit: 's',
    role: 'calibrated',
    experiment: 'full',
    measure: () =>
    queueFullWait('sgi-challenge-8', 100),
    tolerancePct: 10,
    note: '"at least one second": the sleep(1) of the protocols, then the retried enqueue',
  }),
  claim({
    ref: 'sw.intro.queue_depth',
    source: '§1 text',
    conditions: 'BSW, 1 client, sgi-indy-r4000: at most two messages queued, dequeue mostly finds the queue empty',
    expected: null,
    unit: 'shape',
    role: 'predicted',
    experiment: 'fig6',
    measure: (s) => {
    const p = point(SGI, 'bsw', 1, [], s);
    return total(p, 'queue.server.maxDepth') <= 2 && total(p, 'queue.client.maxDepth') <= 2 && p.per('queue.client.empty') / p.per('queue.client.dequeues') >= 0.5;
  },
  }),
];

const fig8: Claim[] = [
  claim({
    ref: 'sw.s4.1.handoff_halves_syscalls',
    source: '§4.1 text',
    conditions: 'BSWY, 1 client, sgi-indy-r4000, fixed priorities as the stand-in for hand-off (§4.1)',
    expected: 2,
    unit: 'syscalls/round-trip',
    role: 'predicted',
    experiment: 'fig8',
    measure: (s) =>
    point(SGI, 'bswy', 1, sched('fixed'), s).per('syscalls'),
    tolerancePct: 10,
  }),
  claim({
    ref: 'sw.s4.1.uni_sem_no_resched',
    source: '§4.1 text',
    conditions: 'BSWY, 1 client: on the uniprocessor the V never preempts the client; on the Challenge the server runs elsewhere and no yield is needed to let it',
    expected: null,
    unit: 'shape',
    role: 'calibrated',
    experiment: 'fig8',
    measure: (s) =>
    point(SGI, 'bswy', 1, [], s).per('client.switches.involuntary') < 0.01 && point('sgi-challenge-8', 'bswy', 1, [], s).per('syscalls.yield') < 1.1,
  }),
  claim({
    ref: 'sw.s4.1.server_yield_on_empty',
    source: '§4.1 text',
    conditions: 'BSWY, sgi-indy-r4000: the server yields once per empty first dequeue, less than once per message with 6 clients',
    expected: null,
    unit: 'shape',
    role: 'calibrated',
    experiment: 'fig8',
    measure: (s) => {
    const p = point(SGI, 'bswy', 6, [], s);
    return p.per('server.yields') > 0 && p.per('server.yields') <= p.per('queue.server.empty') + 1e-9 && p.per('server.yields') < 1;
  },
  }),
  claim({
    ref: 'sw.fig8.bswy_1_2_clients',
    source: 'Figure 8 / §4.1',
    conditions: 'BSWY vs BSW (default scheduler), both machines: BSWY\'s advantage at 1-2 clients shrinks by 6',
    expected: null,
    unit: 'shape',
    role: 'predicted',
    experiment: 'fig8',
    measure: (s) =>
    both((m) => {
      const r = (c: number) => point(m, 'bswy', c, [], s).msgsPerMs / point(m, 'bsw', c, [], s).msgsPerMs;
      return Math.max(r(1), r(2)) > 1 && r(6) < Math.max(r(1), r(2));
    }),
    note: 'on the SGI BSWY\'s advantage shows at two clients only: at one, its yields after V rarely switch under the IRIX band',
  }),
  claim({
    ref: 'sw.s4.1.yield_no_hint',
    source: '§4.1 text',
    conditions: 'BSWY, 6 clients, sgi-indy-r4000: yields that leave the caller running or run another client',
    expected: null,
    unit: 'shape',
    role: 'predicted',
    experiment: 'fig8',
    measure: (s) =>
    point(SGI, 'bswy', 6, [], s).per('yields.switched') < point(SGI, 'bswy', 6, [], s).per('syscalls.yield'),
  }),
  claim({
    ref: 'sw.fig8.bswy_fixed_matches_bss',
    source: 'Figure 8 / §4.1',
    conditions: 'BSWY vs BSS, both fixed priorities, 1-6 clients, both machines: within 15%',
    expected: null,
    unit: 'shape',
    role: 'predicted',
    experiment: 'fig8',
    measure: (s) =>
    both((m) => CLIENTS.every((c) => within(point(m, 'bswy', c, sched('fixed'), s).msgsPerMs, point(m, 'bss', c, sched('fixed'), s).msgsPerMs, 15))),
  }),
];

const fig10: Claim[] = [
  claim({
    ref: 'sw.fig10.maxspin_monotone',
    source: 'Figure 10 / §4.2',
    conditions: `BSLS, MAX_SPIN ${FIG10_SPINS.join(', ')}, mean over 1-6 clients, both machines`,
    expected: null,
    unit: 'shape',
    role: 'predicted',
    experiment: 'fig10',
    measure: (s) =>
    both((m) => risesAllowingDips(FIG10_SPINS.map((k) => mean(thr(curve(m, 'bsls', maxSpin(k), s)))), 0.03)),
  }),
  claim({
    ref: 'sw.s4.2.empty_unlocked',
    source: '§4.2 text',
    conditions: 'BSLS, 1 client, sgi-indy-r4000: empty() polls without taking the head lock',
    expected: null,
    unit: 'shape',
    role: 'calibrated',
    experiment: 'fig10',
    measure: (s) => {
    const p = spin(1, s);
    return p.per('client.spin.loops') > 0 && p.per('queue.client.dequeues') < p.per('client.spin.iterations') + p.per('client.spin.loops') + 2;
  },
  }),
  claim({
    ref: 'sw.s4.2.maxspin20_1client_block',
    source: '§4.2 text',
    conditions: 'BSLS MAX_SPIN 20, 1 client, sgi-indy-r4000 (machine not stated): client spin loops falling through',
    expected: 3,
    unit: 'percent',
    role: 'predicted',
    experiment: 'fig10',
    measure: (s) =>
    (spin(1, s).per('client.spin.fallthrough') / spin(1, s).per('client.spin.loops')) * 100,
    tolerancePct: 10,
    knownGap: 'the simulated scheduler is deterministic: with one client the server always answers within the spin budget, so no loop falls through (0% against 3%); the real 3% comes from interrupts and daemons the model does not have',
  }),
  claim({
    ref: 'sw.s4.2.maxspin20_1client_iters',
    source: '§4.2 text',
    conditions: 'BSLS MAX_SPIN 20, 1 client, sgi-indy-r4000: poll_queue calls per client spin loop',
    expected: 2,
    unit: 'iterations',
    role: 'predicted',
    experiment: 'fig10',
    measure: (s) =>
    spin(1, s).per('client.spin.iterations') / spin(1, s).per('client.spin.loops'),
    tolerancePct: 10,
    knownGap: 'each poll is a yield that switches only after IRIX\'s priority band is used up (about 2.5 yields), so the model makes about 2.7 polls per loop',
  }),
  claim({
    ref: 'sw.s4.2.maxspin20_6clients_block',
    source: '§4.2 text',
    conditions: 'BSLS MAX_SPIN 20, 6 clients, sgi-indy-r4000: client spin loops falling through',
    expected: 10,
    unit: 'percent',
    role: 'predicted',
    experiment: 'fig10',
    measure: (s) =>
    (spin(6, s).per('client.spin.fallthrough') / spin(6, s).per('client.spin.loops')) * 100,
    tolerancePct: 10,
    knownGap: 'with six clients the model\'s server answers each client within its twenty polls (the clients take turns by the IRIX band), so none falls through',
  }),
  claim({
    ref: 'sw.s4.2.maxspin20_6clients_iters',
    source: '§4.2 text',
    conditions: 'BSLS MAX_SPIN 20, 6 clients, sgi-indy-r4000: poll_queue calls per client spin loop',
    expected: 4,
    unit: 'iterations',
    role: 'predicted',
    experiment: 'fig10',
    measure: (s) =>
    spin(6, s).per('client.spin.iterations') / spin(6, s).per('client.spin.loops'),
    tolerancePct: 10,
    knownGap: 'the model\'s clients find their replies after about two polls with six clients: the server serves every queued request in one turn',
  }),
];

const general: Claim[] = [
  claim({
    ref: 'sw.abstract.twice_kernel',
    source: 'Abstract',
    conditions: 'best blocking protocol (BSLS MAX_SPIN 20 or BSWY) over SYSV, mean over 1-6 clients and both uniprocessors',
    expected: 2,
    unit: 'ratio',
    role: 'predicted',
    experiment: 'fig10',
    measure: blockingRatio,
    tolerancePct: 10,
    note: '"almost twice": a rounded word, so 10%',
  }),
  claim({
    ref: 'sw.s8.twice_kernel',
    source: '§8 text',
    conditions: 'best blocking protocol (BSLS MAX_SPIN 20 or BSWY) over SYSV, mean over 1-6 clients and both uniprocessors',
    expected: 2,
    unit: 'ratio',
    role: 'predicted',
    experiment: 'fig10',
    measure: blockingRatio,
    tolerancePct: 10,
    note: 'restates the abstract\'s "almost twice" as "twice as high": a rounded word, so 10%',
  }),
  claim({
    ref: 'sw.s2.1.busywait_is_yield_on_uni',
    source: '§2.1 text',
    conditions: 'BSS, 3 clients: every system call on the uniprocessors is a yield',
    expected: null,
    unit: 'shape',
    role: 'calibrated',
    experiment: 'fig2',
    measure: (s) =>
    both((m) => point(m, 'bss', 3, [], s).per('syscalls.yield') > 0 && point(m, 'bss', 3, [], s).per('syscalls.yield') === point(m, 'bss', 3, [], s).per('syscalls')),
  }),
  claim({
    ref: 'sw.s2.2.busywait_impl',
    source: '§2.2 text',
    conditions: 'BSS: yields on the Indy, no system calls at all on the Challenge (delay loop), same protocol code',
    expected: null,
    unit: 'shape',
    role: 'calibrated',
    experiment: 'fig11',
    measure: (s) =>
    point(SGI, 'bss', 4, [], s).per('syscalls.yield') > 0 && point('sgi-challenge-8', 'bss', 4, [], s).per('syscalls') === 0,
  }),
  claim({
    ref: 'sw.s2.1.queue_structure',
    source: '§2.1 text',
    conditions: 'BSS, 3 clients, sgi-indy-r4000: one server queue, a reply queue per client, every reply reaches its sender',
    expected: null,
    unit: 'shape',
    role: 'calibrated',
    experiment: 'fig2',
    measure: (s) => {
    const p = point(SGI, 'bss', 3, [], s);
    return p.per('ipc.misdelivered') === 0 && p.per('server.requests') > 0.99;
  },
  }),
  claim({
    ref: 'sw.s2.2.single_thread_server',
    source: '§2.2 text',
    conditions: 'BSS, 6 clients, sgi-indy-r4000: one server process receives every request',
    expected: null,
    unit: 'shape',
    role: 'calibrated',
    experiment: 'fig2',
    measure: (s) => {
    const p = point(SGI, 'bss', 6, [], s);
    return Math.abs(p.per('server.requests') - 1) < 0.01;
  },
  }),
  claim({
    ref: 'sw.s2.2.two_lock_queue',
    source: '§2.2 text',
    conditions: 'BSS on sgi-challenge-8, 7 clients: enqueues and dequeues of one queue overlap (two locks)',
    expected: null,
    unit: 'shape',
    role: 'calibrated',
    experiment: 'fig11',
    measure: (s) =>
    point('sgi-challenge-8', 'bss', 7, [], s).per('queue.overlaps') > 0,
  }),
  claim({
    ref: 'sw.s2.2.throughput_method',
    source: '§2.2 text',
    conditions: 'BSS, 1 client, both machines: messages over elapsed time equals one over the round trip',
    expected: null,
    unit: 'shape',
    role: 'calibrated',
    experiment: 'fig2',
    measure: (s) =>
    both((m) => within(point(m, 'bss', 1, [], s).msgsPerMs, 1000 / point(m, 'bss', 1, [], s).latencyUs, 2)),
  }),
  claim({
    ref: 'sw.s2.2.client_range',
    source: '§2.2 text',
    conditions: 'most clients in a Figure 2 curve that ran to completion',
    expected: 6,
    unit: 'clients',
    role: 'calibrated',
    experiment: 'fig2',
    measure: (s) =>
    curve(SGI, 'bss', [], s).filter((p) => p.calls > 0).length,
    tolerancePct: 10,
  }),
  claim({
    ref: 'sw.s2.2.msg_bytes',
    source: '§2.2 text',
    conditions: 'message size the sleep/wake-up runs were given',
    expected: 24,
    unit: 'bytes',
    role: 'calibrated',
    experiment: 'fig2',
    measure: (s) => point(SGI, 'bss', 1, [], s).bytes,
    tolerancePct: 10,
    note: 'an input: the protocols pass fixed 24-byte messages whose copy cost is inside the measured enqueue/dequeue',
  }),
];

export const uniClaims: Claim[] = [...table1, ...fig2, ...fig3, ...sect3, ...fig8, ...fig10, ...general];
