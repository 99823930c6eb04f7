/**
 * A failure's signature: a short stable string of domain facts (failure class, implementation,
 * step kind, generalised pointer, matrix cell, the codes on both sides). Two failures with one
 * signature most likely show one bug, on any machine and in any shard, so shard results dedupe
 * by it when they merge (`shard-merge.ts`), and a regression fixture is matched to it.
 */
import type { FailureFacts } from './failure-facts.js';

export interface SignedFailure {
  readonly kind: string;
  readonly implementation: string;
  readonly facts: FailureFacts;
}

/** Fields joined by ` | `; empty facts stay as `-` so that every signature has the same shape. */
export function failureSignatureOf(f: SignedFailure): string {
  const { step_kind, pointer, cell, codes } = f.facts;
  const or = (s: string) => (s === '' ? '-' : s);
  return [f.kind, f.implementation, or(step_kind), or(pointer), or(cell), `${or(codes.reference)}/${or(codes.target)}`].join(' | ');
}
