/**
 * The few smallest failing scenarios of each signature, kept whole as a run goes (a bounded
 * set per signature), so that the shard file can carry them and the merged report reproduces
 * each kept exemplar without the generator that made it.
 */
import type { FuzzShardExemplar } from '../../generated/ts/types.js';
import type { Scenario } from './scenario.js';

/** Exemplars kept per signature: the smallest scenarios first. */
export const EXEMPLARS_PER_SIGNATURE_MAX = 4;

export interface ExemplarKey {
  readonly signature: string;
  readonly source: string;
  readonly seed: number;
  readonly steps: number;
}

/** Smallest first: fewest steps, then source, then seed (a total order: the same choice anywhere). */
export function exemplarOrder(a: Omit<ExemplarKey, 'signature'>, b: Omit<ExemplarKey, 'signature'>): number {
  return a.steps - b.steps || (a.source < b.source ? -1 : a.source > b.source ? 1 : 0) || a.seed - b.seed;
}

export class ExemplarKeeper {
  private readonly kept = new Map<string, { key: ExemplarKey; scenario: Scenario }[]>();

  offer(key: ExemplarKey, scenario: Scenario): void {
    const list = this.kept.get(key.signature) ?? [];
    this.kept.set(key.signature, list);
    if (list.length >= EXEMPLARS_PER_SIGNATURE_MAX && exemplarOrder(key, list.at(-1)!.key) >= 0) return;
    list.push({ key, scenario });
    list.sort((a, b) => exemplarOrder(a.key, b.key));
    if (list.length > EXEMPLARS_PER_SIGNATURE_MAX) list.pop();
  }

  records(): FuzzShardExemplar[] {
    return [...this.kept.values()].flatMap((list) =>
      list.map(({ key, scenario }) => ({ record: 'exemplar' as const, signature: key.signature, seed: key.seed, source: key.source, scenario: { level: scenario.level, config: scenario.config, steps: [...scenario.steps] } })),
    );
  }
}
