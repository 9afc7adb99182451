// SRC RPC (Schroeder & Burrows) between two address spaces on one Firefly, at the fidelity the
// URPC and L3 papers allow: they give only its null-call time (464 µs on the C-VAX Firefly, 937 µs
// on the MicroVAX II one). Assumed structure, after URPC §3.3: the client's kernel thread hands the
// call to a server kernel thread through the Taos scheduler (a signal and a wait each way, as in
// Table I's PINGPONG), each hand-off reallocating the processor (55 µs, §2), around the RPC runtime
// (general stubs, marshalling, buffer management) whose length is the one fitted number.

import type { Body } from '../../sim/engine/index.js';
import { CodeArea, vaxInstructions, instr, loadContext, read, rti, step, trap, write, type Page, type Space, type Step } from '../../sim/hw/index.js';
import { FASTTHREADS_INSTRUCTIONS } from '../../sim/os/fastthreads.js';
import type { KernelDef, KernelInstance, KernelOptions, RunParams } from '../kernel.js';
import type { System } from '../../sim/os/index.js';
import { runSteps } from '../../sim/os/handoff.js';
import { KERNEL_INSTRUCTIONS, kernelPages } from '../../sim/os/firefly/crossing.js';
import { TAOS_INSTRUCTIONS } from '../../sim/os/firefly/taos.js';

/**
 * calibrated: the RPC runtime's instructions per side (stubs, marshalling, packet buffers), fitted
 * so the null call takes urpc/LRPC's 464 µs on the C-VAX Firefly; split evenly between client and
 * server (a guess).
 */
export const SRC_RPC_RUNTIME_INSTRUCTIONS = 74;

export const srcRpc: KernelDef = {
  id: 'src-rpc',
  title: 'SRC RPC (Schroeder & Burrows), local calls',
  describe: 'Firefly RPC between address spaces through kernel threads and message buffers (urpc §5.5, Schroeder and Burrows)',
  paper: 'urpc',
  // Home ISA: path lengths counted in C-VAX instructions at the Firefly's average instruction time (urpc §4).
  isa: 'vax',
  supports: ['rpc'],
  requests: ['call'],
  params: { T: { only: [1], why: 'one client thread' } },
  options: [],
  boot(sys: System, _params: RunParams, _opts: KernelOptions): KernelInstance {
    const kp = kernelPages(sys);
    const client = sys.hw.space('client');
    const server = sys.hw.space('server');
    const buffers = sys.hw.kernel.page('RPC packet buffers');
    const threads = sys.hw.kernel.page('kernel thread objects');
    const t = TAOS_INSTRUCTIONS;
    const f = FASTTHREADS_INSTRUCTIONS;
    const half = (from: Space, to: Space, runtime: Page, who: string): Step[] => {
      const code = new CodeArea(from === client ? client.page('RPC runtime code', 2) : server.page('RPC runtime code', 2), 3);
      return [
        step(`${who} runtime`, [...vaxInstructions(SRC_RPC_RUNTIME_INSTRUCTIONS), read(runtime, 0, 32), write(runtime, 64, 32)], code),
        step('trap', [trap(), write(buffers, 0, 32)], kp.code),
        step('signal', [...vaxInstructions(t.signal + f.enqueue), write(threads, 0, 8)], kp.code),
        step('wait', [...vaxInstructions(t.wait + f.save + f.dequeue), write(threads, 64, 40)], kp.code),
        step('reallocate', [...vaxInstructions(KERNEL_INSTRUCTIONS.reallocation), loadContext(to)], kp.code),
        step('return to user', [...vaxInstructions(f.restore), read(threads, 128, 40), rti()], kp.code),
      ];
    };
    const cStack = client.page('client stack');
    const sStack = server.page('server stack');
    const call: Step[] = [
      step('stub', [...vaxInstructions(f.procedureCall), read(cStack, 0, 8)], new CodeArea(client.page('client stub code'), 3)),
      ...half(client, server, cStack, 'client'),
      ...half(server, client, sStack, 'server'),
    ];
    const sides = call.map((s) => (s.label.startsWith('server') ? 'server' : s.label.startsWith('client') || s.label === 'stub' ? 'client' : 'kernel'));
    return {
      sides: ['client', 'kernel', 'server'],
      startClient(i, body) {
        const cpu = sys.cpus[0];
        cpu.load(client);
        const fn = (): Body<void> => runSteps(sys, cpu, call, sides, `client thread ${i + 1}`);
        sys.sim.spawn(body(fn), `client thread ${i + 1}`);
      },
    };
  },
};
