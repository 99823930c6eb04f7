/**
 * Shrinks a failing scenario with fast-check: the property "this scenario runs clean" is
 * checked from the same seed that generated it (run 1 of seed S is the scenario of seed S),
 * and fast-check's shrinker then removes commands and simplifies values while the same kind
 * of failure on the same implementation persists. A step-level pass (`minimise-steps.ts`)
 * then removes the concrete steps the failure does not need. Same seed, same generator: same
 * minimal scenario (both passes are deterministic).
 */
import fc from 'fast-check';
import { checkScenarioBatch, type BatchOptions, type FuzzTarget, type ScenarioFailure } from './fuzz-engine.js';
import { minimiseSteps } from './minimise-steps.js';
import type { Scenario } from './scenario.js';
import { scenarioArbitrary, type LevelChoice, type ScenarioArbitraryConstraints } from './scenario-arbitrary.js';

export interface ShrinkResult {
  readonly original: Scenario;
  readonly minimal: Scenario;
  readonly failure: ScenarioFailure;
  /** Property evaluations the shrink took. */
  readonly evaluations: number;
}

export interface ShrinkOptions extends Omit<BatchOptions, 'coverage'> {
  readonly level: LevelChoice;
  readonly seed: number;
  readonly generator?: ScenarioArbitraryConstraints;
  /** Bound on shrink evaluations (fast-check's `maxSkipsPerRun` is not it: this caps the whole shrink). */
  readonly evaluationsMax?: number;
}

const same = (a: ScenarioFailure, b: ScenarioFailure) => a.kind === b.kind && a.implementation === b.implementation;

/** Returns undefined when the scenario of this seed does not fail. */
export async function shrinkScenario(targets: readonly FuzzTarget[], o: ShrinkOptions): Promise<ShrinkResult | undefined> {
  const arb = scenarioArbitrary(o.level, o.generator);
  const evaluationsMax = o.evaluationsMax ?? 2000;
  let original: { scenario: Scenario; failure: ScenarioFailure } | undefined;
  let best: { scenario: Scenario; failure: ScenarioFailure } | undefined;
  let evaluations = 0;
  const property = fc.asyncProperty(arb, async (scenario) => {
    evaluations += 1;
    if (original !== undefined && evaluations > evaluationsMax) return true; // stop shrinking: keep the best so far
    const { failures } = await checkScenarioBatch([scenario], targets, { ...o, skipKernelInvariants: o.skipKernelInvariants ?? false });
    const failure = failures[0];
    if (failure === undefined) return true;
    if (original === undefined) {
      original = { scenario, failure };
    } else if (!same(failure, original.failure)) {
      return true; // a different failure: not the one being shrunk
    }
    best = { scenario, failure };
    return false;
  });
  await fc.check(property, { seed: o.seed, numRuns: 1 });
  if (original === undefined || best === undefined) return undefined;
  const target = original.failure;
  let last = best;
  const stillFails = async (scenario: Scenario): Promise<boolean> => {
    const failure = (await checkScenarioBatch([scenario], targets, o)).failures[0];
    if (failure === undefined || !same(failure, target)) return false;
    last = { scenario, failure };
    return true;
  };
  const minimised = await minimiseSteps(best.scenario, stillFails, Math.max(50, evaluationsMax - evaluations));
  // The failure as seen on the final scenario (its step index is the one in the minimal scenario).
  const final = minimised.scenario === best.scenario ? best : last;
  return { original: original.scenario, minimal: minimised.scenario, failure: final.failure, evaluations: evaluations + minimised.evaluations };
}
