// The claims harness: each paper lists the numbers and stated shapes of the paper, with the
// catalogue id (`ref`) of each, the experiment that measures it, a tolerance and whether a
// parameter was fitted to it (calibrated), it came out of the model (predicted) or it only checks
// that a mechanism was coded as the paper describes it (conformance). Every paper
// writes its claims with the one builder here, `claim({...})`; the paper registry stamps each
// claim with its paper. Evaluating a claim runs its experiment (memoised by `measure`, so claims
// sharing a run share it) and compares.

/** A paper's id, as registered (workloads/registry.ts), or a companion document's (URPC's lecture notes). */
export type Paper = string;
/** How a claim relates to the model's fitted numbers; a union so new roles are one more member. */
export type Role = 'calibrated' | 'predicted' | 'conformance';
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
  /**
   * A known gap's recorded value: what the model gives now (at test scale), and the band around it
   * (relative, in percent of gapValue; or gapBandAbs in the claim's unit) it must stay in, so a
   * gap cannot regress unseen. A stated shape's gap records none: it must keep not holding.
   */
  gapValue?: number;
  gapBand?: number;
  gapBandAbs?: number;
  /**
   * The paper gives two incompatible values for this quantity: which reading the model follows
   * and the other number. Reported apart, outside the pass rate.
   */
  inconsistent?: { follows: string; other: number | string };
  /** The quantity lies outside the model (a disk, a compiler, a workload mix): why. Reported apart. */
  notSimulated?: string;
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
    ...(s.gapValue !== undefined ? { gapValue: s.gapValue } : {}),
    ...(s.gapBand !== undefined ? { gapBand: s.gapBand } : {}),
    ...(s.gapBandAbs !== undefined ? { gapBandAbs: s.gapBandAbs } : {}),
    ...(s.inconsistent ? { inconsistent: s.inconsistent } : {}),
    ...(s.notSimulated ? { notSimulated: s.notSimulated } : {}),
    ...(s.note ? { note: s.note } : {}),
  };
}

/** A correction to a claim as its file writes it: a role, a status, a tolerance, a gap's value. */
export type Revision = Partial<
  Pick<ClaimSpec, 'role' | 'expected' | 'tolerancePct' | 'toleranceAbs' | 'knownGap' | 'gapValue' | 'gapBand' | 'gapBandAbs' | 'inconsistent' | 'notSimulated' | 'note'>
> & {
  /** Why the claim changed (kept in its note). */
  why?: string;
};

/**
 * Apply a paper's reviewed corrections (role, status, tolerance, recorded gap values) by claim id.
 * An id that names no claim is an error, so a correction cannot silently fall off.
 */
export function revise(claims: Claim[], revisions: Record<string, Revision>): Claim[] {
  const ids = new Set(claims.map((c) => c.id));
  const stray = Object.keys(revisions).filter((id) => !ids.has(id));
  if (stray.length) throw new Error(`revisions name no claim: ${stray.join(', ')}`);
  return claims.map((c) => {
    const r = revisions[c.id];
    if (!r) return c;
    const { why, ...fields } = r;
    const relative = fields.toleranceAbs === undefined && (fields.tolerancePct !== undefined || c.toleranceAbs === undefined);
    const note = [c.note, why ?? fields.note].filter(Boolean).join('; ');
    return claim({
      ...c,
      ...fields,
      tolerancePct: relative ? (fields.tolerancePct ?? c.tolerancePct) : undefined,
      toleranceAbs: relative ? undefined : (fields.toleranceAbs ?? c.toleranceAbs),
      ...(note ? { note } : {}),
    });
  });
}

/** How an evaluated claim came out; a union so new statuses are one more member. */
export type Status = 'pass' | 'fail' | 'known-gap' | 'paper-inconsistent' | 'not-simulated';

/** Statuses outside the pass rate: the paper contradicts itself, or the model does not cover it. */
export const SET_APART: readonly Status[] = ['paper-inconsistent', 'not-simulated'];

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
  gapValue?: number;
  gapBand?: number;
  gapBandAbs?: number;
  inconsistent?: { follows: string; other: number | string };
  notSimulated?: string;
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
    ...(c.gapValue !== undefined ? { gapValue: c.gapValue } : {}),
    ...(c.gapBand !== undefined ? { gapBand: c.gapBand } : {}),
    ...(c.gapBandAbs !== undefined ? { gapBandAbs: c.gapBandAbs } : {}),
    ...(c.inconsistent ? { inconsistent: c.inconsistent } : {}),
    ...(c.notSimulated ? { notSimulated: c.notSimulated } : {}),
  };
  if (c.notSimulated) return { ...base, simulated: null, errorPct: null, status: 'not-simulated' };
  const missed = (): Status => (c.inconsistent ? 'paper-inconsistent' : c.knownGap ? 'known-gap' : 'fail');
  let v: number | boolean;
  try {
    v = c.measure(scale);
  } catch (e) {
    return { ...base, simulated: null, errorPct: null, status: 'fail', error: (e as Error).message };
  }
  if (typeof v === 'boolean' || c.expected === null) {
    const ok = v === true;
    return { ...base, simulated: null, errorPct: null, status: c.inconsistent ? 'paper-inconsistent' : ok ? 'pass' : missed() };
  }
  const errorPct = c.expected === 0 ? (v === 0 ? 0 : Infinity) : ((v - c.expected) / Math.abs(c.expected)) * 100;
  const ok =
    c.toleranceAbs !== undefined ? Math.abs(v - c.expected) <= c.toleranceAbs + 1e-9 : Math.abs(errorPct) <= c.tolerancePct + 1e-9;
  return {
    ...base,
    simulated: round(v),
    errorPct: round(errorPct, 2),
    status: c.inconsistent ? 'paper-inconsistent' : ok ? 'pass' : missed(),
  };
}

/**
 * Whether a known gap's value stays in its recorded band; null when the claim records no value.
 */
export function inGapBand(c: Pick<Claim, 'gapValue' | 'gapBand' | 'gapBandAbs'>, simulated: number): boolean | null {
  if (c.gapValue === undefined) return null;
  const band = c.gapBandAbs ?? (Math.abs(c.gapValue) * (c.gapBand ?? 0)) / 100;
  return Math.abs(simulated - c.gapValue) <= band + 1e-9;
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
