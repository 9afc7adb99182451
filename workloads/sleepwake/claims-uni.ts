// Claims of the sleep/wake-up paper's uniprocessor sections (§1-§4, Table 1, Figures 2, 3, 6, 8,
// 10) on the simulated SGI Indy (IRIX 6.2) and IBM P4 (AIX 4.1).

import type { Claim, Scale } from '../claims.js';
import { num, rising, shape, mean, within } from './claim-kit.js';
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
      num(`sw.table1.enqdeq.${tag}`, 'Table 1, enqueue/dequeue', cond, v.eq, 'us', 'calibrated', 'table1', (s) => primitive(m, 'enqdeq', 1, s).us),
      num(`sw.table1.msgsnd_msgrcv.${tag}`, 'Table 1, msgsnd/msgrcv', cond, v.msg, 'us', 'calibrated', 'table1', (s) => primitive(m, 'msg', 1, s).us),
      num(`sw.table1.yield_1proc.${tag}`, 'Table 1, concurrent yields, 1 process', `${m}, yield loop`, v.y[0], 'us', 'calibrated', 'table1', (s) => primitive(m, 'yield', 1, s).us),
      num(`sw.table1.yield_2proc.${tag}`, 'Table 1, concurrent yields, 2 processes', `${m}, yield loop, time per yield call`, v.y[1], 'us', 'calibrated', 'table1', (s) => primitive(m, 'yield', 2, s).us, {
        note: 'read as the paper reads it in §2.2 (2 × 18 µs for two context switches): elapsed time per yield call; the dispatcher cost per runnable process is fitted to this row',
      }),
      num(`sw.table1.yield_4proc.${tag}`, 'Table 1, concurrent yields, 4 processes', `${m}, yield loop, time per yield call`, v.y[2], 'us', 'predicted', 'table1', (s) => primitive(m, 'yield', 4, s).us, {
        knownGap:
          'the model charges a switch a fixed cost per runnable process, fitted to the 2-process row; the paper\'s 4-process row needs a far steeper growth (SGI: 16 -> 18 -> 45 µs; a straight line through the 2- and 4-process rows would give a negative cost for the switch itself), which no single per-process cost fits',
      }),
    ];
  }),
  shape('sw.s2.2.table1_method', '§2.2 text', 'yield loops of 1 and 2 processes on both machines', 'calibrated', 'table1', (s) =>
    both((m) => primitive(m, 'yield', 1, s).switchesPerOp === 0 && primitive(m, 'yield', 2, s).switchesPerOp > 0),
  ),
  num('sw.s2.2.expected_rtt_formula', '§2.2 text', 'sgi-indy-r4000: 2 × simulated enqueue/dequeue + 2 × simulated 2-process yield (the paper\'s own estimate from Table 1)', 42, 'us', 'calibrated', 'table1', (s) =>
    2 * primitive(SGI, 'enqdeq', 1, s).us + 2 * primitive(SGI, 'yield', 2, s).us,
  ),
  shape('sw.s2.2.yield_cheaper_expectation', '§2.2 text', 'both machines: a 1-process yield under half of one msgsnd or msgrcv (half the Table 1 pair)', 'predicted', 'table1', (s) =>
    both((m) => primitive(m, 'yield', 1, s).us < 0.5 * (primitive(m, 'msg', 1, s).us / 2)), {
    knownGap: 'the authors\' expectation is contradicted by their own Table 1, which the model reproduces: a yield costs 16 µs against about 18.5 µs per message call on the SGI, 6 against 7.5 µs on the IBM',
  }),
  shape('sw.s3.1.sysv_sem_weight', '§3.1 text', 'V/P pair vs msgsnd/msgrcv pair, one process, both machines', 'calibrated', 'table1', (s) =>
    both((m) => within(primitive(m, 'sem', 1, s).us, primitive(m, 'msg', 1, s).us, 25)),
  ),
];

const fig2: Claim[] = [
  shape('sw.fig2.bss_above_sysv', 'Figure 2', 'BSS and SYSV, 1-6 clients, both machines, default scheduler', 'predicted', 'fig2', (s) =>
    both((m) => CLIENTS.every((c) => point(m, 'bss', c, [], s).msgsPerMs > point(m, 'sysv', c, [], s).msgsPerMs)),
  ),
  shape('sw.fig2a.sgi_bss_increases', 'Figure 2a', 'sgi-indy-r4000, BSS, 1-6 clients', 'predicted', 'fig2', (s) => {
    const y = thr(curve(SGI, 'bss', [], s));
    return rising(y) && y[5] > 1.2 * y[0];
  }, {
    knownGap:
      'the model\'s BSS rises from about 10 to 19 msgs/ms at four clients (batching halves the server\'s switches, as the paper explains) and then falls back to about 15 at six: the dispatcher cost per runnable process, fitted to Table 1\'s yield loops, outgrows the batching; the paper\'s Table 1 (steeply growing yield cost) and its rising Figure 2a do not fit one per-process switch cost',
  }),
  shape('sw.s2.2.batching_explanation', '§2.2 text', 'sgi-indy-r4000, BSS: server voluntary switches per message fall as clients rise', 'predicted', 'fig2', (s) =>
    point(SGI, 'bss', 6, [], s).per('server.switches.voluntary') < 0.5 * point(SGI, 'bss', 1, [], s).per('server.switches.voluntary'),
  ),
  num('sw.s2.2.ctxsw_1client', '§2.2 text', 'sgi-indy-r4000, BSS, 1 client: server voluntary switches per 100,000 requests', 100000, 'context switches', 'predicted', 'fig2', (s) =>
    point(SGI, 'bss', 1, [], s).per('server.switches.voluntary') * 100000,
  ),
  num('sw.s2.2.ctxsw_2clients', '§2.2 text', 'sgi-indy-r4000, BSS, 2 clients × 100,000 requests: server voluntary switches', 100000, 'context switches', 'predicted', 'fig2', (s) =>
    point(SGI, 'bss', 2, [], s).per('server.switches.voluntary') * 200000,
  ),
  num('sw.fig2b.ibm_bss_1client', 'Figure 2b / §2.2', 'ibm-p4-ppc604, BSS, 1 client', 32, 'msgs/ms', 'predicted', 'fig2', (s) => point(IBM, 'bss', 1, [], s).msgsPerMs),
  num('sw.fig2b.ibm_bss_6clients', 'Figure 2b / §2.2', 'ibm-p4-ppc604, BSS, 6 clients', 19, 'msgs/ms', 'predicted', 'fig2', (s) => point(IBM, 'bss', 6, [], s).msgsPerMs, {
    knownGap:
      'the roll-off comes from the dispatcher cost per runnable process fitted to Table 1\'s 2-process row; the 4-process row (which the model undershoots, see sw.table1.yield_4proc.ibm) says switching grows faster with processes, so six clients roll off less than measured',
  }),
  shape('sw.fig2b.ibm_bss_rolls_off', 'Figure 2b', 'ibm-p4-ppc604, BSS, 1 vs 6 clients', 'predicted', 'fig2', (s) => point(IBM, 'bss', 6, [], s).msgsPerMs < point(IBM, 'bss', 1, [], s).msgsPerMs),
  shape('sw.fig2b.ibm_sysv_rolls_slower', 'Figure 2b', 'ibm-p4-ppc604: SYSV(6)/SYSV(1) above BSS(6)/BSS(1)', 'predicted', 'fig2', (s) =>
    point(IBM, 'sysv', 6, [], s).msgsPerMs / point(IBM, 'sysv', 1, [], s).msgsPerMs > point(IBM, 'bss', 6, [], s).msgsPerMs / point(IBM, 'bss', 1, [], s).msgsPerMs,
  ),
  num('sw.fig2.sgi_ratio', 'Figure 2 / §2.2', 'sgi-indy-r4000, BSS over SYSV at 1 client (the paper: "more than 1.5")', 1.5, 'ratio', 'calibrated', 'fig2', (s) => ratioAt1(SGI, s), {
    note: 'the IRIX model\'s sleep path (its instruction count, fitted on sgi-indy-r4000) is fitted to this ratio',
  }),
  num('sw.fig2.ibm_ratio', 'Figure 2 / §2.2', 'ibm-p4-ppc604, BSS over SYSV at 1 client (the paper: "more than 1.8")', 1.8, 'ratio', 'calibrated', 'fig2', (s) => ratioAt1(IBM, s), {
    note: 'the AIX model\'s sleep path (its instruction count, fitted on ibm-p4-ppc604) is fitted to this ratio',
  }),
  num('sw.s2.2.sgi_rtt_1client', '§2.2 text (from Figure 2a)', 'sgi-indy-r4000, BSS, 1 client, round trip', 119, 'us', 'predicted', 'fig2', (s) => point(SGI, 'bss', 1, [], s).latencyUs, {
    knownGap:
      'the priority band is fitted to 2.5 yields per process per round trip and the switch to Table 1\'s 2-process row; the sum of those primitives leaves the round trip about 15% short of the measured one (the paper\'s 2 × 3 + 2 × 18 estimate is 42 µs, so the remainder of the real 119 µs is partly outside what Table 1 measures)',
  }),
  num('sw.s2.2.yields_per_rtt', '§2.2 text', 'sgi-indy-r4000, BSS, 1 client, default scheduler: yields per process per round trip', 2.5, 'yields/round-trip', 'calibrated', 'fig2', (s) =>
    (point(SGI, 'bss', 1, [], s).per('client.yields') + point(SGI, 'bss', 1, [], s).per('server.yields')) / 2, {
    note: 'IRIX\'s priority band (usage per priority level) is fitted to this number',
  }),
  num('sw.s4.2.yields_per_switch', '§4.2 text', 'sgi-indy-r4000, BSS, 1 client, default scheduler: yield calls per yield that switched', 2.5, 'yields', 'calibrated', 'fig2', (s) => {
    const p = point(SGI, 'bss', 1, [], s);
    return (p.per('client.yields') + p.per('server.yields')) / p.per('yields.switched');
  }),
  shape('sw.s2.2.priority_aging', '§2.2 text', 'sgi-indy-r4000, BSS 1 client: some yields do not switch under decay-usage, all do under fixed priorities', 'calibrated', 'fig2', (s) =>
    bss1(SGI, s).per('yields.switched') < bss1(SGI, s).per('syscalls.yield') && bss1(SGI, s, sched('fixed')).per('yields.switched') === bss1(SGI, s, sched('fixed')).per('syscalls.yield'),
  ),
  shape('sw.s2.2.yield_no_guarantee', '§2.2 text', 'sgi-indy-r4000, BSS, 1-6 clients: a yield often leaves the caller running', 'predicted', 'fig2', (s) =>
    CLIENTS.every((c) => point(SGI, 'bss', c, [], s).per('yields.switched') < point(SGI, 'bss', c, [], s).per('syscalls.yield')),
  ),
  num('sw.s2.2.bss_expected_syscalls', '§2.2 text', 'BSS, 1 client, when every yield switches (fixed priorities), sgi-indy-r4000', 2, 'syscalls/round-trip', 'predicted', 'fig3', (s) => bss1(SGI, s, sched('fixed')).per('syscalls'), {
    note: 'the expectation holds only where yields always switch; under IRIX\'s default scheduler the model makes about 5 yields per round trip, as the paper found',
  }),
  num('sw.s2.2.bss_expected_ctxsw', '§2.2 text', 'BSS, 1 client, sgi-indy-r4000: context switches per round trip', 2, 'context switches/round-trip', 'predicted', 'fig2', (s) => bss1(SGI, s).per('switches')),
  num('sw.s2.2.sysv_expected_syscalls', '§2.2 text', 'SYSV, 1 client, sgi-indy-r4000', 4, 'syscalls/round-trip', 'predicted', 'fig2', (s) => point(SGI, 'sysv', 1, [], s).per('syscalls')),
  num('sw.s2.2.sysv_expected_ctxsw', '§2.2 text', 'SYSV, 1 client, sgi-indy-r4000', 2, 'context switches/round-trip', 'predicted', 'fig2', (s) => point(SGI, 'sysv', 1, [], s).per('switches')),
  num('sw.s3.kernel_ipc_4_syscalls', '§3 text', 'SYSV, 1 client, ibm-p4-ppc604', 4, 'syscalls/round-trip', 'predicted', 'fig2', (s) => point(IBM, 'sysv', 1, [], s).per('syscalls')),
];

const fig3: Claim[] = [
  num('sw.fig3.sgi_fixed_prio_gain', 'Figure 3 / §2.2', 'sgi-indy-r4000, BSS, fixed vs default priorities, mean gain over 1-6 clients', 50, 'percent', 'predicted', 'fig3', (s) => gain(SGI, 'bss', s), {
    knownGap:
      'with fixed priorities every yield switches, so the model\'s BSS round trip drops to 2 × (yield + switch) + 2 queue pairs, about twice the default rate; the paper saw +50%, so its fixed-priority yields cost more than Table 1\'s',
  }),
  num('sw.fig3.ibm_fixed_prio_gain', 'Figure 3 / §2.2', 'ibm-p4-ppc604, BSS, fixed vs default priorities, mean gain over 1-6 clients', 30, 'percent', 'predicted', 'fig3', (s) => gain(IBM, 'bss', s), {
    knownGap:
      'the AIX model already switches on every yield (an assumption taken from the 1-client point, see the decay-usage scheduler), so fixed priorities can only change preemption at quantum ends and gain almost nothing',
  }),
  shape('sw.fig3.sysv_fixed_no_change', '§2.2 text', 'SYSV, fixed vs default priorities, 1-6 clients, both machines: within 5%', 'predicted', 'fig3', (s) =>
    both((m) => CLIENTS.every((c) => within(point(m, 'sysv', c, sched('fixed'), s).msgsPerMs, point(m, 'sysv', c, [], s).msgsPerMs, 5))), {
    knownGap: 'on the SGI the curves coincide; on the IBM fixed priorities change who runs after a blocking call at two clients and SYSV gains about 7% there (within 2% elsewhere)',
  }),
];

const sect3: Claim[] = [
  num('sw.s3.best_case_0', '§3 text', 'BSLS (MAX_SPIN 20) on sgi-challenge-8, 4 clients: queues found non-empty while spinning', 0, 'syscalls/round-trip', 'predicted', 'fig11', (s) =>
    Math.round(point('sgi-challenge-8', 'bsls', 4, maxSpin(20), s).per('syscalls') * 100) / 100, {
    note: 'rounded to 0.01 per round trip; the best case needs a spare processor, so it is read on the multiprocessor',
  }),
  num('sw.s3.worst_case_4', '§3 text', 'BSW, 1 client, sgi-indy-r4000: both sides block every time', 4, 'syscalls/round-trip', 'predicted', 'fig6', (s) => point(SGI, 'bsw', 1, [], s).per('syscalls')),
  num('sw.s3.1.bsw_4_syscalls', '§3.1 text', 'BSW, 1 client, ibm-p4-ppc604: two V and two P per round trip', 4, 'syscalls/round-trip', 'predicted', 'fig6', (s) => point(IBM, 'bsw', 1, [], s).per('syscalls')),
  num('sw.s3.noblock_saves_2', '§3 text', 'BSW on sgi-challenge-8, 6 clients (the busy server never sleeps) against the 4 of the worst case', 2, 'syscalls', 'predicted', 'fig11', (s) =>
    4 - point('sgi-challenge-8', 'bsw', 6, [], s).per('syscalls'),
  ),
  shape('sw.fig6.bsw_matches_sysv', 'Figure 6 / §3.1', 'BSW vs SYSV, 1-6 clients, both machines: within 25%', 'predicted', 'fig6', (s) =>
    both((m) => CLIENTS.every((c) => within(point(m, 'bsw', c, [], s).msgsPerMs, point(m, 'sysv', c, [], s).msgsPerMs, 25))), {
    knownGap: 'holds at test scale; in the longer paper-scale runs the IBM\'s BSW at two clients sits just outside, 25.3% below SYSV (13.6 against 18.2 msgs/ms), where both sides sleep on every round trip',
  }),
  shape('sw.s3.1.v_no_resched', '§3.1 text', 'BSW, 1 client, both machines: the V never preempts the waker (no involuntary switches), each side then blocks in P', 'calibrated', 'fig6', (s) =>
    both((m) => point(m, 'bsw', 1, [], s).per('client.switches.involuntary') < 0.01 && point(m, 'bsw', 1, [], s).per('syscalls.P') > 1.9),
  ),
  num('sw.s3.sleep_on_full', '§3 text', 'a producer on sgi-challenge-8 finds a one-message queue full while its consumer is busy for 100 µs: time until its message is in', 1, 's', 'calibrated', 'full', () =>
    queueFullWait('sgi-challenge-8', 100), {
    note: '"at least one second": the sleep(1) of the protocols, then the retried enqueue',
  }),
  shape('sw.intro.queue_depth', '§1 text', 'BSW, 1 client, sgi-indy-r4000: at most two messages queued, dequeue mostly finds the queue empty', 'predicted', 'fig6', (s) => {
    const p = point(SGI, 'bsw', 1, [], s);
    return total(p, 'queue.server.maxDepth') <= 2 && total(p, 'queue.client.maxDepth') <= 2 && p.per('queue.client.empty') / p.per('queue.client.dequeues') >= 0.5;
  }),
];

const fig8: Claim[] = [
  num('sw.s4.1.handoff_halves_syscalls', '§4.1 text', 'BSWY, 1 client, sgi-indy-r4000, fixed priorities as the stand-in for hand-off (§4.1)', 2, 'syscalls/round-trip', 'predicted', 'fig8', (s) =>
    point(SGI, 'bswy', 1, sched('fixed'), s).per('syscalls'),
  ),
  shape('sw.s4.1.uni_sem_no_resched', '§4.1 text', 'BSWY, 1 client: on the uniprocessor the V never preempts the client; on the Challenge the server runs elsewhere and no yield is needed to let it', 'calibrated', 'fig8', (s) =>
    point(SGI, 'bswy', 1, [], s).per('client.switches.involuntary') < 0.01 && point('sgi-challenge-8', 'bswy', 1, [], s).per('syscalls.yield') < 1.1,
  ),
  shape('sw.s4.1.server_yield_on_empty', '§4.1 text', 'BSWY, sgi-indy-r4000: the server yields once per empty first dequeue, less than once per message with 6 clients', 'calibrated', 'fig8', (s) => {
    const p = point(SGI, 'bswy', 6, [], s);
    return p.per('server.yields') > 0 && p.per('server.yields') <= p.per('queue.server.empty') + 1e-9 && p.per('server.yields') < 1;
  }),
  shape('sw.fig8.bswy_1_2_clients', 'Figure 8 / §4.1', 'BSWY vs BSW (default scheduler), both machines: BSWY\'s advantage at 1-2 clients shrinks by 6', 'predicted', 'fig8', (s) =>
    both((m) => {
      const r = (c: number) => point(m, 'bswy', c, [], s).msgsPerMs / point(m, 'bsw', c, [], s).msgsPerMs;
      return Math.max(r(1), r(2)) > 1 && r(6) < Math.max(r(1), r(2));
    }), {
    note: 'on the SGI BSWY\'s advantage shows at two clients only: at one, its yields after V rarely switch under the IRIX band',
  }),
  shape('sw.s4.1.yield_no_hint', '§4.1 text', 'BSWY, 6 clients, sgi-indy-r4000: yields that leave the caller running or run another client', 'predicted', 'fig8', (s) =>
    point(SGI, 'bswy', 6, [], s).per('yields.switched') < point(SGI, 'bswy', 6, [], s).per('syscalls.yield'),
  ),
  shape('sw.fig8.bswy_fixed_matches_bss', 'Figure 8 / §4.1', 'BSWY vs BSS, both fixed priorities, 1-6 clients, both machines: within 15%', 'predicted', 'fig8', (s) =>
    both((m) => CLIENTS.every((c) => within(point(m, 'bswy', c, sched('fixed'), s).msgsPerMs, point(m, 'bss', c, sched('fixed'), s).msgsPerMs, 15))),
  ),
];

const fig10: Claim[] = [
  shape('sw.fig10.maxspin_monotone', 'Figure 10 / §4.2', `BSLS, MAX_SPIN ${FIG10_SPINS.join(', ')}, mean over 1-6 clients, both machines`, 'predicted', 'fig10', (s) =>
    both((m) => rising(FIG10_SPINS.map((k) => mean(thr(curve(m, 'bsls', maxSpin(k), s)))), 0.03)),
  ),
  shape('sw.s4.2.empty_unlocked', '§4.2 text', 'BSLS, 1 client, sgi-indy-r4000: empty() polls without taking the head lock', 'calibrated', 'fig10', (s) => {
    const p = spin(1, s);
    return p.per('client.spin.loops') > 0 && p.per('queue.client.dequeues') < p.per('client.spin.iterations') + p.per('client.spin.loops') + 2;
  }),
  num('sw.s4.2.maxspin20_1client_block', '§4.2 text', 'BSLS MAX_SPIN 20, 1 client, sgi-indy-r4000 (machine not stated): client spin loops falling through', 3, 'percent', 'predicted', 'fig10', (s) =>
    (spin(1, s).per('client.spin.fallthrough') / spin(1, s).per('client.spin.loops')) * 100, {
    knownGap: 'the simulated scheduler is deterministic: with one client the server always answers within the spin budget, so no loop falls through (0% against 3%); the real 3% comes from interrupts and daemons the model does not have',
  }),
  num('sw.s4.2.maxspin20_1client_iters', '§4.2 text', 'BSLS MAX_SPIN 20, 1 client, sgi-indy-r4000: poll_queue calls per client spin loop', 2, 'iterations', 'predicted', 'fig10', (s) =>
    spin(1, s).per('client.spin.iterations') / spin(1, s).per('client.spin.loops'), {
    knownGap: 'each poll is a yield that switches only after IRIX\'s priority band is used up (about 2.5 yields), so the model makes about 2.7 polls per loop',
  }),
  num('sw.s4.2.maxspin20_6clients_block', '§4.2 text', 'BSLS MAX_SPIN 20, 6 clients, sgi-indy-r4000: client spin loops falling through', 10, 'percent', 'predicted', 'fig10', (s) =>
    (spin(6, s).per('client.spin.fallthrough') / spin(6, s).per('client.spin.loops')) * 100, {
    knownGap: 'with six clients the model\'s server answers each client within its twenty polls (the clients take turns by the IRIX band), so none falls through',
  }),
  num('sw.s4.2.maxspin20_6clients_iters', '§4.2 text', 'BSLS MAX_SPIN 20, 6 clients, sgi-indy-r4000: poll_queue calls per client spin loop', 4, 'iterations', 'predicted', 'fig10', (s) =>
    spin(6, s).per('client.spin.iterations') / spin(6, s).per('client.spin.loops'), {
    knownGap: 'the model\'s clients find their replies after about two polls with six clients: the server serves every queued request in one turn',
  }),
];

const general: Claim[] = [
  num('sw.abstract.twice_kernel', 'Abstract', 'best blocking protocol (BSLS MAX_SPIN 20 or BSWY) over SYSV, mean over 1-6 clients and both uniprocessors', 2, 'ratio', 'predicted', 'fig10', blockingRatio, {
    note: '"almost twice"',
  }),
  num('sw.s8.twice_kernel', '§8 text', 'best blocking protocol (BSLS MAX_SPIN 20 or BSWY) over SYSV, mean over 1-6 clients and both uniprocessors', 2, 'ratio', 'predicted', 'fig10', blockingRatio),
  shape('sw.s2.1.busywait_is_yield_on_uni', '§2.1 text', 'BSS, 3 clients: every system call on the uniprocessors is a yield', 'calibrated', 'fig2', (s) =>
    both((m) => point(m, 'bss', 3, [], s).per('syscalls.yield') > 0 && point(m, 'bss', 3, [], s).per('syscalls.yield') === point(m, 'bss', 3, [], s).per('syscalls')),
  ),
  shape('sw.s2.2.busywait_impl', '§2.2 text', 'BSS: yields on the Indy, no system calls at all on the Challenge (delay loop), same protocol code', 'calibrated', 'fig11', (s) =>
    point(SGI, 'bss', 4, [], s).per('syscalls.yield') > 0 && point('sgi-challenge-8', 'bss', 4, [], s).per('syscalls') === 0,
  ),
  shape('sw.s2.1.queue_structure', '§2.1 text', 'BSS, 3 clients, sgi-indy-r4000: one server queue, a reply queue per client, every reply reaches its sender', 'calibrated', 'fig2', (s) => {
    const p = point(SGI, 'bss', 3, [], s);
    return p.per('ipc.misdelivered') === 0 && p.per('server.requests') > 0.99;
  }),
  shape('sw.s2.2.single_thread_server', '§2.2 text', 'BSS, 6 clients, sgi-indy-r4000: one server process receives every request', 'calibrated', 'fig2', (s) => {
    const p = point(SGI, 'bss', 6, [], s);
    return Math.abs(p.per('server.requests') - 1) < 0.01;
  }),
  shape('sw.s2.2.two_lock_queue', '§2.2 text', 'BSS on sgi-challenge-8, 7 clients: enqueues and dequeues of one queue overlap (two locks)', 'calibrated', 'fig11', (s) =>
    point('sgi-challenge-8', 'bss', 7, [], s).per('queue.overlaps') > 0,
  ),
  shape('sw.s2.2.throughput_method', '§2.2 text', 'BSS, 1 client, both machines: messages over elapsed time equals one over the round trip', 'calibrated', 'fig2', (s) =>
    both((m) => within(point(m, 'bss', 1, [], s).msgsPerMs, 1000 / point(m, 'bss', 1, [], s).latencyUs, 2)),
  ),
  num('sw.s2.2.client_range', '§2.2 text', 'most clients in a Figure 2 curve that ran to completion', 6, 'clients', 'calibrated', 'fig2', (s) =>
    curve(SGI, 'bss', [], s).filter((p) => p.calls > 0).length,
  ),
  num('sw.s2.2.msg_bytes', '§2.2 text', 'message size the sleep/wake-up runs were given', 24, 'bytes', 'calibrated', 'fig2', (s) => point(SGI, 'bss', 1, [], s).bytes, {
    note: 'an input: the protocols pass fixed 24-byte messages whose copy cost is inside the measured enqueue/dequeue',
  }),
];

export const uniClaims: Claim[] = [...table1, ...fig2, ...fig3, ...sect3, ...fig8, ...fig10, ...general];
