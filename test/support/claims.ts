// Every registered claim of some papers, run at test scale (the body of the claims-*.test.ts
// files, one per paper so the suite's processes share them out): a numeric claim must fall within
// its tolerance and a qualitative one must hold, unless it is a declared known gap. A known gap must
// still miss (a gap that passes must lose its flag) and, when numeric, must keep the value it
// records within its band. Claims set apart (the paper contradicts itself, or the model does not
// cover the quantity) must say which reading the model follows and the other number, or why
// nothing is run.

import { describe, expect, it } from 'vitest';
import { evaluate, inGapBand } from '../../workloads/claims.js';
import { allClaims } from '../../workloads/registry.js';

/**
 * The papers (and companions) whose claims each claims-<file>.test.ts checks, and the parts a
 * file's claims are split into (claims-<file>-<part>.test.ts, each a contiguous run of claims, so
 * claims that read the same runs stay together) when one file would be the suite's longest;
 * claims.test.ts checks that every paper is covered once and every part has its file.
 */
export const CLAIM_FILES: Record<string, { papers: string[]; parts: number }> = {
  urpc: { papers: ['urpc', 'notes'], parts: 1 },
  sleepwake: { papers: ['sleepwake'], parts: 3 },
  l3: { papers: ['l3'], parts: 1 },
  inks: { papers: ['inks'], parts: 1 },
};

/** The claims of a file's papers, or of one part of them (1 to parts). */
export function claimsOf(file: keyof typeof CLAIM_FILES, part = 1): void {
  const { papers, parts } = CLAIM_FILES[file];
  describe.each(papers)('claims of %s', (paper) => {
    const all = allClaims().filter((c) => c.paper === paper);
    const size = Math.ceil(all.length / parts);
    const claims = all.slice((part - 1) * size, part * size);
    it('has claims', () => expect(claims.length).toBeGreaterThan(0));
    it.each(claims.map((c) => [c.id, c] as const))('%s', (_id, c) => {
      const r = evaluate(c, 'test');
      if (r.error) throw new Error(r.error);
      if (c.notSimulated) {
        expect(r.status).toBe('not-simulated');
        expect(c.knownGap, `${c.id}: not simulated, so not a gap`).toBeUndefined();
        return;
      }
      if (c.inconsistent) {
        expect(r.status).toBe('paper-inconsistent');
        expect(c.inconsistent.follows.length).toBeGreaterThan(0);
        return;
      }
      if (c.knownGap) {
        expect(r.status, `${c.id}: a known gap now passes (${r.simulated}); take the flag off`).toBe('known-gap');
        if (r.simulated !== null) {
          expect(c.gapValue, `${c.id}: a numeric known gap records its value and band`).toBeDefined();
          expect(inGapBand(c, r.simulated), `${c.id}: drifted to ${r.simulated}, out of the band around ${c.gapValue}`).toBe(true);
        }
        return;
      }
      expect(c.gapValue, `${c.id}: a recorded gap value without a gap`).toBeUndefined();
      if (r.expected === null) expect(r.status, `${c.id}: the stated shape does not hold`).toBe('pass');
      else expect(r.status, `${c.id}: paper ${r.expected}, simulated ${r.simulated} (${r.errorPct}%)`).toBe('pass');
    });
  });
}
