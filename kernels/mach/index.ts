// Mach 3.0 RPC, unoptimised, with the server out of the kernel (Lepreau et al. 1993, §4.3 Table 1
// and §4.4 Table 3): MIG stubs, mach_msg_trap, message copyin and copyout, red tape and the context
// switch, described as machine-independent work so it runs on any machine.

import type { KernelDef, KernelInstance, KernelOptions, RunParams } from '../kernel.js';
import type { System } from '../../sim/os/index.js';
import { bootRpc } from './boot.js';

export const mach: KernelDef = {
  id: 'mach',
  title: 'Mach 3.0 RPC, server out of the kernel (NMK13)',
  describe: 'unoptimised Mach 3.0 RPC through MIG stubs and mach_msg_trap, 21 stages of inks Table 1 (§4.3)',
  paper: 'inks',
  supports: ['rpc'],
  options: [
    { name: 'instrumented', type: 'boolean', default: false, description: 'take the Table 1 test timestamps at every stage (inks §4.3-4.4)' },
  ],
  check(_m, p) {
    if (p.T !== 1) return `mach runs one client thread calling one server thread; got -T ${p.T}`;
    return null;
  },
  boot(sys: System, params: RunParams, opts: KernelOptions): KernelInstance {
    return bootRpc(sys, params, { serverInKernel: false, instrumented: opts.instrumented === true }).inst;
  },
};
