/**
 * A small seeded pseudo-random generator (mulberry32) for the simulated venue.
 *
 * The kernel never draws random numbers; only the test-side venue does, and it must be
 * reproducible from a seed alone, so the generator is ours rather than Math.random.
 * `forKey` derives an independent stream per order id: a venue decision about one order
 * then does not depend on how many draws other orders made, which keeps shrunk scenarios
 * behaving like the originals.
 */
export interface Prng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
}

export function createPrng(seed: number): Prng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => p > 0 && next() < p,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new RangeError('Prng.pick: empty list');
      return items[Math.floor(next() * items.length)] as T;
    },
  };
}

/** FNV-1a of `key`, mixed with `seed`: the seed of a per-key stream. */
export function hashSeed(seed: number, key: string): number {
  let h = (0x811c9dc5 ^ (seed >>> 0)) >>> 0;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** An independent stream for one key (an order id) under one seed. */
export function prngForKey(seed: number, key: string): Prng {
  return createPrng(hashSeed(seed, key));
}
