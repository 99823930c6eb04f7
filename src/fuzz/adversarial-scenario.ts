/**
 * Adversarial scenarios: strategy lifecycles (so that slots reach deep stages) interleaved
 * with any event at any time (see `adversarial-command.ts`).
 */
import fc from 'fast-check';
import type { SimulatedVenueConstraints } from '../venue/index.js';
import { applyAdversarialCommand, adversarialCommandArbitrary, type AdversarialCommand } from './adversarial-command.js';
import { kernelConfigArbitrary, type KernelConfigConstraints } from './kernel-config-arbitrary.js';
import { venueProfiles } from './realistic-scenario.js';
import { tsReferenceKernel, type ReferenceKernelFactory } from './reference-kernel.js';
import type { Scenario } from './scenario.js';
import { ScenarioBuilder } from './scenario-builder.js';
import { applyStrategyCommand, strategyCommandArbitrary, type StrategyCommand } from './strategy-command.js';

export interface AdversarialScenarioConstraints {
  minCommands?: number;
  maxCommands?: number;
  config?: KernelConfigConstraints;
  venue?: SimulatedVenueConstraints;
  kernel?: ReferenceKernelFactory;
}

type MixedCommand = { readonly s: StrategyCommand } | { readonly a: AdversarialCommand };

export function adversarialScenarioArbitrary(constraints: AdversarialScenarioConstraints = {}): fc.Arbitrary<Scenario> {
  const kernel = constraints.kernel ?? tsReferenceKernel;
  const venue = constraints.venue === undefined ? fc.constantFrom(...venueProfiles) : fc.constant(constraints.venue);
  const command: fc.Arbitrary<MixedCommand> = fc.oneof(
    { weight: 1, arbitrary: strategyCommandArbitrary().map((s) => ({ s })) },
    { weight: 1, arbitrary: adversarialCommandArbitrary().map((a) => ({ a })) },
  );
  return fc
    .record({
      seed: fc.integer({ min: 0, max: 0x7fffffff }),
      config: kernelConfigArbitrary(constraints.config),
      venue,
      commands: fc.array(command, { minLength: constraints.minCommands ?? 0, maxLength: constraints.maxCommands ?? 60, size: 'max' }),
    })
    .map(({ seed, config, venue: v, commands }) => {
      const b = new ScenarioBuilder(config, seed, kernel, v);
      for (const cmd of commands) {
        if ('s' in cmd) applyStrategyCommand(b, cmd.s);
        else applyAdversarialCommand(b, cmd.a);
      }
      b.snapshot();
      return b.scenario('adversarial');
    });
}
