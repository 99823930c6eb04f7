/**
 * Numbers that binary64 does not hold the way a person writes them, for sizes, prices, fees,
 * ratios and amounts: decimal fractions (0.1, 0.3, 1.7999999999999998), sizes whose decimal
 * remainders do not round-trip (0.3 - 0.03 + 0.03 != 0.3), values one ulp either side of
 * each of those, subnormals, and the values at and one ulp inside each bound. Round numbers
 * come first, so that shrinking moves towards them.
 */
import fc from 'fast-check';
import { nextDown, nextUp } from './float-steps.js';

/** The schemas' Size and Price maximum (vocabulary.schema.json). */
export const SIZE_PRICE_MAX = 1e12;

export interface FloatHostileNumberConstraints {
  /** Smallest value generated, inclusive (default: the smallest subnormal, 5e-324). */
  min?: number;
  /** Largest value generated, inclusive (default 1e12, the schemas' Size and Price bound). */
  max?: number;
  /** Also draw the negatives of the candidates (amounts; `min` and `max` then bound |x|; default false). */
  signed?: boolean;
  /** Round values drawn first and shrunk to (default [1, 2.5, 10]). */
  round?: readonly number[];
}

/** Decimal fractions that have no exact binary64 form, and sums that are not their decimal. */
export const DECIMAL_FRACTIONS: readonly number[] = [
  0.1, 0.2, 0.3, 0.7, 1.1, 1.7999999999999998, 2.675, 0.1 + 0.2, 1 / 3, 2 / 3, 0.03, 0.27, 123.456, 30.9, 12345.678, 99.99, 100.005, 1e-7,
];

/** Sizes with a decimal split whose remainder does not round-trip (see non-round-trip-split.ts). */
export const NON_ROUND_TRIP_SIZES: readonly number[] = [0.3, 123.456, 1 / 3, 2 / 3];

/** Subnormals and the smallest normal: products with them underflow to 0. */
export const SUBNORMALS: readonly number[] = [Number.MIN_VALUE, 1e-310, 2.2250738585072014e-308];

/** Magnitudes the decimal fractions are scaled to (a price of 0.3 and one of 30000.000000000004). */
const scales = [1, 1e-9, 1e-3, 1e3, 1e6] as const;

function withDefaults(c: FloatHostileNumberConstraints): Required<FloatHostileNumberConstraints> {
  return { min: c.min ?? Number.MIN_VALUE, max: c.max ?? SIZE_PRICE_MAX, signed: c.signed ?? false, round: c.round ?? [1, 2.5, 10] };
}

/**
 * Candidate lists by their constraints: arbitraries are built per scenario and the list costs
 * hundreds of ulp steps to compute, so each distinct list is computed once (they are small).
 */
const candidateCache = new Map<string, readonly number[]>();

/** Every candidate within the constraints, round values first, without repeats. */
export function floatHostileCandidates(constraints: FloatHostileNumberConstraints = {}): number[] {
  const c = withDefaults(constraints);
  const key = `${c.min}|${c.max}|${String(c.signed)}|${c.round.join(',')}`;
  let cached = candidateCache.get(key);
  if (cached === undefined) {
    cached = computeCandidates(c);
    candidateCache.set(key, cached);
  }
  return cached.slice();
}

function computeCandidates(c: Required<FloatHostileNumberConstraints>): number[] {
  const hostile = [...NON_ROUND_TRIP_SIZES, ...scales.flatMap((s) => DECIMAL_FRACTIONS.map((d) => d * s)), ...SUBNORMALS];
  const neighbours = hostile.flatMap((x) => [nextUp(x), nextDown(x)]);
  const bounds = [c.max, nextDown(c.max), c.min, nextUp(c.min)];
  const out: number[] = [];
  for (const x of [...c.round, ...hostile, ...neighbours, ...bounds]) {
    if (Number.isFinite(x) && x >= c.min && x <= c.max && !out.includes(x)) out.push(x);
  }
  return c.signed ? [...out, ...out.filter((x) => x > 0).map((x) => -x)] : out;
}

export function floatHostileNumber(constraints: FloatHostileNumberConstraints = {}): fc.Arbitrary<number> {
  const candidates = floatHostileCandidates(constraints);
  if (candidates.length === 0) throw new RangeError(`floatHostileNumber: no candidate in [${constraints.min}, ${constraints.max}]`);
  return fc.constantFrom(...candidates);
}
