// The paper registry: one line per paper folder. Importing a folder's index.ts registers its
// paper (see ./paper.ts); the order here is the report's order.
import './urpc/index.js';
import './sleepwake/index.js';
import './l3/index.js';
import './inks/index.js';

import type { RegisteredClaim } from './claims.js';
import { registeredPapers, type Paper } from './paper.js';

export { registerPaper, unregisterPaper, type Paper, type PaperDef } from './paper.js';

/** Every registered paper. */
export function papers(): readonly Paper[] {
  return registeredPapers();
}

/** The ids the command line accepts for a paper. */
export function paperIds(): string[] {
  return papers().map((p) => p.id);
}

export function findPaper(id: string): Paper | undefined {
  return papers().find((p) => p.id === id);
}

/** Every registered claim, paper by paper. */
export function allClaims(): RegisteredClaim[] {
  return papers().flatMap((p) => p.claims);
}

/** A paper's claims (with its companions'), or every claim. */
export function claimsOf(paper?: string): RegisteredClaim[] {
  if (paper === undefined) return allClaims();
  const p = findPaper(paper);
  if (!p) throw new Error(`no paper '${paper}' is registered; papers: ${paperIds().join(', ')}`);
  return p.claims;
}

/** Catalogue prefixes of every registered claim's ref (each paper's and its companions'). */
export function refPrefixes(): string[] {
  return papers().flatMap((p) => [p.refPrefix, ...p.companions.map((c) => c.id)]);
}
