// Mach 3.0's own path on the i386 (l3 §5.6, §6, Table 2, Table 7 measure it on 486s): the
// instructions of a mach_msg RPC and of a Mach system call, counted from public source rather than
// taken from the PA-RISC path of the in-kernel-server paper. Each piece is a count of the
// simulator's instruction classes with the file and function it was counted from.
//
// Trees read: CMU Mach 3.0 of 1993, the year and line of the kernel Liedtke measured (he names
// NORMA MK13; the tree read is of the MK80-MK83 releases: i386/locore.s revision 2.25 of 93/05/10,
// i386/spl.s revision 2.9 of 93/02/04, ipc/mach_msg.c revision 2.21 of 93/03/09 with CONTINUATIONS
// and NORMA_IPC, kern/ipc_sched.c, i386/pcb.c: stack_handoff, switch_ktss, fpu_save_context), for
// every piece below; and GNU Mach (i386/i386/locore.S), the CMU kernel's descendant, only where
// its text is the same. The 1993 locore differs from GNU Mach's
// where it matters to the count: the kernel's data segment spans the user's space, so the argument
// copy, copyinmsg and copyoutmsg load no segment register (GNU Mach loads fs, ds or es in each); and
// copyoutmsg is copyout, which walks the receiver's page directory and page table before every
// page it writes (the 386 ignores write protection in supervisor mode, and this copyout does it on
// the 486 too).
//
// How C was turned into instructions: the fast path of mach_msg_trap (fast_get, fast_copyin,
// fast_send_receive, fast_copyout, fast_put, one function per direction), thread_handoff,
// stack_handoff and switch_ktss were re-typed with their macros (uniprocessor: simple locks
// compile to nothing, as the source says) and compiled with gcc 12 -m32 -O2 -fomit-frame-pointer;
// the instructions on the executed path of a one-to-one ping-pong (the slow exits moved out as
// cold calls) were counted and classified by operand: a move from memory is a load, to memory a
// store, a push a store (a push of a memory operand a load and a store), an ALU operation on
// memory a load, an ALU operation and a store, a compare with a memory operand `cmpm`. The request
// path compiles to 213 instructions for about 100 C statements and the reply path to 178 for
// about 84: 2.1 instructions per statement. A 1993 compiler (gcc 1.x / 2.x) would give somewhat
// more; nothing here is scaled for it.
//
// Instructions the vocabulary has no class for are priced by their nearest class, each noted:
// PUSHA / POPA (11 / 9 clocks on the i486) as 8 stores / 8 loads; CLD, CLI and STI (2, 5 and 5
// clocks) as ALU operations; MOV CR0,reg (16 clocks in MAME's i486 table) as the control-register
// load the vocabulary has (loadContext, MOV CR3: 4 clocks); LLDT (11 clocks) as a segment load
// (9); the call gate (CALL through a gate to an inner level, no parameters: 69 clocks on the
// i486, HelpPC's CALL table) as the trap class (INT to an inner level, 71). Together about 30
// i486 clocks per direction, 60 per round trip (1.2 µs at 50 MHz), are left out this way. The 1993
// copy routines add two more, each a few clocks: MOV reg,CR3 (copyout's page walk) as a segment-
// register read (MOV reg,sreg, 3 clocks) and the REP MOVSB that moves no byte (the copies' tail,
// for a message of whole words) as an ALU operation; their own i486 times were not looked up.
//
// mach_thread_self's routine (l3 §5.6) was counted the same way from the same tree: kern/ipc_tt.c
// rev 2.14 (mach_thread_self, retrieve_thread_self_fast), ipc/ipc_port.c (ipc_port_copyout_send),
// ipc/ipc_object.c (ipc_object_copyout), ipc/ipc_right.c rev 2.8 (ipc_right_reverse,
// ipc_right_copyout), ipc/ipc_hash.c rev 2.9 (ipc_hash_lookup, ipc_hash_local_lookup), each file
// its own compilation unit as in the kernel, with the build's options as the configuration gives
// them: NCPUS 1 and no MACH_LDEBUG, so decl_simple_lock_data, simple_lock and simple_unlock
// (ith_lock, ip_lock, is_write_lock) are empty (kern/lock.h); MACH_ASSERT off, as CMU's STD set
// leaves it (it is in TEST), so assert() is empty (kern/assert.h); NORMA_IPC and MACH_IPC_COMPAT
// add nothing on this path. Three flags besides -m32 -O2 -fomit-frame-pointer, each because the
// default is not what the 1993 kernel could have been: -march=i486 (gcc's default i686 target
// puts a CMOV, which the 486 lacks, into ipc_hash_local_lookup), -mpreferred-stack-boundary=2 (the
// kernel's 4-byte stack alignment; the default 16 pads every call with stack adjustments) and
// -fno-pic (kernel code is not position-independent). A pop is a load. gcc 12 inlines
// retrieve_thread_self_fast into mach_thread_self (the same file); a 1993 gcc would call it. One
// instruction has no class: ipc_hash_local_lookup's `divl` (IH_LOCAL_HASH: the object's address
// modulo the table size, which is not a power of two), 40 clocks on the i486 (the i486 column of the
// x86 opcode list at asm.inightmare.org, DIV reg32), priced here as an ALU operation: 39 i486 clocks (0.78 µs at 50 MHz) are left out. Its
// indexed compare (cmpl %esi,4(%ecx,%ebp)) is priced as cmpm without the indexed-addressing clock.

import { instr, type Work } from '../../hw/index.js';

/** Counts of instruction classes of one piece of code. */
export type Counts = Readonly<Partial<Record<string, number>>>;

/** Instructions as the machine prices them, class by class, in one fixed order. */
const ORDER = ['ld', 'ldx', 'st', 'alu', 'shr', 'cmp', 'cmpm', 'jcc', 'jccTaken', 'call', 'ret', 'segPush', 'segRead', 'segLoad', 'interlocked', 'loadContext', 'copyStartup'];

export function x86(c: Counts): Work[] {
  for (const k of Object.keys(c)) if (!ORDER.includes(k)) throw new Error(`no instruction class '${k}' in the i386 Mach counts`);
  return ORDER.filter((k) => (c[k] ?? 0) > 0).map((k) => instr(k, c[k]!));
}

/** Sum of several pieces. */
export function add(...cs: Counts[]): Counts {
  const out: Record<string, number> = {};
  for (const c of cs) for (const [k, n] of Object.entries(c)) out[k] = (out[k] ?? 0) + (n ?? 0);
  return out;
}

/** The simulator's instructions in a piece (a push of memory counts twice, PUSHA eight times). */
export const total = (c: Counts): number => Object.values(c).reduce((s: number, n) => s + (n ?? 0), 0);

export const I386 = {
  /**
   * User side before the trap, per message: a ping-pong loop filling the header (bits, size,
   * remote, local, id) and calling mach_msg with 7 arguments (15 instructions); libmach
   * mach_msg.c mach_msg(), which passes option &~ LIBMACH_OPTIONS and the other 6 arguments on to
   * mach_msg_trap (15); the trap stub of mach/i386/syscall_sw.h kernel_trap(): `movl $-25,%eax`,
   * then `lcall $7,$0` (the trap itself). Compiled as above: 31 instructions.
   */
  userSend: { ld: 9, st: 21, alu: 5, call: 2 },
  /** After the return from the kernel: the stub's `ret`, mach_msg's success test and return (8), the loop's tail (6): 15. */
  userReceive: { ret: 2, ld: 2, alu: 5, cmp: 2, cmpm: 1, jcc: 2, jccTaken: 1 },
  /**
   * CMU locore.s (1993) ENTRY(syscall) to the indirect call, without arguments: pushf, push of the
   * call number and a trap-number slot, pusha, 4 segment pushes, `mov %ss,%dx` (a segment-register
   * read) and the kernel data selector loaded into ds and es (GNU Mach's SET_KERNEL_SEGMENTS also
   * loads fs and gs, an SMP addition, and clears the direction flag here; the 1993 entry does
   * neither); the eflags/eip/cs shuffle (6 moves); the stack switch to kernel_stack (load,
   * xchgl); the emulation-vector test (active_threads, task, emulation vector, orl, je); the
   * native dispatch (negl, jl, cmpl mach_trap_count, jg, shll, load the argument count, jecxz);
   * `call *_mach_trap_table+4(%eax)`: 32 instructions with the jecxz, which is taken when there
   * are no arguments.
   */
  syscallEntry: { st: 14, ld: 8, alu: 3, segRead: 1, segPush: 4, segLoad: 2, shr: 1, cmpm: 1, jcc: 2, jccTaken: 1, call: 1 },
  /** The jecxz of the dispatch: taken (no arguments) or not. */
  noArguments: { jccTaken: 1 },
  withArguments: { jcc: 1 },
  /**
   * The argument copy from the user stack (CMU locore.s syscall_native): load the user stack
   * pointer, lea past the last argument, `cmpl $VM_MAX_ADDRESS` and `ja` (the bounds check that
   * stands in for GNU Mach's user data selector in fs: no segment load), save esp: 5 instructions.
   */
  argumentCopy: { ld: 1, alu: 2, cmp: 1, jcc: 1 },
  /** Per argument: subl $4,%esi; pushl %fs:(%esi); loop. */
  perArgument: { alu: 1, ld: 1, st: 1, jccTaken: 1 },
  /** mach_call_call after a routine that returns: back to the PCB stack, store the return value, jmp _return_from_trap (5). */
  callReturn: { alu: 2, ld: 1, st: 1, jccTaken: 1 },
  /** locore.S ENTRY(thread_syscall_return), how mach_msg_trap's fast_put leaves: 6 instructions. */
  threadSyscallReturn: { ld: 2, alu: 2, st: 1, jccTaken: 1 },
  /**
   * _return_from_trap (the AST test, uniprocessor) and _return_to_user: popl gs, fs, es, ds
   * (4 segment loads), popa, addl $8,%esp, then iret (the return itself): 8 instructions + iret.
   */
  returnToUser: { cmpm: 1, jccTaken: 1, segLoad: 4, ld: 8, alu: 1 },
  /**
   * CMU locore.s (1993) `Entry(copyinmsg)`, a second name of ENTRY(copyin): push esi/edi, load 3
   * arguments, the user-range test (lea, cmpl, jb, cmpl $VM_MAX_ADDRESS, ja), cld, `shrl $2`,
   * `rep movsl` (its start-up here, the bytes as a copy), `andl $3` and `rep movsb` of the tail,
   * xorl, pop, ret: 21 instructions, no segment load (GNU Mach's copyinmsg loads ds twice).
   */
  copyinmsg: { st: 2, ld: 5, alu: 7, cmp: 2, jcc: 2, shr: 1, copyStartup: 1, ret: 1 },
  /**
   * CMU locore.s (1993) `Entry(copyoutmsg)`, a second name of ENTRY(copyout), for a message within
   * one page: push, 3 arguments, the user-range test; copyout_retry ("Check whether user address
   * space is writable before writing to it - hardware is broken"), taken on every CPU: `movl
   * %cr3,%ecx`, the page-directory index, the directory entry read through the kernel's map of
   * physical memory (an indexed load), its valid test, the page-table index, the page-table entry
   * read, its valid and writable tests; the bytes to the page's end against the count (6); cld,
   * `rep movsl`, the tail's `rep movsb`, the count test, xorl, pop, ret: 45 instructions, no
   * segment load. The two table reads are memory references (i386-rpc.ts).
   */
  copyoutmsg: { st: 2, ld: 6, ldx: 1, segRead: 1, alu: 17, shr: 3, cmp: 6, jcc: 6, jccTaken: 1, copyStartup: 1, ret: 1 },
  /**
   * mach_msg_trap, a request (COPY_SEND / MAKE_SEND_ONCE) up to the call of thread_handoff:
   * prologue, option test, fast_get (size tests, ikm_cache, the call of copyinmsg), fast_copyin
   * (two inline entry lookups, rights and references, header rewrite, queue tests) and
   * fast_send_receive up to the handoff: 116 compiled instructions.
   */
  requestBeforeHandoff: { alu: 22, call: 2, cmp: 12, cmpm: 6, jcc: 19, ld: 28, shr: 6, st: 28 },
  /**
   * The rest of the request, run as the server thread: enqueue self on the reply port, dequeue
   * the receiver, sequence number, switch identity, release the receive object; fast_copyout of
   * a request (ipc_entry_get for the reply right, the destination's name, header); fast_put
   * (the call of copyoutmsg, ikm_cache, the call of thread_syscall_return): 97 instructions.
   */
  requestAfterHandoff: { alu: 17, call: 2, cmp: 10, cmpm: 3, jcc: 11, jccTaken: 7, ld: 28, shr: 3, st: 25 },
  /** mach_msg_trap, a reply (MOVE_SEND_ONCE) up to thread_handoff: fast_get, fast_copyin of a reply (entry dealloc, receive-name lookup): 117. */
  replyBeforeHandoff: { alu: 18, call: 2, cmp: 16, cmpm: 3, jcc: 20, ld: 28, shr: 6, st: 27 },
  /** The rest of the reply, as the client thread: queues, fast_copyout of a reply, fast_put: 61. */
  replyAfterHandoff: { alu: 9, call: 2, cmp: 7, cmpm: 3, jcc: 9, jccTaken: 4, ld: 17, st: 17 },
  /**
   * kern/ipc_sched.c thread_handoff (state checks, new->state = TH_RUN, ast_context, timer_switch
   * with STAT_TIME) and i386 pcb.c stack_handoff (fpu_save_context: set_ts() reads and writes CR0;
   * PMAP_DEACTIVATE_USER / PMAP_ACTIVATE_USER, whose CR3 load is the address-space switch itself;
   * switch_ktss: TSS esp0, set_ldt's LLDT; 4 stores): 102 instructions, of which the MOV CR3 is
   * the context load and MOV CR0,reg is priced as one (see the header).
   */
  handoff: { alu: 19, call: 4, cmp: 6, cmpm: 5, jcc: 10, jccTaken: 1, ld: 30, ret: 3, segLoad: 1, st: 23, loadContext: 1 },
  /**
   * splsched and splx(s) around the handoff, CMU i386/spl.s (1993): splsched is spl7, `cli`, read
   * curr_ipl, store IPLHI, ret (4); splx checks its argument (5) and enters set_spl, which saves
   * ebp, cli, swaps curr_ipl, tests SPLHI, SPL0 and the softclock request (dotimein), reads
   * pic_mask[SPL0] (indexed) and compares it with curr_pic_mask, sti, pops, ret (19): 28
   * instructions. No interrupt-controller I/O: set_spl writes the 8259 masks (SET_PIC_MASK, two
   * OUTB) only when the level's mask differs from curr_pic_mask, and spl7 leaves the mask alone,
   * so returning to spl0 from splsched finds it unchanged.
   */
  spl: { alu: 4, ld: 5, ldx: 1, st: 4, cmp: 4, cmpm: 2, jcc: 4, jccTaken: 2, ret: 2 },
  /** mach_msg_trap's arguments: msg, option, send_size, rcv_size, rcv_name, timeout, notify. */
  msgTrapArguments: 7,
  /**
   * Messages larger than the kernel message buffer cached per processor (IKM_SAVED_KMSG_SIZE,
   * 256 bytes in Mach 3.0 ipc/ipc_kmsg.h) leave the fast path: ipc_kmsg_get allocates one with
   * kalloc and ipc_kmsg_put frees it. Not counted for the i386: the PA-RISC model's guesses of 75
   * instructions each are taken (stages.ts kalloc / kfree).
   */
  savedKmsgBytes: 256,
  /**
   * kern/ipc_tt.c mach_thread_self (trap 27 of kern/syscall_sw.c's mach_trap_table, no arguments)
   * with retrieve_thread_self_fast inlined: current_thread() (active_threads[0]: cpu_number() is 0
   * on a uniprocessor), thread->task, ith_sself against ith_self (no interposing: the taken
   * branch), ip_reference and ip_srights++ (two `incl` on the port, each a load, an ALU operation
   * and a store), task->itk_space, the call of ipc_port_copyout_send, pops, ret: 16 instructions,
   * 20 counted.
   */
  threadSelfTrap: { ld: 9, st: 5, alu: 2, cmpm: 1, jccTaken: 1, call: 1, ret: 1 },
  /** ipc/ipc_port.c ipc_port_copyout_send: IP_VALID (lea, cmp, jbe taken), ipc_object_copyout(space, sright, PORT_SEND, TRUE, &name), kr == KERN_SUCCESS, name: 21. */
  portCopyoutSend: { ld: 4, st: 6, alu: 5, cmp: 2, jcc: 1, jccTaken: 1, call: 1, ret: 1 },
  /**
   * ipc/ipc_object.c ipc_object_copyout, the loop's first pass: space->is_active, msgt_name !=
   * PORT_SEND_ONCE, ipc_right_reverse finds the name (the thread's port already has one in the
   * task's space after the first call, so ipc_entry_get is not called), ipc_right_copyout, *namep
   * = name: 4 saved registers and 10 argument pushes, 51.
   */
  objectCopyout: { ld: 15, st: 16, alu: 7, cmp: 3, cmpm: 1, jcc: 3, jccTaken: 3, call: 2, ret: 1 },
  /**
   * ipc/ipc_right.c ipc_right_reverse: ip_active (io_bits < 0), port->ip_receiver == space is false
   * (the thread's port is received by ipc_space_kernel, not the task), ipc_hash_lookup: 21.
   */
  rightReverse: { ld: 6, st: 5, alu: 3, cmp: 2, cmpm: 1, jcc: 2, call: 1, ret: 1 },
  /** ipc/ipc_hash.c ipc_hash_lookup: ipc_hash_local_lookup finds it, so the splay-tree entries' global hash (is_tree_hash) is not tried: 22. */
  hashLookup: { ld: 8, st: 8, alu: 2, cmp: 1, jccTaken: 1, call: 1, ret: 1 },
  /**
   * ipc/ipc_hash.c ipc_hash_local_lookup, a hit at the first probe (an assumption: the probe chain
   * of a task's few send rights is taken as one): is_table, is_table_size, IH_LOCAL_HASH ((obj >>
   * 6) % size: shrl, xorl, divl — the divl priced as an ALU operation, see the header),
   * table[hindex].ie_index (an indexed load), table[index].ie_object == obj, the name
   * MACH_PORT_MAKEB(index, ie_bits) (a byte load, shift, or), *namep, *entryp: 37.
   */
  hashLocalLookup: { ld: 11, ldx: 1, st: 6, alu: 9, shr: 4, cmp: 1, cmpm: 1, jccTaken: 3, ret: 1 },
  /**
   * ipc/ipc_right.c ipc_right_copyout, MACH_MSG_TYPE_PORT_SEND into an entry that already holds
   * the send right (IE_BITS_UREFS below MACH_PORT_UREFS_MAX - 1: a loop of 10,000 calls adds
   * 10,000 user references, under the 65,534 at which they would be pegged): ip_srights-- and
   * ip_release (two `decl` on the port), ie_bits = (bits | MACH_PORT_TYPE_SEND) + 1: 29.
   */
  rightCopyout: { ld: 9, st: 6, alu: 5, cmp: 3, jcc: 1, jccTaken: 4, ret: 1 },
} as const satisfies Record<string, Counts | number>;

/** mach_thread_self's routine in call order (201 instructions as the machine counts them). */
export const THREAD_SELF_PIECES = ['threadSelfTrap', 'portCopyoutSend', 'objectCopyout', 'rightReverse', 'hashLookup', 'hashLocalLookup', 'rightCopyout'] as const;

/** The kernel's instructions for one direction of an RPC, in source order (for the test and the notes). */
export const DIRECTION_PIECES = ['syscallEntry', 'argumentCopy', 'copyinmsg', 'handoff', 'spl', 'copyoutmsg', 'threadSyscallReturn', 'returnToUser'] as const;
