// The L3 paper's numbers for Mach 3.0 (NORMA MK13) on the same 486s: Table 7's Mach column, the
// Mach rows of Table 2, the 120 + 0.08n µs line and its twofold copy, Mach flooding the on-chip
// cache, Figures 7 and 8, the speed-ups of the abstract and §8, and §5.6's mach_thread_self system
// call and what its path would cost L3. They run the simulator's Mach kernel (`mach`) on the 486
// models, where it takes Mach's own i386 path: the system-call entry and exit, mach_msg_trap's fast
// path, thread_handoff and copyinmsg/copyoutmsg counted from source (sim/os/mach/i386.ts). Nothing
// in it was fitted to these numbers.

import { findKernel } from '../../kernels/index.js';
import { claim, type Claim, type Scale } from '../claims.js';
import { measure } from '../measure.js';
import { appendixRun, perIpc } from './appendix.js';
import { DX50, fitLine, ipcUs, perIpcWhere, pingPong, TABLE7_SIZES } from './experiments.js';
import { TABLE7_L3 } from './pingpong-claims.js';

/** Table 7: Mach ipc time per size. */
export const TABLE7_MACH: Record<number, number> = { 8: 115, 12: 124, 128: 180, 512: 214, 1024: 305, 2048: 386, 4096: 460 };

const PP = 'i486-dx50, mach (Mach 3.0 RPC, server out of the kernel), ping-pong of n-byte messages (raw mach_msg, n bytes each way)';

const mach = (s: Scale, n: number, machine = 'i486-dx50') => pingPong(s, { bytes: n, machine, kernel: 'mach' });
const machUs = (s: Scale, n: number, machine = 'i486-dx50') => mach(s, n, machine).ipcUs;

/**
 * Why Mach's times on the 486 fall short: the path counted from source is about a fifth of what
 * was measured. What the count cannot see is named here; nothing was fitted to close it.
 */
const FIXED_GAP =
  'the Mach model gives about 28 µs per 8-byte IPC (53 µs per null RPC) against the paper\'s 115 µs (230 µs): its path is Mach 3.0\'s own i386 fast path counted from the 1993 CMU source, about 550 instructions per IPC (the call-gate system-call entry and iret with 7 segment-register loads, mach_msg_trap\'s fast path compiled with a modern gcc, thread_handoff/stack_handoff with the CR3 load, splsched/splx, copyinmsg, and copyoutmsg with its walk of the receiver\'s page tables, libmach\'s mach_msg), which runs with few misses in the 8 KB on-chip cache. Ruled out by the sources: MIG stubs (Table 2\'s 230 µs is two of Table 7\'s 115 µs raw messages), writes of the interrupt controller\'s masks (the 1993 spl.s leaves them alone on this path), and CMU\'s standard build options (none adds code to the fast path). Not counted, and candidates for the other 77%: a checking build (assertions and checked simple locks, CMU\'s TEST options), the slow path (taken unless the ping-pong used exactly the header rights, sizes and options the fast path tests), a 1993 compiler. The measured 11,500 cycles per null RPC exceed the 10,700 that Table 2\'s Mach on a 386 at 20 MHz (535 µs) took, where the model\'s 486 needs 2.8 times fewer cycles than its 386 for the same path: the measured kernel ran far more than the counted path. §5.6 shows the same excess on the simplest call (18 µs measured for mach_thread_self against about 10 µs counted)';

function machRow(n: number): Claim {
  return claim({
    ref: `l3.table7.mach.${n}`,
    source: `Table 7, Mach ipc (NORMA MK13), ${n} bytes`,
    conditions: `${PP}, ${n} bytes`,
    expected: TABLE7_MACH[n],
    unit: 'us',
    role: 'predicted',
    experiment: `l3-mach-${n}`,
    measure: (s) => machUs(s, n),
    knownGap: FIXED_GAP,
  });
}

/** A claim that needs the Mach kernel: it fails loudly if none is registered. */
const needsMach = (c: Claim): Claim => ({
  ...c,
  measure: (s: Scale) => {
    if (!findKernel('mach')) throw new Error('no mach kernel is registered');
    return c.measure(s);
  },
});

const THREAD_SELF_GAP =
  'the model gives about 10.4 µs against the measured 18 µs, all of it counted from the 1993 CMU source and kept in the on-chip cache by the closed loop: locore\'s call gate, entry and dispatch (41 instructions with 2 segment loads), mach_thread_self\'s routine (201 instructions, six calls deep: retrieve_thread_self_fast, ipc_port_copyout_send, ipc_object_copyout, ipc_right_reverse finding the name the thread\'s port already has through the space\'s local reverse hash, ipc_right_copyout adding one user reference) and the return with 4 segment loads and iret (22). Left out: the hash\'s divl, priced as an ALU operation (39 i486 clocks, 0.8 µs). The other 7.6 µs (about 380 cycles) is not explained by the counted code; candidates are a checking build (MACH_ASSERT puts 21 assertions on this path, MACH_LDEBUG turns its 4 simple-lock pairs into calls) and a 1993 compiler'

const slope = (s: Scale) => fitLine(TABLE7_SIZES.map((n) => ({ x: n, y: machUs(s, n) })));

export const machClaims: Claim[] = [
  ...TABLE7_SIZES.map(machRow),
  claim({
    ref: 'l3.table2.mach_486_50',
    source: 'Table 2: Mach null RPC, 486 50 MHz',
    conditions: 'i486-dx50, mach, null RPC (0-byte messages) in a closed loop',
    expected: 230,
    unit: 'us',
    role: 'predicted',
    experiment: 'l3-mach-null-dx50',
    measure: (s) => 2 * machUs(s, 0),
    knownGap: FIXED_GAP,
  }),
  claim({
    ref: 'l3.table2.mach_486_33',
    source: 'Table 2: Mach null RPC, 486 33 MHz',
    conditions: 'i486-dx33, mach, null RPC (0-byte messages) in a closed loop',
    expected: 346,
    unit: 'us',
    role: 'predicted',
    experiment: 'l3-mach-null-dx33',
    measure: (s) => 2 * machUs(s, 0, 'i486-dx33'),
    knownGap: FIXED_GAP,
  }),
  claim({
    ref: 'l3.s6.mach_formula',
    source: '§6: "In contrast, Mach takes about 120 + 0.08n µs": the slope',
    conditions: `${PP}: least-squares line through Table 7's sizes`,
    expected: 0.08,
    unit: 'us/byte',
    tolerancePct: 10,
    role: 'predicted',
    experiment: 'l3-mach-sizes',
    measure: (s) => slope(s).slope,
    knownGap:
      'the Mach model moves a byte in about 64 ns: two rep movsl copies (copyinmsg into the kernel message, copyoutmsg to the receiver) at the 486\'s 15-20 ns/byte, with the misses of buffers larger than the 8 KB on-chip cache; the paper\'s 80 ns/byte is two copies at the 40 ns/byte external-cache rate',
  }),
  claim({
    ref: 'l3.s6.mach_formula',
    id: 'l3.s6.mach_formula.intercept',
    source: '§6: "120 + 0.08n µs": the intercept',
    conditions: `${PP}: least-squares line through Table 7's sizes`,
    expected: 120,
    unit: 'us',
    tolerancePct: 10,
    role: 'predicted',
    experiment: 'l3-mach-sizes',
    measure: (s) => slope(s).intercept,
    knownGap: FIXED_GAP,
  }),
  claim({
    ref: 'l3.s6.mach_double_copy',
    source: '§6: "The 80 ns/byte rate shows the effect of copying a message twice"',
    conditions: `${PP}: message bytes copied per message byte (copyin to the kernel, copyout to the receiver), at 512 bytes`,
    expected: null,
    unit: 'shape',
    role: 'predicted',
    experiment: 'l3-mach-512',
    measure: (s) => {
      // Copy steps execute one cycle-priced byte move per byte; two copies mean twice the bytes of one.
      const rows = mach(s, 512).rows;
      const copies = rows.filter((r) => /copy/i.test(r.step) && r.side === 'kernel');
      const l3 = perIpcWhere(pingPong(s, { bytes: 512 }).rows, (l) => l === 'ipc: copy direct string').exec;
      const machCopyExec = copies.reduce((t, r) => t + r.execCycles, 0) / 2;
      return machCopyExec >= 1.8 * l3;
    },
  }),
  claim({
    ref: 'l3.s6.mach_floods_cache',
    source: '§6: "Apparently Mach\'s large basic overhead floods the on-chip cache so that both kernel and user lose its benefits"',
    conditions: 'i486-dx50, 8-byte ping-pong in steady state: Mach misses the on-chip cache on every IPC, L3 not at all',
    expected: null,
    unit: 'shape',
    role: 'predicted',
    experiment: 'l3-mach-8',
    measure: (s) => {
      const machMisses = perIpcWhere(mach(s, 8).rows, () => true).cacheMisses;
      const l3Misses = perIpcWhere(pingPong(s, { bytes: 8 }).rows, () => true).cacheMisses;
      return machMisses > 50 && l3Misses === 0;
    },
    knownGap:
      'the i386 path counted from source misses the on-chip cache about 20 times per IPC in steady state, not more than 50: its code (about 1.5 KB per IPC at 3 bytes an instruction) and data fit the 8 KB cache beside the ping-pong; the paper\'s flooding needs the larger footprint the measured times imply, which the counted path does not have',
  }),
  claim({
    ref: 'l3.fig7.labels',
    source: 'Figure 7: L3 at 5.2, 7.6, 9.8, 18.1 µs and Mach at 115 µs for short messages',
    conditions: 'i486-dx50 ping-pong, 8 to 512 bytes: each L3 point within 10% of its label, Mach at 8 bytes within 10% of 115 µs',
    expected: null,
    unit: 'shape',
    role: 'predicted',
    experiment: 'l3-figure7',
    measure: (s) => [8, 12, 128, 512].every((n) => Math.abs(ipcUs(s, n) / TABLE7_L3[n] - 1) <= 0.1) && Math.abs(machUs(s, 8) / 115 - 1) <= 0.1,
    knownGap: FIXED_GAP,
  }),
  claim({
    ref: 'l3.fig8.shape',
    source: 'Figure 8: Mach above L3 with the cache flushed, above L3, above the bare data move; all roughly linear',
    conditions: 'i486-dx50 ping-pong at Table 7\'s sizes: the order holds at every size, and each series\' least-squares line explains 95% of its variance',
    expected: null,
    unit: 'shape',
    role: 'predicted',
    experiment: 'l3-figure8',
    measure: (s) => {
      const flushed = (n: number) => ipcUs(s, n, ['kernel.flushCache=ipc']);
      const order = TABLE7_SIZES.every((n) => machUs(s, n) > flushed(n) && flushed(n) > ipcUs(s, n) && ipcUs(s, n) > (n * 15) / 1000);
      const r2 = (y: (n: number) => number) => {
        const pts = TABLE7_SIZES.map((n) => ({ x: n, y: y(n) }));
        const { slope: b, intercept: a } = fitLine(pts);
        const mean = pts.reduce((t, p) => t + p.y, 0) / pts.length;
        const ssr = pts.reduce((t, p) => t + (p.y - (a + b * p.x)) ** 2, 0);
        const sst = pts.reduce((t, p) => t + (p.y - mean) ** 2, 0);
        return 1 - ssr / sst;
      };
      return order && [(n: number) => machUs(s, n), flushed, (n: number) => ipcUs(s, n)].every((y) => r2(y) > 0.95);
    },
  }),
  claim({
    ref: 'l3.abstract.vs_mach_8B',
    source: 'Abstract: "compared with Mach, they range from a factor of 22 (8-byte messages)"',
    conditions: 'i486-dx50 ping-pong, 8 bytes: Mach\'s IPC time over L3\'s',
    expected: 22,
    unit: 'ratio',
    role: 'predicted',
    experiment: 'l3-mach-8',
    measure: (s) => machUs(s, 8) / ipcUs(s, 8),
    knownGap: FIXED_GAP,
  }),
  claim({
    ref: 'l3.s8.22x',
    source: '§8: "The achievable quantitative gain is so high (22 times faster)"',
    conditions: 'i486-dx50 ping-pong, 8 bytes: Mach\'s IPC time over L3\'s',
    expected: 22,
    unit: 'ratio',
    role: 'predicted',
    experiment: 'l3-mach-8',
    measure: (s) => machUs(s, 8) / ipcUs(s, 8),
    knownGap: FIXED_GAP,
  }),
  claim({
    ref: 'l3.abstract.vs_mach_4KB',
    source: 'Abstract: "... to 3 (4-Kbyte messages)"',
    conditions: 'i486-dx50 ping-pong, 4096 bytes: Mach\'s IPC time over L3\'s',
    expected: 3,
    unit: 'ratio',
    role: 'predicted',
    experiment: 'l3-mach-4096',
    measure: (s) => machUs(s, 4096) / ipcUs(s, 4096),
    note: 'the paper disagrees with itself: Table 7 gives 460 / 115.6 = 4.0 at 4 KB; against L3 with the cache flushed it is 460 / 169.9 = 2.7',
    knownGap: 'the model gives about 3.0 (Mach about 298 µs against L3\'s 101 µs at 4 KB), near the abstract\'s factor 3 only because the counted Mach path is far shorter than Table 7\'s; against Table 7 (460 / 115.6 = 4.0) it is 26% low',
  }),
  claim({
    ref: 'l3.abstract.twentyfold',
    source: 'Abstract: "we achieve 5 µs; a twentyfold improvement" (over a typical 100 µs micro-kernel IPC)',
    conditions: 'i486-dx50 ping-pong, 8 bytes: Mach (the typical micro-kernel of the comparison) over L3',
    expected: 20,
    unit: 'ratio',
    tolerancePct: 10,
    role: 'predicted',
    experiment: 'l3-mach-8',
    measure: (s) => machUs(s, 8) / ipcUs(s, 8),
    note: 'the abstract\'s 100 µs is a typical figure, not a measured system; Mach on the same 486 stands for it',
    knownGap: FIXED_GAP,
  }),
].map(needsMach);

/**
 * mach_thread_self on the 486, one call at a time in a closed loop (the paper's 18 µs is a
 * measured mean; 10,000 calls at the paper's scale).
 */
const threadSelfUs = (s: Scale): number =>
  measure({ machine: DX50, kernel: 'mach', workload: 'mach-thread-self', calls: s === 'paper' ? 10_000 : 200 }).result.latencyUs.mean;

/** The bare INT and IRET of the L3 minimal path (§5.6's "bare machine time ... 2 µs"). */
const bareTrapUs = (s: Scale): number => perIpc(appendixRun(s), ['call kernel', 'return to user']).exec / 50;

/** §5.6: Mach's system-call path: mach_thread_self through the Mach trap path. */
export const machSyscallClaims: Claim[] = [
  claim({
    ref: 'l3.s5.6.mach_thread_self',
    source: '§5.6: "For Mach on a 486 (50 MHz) we measured 18 µs for the mach_thread_self call"',
    conditions: 'i486-dx50, mach, the mach_thread_self system call in a closed loop',
    expected: 18,
    unit: 'us',
    role: 'predicted',
    experiment: 'l3-mach-thread-self',
    measure: threadSelfUs,
    knownGap: THREAD_SELF_GAP,
  }),
  claim({
    ref: 'l3.s5.6.mach_syscall_penalty',
    source: '§5.6: "Using the Mach system call implementation would increase our 8-byte ipc time by 300%"',
    conditions: 'i486-dx50: (mach_thread_self - the bare INT and IRET) over L3\'s 8-byte IPC',
    expected: 300,
    unit: 'percent',
    role: 'predicted',
    experiment: 'l3-mach-thread-self',
    measure: (s) => ((threadSelfUs(s) - bareTrapUs(s)) / ipcUs(s, 8)) * 100,
    note: 'the penalty follows from the modelled mach_thread_self less the bare INT and IRET (2.1 µs) over L3\'s modelled 8-byte IPC',
    knownGap: 'follows the mach_thread_self gap: the counted i386 system call (about 10.4 µs) is well short of the measured 18 µs, so the penalty over L3\'s 8-byte IPC is about 170%, not 300%',
  }),
].map(needsMach);
