// A compact way to write the in-kernel servers paper's claims: every claim cites its catalogue
// entry (`ref`, also its id) and says how it was measured.

import type { Claim, Role, Scale } from '../claims.js';

export interface ClaimSpec {
  ref: string;
  source: string;
  conditions: string;
  expected: number | null;
  unit: string;
  tolerancePct: number;
  role: Role;
  experiment: string;
  measure(scale: Scale): number | boolean;
  knownGap?: string;
  note?: string;
}

export function claim(s: ClaimSpec): Claim {
  return { id: s.ref, paper: 'inks', ...s };
}

/** Table 3/4 ratios, §4.4 and the abstract: "a factor of three", "about": allowed error of statements the paper rounds. */
export const ABOUT_PCT = 15;
