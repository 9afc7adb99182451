// All registered claims, by paper: one import line per paper folder.
import type { Claim, Paper } from './claims.js';
import { l3Claims } from './l3/claims.js';
import { inksClaims } from './inks/claims.js';
import { urpcClaims } from './urpc/claims.js';
import { sleepwakeClaims } from './sleepwake/claims.js';

export const allClaims: Claim[] = [...l3Claims, ...urpcClaims, ...sleepwakeClaims, ...inksClaims];

export const papers: Paper[] = ['urpc', 'notes', 'l3', 'inks', 'sleepwake'];

export function claimsOf(paper?: string): Claim[] {
  return paper ? allClaims.filter((c) => c.paper === paper || (paper === 'urpc' && c.paper === 'notes')) : allClaims;
}
