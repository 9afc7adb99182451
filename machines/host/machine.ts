// The machine at hand, built from a host profile (`npm run host:measure`): clock, processors,
// caches and TLB as its operating system reported them, and the operating-system primitives the
// Unix kernels of the sleep/wake-up paper need (system call, yield, switch, sleep/wake-up,
// semop, msgsnd/msgrcv, the shared queue) calibrated by the primitives measured on it — Table 1
// of the paper, re-measured today. Pure: the caller reads the file and passes the parsed profile.
//
// `host` has every processor the profile recorded; `host-N` the first N (host-1: the uniprocessor
// experiments, pinned to one processor).

import type { MachineDesc } from '../../sim/hw/machine.js';
import { linuxHostModel, registerFittedModel, type HostOsFit } from '../../sim/os/unix-models/index.js';
import { ProfileError, type HostCache, type HostProfile } from './profile.js';

/** Machine ids the builder answers to: host, host-1, host-2, ... */
export const HOST_ID = /^host(?:-(\d+))?$/;

export function isHostId(id: string): boolean {
  return HOST_ID.test(id);
}

/** Processors of a host machine id (`host`: all the profile recorded). */
export function processorsOf(id: string, p: HostProfile): number {
  const m = HOST_ID.exec(id);
  if (!m) throw new ProfileError(`'${id}' is not a host machine id (host, host-1, host-2, ...)`);
  const n = m[1] === undefined ? p.host.processors : Number(m[1]);
  if (n < 1 || n > p.host.processors) {
    throw new ProfileError(`--machine ${id}: the profile's host has ${p.host.processors} processor(s); use host or host-1 to host-${p.host.processors}`);
  }
  return n;
}

/** A CR3 write (guess, see sources). */
const LOAD_CONTEXT = 100;

export interface OsCosts {
  costs: Record<string, number>;
  bus: { tasCycles: number };
  sources: Record<string, string>;
}

/**
 * The host profile -> operating-system cost mapping: every OS primitive the host's Unix model
 * (today's Linux, sim/os/unix-models/linux-host.ts) fits a path to, from the measured primitives,
 * in cycles of the host clock. The one place that reads the profile's primitives.
 */
export function osCostsFromProfile(p: HostProfile, processors: number): OsCosts {
  const mhz = p.host.clockMHz;
  const prim = (k: string) => {
    const v = p.primitives[k];
    if (!v) throw new ProfileError(`host profile: primitive '${k}' missing`);
    return v;
  };
  const ns = (k: string) => prim(k).median;
  const cyc = (x: number) => Math.max(0, Math.round((x * mhz) / 1000));
  const src = (k: string) => `measured on this host by host:measure, median of ${prim(k).samples.length}: ${k} ${ns(k).toFixed(1)} ns`;
  const at = `× ${mhz} MHz`;
  const costs: Record<string, number> = {};
  const sources: Record<string, string> = {};
  const set = (k: string, v: number, s: string) => {
    costs[k] = v;
    sources[`costs.${k}`] = s;
  };

  set('trap', cyc(ns('null_syscall') / 2), `${src('null_syscall')} (getppid), half for entry ${at}`);
  set('rti', cyc(ns('null_syscall') / 2), `${src('null_syscall')} (getppid), half for exit ${at}`);
  // Yield loops (Table 1): 1 process is the call alone; 2 add a switch. EEVDF picks from a tree, so
  // no per-runnable term is fitted: yield_4 is kept for the report, not fitted.
  const y1 = ns('yield_1');
  const ctx = Math.max(0, ns('yield_2') - y1);
  set('sysYield', cyc(y1), `${src('yield_1')} (a yield that finds no one else to run) ${at}`);
  set('ctxSwitch', cyc(ctx), `derived: yield_2 − yield_1 = ${ctx.toFixed(1)} ns ${at}; ${src('yield_2')}; ${src('yield_1')}`);
  // With n processes yielding in turn, each comes back after n − 1 others ran: a switch to it costs
  // yield_n − yield_1, against yield_2 − yield_1 for one that ran just before. yield_3 is measured
  // by newer profiles; without it, the share after 2 others is interpolated halfway.
  const cold3 = Math.max(0, ns('yield_4') - ns('yield_2'));
  const y3 = p.primitives.yield_3;
  const cold2 = y3 ? Math.max(0, y3.median - ns('yield_2')) : cold3 / 2;
  set(
    'ctxCold2',
    cyc(cold2),
    y3
      ? `derived: yield_3 − yield_2 = ${cold2.toFixed(1)} ns ${at} (a switch to a process 2 others ran after, beyond one to the process that ran just before); ${src('yield_3')}; ${src('yield_2')}`
      : `assumption: half of yield_4 − yield_2 = ${cold2.toFixed(1)} ns ${at} (linear between the 2- and 4-process yield loops; this profile has no 3-process loop); ${src('yield_4')}; ${src('yield_2')}`,
  );
  set('ctxCold3', cyc(cold3), `derived: yield_4 − yield_2 = ${cold3.toFixed(1)} ns ${at} (a switch to a process 3 or more others ran after, beyond one to the process that ran just before); ${src('yield_4')}; ${src('yield_2')}`);
  set('loadContext', LOAD_CONTEXT, 'guess: a CR3 write, about 100 cycles on current x86 cores (the machine\'s costs.loadContext; the switch path is the measured switch less it)');
  set('sysSemop', cyc(ns('sem_pair') / 2), `${src('sem_pair')} (V then P, one process), half per call ${at}`);
  // msgsnd/msgrcv: the pair in a tight loop (Table 1's method), split as the batched calls split.
  const snd = ns('msgsnd');
  const share = snd / (snd + ns('msgrcv'));
  set('sysMsgsnd', cyc(ns('msg_pair') * share), `${src('msg_pair')}, × ${share.toFixed(3)} (msgsnd's share in batches: ${src('msgsnd')}) ${at}`);
  set('sysMsgrcv', cyc(ns('msg_pair') * (1 - share)), `${src('msg_pair')}, × ${(1 - share).toFixed(3)} (msgrcv's share in batches: ${src('msgrcv')}) ${at}`);
  // The blocking path beyond the calls (sleep and the later wake-up): a semaphore hand-over on one
  // processor is V + P + one switch, plus a sleep unless the V preempted its caller (then the
  // caller's next P finds the count up and does not sleep): about 1 − wake_preempt / 2 sleeps.
  const preempt = Math.min(1, Math.max(0, ns('wake_preempt')));
  const sleep = Math.max(0, (ns('sem_pingpong_1cpu') - ns('sem_pair') - ctx) / (1 - preempt / 2));
  set(
    'sysSleep',
    cyc(sleep),
    `derived: (sem_pingpong_1cpu − sem_pair − ctxSwitch) / (1 − wake_preempt / 2) = ${sleep.toFixed(1)} ns ${at}, floored at 0 (a V preempts its caller with the measured fraction wake_preempt, and then the caller\'s next P does not sleep); ` +
      `${src('sem_pingpong_1cpu')}; ${src('sem_pair')}; wake_preempt ${preempt.toFixed(3)} (median of ${prim('wake_preempt').samples.length})`,
  );
  const tas = ns('tas_local');
  if (processors === 1) {
    const q = (ns('enqdeq_pair') - 2 * tas) / 2;
    set('shmEnqueue', cyc(q), `derived: (enqdeq_pair − 2 × tas_local) / 2 = ${q.toFixed(1)} ns ${at}; ${src('enqdeq_pair')}`);
    set('shmDequeue', cyc(q), `derived: (enqdeq_pair − 2 × tas_local) / 2 = ${q.toFixed(1)} ns ${at}; ${src('enqdeq_pair')}`);
    set('flagLoad', cyc(ns('empty_test') / 2), `derived: half the unlocked empty() test (two loads that hit) ${at}; ${src('empty_test')}`);
    set('flagStore', cyc(ns('empty_test') / 2), `derived: as flagLoad, a store that hits ${at}; ${src('empty_test')}`);
  } else {
    // The queues' and flags' lines were last written by the other side's processor.
    const q = (ns('enqdeq_pair_cross') - 2 * tas) / 2;
    set('shmEnqueue', cyc(q), `derived: (enqdeq_pair_cross − 2 × tas_local) / 2 = ${q.toFixed(1)} ns ${at}; ${src('enqdeq_pair_cross')}`);
    set('shmDequeue', cyc(q), `derived: (enqdeq_pair_cross − 2 × tas_local) / 2 = ${q.toFixed(1)} ns ${at}; ${src('enqdeq_pair_cross')}`);
    set('flagLoad', cyc(ns('line_transfer')), `the awake flag's line comes from the other processor's cache: ${src('line_transfer')} ${at}`);
    set('flagStore', cyc(ns('line_transfer')), `the awake flag's line is held by the other processor: ${src('line_transfer')} ${at}`);
  }
  set('shmEmpty', cyc(ns('empty_test')), `${src('empty_test')} ${at}`);
  set('pollIteration', cyc(ns('poll_iteration')), `${src('poll_iteration')} (one iteration of the 25 µs delay loop: clock read and empty()) ${at}`);
  return { costs, bus: { tasCycles: Math.max(1, cyc(tas)) }, sources: { ...sources, 'bus.tasCycles': `${src('tas_local')} (XCHG and release) ${at}` } };
}

function cacheOf(cs: HostCache[], level: number, type: HostCache['type']): HostCache | undefined {
  return cs.find((c) => c.level === level && c.type === type && c.sizeBytes > 0 && c.lineBytes > 0);
}

/** Build the host machine with `processors` of the profile's processors (default: all). */
export function hostMachine(p: HostProfile, processors = p.host.processors): MachineDesc {
  const h = p.host;
  const os = osCostsFromProfile(p, processors);
  const id = processors === h.processors ? 'host' : `host-${processors}`;
  const osName = /^Linux /.test(h.kernel) ? h.kernel : `Linux ${h.kernel}`;
  // The Unix model of this machine: today's Linux, its paths fitted to the primitives measured here.
  const fitKeys: (keyof HostOsFit['costs'])[] = ['trap', 'rti', 'loadContext', 'sysYield', 'ctxSwitch', 'ctxCold2', 'ctxCold3', 'sysSleep', 'sysSemop', 'sysMsgsnd', 'sysMsgrcv', 'shmEnqueue', 'shmDequeue', 'shmEmpty', 'pollIteration', 'flagLoad', 'flagStore'];
  registerFittedModel(
    id,
    linuxHostModel({
      machineId: id,
      os: osName,
      costs: Object.fromEntries(fitKeys.map((k) => [k, os.costs[k]])) as HostOsFit['costs'],
      sources: Object.fromEntries(fitKeys.map((k) => [k, os.sources[`costs.${k}`]])),
      wakePreempt: { fraction: Math.min(1, Math.max(0, p.primitives.wake_preempt.median)), source: `measured on this host by host:measure, median of ${p.primitives.wake_preempt.samples.length}: wake_preempt` },
    }),
  );
  const costs = {
    ld: 1,
    st: 1,
    ldx: 1,
    stx: 1,
    alu: 1,
    shr: 1,
    cmp: 1,
    cmpm: 1,
    jcc: 1,
    jccTaken: 1,
    call: 1,
    ret: 1,
    loadContext: LOAD_CONTEXT,
    interlocked: os.bus.tasCycles,
    copyStartup: 20,
    invlpg: 100,
    segLoad: 0,
    segRead: 0,
    segPush: 0,
    agi: 0,
    // Of the profile's costs only the trap entry and return are hardware; the OS primitives it
    // measured fit the paths of the host's Unix model (registered above), not the machine.
    trap: os.costs.trap,
    rti: os.costs.rti,
  } as MachineDesc['costs'];
  const guess1 = 'guess: about one cycle on a superscalar core of today (several simple instructions retire per cycle)';
  const sources: Record<string, string> = {
    clockMHz: `${h.clockSource}: ${h.cpuModel}`,
    processors: processors === h.processors ? `${h.processors} processors online (/sys/devices/system/cpu/online)` : `${processors} of the host's ${h.processors} processors (experiments pinned with sched_setaffinity)`,
    pageBytes: `sysconf(_SC_PAGESIZE) on this host: ${h.pageBytes}`,
    isa: 'x86-64 is priced as the x86 of the vocabulary (sim/hw/isa.ts): the user-level protocols port at the x86 ratio',
    'costs.ld': guess1,
    'costs.st': guess1,
    'costs.ldx': guess1,
    'costs.stx': guess1,
    'costs.alu': guess1,
    'costs.shr': guess1,
    'costs.cmp': guess1,
    'costs.cmpm': guess1,
    'costs.jcc': guess1,
    'costs.jccTaken': guess1,
    'costs.call': guess1,
    'costs.ret': guess1,
    'costs.loadContext': 'guess: a CR3 write, about 100 cycles on current x86 cores',
    'costs.interlocked': 'as bus.tasCycles: a locked read-modify-write',
    'costs.invlpg': 'guess: INVLPG about 100 cycles on current x86 cores',
    'costs.segLoad': 'no segmentation in 64-bit mode',
    'costs.segRead': 'no segmentation in 64-bit mode',
    'costs.segPush': 'no segmentation in 64-bit mode',
    'costs.agi': 'no address-generation interlock stall on out-of-order x86 cores',
    'costs.copyStartup': 'guess: a rep movs start-up, about 20 cycles',
    'costs.trap': os.sources['costs.trap'],
    'costs.rti': os.sources['costs.rti'],
    'bus.tasCycles': os.sources['bus.tasCycles'],
    os: `uname -r on this host: ${h.kernel}`,
  };
  const cache: MachineDesc['cache'] = {};
  const fill = (key: 'l1i' | 'l1d' | 'l2', c: HostCache | undefined, miss: number, missWhy: string) => {
    if (!c) return;
    cache[key] = { sizeBytes: c.sizeBytes, lineBytes: c.lineBytes, ways: Math.max(1, c.ways), missCycles: miss, writeAllocate: true };
    for (const f of ['sizeBytes', 'lineBytes', 'ways']) sources[`cache.${key}.${f}`] = c.source;
    sources[`cache.${key}.missCycles`] = missWhy;
    sources[`cache.${key}.writeAllocate`] = 'x86 write-back caches allocate on a write miss';
  };
  fill('l1i', cacheOf(h.caches, 1, 'Instruction'), 14, 'guess: an L2 hit, about 14 cycles on current x86 cores');
  fill('l1d', cacheOf(h.caches, 1, 'Data'), 14, 'guess: an L2 hit, about 14 cycles on current x86 cores');
  fill('l2', cacheOf(h.caches, 2, 'Unified'), 50, 'guess: an L3 hit, about 50 cycles on current x86 cores');
  return {
    id,
    aliases: [],
    title: `${h.cpuModel}, ${processors} of ${h.processors} processor(s) at ${h.clockMHz} MHz, ${h.kernel} (measured ${p.date.slice(0, 10)})`,
    clockMHz: h.clockMHz,
    processors,
    pageBytes: h.pageBytes,
    isa: 'x86',
    os: osName,
    costs,
    tlb: { entries: h.tlbEntries ?? 64, ways: h.tlbEntries ?? 64, tagged: h.pcid, singleEntryInvalidate: true, missCycles: 30 },
    cache,
    copy: { cyclesPerByte: 0.1 },
    bus: { tasCycles: os.bus.tasCycles },
    sources: {
      ...sources,
      'tlb.entries': h.tlbEntries ? `/proc/cpuinfo "TLB size": ${h.tlbEntries} 4K pages` : 'guess: 64 entries (the host did not report its TLB)',
      'tlb.ways': 'guess: fully associative (the host reports no associativity)',
      'tlb.tagged': h.pcid ? '/proc/cpuinfo flags: pcid (tagged TLB entries)' : '/proc/cpuinfo flags: no pcid, so an address-space switch flushes the TLB',
      'tlb.singleEntryInvalidate': 'x86-64: INVLPG',
      'tlb.missCycles': 'guess: a page walk that hits the caches, about 30 cycles',
      'copy.cyclesPerByte': 'guess: 32-byte vector moves, about 0.1 cycle per byte in L1',
    },
  };
}
