// Table I's thread-management tests (URPC §4.1) on FastThreads: each call of the test loop does one
// operation. FORK creates, starts and ends a thread (the loop goes on in the new thread); FORK;JOIN
// also waits for it; YIELD makes a full trip through the scheduler; ACQUIRE;RELEASE takes and frees
// an uncontended blocking lock; PINGPONG has two threads signal and wait on conditions in turn.

import type { Body } from '../../engine/index.js';
import { FtCondition, FtMutex, type FastThreads, type UThread } from '../fastthreads.js';
import type { ThreadOp } from '../thread-requests.js';


interface PingPong {
  ping: FtCondition;
  pong: FtCondition;
}

/** Runs Table I operations for the threads of one FastThreads runtime. */
export class FastThreadOps {
  private readonly mutex = new FtMutex();
  private readonly partners = new Map<UThread, PingPong>();

  constructor(readonly rt: FastThreads) {}

  *run(t: UThread, op: ThreadOp): Body<void> {
    const rt = this.rt;
    switch (op) {
      case 'procedure-call':
        return yield* rt.procedureCall(t);
      case 'fork':
        return yield* rt.forkAndEnd(t);
      case 'fork-join':
        return yield* rt.forkJoin(t);
      case 'yield':
        return yield* rt.yieldProcessor(t);
      case 'acquire-release':
        return yield* rt.acquireRelease(t, this.mutex);
      case 'pingpong':
        return yield* this.pingpong(t);
    }
  }

  /** One cycle: wake the partner, wait for it to wake us back. */
  private *pingpong(t: UThread): Body<void> {
    let pp = this.partners.get(t);
    if (!pp) {
      const made: PingPong = { ping: new FtCondition(), pong: new FtCondition() };
      pp = made;
      this.partners.set(t, made);
      const rt = this.rt;
      const partner = rt.spawn(`${t.name} partner`, null);
      partner.body = (function* (): Body<void> {
        for (;;) {
          yield* rt.wait(partner, made.ping);
          yield* rt.signal(partner, made.pong);
        }
      })();
    }
    yield* this.rt.signal(t, pp.ping);
    yield* this.rt.wait(t, pp.pong);
  }
}
