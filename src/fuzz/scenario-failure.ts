/** What a fuzz check reports of a scenario that failed: kind, where, one line, and its facts. */
import type { FailureFacts } from './failure-facts.js';

export type FailureKind = 'divergence' | 'invariant' | 'crash' | 'hang';

export interface ScenarioFailure {
  readonly kind: FailureKind;
  readonly implementation: string;
  /** Scenario step index (-1: the configure line). */
  readonly step: number;
  /** One line: what broke, where, both values. */
  readonly summary: string;
  /** The domain facts its signature is built from (`failure-signature.ts`). */
  readonly facts?: FailureFacts;
}
