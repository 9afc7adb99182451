import { describe, expect, it } from 'vitest';
import { claim, evaluate, inGapBand, revise, risesAllowingDips, risesAtEveryStep, type ClaimSpec, type RegisteredClaim } from '../workloads/claims.js';

const base = { source: 'a table', conditions: 'none', unit: 'percent', role: 'predicted' as const, experiment: 'x' };
/** A claim as the registry hands it out (the paper stamped on). */
const registered = (paper: string, s: ClaimSpec): RegisteredClaim => ({ ...claim(s), paper });

describe('claims harness', () => {
  it('passes within a relative tolerance and fails outside it', () => {
    const c = (v: number) => registered('l3', { ...base, ref: 'l3.x', expected: 100, measure: () => v });
    expect(evaluate(c(104), 'test').status).toBe('pass');
    expect(evaluate(c(106), 'test').status).toBe('fail');
    expect(evaluate(c(106), 'test').errorPct).toBe(6);
  });

  it('reads an absolute tolerance in the claim unit (percentage points)', () => {
    const c = (v: number) => registered('l3', { ...base, ref: 'l3.y', expected: 1, toleranceAbs: 5, measure: () => v });
    expect(evaluate(c(5.9), 'test').status).toBe('pass');
    expect(evaluate(c(6.1), 'test').status).toBe('fail');
    expect(c(0).tolerancePct).toBe(500);
  });

  it('reports a declared gap as known-gap, and as pass once the model agrees', () => {
    const c = (v: number) => registered('l3', { ...base, ref: 'l3.z', expected: 10, knownGap: 'why', measure: () => v });
    expect(evaluate(c(20), 'test').status).toBe('known-gap');
    expect(evaluate(c(10), 'test').status).toBe('pass');
  });

  it('turns a throwing experiment into a failure with the error', () => {
    const c = registered('l3', { ...base, ref: 'l3.w', expected: 1, measure: () => { throw new Error('boom'); } });
    expect(evaluate(c, 'test')).toMatchObject({ status: 'fail', error: 'boom' });
  });

  it('defaults the tolerance to 5% for numbers and 0 for stated shapes, and refuses an absolute tolerance on a shape', () => {
    expect(claim({ ...base, ref: 'l3.a', expected: 3, measure: () => 3 }).tolerancePct).toBe(5);
    expect(claim({ ...base, ref: 'l3.b', expected: null, measure: () => true }).tolerancePct).toBe(0);
    expect(claim({ ...base, ref: 'l3.c', id: 'l3.c.intercept', expected: 3, tolerancePct: 10, measure: () => 3 })).toMatchObject({ id: 'l3.c.intercept', ref: 'l3.c', tolerancePct: 10 });
    expect(() => claim({ ...base, ref: 'l3.d', expected: null, toleranceAbs: 1, measure: () => true })).toThrow(/stated shape/);
  });

  it('tells a curve that rises allowing dips from one that rises at every step', () => {
    const dip = [10, 12, 11.5, 13];
    expect(risesAllowingDips(dip, 0.05)).toBe(true);
    expect(risesAtEveryStep(dip)).toBe(false);
    expect(risesAllowingDips([10, 12, 11, 13], 0.05)).toBe(false);
    expect(risesAtEveryStep([1, 1.1, 1.25], 0.05)).toBe(true);
    expect(risesAtEveryStep([1, 1.04], 0.05)).toBe(false);
  });

  it('checks stated shapes as booleans', () => {
    const yes = registered('urpc', { ...base, ref: 'urpc.s', expected: null, measure: () => true });
    const no = registered('urpc', { ...base, ref: 'urpc.t', expected: null, measure: () => false });
    expect(evaluate(yes, 'test').status).toBe('pass');
    expect(evaluate(no, 'test').status).toBe('fail');
  });

  it('sets apart a paper-inconsistent claim and a not-simulated one, whatever the model gives', () => {
    const inc = registered('urpc', { ...base, ref: 'urpc.i', expected: 10, inconsistent: { follows: 'the latency', other: 11 }, measure: () => 10 });
    expect(evaluate(inc, 'test')).toMatchObject({ status: 'paper-inconsistent', simulated: 10, inconsistent: { other: 11 } });
    const ns = registered('inks', { ...base, ref: 'inks.n', expected: 47, notSimulated: 'disk', measure: () => { throw new Error('not run'); } });
    expect(evaluate(ns, 'test')).toMatchObject({ status: 'not-simulated', simulated: null, notSimulated: 'disk' });
  });

  it('holds a known gap to its recorded band, relative or absolute', () => {
    expect(inGapBand({ gapValue: 20, gapBand: 2 }, 20.3)).toBe(true);
    expect(inGapBand({ gapValue: 20, gapBand: 2 }, 20.5)).toBe(false);
    expect(inGapBand({ gapValue: 0, gapBandAbs: 0.1 }, -0.05)).toBe(true);
    expect(inGapBand({}, 3)).toBeNull();
  });

  it('revises claims by id (role, tolerance kind, status) and refuses an id that names no claim', () => {
    const cs = [claim({ ...base, ref: 'l3.r', expected: 10, toleranceAbs: 5, measure: () => 12 })];
    const [r] = revise(cs, { 'l3.r': { role: 'calibrated', tolerancePct: 5, knownGap: 'why', gapValue: 12, gapBand: 1, why: 'fitted' } });
    expect(r).toMatchObject({ role: 'calibrated', tolerancePct: 5, knownGap: 'why', gapValue: 12, note: 'fitted' });
    expect(r.toleranceAbs).toBeUndefined();
    expect(evaluate({ ...r, paper: 'l3' }, 'test').status).toBe('known-gap');
    expect(() => revise(cs, { 'l3.nope': { role: 'conformance' } })).toThrow(/l3.nope/);
  });
});
