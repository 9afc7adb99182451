// The workload interface: an experiment shape that drives a booted kernel and says what it measured.
// A workload runs on every kernel that takes the kind of request it makes (and boots the servers it
// names, when it names any).

import type { System } from '../sim/os/index.js';
import type { KernelInstance, KernelDef, KernelOptions, RequestKind, RunParams, Topology } from '../kernels/kernel.js';
import type { LoopOutcome } from './common/closed-loop.js';

export interface WorkloadDef {
  id: string;
  title: string;
  /** Kernels it runs on, for listing; undefined: every kernel that takes its requests. */
  kernels?: string[];
  /** The kind of request its client threads make. */
  requests: RequestKind;
  /** The client and servers it calls by name (the kernel boots them). */
  topology?: Topology;
  /** Spawn the workload's processes; the returned outcome is filled in as the run goes. */
  start(sys: System, k: KernelInstance, p: RunParams, o: { calls: number; warmup: number; minWarmupCycles?: number }): LoopOutcome;
  runsOn(k: KernelDef): boolean;
  /** Why it cannot run with these kernel options or call counts (one line naming the flag), or null. */
  check?(k: KernelDef, opts: KernelOptions, run: { calls: number; warmup: number }): string | null;
}

/** Whether kernel k takes workload w's requests (and boots the servers it names). */
export function takes(k: KernelDef, requests: RequestKind, topology?: Topology): boolean {
  return k.requests.includes(requests) && (topology === undefined || k.namedServers === true);
}
