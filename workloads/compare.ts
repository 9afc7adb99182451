// Every kernel on every machine: the null round trip (or `bytes`-byte messages) of each kernel ×
// machine cell, run through the same driver as `simulate run`. A cell the run driver refuses (bad
// input for that pair, or work the machine cannot price) becomes a `refused` cell with the driver's
// one-line reason, so the grid always comes back whole. Each cell is marked `paper` (a paper
// measured this kernel on this machine), `home` (the kernel's own machine, no paper number) or
// `extrapolated`, from the declared table below. Free of Node-only APIs: the web explorer runs it
// in a Web Worker.

import { findKernel, kernels } from '../kernels/index.js';
import { findMachine, machines } from '../machines/index.js';
import type { PortingAssumption } from '../sim/hw/porting.js';
import { UsageError, type RunSpec } from './run.js';
import { measure } from './measure.js';

export type Mark = 'paper' | 'home' | 'extrapolated';

/**
 * The (kernel, machine) pairs a paper measured, with where. Every such machine is also the
 * kernel's home.
 */
export const PAPER_CELLS: readonly { kernel: string; machine: string; source: string }[] = [
  { kernel: 'urpc', machine: 'firefly-cvax', source: 'urpc §4.3 and Table II: null URPC latency on the C-VAX Firefly' },
  { kernel: 'lrpc', machine: 'firefly-cvax', source: 'urpc §1 and §4.3; l3 Table 2: LRPC null call on the C-VAX Firefly' },
  { kernel: 'taos', machine: 'firefly-cvax', source: 'urpc Table I, Taos column: kernel thread operations on the C-VAX Firefly' },
  { kernel: 'src-rpc', machine: 'firefly-cvax', source: 'l3 Table 2: SRC RPC on the C-VAX Firefly' },
  { kernel: 'src-rpc', machine: 'firefly-microvax2', source: 'l3 Table 2: SRC RPC on the MicroVAX II Firefly' },
  { kernel: 'l3', machine: 'i486-dx50', source: 'l3 Table 2 (and Table 7, Figure 7): L3 null RPC on the 50 MHz 486' },
  { kernel: 'l3', machine: 'i486-dx33', source: 'l3 Table 2: L3 null RPC on the 33 MHz 486' },
  { kernel: 'l3', machine: 'i386-20', source: 'l3 Table 2: L3 null RPC on the 20 MHz 386' },
  { kernel: 'mach', machine: 'i486-dx50', source: 'l3 Table 2 and Figure 7: Mach null RPC on the 50 MHz 486' },
  { kernel: 'mach', machine: 'i486-dx33', source: 'l3 Table 2: Mach null RPC on the 33 MHz 486' },
  { kernel: 'mach', machine: 'i386-20', source: 'l3 Table 2: Mach null RPC on the 20 MHz 386' },
  { kernel: 'mach', machine: 'hp9000-730', source: 'inks Table 3: unoptimised Mach RPC on the HP 9000/730' },
  { kernel: 'inks-msg', machine: 'hp9000-730', source: 'inks Table 3: in-kernel server reached by message' },
  { kernel: 'inks-trap', machine: 'hp9000-730', source: 'inks Table 3: in-kernel server reached by trap' },
  { kernel: 'sysv', machine: 'sgi-indy-r4000', source: 'sleepwake Figure 2a: SYSV message queues on the SGI Indy' },
  { kernel: 'sysv', machine: 'ibm-p4-ppc604', source: 'sleepwake Figure 2b: SYSV message queues on the IBM P4' },
  { kernel: 'sysv', machine: 'sgi-challenge-8', source: 'sleepwake Figure 11: SYSV on the SGI Challenge' },
  { kernel: 'bss', machine: 'sgi-indy-r4000', source: 'sleepwake Figure 2a: BSS on the SGI Indy' },
  { kernel: 'bss', machine: 'ibm-p4-ppc604', source: 'sleepwake Figure 2b: BSS on the IBM P4' },
  { kernel: 'bss', machine: 'sgi-challenge-8', source: 'sleepwake Figure 11: BSS on the SGI Challenge' },
  { kernel: 'bss', machine: 'linux-i486-66', source: 'sleepwake Figure 12 and §6: BSS under Linux 1.0 on the 66 MHz 486' },
  { kernel: 'bsw', machine: 'sgi-indy-r4000', source: 'sleepwake Figure 6: BSW on the SGI Indy' },
  { kernel: 'bsw', machine: 'ibm-p4-ppc604', source: 'sleepwake Figure 6: BSW on the IBM P4' },
  { kernel: 'bswy', machine: 'sgi-indy-r4000', source: 'sleepwake Figure 8: BSWY on the SGI Indy' },
  { kernel: 'bswy', machine: 'ibm-p4-ppc604', source: 'sleepwake Figure 8: BSWY on the IBM P4' },
  { kernel: 'bswy', machine: 'linux-i486-66', source: 'sleepwake Figure 12: BSWY with the modified sched_yield' },
  { kernel: 'bsls', machine: 'sgi-indy-r4000', source: 'sleepwake Figure 10: BSLS on the SGI Indy' },
  { kernel: 'bsls', machine: 'ibm-p4-ppc604', source: 'sleepwake Figure 10: BSLS on the IBM P4' },
  { kernel: 'bsls', machine: 'sgi-challenge-8', source: 'sleepwake Figure 11: BSLS (MAX_SPIN 1, 2, 4) on the SGI Challenge' },
];

const SLEEPWAKE_MACHINES = ['sgi-indy-r4000', 'ibm-p4-ppc604', 'sgi-challenge-8', 'linux-i486-66'];

/**
 * The machines each kernel was built for (its paper's machines), beyond the paper cells: the
 * sleep/wake-up protocols are user-level code on all four of that paper's systems (sleepwake §2.2,
 * §5, §6), though not every protocol was measured on every one.
 */
export const HOME_MACHINES: Readonly<Record<string, readonly string[]>> = {
  sysv: SLEEPWAKE_MACHINES,
  bss: SLEEPWAKE_MACHINES,
  bsw: SLEEPWAKE_MACHINES,
  bswy: SLEEPWAKE_MACHINES,
  bsls: SLEEPWAKE_MACHINES,
};

export function markOf(kernel: string, machine: string): Mark {
  if (PAPER_CELLS.some((c) => c.kernel === kernel && c.machine === machine)) return 'paper';
  return HOME_MACHINES[kernel]?.includes(machine) ? 'home' : 'extrapolated';
}

/** A porting assumption a cell rests on (code density, instruction mix between ISAs). */
export interface Assumption {
  from: string;
  to: string;
  what: string;
  value: number;
  source: string;
}

export interface CompareSpec {
  kernels?: string[];
  machines?: string[];
  bytes?: number;
  calls?: number;
  warmup?: number;
  seed?: number;
  /** What-ifs applied to every cell (`--set path=value`); a kernel option refuses the cells of kernels without it. */
  set?: string[];
}

export interface CompareCell {
  machine: string;
  kernel: string;
  workload: string | null;
  mark: Mark;
  params: Record<string, number>;
  latencyUs: { mean: number } | null;
  latencyCycles: { mean: number } | null;
  throughputPerSec: number | null;
  perCall: { instructions: number; tlbMisses: number; cacheMisses: number } | null;
  /** Why the cell did not run (one line), or null. */
  refused: string | null;
  /** True when the run failed for a reason other than a refusal (a defect, not a limit). */
  failed?: boolean;
}

export interface CompareResult {
  cells: CompareCell[];
  assumptions: Assumption[];
}

/** The default calls per cell: enough for a steady-state mean, few enough for the grid to be quick. */
export const COMPARE_CALLS = 1000;

/** The cells to run, checked: unknown ids get the CLI's one-line message. */
export function compareCells(spec: CompareSpec): { kernel: string; machine: string }[] {
  const ks = spec.kernels?.length ? spec.kernels : kernels.map((k) => k.id);
  const ms = spec.machines?.length ? spec.machines : machines.map((m) => m.id);
  for (const k of ks) {
    if (!findKernel(k)) throw new UsageError(`--kernels: unknown kernel '${k}'; kernels: ${kernels.map((x) => x.id).join(', ')}`);
  }
  const ids = ms.map((m) => {
    const d = findMachine(m);
    if (!d) throw new UsageError(`--machines: unknown machine '${m}'; machines: ${machines.map((x) => x.id).join(', ')}`);
    return d.id;
  });
  return ks.flatMap((kernel) => ids.map((machine) => ({ kernel, machine })));
}

/** One cell: a run of the driver, or the driver's refusal. */
export function runCell(kernel: string, machine: string, spec: CompareSpec): CompareCell {
  return runPorted(kernel, machine, spec).cell;
}

/**
 * The porting table's entries a cell's run used, as the contract's assumptions: one for the
 * instruction-count ratio and one for the code-size ratio of each pair of ISAs.
 */
export function assumptionsOf(porting: readonly PortingAssumption[]): Assumption[] {
  return porting.flatMap((p) => [
    { from: p.from, to: p.to, what: `${p.to} instructions executed per ${p.from} instruction of the same code`, value: p.ratio, source: p.source },
    { from: p.from, to: p.to, what: `${p.to} code bytes per ${p.from} code byte`, value: Math.round(p.codeSize * 1e6) / 1e6, source: p.codeSizeSource },
  ]);
}

/** Assumptions once each, ordered by ISA pair and then by what they assume. */
export function dedupeAssumptions(xs: readonly Assumption[]): Assumption[] {
  const seen = new Map<string, Assumption>();
  for (const x of xs) seen.set(`${x.from}\u0000${x.to}\u0000${x.what}`, x);
  return [...seen.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, x]) => x);
}

/** A cell and the porting assumptions its run rested on (none when it refused or ran on its home ISA). */
export function runPorted(kernel: string, machine: string, spec: CompareSpec): { cell: CompareCell; porting: PortingAssumption[] } {
  const run: RunSpec = { machine, kernel, bytes: spec.bytes, calls: spec.calls ?? COMPARE_CALLS, warmup: spec.warmup, seed: spec.seed, set: spec.set };
  const mark = markOf(kernel, machine);
  const given = { bytes: spec.bytes ?? 0, calls: run.calls ?? COMPARE_CALLS };
  try {
    // Memoised: a cell that is also one of the papers' runs (or asked for twice) is made once.
    const r = measure(run);
    const per = r.result.breakdown.reduce(
      (a, b) => ({ instructions: a.instructions + b.instructions, tlbMisses: a.tlbMisses + b.tlbMisses, cacheMisses: a.cacheMisses + b.cacheMisses }),
      { instructions: 0, tlbMisses: 0, cacheMisses: 0 },
    );
    const cell: CompareCell = {
      machine,
      kernel,
      workload: r.workload,
      mark,
      params: { ...r.params },
      latencyUs: { mean: r.result.latencyUs.mean },
      latencyCycles: { mean: r.result.latencyCycles.mean },
      throughputPerSec: r.result.throughputPerSec,
      perCall: per,
      refused: null,
    };
    return { cell, porting: r.config.porting };
  } catch (e) {
    const refusal = e instanceof UsageError;
    const line = (e as Error).message.split('\n')[0];
    const cell: CompareCell = {
      machine,
      kernel,
      workload: null,
      mark,
      params: given,
      latencyUs: null,
      latencyCycles: null,
      throughputPerSec: null,
      perCall: null,
      refused: refusal ? line : `run failed: ${line}`,
      ...(refusal ? {} : { failed: true }),
    };
    return { cell, porting: [] };
  }
}

/** The whole grid, kernels in the order given (registry order by default), machines within each. */
export function compare(spec: CompareSpec, onCell?: (cell: CompareCell, done: number, total: number) => void): CompareResult {
  const todo = compareCells(spec);
  const cells: CompareCell[] = [];
  const used: Assumption[] = [];
  for (const { kernel, machine } of todo) {
    const { cell, porting } = runPorted(kernel, machine, spec);
    cells.push(cell);
    used.push(...assumptionsOf(porting));
    onCell?.(cell, cells.length, todo.length);
  }
  return { cells, assumptions: dedupeAssumptions(used) };
}

/** The grid as flat rows (one per cell), for CSV. */
export const COMPARE_COLUMNS = [
  'kernel',
  'machine',
  'mark',
  'workload',
  'latency mean (us)',
  'latency mean (cycles)',
  'throughput (calls/s)',
  'instructions per call',
  'TLB misses per call',
  'cache misses per call',
  'refused',
] as const;

export function compareRows(r: CompareResult): (string | number)[][] {
  const n = (x: number | undefined | null, d = 3): number | string => (x === null || x === undefined ? '' : Number(x.toFixed(d)));
  return r.cells.map((c) => [
    c.kernel,
    c.machine,
    c.mark,
    c.workload ?? '',
    n(c.latencyUs?.mean),
    n(c.latencyCycles?.mean, 1),
    n(c.throughputPerSec, 1),
    n(c.perCall?.instructions, 2),
    n(c.perCall?.tlbMisses, 3),
    n(c.perCall?.cacheMisses, 3),
    c.refused ?? '',
  ]);
}
