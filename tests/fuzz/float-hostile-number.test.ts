import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { floatHostileCandidates, floatHostileNumber } from '../../src/fuzz/float-hostile-number.js';
import { nextDown } from '../../src/fuzz/float-steps.js';

describe('floatHostileNumber', () => {
  it('stays within its bounds and holds decimal fractions, ulp neighbours, subnormals and the bound', () => {
    const c = floatHostileCandidates();
    expect(c.every((x) => x >= Number.MIN_VALUE && x <= 1e12)).toBe(true);
    for (const x of [0.1, 0.3, 1.7999999999999998, 0.1 + 0.2, 5e-324, 1e12, nextDown(1e12), 0.27000000000000007]) expect(c, String(x)).toContain(x);
    expect(c[0]).toBe(1);
  });

  it('signed: negatives too, bounded by |x| <= max, no -0', () => {
    const c = floatHostileCandidates({ max: 1e15, signed: true, round: [0] });
    expect(c).toContain(-0.3);
    expect(c).toContain(1e15);
    expect(c).toContain(-1e15);
    expect(c.some((x) => Object.is(x, -0))).toBe(false);
    expect(c.every((x) => Math.abs(x) <= 1e15)).toBe(true);
  });

  it('refuses constraints no candidate meets, naming them', () => {
    expect(() => floatHostileNumber({ min: 5, max: 1 })).toThrow(/no candidate in \[5, 1\]/);
    expect(fc.sample(floatHostileNumber({ min: 0.2, max: 0.4 }), { seed: 1, numRuns: 50 }).every((x) => x >= 0.2 && x <= 0.4)).toBe(true);
  });
});
