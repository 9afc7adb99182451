// Benchmarks (`npm run bench`), in one run:
// 1. the reference closed-loop model built from the engine's own processes and resource template
//    (T client threads; each call holds a client processor, one of C, FIFO, for 27 cycles, a
//    server processor, one of S, for 53, a client processor for 27 again; the run stops at the
//    N-th completion) against the same model as a bare typed-array loop (bare-loop.ts). The model
//    is run in both forms a process body may take: generators, the normal way to write processes,
//    and routines (hand-written state machines, Routine in sim/engine/types.ts). Both are reported
//    because generators have a floor the engine cannot go below: a generator yielding the six ops
//    of a call to a bare consuming loop costs more per call (~90-105 ns here) than the whole bare
//    loop (~55 ns), so the generator form cannot reach half the bare loop's speed whatever the
//    engine does; the routine form measures the engine itself (queue, resources, dispatch).
//    Both forms must give the bare loop's end time; the engine counts more events (a process
//    woken by a put runs as an event of its own);
// 2. full models (urpc, l3, mach, bss on their papers' machines): simulated calls per second of
//    CPU time and engine events per call, each run in its own process;
// 3. peak memory (max resident set) of one full model at 10^4 and at --calls calls;
// 4. with --reproduce, the CPU and wall time of `simulate reproduce all --check` (long);
// 5. the command line's start-up: `simulate --help` and `simulate list kernels`, CPU and wall time;
// 6. with --instructions, the full models' machine instructions per simulated call, counted by
//    valgrind's callgrind with V8 in its predictable mode (one thread, no concurrent compiler or
//    collector): the same count to about 0.05% however busy the machine is, so a change of 1% is
//    visible where timings on a shared machine vary by half. Instructions are not cycles (a
//    division or a mispredicted branch counts one); judge a speed-up by both. Long: minutes.
// Options: --calls N (full-model calls, default 1,000,000), --repeats N (default 5), --reproduce,
// --instructions, --only reference|instructions (section 1 or 6 alone).
// Host times are medians (the machine may be shared); CPU time, not wall time, for full models.

import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Simulation, Store, type Body, type Op, type Routine } from '../sim/engine/index.js';
import { bareLoop } from './bare-loop.js';

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

/** What the threads of one closedLoopRoutine run share. */
interface Loop {
  sim: Simulation;
  client: Store<number>;
  server: Store<number>;
  N: number;
  completed: number;
}

/**
 * closedLoop's thread written as a routine (a hand-written state machine): state s means the body
 * resumes after its s-th yield (0: not started). A class of the module, not of each run, so the
 * engine's call of resume sees one kind of object, as a model with few routine classes would.
 */
class LoopThread implements Routine {
  private state = 0;
  private held = 0;
  constructor(private readonly loop: Loop) {}

  resume(v: unknown): Op {
    const loop = this.loop;
    switch (this.state) {
      case 1: // got a client processor
        this.held = v as number;
        this.state = 2;
        return 27;
      case 2:
        loop.client.put(this.held);
        this.state = 3;
        return loop.server;
      case 3: // got a server processor
        this.held = v as number;
        this.state = 4;
        return 53;
      case 4:
        loop.server.put(this.held);
        this.state = 5;
        return loop.client;
      case 5: // got a client processor again
        this.held = v as number;
        this.state = 6;
        return 27;
      case 6:
        loop.client.put(this.held);
        if (++loop.completed === loop.N) loop.sim.stop();
        this.state = 1;
        return loop.client;
      default: // the first call
        this.state = 1;
        return loop.client;
    }
  }
}

/** closedLoop with each thread a routine instead of a generator: the same events, in the same order. */
export function closedLoopRoutine({ T, C, S, N }: BenchPoint): { end: number; events: number } {
  const sim = new Simulation();
  const client = new Store(sim, 'client processors', Array.from({ length: C }, (_, i) => i));
  const server = new Store(sim, 'server processors', Array.from({ length: S }, (_, i) => i));
  const loop: Loop = { sim, client, server, N, completed: 0 };
  for (let t = 0; t < T; t++) sim.spawn(new LoopThread(loop), `thread ${t}`, true);
  const out = sim.run();
  return { end: out.now, events: out.events };
}

/** The full models measured: a kernel on the machine of its paper. */
const MODELS: { name: string; spec: Record<string, string | number> }[] = [
  { name: 'urpc', spec: { machine: 'firefly-cvax', kernel: 'urpc' } },
  { name: 'l3', spec: { machine: 'i486-dx50', kernel: 'l3' } },
  { name: 'mach', spec: { machine: 'i486-dx33', kernel: 'mach' } },
  { name: 'bss', spec: { machine: 'linux-i486-66', kernel: 'bss', clients: 3 } },
];

interface ChildResult {
  calls: number;
  /** Calls completed in all, the warm-up's included. */
  completed: number;
  cpuMs: number;
  events: number;
  maxRssKiB: number;
}

/** In a child process: one full-model run; prints its CPU time, events and peak memory as JSON. */
async function child(name: string, calls: number): Promise<void> {
  const { simulate } = await import('../workloads/run.js');
  const m = MODELS.find((x) => x.name === name)!;
  const c0 = process.cpuUsage();
  const r = simulate({ ...m.spec, calls } as Parameters<typeof simulate>[0]);
  const c = process.cpuUsage(c0);
  const out: ChildResult = {
    calls,
    completed: calls + r.result.warmup.calls,
    cpuMs: (c.user + c.system) / 1000,
    events: r.perf.events,
    maxRssKiB: process.resourceUsage().maxRSS,
  };
  console.log(JSON.stringify(out));
}

function runChild(name: string, calls: number, nodeFlags: string[] = []): ChildResult {
  const self = fileURLToPath(import.meta.url);
  const out = execFileSync(process.execPath, [...nodeFlags, self, '--child', name, String(calls)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').pop()!) as ChildResult;
}

const median = (xs: number[]): number => {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

function time<T>(f: () => T): [T, number] {
  const t0 = process.hrtime.bigint();
  const r = f();
  return [r, Number(process.hrtime.bigint() - t0) / 1e9];
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function main(): void {
  const calls = Number(arg('--calls') ?? 1_000_000);
  const repeats = Number(arg('--repeats') ?? 5);
  if (!(Number.isInteger(calls) && calls >= 1) || !(Number.isInteger(repeats) && repeats >= 1)) {
    console.error(`bench: --calls and --repeats must be whole numbers >= 1, got ${arg('--calls')} and ${arg('--repeats')}`);
    process.exit(2);
  }

  if (arg('--only') === 'instructions') {
    instructions();
    return;
  }
  const points: BenchPoint[] = [
    { T: 2, C: 1, S: 1, N: 500_000 },
    { T: 8, C: 2, S: 2, N: 500_000 },
  ];
  // Warm the JIT.
  for (const f of [closedLoop, closedLoopRoutine, bareLoop]) f({ T: 2, C: 1, S: 1, N: 50_000 });
  console.log(`1. reference closed-loop model, engine (generators, routines) against a bare typed-array loop; ${repeats} interleaved runs each, medians`);
  const forms = [
    { name: 'generators', run: closedLoop },
    { name: 'routines', run: closedLoopRoutine },
  ];
  for (const p of points) {
    const secs = forms.map(() => [] as number[]);
    const outs = forms.map(() => ({ end: 0, events: 0 }));
    const bare: number[] = [];
    let b = { end: 0, events: 0 };
    for (let i = 0; i < repeats; i++) {
      let s: number;
      forms.forEach((f, k) => {
        [outs[k], s] = time(() => f.run(p));
        secs[k].push(s);
      });
      [b, s] = time(() => bareLoop(p));
      bare.push(s);
    }
    const bb = median(bare);
    console.log(`   T=${p.T} C=${p.C} S=${p.S} N=${p.N}: bare ${(p.N / bb / 1e6).toFixed(2)} M calls/s (${b.events} events, end ${b.end} cycles)`);
    forms.forEach((f, k) => {
      const e = median(secs[k]);
      console.log(
        `     engine, ${f.name.padEnd(10)} ${(p.N / e / 1e6).toFixed(2)} M calls/s (${outs[k].events} events, end ${outs[k].end} cycles); engine/bare ${(bb / e).toFixed(2)}x`,
      );
    });
  }
  if (arg('--only') === 'reference') return;

  console.log(`2. full models at ${calls.toLocaleString('en-US')} calls, one process each; simulated calls per CPU-second`);
  const results = new Map<string, ChildResult>();
  for (const m of MODELS) {
    const r = runChild(m.name, calls);
    results.set(m.name, r);
    const spec = Object.entries(m.spec)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ');
    console.log(
      `   ${m.name.padEnd(5)} (${spec}): ${Math.round((r.calls / r.cpuMs) * 1000).toLocaleString('en-US')} calls/s, ` +
        `${(r.events / r.calls).toFixed(1)} events/call, ${(r.cpuMs / 1000).toFixed(1)} CPU-s, peak ${(r.maxRssKiB / 1024).toFixed(0)} MiB`,
    );
  }

  // Peak memory with V8's defaults grows with run length even when the live heap does not: the
  // young generation is enlarged under sustained allocation. With it fixed (1 MiB semi-spaces),
  // the peak measures what the model keeps.
  const small = 10_000;
  const low = runChild('urpc', small);
  const high = results.get('urpc')!;
  const fixed = ['--max-semi-space-size=1'];
  const lowF = runChild('urpc', small, fixed);
  const highF = runChild('urpc', calls, fixed);
  const mib = (k: number) => `${(k / 1024).toFixed(0)} MiB`;
  const more = (a: ChildResult, b: ChildResult) => `${((b.maxRssKiB / a.maxRssKiB - 1) * 100).toFixed(1)}% more`;
  console.log(`3. peak memory (max resident set) of urpc at ${small.toLocaleString('en-US')} and ${calls.toLocaleString('en-US')} calls:`);
  console.log(`   V8 defaults: ${mib(low.maxRssKiB)}, ${mib(high.maxRssKiB)} (${more(low, high)})`);
  console.log(`   young generation fixed (${fixed.join(' ')}): ${mib(lowF.maxRssKiB)}, ${mib(highF.maxRssKiB)} (${more(lowF, highF)})`);

  const bin = fileURLToPath(new URL('../../bin/simulate.js', import.meta.url));
  if (process.argv.includes('--reproduce')) {
    // `times` prints the shell's, then its children's, user and system time.
    const { cpu, wall } = childTimes([bin, 'reproduce', 'all', '--check']);
    console.log(`4. reproduce all --check: ${cpu.toFixed(1)} CPU-seconds (user + system), ${wall.toFixed(1)} s wall`);
  } else console.log('4. reproduce all: not run (add --reproduce; it is long)');

  console.log(`5. command-line start-up, medians of ${repeats} runs`);
  for (const args of [['--help'], ['list', 'kernels']]) {
    const runs = Array.from({ length: repeats }, () => childTimes([bin, ...args]));
    console.log(`   simulate ${args.join(' ')}: ${(median(runs.map((r) => r.cpu)) * 1000).toFixed(0)} ms CPU, ${(median(runs.map((r) => r.wall)) * 1000).toFixed(0)} ms wall`);
  }
  if (process.argv.includes('--instructions')) instructions();
  else console.log('6. instructions per call: not counted (add --instructions; it needs valgrind and takes minutes)');
}

/**
 * Runs of the instruction count (section 6): its per-call figure is the difference between them.
 * Both are long enough that the optimising compiler (which V8's predictable mode runs on the main
 * thread, so it is counted) has compiled the hot paths before the shorter one ends: from 2,000
 * and 12,000 calls URPC counted 102,500 instructions a call, from 10,000 and 40,000 85,400.
 */
const COUNTED = [10_000, 30_000];

/**
 * Machine instructions per simulated call of each full model: two runs of different lengths under
 * callgrind, V8 predictable, each a fixed number of instructions; their difference over the
 * difference in calls completed leaves out start-up, boot and JIT compilation.
 */
function instructions(): void {
  const probe = spawnSync('valgrind', ['--version'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    console.log('6. instructions: not counted (valgrind is not installed)');
    return;
  }
  const self = fileURLToPath(import.meta.url);
  const count = (name: string, calls: number): { ir: number; completed: number } => {
    const r = spawnSync(
      'valgrind',
      ['--tool=callgrind', '--smc-check=all', '--callgrind-out-file=/dev/null', process.execPath, '--predictable', '--random-seed=1', '--hash-seed=1', self, '--child', name, String(calls)],
      { encoding: 'utf8', maxBuffer: 1 << 24 },
    );
    const m = /Collected : (\d+)/.exec(r.stderr);
    if (r.status !== 0 || !m) throw new Error(`bench: valgrind run of ${name} failed: ${r.stderr.trim().split('\n').pop()}`);
    const child = JSON.parse(r.stdout.trim().split('\n').pop()!) as ChildResult;
    return { ir: Number(m[1]), completed: child.completed };
  };
  console.log(`6. machine instructions per simulated call (callgrind, V8 --predictable; runs of ${COUNTED.join(' and ')} calls, their difference)`);
  for (const m of MODELS) {
    const [a, b] = COUNTED.map((n) => count(m.name, n));
    console.log(`   ${m.name.padEnd(5)} ${Math.round((b.ir - a.ir) / (b.completed - a.completed)).toLocaleString('en-US')} instructions/call`);
  }
}

/** CPU (user + system, from the shell's `times`) and wall seconds of one node process. */
function childTimes(args: string[]): { cpu: number; wall: number } {
  const quoted = args.map((a) => `"${a}"`).join(' ');
  const [out, wall] = time(() => execFileSync('sh', ['-c', `"${process.execPath}" ${quoted} >/dev/null 2>&1; times`], { encoding: 'utf8' }));
  const line = out.trim().split('\n').pop()!;
  const cpu = [...line.matchAll(/(\d+)m([\d.]+)s/g)].reduce((a, m) => a + Number(m[1]) * 60 + Number(m[2]), 0);
  return { cpu, wall };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv[2] === '--child') void child(process.argv[3], Number(process.argv[4]));
  else main();
}
