// The workload registry: one entry per experiment shape; paper folders add theirs.

import type { WorkloadDef } from './workload.js';
import { closedLoop } from './common/closed-loop.js';
import { inksWorkloads } from './inks/workloads.js';
import { urpcWorkloads } from './urpc/workloads.js';

export const nullRpc: WorkloadDef = {
  id: 'null-rpc',
  title: 'null cross-address-space call in a closed loop (every client thread calls again at once)',
  start: (sys, k, p, o) => closedLoop(sys, k, p, o),
  runsOn: (k) => k.supports.includes('rpc'),
};

export const workloads: readonly WorkloadDef[] = [nullRpc, ...inksWorkloads, ...urpcWorkloads];

export function findWorkload(id: string): WorkloadDef | undefined {
  return workloads.find((w) => w.id === id);
}
