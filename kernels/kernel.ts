// The kernel interface: what every IPC system in kernels/ implements. A kernel lays out address
// spaces, threads and channels on a booted System and offers a synchronous cross-address-space
// call; workloads drive it only through this interface.

import type { Body } from '../sim/engine/index.js';
import type { System } from '../sim/os/index.js';

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

export interface Request {
  /** Bytes of arguments (and of the reply, for a ping-pong). */
  bytes: number;
  /** Which procedure or system call, for kernels that distinguish them. */
  op?: string;
}

/** Makes one synchronous call on behalf of the client thread it was made for. */
export type CallFn = (req: Request) => Body<void>;

export interface KernelInstance {
  /**
   * Start client thread `index` of the workload. The kernel decides where and how the thread runs
   * (a user-level thread, a kernel thread, a process); the body makes calls through `call`.
   */
  startClient(index: number, body: (call: CallFn) => Body<void>): void;
  /** Side names used in the breakdown, in display order. */
  sides?: string[];
}

export interface KernelDef {
  id: string;
  title: string;
  /** One line with the paper section it models. */
  describe: string;
  paper: 'urpc' | 'l3' | 'inks' | 'sleepwake';
  supports: Capability[];
  options: OptionSpec[];
  /** Why these parameters or this machine cannot run (a message), or null. */
  check?(sys: { machineId: string; processors: number }, params: RunParams, opts: KernelOptions): string | null;
  boot(sys: System, params: RunParams, opts: KernelOptions): KernelInstance;
}
