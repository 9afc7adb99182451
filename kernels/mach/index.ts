// Mach 3.0 RPC, unoptimised, with the server out of the kernel (Lepreau et al. 1993, §4.3 Table 1
// and §4.4 Table 3): MIG stubs, mach_msg_trap, message copyin and copyout, red tape and the context
// switch, described as machine-independent work so it runs on any machine. The paths are the
// Mach library's (sim/os/mach), which the in-kernel servers (kernels/inks) extend.

import { bootRpc, SIDES } from '../../sim/os/mach/boot.js';
import { machRequest } from '../../sim/os/mach/ops.js';
import { RPC_STAGES } from '../../sim/os/mach/stages.js';
import type { KernelDef } from '../kernel.js';

export const mach: KernelDef = {
  id: 'mach',
  title: 'Mach 3.0 RPC, server out of the kernel (NMK13)',
  describe: 'unoptimised Mach 3.0 RPC through MIG stubs and mach_msg_trap, 21 stages of inks Table 1 (§4.3)',
  paper: 'inks',
  // Home ISA: path lengths counted on the HP 9000/730 (inks §4).
  isa: 'pa-risc',
  supports: ['rpc'],
  requests: ['call', 'system'],
  params: { T: { only: [1], why: 'one client thread calling one server thread' }, bytes: {} },
  options: [
    { name: 'instrumented', type: 'boolean', default: false, description: 'take the Table 1 test timestamps at every stage (inks §4.3-4.4)' },
  ],
  breakdowns: { 'inks-table1': RPC_STAGES },
  boot(sys, params, opts) {
    const rpc = bootRpc(sys, params.bytes, { serverInKernel: false, instrumented: opts.instrumented === true });
    return {
      sides: SIDES,
      startClient: (_i, body) => rpc.startClient(body((req) => rpc.call(machRequest('mach', req)))),
    };
  },
};
