// The 12 stages of a trap to an in-kernel server (inks Table 2) and the path length of each
// stage's fixed part, calibrated from Table 2 on the HP 9000/730 as the RPC stages are from Table 1
// (one cycle per cached instruction): path length = Table 2 cycles - 4 (timestamp, two in stage 1)
// - the argument work of the test (one 128-byte InOut argument: a copyin and a copyout of 128
// bytes at 1 cycle/byte, two call words) - the HP's trap (5) and return (5) cycles.

import { KERNEL_COPY } from '../../sim/os/mach/stages.js';

export const TRAP_STAGES = [
  '1. Procedure call to user stub',
  '2. Trap into kernel, recognize the trap as INKS',
  '3. Port, task, and trap entrypoint lookups',
  '4. Find and allocate a service stack',
  '5. Switch stacks, change task context',
  '6. Call server stub',
  '7. Server stub processing before work function (copyin)',
  '8. Null work function (just returns)',
  '9. Server stub processing after work function (copyout)',
  '10. Return from server stub to kernel',
  '11. Deallocate stack and return from trap',
  '12. Procedure return from user stub to client',
] as const;

export const TRAP_PATH = {
  /** [24] 24 - 8. */
  callStub: 16,
  /** [213] trap number decode and the INKS range test, besides the 48-word state save: 213 - 4 - 5 - 48. */
  trapEntry: 156,
  /** [116] port name to ipc_port, its task, the trap table and entry: 116 - 4. */
  lookups: 112,
  /** [22] pop a stack from the server's pool: 22 - 4. */
  allocStack: 18,
  /** [92] switch stacks, set the task pointer, besides copying the two call words (8 bytes): 92 - 4 - 8. */
  switchStacks: 80,
  /** [29] 29 - 4. */
  callServerStub: 25,
  /** [232] KMIG stub prologue with no arguments (guess: 10 of the 228). */
  stubBefore: 10,
  /** [232] a copyin call's own work (fault recovery, space checks): 232 - 4 - 10 - 128. */
  copyin: KERNEL_COPY.copyin,
  /** [20] 20 - 4. */
  work: 16,
  /** [229] KMIG stub epilogue with no arguments (guess: 10 of the 225). */
  stubAfter: 10,
  /** [229] a copyout call's own work: 229 - 4 - 10 - 128. */
  copyout: KERNEL_COPY.copyout,
  /** [17] 17 - 4. */
  returnToKernel: 13,
  /** [163] restore the task pointer, free the stack, besides the 48-word restore: 163 - 4 - 5 - 48. */
  trapReturn: 106,
  /** [17] 17 - 4. */
  returnStub: 13,
  /** The trap's state save (the same 48 words as Mach's). */
  savedWords: 48,
} as const;
