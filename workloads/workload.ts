// The workload interface: an experiment shape that drives a booted kernel and says what it measured.

import type { System } from '../sim/os/index.js';
import type { KernelInstance, KernelDef, KernelOptions, RunParams } from '../kernels/kernel.js';
import type { LoopOutcome } from './common/closed-loop.js';

export interface WorkloadDef {
  id: string;
  title: string;
  /** Kernels it runs on; undefined: every kernel that supports rpc. */
  kernels?: string[];
  /** Spawn the workload's processes; the returned outcome is filled in as the run goes. */
  start(sys: System, k: KernelInstance, p: RunParams, o: { calls: number; warmup: number; minWarmupCycles?: number }): LoopOutcome;
  runsOn(k: KernelDef): boolean;
  /** Why it cannot run with these kernel options or call counts (one line naming the flag), or null. */
  check?(k: KernelDef, opts: KernelOptions, run: { calls: number; warmup: number }): string | null;
}
