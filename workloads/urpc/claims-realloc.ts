// Claims about processor reallocation and the kernel (URPC §1, §2, §3.1, §4.3 with S = 0, §5.2,
// §5.5, Figure 1) and the lecture notes' reading of them; LRPC's and SRC RPC's null calls.

import { claim, risesAtEveryStep, type Claim, type Scale } from '../claims.js';
import { findMachine } from '../../machines/index.js';
import { COMBOS, T_AXIS, figure1Run, nullCall, perExecutionUs, stepUs, tableI, urpcPoint } from './experiments.js';
import { figure1Facts } from './figure1.js';

const S0 = (s: Scale, T = 1, set: string[] = []) => urpcPoint(s, T, 1, 0, set);
const lrpc = (s: Scale) => nullCall(s, 'lrpc');
const KERNEL_ROWS = ['donate: trap', 'donate: reallocate', 'donate: upcall'];
const LRPC_KERNEL = ['trap', 'reallocate', 'return to user'];
const fig1 = () => figure1Facts(figure1Run().timeline);

export const reallocClaims: Claim[] = [
  // ---- S = 0: every call reallocates ----
  ...(['urpc.s4.3.S0_T1_latency', 'urpc.s5.5.worst_case_latency'] as const).map((ref) =>
    claim({
      ref,
      source: ref.includes('s5.5') ? '§5.5 text' : '§4.3 text',
      conditions: 'firefly-cvax; null URPC, T=1 C=1 S=0',
      expected: 375,
      unit: 'us',
      role: 'predicted',
      experiment: 'urpc:1,1,0',
      measure: (s) => S0(s).latencyUs,
      note: 'built from Table II\'s paths, the 180 µs reallocation and the 100 µs of decisions (both typed in from §5.5), plus the TLB refills after each context load',
    }),
  ),
  claim({
    ref: 'urpc.s4.3.S0_traps_per_call',
    source: '§4.3 text',
    conditions: 'firefly-cvax; T=1 C=1 S=0: kernel traps per call',
    expected: 2,
    unit: 'traps/call',
    role: 'predicted',
    experiment: 'urpc:1,1,0',
    measure: (s) => S0(s).perCall['kernel.traps'],
  }),
  claim({
    ref: 'urpc.s4.3.S0_reallocs_per_call',
    source: '§4.3 text',
    conditions: 'firefly-cvax; T=1 C=1 S=0: processor reallocations per call',
    expected: 2,
    unit: 'reallocations/call',
    role: 'predicted',
    experiment: 'urpc:1,1,0',
    measure: (s) => S0(s).perCall['reallocations'],
  }),
  claim({
    ref: 'urpc.s5.5.kernel_invocations',
    source: '§5.5 text',
    conditions: 'firefly-cvax; kernel invocations per call: URPC at T=1 C=1 S=0, and LRPC (the measure fails unless LRPC traps twice too)',
    expected: 2,
    unit: 'per call',
    role: 'predicted',
    experiment: 'urpc:1,1,0+lrpc',
    measure: (s) => {
      const t = lrpc(s).breakdown.find((b) => b.step === 'trap');
      if (!t || Math.abs(t.count - 2) > 1e-9) throw new Error(`LRPC traps ${t?.count ?? 0} times per call`);
      return S0(s).perCall['kernel.traps'];
    },
  }),
  claim({
    ref: 'urpc.s4.3.S0_worst',
    source: '§4.3 text',
    conditions: 'firefly-cvax; at every T = 1..10, S=0 has the lowest throughput and the highest latency of the five (C, S)',
    expected: null,
    unit: '',
    role: 'predicted',
    experiment: 'urpc:figures',
    measure: (s) =>
      T_AXIS.every((T) => {
        const zero = urpcPoint(s, T, 1, 0);
        return COMBOS.filter((c) => c.S > 0).every(({ C, S }) => {
          const p = urpcPoint(s, T, C, S);
          return zero.throughput < p.throughput && zero.latencyUs > p.latencyUs;
        });
      }),
  }),
  claim({
    ref: 'urpc.s4.3.S0_worse_than_lrpc',
    source: '§4.3 text',
    conditions: 'firefly-cvax; URPC at T=1 C=1 S=0 against LRPC',
    expected: null,
    unit: '',
    role: 'predicted',
    experiment: 'urpc:1,1,0+lrpc',
    measure: (s) => S0(s).latencyUs > lrpc(s).latencyUs,
  }),
  claim({
    ref: 'urpc.s4.3.S0_thread_ops_still_fast',
    source: '§4.3 text',
    conditions: 'firefly-cvax; FastThreads YIELD with no server processor: no kernel trap, and cheaper than Taos YIELD',
    expected: null,
    unit: '',
    role: 'predicted',
    experiment: 'tableI:yield',
    measure: (s) => {
      const f = tableI(s, 'urpc', 'thread-yield');
      return (f.perCall['kernel.traps'] ?? 0) === 0 && f.perOpUs < tableI(s, 'taos', 'thread-yield').perOpUs;
    },
  }),
  claim({
    ref: 'urpc.s4.3.S0_amortize_with_T',
    source: '§4.3 text',
    conditions: 'firefly-cvax; C=1 S=0, T = 1..10: throughput rises at every step; reallocations per call fall',
    expected: null,
    unit: '',
    role: 'predicted',
    experiment: 'urpc:S0',
    measure: (s) => {
      const pts = T_AXIS.map((T) => S0(s, T));
      return risesAtEveryStep(pts.map((p) => p.throughput), 0.005) && risesAtEveryStep(pts.map((p) => -p.perCall['reallocations']));
    },
  }),
  claim({
    ref: 'urpc.s3.1.amortize_realloc',
    source: '§3.1 text',
    conditions: 'firefly-cvax; C=1 S=0, T=2: one donation serves both threads\' calls (reallocations per call at most 1)',
    expected: null,
    unit: '',
    role: 'predicted',
    experiment: 'urpc:2,1,0',
    measure: (s) => S0(s, 2).perCall['reallocations'] <= 1 + 1e-9,
  }),
  claim({
    ref: 'notes.uniprocessor_batching',
    source: 'lecture notes, uniprocessor bullet',
    conditions: 'firefly-cvax; one processor (C=1 S=0), T=4: all four calls are sent before the server runs: two reallocations per four calls',
    expected: null,
    unit: '',
    role: 'predicted',
    experiment: 'urpc:4,1,0',
    measure: (s) => Math.abs(S0(s, 4).perCall['reallocations'] - 0.5) < 0.01,
  }),
  claim({
    ref: 'urpc.s3.1.3.return_policy',
    source: '§3.1.3 text',
    conditions: 'firefly-cvax; C=1 S=0, T=4: the donated processor comes back only when all four calls have replies (one round trip of the processor per four calls)',
    expected: null,
    unit: '',
    role: 'calibrated',
    experiment: 'urpc:4,1,0',
    measure: (s) => Math.abs(S0(s, 4).perCall['reallocations'] - 0.5) < 0.01,
  }),
  claim({
    ref: 'urpc.s3.1.1.forced_reallocation',
    source: '§3.1.1 text',
    conditions: 'firefly-cvax; C=1 S=0, T=2 with kernel.forceReallocation: each caller hands its processor over at once (two reallocations per call against one without)',
    expected: null,
    unit: '',
    role: 'calibrated',
    experiment: 'urpc:2,1,0:forced',
    measure: (s) => S0(s, 2, ['kernel.forceReallocation=true']).perCall['reallocations'] > 1.5 && S0(s, 2).perCall['reallocations'] < 1.5,
  }),
  claim({
    ref: 'urpc.s3.1.2.processor_donate',
    source: '§3.1.2 text',
    conditions: 'firefly-cvax; C=1 S=0, T=1: every reallocation goes down through the kernel (one trap each)',
    expected: null,
    unit: '',
    role: 'calibrated',
    experiment: 'urpc:1,1,0',
    measure: (s) => S0(s).perCall['reallocations'] > 0 && Math.abs(S0(s).perCall['kernel.traps'] - S0(s).perCall['reallocations']) < 1e-9,
  }),
  claim({
    ref: 'notes.only_realloc_in_kernel',
    source: 'lecture notes, IPC requirements',
    conditions: 'firefly-cvax; no kernel trap per call with a server processor (T=C=S=1); with none, only the reallocations trap',
    expected: null,
    unit: '',
    role: 'calibrated',
    experiment: 'urpc:1,1,0-1',
    measure: (s) =>
      urpcPoint(s, 1, 1, 1).perCall['kernel.traps'] === 0 && Math.abs(S0(s).perCall['kernel.traps'] - S0(s).perCall['reallocations']) < 1e-9,
  }),
  claim({
    ref: 'notes.lazy_switch_underpowered',
    source: 'lecture notes, lazy address switching',
    conditions: 'firefly-cvax; an idle client processor donates itself to a server with pending calls and no processor (S=0), never to one with a processor (S=1)',
    expected: null,
    unit: '',
    role: 'calibrated',
    experiment: 'urpc:1,1,0-1',
    measure: (s) => S0(s).perCall['reallocations'] > 0 && urpcPoint(s, 1, 1, 1).perCall['reallocations'] === 0,
  }),
  claim({
    ref: 'notes.processor_returned',
    source: 'lecture notes, lazy address switching',
    conditions: 'firefly-cvax; T=1 C=1 S=0: the processor goes to the server and back through the kernel on every call',
    expected: null,
    unit: '',
    role: 'calibrated',
    experiment: 'urpc:1,1,0',
    measure: (s) => Math.abs(S0(s).perCall['reallocations'] - 2) < 1e-9 && Math.abs(S0(s).perCall['kernel.traps'] - 2) < 1e-9,
  }),
  claim({
    ref: 'notes.realloc_no_sched_decision',
    source: 'lecture notes, design decisions',
    conditions: 'firefly-cvax; T=1 C=1 S=0: scheduling decisions made per reallocation',
    expected: null,
    unit: '',
    role: 'predicted',
    experiment: 'urpc:1,1,0',
    measure: (s) => stepUs(S0(s), 'client', ['reallocate: decide']) === 0,
    knownGap:
      'the notes contradict the paper: §5.5 says URPC makes two scheduling decisions (about 100 µs per round trip) before a reallocation, and that it is LRPC that makes none; the model follows the paper',
  }),
  claim({
    ref: 'urpc.s5.5.lrpc_based_realloc',
    source: '§5.5 text',
    conditions: 'firefly-cvax; T=1 C=1 S=0: Processor.Donate and its return, per call (kernel rows)',
    expected: 180,
    unit: 'us',
    role: 'calibrated',
    experiment: 'urpc:1,1,0',
    measure: (s) => stepUs(S0(s), 'kernel', KERNEL_ROWS),
  }),
  claim({
    ref: 'urpc.s5.5.two_sched_decisions',
    source: '§5.5 text',
    conditions: 'firefly-cvax; T=1 C=1 S=0: the two scheduling decisions, per call',
    expected: 100,
    unit: 'us',
    role: 'calibrated',
    experiment: 'urpc:1,1,0',
    measure: (s) => stepUs(S0(s), 'client', ['reallocate: decide']) + stepUs(S0(s), 'server', ['reallocate: decide']),
  }),
  claim({
    ref: 'urpc.s2.longterm_cost_order',
    source: '§2 text',
    conditions: 'firefly-cvax; TLB misses per call: none in steady state with a server processor (T=C=S=1), several when every call reallocates (S=0)',
    expected: null,
    unit: '',
    role: 'predicted',
    experiment: 'urpc:1,1,0-1',
    measure: (s) => {
      const misses = (p: ReturnType<typeof S0>) => p.breakdown.reduce((a, b) => a + b.tlbMisses, 0);
      return misses(urpcPoint(s, 1, 1, 1)) < 0.1 && misses(S0(s)) > 2;
    },
  }),
  // ---- §5.2 comparisons with numbers the paper quotes ----
  claim({
    ref: 'urpc.s5.2.urpc_vs_yackos_best',
    source: '§5.2 text',
    conditions: "firefly-cvax; Yackos's quoted 200 µs over URPC's simulated latency at T=C=S=1",
    expected: 2,
    unit: 'ratio',
    role: 'predicted',
    experiment: 'urpc:1,1,1',
    measure: (s) => 200 / urpcPoint(s, 1, 1, 1).latencyUs,
    tolerancePct: 10,
    note: '"a factor of two": the paper\'s own 200/93 is 2.15; 10% tolerance',
  }),
  claim({
    ref: 'urpc.s5.2.urpc_vs_yackos_pess',
    source: '§5.2 text',
    conditions: "firefly-cvax; Yackos's quoted 5000 µs over URPC's simulated latency at T=1 C=1 S=0",
    expected: 13,
    unit: 'ratio',
    role: 'predicted',
    experiment: 'urpc:1,1,0',
    measure: (s) => 5000 / S0(s).latencyUs,
    note: '"over thirteen times": the paper\'s own 5000/375 is 13.3',
  }),
  claim({
    ref: 'urpc.s5.1.sylvan_small_gain',
    source: '§5.1 text',
    conditions: "firefly-cvax; URPC's simulated latency at T=C=S=1 above Sylvan's quoted 48 µs but within a factor of two",
    expected: null,
    unit: '',
    role: 'predicted',
    experiment: 'urpc:1,1,1',
    measure: (s) => {
      const l = urpcPoint(s, 1, 1, 1).latencyUs;
      return l > 48 && l < 2 * 48;
    },
  }),
  // ---- LRPC ----
  ...(['urpc.intro.lrpc_null', 'urpc.s5.5.lrpc_null'] as const).map((ref) =>
    claim({
      ref,
      source: ref.includes('intro') ? '§1 text' : '§5.5 text',
      conditions: 'firefly-cvax; LRPC null call, one client thread',
      expected: 157,
      unit: 'us',
      role: 'predicted',
      experiment: 'lrpc',
      measure: (s) => lrpc(s).latencyUs,
      note: 'a stub call (7 µs) and two crossings of a trap (20 µs) and a reallocation (55 µs), the primitives of §1 and §2, plus the TLB refills of process-space pages the model counts',
    }),
  ),
  claim({
    ref: 'urpc.s2.proc_realloc',
    source: '§2 text',
    conditions: 'firefly-cvax; LRPC null call: the reallocation row per crossing',
    expected: 55,
    unit: 'us',
    role: 'calibrated',
    experiment: 'lrpc',
    measure: (s) => perExecutionUs(lrpc(s), 'kernel', 'reallocate'),
  }),
  claim({
    ref: 'urpc.intro.lrpc_near_hw_limit',
    source: '§1 text',
    conditions: 'firefly-cvax; LRPC null call within 15% above its kernel rows (two traps and two reallocations)',
    expected: null,
    unit: '',
    role: 'predicted',
    experiment: 'lrpc',
    measure: (s) => {
      const k = stepUs(lrpc(s), 'kernel', LRPC_KERNEL);
      return lrpc(s).latencyUs > k && lrpc(s).latencyUs < 1.15 * k;
    },
  }),
  claim({
    ref: 'urpc.intro.lrpc_kernel_mediation_share',
    source: '§1 text',
    conditions: 'firefly-cvax; LRPC null call: share of the kernel rows (traps, reallocations, returns)',
    expected: 70,
    unit: 'percent',
    role: 'predicted',
    experiment: 'lrpc',
    measure: (s) => (100 * stepUs(lrpc(s), 'kernel', LRPC_KERNEL)) / lrpc(s).latencyUs,
    knownGap:
      "the model builds LRPC from §1's decomposition (a stub call plus twice a trap and a reallocation), so nearly all of it is kernel mediation; the 70% rests on LRPC's own finer breakdown (stubs and kernel red tape apart from the context switch), which the URPC paper does not give",
  }),
  claim({
    ref: 'urpc.s5.5.lrpc_no_sched',
    source: '§5.5 text',
    conditions: 'firefly-cvax; LRPC null call: no scheduling or dispatch step on its path',
    expected: null,
    unit: '',
    role: 'calibrated',
    experiment: 'lrpc',
    measure: (s) => lrpc(s).breakdown.every((b) => !/decide|dispatch|ready queue/.test(b.step)),
  }),
  claim({
    ref: 'notes.T_gt_P_worse',
    source: 'lecture notes, performance',
    conditions: 'firefly-cvax; C=S=1 (two processors), T=4: URPC latency above LRPC\'s',
    expected: null,
    unit: '',
    role: 'predicted',
    experiment: 'urpc:4,1,1+lrpc',
    measure: (s) => urpcPoint(s, 4, 1, 1).latencyUs > lrpc(s).latencyUs,
  }),
  claim({
    ref: 'notes.T_le_P_better',
    source: 'lecture notes, performance',
    conditions: 'firefly-cvax; every (C, S) with S > 0 and T <= C+S: URPC latency below LRPC\'s',
    expected: null,
    unit: '',
    role: 'predicted',
    experiment: 'urpc:figures+lrpc',
    measure: (s) =>
      COMBOS.filter((c) => c.S > 0).every(({ C, S }) => T_AXIS.filter((T) => T <= C + S).every((T) => urpcPoint(s, T, C, S).latencyUs < lrpc(s).latencyUs)),
  }),
  // ---- the machine ----
  claim({
    ref: 'urpc.s4.measured_cpus',
    source: '§4 text',
    conditions: 'firefly-cvax; processors of the simulated machine',
    expected: 4,
    unit: 'processors',
    role: 'calibrated',
    experiment: 'machine',
    measure: () => findMachine('firefly-cvax')!.processors,
  }),
  // ---- Figure 1 ----
  claim({
    ref: 'urpc.fig1.timeline_donation',
    source: 'Figure 1 / §2 text',
    conditions: 'firefly-cvax; editor (T1, T2; 1 processor), WinMgr (1), FCMgr (none): one donation editor -> FCMgr, both pending calls served on it, then returned',
    expected: null,
    unit: '',
    role: 'predicted',
    experiment: 'urpc:figure1',
    measure: () => {
      const f = fig1();
      return (
        f.donations.length === 1 &&
        f.donations[0].from === 'editor' &&
        f.donations[0].to === 'FCMgr' &&
        f.returns.length === 1 &&
        f.returns[0].to === 'editor' &&
        f.receivedPerDonation[0] === 2 &&
        f.fcmgrOnlyOnDonated
      );
    },
  }),
  claim({
    ref: 'notes.example_initial_state',
    source: 'lecture notes, example',
    conditions: 'firefly-cvax; Figure 1 run: the editor and WinMgr each start on a processor of their own; FCMgr runs only on a donated one',
    expected: null,
    unit: '',
    role: 'calibrated',
    experiment: 'urpc:figure1',
    measure: () => {
      const f = fig1();
      return f.initial['cpu 0'] === 'editor' && f.initial['cpu 1'] === 'WinMgr' && f.fcmgrOnlyOnDonated;
    },
  }),
];
