// The kernel registry: one import line per kernel folder (a folder may define several kernels).
// A test checks that every folder in kernels/ is registered here.

import type { KernelDef } from './kernel.js';
import { l3 } from './l3/index.js';
import { urpc } from './urpc/index.js';
import { lrpc } from './lrpc/index.js';
import { taos } from './taos/index.js';
import { srcRpc } from './src-rpc/index.js';
import { mach } from './mach/index.js';
import { inks } from './inks/index.js';
import { sysv } from './sysv/index.js';
import { bss } from './bss/index.js';
import { bsw } from './bsw/index.js';
import { bswy } from './bswy/index.js';
import { bsls } from './bsls/index.js';

export const kernels: readonly KernelDef[] = [l3, urpc, lrpc, taos, srcRpc, mach, ...inks, sysv, bss, bsw, bswy, bsls];

export function findKernel(id: string): KernelDef | undefined {
  return kernels.find((k) => k.id === id);
}
