/**
 * A scenario from its seed alone: one draw of the level's arbitrary (`scenario-arbitrary.ts`)
 * seeded with it, so a seed reproduces its scenario anywhere.
 */
import fc from 'fast-check';
import type { Scenario } from './scenario.js';
import { scenarioArbitrary, type LevelChoice, type ScenarioArbitraryConstraints } from './scenario-arbitrary.js';

/** One arbitrary per level and length bounds (the default kernel only): building it cost more than a draw. */
const arbitraryCache = new Map<string, fc.Arbitrary<Scenario>>();

function cachedArbitrary(level: LevelChoice, generator: ScenarioArbitraryConstraints | undefined): fc.Arbitrary<Scenario> {
  if (generator?.kernel !== undefined) return scenarioArbitrary(level, generator);
  const key = `${level}|${generator?.minCommands ?? ''}|${generator?.maxCommands ?? ''}`;
  let arb = arbitraryCache.get(key);
  if (arb === undefined) {
    arb = scenarioArbitrary(level, generator);
    arbitraryCache.set(key, arb);
  }
  return arb;
}

export function generateScenario(level: LevelChoice, seed: number, generator?: ScenarioArbitraryConstraints): Scenario {
  return fc.sample(cachedArbitrary(level, generator), { seed, numRuns: 1 })[0]!;
}
