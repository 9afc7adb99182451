// The 21 stages of a Mach 3.0 RPC (inks Table 1) as labels, and the path length of each stage's
// fixed part in instructions. The lengths are PA-RISC path lengths calibrated from Table 1 on the
// HP 9000/730, where a cached instruction of these classes takes one cycle:
//   path length = Table 1 cycles - 4 (the test's timestamp, two in stage 1)
//                 - the stage's argument work (bytes copied at 1 cycle/byte, bcopy start-up,
//                   descriptors) in the Table 1 test (one 128-byte InOut argument)
//                 - the HP's trap (5), return (5) and context load (4) cycles.
// What varies with the arguments is not in these numbers: it is added per argument in rpc.ts.

export const RPC_STAGES = [
  '1. Procedure call to MIG stub',
  '2. Stub operations before mach_msg_trap call',
  '3. Call to mach_msg_trap, trap into kernel',
  '4. mach_msg_trap operations before message copyin',
  '5. Copyin message to kernel address space',
  '6. Red tape (request, sender side)',
  '7. Context switch from client task to server task',
  '8. Red tape (request, receiver side)',
  '9. Copyout message to server, trap return, MIG demux',
  '10. Server MIG stub processing before work function',
  '11. Null work function (just returns)',
  '12. Server MIG stub processing after work function',
  '13. Server call to mach_msg_trap, trap into kernel',
  '14. mach_msg_trap operations before message copyin',
  '15. Copyin reply message to kernel address space',
  '16. Red tape (reply, sender side)',
  '17. Context switch from server task to client task',
  '18. Red tape (reply, receiver side)',
  '19. Copyout reply message to client, trap return',
  '20. Client stub operations after mach_msg_trap call',
  '21. Procedure return from MIG stub to client',
] as const;

export type RpcStage = (typeof RPC_STAGES)[number];

/** Suffix of the step that holds a stage's copying, so argument copying can be read apart. */
export const COPY_SUFFIX = ' / copy';

/** Fixed path lengths in instructions (see the header for the arithmetic; Table 1 cycles in brackets). */
export const RPC_PATH = {
  /** [24] call, frame and register saves: 24 - 8. */
  callStub: 16,
  /** [199] header, reply port (mig_get_reply_port), option set-up: 199 - 4 - (128 + 10 + 2). */
  stubBefore: 55,
  /** [350] gateway entry and dispatch, besides the 48-word state save: 350 - 4 - 5 - 48. */
  trapEntry: 293,
  /** Registers a trap saves and a return restores (guess: 32 general, 8 space and 8 control registers). */
  savedWords: 48,
  /** [18] option decoding: 18 - 4. */
  beforeCopyin: 14,
  /** [205] copyin's own work besides the 156 bytes of the test's request: 205 - 4 - 156. */
  copyinRequest: 45,
  /** [159] port name lookups, reply right, locks: 159 - 4. */
  redTapeSend: 155,
  /** [178] thread switch besides loading the space: 178 - 4 - 4. */
  contextSwitch: 170,
  /** [122] receiver's red tape: 122 - 4. */
  redTapeReceive: 118,
  /** [443] copyout's work, return path and MIG demux besides the restore: 443 - 4 - 156 - 5 - 48. */
  copyoutReturnDemux: 230,
  /** [404] the same for a server in the kernel, which returns into kernel mode: 404 - 4 - 156 - 48. */
  copyoutReturnDemuxInKernel: 196,
  /** [19] server stub before the work function, besides checking the argument's descriptor: 19 - 4 - 4. */
  serverBefore: 11,
  /** [17] a null work function: 17 - 4. */
  work: 13,
  /** [172] reply header and RetCode, besides the InOut copy and descriptor: 172 - 4 - (128 + 10 + 2). */
  serverAfter: 28,
  /** [378] the server's trap into the kernel, besides the state save: 378 - 4 - 5 - 48. */
  serverTrapEntry: 321,
  /** [304] the lighter kernel-to-kernel entry of an in-kernel server (inks §3.2), no trap: 304 - 4 - 48. */
  serverTrapEntryInKernel: 252,
  /** [211] copyin's work besides the 164 bytes of the test's reply: 211 - 4 - 164. */
  copyinReply: 43,
  /** [144] reply red tape, sender side: 144 - 4. */
  redTapeReplySend: 140,
  /** [90] reply red tape, receiver side: 90 - 4. */
  redTapeReplyReceive: 86,
  /** [364] copyout's work and return besides the restore: 364 - 4 - 164 - 5 - 48. */
  copyoutReturn: 143,
  /** [172] client stub after the trap, besides the InOut copy and descriptor check: 172 - 4 - (128 + 10 + 4). */
  stubAfter: 26,
  /** [17] return to the caller: 17 - 4. */
  returnStub: 13,
  /** MIG stub work per argument: store its descriptor (guess: load a constant, store). */
  putDescriptor: 2,
  /** MIG stub work per received argument: check its descriptor (guess: load, compare, branch, load count). */
  checkDescriptor: 4,
  /**
   * Messages up to IKM_SAVED_KMSG_SIZE fit the kernel message buffer kept cached per processor;
   * larger ones are allocated with kalloc and freed after copyout (Mach 3.0 ipc_kmsg.h, ikm_cache).
   */
  savedKmsgBytes: 256,
  /** guess: a kalloc (zone allocation under a simple lock) of about 75 instructions. */
  kalloc: 75,
  /** guess: the matching kfree, about 75 instructions. */
  kfree: 75,
  /** A timestamp of the instrumented test (guess: mfctl CR16, index, store, bump). */
  timestamp: 4,
} as const;

/**
 * The kernel's copyin and copyout routines' own work per call (fault recovery set-up, space and
 * range checks), besides the bytes: calibrated from inks Table 2 stages 7 and 9 (232 and 229
 * cycles for 128 bytes): 232 - 4 - 10 - 128 = 90 and 229 - 4 - 10 - 128 = 87, taking 10 of each
 * stage for the KMIG stub itself (guess).
 */
export const KERNEL_COPY = { copyin: 90, copyout: 87 } as const;
