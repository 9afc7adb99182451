// One processor handed between threads that run only while they hold it: the uniprocessor RPC of
// L3's ping-pong (l3 §6) and of Mach (inks §4.3), and L3's several clients of one server
// (l3 §5.3.5). Each thread has a baton, a semaphore it waits on; whoever gives the processor away
// signals the baton of the thread that gets it and waits on its own. The client's call is a
// hand-off to the server, the server's reply a hand-off back.

import { Semaphore, type Body, type Simulation } from '../engine/index.js';
import type { Processor, Step } from '../hw/index.js';
import { HELD, type System } from './system.js';

export class Baton {
  readonly go: Semaphore;
  constructor(
    sim: Simulation,
    readonly name: string,
    /** What waiting on it means, for stall reports. */
    waits = `${name} waits for the processor`,
  ) {
    this.go = new Semaphore(sim, waits);
  }
}

/** Give the processor to `next` and wait until somebody gives it back to `me`. */
export function* handTo(me: Baton, next: Baton): Body<void> {
  next.go.signal();
  yield me.go;
}

/**
 * A server thread that waits for the processor, runs `serve` and hands the processor back to
 * `client`, forever (a daemon: it may still wait when the run ends).
 */
export function spawnServer(sys: System, server: Baton, client: Baton, serve: () => Body<void>, name: string): void {
  sys.sim.spawn(
    (function* (): Body {
      yield server.go;
      for (;;) {
        yield* serve();
        yield* handTo(server, client);
      }
    })(),
    name,
    true,
  );
}

/** Run steps on one processor, each charged to `side` (a string, or per step). */
export function* runSteps(sys: System, cpu: Processor, steps: readonly Step[], side: string | readonly string[], who: string): Body<void> {
  let h: number;
  for (let k = 0; k < steps.length; k++) if ((h = sys.step(cpu, steps[k], typeof side === 'string' ? side : side[k], who)) !== HELD) yield h;
}

/** Paths built once per key and reused (their code places and pages are fixed anyway). */
export class PathCache<P> {
  private readonly m = new Map<string, P>();
  get(key: string, make: () => P): P {
    let p = this.m.get(key);
    if (p === undefined) this.m.set(key, (p = make()));
    return p;
  }
}

/** A builder memoised by a key of its argument (a PathCache behind a function). */
export function memoize<A, P>(key: (a: A) => string, build: (a: A) => P): (a: A) => P {
  const cache = new PathCache<P>();
  return (a) => cache.get(key(a), () => build(a));
}
