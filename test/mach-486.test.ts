// The Mach 3.0 kernel on the i486 (L3 paper §5.5.3, §5.5.5, §5.6, Table 7): on an x86 machine it
// runs Mach's own i386 path counted from source (the call gate, locore's entry and exit with their
// segment loads, mach_msg_trap's fast path, thread_handoff, copyinmsg/copyoutmsg), none of the
// PA-RISC trap path; taken branches priced as such; the mach_thread_self system call; and none of
// it moves the HP 9000/730's cycles.

import { describe, expect, it } from 'vitest';
import { machines } from '../machines/index.js';
import { code, TAKEN_BRANCH_SHARE } from '../sim/os/mach/mix.js';
import { add, DIRECTION_PIECES, I386, THREAD_SELF_PIECES, total } from '../sim/os/mach/i386.js';
import { I386_STEPS } from '../sim/os/mach/i386-rpc.js';
import { KCALL, KCALL_LABELS } from '../sim/os/mach/kcall.js';
import { RPC_PATH, RPC_STAGES } from '../sim/os/mach/stages.js';
import { simulate, type RunSpec } from '../workloads/run.js';

/** mach_thread_self's routine as counted for the i386, piece by piece. */
const threadSelfCounts = add(...THREAD_SELF_PIECES.map((p) => I386[p]));

const run = (spec: Partial<RunSpec>) => simulate({ machine: 'i486-dx50', kernel: 'mach', calls: 40, warmup: 10, ...spec }).result;
const count = (work: ReturnType<typeof code>, cls: string): number =>
  work.reduce((n, w) => n + (w.k === 'i' && w.cls === cls ? w.n : 0), 0);

describe('mach on the i486', () => {
  it('every machine prices the taken branch and the segment load, with a source', () => {
    for (const m of machines) {
      expect(m.costs.jccTaken, m.id).toBeTypeOf('number');
      expect(m.costs.segLoad, m.id).toBeTypeOf('number');
      expect(m.sources['costs.jccTaken'] ?? m.sources['costs.jcc'], m.id).toBeTruthy();
      expect(m.sources['costs.segLoad'], m.id).toBeTruthy();
    }
  });

  it('a code path takes its stated share of branches', () => {
    const w = code(1000);
    const branches = count(w, 'jcc') + count(w, 'jccTaken');
    expect(branches).toBe(200);
    expect(count(w, 'jccTaken')).toBe(Math.round(200 * TAKEN_BRANCH_SHARE));
  });

  it('segment loads are the only difference between the 486 and a 486 without segment registers', () => {
    const a = run({});
    const b = run({ set: ['costs.segLoad=0'] });
    // Each direction of a round trip loads ds and es on entry, the LDT in switch_ktss, and gs, fs,
    // es, ds on the way out; the 1993 argument copy, copyinmsg and copyoutmsg load none.
    const perDirection = DIRECTION_PIECES.reduce((n, p) => n + ((I386[p] as Record<string, number>).segLoad ?? 0), 0);
    expect(perDirection).toBe(2 + 1 + 4);
    for (const p of ['argumentCopy', 'copyinmsg', 'copyoutmsg'] as const) expect((I386[p] as Record<string, number>).segLoad ?? 0, p).toBe(0);
    expect(a.latencyCycles.mean - b.latencyCycles.mean).toBe(2 * perDirection * 9);
  });

  it('taken branches cost the 486 more than untaken ones would', () => {
    const a = run({});
    const b = run({ set: ['costs.jccTaken=1'] });
    expect(a.latencyCycles.mean).toBeGreaterThan(b.latencyCycles.mean);
  });

  it('mach_thread_self runs the Mach trap path around its routine, well above a bare INT and IRET', () => {
    const r = run({ workload: 'mach-thread-self' });
    expect(r.breakdown.some((b) => /mach_thread_self/.test(b.step))).toBe(true);
    expect(r.breakdown.every((b) => b.side === 'kernel')).toBe(true);
    // The bare trap and return are 71 + 36 cycles; the Mach path adds locore's entry and exit and the routine.
    expect(r.latencyCycles.mean).toBeGreaterThan(71 + 36 + total(add(I386.syscallEntry, I386.callReturn, I386.returnToUser, threadSelfCounts)));
    // One call leaves the kernel with the user segments reloaded: 2 + 4 segment loads.
    const noSeg = run({ workload: 'mach-thread-self', set: ['costs.segLoad=0'] });
    expect(r.latencyCycles.mean - noSeg.latencyCycles.mean).toBe(6 * 9);
  });

  it('on the HP 9000/730 the new work costs nothing extra: taken branches as untaken, no segment loads', () => {
    const hp = (set: string[]) => simulate({ machine: 'hp9000-730', kernel: 'mach', calls: 30, warmup: 5, set }).result.latencyCycles.mean;
    expect(hp([])).toBe(hp(['costs.jccTaken=1', 'costs.segLoad=0']));
    const m = machines.find((x) => x.id === 'hp9000-730')!;
    expect(m.costs.jccTaken).toBe(m.costs.jcc);
    expect(m.costs.segLoad).toBe(0);
  });
});

describe('the i386 Mach path on x86 machines', () => {
  const rows = (machine: string, spec: Partial<RunSpec> = {}) => simulate({ machine, kernel: 'mach', calls: 40, warmup: 10, ...spec }).result.breakdown;
  const stepsOf = (machine: string) => new Set(rows(machine).map((b) => b.step));

  it('a null RPC runs the counted pieces in both directions: call gate and entry, fast path, handoff, copies, exit', () => {
    for (const m of ['i486-dx50', 'i486-dx33', 'i386-20', 'linux-i486-66']) {
      const steps = stepsOf(m);
      for (const label of [I386_STEPS.userSend, I386_STEPS.entry, I386_STEPS.before, I386_STEPS.copyin, I386_STEPS.handoff, I386_STEPS.after, I386_STEPS.copyout, I386_STEPS.exit, I386_STEPS.userReceive]) {
        expect(steps.has(label), `${m}: ${label}`).toBe(true);
        expect(steps.has(`${label} (reply)`), `${m}: ${label} (reply)`).toBe(true);
      }
    }
  });

  it('none of the PA-RISC path: no inks Table 1 stage, no Mach kernel-call row', () => {
    const steps = [...stepsOf('i486-dx50'), ...rows('i486-dx50', { workload: 'mach-thread-self' }).map((b) => b.step)];
    const parisc = new Set<string>([...RPC_STAGES, ...Object.values(KCALL_LABELS)]);
    expect(steps.filter((s) => parisc.has(s.replace(/ \/ copy$/, '')))).toEqual([]);
  });

  it('each step executes exactly the instructions counted for it (the gate and iret are one each)', () => {
    const b = rows('i486-dx50');
    const at = (label: string) => b.find((r) => r.step === label)!;
    const args = Object.fromEntries(Object.entries(I386.perArgument).map(([k, n]) => [k, n * I386.msgTrapArguments]));
    // The entry: the call gate, 34 instructions to the call (pusha as 8 stores), 5 for the argument copy, 3 per argument.
    expect(at(I386_STEPS.entry).instructions).toBe(1 + total(add(I386.syscallEntry, I386.withArguments, I386.argumentCopy, args)));
    expect(at(I386_STEPS.entry).trapEntries).toBe(1);
    expect(at(I386_STEPS.exit).trapReturns).toBe(1);
    expect(at(I386_STEPS.before).instructions).toBe(total(I386.requestBeforeHandoff));
    expect(at(`${I386_STEPS.before} (reply)`).instructions).toBe(total(I386.replyBeforeHandoff));
    // The handoff's instructions and its CR3 load (the context load, one more instruction).
    expect(at(I386_STEPS.handoff).instructions).toBe(total(add(I386.handoff, I386.spl)) + 1);
  });

  it('copyoutmsg walks the receiver\'s page directory and page table, copyinmsg does not', () => {
    // The 1993 copyout checks the destination page's writability itself on every CPU: two reads of
    // pages no earlier step of the direction touched since the CR3 load, so two TLB misses; the
    // copy routine's own code shares its page with mach_msg_trap's, already mapped.
    const b = rows('i486-dx50');
    const at = (label: string) => b.find((r) => r.step === label)!;
    for (const tag of ['', ' (reply)']) {
      expect(at(I386_STEPS.copyout + tag).instructions).toBe(total(I386.copyoutmsg));
      expect(at(I386_STEPS.copyout + tag).tlbMisses).toBe(2);
      expect(at(I386_STEPS.copyin + tag).tlbMisses).toBe(0);
    }
    // With the walk's two reads on a tagged TLB (no flush at the CR3 load) the misses go away.
    const tagged = rows('i486-dx50', { set: ['tlb.tagged=true'] }).find((r) => r.step === I386_STEPS.copyout)!;
    expect(tagged.tlbMisses).toBe(0);
  });

  it('the call gate and the iret are priced by the machine: one each per direction', () => {
    const cyc = (set: string[]) => simulate({ machine: 'i486-dx50', kernel: 'mach', calls: 40, warmup: 10, set }).result.latencyCycles.mean;
    expect(cyc(['costs.trap=81']) - cyc([])).toBe(2 * 10);
    expect(cyc(['costs.rti=46']) - cyc([])).toBe(2 * 10);
  });

  it('mach_thread_self takes the i386 entry and exit around its routine, not the PA-RISC trap path', () => {
    const b = rows('i486-dx50', { workload: 'mach-thread-self' });
    expect(b.map((r) => r.step)).toEqual([I386_STEPS.syscallEntry, I386_STEPS.threadSelf, I386_STEPS.callReturn]);
    // The routine is counted for the i386 from the 1993 source, not the PA-RISC count ported.
    expect(b[1].instructions).toBe(total(threadSelfCounts));
    expect(b[1].instructions).not.toBe(KCALL.threadSelf);
    expect(b[0].instructions + b[2].instructions).toBeLessThan(RPC_PATH.trapEntry);
  });

  it('mach_thread_self\'s routine is priced class by class as counted, and runs from the cache in a closed loop', () => {
    const b = rows('i486-dx50', { workload: 'mach-thread-self' });
    const m = machines.find((x) => x.id === 'i486-dx50')!;
    const costs = m.costs as Record<string, number>;
    const cycles = Object.entries(threadSelfCounts).reduce((n, [cls, k]) => n + costs[cls] * (k ?? 0), 0);
    expect(b[1].execCycles).toBe(cycles);
    expect(b[1].cacheMisses).toBe(0);
    expect(b[1].tlbMisses).toBe(0);
    // Six calls deep, each returning: the trap routine, the copyout, the object copyout, the reverse
    // lookup, the hash lookup and the local hash lookup.
    expect(threadSelfCounts.call).toBe(6);
    expect(threadSelfCounts.ret).toBe(7);
  });

  it('mach_thread_self\'s data are the thread, its port, the task and its IPC space: a cold cache misses on them', () => {
    // With a 256-byte on-chip cache nothing survives from one call to the next: the routine misses
    // on its data (stack frames, thread, port, task, space and entry table) as well as on its code,
    // so more often than its instructions' lines alone (3 bytes each, 16-byte lines) would.
    const warm = rows('i486-dx50', { workload: 'mach-thread-self' })[1];
    const cold = rows('i486-dx50', { workload: 'mach-thread-self', set: ['cache.l1.sizeBytes=256'] })[1];
    expect(cold.cacheMisses).toBeGreaterThan(Math.ceil((total(threadSelfCounts) * 3) / 16));
    expect(cold.cycles).toBeGreaterThan(warm.cycles);
  });

  it('the PA-RISC machine and the in-kernel servers keep their own path', () => {
    expect(stepsOf('hp9000-730').has(RPC_STAGES[2])).toBe(true);
    expect(stepsOf('hp9000-730').has(I386_STEPS.entry)).toBe(false);
    const inks = new Set(simulate({ machine: 'i486-dx50', kernel: 'inks-msg', calls: 20, warmup: 5 }).result.breakdown.map((r) => r.step));
    expect(inks.has(RPC_STAGES[2])).toBe(true);
  });

  it('calls with MIG arguments keep the PA-RISC stages on x86 (no i386 MIG stub was counted)', () => {
    const steps = new Set(simulate({ machine: 'i486-dx50', kernel: 'mach', calls: 20, warmup: 5, workload: 'inks-in64' }).result.breakdown.map((r) => r.step));
    expect(steps.has(RPC_STAGES[0])).toBe(true);
  });
});
