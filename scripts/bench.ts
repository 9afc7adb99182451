// Engine benchmark: the reference closed-loop model built from the engine's own processes and
// resource template. T client threads; each call holds a client processor (one of C, FIFO) for
// 27 cycles, a server processor (one of S) for 53, a client processor for 27 again; the run stops
// at the N-th completion. Prints host calls/s, engine events/s and the simulated end time.

import { Simulation, Store, type Body } from '../sim/engine/index.js';

export interface BenchPoint {
  T: number;
  C: number;
  S: number;
  N: number;
}

export function closedLoop({ T, C, S, N }: BenchPoint): { end: number; events: number } {
  const sim = new Simulation();
  const client = new Store(sim, 'client processors', Array.from({ length: C }, (_, i) => i));
  const server = new Store(sim, 'server processors', Array.from({ length: S }, (_, i) => i));
  let completed = 0;
  function* thread(): Body {
    for (;;) {
      const c1 = yield client;
      yield 27;
      client.put(c1 as number);
      const s = yield server;
      yield 53;
      server.put(s as number);
      const c2 = yield client;
      yield 27;
      client.put(c2 as number);
      if (++completed === N) sim.stop();
    }
  }
  for (let t = 0; t < T; t++) sim.spawn(thread(), `thread ${t}`, true);
  const out = sim.run();
  return { end: out.now, events: out.events };
}

function main(): void {
  const points: BenchPoint[] = [
    { T: 2, C: 1, S: 1, N: 500_000 },
    { T: 8, C: 2, S: 2, N: 500_000 },
  ];
  const repeats = 5;
  closedLoop({ T: 2, C: 1, S: 1, N: 50_000 }); // warm the JIT
  console.log(`reference closed-loop model; each point run ${repeats} times, median host time quoted`);
  for (const p of points) {
    const secs: number[] = [];
    let r = { end: 0, events: 0 };
    for (let i = 0; i < repeats; i++) {
      const t0 = process.hrtime.bigint();
      r = closedLoop(p);
      secs.push(Number(process.hrtime.bigint() - t0) / 1e9);
    }
    secs.sort((a, b) => a - b);
    const sec = secs[Math.floor(repeats / 2)];
    console.log(
      `T=${p.T} C=${p.C} S=${p.S} N=${p.N}: simulated end ${r.end} cycles; ` +
        `${(p.N / sec / 1e6).toFixed(2)} M calls/s host; ${(r.events / sec / 1e6).toFixed(2)} M events/s; ` +
        `${r.events} events, median ${(sec * 1000).toFixed(0)} ms (min ${(secs[0] * 1000).toFixed(0)}, max ${(secs[repeats - 1] * 1000).toFixed(0)})`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
