// Shorthands for the L3 claims registry: a claim is the catalogue entry it checks (ref), where the
// paper states it, what was run, the paper's value and how the run measures it.

import { defineClaim, type Claim, type ClaimSpec } from '../claims.js';

export type L3ClaimSpec = Omit<ClaimSpec, 'ref'>;

export const DX50 = 'i486-dx50';

export function claim(ref: string, s: L3ClaimSpec): Claim {
  return defineClaim('l3', { ...s, ref });
}
