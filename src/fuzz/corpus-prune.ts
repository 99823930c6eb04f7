/**
 * Pruning the shared corpus: the smallest set of scenarios that keeps every feature (matrix
 * cell, diagnostic code) any candidate covers. Exact minimum set cover is NP-hard; the greedy
 * choice (most uncovered features first, then fewest steps, then id) is within ln(n) of it, and
 * a second pass drops any chosen scenario whose features the others all cover. Deterministic:
 * the same candidates give the same set in any input order.
 */

export interface CorpusCandidate {
  readonly id: string;
  readonly steps: number;
  readonly features: readonly string[];
}

function better(a: CorpusCandidate, gainA: number, b: CorpusCandidate, gainB: number): boolean {
  if (gainA !== gainB) return gainA > gainB;
  if (a.steps !== b.steps) return a.steps < b.steps;
  return a.id < b.id;
}

/** The chosen candidates, sorted by id. */
export function pruneCorpus(candidates: readonly CorpusCandidate[]): CorpusCandidate[] {
  const unique = [...new Map(candidates.map((c) => [c.id, c])).values()];
  const uncovered = new Set(unique.flatMap((c) => c.features));
  const chosen: CorpusCandidate[] = [];
  while (uncovered.size > 0) {
    let best: CorpusCandidate | undefined;
    let bestGain = 0;
    for (const c of unique) {
      const gain = c.features.reduce((n, f) => n + (uncovered.has(f) ? 1 : 0), 0);
      if (gain > 0 && (best === undefined || better(c, gain, best, bestGain))) {
        best = c;
        bestGain = gain;
      }
    }
    if (best === undefined) break;
    chosen.push(best);
    for (const f of best.features) uncovered.delete(f);
  }
  // Redundancy pass, largest first: a scenario whose every feature another chosen one holds goes.
  const count = new Map<string, number>();
  for (const c of chosen) for (const f of new Set(c.features)) count.set(f, (count.get(f) ?? 0) + 1);
  const kept = new Set(chosen);
  for (const c of [...chosen].sort((a, b) => b.steps - a.steps || (a.id < b.id ? 1 : -1))) {
    const features = [...new Set(c.features)];
    if (features.every((f) => count.get(f)! > 1)) {
      kept.delete(c);
      for (const f of features) count.set(f, count.get(f)! - 1);
    }
  }
  return [...kept].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
