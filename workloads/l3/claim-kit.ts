// Shorthands for the L3 claims registry: a claim is the catalogue entry it checks (ref), where the
// paper states it, what was run, the paper's value and how the run measures it.

import type { Claim, Role, Scale } from '../claims.js';

export interface ClaimSpec {
  source: string;
  conditions: string;
  expected: number | null;
  unit: string;
  tolerancePct?: number;
  role: Role;
  experiment: string;
  measure(scale: Scale): number | boolean;
  knownGap?: string;
  note?: string;
  /** When several claims check one catalogue entry, each gets its own id. */
  id?: string;
}

export const DX50 = 'i486-dx50';

export function claim(ref: string, s: ClaimSpec): Claim {
  return {
    id: s.id ?? ref,
    ref,
    paper: 'l3',
    source: s.source,
    conditions: s.conditions,
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
