// The machine registry: one import line per machine file. `simulate list machines` and
// `--machine` read it; a test checks every file here is registered and every value cites a source.

import type { MachineDesc } from '../sim/hw/machine.js';
import { fireflyCvax } from './firefly-cvax.js';
import { fireflyMicrovax2 } from './firefly-microvax2.js';
import { hp9000_730 } from './hp9000-730.js';
import { i386_20 } from './i386-20.js';
import { i486dx33 } from './i486-dx33.js';
import { i486dx50 } from './i486-dx50.js';
import { ibmP4Ppc604 } from './ibm-p4-ppc604.js';
import { linuxI486_66 } from './linux-i486-66.js';
import { sgiChallenge8 } from './sgi-challenge-8.js';
import { sgiIndyR4000 } from './sgi-indy-r4000.js';

export const machines: readonly MachineDesc[] = [
  fireflyCvax,
  fireflyMicrovax2,
  i486dx50,
  i486dx33,
  i386_20,
  sgiIndyR4000,
  ibmP4Ppc604,
  sgiChallenge8,
  linuxI486_66,
  hp9000_730,
];

/** The machine with this id or alias, or undefined. */
export function findMachine(idOrAlias: string): MachineDesc | undefined {
  return machines.find((m) => m.id === idOrAlias || m.aliases.includes(idOrAlias));
}

export function machineIds(): string[] {
  return machines.flatMap((m) => [m.id, ...m.aliases]);
}
