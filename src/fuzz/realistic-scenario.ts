/**
 * Realistic scenarios: a strategy's intents against the simulated venue, in a closed loop
 * with the reference kernel (intent -> order actions -> venue -> reports -> kernel), plus
 * mark prices and the exchange's account feed. Venue faults (rejects, partial fills, late
 * fills, duplicates, reorders) come from the venue's constraints, drawn per scenario.
 */
import fc from 'fast-check';
import type { SimulatedVenueConstraints } from '../venue/index.js';
import { kernelConfigArbitrary, type KernelConfigConstraints } from './kernel-config-arbitrary.js';
import { tsReferenceKernel, type ReferenceKernelFactory } from './reference-kernel.js';
import type { Scenario } from './scenario.js';
import { ScenarioBuilder } from './scenario-builder.js';
import { applyStrategyCommand, strategyCommandArbitrary } from './strategy-command.js';

export interface RealisticScenarioConstraints {
  /** Commands per scenario (each becomes at most one step; default 0..60, uniform length). A
   * minimum above 0 also bounds shrinking: fast-check cannot shrink an array below its minLength. */
  minCommands?: number;
  maxCommands?: number;
  config?: KernelConfigConstraints;
  /** Fixed venue behaviour; by default each scenario draws one of `venueProfiles`. */
  venue?: SimulatedVenueConstraints;
  /** The engine that runs while generating (default: the TS reference kernel). */
  kernel?: ReferenceKernelFactory;
}

/**
 * Venue behaviours a scenario draws from: calm, noisy, hostile, and calm but splitting fills
 * into decimal partials whose binary sum is not the order's size (the fill arithmetic's
 * overfill test and average are only told apart from their near misses by such splits).
 */
export const venueProfiles: readonly SimulatedVenueConstraints[] = [
  { rejectRate: 0, cancelRejectRate: 0, rateLimitRate: 0, expireRate: 0, duplicateRate: 0, reorderRate: 0, lateFillAfterCancelRate: 0, overfillRate: 0 },
  { hostileSplitRate: 0.3 },
  { rejectRate: 0.2, cancelRejectRate: 0.3, rateLimitRate: 0.2, expireRate: 0.2, skipAckRate: 0.3, duplicateRate: 0.3, reorderRate: 0.3, lateFillAfterCancelRate: 0.5, overfillRate: 0.2, fillPartsMax: 5, hostileSplitRate: 0.3 },
  { rejectRate: 0, cancelRejectRate: 0, rateLimitRate: 0, expireRate: 0, duplicateRate: 0, reorderRate: 0, lateFillAfterCancelRate: 0, overfillRate: 0, hostileSplitRate: 1 },
];

export function realisticScenarioArbitrary(constraints: RealisticScenarioConstraints = {}): fc.Arbitrary<Scenario> {
  const kernel = constraints.kernel ?? tsReferenceKernel;
  const venue = constraints.venue === undefined ? fc.constantFrom(...venueProfiles) : fc.constant(constraints.venue);
  return fc
    .record({
      seed: fc.integer({ min: 0, max: 0x7fffffff }),
      config: kernelConfigArbitrary(constraints.config),
      venue,
      commands: fc.array(strategyCommandArbitrary(), { minLength: constraints.minCommands ?? 0, maxLength: constraints.maxCommands ?? 60, size: 'max' }),
    })
    .map(({ seed, config, venue: v, commands }) => {
      const b = new ScenarioBuilder(config, seed, kernel, v);
      for (const cmd of commands) applyStrategyCommand(b, cmd);
      b.snapshot();
      return b.scenario('realistic');
    });
}
