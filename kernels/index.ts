// The kernel registry: one import line per kernel folder. A test checks that every folder in
// kernels/ is registered here.

import type { KernelDef } from './kernel.js';
import { l3 } from './l3/index.js';

export const kernels: readonly KernelDef[] = [l3];

export function findKernel(id: string): KernelDef | undefined {
  return kernels.find((k) => k.id === id);
}
