// Shorthand for the URPC paper's claims: the catalogue id is the claim's id and ref, the paper
// follows from the id, and the conditions name the simulated machine.

import type { Claim, Paper, Role, Scale } from '../claims.js';

export interface ClaimSpec {
  ref: string;
  source: string;
  conditions: string;
  expected: number | null;
  unit: string;
  role: Role;
  experiment: string;
  measure(scale: Scale): number | boolean;
  tolerancePct?: number;
  knownGap?: string;
  note?: string;
  /** Defaults to the paper the ref's prefix names. */
  paper?: Paper;
  id?: string;
}

export function claim(s: ClaimSpec): Claim {
  const paper: Paper = s.paper ?? (s.ref.startsWith('notes.') ? 'notes' : s.ref.startsWith('l3.') ? 'l3' : 'urpc');
  return {
    id: s.id ?? s.ref,
    ref: s.ref,
    paper,
    source: s.source,
    conditions: `firefly-cvax; ${s.conditions}`,
    expected: s.expected,
    unit: s.unit,
    tolerancePct: s.tolerancePct ?? (s.expected === null ? 0 : 5),
    role: s.role,
    experiment: s.experiment,
    measure: s.measure,
    ...(s.knownGap ? { knownGap: s.knownGap } : {}),
    ...(s.note ? { note: s.note } : {}),
  };
}

/** Whether every value is at least the one before it times (1 + slack). */
export function rising(xs: readonly number[], slack = 0): boolean {
  return xs.every((x, i) => i === 0 || x >= xs[i - 1] * (1 + slack));
}
