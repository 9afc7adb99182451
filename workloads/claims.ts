// The claims harness: each paper lists the numbers and stated shapes of the paper, with the
// catalogue id (`ref`) of each, the experiment that measures it, a tolerance and whether a
// parameter was fitted to it (calibrated) or it came out of the model (predicted). Every paper
// writes its claims with the one builder here, `claim({...})`; the paper registry stamps each
// claim with its paper. Evaluating a claim runs its experiment (memoised by `measure`, so claims
// sharing a run share it) and compares.

/** A paper's id, as registered (workloads/registry.ts), or a companion document's (URPC's lecture notes). */
export type Paper = string;
/** How a claim relates to the model's fitted numbers; a union so new roles are one more member. */
export type Role = 'calibrated' | 'predicted';
/** test: small runs for the test suite; paper: the papers' own scale, for reproduce. */
export type Scale = 'test' | 'paper';

/** What a paper's claims file writes for one claim: named fields, no positional arguments. */
export interface ClaimSpec {
  /** The catalogue entry it checks; also the claim's id unless `id` is given. */
  ref: string;
  /** When several claims check one catalogue entry, each gets its own id. */
  id?: string;
  /** Where in the paper: table and row, figure, section. */
  source: string;
  /** What was run: machine, kernel, parameters. */
  conditions: string;
  /** The paper's value; null for a stated shape (measure returns whether it holds). */
  expected: number | null;
  unit: string;
  role: Role;
  /** The experiment that measures it (an id shared by claims that read the same run). */
  experiment: string;
  measure(scale: Scale): number | boolean;
  /** Allowed relative error in percent. Default: 5% for numeric claims, 0 for stated shapes. */
  tolerancePct?: number;
  /**
   * Allowed absolute error in the claim's unit, instead of the relative one (e.g. "within 5
   * percentage points" of a percentage); tolerancePct then shows its relative equivalent.
   */
  toleranceAbs?: number;
  /** Why the model is known to disagree, when it does. */
  knownGap?: string;
  /** Reading notes: how the paper's text was read, corrections to the catalogue. */
  note?: string;
}

/** A claim as its paper's folder builds it; the registry adds the paper (see ./paper.ts). */
export interface Claim extends Omit<ClaimSpec, 'tolerancePct' | 'id'> {
  id: string;
  tolerancePct: number;
}

/** A registered claim. */
export interface RegisteredClaim extends Claim {
  /** The registered paper it belongs to, or the companion document its ref names (notes). */
  paper: Paper;
}

/** The one claim builder: fills in the id and the default tolerance, and refuses what cannot be compared. */
export function claim(s: ClaimSpec): Claim {
  if (s.expected === null && s.toleranceAbs !== undefined) throw new Error(`claim ${s.ref}: a stated shape takes no tolerance`);
  const tolerancePct =
    s.toleranceAbs !== undefined && s.expected ? (s.toleranceAbs / Math.abs(s.expected)) * 100 : (s.tolerancePct ?? (s.expected === null ? 0 : 5));
  if (!(tolerancePct >= 0)) throw new Error(`claim ${s.ref}: tolerance must be >= 0, got ${tolerancePct}`);
  return {
    id: s.id ?? s.ref,
    ref: s.ref,
    source: s.source,
    conditions: s.conditions,
    expected: s.expected,
    unit: s.unit,
    tolerancePct,
    ...(s.toleranceAbs !== undefined ? { toleranceAbs: s.toleranceAbs } : {}),
    role: s.role,
    experiment: s.experiment,
    measure: s.measure,
    ...(s.knownGap ? { knownGap: s.knownGap } : {}),
    ...(s.note ? { note: s.note } : {}),
  };
}

/** How an evaluated claim came out; a union so new statuses are one more member. */
export type Status = 'pass' | 'fail' | 'known-gap';

export interface ClaimResult {
  id: string;
  ref: string;
  paper: Paper;
  role: Role;
  source: string;
  unit: string;
  expected: number | null;
  simulated: number | null;
  errorPct: number | null;
  tolerancePct: number;
  toleranceAbs?: number;
  status: Status;
  knownGap?: string;
  error?: string;
}

export function evaluate(c: RegisteredClaim, scale: Scale): ClaimResult {
  const base = {
    id: c.id,
    ref: c.ref,
    paper: c.paper,
    role: c.role,
    source: c.source,
    unit: c.unit,
    expected: c.expected,
    tolerancePct: c.tolerancePct,
    ...(c.toleranceAbs !== undefined ? { toleranceAbs: c.toleranceAbs } : {}),
    ...(c.knownGap ? { knownGap: c.knownGap } : {}),
  };
  let v: number | boolean;
  try {
    v = c.measure(scale);
  } catch (e) {
    return { ...base, simulated: null, errorPct: null, status: 'fail', error: (e as Error).message };
  }
  if (typeof v === 'boolean' || c.expected === null) {
    const ok = v === true;
    return { ...base, simulated: null, errorPct: null, status: ok ? 'pass' : c.knownGap ? 'known-gap' : 'fail' };
  }
  const errorPct = c.expected === 0 ? (v === 0 ? 0 : Infinity) : ((v - c.expected) / Math.abs(c.expected)) * 100;
  const ok =
    c.toleranceAbs !== undefined ? Math.abs(v - c.expected) <= c.toleranceAbs + 1e-9 : Math.abs(errorPct) <= c.tolerancePct + 1e-9;
  return {
    ...base,
    simulated: round(v),
    errorPct: round(errorPct, 2),
    status: ok ? 'pass' : c.knownGap ? 'known-gap' : 'fail',
  };
}

export function round(x: number, digits = 4): number {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

// ---- stated shapes: how a claim checks a curve the paper describes ----

/**
 * Whether a curve never falls by more than `slack` (relative) below the highest value before it:
 * "rises", allowing dips.
 */
export function risesAllowingDips(ys: readonly number[], slack = 0.05): boolean {
  let best = -Infinity;
  for (const y of ys) {
    if (y < best * (1 - slack)) return false;
    best = Math.max(best, y);
  }
  return true;
}

/** Whether every value is at least the one before it times (1 + step): rises at every step. */
export function risesAtEveryStep(ys: readonly number[], step = 0): boolean {
  return ys.every((y, i) => i === 0 || y >= ys[i - 1] * (1 + step));
}

export const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
/** Whether a is within pct percent of b. */
export const within = (a: number, b: number, pct: number): boolean => Math.abs(a / b - 1) * 100 <= pct;
