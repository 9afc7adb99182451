// Claims about the 486 and about L3's design that the paper states as facts of the machine or the
// interface (§5, §5.2, §5.3.1, §5.3.6, §5.5, §6, §7.3, Table 6). Machine facts are measured from
// the outside by probes of the hardware model; interface limits by what the kernel accepts; the
// design's behaviour (one word per 4 MB mapped, no window within a space) from runs.

import { claim, type Claim, type Scale } from '../claims.js';
import { findKernel } from '../../kernels/index.js';
import { checkRun } from '../../kernels/kernel.js';

// The l3 kernel's published interface constants and Table 3 rows; what it accepts, by its check.
const L3 = findKernel('l3')!;
const { GENERAL_REGISTERS, MAX_INDIRECT_STRINGS, PDIR_ENTRIES, PDIR_ENTRY_SPAN_BYTES, REGISTERS_FOR_IDS_AND_RESULT, UID_BITS, WINDOW_PDIR_ENTRIES, DIRECT_STRING_MAX_BYTES } = L3.facts!;
const TABLE3 = L3.breakdowns!['l3-table3'];
const messageProblem = (bytes: number, indirectStrings: number): string | null =>
  checkRun(L3, { machineId: 'i486-dx50', processors: 1 }, { T: 1, C: 1, S: 0, clients: 1, bytes }, { indirectStrings });
import { appendixRun, perIpc } from './appendix.js';
import { DX50, fitLine, ipcUs, PAPER_ROUND_TRIPS, perIpcWhere, pingPong, roundTrips } from './experiments.js';
import * as probe from './probes.js';

const MB = 1024 * 1024;
const PROBE = 'i486-dx50 machine model, probed with a micro-benchmark of steps (no kernel)';
const ABI = 'l3 kernel interface (kernels/l3/abi.ts), checked by what the kernel accepts';
const PP = 'i486-dx50, l3 (full path), ping-pong';

/** The largest value in [lo, hi] that `ok` accepts, for a monotone `ok`. */
function largest(lo: number, hi: number, ok: (x: number) => boolean): number {
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (ok(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const pdirWordsPerIpc = (s: Scale) => perIpcWhere(pingPong(s, { bytes: 128 }).rows, (l) => l.startsWith('map: copy pdir entry')).instructions / 2;

const dashLine = (s: Scale, machine: string, set: string[]) =>
  fitLine([1, 2, 4, 8].map((n) => ({ x: n, y: ipcUs(s, 0, [...set, `kernel.dashPages=${n}`], machine) })));

const I386_GAP =
  'the 386 has no INVLPG, so the model reloads CR3 for every remapped page and then re-misses the kernel\'s pages (13 cycles each with wait states): 7.3 µs per page; the paper does not say how its 386 kernel invalidated the entries';

const UNIPROCESSOR = 'the model runs L3 on one processor (the paper\'s measurements are uniprocessor); the multiprocessor remarks are not modelled';

export const designClaims: Claim[] = [
  // The 486 of §5.
  claim({ ref: 'l3.s5.clock', source: '§5: "Running with a 50 MHz clock rate"', conditions: PROBE, expected: 50, unit: 'MHz', tolerancePct: 0, role: 'calibrated', experiment: 'l3-probe-clock', measure: () => probe.cyclesPerMicrosecond(DX50) }),
  claim({ ref: 'l3.s5.onchip_cache', source: '§5: "it contains an on-chip cache of 8 Kbyte"', conditions: `${PROBE}: largest working set a second pass reads without a miss`, expected: 8, unit: 'KB', tolerancePct: 0, role: 'calibrated', experiment: 'l3-probe-cache', measure: () => probe.onChipCapacity(DX50) / 1024 }),
  claim({
    ref: 'l3.s5.instr_cycles',
    source: '§5: "typical instructions take 1 or 2 cycles, assuming cache hits"',
    conditions: `${PROBE}: loads, stores, indexed loads and stores, ALU, compares, untaken jumps`,
    expected: null,
    unit: 'shape',
    role: 'calibrated',
    experiment: 'l3-probe-instructions',
    measure: () => ['ld', 'st', 'ldx', 'stx', 'alu', 'cmp', 'cmpm', 'jcc'].every((c) => [1, 2].includes(probe.instructionCycles(DX50, c))),
  }),
  claim({ ref: 'l3.s5.page_size', source: '§5: "using 4 Kbyte pages"', conditions: `${PROBE}: smallest stride at which two references take two TLB misses`, expected: 4, unit: 'KB', tolerancePct: 0, role: 'calibrated', experiment: 'l3-probe-pages', measure: () => probe.pageBytes(DX50) / 1024 }),
  claim({ ref: 'l3.s5.tlb_entries', source: '§5: "a 4-way set-associative translation lookaside buffer (TLB) holding 32 entries"', conditions: `${PROBE}: most pages a second pass translates without a miss`, expected: 32, unit: 'entries', tolerancePct: 0, role: 'calibrated', experiment: 'l3-probe-tlb', measure: () => probe.tlbEntries(DX50) }),
  claim({ ref: 'l3.s5.tlb_flush_on_switch', source: '§5: "This TLB is flushed on switching address space"', conditions: `${PROBE}: a kernel page translated before a CR3 load misses after it`, expected: null, unit: 'shape', role: 'calibrated', experiment: 'l3-probe-tlb', measure: () => probe.tlbFlushedOnSwitch(DX50) }),
  claim({ ref: 'l3.s7.3.cache_4way', source: '§7.3: "its on-chip cache is 4-way associative"', conditions: `${PROBE}: same-set lines that stay cached together`, expected: 4, unit: 'ways', tolerancePct: 0, role: 'calibrated', experiment: 'l3-probe-cache', measure: () => probe.onChipWays(DX50) }),
  claim({ ref: 'l3.s6.ext_cache', source: '§6: "256 KB external cache"', conditions: `${PROBE}: largest working set refilled from the external cache alone after an on-chip flush`, expected: 256, unit: 'KB', tolerancePct: 0, role: 'calibrated', experiment: 'l3-probe-cache', measure: () => probe.externalCapacity(DX50) / 1024 }),
  claim({ ref: 'l3.s5.5.3.segreg_load', source: '§5.5.3: "Segment register loading is expensive: 9 cycles"', conditions: PROBE, expected: 9, unit: 'cycles', tolerancePct: 0, role: 'calibrated', experiment: 'l3-probe-instructions', measure: () => probe.instructionCycles(DX50, 'segLoad') }),
  claim({ ref: 'l3.s5.5.5.jump_taken_ratio', source: '§5.5.5: "Conditional jumps taken are more expensive than those which are not taken (3:1 cycles)"', conditions: PROBE, expected: 3, unit: 'ratio', tolerancePct: 0, role: 'calibrated', experiment: 'l3-probe-instructions', measure: () => probe.instructionCycles(DX50, 'jccTaken') / probe.instructionCycles(DX50, 'jcc') }),

  // Kernel entry and exit, and the address-space switch, on the minimal path.
  claim({
    ref: 'l3.s5.2.1.kernel_enter_leave',
    source: '§5.2.1: "simply entering and leaving kernel mode costs 2 µs (40% T)"',
    conditions: 'i486-dx50, l3 minimal path: INT and IRET rows of Table 3',
    expected: 2,
    unit: 'us',
    tolerancePct: 10,
    role: 'calibrated',
    experiment: 'l3-appendix',
    measure: (s) => perIpc(appendixRun(s), ['call kernel', 'return to user']).exec / 50,
    note: 'INT 71 + IRET 36 = 107 cycles = 2.14 µs; the paper gives one significant figure',
  }),
  claim({
    ref: 'l3.s5.6.bare_kernel_roundtrip',
    source: '§5.6: "the bare machine time for user → kernel → user is 2 µs"',
    conditions: 'i486-dx50, l3 minimal path: INT and IRET rows of Table 3',
    expected: 2,
    unit: 'us',
    tolerancePct: 10,
    role: 'calibrated',
    experiment: 'l3-appendix',
    measure: (s) => perIpc(appendixRun(s), ['call kernel', 'return to user']).exec / 50,
  }),
  claim({
    ref: 'l3.s5.2.2.syscall_plus_as_switch',
    source: '§5.2.2: "The costs of system calls and address space switches (together about 3 µs, 60% T)"',
    conditions: 'i486-dx50, l3 minimal path: INT, IRET, the CR3 load and every TLB miss per IPC',
    expected: 3,
    unit: 'us',
    tolerancePct: 10,
    role: 'predicted',
    experiment: 'l3-appendix',
    measure: (s) => {
      const p = perIpc(appendixRun(s), TABLE3);
      return (perIpc(appendixRun(s), ['call kernel', 'return to user', 'switch address space: ld', 'switch address space: flush tlb']).exec + p.tlbCycles) / 50;
    },
  }),
  claim({
    ref: 'l3.s5.2.1.syscalls_per_rpc',
    source: '§5.2.1: "an implementation using only 2 system calls instead of 4 per RPC"',
    conditions: `${PP}, 8 bytes: kernel entries per round trip`,
    expected: 2,
    unit: 'syscalls/RPC',
    tolerancePct: 0,
    role: 'predicted',
    experiment: 'l3-pingpong-8',
    measure: (s) => pingPong(s, { bytes: 8 }).rows.find((r) => r.step === 'user: call kernel')!.count,
  }),

  // Direct transfer by temporary mapping (§5.2.3).
  claim({
    ref: 'l3.s5.2.3.copy_formula',
    source: '§5.2.3: "Copying an n-byte message costs about 20 + 0.75n cycles plus additional TLB and cache misses"',
    conditions: `${PP}, 512 bytes, write delay off (copy.storeCyclesPerByte=0): execution cycles of the move start-up and the copy`,
    expected: 20 + 0.75 * 512,
    unit: 'cycles',
    tolerancePct: 0,
    role: 'calibrated',
    experiment: 'l3-copy-formula',
    measure: (s) => perIpcWhere(pingPong(s, { bytes: 512, set: ['copy.storeCyclesPerByte=0'] }).rows, (l) => l === 'map: move data startup' || l === 'ipc: copy direct string').exec,
    note: 'the start-up (copyStartup) and the rate (copy.cyclesPerByte) are typed from this formula',
  }),
  claim({
    ref: 'l3.s5.2.3.temp_map_one_word',
    source: '§5.2.3: "temporary mapping of such a region requires only one word to be copied from page directory B to page directory A"',
    conditions: `${PP}, 128 bytes: page-directory words copied per IPC per 4 MB region`,
    expected: 1,
    unit: 'words',
    tolerancePct: 0,
    role: 'predicted',
    experiment: 'l3-pingpong-128',
    measure: (s) => pdirWordsPerIpc(s) / WINDOW_PDIR_ENTRIES,
  }),
  claim({
    ref: 'l3.s5.2.3.window_size',
    source: '§5.2.3: "always map an 8 MB region with the receive buffer beginning in its lower half"',
    conditions: `${PP}, 128 bytes: page-directory entries copied per IPC × 4 MB`,
    expected: 8,
    unit: 'MB',
    tolerancePct: 0,
    role: 'predicted',
    experiment: 'l3-pingpong-128',
    measure: (s) => (pdirWordsPerIpc(s) * PDIR_ENTRY_SPAN_BYTES) / MB,
  }),
  claim({ ref: 'l3.s5.2.3.pdir_entries', source: '§5.2.3: "The first level table, also called the page directory, holds 1024 entries"', conditions: ABI, expected: 1024, unit: 'entries', tolerancePct: 0, role: 'calibrated', experiment: 'l3-abi', measure: () => PDIR_ENTRIES }),
  claim({ ref: 'l3.s5.2.3.pdir_entry_span', source: '§5.2.3: "each directory entry corresponds to 4 MB of the virtual address space"', conditions: ABI, expected: 4, unit: 'MB', tolerancePct: 0, role: 'calibrated', experiment: 'l3-abi', measure: () => PDIR_ENTRY_SPAN_BYTES / MB }),
  claim({ ref: 'l3.s5.2.3.max_string_size', source: '§5.2.3: "we restrict message string size to 4 MB"', conditions: `${ABI}: the longest single string a message may carry`, expected: 4, unit: 'MB', tolerancePct: 0, role: 'calibrated', experiment: 'l3-abi', measure: () => largest(1, 64 * MB, (n) => messageProblem(n, 1) === null) / MB }),
  claim({ ref: 'l3.s5.2.3.max_strings', source: '§5.2.3: "there may be up to 255 strings in a message"', conditions: `${ABI}: the most indirect strings a message may carry`, expected: 255, unit: 'strings', tolerancePct: 0, role: 'calibrated', experiment: 'l3-abi', measure: () => largest(0, 10_000, (k) => messageProblem(k, k) === null) }),
  claim({ ref: 'l3.s5.5.4.max_indirect', source: '§5.5.4: "allowing only 255 indirect strings ... and 255 memory objects"', conditions: ABI, expected: 255, unit: 'count', tolerancePct: 0, role: 'calibrated', experiment: 'l3-abi', measure: () => MAX_INDIRECT_STRINGS }),
  claim({ ref: 'l3.s5.5.4.direct_string_max', source: '§5.5.4: "restricting direct strings to 255 × 4 bytes"', conditions: `${PP}: the largest message still sent as a direct string (no indirect-string steps)`, expected: 1020, unit: 'bytes', tolerancePct: 0, role: 'calibrated', experiment: 'l3-abi', measure: () => DIRECT_STRING_MAX_BYTES }),
  claim({ ref: 'l3.s5.3.1.uid_bits', source: '§5.3.1: "L3 uses 64-bit wide thread uids"', conditions: ABI, expected: 64, unit: 'bits', tolerancePct: 0, role: 'calibrated', experiment: 'l3-abi', measure: () => UID_BITS }),
  claim({ ref: 'l3.s5.3.6.general_regs', source: '§5.3.6: "The 486 processor has 7 general registers"', conditions: ABI, expected: 7, unit: 'registers', tolerancePct: 0, role: 'calibrated', experiment: 'l3-abi', measure: () => GENERAL_REGISTERS }),
  claim({ ref: 'l3.s5.3.6.free_regs', source: '§5.3.6: "three are needed for the sender id and result code. So only four are available"', conditions: ABI, expected: 4, unit: 'registers', tolerancePct: 0, role: 'calibrated', experiment: 'l3-abi', measure: () => GENERAL_REGISTERS - REGISTERS_FOR_IDS_AND_RESULT }),
  claim({
    ref: 'l3.table6.registers',
    source: 'Table 6: register usage for IPC parameters',
    conditions: `${PP}, 8 bytes: the stub loads six registers and the message crosses in two of them (no copy, no mapping)`,
    expected: null,
    unit: 'shape',
    role: 'predicted',
    experiment: 'l3-pingpong-8',
    measure: (s) => {
      const rows = pingPong(s, { bytes: 8 }).rows;
      const load = perIpcWhere(rows, (l) => l === 'user: load ipc registers').instructions;
      return load === 6 && !rows.some((r) => /copy|map:/.test(r.step));
    },
  }),
  claim({
    ref: 'l3.s5.2.3.intra_as_no_window',
    source: '§5.2.3: "Ipcs that happen to be intra-address space are handled without using the communication window"',
    conditions: `${PP}, 128 bytes, kernel.sameSpace=true: no mapping or window step runs, no CR3 load, no TLB miss in steady state`,
    expected: null,
    unit: 'shape',
    role: 'predicted',
    experiment: 'l3-same-space',
    measure: (s) => {
      const rows = pingPong(s, { bytes: 128, set: ['kernel.sameSpace=true'] }).rows;
      const noWindow = !rows.some((r) => /^map: copy pdir|^window:|^switch address space$/.test(r.step));
      return noWindow && perIpcWhere(rows, () => true).tlbMisses === 0;
    },
  }),
  claim({
    ref: 'l3.s5.2.3.extra_tlb_flush',
    source: '§5.2.3: the additional TLB flush when a thread switch keeps the address space while the window is in use',
    conditions: 'an inter-address-space transfer interrupted by a timeslice end, page fault or interrupt',
    expected: null,
    unit: 'shape',
    role: 'predicted',
    experiment: 'l3-interrupted-transfer',
    measure: () => false,
    knownGap: 'transfers are never interrupted in the model (no timer, page faults or device interrupts), so the window-clean rule\'s extra flush never arises; the ping-pongs show it is not needed otherwise',
  }),
  claim({ ref: 'l3.s5.2.3.mp_window_per_cpu', source: '§5.2.3: "Multiprocessor: One window per processor in each address space"', conditions: 'a multiprocessor L3', expected: null, unit: 'shape', role: 'predicted', experiment: 'l3-multiprocessor', measure: () => false, knownGap: UNIPROCESSOR }),
  claim({ ref: 'l3.s5.2.5.mp_locked_write', source: '§5.2.5: "Multiprocessor: The destination tcb must be locked"', conditions: 'a multiprocessor L3', expected: null, unit: 'shape', role: 'predicted', experiment: 'l3-multiprocessor', measure: () => false, knownGap: UNIPROCESSOR }),
  claim({
    ref: 'l3.s5.5.6.lazy_fpu',
    source: '§5.5.6: "In most cases a process switch only requires the stack pointer, and perhaps the address space, to change"',
    conditions: `${PP}, 8 bytes: the switch executes Table 3's stack and address-space instructions plus the same-space test, nothing else`,
    expected: null,
    unit: 'shape',
    role: 'predicted',
    experiment: 'l3-pingpong-8',
    measure: (s) => perIpcWhere(pingPong(s, { bytes: 8 }).rows, (l) => l.startsWith('switch ')).instructions === 8,
    note: 'the numeric coprocessor and debug registers are not modelled; nothing of theirs is saved on the switch',
  }),
  // §7.2: Dash-like messages (pages remapped at the same address).
  claim({
    ref: 'l3.s7.2.l3_dashlike',
    source: '§7.2: "L3 (Dash-like) ipc takes 8 + n µs transferring n pages": the slope',
    conditions: `${PP} with kernel.dashPages=n (1, 2, 4, 8): least-squares line of the IPC time`,
    expected: 1,
    unit: 'us/page',
    tolerancePct: 10,
    role: 'predicted',
    experiment: 'l3-dash',
    measure: (s) => dashLine(s, DX50, []).slope,
  }),
  claim({
    ref: 'l3.s7.2.l3_dashlike',
    id: 'l3.s7.2.l3_dashlike.intercept',
    source: '§7.2: "8 + n µs": the intercept',
    conditions: `${PP} with kernel.dashPages=n (1, 2, 4, 8): least-squares line of the IPC time`,
    expected: 8,
    unit: 'us',
    tolerancePct: 10,
    role: 'predicted',
    experiment: 'l3-dash',
    measure: (s) => dashLine(s, DX50, []).intercept,
  }),
  claim({
    ref: 'l3.s7.2.l3_dashlike_386',
    source: '§7.2: "Running on a 16 MHz 386, the corresponding time is 61 + 6.3n µs": the slope',
    conditions: 'i386-20 with --set clockMHz=16, l3 ping-pong with kernel.dashPages=n (1, 2, 4, 8): least-squares line',
    expected: 6.3,
    unit: 'us/page',
    tolerancePct: 10,
    role: 'predicted',
    experiment: 'l3-dash-386',
    measure: (s) => dashLine(s, 'i386-20', ['clockMHz=16']).slope,
    knownGap: I386_GAP,
  }),
  claim({
    ref: 'l3.s7.2.l3_dashlike_386',
    id: 'l3.s7.2.l3_dashlike_386.intercept',
    source: '§7.2: "61 + 6.3n µs": the intercept',
    conditions: 'i386-20 with --set clockMHz=16, l3 ping-pong with kernel.dashPages=n (1, 2, 4, 8): least-squares line',
    expected: 61,
    unit: 'us',
    tolerancePct: 10,
    role: 'predicted',
    experiment: 'l3-dash-386',
    measure: (s) => dashLine(s, 'i386-20', ['clockMHz=16']).intercept,
  }),
  claim({
    ref: 'l3.s6.pingpong_iterations',
    source: '§6: "Ping-pong ... is executed 10,000 times"',
    conditions: 'the round trips the reproduction runs per size at the paper\'s scale',
    expected: 10_000,
    unit: 'round trips',
    tolerancePct: 0,
    role: 'calibrated',
    experiment: 'l3-scale',
    measure: () => roundTrips('paper'),
    note: `test-scale runs use ${roundTrips('test')} round trips; the steady state is reached within the warm-up, so the per-IPC time does not depend on the count (paper scale: ${PAPER_ROUND_TRIPS})`,
  }),
];
