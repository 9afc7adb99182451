// What the simulator has: its machines, kernels (with their options) and workloads, as `simulate
// list` prints them. Apart from the library's entry point so the command line can list them
// without loading the papers' claims and reproductions.

import { machines } from '../machines/index.js';
import { kernels } from '../kernels/index.js';
import { workloads } from '../workloads/index.js';

export interface MachineInfo {
  id: string;
  aliases: string[];
  title: string;
  /** The instruction set its costs are for (sim/hw/isa.ts). */
  isa: string;
  clockMHz: number;
  processors: number;
}

/** The registered machines (as `simulate list machines --json`). */
export function listMachines(): MachineInfo[] {
  return machines.map((m) => ({ id: m.id, aliases: [...m.aliases], title: m.title, isa: m.isa, clockMHz: m.clockMHz, processors: m.processors }));
}

/** The registered kernels with their options (as `simulate list kernels --json`). */
export function listKernels() {
  return kernels.map((k) => ({ id: k.id, title: k.title, describe: k.describe, paper: k.paper, isa: k.isa, supports: [...k.supports], options: k.options.map((o) => ({ ...o })) }));
}

/** The registered workloads and the kernels each runs on (as `simulate list workloads --json`). */
export function listWorkloads() {
  return workloads.map((w) => ({ id: w.id, title: w.title, kernels: w.kernels ?? kernels.filter((k) => w.runsOn(k)).map((k) => k.id) }));
}

