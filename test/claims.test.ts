// Every registered claim, run at test scale: a numeric claim must fall within its tolerance and a
// qualitative one must hold, unless it is a declared known gap (reported, not asserted).

import { describe, expect, it } from 'vitest';
import { evaluate } from '../workloads/claims.js';
import { allClaims } from '../workloads/registry.js';

const papers = [...new Set(allClaims().map((c) => c.paper))];

describe.each(papers)('claims of %s', (paper) => {
  const claims = allClaims().filter((c) => c.paper === paper);
  it.each(claims.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const r = evaluate(c, 'test');
    if (r.error) throw new Error(r.error);
    if (c.knownGap) {
      expect(['pass', 'known-gap']).toContain(r.status);
      return;
    }
    if (r.expected === null) expect(r.status, `${c.id}: the stated shape does not hold`).toBe('pass');
    else expect(r.status, `${c.id}: paper ${r.expected}, simulated ${r.simulated} (${r.errorPct}%)`).toBe('pass');
  });
});
