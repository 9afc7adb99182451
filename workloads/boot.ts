// Booting a system for a driver that runs no kernel: the machine by id (with --set what-ifs, bad
// input refused as the run driver refuses it), the simulated system on it, and, for the drivers
// that run Unix processes directly (the sleep/wake-up paper's Table 1 loops and race trials), a
// Unix with a scheduling policy. Kernel runs go through the run driver (run.ts), which resolves the
// machine together with the kernel's options; everything else boots here (the L3 hardware probes,
// the sleep/wake-up loops and races).

import { closest } from 'fastest-levenshtein';
import { findMachine, machineIds } from '../machines/index.js';
import { applyMachineSets, parseAssignment } from '../machines/override.js';
import type { MachineDesc } from '../sim/hw/machine.js';
import { System } from '../sim/os/index.js';
import { makePolicy, type SchedulerName } from '../sim/os/sched/index.js';
import { Unix } from '../sim/os/unix.js';
import { UsageError } from './run.js';

export interface BootSpec {
  /** A machine id or alias, or a machine already resolved. */
  machine: string | MachineDesc;
  /** Machine what-ifs, path=value (no kernel options: no kernel is booted here). */
  set?: readonly string[];
  seed?: number;
  /** Record a timeline. */
  trace?: boolean;
}

/** The machine a boot specification names, with its what-ifs applied. */
export function bootMachine(spec: BootSpec): MachineDesc {
  if (typeof spec.machine !== 'string') return spec.machine;
  const base = findMachine(spec.machine);
  if (!base) {
    throw new UsageError(`unknown machine '${spec.machine}' (did you mean '${closest(spec.machine, machineIds())}'?); machines: ${machineIds().join(', ')}`);
  }
  const set = spec.set ?? [];
  try {
    return applyMachineSets(base, set.map(parseAssignment));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** A simulated system on the machine. */
export function bootSystem(spec: BootSpec): System {
  return new System(bootMachine(spec), spec.seed ?? 1, spec.trace === true);
}

/** A simulated system running Unix processes under a scheduling policy. */
export function bootUnix(spec: BootSpec & { scheduler: SchedulerName }): Unix {
  const sys = bootSystem(spec);
  const m = sys.machine;
  return new Unix(sys, (all) => makePolicy(spec.scheduler, m, m.clockMHz, all));
}
