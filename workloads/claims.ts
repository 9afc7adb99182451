// The claims harness: each paper's registry lists the numbers and stated shapes of the paper,
// with the catalogue id (`ref`) of each, the experiment that measures it, a tolerance and whether
// a parameter was fitted to it (calibrated) or it came out of the model (predicted). Evaluating a
// claim runs its experiment (memoised, so claims sharing a run share it) and compares.

export type Paper = 'urpc' | 'notes' | 'l3' | 'inks' | 'sleepwake';
export type Role = 'calibrated' | 'predicted';
/** test: small runs for the test suite; paper: the papers' own scale, for reproduce. */
export type Scale = 'test' | 'paper';

export interface Claim {
  /** This project's id; the catalogue's where one exists. */
  id: string;
  /** The id of the entry in the claims catalogue. */
  ref: string;
  paper: Paper;
  /** Where in the paper: table and row, figure, section. */
  source: string;
  /** What was run: machine, kernel, parameters. */
  conditions: string;
  /** The paper's value; null for a qualitative claim (measure returns whether it holds). */
  expected: number | null;
  unit: string;
  /** Allowed relative error in percent (numeric claims). */
  tolerancePct: number;
  /**
   * Allowed absolute error in the claim's unit, instead of the relative one (e.g. "within 5
   * percentage points" of a percentage); tolerancePct then shows its relative equivalent.
   */
  toleranceAbs?: number;
  role: Role;
  /** The experiment that measures it (an id shared by claims that read the same run). */
  experiment: string;
  measure(scale: Scale): number | boolean;
  /** Why the model is known to disagree, when it does. */
  knownGap?: string;
  /** Reading notes: how the paper's text was read, corrections to the catalogue. */
  note?: string;
}

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

export function evaluate(c: Claim, scale: Scale): ClaimResult {
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

/** Memoised experiments: claims that read the same run share it. */
const memo = new Map<string, unknown>();
export function experiment<T>(key: string, run: () => T): T {
  if (!memo.has(key)) memo.set(key, run());
  return memo.get(key) as T;
}

/** Forget the memoised runs, so what a paper's reproduction records does not depend on what ran before. */
export function forgetExperiments(): void {
  memo.clear();
}

/** What a paper's registry writes for one claim; defineClaim fills in the rest. */
export interface ClaimSpec {
  /** The catalogue entry it checks; also the claim's id unless `id` is given. */
  ref: string;
  source: string;
  conditions: string;
  expected: number | null;
  unit: string;
  role: Role;
  experiment: string;
  measure(scale: Scale): number | boolean;
  /** Default: 5% for numeric claims, 0 for stated shapes. */
  tolerancePct?: number;
  /** An absolute tolerance in the claim's unit, used instead of the relative one. */
  toleranceAbs?: number;
  knownGap?: string;
  note?: string;
  /** When several claims check one catalogue entry, each gets its own id. */
  id?: string;
}

export function defineClaim(paper: Paper, s: ClaimSpec): Claim {
  return {
    id: s.id ?? s.ref,
    ref: s.ref,
    paper,
    source: s.source,
    conditions: s.conditions,
    expected: s.expected,
    unit: s.unit,
    tolerancePct:
      s.toleranceAbs !== undefined && s.expected ? (s.toleranceAbs / Math.abs(s.expected)) * 100 : (s.tolerancePct ?? (s.expected === null ? 0 : 5)),
    ...(s.toleranceAbs !== undefined ? { toleranceAbs: s.toleranceAbs } : {}),
    role: s.role,
    experiment: s.experiment,
    measure: s.measure,
    ...(s.knownGap ? { knownGap: s.knownGap } : {}),
    ...(s.note ? { note: s.note } : {}),
  };
}
