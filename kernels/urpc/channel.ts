// A URPC channel (URPC §2, §3.2.1): memory mapped pair-wise into a client and a server at binding
// time, holding a bidirectional queue (calls one way, replies the other) with a test-and-set lock
// at each end. The locks never spin on receive: a receiver that finds one held goes on to
// something else. A sender must get its message out, so it waits for the holder (the paper
// leaves it to the sender to see that locks are not held long).

import { Lock, type Body, type ProcessLike } from '../../sim/engine/index.js';
import { CodeArea, type Processor } from '../../sim/hw/index.js';
import type { FastThreads, UThread } from '../../sim/os/fastthreads.js';
import { HELD } from '../../sim/os/index.js';
import type { Counter } from '../../sim/stats/index.js';
import { SLOT, URPC_INSTRUCTIONS, sidePaths, type SidePaths } from './paths.js';

export interface Message {
  channel: Channel;
  /** The client thread waiting for the reply. */
  caller: UThread;
  bytes: number;
}

export class Queue {
  readonly items: Message[] = [];
  constructor(
    readonly lock: Lock,
    /** Test-and-sets on this queue's lock that found it held. */
    readonly conflicts: Counter,
  ) {}
}

export interface ChannelCounters {
  sendWaits: Counter;
  receiveBusy: Counter;
  receiveEmpty: Counter;
  callLockConflicts: Counter;
  replyLockConflicts: Counter;
}

export class Channel {
  readonly calls: Queue;
  readonly replies: Queue;
  /** Calls the server has received but not yet replied to. */
  inService = 0;
  readonly clientPaths: SidePaths;
  readonly serverPaths: SidePaths;
  private readonly token: ProcessLike;

  constructor(
    readonly client: FastThreads,
    readonly server: FastThreads,
    bytes: number,
    readonly counters: ChannelCounters,
  ) {
    const sim = client.sys.sim;
    const name = `${client.name}<->${server.name}`;
    this.calls = new Queue(new Lock(sim, `call queue lock ${name}`), counters.callLockConflicts);
    this.replies = new Queue(new Lock(sim, `reply queue lock ${name}`), counters.replyLockConflicts);
    this.token = { name: `channel ${name}`, value: undefined };
    const bufPages = Math.max(1, Math.ceil(bytes / client.sys.machine.pageBytes));
    const stackPages = Math.max(1, Math.ceil((512 + bytes) / client.sys.machine.pageBytes));
    const page = client.as.mmu.page(`channel to ${server.name}`);
    const buffer = client.as.mmu.page(`buffers to ${server.name}`, bufPages);
    const cStack = client.as.mmu.page('URPC stub stack', stackPages);
    // Arguments travel with the call only; the null call's reply carries none.
    const sStack = server.as.mmu.page(`URPC stub stack for ${client.name}`, stackPages);
    const sPage = server.as.mmu.share(`channel from ${client.name}`, page);
    const sBuffer = server.as.mmu.share(`buffers from ${client.name}`, buffer);
    const cCode = new CodeArea(client.as.mmu.page('URPC code', 2), 3);
    const sCode = new CodeArea(server.as.mmu.page('URPC code', 2), 3);
    this.clientPaths = sidePaths(URPC_INSTRUCTIONS.client, cCode, page, buffer, cStack, SLOT.calls, SLOT.replies, { marshal: bytes, unmarshal: 0 });
    this.serverPaths = sidePaths(URPC_INSTRUCTIONS.server, sCode, sPage, sBuffer, sStack, SLOT.replies, SLOT.calls, { marshal: 0, unmarshal: bytes });
  }

  /** Enqueue m on q from rt's processor cpu, waiting for the lock if the other end holds it. */
  *send(rt: FastThreads, cpu: Processor, who: string, q: Queue, p: SidePaths, m: Message): Body<void> {
    let h: number;
    if (p.marshal && (h = rt.step(cpu, p.marshal, who)) !== HELD) yield h;
    if ((h = rt.step(cpu, p.sendPrologue, who)) !== HELD) yield h;
    if (!q.lock.tryAcquire(this.token)) {
      this.counters.sendWaits.add();
      q.conflicts.add();
      yield q.lock;
    }
    if ((h = rt.step(cpu, p.sendCritical, who)) !== HELD) yield h;
    q.items.push(m);
    q.lock.release();
  }

  /**
   * Dequeue from q after a poll found it non-empty: one test-and-set; if the lock is held, give up
   * ('busy'); if another processor took the message meanwhile, null.
   */
  *receive(rt: FastThreads, cpu: Processor, q: Queue, p: SidePaths): Body<Message | 'busy' | null> {
    let h: number;
    if ((h = rt.step(cpu, p.receiveTry)) !== HELD) yield h;
    if (!q.lock.tryAcquire(this.token)) {
      this.counters.receiveBusy.add();
      q.conflicts.add();
      return 'busy';
    }
    if ((h = rt.step(cpu, p.receiveCritical)) !== HELD) yield h;
    const m = q.items.shift() ?? null;
    q.lock.release();
    if (!m) this.counters.receiveEmpty.add();
    else if (p.unmarshal && (h = rt.step(cpu, p.unmarshal)) !== HELD) yield h;
    return m;
  }

}
