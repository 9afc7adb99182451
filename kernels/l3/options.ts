// The L3 kernel's switches: which path runs (the appendix's minimal path or the full IPC of §5)
// and each optimisation of the paper's Table 1 (and a few more of §5), so that an ablation is a
// run with one switch off. Defaults are L3 as measured in §6.

import type { KernelOptions, OptionSpec } from '../kernel.js';

export type Segments = 'check' | 'reload' | 'none';

export interface L3Options {
  path: 'minimal' | 'full';
  /** Table 5 / §7.1: find the destination through a port link and the port table. */
  portAccess: boolean;
  /** Minimal path only: splice Table 4's temporary mapping in. */
  temporaryMapping: boolean;
  /** §5.3.6: messages of up to 8 bytes travel in EBX and ECX. */
  shortMessagesInRegisters: boolean;
  /** §5.2.3: one copy through the communication window (off: twofold copy through a kernel buffer). */
  directTransfer: boolean;
  /** §5.3.4: change only the tcb state field (off: delete from / insert into ready and wait queues). */
  lazyScheduling: boolean;
  /** §5.5.3: check the user segment registers (check), save and reload them (reload), or a processor without segments (none, §7.4). */
  segments: Segments;
  /** §5.2.1: the server replies and waits for the next request in one call (off: a send and a receive). */
  replyAndWait: boolean;
  /** §5.5.2: IPC code in one page, processor tables and hot kernel data in one page. */
  condensedTables: boolean;
  /** §5.2.5: tcbs in a virtual array, each holding its kernel stack (off: a thread table and separate stacks). */
  virtualTcbs: boolean;
  /** §5.3.5: switch straight to the receiver (off: make it ready and let the scheduler pick it). */
  directSwitch: boolean;
  /** §5.2.2: the message's bytes go as this many indirect strings besides the direct string. */
  indirectStrings: number;
  /** §7.2: Dash-like messages: this many pages of the IPC region are remapped from sender to receiver. */
  dashPages: number;
  /** §5.2.3: sender and receiver in one address space (no communication window, no TLB flush). */
  sameSpace: boolean;
  /** §5.2.4: a kernel stack per thread, or one per processor with continuations (stack switching, or copying). */
  kernelStacks: 'perThread' | 'stackSwitching' | 'continuationCopy';
  /** §5.3.3: clock tick in ms (0: no clock interrupts). */
  clockTickMs: number;
  /** §5.3.3: number of unordered wake-up lists. */
  wakeupLists: number;
  /** §5.3.3: other threads waiting with real timeouts, spread over the wake-up lists. */
  sleepingThreads: number;
  /** §5.3.5: ticks of a timeslice (preemption when another thread is ready). */
  timesliceTicks: number;
  /** Experiment: microseconds of work the server does per request (preemptible at ticks). */
  serverWorkUs: number;
  /** Experiment: the client sleeps until the next tick after this many calls (0: calls back to back). */
  rpcsPerTick: number;
  /** §5.3.3: percent of the client's IPCs that carry a real timeout (the rest use 0 or infinity). */
  timeoutShare: number;
  /** §6 / Table 7: flush the on-chip cache before each IPC (the worst-case penalty) or before each round trip (the footprint). */
  flushCache: 'none' | 'ipc' | 'roundTrip';
}

export const L3_OPTIONS: OptionSpec[] = [
  { name: 'path', type: 'string', default: 'full', choices: ['full', 'minimal'], description: 'full: L3 IPC of §5 (call, reply & receive next); minimal: the 20-instruction null IPC of §5.1 (Table 3)' },
  { name: 'portAccess', type: 'boolean', default: false, description: 'find the destination through a port (Table 5, §7.1)' },
  { name: 'temporaryMapping', type: 'boolean', default: false, description: 'minimal path: splice in the temporary mapping of Table 4 (§5.2.3)' },
  { name: 'shortMessagesInRegisters', type: 'boolean', default: true, description: 'Table 1 "short msg via reg": 8-byte messages in EBX/ECX (§5.3.6)' },
  { name: 'directTransfer', type: 'boolean', default: true, description: 'Table 1 "direct transfer": copy once through the communication window (§5.2.3); off: twofold copy through a kernel buffer' },
  { name: 'lazyScheduling', type: 'boolean', default: true, description: 'Table 1 "lazy scheduling" (§5.3.4); off: ready/wait queue updates on every IPC' },
  { name: 'segments', type: 'string', default: 'check', choices: ['check', 'reload', 'none'], description: 'Table 1 "no segm reg" (§5.5.3): check the flat segments (check), save and reload them (reload), or no segment system (none, §7.4 what-if)' },
  { name: 'replyAndWait', type: 'boolean', default: true, description: 'Table 1 "reply & wait" (§5.2.1); off: the server replies by send and waits by receive' },
  { name: 'condensedTables', type: 'boolean', default: true, description: 'Table 1 "condensed tables" (§5.5.2): IPC code and processor tables each in one page' },
  { name: 'virtualTcbs', type: 'boolean', default: true, description: 'Table 1 "virtual tcb" (§5.2.5): tcbs with kernel stacks in a virtual array; off: thread table and separate stacks' },
  { name: 'directSwitch', type: 'boolean', default: true, description: 'direct process switch with timeslice donation (§5.3.5); off: through the scheduler' },
  { name: 'indirectStrings', type: 'number', default: 0, min: 0, max: 255, description: 'send the message bytes as this many indirect strings (§5.2.2 complex messages, at most 255)' },
  { name: 'dashPages', type: 'number', default: 0, min: 0, description: '§7.2 Dash-like messages: remap this many pages of the IPC region to the receiver, which then touches each' },
  { name: 'sameSpace', type: 'boolean', default: false, description: 'client and server threads in one address space (intra-address-space IPC, §5.2.3)' },
  { name: 'kernelStacks', type: 'string', default: 'perThread', choices: ['perThread', 'stackSwitching', 'continuationCopy'], description: '§5.2.4: a kernel stack per thread in its tcb; or one per processor with continuations, switching stacks or copying the frame' },
  { name: 'clockTickMs', type: 'number', default: 0, min: 0, description: 'clock interrupt every this many ms, scanning one wake-up list (§5.3.3: 4); 0: no clock' },
  { name: 'wakeupLists', type: 'number', default: 8, min: 1, description: 'unordered wake-up lists, a thread in list (wakeup time mod n) (§5.3.3: 8)' },
  { name: 'sleepingThreads', type: 'number', default: 0, min: 0, description: 'other threads waiting with real timeouts in the wake-up lists (§5.3.3 scenario: 400)' },
  { name: 'timesliceTicks', type: 'number', default: 2, min: 1, description: 'clock ticks per timeslice; at its end a running thread yields to a ready one (guess: 2 ticks)' },
  { name: 'serverWorkUs', type: 'number', default: 0, min: 0, description: 'experiment: µs of work the server does per request, preemptible at clock ticks (several clients: -T > 1)' },
  { name: 'rpcsPerTick', type: 'number', default: 0, min: 0, description: 'experiment: the client sleeps (an IPC with a timeout) until the next tick after this many calls; 0: back to back (needs clockTickMs)' },
  { name: 'timeoutShare', type: 'number', default: 0, min: 0, max: 100, description: 'percent of the client\'s IPCs with a real timeout, entering the wake-up lists (§5.3.3: about 25)' },
  { name: 'flushCache', type: 'string', default: 'none', choices: ['none', 'ipc', 'roundTrip'], description: 'experiment: flush the on-chip cache before each IPC (worst-case penalty, §6 / Table 7) or before each round trip (cache footprint, §6)' },
];

export function l3Options(o: KernelOptions): L3Options {
  const b = (name: keyof L3Options, dflt: boolean) => (typeof o[name] === 'boolean' ? (o[name] as boolean) : dflt);
  const num = (name: keyof L3Options, dflt: number) => (typeof o[name] === 'number' ? (o[name] as number) : dflt);
  return {
    path: o.path === 'minimal' ? 'minimal' : 'full',
    portAccess: b('portAccess', false),
    temporaryMapping: b('temporaryMapping', false),
    shortMessagesInRegisters: b('shortMessagesInRegisters', true),
    directTransfer: b('directTransfer', true),
    lazyScheduling: b('lazyScheduling', true),
    segments: o.segments === 'reload' || o.segments === 'none' ? o.segments : 'check',
    replyAndWait: b('replyAndWait', true),
    condensedTables: b('condensedTables', true),
    virtualTcbs: b('virtualTcbs', true),
    directSwitch: b('directSwitch', true),
    indirectStrings: typeof o.indirectStrings === 'number' ? o.indirectStrings : 0,
    dashPages: num('dashPages', 0),
    sameSpace: b('sameSpace', false),
    kernelStacks: o.kernelStacks === 'stackSwitching' || o.kernelStacks === 'continuationCopy' ? o.kernelStacks : 'perThread',
    clockTickMs: num('clockTickMs', 0),
    wakeupLists: Math.max(1, num('wakeupLists', 8)),
    sleepingThreads: num('sleepingThreads', 0),
    timesliceTicks: Math.max(1, num('timesliceTicks', 2)),
    serverWorkUs: num('serverWorkUs', 0),
    rpcsPerTick: num('rpcsPerTick', 0),
    timeoutShare: num('timeoutShare', 0),
    flushCache: o.flushCache === 'ipc' || o.flushCache === 'roundTrip' ? o.flushCache : 'none',
  };
}
