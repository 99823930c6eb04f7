/** One entry point over the three generator levels. */
import fc from 'fast-check';
import { adversarialScenarioArbitrary } from './adversarial-scenario.js';
import { invalidScenarioArbitrary } from './invalid-scenario.js';
import { realisticScenarioArbitrary } from './realistic-scenario.js';
import type { ReferenceKernelFactory } from './reference-kernel.js';
import type { Scenario, ScenarioLevel } from './scenario.js';

export type LevelChoice = ScenarioLevel | 'all';

export interface ScenarioArbitraryConstraints {
  /** Commands per scenario (default 0..60; each command is at most one step). A minimum bounds shrinking too. */
  minCommands?: number;
  maxCommands?: number;
  kernel?: ReferenceKernelFactory;
}

export function scenarioArbitrary(level: LevelChoice, c: ScenarioArbitraryConstraints = {}): fc.Arbitrary<Scenario> {
  const common = { ...(c.maxCommands !== undefined ? { maxCommands: c.maxCommands } : {}), ...(c.kernel ? { kernel: c.kernel } : {}) };
  const small = c.minCommands !== undefined ? { minCommands: c.minCommands } : {};
  switch (level) {
    case 'realistic':
      return realisticScenarioArbitrary({ ...common, ...small });
    case 'adversarial':
      return adversarialScenarioArbitrary({ ...common, ...small });
    case 'invalid':
      return invalidScenarioArbitrary({ ...common, ...small });
    case 'all':
      return fc.oneof(
        { weight: 2, arbitrary: scenarioArbitrary('realistic', c) },
        { weight: 3, arbitrary: scenarioArbitrary('adversarial', c) },
        { weight: 1, arbitrary: scenarioArbitrary('invalid', c) },
      );
  }
}
