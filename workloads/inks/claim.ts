// A compact way to write the in-kernel servers paper's claims: every claim cites its catalogue
// entry (`ref`, also its id) and says how it was measured.

import { defineClaim, type Claim, type ClaimSpec } from '../claims.js';

export function claim(s: ClaimSpec & { tolerancePct: number }): Claim {
  return defineClaim('inks', s);
}

/** Table 3/4 ratios, §4.4 and the abstract: "a factor of three", "about": allowed error of statements the paper rounds. */
export const ABOUT_PCT = 15;
