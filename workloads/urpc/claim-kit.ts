// Shorthand for the URPC paper's claims: the catalogue id is the claim's id and ref, the paper
// follows from the id, and the conditions name the simulated machine.

import { defineClaim, type Claim, type ClaimSpec, type Paper } from '../claims.js';

export interface UrpcClaimSpec extends ClaimSpec {
  /** Defaults to the paper the ref's prefix names. */
  paper?: Paper;
}

export function claim(s: UrpcClaimSpec): Claim {
  const paper: Paper = s.paper ?? (s.ref.startsWith('notes.') ? 'notes' : s.ref.startsWith('l3.') ? 'l3' : 'urpc');
  return defineClaim(paper, { ...s, conditions: `firefly-cvax; ${s.conditions}` });
}

/** Whether every value is at least the one before it times (1 + slack). */
export function rising(xs: readonly number[], slack = 0): boolean {
  return xs.every((x, i) => i === 0 || x >= xs[i - 1] * (1 + slack));
}
