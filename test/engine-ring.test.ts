// The engine's circular FIFO against a plain array: every sequence of pushes, shifts and removals
// (across growth and wrap-around) leaves the same elements in the same order.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Ring } from '../sim/engine/ring.js';

describe('Ring', () => {
  it('behaves as an array under push, shift and remove (property)', () => {
    const op = fc.oneof(
      fc.integer({ min: 0, max: 40 }).map((x) => ({ k: 'push' as const, x })),
      fc.constant({ k: 'shift' as const, x: 0 }),
      fc.integer({ min: 0, max: 40 }).map((x) => ({ k: 'remove' as const, x })),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const ring = new Ring<number>();
        const model: number[] = [];
        for (const { k, x } of ops) {
          if (k === 'push') {
            ring.push(x);
            model.push(x);
          } else if (k === 'shift') {
            if (model.length === 0) continue;
            expect(ring.shift()).toBe(model.shift());
          } else {
            const i = model.indexOf(x);
            expect(ring.remove(x)).toBe(i >= 0);
            if (i >= 0) model.splice(i, 1);
          }
          expect(ring.toArray()).toEqual(model);
          expect(ring.size).toBe(model.length);
          expect(ring.empty).toBe(model.length === 0);
          if (model.length > 0) expect(ring.peek()).toBe(model[0]);
          expect(ring.includes(x)).toBe(model.includes(x));
        }
      }),
      { numRuns: 300 },
    );
  });
});
