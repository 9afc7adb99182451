// The sleep/wake-up paper's table and figures as runs: Table 1 re-measured on the simulated
// machines, the per-round-trip counts the paper reports, and Figures 2, 3, 6, 8, 10, 11 and 12
// (server throughput in messages per millisecond against client processes). The paper's own
// values appear only as figure markers for the points its text states.

import type { Scale } from '../claims.js';
import type { FigureSpec, Reproduction, Series, TableSpec } from '../reproduction.js';
import { sleepwakeClaims } from './claims.js';
import {
  CHALLENGE,
  CLIENTS,
  FIG10_SPINS,
  FIG11_SPINS,
  LINUX,
  UNI_MACHINES,
  challengeClients,
  curve,
  maxSpin,
  point,
  primitive,
  sched,
} from './experiments.js';

const SHORT: Record<string, string> = { 'sgi-indy-r4000': 'SGI', 'ibm-p4-ppc604': 'IBM', [CHALLENGE]: 'Challenge', [LINUX]: 'Linux' };
const X = { label: 'client processes' };
const Y = { label: 'server throughput', unit: 'msgs/ms' };

function series(name: string, machine: string, kernel: string, set: string[], s: Scale, xs: number[] = CLIENTS): Series {
  return { name, points: curve(machine, kernel, set, s, xs).map((p, i) => ({ x: xs[i], y: p.msgsPerMs })) };
}

const uni = (id: string, title: string, lines: (m: string) => [string, string, string[]][], note: string, paperPoints?: FigureSpec['paperPoints']): FigureSpec => ({
  id,
  title,
  x: X,
  y: Y,
  note,
  ...(paperPoints ? { paperPoints } : {}),
  run: (s) => UNI_MACHINES.flatMap((m) => lines(m).map(([n, k, set]) => series(`${SHORT[m]} ${n}`, m, k, set, s))),
});

const table1: TableSpec = {
  id: 'table1',
  title: 'Table 1: Measured times for primitive operations (re-measured on the simulated machines)',
  columns: [
    { key: 'primitive', label: 'primitive operation' },
    { key: 'sgi', label: 'SGI', unit: 'us' },
    { key: 'ibm', label: 'IBM', unit: 'us' },
  ],
  note: 'enqueue/dequeue and msgsnd/msgrcv: one pair in a single process\'s tight loop; yields: n processes in a tight yield loop, elapsed time per yield call (the reading of §2.2). The 1- and 2-process rows are calibrated, the 4-process row predicted.',
  run: (s) =>
    (
      [
        ['enqueue/dequeue', 'enqdeq', 1],
        ['msgsnd/msgrcv', 'msg', 1],
        ['semaphore V/P (not in the paper)', 'sem', 1],
        ['concurrent yields, 1 process', 'yield', 1],
        ['concurrent yields, 2 processes', 'yield', 2],
        ['concurrent yields, 4 processes', 'yield', 4],
      ] as const
    ).map(([primitiveName, what, n]) => ({
      primitive: primitiveName,
      sgi: primitive('sgi-indy-r4000', what, n, s).us,
      ibm: primitive('ibm-p4-ppc604', what, n, s).us,
    })),
};

const counts: TableSpec = {
  id: 'counts',
  title: 'System calls, context switches and yields per round trip (the counts of §2.2, §3.1 and §4.2)',
  columns: [
    { key: 'machine', label: 'machine' },
    { key: 'protocol', label: 'protocol' },
    { key: 'scheduler', label: 'scheduler' },
    { key: 'clients', label: 'clients' },
    { key: 'msgsPerMs', label: 'throughput', unit: 'msgs/ms' },
    { key: 'rttUs', label: 'round trip', unit: 'us' },
    { key: 'syscalls', label: 'system calls', unit: 'per round trip' },
    { key: 'switches', label: 'context switches', unit: 'per round trip' },
    { key: 'yields', label: 'yields per process', unit: 'per round trip' },
    { key: 'serverVoluntary', label: 'server voluntary switches', unit: 'per 100,000 requests' },
  ],
  note: 'Counters of the simulated kernel over the measured messages; yields per process = all yields / (clients + 1).',
  run: (s) => {
    const rows: Record<string, string | number | null>[] = [];
    const add = (m: string, k: string, c: number, set: string[], schedName: string) => {
      const p = point(m, k, c, set, s);
      rows.push({
        machine: SHORT[m],
        protocol: k,
        scheduler: schedName,
        clients: c,
        msgsPerMs: p.msgsPerMs,
        rttUs: p.latencyUs,
        syscalls: p.per('syscalls'),
        switches: p.per('switches'),
        yields: (p.per('client.yields') + p.per('server.yields')) / (c + 1),
        serverVoluntary: p.per('server.switches.voluntary') * 100000,
      });
    };
    for (const m of UNI_MACHINES)
      for (const k of ['sysv', 'bss', 'bsw', 'bswy', 'bsls'])
        for (const c of [1, 2, 6]) {
          add(m, k, c, [], 'default');
          if (k === 'bss' || k === 'bswy') add(m, k, c, sched('fixed'), 'fixed');
        }
    for (const k of ['bss', 'bswy']) add(LINUX, k, 1, [], 'linux-modified');
    add(LINUX, 'bswy', 1, sched('handoff'), 'handoff');
    return rows;
  },
};

/** A paper value, from the claims registry (the only place the paper's numbers are written). */
function expected(ref: string): number {
  const v = sleepwakeClaims.find((c) => c.ref === ref)?.expected;
  if (typeof v !== 'number') throw new Error(`no numeric claim ${ref} in the sleep/wake-up registry`);
  return v;
}

const figures: FigureSpec[] = [
  uni('figure2', 'Figure 2: uniprocessor server throughput, BSS and System V message queues', () => [
    ['BSS', 'bss', []],
    ['SYSV', 'sysv', []],
  ], 'Default schedulers (IRIX 6.2 and AIX 4.1 decay-usage).', [
    { series: 'IBM BSS', x: 1, y: expected('sw.fig2b.ibm_bss_1client') },
    { series: 'IBM BSS', x: 6, y: expected('sw.fig2b.ibm_bss_6clients') },
    // §2.2 states the SGI's one-client round trip; one message per round trip, so msgs/ms = 1000 / µs.
    { series: 'SGI BSS', x: 1, y: 1000 / expected('sw.s2.2.sgi_rtt_1client') },
  ]),
  uni('figure3', 'Figure 3: fixed (non-degrading) priorities', () => [
    ['BSS fixed', 'bss', sched('fixed')],
    ['BSS', 'bss', []],
    ['SYSV', 'sysv', []],
    ['SYSV fixed', 'sysv', sched('fixed')],
  ], 'The paper\'s text calls the y-axis µs per message; its caption and the other figures use messages per millisecond, as here.'),
  uni('figure6', 'Figure 6: Both Sides Wait', () => [
    ['BSW', 'bsw', []],
    ['BSS', 'bss', []],
    ['SYSV', 'sysv', []],
  ], 'Default schedulers.'),
  uni('figure8', 'Figure 8: Both Sides Wait and Yield', () => [
    ['BSWY', 'bswy', []],
    ['BSWY fixed', 'bswy', sched('fixed')],
    ['BSW', 'bsw', []],
    ['SYSV', 'sysv', []],
  ], 'Solid: default schedulers; the fixed-priority curves stand in for hand-off scheduling (§4.1).'),
  uni('figure10', 'Figure 10: Both Sides Limited Spin, MAX_SPIN sensitivity', () => FIG10_SPINS.map((k) => [`BSLS MAX_SPIN=${k}`, 'bsls', maxSpin(k)] as [string, string, string[]]), `MAX_SPIN values ${FIG10_SPINS.join(', ')} (the paper names only 20).`),
  {
    id: 'figure11',
    title: 'Figure 11: 8-processor SGI Challenge',
    x: X,
    y: Y,
    note: `busy_wait and poll_queue are a 25 µs delay loop testing empty() each iteration. MAX_SPIN ${FIG11_SPINS.join(', ')} (not given in the paper); client range assumed.`,
    run: (s) => {
      const xs = challengeClients(s);
      return [
        series('BSS', CHALLENGE, 'bss', [], s, xs),
        ...FIG11_SPINS.map((k) => series(`BSLS MAX_SPIN=${k}`, CHALLENGE, 'bsls', maxSpin(k), s, xs)),
        series('SYSV', CHALLENGE, 'sysv', [], s, xs),
      ];
    },
  },
  {
    id: 'figure12',
    title: 'Figure 12: Linux 1.0.32 with the modified sched_yield',
    x: X,
    y: Y,
    note: 'linux-i486-66; BSWY with the modified sched_yield (solid in the paper), BSS, and BSWY using handoff(pid)/handoff(PID_ANY).',
    run: (s) => [series('BSWY', LINUX, 'bswy', [], s), series('BSS', LINUX, 'bss', [], s), series('BSWY handoff', LINUX, 'bswy', sched('handoff'), s)],
  },
];

export const reproduction: Reproduction = {
  tables: [table1, counts],
  figures,
};
