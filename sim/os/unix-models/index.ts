// The Unix operating-system models, one file each, and which one a machine runs the Unix kernels
// on: its own operating system's model, or Linux 1.0 (counted from source, fitted to nothing) when
// its operating system has none.

import { aix41 } from './aix-4.1.js';
import { irix62 } from './irix-6.2.js';
import { linux10 } from './linux-1.0.js';
import type { UnixModel } from './model.js';

export type { UnixModel, PathDef, PathRef, PageRole, PathClass, ScanDef } from './model.js';
export { QUEUE_LAYOUT, pathInstructions } from './model.js';

export const unixModels: readonly UnixModel[] = [irix62, aix41, linux10];
export { linuxHostModel, type HostOsFit } from './linux-host.js';

/**
 * Models fitted at run time to a machine built from measurements (the host), by machine id: the
 * builder registers the model fitted to the primitives it was built from, replacing any earlier one.
 */
const fitted = new Map<string, UnixModel>();

export function registerFittedModel(machineId: string, model: UnixModel): void {
  fitted.set(machineId, model);
}

/** The model a machine's operating system names, or null when it has no Unix model. */
export function unixModelOf(os: string): UnixModel | null {
  return unixModels.find((m) => m.os === os) ?? null;
}

/** The model the Unix kernels run on for a machine, and a note when it is not the machine's own system. */
export function unixModelFor(machine: { id: string; os: string }): { model: UnixModel; note: string | null } {
  const fit = fitted.get(machine.id);
  if (fit && fit.os === machine.os) return { model: fit, note: null };
  const own = unixModelOf(machine.os);
  if (own) return { model: own, note: null };
  return {
    model: linux10,
    note: `${machine.id} runs ${machine.os}, which has no Unix model: the Unix kernels run on the Linux 1.0 paths (counted from the Linux 1.0 source) and its scheduler`,
  };
}
