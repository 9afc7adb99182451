// The kernel interface: what every IPC system in kernels/ implements. A kernel lays out address
// spaces, threads and channels on a booted System and offers a synchronous cross-address-space
// call; workloads drive it only through this interface. A kernel declares which kinds of request
// and which run parameters it takes, so one check (checkRun) refuses what it cannot run with one
// kind of message, and it publishes the row sets of its breakdown tables for the workloads to read.

import type { Body } from '../sim/engine/index.js';
import type { Isa } from '../sim/hw/isa.js';
import type { System } from '../sim/os/index.js';
import type { ThreadOp } from '../sim/os/thread-requests.js';

export type Capability = 'rpc' | 'threads' | 'send-receive';

export interface OptionSpec {
  name: string;
  type: 'boolean' | 'number' | 'string';
  default: boolean | number | string;
  description: string;
  choices?: string[];
  /** Smallest allowed value (numbers). */
  min?: number;
  /** Largest allowed value (numbers). */
  max?: number;
}

export type KernelOptions = Record<string, boolean | number | string>;

/** The workload's shape, as the command line gives it (URPC's T, C, S; clients; message size). */
export interface RunParams {
  /** Client threads. */
  T: number;
  /** Client processors. */
  C: number;
  /** Server processors. */
  S: number;
  /** Client processes (sleep/wake-up experiments). */
  clients: number;
  /** Message size in bytes. */
  bytes: number;
}

/** An argument of a call by kind (inks §4.3): by value on the stack, or In / Out / InOut by pointer. */
export interface CallArg {
  kind: 'value' | 'in' | 'out' | 'inout';
  bytes: number;
}

/**
 * What a client thread asks of the kernel, by kind:
 * - call: a synchronous cross-address-space call carrying `bytes` each way (a null call when 0), to
 *   the named server when the workload names servers, with MIG arguments when `args` is given
 *   (then `bytes` is not sent as a raw message);
 * - thread: one of urpc Table I's thread operations;
 * - system: a named system or kernel call ('unix:getpid', 'mach:trap', 'mach:thread-self').
 */
export type Request =
  | { kind: 'call'; bytes: number; server?: string; args?: readonly CallArg[] }
  | { kind: 'thread'; op: ThreadOp }
  | { kind: 'system'; call: string };

export type RequestKind = Request['kind'];

/** Makes one synchronous call on behalf of the client thread it was made for. */
export type CallFn = (req: Request) => Body<void>;

/** The address spaces a workload names: a client and the servers it calls (urpc Figure 1). */
export interface Topology {
  client: string;
  servers: readonly string[];
}

export interface KernelInstance {
  /**
   * Start client thread `index` of the workload. The kernel decides where and how the thread runs
   * (a user-level thread, a kernel thread, a process); the body makes calls through `call`.
   */
  startClient(index: number, body: (call: CallFn) => Body<void>): void;
  /** Side names used in the breakdown, in display order. */
  sides?: string[];
  /**
   * Its scheduling period in cycles when a clock slices time: from the start, every timeslice
   * boundary (and every periodic scan of the clock) falls within it once. The warm-up lasts at
   * least this long, so the measured window starts in steady state. 0 or absent: no time slicing.
   */
  schedulingPeriodCycles?: number;
}

/** The values a run parameter may take on a kernel, and why ({}: any value within the general bounds). */
export interface ParamRange {
  min?: number;
  max?: number;
  /** The only values allowed. */
  only?: readonly number[];
  /** Why, as the error message's tail (with a range). */
  why?: string;
}

export interface KernelDef {
  id: string;
  title: string;
  /** One line with the paper section it models. */
  describe: string;
  /** The id of the registered paper it comes from (workloads' paper registry; a test checks it). */
  paper: string;
  /** The ISA its path lengths are counted in; on a machine of another ISA they are ported (sim/hw/porting.ts). */
  isa: Isa;
  supports: Capability[];
  /** The kinds of request its client threads may make. */
  requests: readonly RequestKind[];
  /** Whether it boots the servers a workload names (Topology). */
  namedServers?: boolean;
  /** Defaults of run parameters that depend on the machine (URPC's -S 0 on a uniprocessor), over the usual ones. */
  defaults?(sys: { machineId: string; processors: number }): Partial<RunParams>;
  /**
   * The run parameters it (with its workloads) reads, each with its range. A parameter it does not
   * list may only be left at its default: a value given for it would be ignored, so the run is
   * refused (and a sweep over it, instead of yielding identical rows).
   */
  params: Partial<Record<keyof RunParams, ParamRange>>;
  options: OptionSpec[];
  /** Row labels of the paper's breakdown tables its steps carry, by table name, in the paper's order. */
  breakdowns?: Readonly<Record<string, readonly string[]>>;
  /** Constants of its interface or its paths that claims cite (register counts, message limits, path lengths), by name. */
  facts?: Readonly<Record<string, number>>;
  /** Why these parameters, options or this machine cannot run, beyond the declared ranges (a message), or null. */
  check?(sys: { machineId: string; processors: number }, params: RunParams, opts: KernelOptions): string | null;
  boot(sys: System, params: RunParams, opts: KernelOptions, topology?: Topology): KernelInstance;
}

const FLAGS: Record<keyof RunParams, string> = { T: '-T', C: '-C', S: '-S', clients: '--clients', bytes: '--bytes' };

/** The one check of a run against a kernel's declared ranges, then its own check; a message or null. */
export function checkRun(k: KernelDef, sys: { machineId: string; processors: number }, params: RunParams, opts: KernelOptions): string | null {
  for (const [name, r] of Object.entries(k.params) as [keyof RunParams, ParamRange][]) {
    if (r.only === undefined && r.min === undefined && r.max === undefined) continue;
    const v = params[name];
    const allowed = r.only ? r.only.join(' or ') : r.max === undefined ? `>= ${r.min}` : r.min === undefined ? `<= ${r.max}` : r.min === r.max ? `${r.min}` : `${r.min} to ${r.max}`;
    const bad = (r.only && !r.only.includes(v)) || (r.min !== undefined && v < r.min) || (r.max !== undefined && v > r.max);
    if (bad) return `kernel ${k.id} takes ${FLAGS[name]} ${allowed}, got ${FLAGS[name]} ${v}${r.why ? `: ${r.why}` : ''}`;
  }
  return k.check?.(sys, params, opts) ?? null;
}

/** The bytes a call carries, for kernels that take calls only (the shared check keeps other kinds away). */
export function callBytes(kernel: string, req: Request): number {
  if (req.kind !== 'call') throw new Error(`${kernel} takes calls only, not ${req.kind} requests`);
  return req.bytes;
}

/** Why a kernel cannot take a request of this kind (a message), or null. */
export function requestProblem(k: KernelDef, kind: RequestKind): string | null {
  return k.requests.includes(kind) ? null : `kernel ${k.id} takes ${k.requests.join(' and ')} requests, not ${kind}`;
}
