// LRPC (Bershad et al. 1990) on the C-VAX Firefly as the URPC paper describes it (§1, §5.5): the
// client's kernel thread calls a stub, traps, and the kernel reallocates its processor to the
// server, where it runs the procedure on a pair-wise shared argument stack; the return crosses
// back the same way. Two kernel invocations and two reallocations per call, no scheduling decision.

import type { Body } from '../../sim/engine/index.js';
import { CodeArea, vaxInstructions, copy, instr, read, step, type Step } from '../../sim/hw/index.js';
import type { KernelDef, KernelInstance, KernelOptions, RunParams } from '../kernel.js';
import type { System } from '../../sim/os/index.js';
import { runSteps } from '../../sim/os/handoff.js';
import { KERNEL_INSTRUCTIONS, crossing, kernelPages } from '../../sim/os/firefly/crossing.js';

export const lrpc: KernelDef = {
  id: 'lrpc',
  title: 'LRPC (Bershad et al. 1990)',
  describe: 'kernel-mediated lightweight RPC: the client thread crosses into the server on a shared A-stack (urpc §1, §5.5)',
  paper: 'urpc',
  // Home ISA: path lengths counted in C-VAX instructions at the Firefly's average instruction time (urpc §4).
  isa: 'vax',
  supports: ['rpc'],
  requests: ['call'],
  params: { T: {}, C: { min: 1, why: 'each client thread runs on its own processor' }, bytes: {} },
  options: [],
  check(m, p) {
    if (p.T > p.C) return `lrpc runs each client thread on its own processor: -T ${p.T} needs -C ${p.T} or more`;
    if (p.C > m.processors) return `lrpc: -C ${p.C} exceeds the ${m.processors} processors of ${m.machineId}`;
    return null;
  },
  boot(sys: System, params: RunParams, _opts: KernelOptions): KernelInstance {
    const kp = kernelPages(sys);
    const client = sys.hw.space('client');
    const server = sys.hw.space('server');
    const pages = Math.max(1, Math.ceil((256 + params.bytes) / sys.machine.pageBytes));
    const astack = client.page('A-stack', pages);
    const sAstack = server.share('A-stack', astack);
    const cStack = client.page('client stack', pages);
    const cCode = new CodeArea(client.page('client stub code'), 3);
    const sCode = new CodeArea(server.page('server stub code'), 3);
    const call: Step[] = [
      step('stub', [...vaxInstructions(KERNEL_INSTRUCTIONS.stubCall), read(cStack, 0, 8)], cCode),
      ...(params.bytes > 0 ? [step('stub', [instr('copyStartup'), copy(params.bytes, cStack, astack, 256, 0)], cCode)] : []),
      ...crossing(kp, server, { trap: 'trap', reallocate: 'reallocate', enter: 'return to user' }, sAstack),
      // The server stub takes its arguments straight off the A-stack: no copy.
      step('server stub', [read(sAstack, 0, 8)], sCode),
      ...crossing(kp, client, { trap: 'trap', reallocate: 'reallocate', enter: 'return to user' }, astack),
    ];
    const side = (s: Step) => (s.label === 'stub' ? 'client' : s.label === 'server stub' ? 'server' : 'kernel');
    const sides = call.map(side);
    return {
      sides: ['client', 'kernel', 'server'],
      startClient(i, body) {
        const cpu = sys.cpus[i];
        cpu.load(client);
        const fn = (): Body<void> => runSteps(sys, cpu, call, sides, `client thread ${i + 1}`);
        sys.sim.spawn(body(fn), `client thread ${i + 1}`);
      },
    };
  },
};
