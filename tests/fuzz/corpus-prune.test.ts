import { describe, expect, it } from 'vitest';
import { pruneCorpus, type CorpusCandidate } from '../../src/fuzz/corpus-prune.js';
import { rng as seededRandom } from '../support/rng.js';

const c = (id: string, steps: number, features: string[]): CorpusCandidate => ({ id, steps, features });

describe('corpus pruning', () => {
  it('keeps the smallest covering set: fewer scenarios first, then fewer steps', () => {
    const candidates = [c('a', 10, ['x', 'y']), c('b', 5, ['y', 'z']), c('c', 50, ['x', 'y', 'z']), c('d', 3, ['x']), c('e', 1, ['z'])];
    expect(pruneCorpus(candidates).map((k) => k.id)).toEqual(['c']);
    expect(pruneCorpus(candidates.filter((k) => k.id !== 'c')).map((k) => k.id)).toEqual(['b', 'd']);
  });

  it('drops a chosen scenario the later choices make redundant', () => {
    // Greedy takes x (4 new features), then needs both a and b for 5 and 6; together they hold x's.
    const candidates = [c('x', 1, ['1', '2', '3', '4']), c('a', 2, ['1', '2', '5']), c('b', 2, ['3', '4', '6'])];
    expect(pruneCorpus(candidates).map((k) => k.id)).toEqual(['a', 'b']);
  });

  it('covers every feature of random candidates, in any input order, with no redundant entry', () => {
    const rng = seededRandom(42);
    const features = Array.from({ length: 40 }, (_, i) => `f${i}`);
    const candidates = Array.from({ length: 60 }, (_, i) => c(`id${i}`, 1 + Math.floor(rng() * 50), features.filter(() => rng() < 0.1)));
    const kept = pruneCorpus(candidates);
    const all = new Set(candidates.flatMap((k) => k.features));
    expect(new Set(kept.flatMap((k) => k.features))).toEqual(all);
    expect(pruneCorpus([...candidates].reverse())).toEqual(kept);
    for (const k of kept) {
      const others = new Set(kept.filter((o) => o !== k).flatMap((o) => o.features));
      expect(k.features.every((f) => others.has(f))).toBe(false);
    }
  });
});
