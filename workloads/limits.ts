// What a run accepts and how much work it may do: the bounds of the run parameters (stated in
// --help), the checks of kernel options against their declared ranges and of run parameters
// against what a kernel declares it uses, and the event budget that stops a run making no progress.
// Every rejection is one line naming the flag or --set path, the value and what is allowed.

import type { KernelDef, KernelOptions, OptionSpec, RunParams } from '../kernels/kernel.js';

/** Bad input: the CLI prints the message as one line and exits 2. */
export class UsageError extends Error {}

export interface Bound {
  flag: string;
  what: string;
  min: number;
  max: number;
}

// Upper bounds keep memory and time bounded: a thread is a generator and a tcb (T, clients), a
// measured call one latency sample (calls), a message a copy the models price per byte (bytes).
export const RUN_BOUNDS = {
  T: { flag: '-T', what: 'client threads', min: 1, max: 1000 },
  C: { flag: '-C', what: 'client processors', min: 0, max: 64 },
  S: { flag: '-S', what: 'server processors', min: 0, max: 64 },
  clients: { flag: '--clients', what: 'client processes', min: 1, max: 1000 },
  bytes: { flag: '--bytes', what: 'message size in bytes', min: 0, max: 1_048_576 },
  calls: { flag: '--calls', what: 'calls measured', min: 1, max: 10_000_000 },
  warmup: { flag: '--warmup', what: 'warm-up calls', min: 0, max: 10_000_000 },
  seed: { flag: '--seed', what: 'seed', min: 0, max: 4_294_967_295 },
} as const satisfies Record<string, Bound>;

export type Bounded = keyof typeof RUN_BOUNDS;

/** "a whole number from 1 to 1000" */
export const boundText = (b: Bound): string => `a whole number from ${b.min} to ${b.max.toLocaleString('en-US')}`;

/** A run parameter within its bound (undefined: the default). */
export function bounded(name: Bounded, v: number | undefined, dflt: number): number {
  const b = RUN_BOUNDS[name];
  const x = v ?? dflt;
  if (typeof x !== 'number' || !Number.isInteger(x) || x < b.min || x > b.max) {
    throw new UsageError(`${b.flag} ${String(v)}: ${b.what} must be ${boundText(b)}`);
  }
  return x;
}

const DEFAULTS: RunParams = { T: 1, C: 1, S: 1, clients: 1, bytes: 0 };

/**
 * The run parameters the user gave (not defaults) against the ones the kernel declares it reads
 * (KernelDef.params): one it does not read may only be given at its default (the kernel's, or the
 * usual one); its ranges are checked with the kernel's own (checkRun).
 */
export function checkUses(kernel: KernelDef, given: Partial<RunParams>, defaults: Partial<RunParams> = {}): void {
  const uses = kernel.params;
  for (const name of Object.keys(DEFAULTS) as (keyof RunParams)[]) {
    const v = given[name];
    if (v === undefined || name in uses) continue;
    if (v === (defaults[name] ?? DEFAULTS[name])) continue;
    const b = RUN_BOUNDS[name];
    const used = (Object.keys(DEFAULTS) as (keyof RunParams)[]).filter((k) => k in uses).map((k) => RUN_BOUNDS[k].flag);
    throw new UsageError(`${b.flag} ${v}: kernel ${kernel.id} does not use ${b.what} (it takes ${used.length ? used.join(', ') : 'none of -T, -C, -S, --clients, --bytes'}); leave ${b.flag} out`);
  }
}

/** A kernel option's value against its declared type, choices and range. */
export function checkOption(kernel: KernelDef, o: OptionSpec, value: KernelOptions[string], text: string): void {
  const at = `--set kernel.${o.name}=${text}`;
  if (o.choices && !o.choices.includes(String(value))) throw new UsageError(`${at}: allowed: one of ${o.choices.join(', ')}`);
  if (o.type !== 'number') return;
  const range = o.min !== undefined && o.max !== undefined ? `from ${o.min} to ${o.max}` : o.min !== undefined ? `>= ${o.min}` : o.max !== undefined ? `<= ${o.max}` : 'a finite number';
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new UsageError(`${at}: allowed: a number ${range}`);
  if ((o.min !== undefined && value < o.min) || (o.max !== undefined && value > o.max)) {
    throw new UsageError(`${at}: kernel ${kernel.id} allows kernel.${o.name} ${range}`);
  }
}

/**
 * The event budget: a run may spend BASE events plus PER_CALL for every call finished (warm-up
 * included) and for every concurrent caller, checked as it goes, so a run that stops making
 * progress (a livelock of a what-if) is stopped within a few seconds rather than spinning. Across
 * the papers' experiments a call takes at most about 100 events; busy-waiting with delay loops on
 * a uniprocessor (the sleep/wake-up paper's bad case) takes some 60,000, spinning until the
 * timeslice ends. The per-call allowance is well above both.
 */
export const BUDGET = { base: 1_000_000, perCall: 1_000_000 } as const;

export const budgetOf = (completed: number, callers: number): number => BUDGET.base + BUDGET.perCall * (completed + callers);
