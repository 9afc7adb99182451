// The URPC runtime linked into every address space (URPC §2, §3.1): a client thread sends its
// call on the channel and blocks; the processor runs another ready thread or, when none is ready,
// the low-priority idle loop, which polls the channels for replies and calls. An idle processor
// that finds a server underpowered (calls pending, no processor) donates itself through the kernel;
// the server gives it back when every call from that client has its reply, or when the client has
// become underpowered itself (replies pending, no processor).

import type { Body } from '../../sim/engine/index.js';
import type { Processor, Step } from '../../sim/hw/index.js';
import { AddressSpace, HELD, type System } from '../../sim/os/index.js';
import { FastThreads, type UThread } from '../../sim/os/fastthreads.js';
import { ProcessorAllocation } from '../../sim/os/processor-allocation.js';
import type { Counter } from '../../sim/stats/index.js';
import { donatePath, kernelPages, type KernelPages } from '../../sim/os/firefly/crossing.js';
import { Channel, type ChannelCounters, type Message } from './channel.js';

export interface UrpcOptions {
  /** Footnote 1: a caller's context stays loaded while its processor idles. */
  keepContextLoaded: boolean;
  /** §3.1.1: a caller donates its processor at once when the server has none, even with other threads ready. */
  forceReallocation: boolean;
}

export class Urpc {
  readonly alloc: ProcessorAllocation;
  readonly channels: Channel[] = [];
  private readonly kp: KernelPages;
  private readonly donatePaths = new Map<FastThreads, Step[]>();
  private readonly pools = new Map<FastThreads, UThread[]>();
  private readonly counters: ChannelCounters;
  private readonly traps: Counter;
  private serverThreads = 0;

  constructor(
    readonly sys: System,
    readonly o: UrpcOptions,
  ) {
    this.alloc = new ProcessorAllocation(sys);
    this.kp = kernelPages(sys);
    const c = (n: string, d: string) => sys.stats.counter(n, 'count', d);
    this.counters = {
      sendWaits: c('urpc.send.lockWaits', 'sends that found the queue lock held and waited for it'),
      receiveBusy: c('urpc.receive.lockBusy', 'receives that found the queue lock held and went on to something else'),
      receiveEmpty: c('urpc.receive.empty', 'receives that got the lock after another processor had taken the message'),
      callLockConflicts: c('urpc.lock.calls.conflicts', "test-and-sets that found a call queue's lock held"),
      replyLockConflicts: c('urpc.lock.replies.conflicts', "test-and-sets that found a reply queue's lock held"),
    };
    this.traps = c('kernel.traps', 'kernel invocations (Processor.Donate)');
  }

  /** An address space with its FastThreads runtime; side names its breakdown rows. */
  space(name: string, side: string, processors: Processor[], keepContextLoaded: boolean): FastThreads {
    const rt = new FastThreads(this.sys, new AddressSpace(this.sys, name), { side, dispatchLabel: 'dispatch', keepContextLoaded });
    rt.idleWork = (cpu) => this.idle(rt, cpu);
    rt.quietIdle = (cpu) => this.quiet(rt, cpu);
    // Footnote 1's "no other work to be done": no message waiting here that would need another
    // thread's context. A donation does not count: its kernel crossing saves and restores the
    // caller's registers itself.
    rt.otherWork = () => this.hasWork(rt);
    this.pools.set(rt, []);
    this.donatePaths.set(rt, donatePath(this.kp, rt.as.mmu, rt.as.mmu.page('URPC runtime stack')));
    for (const cpu of processors) this.alloc.assign(cpu, rt);
    return rt;
  }

  bind(client: FastThreads, server: FastThreads, bytes: number): Channel {
    const ch = new Channel(client, server, bytes, this.counters);
    this.channels.push(ch);
    return ch;
  }

  /** A cross-address-space call by client thread t over ch. */
  *call(t: UThread, ch: Channel, bytes: number): Body<void> {
    const cpu = t.cpu!;
    const rt = ch.client;
    const m: Message = { channel: ch, caller: t, bytes };
    yield* ch.send(rt, cpu, t.name, ch.calls, ch.clientPaths, m);
    if (this.o.forceReallocation && ch.server.as.processors === 0) {
      // The caller must not wait for an idle processor: block, then hand this one over now.
      yield* rt.blockThen(t, this.donate(cpu, ch.server, false));
      return;
    }
    yield* rt.block(t);
  }

  /**
   * What rt's idle loop on cpu finds to do, in Table II's order: a reply, then a call, then giving a
   * donated processor back, then lending this one to an underpowered server; else it polls again
   * ('poll') or, with no channel at all, has nothing of its own ('nothing'). The channel it acts on
   * is left in this.found.
   */
  private look(rt: FastThreads, cpu: Processor): 'reply' | 'call' | 'give back' | 'lend' | 'poll' | 'nothing' {
    // Indexed loops without closures: an idle processor asks this on every poll.
    const chs = this.channels;
    for (let i = 0; i < chs.length; i++) {
      const ch = chs[i];
      this.found = ch;
      if (ch.client === rt && ch.replies.items.length > 0) return 'reply';
      if (ch.server === rt && ch.calls.items.length > 0) return 'call';
    }
    // A donated processor goes back when its lender's calls are all answered or the lender starves.
    const lender = this.alloc.lender(cpu);
    if (lender) {
      let ch: Channel | null = null;
      for (let i = 0; i < chs.length && ch === null; i++) if (chs[i].client === lender && chs[i].server === rt) ch = chs[i];
      this.found = ch;
      if (ch && ((ch.calls.items.length === 0 && ch.inService === 0) || (ch.replies.items.length > 0 && lender.as.processors === 0))) return 'give back';
    }
    // An underpowered server: calls from here pending and no processor to take them.
    for (let i = 0; i < chs.length; i++) {
      const ch = chs[i];
      this.found = ch;
      if (ch.client === rt && ch.calls.items.length > 0 && ch.server.as.processors === 0) return 'lend';
    }
    // Nothing anywhere: the idle loop polls again (Table II's poll code, finding nothing).
    this.found = null;
    for (let i = 0; i < chs.length; i++) {
      if (chs[i].client === rt || chs[i].server === rt) {
        this.found = chs[i];
        break;
      }
    }
    return this.found ? 'poll' : 'nothing';
  }
  private found: Channel | null = null;

  /** The step an idle pass runs when it finds nothing to act on (its poll), null with no channel, undefined when it has work. */
  private quiet(rt: FastThreads, cpu: Processor): Step | null | undefined {
    const what = this.look(rt, cpu);
    if (what === 'nothing') return null;
    if (what !== 'poll') return undefined;
    const ch = this.found!;
    return ch.client === rt ? ch.clientPaths.idlePoll : ch.serverPaths.idlePoll;
  }

  /** The idle loop's work in rt: replies, then calls, then giving processors where they are needed. */
  private *idle(rt: FastThreads, cpu: Processor): Body<boolean> {
    let h: number;
    const what = this.look(rt, cpu);
    const ch = this.found!;
    switch (what) {
      case 'reply': {
        if ((h = rt.step(cpu, ch.clientPaths.poll)) !== HELD) yield h;
        const m = yield* ch.receive(rt, cpu, ch.replies, ch.clientPaths);
        if (m === 'busy' || m === null) return true;
        if ((h = rt.step(cpu, ch.clientPaths.dispatch, m.caller.name)) !== HELD) yield h;
        yield* rt.wake(cpu, m.caller);
        return true;
      }
      case 'call': {
        if ((h = rt.step(cpu, ch.serverPaths.poll)) !== HELD) yield h;
        const m = yield* ch.receive(rt, cpu, ch.calls, ch.serverPaths);
        if (m === 'busy' || m === null) return true;
        ch.inService++;
        const th = this.serverThread(rt);
        th.mailbox = m;
        if ((h = rt.step(cpu, ch.serverPaths.dispatch, th.name)) !== HELD) yield h;
        yield* rt.wake(cpu, th);
        return true;
      }
      case 'give back':
        if ((h = rt.step(cpu, ch.serverPaths.decide)) !== HELD) yield h;
        yield* this.donate(cpu, ch.client, true);
        return true;
      case 'lend':
        if ((h = rt.step(cpu, ch.clientPaths.decide)) !== HELD) yield h;
        // The first decision is whether this processor is idle: work that arrived meanwhile says no.
        if (!this.hasWork(rt)) yield* this.donate(cpu, ch.server, false);
        return true;
      case 'poll':
        if ((h = rt.step(cpu, ch.client === rt ? ch.clientPaths.idlePoll : ch.serverPaths.idlePoll)) !== HELD) yield h;
        return true;
      case 'nothing':
        return false;
    }
  }

  /** Whether rt has something for a processor to do: a ready thread or an incoming message. */
  private hasWork(rt: FastThreads): boolean {
    if (rt.hasReady) return true;
    return this.channels.some((c) => (c.client === rt && c.replies.items.length > 0) || (c.server === rt && c.calls.items.length > 0));
  }

  private *donate(cpu: Processor, to: FastThreads, returning: boolean): Body<void> {
    this.traps.add();
    // The LRPC the donation rides on saves the donor's registers and restores them on return, so
    // a caller context left loaded (footnote 1) is still there when the processor comes back.
    yield* this.alloc.donate(cpu, to, this.donatePaths.get(to)!, 'kernel', returning, true);
  }

  /** A server thread for one call: from the pool of threads that have replied, or a new one. */
  private serverThread(rt: FastThreads): UThread {
    const pool = this.pools.get(rt)!;
    const th = pool.pop();
    if (th) return th;
    const t = rt.spawn(`server thread ${++this.serverThreads}`, null, false);
    t.body = this.serve(rt, t);
    return t;
  }

  /** A server thread's life: run the call it was woken for (the null procedure), reply, block. */
  private *serve(rt: FastThreads, th: UThread): Body<void> {
    for (;;) {
      const m = th.mailbox as Message;
      th.mailbox = null;
      const ch = m.channel;
      yield* ch.send(rt, th.cpu!, th.name, ch.replies, ch.serverPaths, m);
      ch.inService--;
      this.pools.get(rt)!.push(th);
      yield* rt.block(th);
    }
  }
}
