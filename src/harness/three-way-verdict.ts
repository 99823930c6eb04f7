// A fixture's verdict is three-way: its golden answers, the reference's answers, and a target's
// answers. Judging the target only against the reference would blame the target for a change
// of the reference (a TS regression, or an intended change not followed yet), and the advice
// "refill the goldens" would then write the reference's bug into them. So when the reference
// left its golden and a target still reproduces that golden, both cases are reported as
// `reference-changed`; `golden-stale` (refilling is safe) is kept for a reference that every
// target follows.
import type { FixtureVerdict } from './fixture-verdict.js';

/** How one implementation's answers to one fixture compare with the two baselines. */
export interface ThreeWay {
  /** The implementation against the reference's answers (the reference: against the golden). */
  readonly againstReference: FixtureVerdict;
  /** The implementation against the golden answers; undefined for the reference itself. */
  readonly againstGolden: FixtureVerdict | undefined;
  /** Whether the reference gave its own golden answers (undefined: the reference did not run). */
  readonly referenceMatchesGolden: boolean | undefined;
}

export type ThreeWayStatus = 'passed' | 'diverged' | 'errored' | 'golden-stale' | 'reference-changed';

/**
 * The status of a target case. A target that follows the reference passes (a stale golden is
 * the reference's case to report); one that left the reference but still gives the golden
 * answers did not diverge: the reference changed.
 */
export function targetStatus(w: ThreeWay): ThreeWayStatus {
  if (w.againstReference.status === 'errored') return 'errored';
  if (w.againstReference.status === 'passed') return 'passed';
  if (w.referenceMatchesGolden === false && w.againstGolden?.status === 'passed') return 'reference-changed';
  return 'diverged';
}

/**
 * The status of the reference's own case: `golden-stale` when it left the golden and no
 * target still reproduces the golden (a refill is what every implementation agrees on),
 * `reference-changed` when some target does.
 */
export function referenceStatus(againstGolden: FixtureVerdict, someTargetKeepsGolden: boolean): ThreeWayStatus {
  if (againstGolden.status === 'errored') return 'errored';
  if (againstGolden.status === 'passed') return 'passed';
  return someTargetKeepsGolden ? 'reference-changed' : 'golden-stale';
}
