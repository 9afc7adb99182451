// The workload registry: one entry per experiment shape; paper folders add theirs.

import { takes, type WorkloadDef } from './workload.js';
import { closedLoop } from './common/closed-loop.js';
import { inksWorkloads } from './inks/workloads.js';
import { urpcWorkloads } from './urpc/workloads.js';

export const nullRpc: WorkloadDef = {
  id: 'null-rpc',
  title: 'null cross-address-space call in a closed loop (every client thread calls again at once)',
  requests: 'call',
  start: (sys, k, p, o) => closedLoop(sys, k, p, o),
  runsOn: (k) => takes(k, 'call'),
};

export const machThreadSelf: WorkloadDef = {
  id: 'mach-thread-self',
  title: 'Mach mach_thread_self system calls in a closed loop (l3 §5.6)',
  kernels: ['mach'],
  requests: 'system',
  start: (sys, k, p, o) => closedLoop(sys, k, p, { ...o, request: { kind: 'system', call: 'mach:thread-self' } }),
  runsOn: (k) => k.id === 'mach',
};

export const workloads: readonly WorkloadDef[] = [nullRpc, ...inksWorkloads, ...urpcWorkloads, machThreadSelf];

export function findWorkload(id: string): WorkloadDef | undefined {
  return workloads.find((w) => w.id === id);
}
