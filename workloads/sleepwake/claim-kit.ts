// Builders for the sleep/wake-up claims: numeric claims compare a simulated value with the
// paper's; shape claims return whether a stated curve shape holds. The id is the catalogue's.

import { defineClaim, type Claim, type Role, type Scale } from '../claims.js';

export interface Extra {
  knownGap?: string;
  note?: string;
  tolerancePct?: number;
}

export function num(
  ref: string,
  source: string,
  conditions: string,
  expected: number,
  unit: string,
  role: Role,
  experiment: string,
  measure: (s: Scale) => number,
  x: Extra = {},
): Claim {
  return defineClaim('sleepwake', { ref, source, conditions, expected, unit, role, experiment, measure, ...x, tolerancePct: x.tolerancePct ?? 10 });
}

export function shape(ref: string, source: string, conditions: string, role: Role, experiment: string, measure: (s: Scale) => boolean, x: Extra = {}): Claim {
  return defineClaim('sleepwake', { ref, source, conditions, expected: null, unit: 'shape', role, experiment, measure, ...x, tolerancePct: 0 });
}

/** Non-decreasing allowing dips of `slack` (relative). */
export function rising(ys: number[], slack = 0.05): boolean {
  let best = -Infinity;
  for (const y of ys) {
    if (y < best * (1 - slack)) return false;
    best = Math.max(best, y);
  }
  return true;
}

export const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
export const within = (a: number, b: number, pct: number) => Math.abs(a / b - 1) * 100 <= pct;
