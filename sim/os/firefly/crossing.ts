// The Firefly kernel's cross-address-space primitives as URPC §1, §2 and §5.5 decompose them: a
// protected kernel invocation (CHMK in, REI out: 20 µs) and a processor reallocation (changing the
// mapping registers and moving the processor between address spaces: 55 µs without the long-term
// cache and TLB cost, which the machine's TLB and caches add by themselves). LRPC is a procedure
// call into a stub plus two such crossings; URPC's Processor.Donate is a crossing built on LRPC
// with an upcall into the receiving address space's runtime.

import { CodeArea, vaxInstructions, instr, loadContext, read, rti, step, trap, write, type Page, type Space, type Step } from '../../hw/index.js';
import type { System } from '../index.js';

/** Instruction counts at the C-VAX's 0.72 µs per instruction (machines/firefly-cvax.ts). */
export const KERNEL_INSTRUCTIONS = {
  /** urpc Table I PROCEDURE CALL 7 µs = 10 instructions: the call into the client stub and its return. */
  stubCall: 10,
  /**
   * urpc §2: "reallocating the processor from one address space to another on the C-VAX takes
   * about 55 µs" = 611 cycles: the context load (machine's loadContext) plus 74 instructions of
   * binding validation, linkage, stack switch and register state.
   */
  reallocation: 74,
  /**
   * calibrated: urpc §5.5 "The overhead of LRPC-based processor reallocation is 180 µs" per round
   * trip, 90 µs each way, measured on the machine with whatever TLB refills it incurred. Less a trap
   * (20 µs) and a reallocation (55 µs) that leaves 15 µs = 21 instructions of upcall into the
   * receiving runtime; the TLB refill the model counts on this path (one process-space page each
   * way, about 2.5 instructions' worth) comes out of it, leaving 18.
   */
  donateUpcall: 18,
} as const;

/** Kernel pages every crossing touches: code, binding objects, linkage records. */
export interface KernelPages {
  code: CodeArea;
  bindings: Page;
  linkage: Page;
}

export function kernelPages(sys: System): KernelPages {
  const k = sys.hw.kernel;
  return {
    code: new CodeArea(k.page('kernel crossing code', 2), 3),
    bindings: k.page('binding objects'),
    linkage: k.page('linkage records'),
  };
}

/**
 * One crossing from the current address space into `to`: trap, reallocate the processor (the
 * context load is where the TLB loses the old space), return into `to` at `entry`.
 */
export function crossing(kp: KernelPages, to: Space, label: { trap: string; reallocate: string; enter: string }, stack: Page): Step[] {
  return [
    step(label.trap, [trap(), write(kp.linkage, 0, 8)], kp.code),
    step(label.reallocate, [...vaxInstructions(KERNEL_INSTRUCTIONS.reallocation), read(kp.bindings, 0, 16), write(kp.linkage, 8, 16), loadContext(to)], kp.code),
    step(label.enter, [rti(), read(stack, 0, 8)], kp.code),
  ];
}

/** Processor.Donate as URPC builds it on LRPC: a crossing plus the upcall into the receiving runtime. */
export function donatePath(kp: KernelPages, to: Space, runtimeStack: Page): Step[] {
  const [t, r, e] = crossing(kp, to, { trap: 'donate: trap', reallocate: 'donate: reallocate', enter: 'donate: upcall' }, runtimeStack);
  const upcall = step('donate: upcall', [...vaxInstructions(KERNEL_INSTRUCTIONS.donateUpcall), read(kp.linkage, 8, 8)], kp.code);
  return [t, r, upcall, e];
}
