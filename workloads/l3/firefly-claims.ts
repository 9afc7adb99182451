// The L3 paper's comparisons with the Firefly RPC systems (§2, Table 2): LRPC's null call on the
// C-VAX Firefly, LRPC against SRC RPC, and L3 against LRPC. They run the simulator's LRPC and
// SRC RPC kernels on the Firefly model; the SRC RPC rows of Table 2 are registered with those kernels.

import { findKernel } from '../../kernels/index.js';
import type { Claim, Scale } from '../claims.js';
import { claim } from './claim-kit.js';
import { pingPong } from './experiments.js';

/** A null RPC round trip in µs on a kernel and machine. */
const nullRpc = (s: Scale, kernel: string, machine: string) => {
  if (!findKernel(kernel)) throw new Error(`no ${kernel} kernel is registered`);
  return 2 * pingPong(s, { bytes: 0, kernel, machine }).ipcUs;
};

export const fireflyClaims: Claim[] = [
  claim('l3.table2.lrpc_cvax', {
    source: 'Table 2: LRPC null RPC on the C-VAX Firefly',
    conditions: 'firefly-cvax, lrpc, null call, one client thread',
    expected: 157,
    unit: 'us',
    role: 'predicted',
    experiment: 'l3-lrpc-null',
    measure: (s) => nullRpc(s, 'lrpc', 'firefly-cvax'),
    note: 'the same figure as the LRPC and URPC papers\' 157 µs; the LRPC kernel is built from their primitives',
  }),
  claim('l3.s2.lrpc_vs_src', {
    source: '§2: LRPC "achieves its good performance (3 times faster than SRC RPC)"',
    conditions: 'firefly-cvax null call: SRC RPC\'s time over LRPC\'s',
    expected: 3,
    unit: 'ratio',
    tolerancePct: 10,
    role: 'predicted',
    experiment: 'l3-lrpc-null',
    measure: (s) => nullRpc(s, 'src-rpc', 'firefly-cvax') / nullRpc(s, 'lrpc', 'firefly-cvax'),
    note: 'Table 2 gives 464 / 157 = 2.96',
  }),
  claim('l3.s2.faster_than_lrpc', {
    source: '§2: "our technique ... performs significantly faster than LRPC (see table 2)"',
    conditions: 'null RPC: L3 on the i486-dx50 and on the i386-20 against LRPC on the C-VAX Firefly',
    expected: null,
    unit: 'shape',
    role: 'predicted',
    experiment: 'l3-lrpc-null',
    measure: (s) => {
      const lrpc = nullRpc(s, 'lrpc', 'firefly-cvax');
      return nullRpc(s, 'l3', 'i486-dx50') < lrpc / 5 && nullRpc(s, 'l3', 'i386-20') < lrpc / 2;
    },
  }),
];
