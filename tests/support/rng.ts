import { createPrng } from '../../src/venue/prng.js';

// A small seeded generator (mulberry32) for scripted test sessions: the same seed gives the
// same script on every machine, and no test depends on Math.random.
export function rng(seed: number): () => number {
  const prng = createPrng(seed);
  return () => prng.next();
}
