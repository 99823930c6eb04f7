/**
 * canonicallyEqual: the invariant checker's shortcut for `canonicalize(a) === canonicalize(b)`.
 * It must answer exactly as the two texts would, and throw where `canonicalize` throws.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalize } from '../../src/canonical/index.js';
import { canonicallyEqual } from '../../src/canonical/canonical-equal.js';

function textsEqual(a: unknown, b: unknown): boolean | 'throws' {
  try {
    return canonicalize(a) === canonicalize(b);
  } catch {
    return 'throws';
  }
}

function fast(a: unknown, b: unknown): boolean | 'throws' {
  try {
    return canonicallyEqual(a, b);
  } catch {
    return 'throws';
  }
}

/** Values with what canonicalize refuses or writes one way from several forms mixed in. */
const odd = fc.constantFrom<unknown>(-0, 0, NaN, Infinity, 2 ** 53, 1e21, undefined, '\uD800', 'a\uD83D\uDE00', new Date(0), 1, '1', null);
const value = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    odd,
    fc.jsonValue({ maxDepth: 2 }),
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('a', 'b', '\uDC00'), tie('v'), { maxKeys: 3 }),
  ),
})).v;

describe('canonicallyEqual', () => {
  it('agrees with comparing canonical texts, throwing included', () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        expect(fast(a, b)).toBe(textsEqual(a, b));
        expect(fast(a, structuredClone(a))).toBe(textsEqual(a, a));
      }),
      { numRuns: 3000 },
    );
  });

  it('treats -0 as 0 and key order as irrelevant, as the canonical text does', () => {
    expect(canonicallyEqual({ x: -0, y: [1] }, { y: [1], x: 0 })).toBe(true);
    expect(canonicallyEqual({ x: 1 }, { x: 1, y: 2 })).toBe(false);
    expect(() => canonicallyEqual({ x: NaN }, { x: NaN })).toThrow();
    expect(() => canonicallyEqual({ x: undefined }, { x: undefined })).toThrow();
  });
});
