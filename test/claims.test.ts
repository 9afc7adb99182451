// Every registered claim, run at test scale: a numeric claim must fall within its tolerance and a
// qualitative one must hold, unless it is a declared known gap. A known gap must still miss (a gap
// that passes must lose its flag) and, when numeric, must keep the value it records within its band.
// Claims set apart (the paper contradicts itself, or the model does not cover the quantity) must
// say which reading the model follows and the other number, or why nothing is run.

import { describe, expect, it } from 'vitest';
import { evaluate, inGapBand } from '../workloads/claims.js';
import { allClaims } from '../workloads/registry.js';

const papers = [...new Set(allClaims().map((c) => c.paper))];

describe.each(papers)('claims of %s', (paper) => {
  const claims = allClaims().filter((c) => c.paper === paper);
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

describe('claim tolerances', () => {
  it('no numeric claim admits no effect or the opposite sign: its tolerance stays below the paper value', () => {
    const loose = allClaims().filter(
      (c) => c.expected !== null && c.expected !== 0 && !c.notSimulated && (c.toleranceAbs ?? (Math.abs(c.expected) * c.tolerancePct) / 100) >= Math.abs(c.expected),
    );
    expect(loose.map((c) => c.id)).toEqual([]);
  });

  it('gives every role and status the contract names, and counts the three roles apart', () => {
    const roles = new Set(allClaims().map((c) => c.role));
    expect([...roles].sort()).toEqual(['calibrated', 'conformance', 'predicted']);
    expect(allClaims().filter((c) => c.inconsistent).length).toBeGreaterThan(0);
    expect(allClaims().filter((c) => c.notSimulated).length).toBeGreaterThan(0);
  });
});
