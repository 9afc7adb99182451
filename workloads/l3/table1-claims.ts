// Table 1 of the L3 paper as real runs: each optimisation switched off alone, the IPC time increase
// per message size; and the text's numbers for the same techniques (§5.2.3, §5.2.5, §5.3.4,
// §5.3.6, §5.5.2, §5.5.3, §7.1, §7.4), read from the runs' breakdowns.

import { claim, type Claim, type Scale } from '../claims.js';
import { findKernel } from '../../kernels/index.js';

// The appendix tables' row labels, as the l3 kernel publishes them.
const { 'l3-table3': TABLE3, 'l3-table5': TABLE5 } = findKernel('l3')!.breakdowns!;
import { appendixRun, perIpc } from './appendix.js';
import { increasePct, ipcUs, perIpcWhere, pingPong, TABLE1_ROWS, TABLE1_SIZES } from './experiments.js';

const PP = 'i486-dx50, l3 (full path), ping-pong';

/** §7.4's processor without segments: no segment check, INT 71 → 25 and IRET 36 → 12 (derived: 70 × 71/107 = 46, 70 × 36/107 = 24). */
export const NO_SEGMENTS = ['kernel.segments=none', 'costs.trap=25', 'costs.rti=12'];


/** Table 1 as printed (percent; missing cells are the paper's dashes). */
const TABLE1: Record<string, Partial<Record<number, number>>> = {
  short_msg_via_reg: { 8: 49 },
  direct_transfer: { 12: 9, 128: 23, 512: 58, 4096: 157 },
  lazy_scheduling: { 8: 23, 12: 16, 128: 12, 512: 7, 4096: 1 },
  no_segm_reg: { 8: 21, 12: 14, 128: 11, 512: 6, 4096: 1 },
  reply_and_wait: { 8: 18, 12: 13, 128: 10, 512: 5, 4096: 1 },
  condensed_tables: { 8: 13, 12: 9, 128: 7, 512: 4, 4096: 1 },
  virtual_tcb: { 8: 10, 12: 7, 128: 5, 512: 3, 4096: 1 },
};

// How the cells are computed: each is a run with one switch off against the default run at the
// same size, as a percentage of the default run's IPC time (Table 1's "relative to the ipc times
// obtained"). The paper's cells, times its own IPC times (5.2, 7.6, 9.8, 18.1, 115.6 µs, Table 7),
// give one absolute cost per row at every size (lazy scheduling 1.2 µs, segment registers 1.1,
// reply & wait 0.9-1.0, condensed tables 0.7, virtual tcb 0.5): the rows price each technique once
// and divide it by each size's time, so they leave out the cache interference of 512- and 4096-byte
// runs. The model's IPC is faster than the paper's (4.93 µs at 8 bytes, 100.75 at 4096; see
// l3.table7.l3.*), so the same absolute cost is a larger percentage here.

const LAZY_FEWER =
  'the strict queue operations cost 47 cycles per IPC (the 22 loads and stores of §5.3.4 less the 2 state stores lazy scheduling makes, and 3 TLB misses) against the paper\'s 58 with 4 misses: in the ping-pong\'s steady state the sender is appended right after the receiver in the wait queue (the receiver\'s tcb is translated by the uid check) and the receiver right after the background thread the sender was unlinked past, so only the idle, background and driver tcb pages miss (see l3.s5.3.4.strict_sched_tlb)';
const LAZY_CACHE = (misses: string) =>
  `as at 8 bytes, one TLB miss fewer than the paper counts; and at this size the strict path's extra code and tcb lines evict message, user-code and stack lines from the 4-way on-chip cache (${misses} more cache misses per IPC), interference that the paper's fixed 1.2 µs per IPC leaves out`;
const SEGM_BASE =
  'the model\'s increase is §5.5.3\'s own 56 cycles per IPC (66 for saving and reloading the segment registers against 10 for the check), 1.12 µs, where the paper\'s cells imply 1.06-1.09 µs; it is a larger percentage only because the model\'s IPC is faster than the paper\'s at these sizes (see l3.table7.l3.8): on the paper\'s IPC times it would be 21.5%, 14.7% and 11.4% at 8, 12 and 128 bytes';
const REPLY_BOUND =
  'without reply & wait the server replies by send and waits by receive: one more system call per round trip, whose bare INT (71 cycles) + IRET (36, Table 3) + segment check (10, §5.5.3) alone are 117 cycles, 1.17 µs per IPC: 22.5%, 15.4%, 11.9% and 6.5% of the paper\'s own 8-, 12-, 128- and 512-byte IPC times, above each of its cells (the 18% at 8 bytes is 0.94 µs per IPC, below even INT + IRET). The model adds 25 cycles per round trip of send and receive work (delivery into the waiting client\'s saved frame and its loading, the stubs, the block and the scheduler\'s pick), 142 in all; its send is the cheapest form (no switch): L3\'s own send switches to the receiver (§5.3.5), which would leave the client polling a server not yet receiving and cost more';
const CONDENSED_FEWER =
  'the model saves 3 TLB misses per IPC (27 cycles): the IDT and TSS pages INT reads in the sender\'s context and the entry-code page after the address-space switch; the GDT page is needed after the switch either way. The paper counts 4 (36 cycles, 0.7 µs, §5.5.2); a fourth would be the hot kernel data §5.5.2 puts into the tables page (e.g. the clock), which the ping-pong\'s IPC path never touches (no timeouts) (see l3.s5.5.2.placement_tlb_saved)';
const VTCB_FEWER =
  'the model saves 2 TLB misses per IPC (18 cycles) where §5.2.5 counts 3: the thread table, and the sender\'s tcb, which lies apart from the kernel stack INT pushes onto. The receiver\'s tcb page misses twice per IPC with virtual tcbs (the uid check before the address-space switch, IRET\'s frame after it) and its tcb and separate stack miss once each without, so the receiver\'s stack saves nothing; the paper\'s third miss needs a receiver tcb access after the switch that it does not describe (see l3.s5.2.5.virtual_tcb_tlb_saved)';
const DIRECT_MAPPING = (model: string, paper: string) =>
  `as at 12 bytes, the temporary mapping the twofold copy saves (62 cycles) offsets part of its second copy: ${model} µs per IPC against the paper's ${paper} µs`;

/** Why a cell stays off by more than its tolerance, when it does. */
const GAPS: Record<string, string> = {
  'direct_transfer.12':
    'the model\'s twofold copy adds a second 12-byte copy (Table 4\'s 20-cycle start-up and the move) and one TLB miss on the kernel buffer after the switch, and saves Table 4\'s temporary mapping (35 cycles and 3 TLB misses on the two page directories and the window: §5.3.6\'s 62 cycles) and the window\'s invalidation: 33 cycles per IPC cheaper. The paper\'s +9% (34 cycles per IPC) would need about 67 cycles of misses in the twofold copy beyond its own 20 + 0.75n (§5.2.3 names them only as "additional TLB and cache misses"); in the model the kernel buffer stays translated in the sender\'s space (the previous copy-out touched it there) and cached. The paper\'s row is close to the second copy\'s own cost (the model\'s copy-out: 0.8, 3.1 and 10.8 µs at 12, 128 and 512 bytes, against its 0.68, 2.25 and 10.5 µs), as if the mapping it saves were not subtracted',
  'direct_transfer.128': DIRECT_MAPPING('1.66', '2.25'),
  'direct_transfer.512': DIRECT_MAPPING('9.34', '10.5'),
  'direct_transfer.4096':
    'the twofold copy adds 144 µs per IPC against the paper\'s 181 µs (157% of 115.6 µs), and the model\'s 4 KB IPC is 13% faster than the paper\'s (see l3.table7.l3.4096), so the percentage is smaller',
  'lazy_scheduling.8': LAZY_FEWER,
  'lazy_scheduling.12': LAZY_FEWER,
  'lazy_scheduling.128': LAZY_FEWER,
  'lazy_scheduling.512': LAZY_CACHE('3.5'),
  'lazy_scheduling.4096': LAZY_CACHE('8'),
  'no_segm_reg.8': SEGM_BASE,
  'no_segm_reg.12': SEGM_BASE,
  'no_segm_reg.128': SEGM_BASE,
  'no_segm_reg.4096':
    'the 56 cycles of §5.5.3 plus 4 cache misses per IPC: at 4 KB the reload code and the pushed segment words evict buffer lines (the 4 KB runs are conflict-bound), interference the paper\'s fixed cost per IPC leaves out',
  'reply_and_wait.8': REPLY_BOUND,
  'reply_and_wait.12': REPLY_BOUND,
  'reply_and_wait.128': REPLY_BOUND,
  'reply_and_wait.512': `${REPLY_BOUND}; at 512 bytes the extra code also evicts buffer lines (4.5 more cache misses per IPC)`,
  'reply_and_wait.4096':
    'the extra system call of the 8-byte cell (142 cycles per round trip) plus 7.5 more cache misses per IPC at 4 KB, where the runs are conflict-bound; the paper\'s fixed cost per IPC leaves such interference out',
  'condensed_tables.8': CONDENSED_FEWER,
  'condensed_tables.12': CONDENSED_FEWER,
  'condensed_tables.128': CONDENSED_FEWER,
  'condensed_tables.512': CONDENSED_FEWER,
  'virtual_tcb.8': VTCB_FEWER,
  'virtual_tcb.12': VTCB_FEWER,
  'virtual_tcb.128': VTCB_FEWER,
  'virtual_tcb.512': VTCB_FEWER,
};

/**
 * Tolerance of a Table 1 cell, in percentage points: 5% of the paper's increase, or the table's
 * printing resolution (whole percents, ±0.5 point) where that is larger. Either admits neither no
 * effect nor the opposite sign for any printed cell.
 */
const points = (expected: number): number => Math.max(0.05 * expected, 0.5);

function cell(key: string, label: string, off: readonly string[], n: number): Claim {
  const expected = TABLE1[key][n]!;
  const gap = GAPS[`${key}.${n}`];
  return claim({
    ref: `l3.table1.${key}.${n}`,
    source: `Table 1, "${label}" removed, ${n}-byte ipc`,
    conditions: `${PP}, ${n} bytes, ${off.join(' ')} against the default kernel; increase of the IPC time in percent`,
    expected,
    unit: 'percent',
    toleranceAbs: points(expected),
    role: 'predicted',
    experiment: `l3-table1-${key}-${n}`,
    measure: (s) => increasePct(s, n, [...off]),
    ...(gap ? { knownGap: gap } : {}),
    note: 'tolerance: 5% of the increase, or the table\'s printing resolution of ±0.5 point where larger',
  });
}

const at8 = (s: Scale, set: string[] = []) => pingPong(s, { bytes: 8, set });
const tlbPerIpc = (s: Scale, set: string[] = []) => perIpcWhere(at8(s, set).rows, () => true).tlbMisses;
const stepsPerIpc = (s: Scale, set: string[], pick: (l: string) => boolean) => perIpcWhere(at8(s, set).rows, pick);
const strictSteps = (l: string) => l.startsWith('scheduling: ') && /queue/.test(l);

export const table1Claims: Claim[] = [
  ...TABLE1_ROWS.flatMap((r) => r.sizes.map((n) => cell(r.key, r.label, r.off, n))),
  claim({
    ref: 'l3.table1.sum_8B',
    source: 'Table 1 text: "more than 134% (= 49 + 23 + 21 + 18 + 13 + 10)"',
    conditions: `${PP}, 8 bytes: the sum of the six 8-byte increases`,
    expected: 134,
    unit: 'percent',
    tolerancePct: 10,
    role: 'predicted',
    experiment: 'l3-table1',
    measure: (s) => TABLE1_ROWS.filter((r) => (r.sizes as readonly number[]).includes(8)).reduce((t, r) => t + increasePct(s, 8, [...r.off]), 0),
  }),
  claim({
    ref: 'l3.table1.sum_8B',
    id: 'l3.table1.sum_8B.synergy',
    source: 'Table 1 text: "Removal of all optimizations shown in the table will increase the 8-byte ipc time by far more than 134%"',
    conditions: `${PP}, 8 bytes, all six switches off at once, against the sum of the single increases`,
    expected: null,
    unit: 'shape',
    role: 'predicted',
    experiment: 'l3-table1-all-off',
    measure: (s) => {
      const all = TABLE1_ROWS.filter((r) => (r.sizes as readonly number[]).includes(8)).flatMap((r) => [...r.off]);
      const sum = TABLE1_ROWS.filter((r) => (r.sizes as readonly number[]).includes(8)).reduce((t, r) => t + increasePct(s, 8, [...r.off]), 0);
      return increasePct(s, 8, all) > sum;
    },
  }),
  claim({
    ref: 'l3.table1.shape',
    source: '§5.6: "For short messages, the most valuable technique is register transfer, whereas direct message transfer dominates all other optimizations when messages become longer"',
    conditions: `${PP}: the largest increase at 8 bytes is the register transfer's; at 512 and 4096 bytes the direct transfer's; the other rows shrink from 8 to 4096 bytes`,
    expected: null,
    unit: 'shape',
    role: 'predicted',
    experiment: 'l3-table1',
    measure: (s) => {
      const at = (key: string, n: number) => {
        const r = TABLE1_ROWS.find((x) => x.key === key)!;
        return increasePct(s, n, [...r.off]);
      };
      const others = ['lazy_scheduling', 'no_segm_reg', 'reply_and_wait', 'condensed_tables', 'virtual_tcb'];
      const regsFirst = others.every((k) => at('short_msg_via_reg', 8) > at(k, 8));
      const directDominates = [512, 4096].every((n) => others.every((k) => at('direct_transfer', n) > at(k, n)));
      const shrink = others.every((k) => at(k, 4096) < at(k, 8));
      return regsFirst && directDominates && shrink;
    },
  }),

  // §5.3.6: registers against the temporary mapping.
  claim({
    ref: 'l3.s5.3.6.register_gain',
    source: '§5.3.6: "we achieved a performance gain of 2.4 µs or 48% T"',
    conditions: `${PP}, 8 bytes, with and without kernel.shortMessagesInRegisters`,
    expected: 2.4,
    unit: 'us',
    tolerancePct: 10,
    role: 'predicted',
    experiment: 'l3-table1-short_msg_via_reg-8',
    measure: (s) => ipcUs(s, 8, ['kernel.shortMessagesInRegisters=false']) - ipcUs(s, 8),
    knownGap: 'the model\'s long path for 8 bytes is 2.7 µs slower; the register path is 0.3 µs faster than the paper\'s (see l3.table7.l3.8)',
  }),
  claim({
    ref: 'l3.s5.3.6.temp_map_overhead',
    source: '§5.3.6: Table 4\'s "optimistic best case estimation ... an overhead of at least 62 cycles"',
    conditions: 'i486-dx50, l3 minimal path with Table 4 spliced in: execution plus TLB-miss cycles of the mapping rows',
    expected: 62,
    unit: 'cycles',
    tolerancePct: 0,
    role: 'predicted',
    experiment: 'l3-appendix',
    measure: (s) => {
      const rows = appendixRun(s);
      const labels = rows.map((r) => r.step).filter((l) => l.startsWith('map: '));
      return perIpc(rows, labels).cycles;
    },
  }),

  // §5.2.3: what the twofold copy adds over a single copy for a short message. The paper's 0.5 µs
  // is its own formula "20 + 0.75n cycles" at n = 8 (26 cycles), the miss penalties named apart
  // ("plus additional TLB and cache misses"), and its single copy method is any one-copy transfer,
  // not yet the temporary mapping (whose overhead §5.3.6 prices apart, l3.s5.3.6.temp_map_overhead):
  // so the measure is the execution time of the second copy (start-up and move) in the twofold run.
  // Twofold against the temporary mapping, mapping included, is Table 1's direct-transfer row.
  claim({
    ref: 'l3.s5.2.3.twofold_copy_penalty',
    source: '§5.2.3: "Even transferring an 8-byte message by the above algorithm would be about 0.5 µs (10% T) more expensive than a single copy method"',
    conditions: `${PP}, 8 bytes without registers, kernel.directTransfer=false: execution time of the second copy (kernel buffer to the receiver: start-up and move), per IPC`,
    expected: 0.5,
    unit: 'us',
    tolerancePct: 20,
    role: 'predicted',
    experiment: 'l3-twofold-8',
    measure: (s) => {
      const copyOut = perIpcWhere(pingPong(s, { bytes: 8, set: ['kernel.shortMessagesInRegisters=false', 'kernel.directTransfer=false'] }).rows, (l) => l.startsWith('ipc: copy out'));
      // The run's own µs per cycle turns the execution cycles into µs.
      return copyOut.exec * (copyOut.us / copyOut.cycles);
    },
    note: 'the second copy\'s kernel-buffer TLB miss (9 cycles) is left out as the paper leaves its misses out of the 0.5 µs; the copy is Table 4\'s 20-cycle start-up and the store rate of §6',
  }),

  // §5.2.5: virtual tcbs.
  claim({
    ref: 'l3.s5.2.5.virtual_tcb_tlb_saved',
    source: '§5.2.5: "It saves 3 TLB misses per ipc"',
    conditions: `${PP}, 8 bytes, TLB misses per IPC with and without kernel.virtualTcbs`,
    expected: 3,
    unit: 'TLB misses',
    tolerancePct: 0,
    role: 'predicted',
    experiment: 'l3-table1-virtual_tcb-8',
    measure: (s) => tlbPerIpc(s, ['kernel.virtualTcbs=false']) - tlbPerIpc(s),
    knownGap:
      'the model saves 2: the thread table, and the sender\'s tcb, which lies apart from the kernel stack the INT pushes onto. The receiver\'s tcb page misses twice per IPC with virtual tcbs (the uid check before the switch, IRET\'s frame after it) and its tcb and stack once each without, so its separate stack saves nothing; a third saved miss needs a receiver tcb access after the switch, which the paper does not describe',
  }),
  claim({
    ref: 'l3.s5.2.5.virtual_tcb_time_saved',
    source: '§5.2.5: "(0.5 µs, 10% T)"',
    conditions: `${PP}, 8 bytes, with and without kernel.virtualTcbs`,
    expected: 0.5,
    unit: 'us',
    tolerancePct: 10,
    role: 'predicted',
    experiment: 'l3-table1-virtual_tcb-8',
    measure: (s) => ipcUs(s, 8, ['kernel.virtualTcbs=false']) - ipcUs(s, 8),
    knownGap: 'two TLB misses saved instead of three, 18 cycles instead of 27 (see l3.s5.2.5.virtual_tcb_tlb_saved)',
  }),

  // §5.3.4: strict scheduling's queue work.
  claim({
    ref: 'l3.s5.3.4.insert_loadstores',
    source: '§5.3.4: "Insertion needs at least 7 ... load/store operations"',
    conditions: `${PP}, 8 bytes, kernel.lazyScheduling=false: instructions of inserting the sender into the wait queue`,
    expected: 7,
    unit: 'load/store ops',
    tolerancePct: 0,
    role: 'calibrated',
    experiment: 'l3-table1-lazy_scheduling-8',
    measure: (s) => stepsPerIpc(s, ['kernel.lazyScheduling=false'], (l) => l === 'scheduling: insert sender into wait queue').instructions,
  }),
  claim({
    ref: 'l3.s5.3.4.delete_loadstores',
    source: '§5.3.4: "... and deletion 4, load/store operations"',
    conditions: `${PP}, 8 bytes, kernel.lazyScheduling=false: instructions of deleting the sender from the ready queue`,
    expected: 4,
    unit: 'load/store ops',
    tolerancePct: 0,
    role: 'calibrated',
    experiment: 'l3-table1-lazy_scheduling-8',
    measure: (s) => stepsPerIpc(s, ['kernel.lazyScheduling=false'], (l) => l === 'scheduling: delete sender from ready queue').instructions,
  }),
  claim({
    ref: 'l3.s5.3.4.strict_sched_tlb',
    source: '§5.3.4: "Together with 4 expected TLB misses"',
    conditions: `${PP}, 8 bytes, kernel.lazyScheduling=false: TLB misses of the four queue operations`,
    expected: 4,
    unit: 'TLB misses',
    tolerancePct: 0,
    role: 'predicted',
    experiment: 'l3-table1-lazy_scheduling-8',
    measure: (s) => stepsPerIpc(s, ['kernel.lazyScheduling=false'], strictSteps).tlbMisses,
    knownGap:
      'the four operations touch the tcbs of the idle, background and driver threads (3 misses), the two IPC threads\' tcbs and the queue heads, which are translated already (the uid check, the condensed page): in the ping-pong\'s steady state the sender is appended right after the receiver in the wait queue and the receiver after the background thread the sender was unlinked past; the paper expects one page of its own per operation',
  }),
  claim({
    ref: 'l3.s5.3.4.strict_sched_cycles',
    source: '§5.3.4: "this will take at least 58 cycles (1.2 µs, 23% T)"',
    conditions: `${PP}, 8 bytes, kernel.lazyScheduling=false: cycles of the four queue operations`,
    expected: 58,
    unit: 'cycles',
    tolerancePct: 10,
    role: 'predicted',
    experiment: 'l3-table1-lazy_scheduling-8',
    measure: (s) => stepsPerIpc(s, ['kernel.lazyScheduling=false'], strictSteps).cycles,
    knownGap: 'the 22 loads and stores are the paper\'s (22 cycles); the model takes 3 TLB misses (27 cycles) where the paper expects 4 (36) (see l3.s5.3.4.strict_sched_tlb)',
  }),

  // §5.5.2: placement.
  claim({
    ref: 'l3.s5.5.2.placement_tlb_saved',
    source: '§5.5.2: "We saved 4 TLB misses by this technique"',
    conditions: `${PP}, 8 bytes, TLB misses per IPC with and without kernel.condensedTables`,
    expected: 4,
    unit: 'TLB misses',
    tolerancePct: 0,
    role: 'predicted',
    experiment: 'l3-table1-condensed_tables-8',
    measure: (s) => tlbPerIpc(s, ['kernel.condensedTables=false']) - tlbPerIpc(s),
    knownGap:
      'the model saves 3 (the IDT and TSS pages INT reads in the sender\'s context, the entry-code page after the switch); the GDT page is needed after the switch either way, and the hot kernel data §5.5.2 also puts into the page (e.g. the clock) is not touched by the ping-pong\'s IPC (no timeouts), so it saves no fourth',
  }),
  claim({
    ref: 'l3.s5.5.2.total_tlb_saved',
    source: '§5.5.2: "together with ... virtual objects (see 5.2.5) and lazy scheduling (see 5.3.4) at least 11 TLB misses are saved"',
    conditions: `${PP}, 8 bytes, TLB misses per IPC with all three switched off against none`,
    expected: 11,
    unit: 'TLB misses',
    tolerancePct: 0,
    role: 'predicted',
    experiment: 'l3-tlb-three-off',
    measure: (s) => tlbPerIpc(s, ['kernel.condensedTables=false', 'kernel.virtualTcbs=false', 'kernel.lazyScheduling=false']) - tlbPerIpc(s),
    knownGap: 'singly the model saves 3 + 2 + 3 (strict queues, separate tcbs and stacks, split tables) where the paper counts 4 + 3 + 4; see l3.s5.3.4.strict_sched_tlb, l3.s5.2.5.virtual_tcb_tlb_saved and l3.s5.5.2.placement_tlb_saved for the page each lacks',
  }),

  // §5.5.3: segment registers.
  claim({
    ref: 'l3.s5.5.3.segreg_maintain',
    source: '§5.5.3: "If the kernel guaranteed to maintain the user segment registers ... this would cost 66 cycles"',
    conditions: `${PP}, 8 bytes, kernel.segments=reload: execution cycles of saving, loading and restoring`,
    expected: 66,
    unit: 'cycles',
    tolerancePct: 0,
    role: 'calibrated',
    experiment: 'l3-table1-no_segm_reg-8',
    measure: (s) => stepsPerIpc(s, ['kernel.segments=reload'], (l) => /segment registers/.test(l)).exec,
    note: 'the split into 4 pushes, 2 flat loads and 4 reloads is a reading that makes the paper\'s 66 cycles from the 486 timings',
  }),
  claim({
    ref: 'l3.s5.5.3.segreg_check',
    source: '§5.5.3: "only 10 cycles are required for checking the segment registers"',
    conditions: `${PP}, 8 bytes: execution cycles of the entry check`,
    expected: 10,
    unit: 'cycles',
    tolerancePct: 0,
    role: 'calibrated',
    experiment: 'l3-pingpong-8',
    measure: (s) => stepsPerIpc(s, [], (l) => l === 'kernel entry: segment check').exec,
  }),

  // §5.3.1: tcb address and uid check.
  claim({
    ref: 'l3.s5.3.1.tcb_addr_cycles',
    source: '§5.3.1: "only 3 cycles (0.06 µs, 1.2% T) are required"',
    conditions: `${PP}, 8 bytes: execution cycles of the tcb address computation`,
    expected: 3,
    unit: 'cycles',
    tolerancePct: 0,
    role: 'calibrated',
    experiment: 'l3-pingpong-8',
    measure: (s) => stepsPerIpc(s, [], (l) => l === 'ipc: tcb address from uid').exec,
  }),
  claim({
    ref: 'l3.s5.3.1.uid_check_cycles',
    source: '§5.3.1: "this costs another 4 cycles, i.e. 0.08 µs, 1.6% T"',
    conditions: `${PP}, 8 bytes: execution cycles of the uid check`,
    expected: 4,
    unit: 'cycles',
    tolerancePct: 0,
    role: 'calibrated',
    experiment: 'l3-pingpong-8',
    measure: (s) => stepsPerIpc(s, [], (l) => l === 'ipc: uid check').exec,
    note: 'read as CMP reg,mem (2) + Jcc (1) + the address-generation interlock on the just-computed tcb pointer (1)',
  }),

  // §7.1: ports in the full path.
  claim({
    ref: 'l3.s7.1.port_overhead_cycles',
    source: '§7.1: "The best case estimation (see table 5) gives 29 cycles"',
    conditions: `${PP}, 8 bytes, cycles per IPC with kernel.portAccess=true against without`,
    expected: 29,
    unit: 'cycles',
    tolerancePct: 10,
    role: 'predicted',
    experiment: 'l3-ports-8',
    measure: (s) => pingPong(s, { bytes: 8, set: ['kernel.portAccess=true'] }).ipcCycles - pingPong(s, { bytes: 8 }).ipcCycles,
  }),
  claim({
    ref: 'l3.s7.1.port_impl_matches',
    source: '§7.1: "A test implementation in the L3 µ-kernel led to the same result"',
    conditions: 'i486-dx50: the full path\'s port overhead within 3 cycles of the minimal path\'s Table 5 rows (execution + TLB misses)',
    expected: null,
    unit: 'shape',
    role: 'predicted',
    experiment: 'l3-ports-8',
    measure: (s) => {
      const full = pingPong(s, { bytes: 8, set: ['kernel.portAccess=true'] }).ipcCycles - pingPong(s, { bytes: 8 }).ipcCycles;
      return Math.abs(full - perIpc(appendixRun(s), TABLE5).cycles) <= 3;
    },
  }),

  // §7.4: the hypothetical 486.
  claim({
    ref: 'l3.s7.4.tagged_tlb_saving',
    source: '§7.4: "with a multi-address-space TLB (saving 45 cycles)"',
    conditions: 'i486-dx50, l3 minimal path (Table 3): cycles per IPC with --set tlb.tagged=true against without',
    expected: 45,
    unit: 'cycles',
    tolerancePct: 0,
    role: 'predicted',
    experiment: 'l3-appendix',
    measure: (s) => perIpc(appendixRun(s), TABLE3).cycles - perIpc(appendixRun(s, ['tlb.tagged=true']), TABLE3).cycles,
  }),
  claim({
    ref: 'l3.s7.4.no_segments_saving',
    source: '§7.4: "A hypothetical 486-compatible processor without the segment system (saving 80 cycles)"',
    conditions: `${PP}, 8 bytes: cycles per IPC against kernel.segments=none with INT and IRET priced without segment work (${NO_SEGMENTS.join(' ')})`,
    expected: 80,
    unit: 'cycles',
    tolerancePct: 0,
    role: 'calibrated',
    experiment: 'l3-hypothetical-486',
    measure: (s) => pingPong(s, { bytes: 8 }).ipcCycles - pingPong(s, { bytes: 8, set: NO_SEGMENTS }).ipcCycles,
    note: 'the what-if INT and IRET costs are derived from this number (80 - the 10-cycle check = 70 cycles, split between INT and IRET in proportion to their cost)',
  }),
  claim({
    ref: 'l3.s7.4.hypothetical_ipc',
    source: '§7.4: "could reduce the time needed for short ipc from 5 µs to 2.5 µs"',
    conditions: `${PP}, 8 bytes, ${[...NO_SEGMENTS, 'tlb.tagged=true'].join(' ')}`,
    expected: 2.5,
    unit: 'us',
    tolerancePct: 10,
    role: 'predicted',
    experiment: 'l3-hypothetical-486',
    measure: (s) => ipcUs(s, 8, [...NO_SEGMENTS, 'tlb.tagged=true']),
    knownGap:
      'the paper subtracts Table 3\'s 5 TLB misses (45 cycles); the full path takes 7 per IPC (kernel code, the receiver\'s tcb twice, the tables, user code, stack and message), and a tagged TLB saves all of them',
  }),
];

