/**
 * Kernel configurations for generated scenarios: few slots (so that events collide on the
 * same slot), sometimes a tiny `seen_event_ids_max` (so that eviction is exercised), every
 * mode and verbosity, fee rates including zero and rebates.
 */
import fc from 'fast-check';
import type { KernelConfig, Mode } from '../../generated/ts/types.js';

export interface KernelConfigConstraints {
  /** Largest slot_count generated (default 3). */
  slotCountMax?: number;
  /** Modes to draw from (default: all four). */
  modes?: readonly Mode[];
}

const allModes: readonly Mode[] = ['backtest', 'paper', 'sandbox', 'live'];

function withDefaults(c: KernelConfigConstraints): Required<KernelConfigConstraints> {
  return { slotCountMax: c.slotCountMax ?? 3, modes: c.modes ?? allModes };
}

export function kernelConfigArbitrary(constraints: KernelConfigConstraints = {}): fc.Arbitrary<KernelConfig> {
  const c = withDefaults(constraints);
  return fc.record({
    slot_count: fc.integer({ min: 1, max: c.slotCountMax }),
    seed_capital: fc.constantFrom(10_000, 1_000, 0, 123_456.78),
    seen_event_ids_max: fc.constantFrom(1024, 4, 2, 65536),
    reconcile_tolerance: fc.constantFrom(0.01, 0, 1, 1e-9),
    exchange: fc.record({
      taker_rate: fc.constantFrom(0.0004, 0.001, 0, -0.0001, 0.000675),
      maker_rate: fc.constantFrom(0.0002, 0, -0.0001, 0.00015),
      fee_calibration_alpha: fc.constantFrom(0.1, 1, 0.5, 0.05),
    }),
    control: fc.record({
      mode: fc.constantFrom(...c.modes),
      verbosity: fc.constantFrom('NORMAL' as const, 'DEBUG' as const),
    }),
  });
}
