// Everything a kernel is booted with: the engine, the hardware instance, the statistics, the
// seeded PRNG and (optionally) a timeline. Kernels run steps through run(), which charges the
// processor and records the slice when tracing.

import { Prng, Simulation } from '../engine/index.js';
import { cyclesToUs, Hardware, type MachineDesc, type Processor, type Step } from '../hw/index.js';
import { Stats } from '../stats/index.js';
import { Timeline } from '../trace/timeline.js';

/**
 * Shortcuts that merge work nothing can observe (consecutive polls of a delay loop into one hold):
 * on by default; a test turns them off to check that a run is the same to the cycle without them.
 */
export const fastPaths = { enabled: true };

/** What System.step returns when it has already taken the step's hold (no cycles are left to yield). */
export const HELD = -1;

export class System {
  readonly sim = new Simulation();
  readonly stats = new Stats();
  readonly hw: Hardware;
  readonly rng: Prng;
  readonly timeline: Timeline | null;
  /** What a run must tell its reader about the models it ran on (written into the run's configuration). */
  readonly notes: string[] = [];

  constructor(
    readonly machine: MachineDesc,
    seed: number,
    trace = false,
  ) {
    this.hw = new Hardware(machine, this.stats.breakdown);
    // A modelled shared bus reserves its transactions against the simulated clock.
    if (this.hw.bus !== null) this.hw.bus.now = () => this.sim.now;
    this.rng = new Prng(seed);
    this.timeline = trace ? new Timeline(machine.clockMHz) : null;
  }

  get cpus(): Processor[] {
    return this.hw.cpus;
  }

  /** Execute a step on a processor; yield the result to hold for its cycles. */
  run(cpu: Processor, s: Step, side: string, who?: string): number {
    const cycles = cpu.exec(s, side);
    if (this.timeline && cycles > 0) {
      this.timeline.slice(`cpu ${cpu.id}`, s.label, side, this.sim.now, cycles, who ? { thread: who } : undefined);
    }
    return cycles;
  }

  /**
   * Execute a step as run() does and, when nothing else can happen before it ends, take its hold
   * at once (Simulation.advance). Returns the cycles the caller must still hold by yielding them,
   * or HELD when the clock has already moved past the step:
   * `const h = sys.step(cpu, s, side); if (h !== HELD) yield h;`
   */
  step(cpu: Processor, s: Step, side: string, who?: string): number {
    return this.hold(this.run(cpu, s, side, who));
  }

  /**
   * As step, for a poll a loop runs back to back: when nothing has changed on the processor since
   * the poll's last all-hit run, it is charged again without executing it (Processor.repeatIfUnchanged).
   */
  poll(cpu: Processor, s: Step, side: string, who?: string): number {
    if (!fastPaths.enabled || this.timeline !== null) return this.step(cpu, s, side, who);
    let c = cpu.repeatIfUnchanged(s, side);
    if (c < 0) c = cpu.execRepeatable(s, side).cycles;
    return this.hold(c);
  }

  /** A hold of `cycles` taken at once when nothing can come first (see step): HELD, or the cycles still to yield. */
  hold(cycles: number): number {
    return fastPaths.enabled && this.sim.advance(cycles) ? HELD : cycles;
  }

  /** Mark an event on a processor's track (a message, a donation). */
  mark(cpu: Processor | null, name: string, cat: string, args?: Record<string, string | number>): void {
    this.timeline?.instant(cpu ? `cpu ${cpu.id}` : 'system', name, cat, this.sim.now, args);
  }

  /** Add a note once. */
  note(line: string): void {
    if (!this.notes.includes(line)) this.notes.push(line);
  }

  us(cycles: number): number {
    return cyclesToUs(this.machine, cycles);
  }
}
