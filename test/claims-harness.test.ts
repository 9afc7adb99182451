import { describe, expect, it } from 'vitest';
import { defineClaim, evaluate } from '../workloads/claims.js';

const base = { source: 'a table', conditions: 'none', unit: 'percent', role: 'predicted' as const, experiment: 'x' };

describe('claims harness', () => {
  it('passes within a relative tolerance and fails outside it', () => {
    const c = (v: number) => defineClaim('l3', { ...base, ref: 'l3.x', expected: 100, measure: () => v });
    expect(evaluate(c(104), 'test').status).toBe('pass');
    expect(evaluate(c(106), 'test').status).toBe('fail');
    expect(evaluate(c(106), 'test').errorPct).toBe(6);
  });

  it('reads an absolute tolerance in the claim unit (percentage points)', () => {
    const c = (v: number) => defineClaim('l3', { ...base, ref: 'l3.y', expected: 1, toleranceAbs: 5, measure: () => v });
    expect(evaluate(c(5.9), 'test').status).toBe('pass');
    expect(evaluate(c(6.1), 'test').status).toBe('fail');
    expect(c(0).tolerancePct).toBe(500);
  });

  it('reports a declared gap as known-gap, and as pass once the model agrees', () => {
    const c = (v: number) => defineClaim('l3', { ...base, ref: 'l3.z', expected: 10, knownGap: 'why', measure: () => v });
    expect(evaluate(c(20), 'test').status).toBe('known-gap');
    expect(evaluate(c(10), 'test').status).toBe('pass');
  });

  it('turns a throwing experiment into a failure with the error', () => {
    const c = defineClaim('l3', { ...base, ref: 'l3.w', expected: 1, measure: () => { throw new Error('boom'); } });
    expect(evaluate(c, 'test')).toMatchObject({ status: 'fail', error: 'boom' });
  });

  it('checks stated shapes as booleans', () => {
    const yes = defineClaim('urpc', { ...base, ref: 'urpc.s', expected: null, measure: () => true });
    const no = defineClaim('urpc', { ...base, ref: 'urpc.t', expected: null, measure: () => false });
    expect(evaluate(yes, 'test').status).toBe('pass');
    expect(evaluate(no, 'test').status).toBe('fail');
  });
});
