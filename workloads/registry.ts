// All registered claims, by paper: one import line per paper folder.
import type { Claim, Paper } from './claims.js';
import { l3Claims } from './l3/claims.js';

export const allClaims: Claim[] = [...l3Claims];

export const papers: Paper[] = ['urpc', 'notes', 'l3', 'inks', 'sleepwake'];

export function claimsOf(paper?: string): Claim[] {
  return paper ? allClaims.filter((c) => c.paper === paper || (paper === 'urpc' && c.paper === 'notes')) : allClaims;
}
