/**
 * Fill splits whose binary sum is not the decimal one. For an order of intended size `I`,
 * a prefix of fills summing (in binary64, left to right) to `f` such that
 * `f + (I - f) !== I`: the venue's last fill, the remainder `I - f`, then brings the order
 * to a filled size that is not `I` unless the kernel clamps it to exactly `I`. Only sizes
 * whose last significand bit is odd have such prefixes (the remainder must round to a tie),
 * so the prefix is searched among decimal fractions of `I` (what a venue reports), never built
 * from raw bits.
 */

/** Whether `filled + (intended - filled)` gives back `intended` in binary64. */
export function roundTrips(intended: number, filled: number): boolean {
  return filled + (intended - filled) === intended;
}

/** Decimal places tried for the prefix fills, and the fractions of the size they start from. */
const prefix_decimals = [1, 2, 3, 4, 5, 6, 8, 10] as const;
const prefix_twentieths_max = 19;
/** Bound on the cached answers (sizes seen by one venue are few; the cache only saves time). */
const split_cache_max = 4096;

function roundTo(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
}

function singlePrefixes(size: number): number[] {
  const out: number[] = [];
  for (const d of prefix_decimals) {
    for (let n = 1; n <= prefix_twentieths_max; n++) {
      const a = roundTo((size * n) / 20, d);
      if (a > 0 && a < size && !out.includes(a)) out.push(a);
    }
  }
  return out;
}

const cache = new Map<number, readonly number[] | null>();

/**
 * Prefix fills (one or two decimal fractions of `size`) after which the remainder does not
 * round-trip; undefined when `size` has none among the candidates.
 */
export function nonRoundTripPrefix(size: number): readonly number[] | undefined {
  const known = cache.get(size);
  if (known !== undefined) return known ?? undefined;
  const singles = singlePrefixes(size);
  const single = singles.find((a) => !roundTrips(size, a));
  let found: readonly number[] | null = single !== undefined ? [single] : null;
  for (let i = 0; found === null && i < singles.length; i++) {
    for (let j = 0; j < singles.length; j++) {
      const f = singles[i]! + singles[j]!;
      if (f < size && !roundTrips(size, f)) {
        found = [singles[i]!, singles[j]!];
        break;
      }
    }
  }
  if (cache.size >= split_cache_max) cache.clear();
  cache.set(size, found);
  return found ?? undefined;
}
