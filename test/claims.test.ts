// The claims' registry as a whole: tolerances that can fail, every role and status present, and
// every paper's claims checked by a claims-<paper>.test.ts file (which runs them at test scale).

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allClaims } from '../workloads/registry.js';
import { CLAIM_FILES } from './support/claims.js';

describe('claims files', () => {
  it('check the claims of every paper and companion, each in one file or its parts', () => {
    const papers = [...new Set(allClaims().map((c) => c.paper))].sort();
    const covered = Object.values(CLAIM_FILES).flatMap((f) => f.papers);
    expect([...covered].sort()).toEqual(papers);
    expect(new Set(covered).size).toBe(covered.length);
    const want = Object.entries(CLAIM_FILES).flatMap(([file, { parts }]) =>
      parts === 1 ? [`claims-${file}.test.ts`] : Array.from({ length: parts }, (_, i) => `claims-${file}-${i + 1}.test.ts`),
    );
    expect(want.filter((f) => !existsSync(join(import.meta.dirname, f)))).toEqual([]);
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
